// "Did you mean": the closest names to a misspelt one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/snapshot/graph.h"

namespace weft::graph {

// Edit distance between the ASCII-folded forms of a and b, or a value above `limit` once it
// exceeds it.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// Up to `k` entity names close to `name` (by edit distance, then by degree).
std::vector<std::string> SuggestVertices(const Graph& g, std::string_view name, size_t k = 3);
// Up to `k` predicate labels close to `name`.
std::vector<std::string> SuggestLabels(const Graph& g, std::string_view name, size_t k = 3);

// "; did you mean 'A', 'B'?" or "" when there is nothing to suggest.
std::string DidYouMean(const std::vector<std::string>& names);

}  // namespace weft::graph
