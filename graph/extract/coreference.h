// Pronouns to the people a text names: each candidate mention is described by where it stands
// against the pronoun (sentences and words between, which comes nearer, how often the text
// names it) and by the parts both play in their clauses (subject, object, possessor, object of
// a preposition, one clause or two); a log-linear model trained on GAP's development split
// chooses among the candidates and "none of them".
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/extract/extractor.h"
#include "graph/extract/lexicon.h"

namespace weft::extract {

// A pronoun and the mentions that may name the same person.
struct PronounCase {
  std::string_view text;
  size_t offset = 0;  // the pronoun: bytes [offset, offset + length) of text
  size_t length = 0;
  struct Candidate {
    std::string_view name;  // the name; its words find the text's other mentions of it
    size_t offset = 0;      // one mention: bytes [offset, offset + length) of text
    size_t length = 0;      // 0: name.size()
  };
  std::vector<Candidate> candidates;
};

using FeatureList = std::vector<std::string>;

// What the model sees of a case: the features of each candidate (in order) and of "none".
struct CaseFeatures {
  std::vector<FeatureList> candidates;
  FeatureList none;
  // Candidates the pronoun cannot name whatever the weights say (a man for "she").
  std::vector<bool> excluded;
};

// A text's sentences with the roles of their words, parsed when first asked for (or given by
// whoever parsed them already). Not thread-safe.
class TextSyntax {
 public:
  TextSyntax(const Extractor& extractor, std::string_view text,
             std::vector<SentenceSpan> sentences);
  TextSyntax(const Extractor& extractor, std::string_view text);

  size_t SentenceOf(size_t at) const;
  size_t SentenceBegin(size_t s) const;
  const std::vector<SentenceSpan>& sentences() const { return sentences_; }
  std::string_view text() const { return text_; }
  // The word of [begin, end) that plays a part in its clause (the rightmost: a name's head), or
  // any of its words, or nullptr when its sentence has no parse.
  const SyntacticWord* WordAt(size_t begin, size_t end);
  // Sentence s's words, their offsets within the sentence, from a parse made elsewhere.
  void Put(size_t s, std::vector<SyntacticWord> words);

 private:
  const std::vector<SyntacticWord>& Words(size_t s);

  const Extractor& extractor_;
  std::string_view text_;
  std::vector<SentenceSpan> sentences_;
  std::map<size_t, std::vector<SyntacticWord>> parsed_;
};

// Describes a case: parses the sentences that hold the pronoun and the candidates' mentions
// nearest to it (the costly part), finds the other people the text names, and excludes the
// candidates whose titles or first names give the other gender.
CaseFeatures DescribeCase(const Extractor& extractor, const PronounCase& c);
// The same with the text's parses and its people (byte spans of person mentions) at hand.
CaseFeatures DescribeCase(const PronounCase& c, TextSyntax* syntax,
                          const std::vector<std::pair<size_t, size_t>>& people);

// Weights of a log-linear choice among a case's candidates and "none".
class CorefModel {
 public:
  // The first line of a model file.
  static constexpr std::string_view kHeader = "weft-coref 1";

  // Throws InputError naming the file and line for a file that is not a model.
  static CorefModel Load(const std::string& path);
  // Written whole or not at all; throws FileError.
  void Save(const std::string& path) const;

  // The candidate's index, or -1 for none. `probabilities` (when given) receives one per
  // candidate and, last, none's.
  int Choose(const CaseFeatures& c, std::vector<double>* probabilities = nullptr) const;

  double Score(const FeatureList& features) const;

  std::map<std::string, double, std::less<>> weights;
};

struct CorefTrainOptions {
  int epochs = 10;
  double rate = 0.2;    // AdaGrad's step
  double l2 = 1e-4;     // per example
  uint64_t seed = 1;    // the visiting order
  double prune = 1e-4;  // weights smaller than this are left out of the model
};

// Trains on described cases; gold[i] is the index of case i's right candidate, or -1 for none.
// The same cases, options and seed give the same model.
CorefModel TrainCoref(const std::vector<CaseFeatures>& cases, const std::vector<int>& gold,
                      const CorefTrainOptions& options);

// A person the text names: bytes [begin, end), the person's name in the document, the gender
// its titles and first names give.
struct PersonMention {
  size_t begin = 0, end = 0;
  std::string name;
  Gender gender = Gender::kUnknown;
};

// The person each "he", "she", "him", "his", "her" and "hers" of sentence `s` names, keyed by
// the pronoun's byte offset in the sentence: the model's choice among the people of compatible
// gender named in the sentence or the three before it (the nearest four), "" where it chooses
// none of them. A pronoun with no such person has no entry. `people` is in text order.
std::map<size_t, std::string> ResolvePeople(const CorefModel& model, TextSyntax* syntax,
                                            const std::vector<PersonMention>& people, size_t s);

// Where the shared model is looked for: $WEFT_COREF_MODEL alone when set; else beside the
// running binary (weft-coref.model, ../share/weft/weft-coref.model), then the source tree.
std::vector<std::string> CorefModelSearchPath();
// The model, loaded once. Throws Error naming the places looked at when there is none.
std::shared_ptr<const CorefModel> SharedCorefModel();

}  // namespace weft::extract
