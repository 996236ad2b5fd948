// Graph algorithms over a snapshot: paths, neighbourhoods, components and centralities.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "graph/snapshot/graph.h"

namespace weft::graph {

// Which edges a traversal may follow from a vertex.
enum class Direction { kOut, kIn, kBoth };

// A path: vertices[0] -> ... -> vertices.back(); edges[i] joins vertices[i] and vertices[i+1],
// and forward[i] says whether it was followed from its source to its target.
struct Path {
  std::vector<VertexId> vertices;
  std::vector<EdgeId> edges;
  std::vector<bool> forward;
  double cost = 0;  // hops, or the summed weights of a weighted search
};

struct PathOptions {
  Direction direction = Direction::kBoth;
  std::optional<LabelId> label;  // follow only edges with this label
  uint32_t max_hops = UINT32_MAX;
};

// A shortest path by number of edges (bidirectional breadth-first search), or nullopt if `to`
// cannot be reached within max_hops. Among equally short paths, the one found first is returned.
std::optional<Path> ShortestPath(const Graph& g, VertexId from, VertexId to,
                                 const PathOptions& options = {});

// A shortest path where an edge costs 1 / confidence (BGL's Dijkstra): prefers well-supported
// edges. Honors direction and label; max_hops does not apply.
std::optional<Path> WeightedShortestPath(const Graph& g, VertexId from, VertexId to,
                                         const PathOptions& options = {});

struct Subgraph {
  std::vector<VertexId> vertices;  // in order of discovery; vertices[0] is the centre
  std::vector<uint32_t> depth;     // hops from the centre, per vertex
  std::vector<EdgeId> edges;       // every edge of g between two of the vertices
};

// Vertices within `hops` of `centre` (following direction and label), and the subgraph they
// induce, as networkx's ego_graph. Stops adding vertices past max_vertices.
Subgraph Neighbourhood(const Graph& g, VertexId centre, uint32_t hops,
                       const PathOptions& options = {}, size_t max_vertices = SIZE_MAX);

// The subgraph induced by a set of vertices.
Subgraph Induced(const Graph& g, std::vector<VertexId> vertices);

// PageRank with damping `alpha`; dangling vertices spread their rank evenly, parallel edges
// count once each, and iteration stops when the L1 change is below n * tolerance, as networkx's
// pagerank. Ranks sum to 1.
std::vector<double> PageRank(const Graph& g, double alpha = 0.85, uint32_t max_iterations = 100,
                             double tolerance = 1e-6);

// Weakly connected components (BGL's incremental components): a component number per vertex,
// numbered from 0 in order of each component's smallest vertex.
std::vector<uint32_t> WeakComponents(const Graph& g, uint32_t* count);

// Betweenness centrality of the directed graph, unnormalised (each ordered pair once). Exact
// (BGL's Brandes) when the graph has at most `exact_limit` vertices; above it, estimated from
// `samples` source vertices drawn with `seed` and scaled by n / samples.
std::vector<double> Betweenness(const Graph& g, size_t exact_limit = 20000, size_t samples = 256,
                                uint64_t seed = 1);

}  // namespace weft::graph
