// English text to statements: sentence splitting, Link Grammar parses, rules over the links.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/base/statement.h"
#include "graph/entities/recogniser.h"
#include "graph/entities/values.h"
#include "graph/extract/lexicon.h"
#include "graph/extract/sentences.h"

namespace weft::extract {

// A statement found in a sentence, in two forms: canonical for the graph (lemmatised predicate,
// canonical entity names, qualifiers) and surface for Open IE evaluation (the words as written).
struct Extraction {
  // Graph statements split coordinations into one statement per conjunct; the surface form
  // keeps a clause whole, as Open IE benchmarks expect. Some extractions serve both.
  enum class Use { kBoth, kGraph, kSurface };
  Use use = Use::kBoth;
  StatementRecord record;  // evidence.sentence is the sentence index; begin/end its byte span
  std::string relation;    // surface relation, e.g. "has asked"
  std::vector<std::string> arguments;  // surface arg1, arg2, "to the U.S.", ...
  // The rule that made it (the UD reading's names, docs/extraction.md); empty for the Link
  // Grammar reading.
  std::string rule;
};

struct EntityInfo {
  std::string name;
  EntityType type = EntityType::kOther;
  std::vector<std::string> aliases;
};

struct DocumentExtraction {
  std::vector<SentenceSpan> sentences;
  std::vector<Extraction> statements;
  std::vector<EntityInfo> entities;
  size_t parsed = 0;      // sentences with a full parse
  size_t partial = 0;     // parsed with some words left out (null links)
  size_t fallbacks = 0;   // no parse: shallow extraction instead
  size_t timed_out = 0;   // parses stopped by the time guard (their result may vary by machine)
  size_t skipped = 0;     // too long or not text: nothing extracted, counted here
  size_t table_rows = 0;  // rows of a table of figures ("Shr 1.20 dlrs vs 1.10 dlrs"): not read
  std::vector<uint32_t> skipped_sentences;   // their indices in `sentences`
  std::vector<std::string> skipped_reasons;  // why, one per skipped sentence
};

// Which parser the clause rules read: Link Grammar's linkages, or the UD trees of weft's own
// tagger and parser (graph/syntax).
enum class ParserKind : uint8_t { kLinkGrammar, kUd };

struct ExtractorOptions {
  ParserKind parser = ParserKind::kUd;
  // Directory of Link Grammar's English dictionary; empty: the library's own data directory.
  std::string dictionary_dir;
  // A last-resort guard: seconds one parse may take before it is stopped. The work a parse does
  // is bounded by max_words, the connector length and the null count; a parse that hits this
  // guard is counted in DocumentExtraction::timed_out, since its result depends on the machine.
  int max_parse_seconds = 10;
  // Sentences with more words than this go straight to the shallow fallback.
  size_t max_words = 60;
  // Linkages (cheapest first) whose readings are compared; the one that reads most of the
  // sentence is used.
  int linkages_considered = 20;
  // Sentences longer than this many bytes are skipped and counted.
  size_t max_sentence_bytes = 2000;
};

// A word's part in its clause, as the cheapest parse of its sentence reads it.
enum class Role : uint8_t { kNone, kSubject, kObject, kPrepObject, kPossessor };

struct SyntacticWord {
  size_t begin = 0, end = 0;  // bytes in the sentence
  Role role = Role::kNone;
  // The verb of the clause a subject or object belongs to, as a word index (auxiliaries and
  // modals lead to the verb they govern: "has seen" is one clause), or -1.
  int clause = -1;
  // Whether the word is the subject of the sentence's main clause.
  bool main_subject = false;
  // The preposition of a prepositional object, lower case ("by", "with").
  std::string preposition;
};

// Thread-safe after construction: one dictionary and lexicon shared by all callers, parse state
// per call.
class Extractor {
 public:
  // Throws Error when the English dictionary cannot be loaded.
  static std::unique_ptr<Extractor> Create(const ExtractorOptions& options = {});
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Splits `text` into sentences and extracts statements from each, resolving pronouns and
  // "the company" to earlier entities of the document.
  // Named mentions the entity recogniser finds become entities of their type; values (money,
  // percentages, dates, quantities) become value nodes named as written, with their normalised
  // form as an alias. Relative dates ("on Tuesday") resolve against `date` when given. A
  // statement with a pronoun that names nobody is left out.
  // The text's first `headline_bytes` are its headline (put before the body by the reader):
  // read as headlines are written, and its statements marked with the qualifier `section:
  // headline`.
  DocumentExtraction ExtractDocument(std::string_view text,
                                     std::optional<entities::CalendarDate> date = std::nullopt,
                                     size_t headline_bytes = 0) const;

  // One sentence on its own (no document context): for evaluation.
  std::vector<Extraction> ExtractSentence(std::string_view sentence) const;

  // The words of one sentence with their roles; empty when the sentence has no parse (too
  // long, not text, or beyond the time guard).
  std::vector<SyntacticWord> Syntax(std::string_view sentence) const;

  const Lexicon& lexicon() const { return *lexicon_; }
  const entities::Recogniser& recogniser() const;

  struct Impl;

 private:
  Extractor() = default;
  // Whether a one-word name is on the recogniser's list of places and on no list of
  // organisations, people or common words ("Tokyo"; not "Phoenix").
  bool ListedPlace(const std::string& word) const;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<Lexicon> lexicon_;
};

// Makes each common description of the document's graph statements ("agreement", "company",
// "vice president": lower-case words typed as a concept) a node of this document alone (ScopedName,
// with a short hash of `document_name` as the scope), in the statements and in the entity list.
// Qualifier values stay as they are: they are not nodes. The ingest pipeline applies it; `weft
// extract` does not, so its records keep plain names.
void ScopeKinds(std::string_view document_name, DocumentExtraction* doc);

}  // namespace weft::extract
