// Open IE evaluation in the manner of CaRB (Bhardwaj, Aggarwal, Mausam, EMNLP 2019).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace weft::eval {

struct OpenIeTuple {
  std::string relation;
  std::vector<std::string> arguments;  // arg1, arg2, ...
  double confidence = 1.0;
};

// Sentence text -> its tuples.
using OpenIeSet = std::map<std::string, std::vector<OpenIeTuple>>;

struct CarbScore {
  double precision = 0, recall = 0, f1 = 0, auc = 0;
  double threshold = 0;  // the confidence threshold that gives the best F1
  size_t gold = 0, predicted = 0;
  std::vector<std::pair<double, double>> curve;  // (recall, precision), by falling threshold
};

enum class CarbMatch {
  // CaRB's own matcher, the one its published scores use: each tuple is seen as (arg1,
  // relation, all other arguments joined); tokens are split on spaces and compared as written;
  // the relations must share a word (a predicted "be" matches any form of it) and arguments
  // are counted, not required; for reporting verbs ("said", "told", ...) the arguments may also
  // be swapped.
  kCarb,
  // Stricter: lower-cased content words only (stop words and punctuation removed), every
  // argument compared by position, and the relation and each of the first two arguments must
  // share a word with the gold tuple.
  kStrict,
};

// Scores `predicted` against `gold`. A match has a precision (the share of the predicted
// tuple's words found in the gold tuple) and a recall (the share of the gold tuple's words it
// covers). Per sentence, recall takes each gold tuple's best match and precision a greedy
// one-to-one assignment by precision. Sweeping the confidence threshold gives the curve; F1 is
// its best point and AUC the area under it (from recall 0, precision 1).
CarbScore ScoreCarb(const OpenIeSet& gold, const OpenIeSet& predicted,
                    CarbMatch mode = CarbMatch::kCarb);

// The key CaRB matches sentences by: the text without spaces and ASCII punctuation, so that
// tokenisation differences between the sentence list and the gold file do not matter.
std::string CarbSentenceKey(std::string_view sentence);

// Reads CaRB's gold file: sentence<TAB>relation<TAB>arg1<TAB>arg2[<TAB>arg3...]. Throws
// InputError naming the line of a malformed record.
OpenIeSet ReadCarbGold(const std::string& path);

}  // namespace weft::eval
