// CoNLL-2003 scoring: precision, recall and F1 by exact mention match, as conlleval computes.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "graph/entities/model.h"

namespace weft::eval {

struct MentionCounts {
  uint64_t gold = 0;
  uint64_t predicted = 0;
  uint64_t correct = 0;  // same span and same type
  double Precision() const { return predicted ? static_cast<double>(correct) / predicted : 0; }
  double Recall() const { return gold ? static_cast<double>(correct) / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct ConllScore {
  MentionCounts overall;
  std::array<MentionCounts, entities::kClasses> by_type;
  uint64_t tokens = 0;
  uint64_t sentences = 0;
};

// Adds one sentence's gold and predicted mentions to `score`.
void AddSentence(const std::vector<entities::TokenSpan>& gold,
                 const std::vector<entities::TokenSpan>& predicted, size_t tokens,
                 ConllScore* score);

}  // namespace weft::eval
