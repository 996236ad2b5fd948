#include "graph/eval/conll.h"

#include <algorithm>

namespace weft::eval {

void AddSentence(const std::vector<entities::TokenSpan>& gold,
                 const std::vector<entities::TokenSpan>& predicted, size_t tokens,
                 ConllScore* score) {
  score->tokens += tokens;
  ++score->sentences;
  for (const entities::TokenSpan& g : gold) {
    ++score->overall.gold;
    ++score->by_type[static_cast<int>(g.type)].gold;
  }
  for (const entities::TokenSpan& p : predicted) {
    ++score->overall.predicted;
    ++score->by_type[static_cast<int>(p.type)].predicted;
    if (std::find(gold.begin(), gold.end(), p) != gold.end()) {
      ++score->overall.correct;
      ++score->by_type[static_cast<int>(p.type)].correct;
    }
  }
}

}  // namespace weft::eval
