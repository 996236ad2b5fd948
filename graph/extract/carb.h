// Open IE evaluation in the manner of CaRB (Bhardwaj, Aggarwal, Mausam, EMNLP 2019).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace weft::extract {

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

// Scores `predicted` against `gold`. Tuples are compared token by token after lower-casing and
// removing stop words and punctuation: a predicted tuple matches a gold one only if they share a
// relation word and words of each of the first two arguments; its precision is the share of its
// words found in the gold tuple's matching parts, its recall the share of the gold tuple's words
// it covers. Per sentence, recall takes each gold tuple's best match and precision a greedy
// one-to-one assignment by precision. Sweeping the confidence threshold gives the curve; F1 is
// its best point and AUC the area under it.
CarbScore ScoreCarb(const OpenIeSet& gold, const OpenIeSet& predicted);

// Reads CaRB's gold file: sentence<TAB>relation<TAB>arg1<TAB>arg2[<TAB>arg3...]. Throws
// InputError naming the line of a malformed record.
OpenIeSet ReadCarbGold(const std::string& path);

}  // namespace weft::extract
