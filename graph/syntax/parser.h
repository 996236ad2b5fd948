// The dependency parser: arc-hybrid transitions (Kuhlmann, Gómez-Rodríguez and Satta 2011)
// scored by an averaged perceptron, searched with a beam and trained globally with max-violation
// updates (Huang, Fayong and Guo 2012), or chosen greedily and trained with a dynamic oracle
// (Goldberg and Nivre 2013). Trees are projective; non-projective training trees are lifted
// first (Projectivize).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "graph/syntax/features.h"
#include "graph/syntax/perceptron.h"

namespace weft::syntax {

// The parser's classes: 0 shift; 1 + 2l left-arc with label l; 2 + 2l right-arc with label l.
inline int ParserClasses(int labels) { return 1 + 2 * labels; }

struct Tree {
  std::vector<int> heads;   // per word (0-based index i is word i + 1): 0 root, else 1..n
  std::vector<int> labels;  // per word: a label id
};

// Sentences longer than this are parsed greedily whatever the beam (a beam copies its
// configurations at every step, a cost that grows with the square of the length).
constexpr int kMaxBeamWords = 400;

// Parses a tagged sentence. `tags` are 1-based tag ids (the tagger's class + 1); `root_label` is
// the id of "root", the only label an arc from the root may carry and one no other arc carries.
// Every word gets a head; exactly one word hangs from the root. With `beam_width` above 1 the
// best of a beam of that many configurations is kept at each step (the width the model was
// trained with); 1 is greedy.
Tree Parse(const WeightTable& weights, int labels, int root_label,
           const std::vector<WordKeys>& words, const std::vector<int>& tags, int beam_width = 1);

// Reattaches non-projective arcs to their head's head until the tree is projective (lifting,
// as in Nivre and Nilsson 2005 without the label encoding). Returns the number of arcs lifted.
int Projectivize(std::vector<int>* heads);

struct ParserExample {
  std::vector<WordKeys> words;
  std::vector<int> tags;  // 1-based, as the tagger gives them at run time
  Tree gold;              // projective
};

using ParserProgress = std::function<void(int epoch, double attachment)>;

// Trains on `examples` for `epochs` passes (order from `seed`; from the second pass on, the
// parser follows its own decisions nine times in ten and learns from their costs). Deterministic.
// With `beam_width` above 1: beam search and global max-violation updates instead.
WeightTable TrainParser(const std::vector<ParserExample>& examples, int labels, int root_label,
                        int epochs, uint64_t seed, int beam_width,
                        const ParserProgress& progress = {});

}  // namespace weft::syntax
