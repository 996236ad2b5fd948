// Path expressions compiled to automata over edge labels, for closure evaluation.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/snapshot/graph.h"

namespace weft::query {

// An epsilon-free NFA whose transitions each follow one edge, forward or inverse, with one label
// or any label. Evaluating a path is a search over (vertex, state) pairs: the product of this
// automaton with the graph.
struct Automaton {
  struct Transition {
    uint32_t to;
    graph::LabelId label;  // graph::kAnyLabel: any label
    bool inverse;
  };
  uint32_t start = 0;
  std::vector<std::vector<Transition>> transitions;  // per state
  std::vector<bool> accepting;                       // per state

  size_t num_states() const { return transitions.size(); }
  // The automaton for the inverse path: reversed transitions, each flipped in direction.
  // Evaluating it from the end vertex finds the start vertices.
  Automaton Reversed() const;
};

}  // namespace weft::query
