#include "graph/snapshot/algorithms.h"

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/incremental_components.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <deque>
#include <random>
#include <unordered_map>

namespace weft::graph {

namespace {

// Calls fn(edge, neighbour, forward) for each edge a traversal may follow from v.
template <typename Fn>
void ForEachStep(const Graph& g, VertexId v, Direction dir, std::optional<LabelId> label, Fn&& fn) {
  if (dir != Direction::kIn) {
    Graph::EdgeRange r = label ? g.OutEdges(v, *label) : g.OutEdges(v);
    for (EdgeId e = r.begin; e < r.end; ++e) {
      if (!fn(e, g.Target(e), true)) return;
    }
  }
  if (dir != Direction::kOut) {
    for (EdgeId e : label ? g.InEdges(v, *label) : g.InEdges(v)) {
      if (!fn(e, g.Source(e), false)) return;
    }
  }
}

Direction Reverse(Direction d) {
  return d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : d;
}

struct Parent {
  VertexId vertex;
  EdgeId edge;
  bool forward;
};

}  // namespace

std::optional<Path> ShortestPath(const Graph& g, VertexId from, VertexId to,
                                 const PathOptions& options) {
  if (from == to) {
    Path p;
    p.vertices = {from};
    return p;
  }
  // Two searches, one from each end, each expanding its smaller frontier a whole level at a
  // time; they meet in the middle. Parents are kept in hash maps so a short search on a large
  // graph touches only what it visits.
  std::unordered_map<VertexId, Parent> seen[2];
  std::vector<VertexId> frontier[2] = {{from}, {to}};
  seen[0].emplace(from, Parent{kNone, kNone, true});
  seen[1].emplace(to, Parent{kNone, kNone, true});
  const Direction dirs[2] = {options.direction, Reverse(options.direction)};
  uint32_t hops = 0;
  VertexId meet = kNone;
  while (!frontier[0].empty() && !frontier[1].empty() && hops < options.max_hops) {
    int side = frontier[0].size() <= frontier[1].size() ? 0 : 1;
    std::vector<VertexId> next;
    for (VertexId v : frontier[side]) {
      ForEachStep(g, v, dirs[side], options.label, [&](EdgeId e, VertexId w, bool fwd) {
        if (!seen[side].emplace(w, Parent{v, e, side == 0 ? fwd : !fwd}).second) return true;
        if (seen[1 - side].count(w)) {
          meet = w;
          return false;
        }
        next.push_back(w);
        return true;
      });
      if (meet != kNone) break;
    }
    ++hops;
    if (meet != kNone) break;
    frontier[side] = std::move(next);
  }
  if (meet == kNone) return std::nullopt;
  Path path;
  // From `from` to meet, then meet to `to`.
  std::vector<VertexId> left;
  std::vector<std::pair<EdgeId, bool>> left_edges;
  for (VertexId v = meet; v != from;) {
    const Parent& p = seen[0].at(v);
    left_edges.emplace_back(p.edge, p.forward);
    v = p.vertex;
    left.push_back(v);
  }
  std::reverse(left.begin(), left.end());
  std::reverse(left_edges.begin(), left_edges.end());
  path.vertices = left;
  path.vertices.push_back(meet);
  for (auto [e, f] : left_edges) {
    path.edges.push_back(e);
    path.forward.push_back(f);
  }
  for (VertexId v = meet; v != to;) {
    const Parent& p = seen[1].at(v);
    path.edges.push_back(p.edge);
    path.forward.push_back(p.forward);
    v = p.vertex;
    path.vertices.push_back(v);
  }
  path.cost = static_cast<double>(path.edges.size());
  return path;
}

std::optional<Path> WeightedShortestPath(const Graph& g, VertexId from, VertexId to,
                                         const PathOptions& options) {
  // BGL's Dijkstra over a CSR holding the edges the search may follow, in the direction it may
  // follow them; each entry remembers the snapshot edge and its direction.
  struct Arc {
    VertexId u, v;
    EdgeId edge;
    bool forward;
  };
  std::vector<Arc> arcs;
  for (EdgeId e = 0; e < g.num_edges(); ++e) {
    if (options.label && g.Label(e) != *options.label) continue;
    if (options.direction != Direction::kIn) arcs.push_back({g.Source(e), g.Target(e), e, true});
    if (options.direction != Direction::kOut) arcs.push_back({g.Target(e), g.Source(e), e, false});
  }
  std::sort(arcs.begin(), arcs.end(),
            [](const Arc& a, const Arc& b) { return a.u != b.u ? a.u < b.u : a.edge < b.edge; });
  std::vector<std::pair<VertexId, VertexId>> pairs(arcs.size());
  for (size_t i = 0; i < arcs.size(); ++i) pairs[i] = {arcs[i].u, arcs[i].v};
  Csr csr(boost::edges_are_sorted, pairs.begin(), pairs.end(),
          static_cast<VertexId>(g.num_vertices()));
  auto edge_index = get(boost::edge_index, csr);
  auto weight = boost::make_function_property_map<Csr::edge_descriptor, double>(
      [&](const Csr::edge_descriptor& d) {
        float c = g.Confidence(arcs[get(edge_index, d)].edge);
        return 1.0 / std::max(0.01, static_cast<double>(c));
      });
  std::vector<VertexId> pred(g.num_vertices());
  std::vector<double> dist(g.num_vertices());
  boost::dijkstra_shortest_paths(
      csr, from,
      boost::predecessor_map(
          boost::make_iterator_property_map(pred.begin(), get(boost::vertex_index, csr)))
          .distance_map(
              boost::make_iterator_property_map(dist.begin(), get(boost::vertex_index, csr)))
          .weight_map(weight));
  if (from != to && pred[to] == to) return std::nullopt;
  Path path;
  path.cost = dist[to];
  for (VertexId v = to; v != from; v = pred[v]) {
    // The cheapest arc from pred[v] to v.
    VertexId u = pred[v];
    size_t best = SIZE_MAX;
    double best_w = 0;
    auto [lo, hi] = std::equal_range(arcs.begin(), arcs.end(), Arc{u, 0, 0, true},
                                     [](const Arc& a, const Arc& b) { return a.u < b.u; });
    for (auto it = lo; it != hi; ++it) {
      if (it->v != v) continue;
      double w = 1.0 / std::max(0.01, static_cast<double>(g.Confidence(it->edge)));
      if (best == SIZE_MAX || w < best_w) {
        best = static_cast<size_t>(it - arcs.begin());
        best_w = w;
      }
    }
    path.vertices.push_back(v);
    path.edges.push_back(arcs[best].edge);
    path.forward.push_back(arcs[best].forward);
  }
  path.vertices.push_back(from);
  std::reverse(path.vertices.begin(), path.vertices.end());
  std::reverse(path.edges.begin(), path.edges.end());
  std::vector<bool> fwd(path.forward.rbegin(), path.forward.rend());
  path.forward = fwd;
  return path;
}

Subgraph Induced(const Graph& g, std::vector<VertexId> vertices) {
  Subgraph sub;
  sub.vertices = std::move(vertices);
  sub.depth.assign(sub.vertices.size(), 0);
  // A sorted copy for membership: a neighbourhood's few hundred vertices search faster than
  // they hash, and allocate once.
  std::vector<VertexId> in_set = sub.vertices;
  std::sort(in_set.begin(), in_set.end());
  for (VertexId v : sub.vertices) {
    Graph::EdgeRange r = g.OutEdges(v);
    for (EdgeId e = r.begin; e < r.end; ++e) {
      if (std::binary_search(in_set.begin(), in_set.end(), g.Target(e))) sub.edges.push_back(e);
    }
  }
  return sub;
}

Subgraph Neighbourhood(const Graph& g, VertexId centre, uint32_t hops, const PathOptions& options,
                       size_t max_vertices) {
  std::unordered_map<VertexId, uint32_t> depth_of;
  std::vector<VertexId> order = {centre};
  std::vector<uint32_t> depth = {0};
  depth_of.emplace(centre, 0);
  for (size_t i = 0; i < order.size() && order.size() < max_vertices; ++i) {
    VertexId v = order[i];
    uint32_t d = depth[i];
    if (d >= hops) continue;
    ForEachStep(g, v, options.direction, options.label, [&](EdgeId, VertexId w, bool) {
      if (depth_of.emplace(w, d + 1).second) {
        order.push_back(w);
        depth.push_back(d + 1);
      }
      return order.size() < max_vertices;
    });
  }
  Subgraph sub = Induced(g, order);
  sub.depth = std::move(depth);
  if (options.label) {
    std::erase_if(sub.edges, [&](EdgeId e) { return g.Label(e) != *options.label; });
  }
  return sub;
}

std::vector<double> PageRank(const Graph& g, double alpha, uint32_t max_iterations,
                             double tolerance) {
  const size_t n = g.num_vertices();
  if (n == 0) return {};
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), last(n);
  const double teleport = (1.0 - alpha) / static_cast<double>(n);
  for (uint32_t iter = 0; iter < max_iterations; ++iter) {
    std::swap(x, last);
    double dangling = 0;
    for (VertexId v = 0; v < n; ++v) {
      if (g.OutDegree(v) == 0) dangling += last[v];
    }
    std::fill(x.begin(), x.end(), alpha * dangling / static_cast<double>(n) + teleport);
    for (VertexId u = 0; u < n; ++u) {
      size_t deg = g.OutDegree(u);
      if (deg == 0) continue;
      double share = alpha * last[u] / static_cast<double>(deg);
      Graph::EdgeRange r = g.OutEdges(u);
      for (EdgeId e = r.begin; e < r.end; ++e) x[g.Target(e)] += share;
    }
    double err = 0;
    for (size_t v = 0; v < n; ++v) err += std::abs(x[v] - last[v]);
    if (err < static_cast<double>(n) * tolerance) break;
  }
  return x;
}

std::vector<uint32_t> WeakComponents(const Graph& g, uint32_t* count) {
  const size_t n = g.num_vertices();
  std::vector<VertexId> rank(n), parent(n);
  auto rank_map = boost::make_iterator_property_map(rank.begin(), boost::identity_property_map());
  auto parent_map =
      boost::make_iterator_property_map(parent.begin(), boost::identity_property_map());
  boost::disjoint_sets<decltype(rank_map), decltype(parent_map)> sets(rank_map, parent_map);
  boost::initialize_incremental_components(g.csr(), sets);
  boost::incremental_components(g.csr(), sets);
  std::vector<uint32_t> component(n, kNone);
  std::unordered_map<VertexId, uint32_t> number;
  for (VertexId v = 0; v < n; ++v) {
    VertexId root = sets.find_set(v);
    auto [it, fresh] = number.emplace(root, static_cast<uint32_t>(number.size()));
    component[v] = it->second;
  }
  if (count) *count = static_cast<uint32_t>(number.size());
  return component;
}

std::vector<double> Betweenness(const Graph& g, size_t exact_limit, size_t samples, uint64_t seed) {
  const size_t n = g.num_vertices();
  std::vector<double> centrality(n, 0.0);
  if (n == 0) return centrality;
  if (n <= exact_limit) {
    boost::brandes_betweenness_centrality(
        g.csr(), boost::centrality_map(boost::make_iterator_property_map(
                                           centrality.begin(), get(boost::vertex_index, g.csr())))
                     .vertex_index_map(get(boost::vertex_index, g.csr())));
    return centrality;
  }
  // Brandes' accumulation from a random sample of sources (the BGL computes only the exact
  // form), scaled to estimate the total.
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<VertexId> pick(0, static_cast<VertexId>(n - 1));
  std::vector<int64_t> dist(n, -1);
  std::vector<double> sigma(n, 0), delta(n, 0);
  std::vector<std::vector<VertexId>> preds(n);
  std::vector<VertexId> stack;
  for (size_t k = 0; k < samples; ++k) {
    VertexId s = pick(rng);
    for (VertexId v : stack) {
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
      preds[v].clear();
    }
    stack.clear();
    dist[s] = 0;
    sigma[s] = 1;
    std::deque<VertexId> queue = {s};
    while (!queue.empty()) {
      VertexId v = queue.front();
      queue.pop_front();
      stack.push_back(v);
      Graph::EdgeRange r = g.OutEdges(v);
      for (EdgeId e = r.begin; e < r.end; ++e) {
        VertexId w = g.Target(e);
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push_back(w);
        }
        if (dist[w] == dist[v] + 1) {
          sigma[w] += sigma[v];
          preds[w].push_back(v);
        }
      }
    }
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      VertexId w = *it;
      for (VertexId v : preds[w]) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      if (w != s) centrality[w] += delta[w];
    }
  }
  const double scale = static_cast<double>(n) / static_cast<double>(samples);
  for (double& c : centrality) c *= scale;
  return centrality;
}

}  // namespace weft::graph
