// The extractor's shared state, for the files that implement Extractor's methods.
#pragma once

#include <link-grammar/link-includes.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graph/entities/recogniser.h"
#include "graph/extract/extractor.h"
#include "graph/extract/reading.h"
#include "graph/syntax/model.h"

namespace weft::extract {

struct Extractor::Impl {
  Dictionary dict = nullptr;
  std::unique_ptr<entities::Recogniser> recogniser;
  ExtractorOptions options;
  std::shared_ptr<const syntax::SyntaxModel> syntax;  // the UD reading's model
  ~Impl() {
    if (dict) dictionary_delete(dict);
  }
};

// The named mentions and values the recogniser finds in one sentence read on its own, as the
// UD reading marks them for the parser.
Annotations AnnotateSentence(const entities::Recogniser& recogniser, const Lexicon& lexicon,
                             std::string_view sentence);

// "Bank of America NT and SA", "Goldman, Sachs and Co": a company suffix after "and" or "&"
// closes the name before it, also where the recogniser read it as a name of its own. `text` is
// the document the mentions' offsets are into.
void JoinSuffixConjuncts(std::string_view text, std::vector<entities::Mention>* mentions);
// "Hutton LBO" read as "Hutton" and a word: a mention whose capitalised words after it close
// an organisation the document names whole ("E.F. Hutton LBO Inc") takes them, as that
// organisation's short form. `sentences`: the document's sentence spans.
void ExtendToClosingWords(std::string_view text,
                          const std::vector<std::pair<size_t, size_t>>& sentences,
                          std::vector<entities::Mention>* mentions);
// "Chase Manhattan Asia Ltd of Hong Kong has approached ...", read without "Chase": the one
// capitalised word that opens a sentence right before a name ending in a company suffix is the
// name's, unless it is a function word, a title, a nationality or a place.
void ExtendToOpeningWord(std::string_view text,
                         const std::vector<std::pair<size_t, size_t>>& sentences,
                         const Lexicon& lexicon, std::vector<entities::Mention>* mentions);

// A name the recogniser read across a title ("New Mexico Governor Garrey Carruthers", in a
// document that also names "Public Service Co of New Mexico"): what comes before the title is a
// name of its own (a place when the lexicon knows it as one), the name after it a person; only
// when that name is two words or more, each capitalised ("Secretary of State George Shultz" is
// left whole), and the title is not the first word. Keeps the mentions in text order.
void SplitTitledNames(const Lexicon& lexicon, std::vector<entities::Mention>* mentions);

// A statement the graph leaves to the Open IE output: read through a weak link of the tree (a
// relative or adverbial clause's borrowed subject, an oblique taken for the object), with two
// common nouns as its ends and no name or value among its qualifiers ("dull market -be in->
// day-to-day fund"): it names no entity, and half of such readings are wrong.
bool AboutNoEntity(const Extraction& x, const std::map<std::string, EntityType>& types);

// An event told twice takes its agent once. "Microsoft offers relocation opportunities to its AI
// staff" then "the staff were provided with the opportunity to transfer to the U.S., Ireland
// ...": the agentless passive (AI staff, be provided with, relocation opportunity, to: Ireland)
// matches the earlier statement whose named subject gave the same thing (same head noun) to the
// same participants, so the named agent does it too: with an action noun in the thing, as that
// action on the participants, (Microsoft, relocate, AI staff, to: Ireland); otherwise as the
// earlier relation, (Microsoft, offer, relocation opportunity, to: Ireland). Only earlier
// statements count, and only one agent: two candidates leave the passive as it is.
void GiveAgents(const Lexicon& lex, const std::map<std::string, EntityType>& types,
                std::vector<Extraction>* statements);

}  // namespace weft::extract
