// The shipped syntax model: tag set, relation labels, tagger and parser weights and the
// lemmatiser's tables in one file with a format version, a feature fingerprint and a checksum.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/syntax/conllu.h"
#include "graph/syntax/lemmatizer.h"
#include "graph/syntax/parser.h"
#include "graph/syntax/perceptron.h"

namespace weft::syntax {

// What the model says of one sentence's words.
struct Analysis {
  std::vector<int> tags;  // 0-based into SyntaxModel::tag names
  std::vector<std::string> lemmas;
  Tree tree;
};

class SyntaxModel {
 public:
  // Version 1: magic, version, feature fingerprint, payload, XXH3-64 of all that precedes it.
  // Version 2: the payload holds the parser's beam width and a second tagger pass.
  static constexpr uint32_t kFormatVersion = 2;
  static constexpr uint32_t kMaxBeamWidth = 64;

  // Reads a model file. Throws Error naming the file when it cannot be read, is truncated or
  // damaged (checksum), is not a weft syntax model, was written by a newer weft (version) or
  // with other feature templates (fingerprint).
  static std::unique_ptr<SyntaxModel> Load(const std::string& path);
  static std::unique_ptr<SyntaxModel> FromBytes(std::string_view bytes, const std::string& name);
  // The model shipped with weft, loaded once per process (thread-safe). Looks at
  // $WEFT_SYNTAX_MODEL, then beside the binary (and ../share/weft), then the source tree; throws
  // Error saying where it looked and how to build one.
  static std::shared_ptr<const SyntaxModel> Shared();

  std::string Serialise() const;
  // A copy without the taggers' weights under `tagger_min` and the parser's under `parser_min`
  // in magnitude (the two are trained on different scales: the taggers update per word, the
  // beam parser per sentence).
  std::unique_ptr<SyntaxModel> Pruned(float tagger_min, float parser_min) const;
  // Writes the file through a temporary file and a rename. Throws Error on failure.
  void Save(const std::string& path) const;

  // Tags, lemmatises and parses one sentence given as its words. Words marked in `names` (one
  // flag a word, when given) are known to be parts of names from elsewhere (the entity
  // recogniser): they are tagged as proper nouns (PROPN, NNP) before the parser reads the tags,
  // as is a capitalised first word neither the treebank nor WordNet knows.
  Analysis Analyse(const std::vector<std::string_view>& words,
                   const std::vector<bool>* names = nullptr) const;
  // Fills UPOS, XPOS, lemma, head and relation of each word of `sentence` from its forms.
  void Annotate(Sentence* sentence) const;

  // Whether the treebank has the word (any case) as something other than a proper noun, or
  // WordNet has it and the treebank not as a name: a common word, where one in capitals that is
  // neither is an acronym ("USDA").
  bool IsCommonWord(std::string_view word) const;
  // Whether a word in small letters can be a noun: the treebank has it as one, or WordNet
  // has it as written ("executive").
  bool CanBeNoun(std::string_view lower) const {
    return lemmatizer_.Knows(lower, "NOUN") || lemmatizer_.IsNoun(lower);
  }

  const std::vector<std::string>& tag_names() const { return tags_; }  // "UPOS\tXPOS"
  std::string_view Upos(int tag) const;
  std::string_view Xpos(int tag) const;
  const std::vector<std::string>& labels() const { return labels_; }
  int root_label() const { return root_label_; }
  // The parser's beam (1: greedy), as trained.
  int beam_width() const { return beam_width_; }
  const std::string& provenance() const { return provenance_; }
  size_t feature_count() const {
    return tagger_.feature_count() + second_tagger_.feature_count() + parser_.feature_count();
  }

  static std::unique_ptr<SyntaxModel> Build(std::vector<std::string> tags,
                                            std::vector<std::string> labels, WeightTable tagger,
                                            WeightTable second_tagger, WeightTable parser,
                                            Lemmatizer lemmatizer, std::string provenance,
                                            int beam_width);

 private:
  SyntaxModel() = default;
  bool IsUnknownCapitalised(std::string_view word) const;

  std::vector<std::string> tags_;
  std::vector<std::string> labels_;
  int root_label_ = 0;
  int proper_tag_ = -1;          // the class of (PROPN, NNP), -1 when the tag set lacks it
  int past_tag_ = -1;            // the class of (VERB, VBD), likewise
  int noun_tag_ = -1;            // the class of (NOUN, NN), likewise
  int participle_tag_ = -1;      // the class of (VERB, VBN), likewise
  int present_tag_ = -1;         // the class of (VERB, VBZ), likewise
  int plural_present_tag_ = -1;  // the class of (VERB, VBP), likewise
  int base_tag_ = -1;            // the class of (VERB, VB), likewise
  int to_tag_ = -1;              // the class of (PART, TO), likewise
  int adjective_tag_ = -1;       // the class of (ADJ, JJ), likewise
  int preposition_tag_ = -1;     // the class of (ADP, IN), likewise
  int adverb_tag_ = -1;          // the class of (ADV, RB), likewise
  int aux_past_tag_ = -1;        // the class of (AUX, VBD), likewise
  int aux_present_tag_ = -1;     // the class of (AUX, VBZ), likewise
  int aux_plural_tag_ = -1;      // the class of (AUX, VBP), likewise
  int beam_width_ = 1;
  WeightTable tagger_;
  WeightTable second_tagger_;  // reads the first pass's tags of the words to the right
  WeightTable parser_;
  Lemmatizer lemmatizer_;
  std::string provenance_;  // training data, seed and passes, for `weft parse --version`-like use
};

}  // namespace weft::syntax
