// Scores predicted UD trees against gold ones on the same words: UPOS, XPOS and lemma accuracy,
// UAS and LAS (relations compared without subtypes, punctuation included, as the CoNLL 2018
// shared task's scorer counts them), and attachment per gold relation.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "graph/syntax/conllu.h"

namespace weft::eval {

struct RelationScore {
  size_t gold = 0;       // words with this gold relation
  size_t predicted = 0;  // words predicted with it
  size_t labelled = 0;   // right head and relation
  double Precision() const { return predicted ? static_cast<double>(labelled) / predicted : 0; }
  double Recall() const { return gold ? static_cast<double>(labelled) / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct UdScores {
  size_t sentences = 0;
  size_t words = 0;
  size_t upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
  std::map<std::string, RelationScore> relations;  // by base relation
  double Share(size_t n) const { return words ? static_cast<double>(n) / words : 0; }
};

// Compares sentence by sentence; `gold` and `predicted` must have the same words. Throws Error
// when they do not.
UdScores ScoreUd(const std::vector<syntax::Sentence>& gold,
                 const std::vector<syntax::Sentence>& predicted);

}  // namespace weft::eval
