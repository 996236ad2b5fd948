// Brings a graph up to date without building it again: the edges of some statements removed,
// new edges added, vertices renamed or given other entity records. The graph's own arrays are
// edited in place (blocks moved, no array copied), so an edit costs about a pass over memory the
// graph already holds, instead of a build from every statement.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/snapshot/graph.h"

namespace weft::graph {

// The result is the graph a GraphBuilder would build from the same vertices, labels and edges,
// up to the numbering of vertices, labels, edges and strings: vertices and labels left without
// an edge are dropped, as a build never makes them. Not thread-safe.
class GraphEditor {
 public:
  // Takes the graph to edit; nothing may read it until Build returns it.
  explicit GraphEditor(std::unique_ptr<Graph> base);

  // The graph being edited, as it was given. Strings read from it are only valid until the
  // next AddString.
  const Graph& base() const { return *g_; }

  // A string of the graph (the base's strings keep their ids).
  StringId AddString(std::string_view s) { return g_->strings_.Add(s); }
  // A new vertex; ids continue the base's.
  VertexId AddVertex(StringId name);
  void RenameVertex(VertexId v, StringId name);
  void SetVertexInfo(VertexId v, EntityType type, std::vector<StringId> aliases);
  // The label named `name`: the base's, or a new one.
  LabelId Label(std::string_view name);
  // Drops the base's edges of this statement (none when it has none).
  void RemoveStatement(StatementId statement) { removed_.push_back(statement.value); }
  void AddEdge(VertexId source, LabelId label, VertexId target, StatementId statement,
               float confidence, uint32_t support, std::span<const QualifierRef> qualifiers);

  size_t num_vertices() const { return base_vertices_ + new_names_.size(); }

  // The edited graph. `vertex_map`, when given, receives per vertex of the editor (the base's,
  // then the added ones) its id in the new graph, or kNone when it was dropped.
  std::unique_ptr<Graph> Build(uint64_t sequence, std::vector<VertexId>* vertex_map = nullptr);

  // `g` as the snapshot of another store sequence, for writes that changed none of it.
  static std::unique_ptr<Graph> Resequence(std::unique_ptr<Graph> g, uint64_t sequence) {
    g->sequence_ = sequence;
    return g;
  }

 private:
  struct Info {
    EntityType type;
    std::vector<StringId> aliases;
  };
  // The steps of Build.
  void EditEdges(const std::vector<EdgeId>& gone, const std::vector<VertexId>& vmap,
                 const std::vector<LabelId>& lmap, size_t n);
  void EditVertices(const std::vector<VertexId>& vmap, size_t n);
  void EditNames(const std::vector<VertexId>& vmap, size_t n);
  void CompactStrings();

  std::unique_ptr<Graph> g_;
  size_t base_vertices_ = 0;
  size_t base_labels_ = 0;
  std::vector<StringId> new_names_;                  // of the added vertices
  std::unordered_map<VertexId, StringId> renamed_;   // base vertices
  std::unordered_map<VertexId, Info> infos_;         // any vertex
  std::unordered_map<std::string, LabelId> labels_;  // the base's and the new
  std::vector<StringId> new_label_names_;
  std::vector<uint64_t> removed_;
  std::vector<PendingEdge> added_;
  std::vector<QualifierRef> quals_;
};

}  // namespace weft::graph
