#include "graph/eval/ud.h"

#include "graph/base/error.h"

namespace weft::eval {

UdScores ScoreUd(const std::vector<syntax::Sentence>& gold,
                 const std::vector<syntax::Sentence>& predicted) {
  if (gold.size() != predicted.size()) throw Error("ud scoring: sentence counts differ");
  UdScores s;
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i].words;
    const auto& p = predicted[i].words;
    if (g.size() != p.size()) {
      throw Error("ud scoring: sentence " + std::to_string(i + 1) + " has other words");
    }
    ++s.sentences;
    for (size_t k = 0; k < g.size(); ++k) {
      ++s.words;
      s.upos += g[k].upos == p[k].upos ? 1 : 0;
      s.xpos += g[k].xpos == p[k].xpos ? 1 : 0;
      s.lemma += g[k].lemma == p[k].lemma ? 1 : 0;
      const bool head = g[k].head == p[k].head;
      const std::string gold_rel(syntax::BaseRelation(g[k].deprel));
      const std::string pred_rel(syntax::BaseRelation(p[k].deprel));
      const bool label = gold_rel == pred_rel;
      s.uas += head ? 1 : 0;
      s.las += head && label ? 1 : 0;
      ++s.relations[gold_rel].gold;
      ++s.relations[pred_rel].predicted;
      if (head && label) ++s.relations[gold_rel].labelled;
    }
  }
  return s;
}

}  // namespace weft::eval
