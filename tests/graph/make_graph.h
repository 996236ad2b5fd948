// A small in-memory graph for tests, from "subject predicate object" triples.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "graph/snapshot/graph.h"

namespace weft::testing {

// Builds a graph from "subject predicate object" triples; names are single words.
inline std::unique_ptr<graph::Graph> Make(
    const std::vector<std::tuple<std::string, std::string, std::string>>& triples,
    const std::map<std::string, std::vector<std::string>>& aliases = {}) {
  using namespace weft::graph;
  GraphBuilder b;
  std::map<std::string, VertexId> vertices;
  std::map<std::string, LabelId> labels;
  auto vertex = [&](const std::string& n) {
    auto it = vertices.find(n);
    if (it != vertices.end()) return it->second;
    return vertices[n] = b.AddVertex(b.AddString(n));
  };
  uint64_t id = 1;
  for (auto& [s, p, o] : triples) {
    VertexId sv = vertex(s), ov = vertex(o);
    auto it = labels.find(p);
    LabelId l = it != labels.end() ? it->second : (labels[p] = b.AddLabel(b.AddString(p)));
    float confidence = 0.5f + 0.1f * static_cast<float>(id % 5);
    b.AddEdge(sv, l, ov, StatementId(id++), confidence, 1, {});
  }
  for (auto& [name, list] : aliases) {
    std::vector<StringId> ids;
    for (auto& a : list) ids.push_back(b.AddString(a));
    b.SetVertexInfo(vertices.at(name), EntityType::kPlace, ids);
  }
  return b.Build(7);
}

// The names of `vs`, in order.
inline std::vector<std::string> Names(const graph::Graph& g,
                                      const std::vector<graph::VertexId>& vs) {
  std::vector<std::string> out;
  for (graph::VertexId v : vs) out.emplace_back(g.VertexName(v));
  return out;
}

}  // namespace weft::testing
