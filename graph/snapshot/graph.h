// The in-memory graph: an immutable snapshot of the store's statements, built for traversal.
#pragma once

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/base/ids.h"
#include "graph/base/statement.h"

namespace weft::graph {

// Dense indexes into one snapshot; they mean nothing across snapshots. Vertex and edge ids are
// the BGL's own descriptors and array indexes of the CSR (integers, as the BGL requires); label
// and string ids are typed, so that neither is taken for the other or for a vertex.
using VertexId = uint32_t;  // an entity
using EdgeId = uint32_t;    // a statement, in (source, label, target) order
inline constexpr uint32_t kNone = UINT32_MAX;

struct LabelTag {};
struct StringTag {};
using LabelId = StrongId<LabelTag, uint32_t>;    // a predicate
using StringId = StrongId<StringTag, uint32_t>;  // a string of the snapshot's pool
inline constexpr StringId kNoString{kNone};
inline constexpr LabelId kAnyLabel{kNone};  // in automata: a transition on any label
inline constexpr LabelId kNoLabel{kNone};   // not (yet) a label

// Strings stored back to back, addressed by StringId.
class StringPool {
 public:
  StringId Add(std::string_view s);
  std::string_view Get(StringId id) const {
    return std::string_view(data_).substr(offsets_[id.value],
                                          offsets_[id.value + 1] - offsets_[id.value]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t bytes() const { return data_.size() + offsets_.size() * sizeof(uint64_t); }

 private:
  friend class Graph;
  std::string data_;
  std::vector<uint64_t> offsets_{0};
};

struct QualifierRef {
  StringId role;
  StringId value;
};

// The BGL graph over which the BGL algorithms run: out-edges sorted by (label, target), so
// BGL's edge index of an edge is its EdgeId.
using Csr =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, VertexId, EdgeId>;

// An immutable snapshot. Thread-safe for concurrent readers. Build it with GraphBuilder.
class Graph {
 public:
  // Not copyable or movable: the name indexes hold views into the graph's own string pools, so
  // a copy would point into the original. Graphs are handed around as unique_ptr.
  Graph() = default;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  Graph(Graph&&) = delete;
  Graph& operator=(Graph&&) = delete;

  size_t num_vertices() const { return vertex_name_.size(); }
  size_t num_edges() const { return edge_label_.size(); }
  size_t num_labels() const { return label_name_.size(); }

  // The store sequence number this snapshot reflects.
  uint64_t sequence() const { return sequence_; }

  // Resolves a name through canonical names and aliases, ignoring ASCII case. Exact-case
  // canonical matches come first when several entities share a folded name.
  std::vector<VertexId> FindVertices(std::string_view name) const;
  std::optional<VertexId> FindVertex(std::string_view name) const;
  std::optional<LabelId> FindLabel(std::string_view name) const;

  // The name a vertex is shown and found by. Kinds scoped to a document share it (DisplayName).
  std::string_view VertexName(VertexId v) const {
    return DisplayName(strings_.Get(vertex_name_[v]));
  }
  // The stored term: unique per vertex, the scope included ("agreement" + kScopeMark + scope).
  std::string_view VertexTerm(VertexId v) const { return strings_.Get(vertex_name_[v]); }
  EntityType VertexType(VertexId v) const { return vertex_type_[v]; }
  std::vector<std::string_view> VertexAliases(VertexId v) const;
  std::string_view LabelName(LabelId l) const { return strings_.Get(label_name_[l.value]); }
  std::string_view String(StringId s) const { return strings_.Get(s); }
  // Statements with this label.
  uint32_t LabelCount(LabelId l) const {
    return label_offsets_[l.value + 1] - label_offsets_[l.value];
  }

  // Edges out of v (all, or with one label), as a contiguous range of EdgeIds.
  struct EdgeRange {
    EdgeId begin = 0, end = 0;
    size_t size() const { return end - begin; }
  };
  EdgeRange OutEdges(VertexId v) const {
    return {csr_.m_forward.m_rowstart[v], csr_.m_forward.m_rowstart[v + 1]};
  }
  EdgeRange OutEdges(VertexId v, LabelId label) const;
  // Edges into v (all, or with one label), as EdgeIds sorted by (label, source).
  std::span<const EdgeId> InEdges(VertexId v) const;
  std::span<const EdgeId> InEdges(VertexId v, LabelId label) const;
  size_t OutDegree(VertexId v) const {
    return csr_.m_forward.m_rowstart[v + 1] - csr_.m_forward.m_rowstart[v];
  }
  // Every edge with a label, sorted by (source, target).
  std::span<const EdgeId> LabelEdges(LabelId label) const {
    return std::span<const EdgeId>(label_edges_.data() + label_offsets_[label.value],
                                   label_offsets_[label.value + 1] - label_offsets_[label.value]);
  }
  size_t InDegree(VertexId v) const { return in_offsets_[v + 1] - in_offsets_[v]; }

  VertexId Source(EdgeId e) const { return edge_source_[e]; }
  VertexId Target(EdgeId e) const { return csr_.m_forward.m_column[e]; }
  LabelId Label(EdgeId e) const { return edge_label_[e]; }
  StatementId Statement(EdgeId e) const { return StatementId(edge_statement_[e]); }
  float Confidence(EdgeId e) const { return edge_confidence_[e]; }
  // Sources supporting the statement (saturates at 65535).
  uint32_t Support(EdgeId e) const { return edge_support_[e]; }
  // Most statements have no qualifier, so only those that do are listed (a binary search).
  std::span<const QualifierRef> Qualifiers(EdgeId e) const {
    auto it = std::lower_bound(qual_edges_.begin(), qual_edges_.end(), e);
    if (it == qual_edges_.end() || *it != e) return {};
    size_t i = static_cast<size_t>(it - qual_edges_.begin());
    return std::span<const QualifierRef>(qualifiers_.data() + qual_start_[i],
                                         qual_start_[i + 1] - qual_start_[i]);
  }

  // All vertex names, sorted by folded name, for prefix completion.
  std::vector<VertexId> VerticesWithPrefix(std::string_view prefix, size_t limit) const;

  const Csr& csr() const { return csr_; }

  // Bytes held, strings and name indexes included.
  size_t MemoryBytes() const;
  // Bytes held per edge by the edge arrays, excluding strings and name indexes.
  size_t EdgeBytes() const;

  // Every array the graph holds, in one fixed order, for the snapshot file
  // (storage/snapshot_file): f is called with each std::vector or std::string and returns false
  // to stop. The name hash maps are not among them: Restore rebuilds them.
  template <typename F>
  bool VisitArrays(F&& f) const {
    return ForEachArray(*this, f);
  }
  // A graph whose arrays `fill` reads, by reference and in VisitArrays's order; null when `fill`
  // fails, when `verify` (called once the arrays are read, before any of their ids is followed:
  // the file's checksum) returns false, or when the arrays disagree in size or hold ids out of
  // range (a damaged file, or one from a buggy or different build).
  template <typename F, typename V>
  static std::unique_ptr<Graph> Restore(uint64_t sequence, F&& fill, V&& verify) {
    auto g = std::make_unique<Graph>();
    g->sequence_ = sequence;
    if (!ForEachArray(*g, fill) || !verify() || !g->Consistent()) return nullptr;
    g->FinishRestore();
    return g;
  }

 private:
  friend class GraphBuilder;
  friend class GraphEditor;
  // The indexes derived from the primary arrays (vertices, aliases, labels, the edges in
  // (source, label, target) order and the CSR): the label index, the in-edges and the name index.
  void BuildIndexes();
  // The label index and the in-edges, in the vectors' present capacity where it suffices.
  void IndexEdges();
  // The name index of every vertex, from nothing.
  void IndexAllNames();
  // The label lookup from label_name_ (not stored in the snapshot file).
  void IndexLabels();
  // Sorts names_ into its order (NameBefore).
  void SortNames();
  // Array sizes and offsets agree and ids are in range (a snapshot file read back).
  bool Consistent() const;
  bool IdsInRange() const;
  // The BGL vertex count and the name indexes of a restored graph.
  void FinishRestore();
  // Calls f on every array, in file order; VisitArrays and Restore share it so the order is
  // written once. G is Graph or const Graph.
  template <typename G, typename F>
  static bool ForEachArray(G& g, F& f) {
    return f(g.strings_.data_) && f(g.strings_.offsets_) && f(g.vertex_name_) &&
           f(g.vertex_type_) && f(g.alias_offsets_) && f(g.aliases_) && f(g.label_name_) &&
           f(g.folded_.data_) && f(g.folded_.offsets_) && f(g.names_) && f(g.edge_source_) &&
           f(g.edge_label_) && f(g.edge_statement_) && f(g.edge_confidence_) &&
           f(g.edge_support_) && f(g.label_offsets_) && f(g.label_edges_) && f(g.qual_edges_) &&
           f(g.qual_start_) && f(g.qualifiers_) && f(g.in_offsets_) && f(g.in_edges_) &&
           f(g.csr_.m_forward.m_rowstart) && f(g.csr_.m_forward.m_column);
  }
  uint64_t sequence_ = 0;
  StringPool strings_;
  std::vector<StringId> vertex_name_;
  std::vector<EntityType> vertex_type_;
  std::vector<uint32_t> alias_offsets_{0};
  std::vector<StringId> aliases_;
  std::vector<StringId> label_name_;
  std::unordered_map<std::string_view, LabelId> label_by_name_;
  // The name index: one entry per canonical name and per alias, sorted by folded (lower-case)
  // name, then canonical names first, then vertex. Flat, so that a snapshot file holds it as it
  // is and opening one builds no hash map; lookups are binary searches.
  struct NameEntry {
    StringId folded;  // into folded_
    VertexId vertex;
    uint32_t canonical;  // 1 for the vertex's own name, 0 for an alias
  };
  StringPool folded_;
  std::vector<NameEntry> names_;
  // The entries whose folded name is `folded`.
  std::span<const NameEntry> NamesEqual(std::string_view folded) const;
  // The order of names_.
  bool NameBefore(const NameEntry& a, const NameEntry& b) const;

  // Out-edges live in csr_ (row starts and targets, read directly: the CSR keeps them public);
  // the arrays below are indexed by EdgeId, the CSR's edge index.
  std::vector<VertexId> edge_source_;
  std::vector<LabelId> edge_label_;
  std::vector<uint64_t> edge_statement_;
  std::vector<float> edge_confidence_;
  std::vector<uint16_t> edge_support_;
  std::vector<EdgeId> label_offsets_;
  std::vector<EdgeId> label_edges_;
  std::vector<EdgeId> qual_edges_;    // edges with qualifiers, ascending
  std::vector<uint32_t> qual_start_;  // per listed edge, its first qualifier; one past the end
  std::vector<QualifierRef> qualifiers_;
  std::vector<EdgeId> in_offsets_;
  std::vector<EdgeId> in_edges_;
  Csr csr_;
};

// An edge before it has its place in a graph's arrays (GraphBuilder, GraphEditor): its
// qualifiers are `qual_count` entries of a side list from `qual_begin`.
struct PendingEdge {
  VertexId source, target;
  LabelId label;
  float confidence;
  uint64_t statement;
  uint32_t support;
  uint32_t qual_begin, qual_count;
};

// Collects vertices and edges, then sorts them into a Graph. Not thread-safe.
class GraphBuilder {
 public:
  GraphBuilder();
  // Interns a string of the snapshot (entity name, label, qualifier role or value).
  StringId AddString(std::string_view s) { return graph_->strings_.Add(s); }
  // Adds an entity with its canonical name; returns its VertexId.
  VertexId AddVertex(StringId name);
  void SetVertexInfo(VertexId v, EntityType type, std::vector<StringId> aliases);
  LabelId AddLabel(StringId name);
  void AddEdge(VertexId source, LabelId label, VertexId target, StatementId statement,
               float confidence, uint32_t support, std::span<const QualifierRef> qualifiers);

  // Finishes the graph; the builder is empty afterwards.
  std::unique_ptr<Graph> Build(uint64_t sequence);

 private:
  std::unique_ptr<Graph> graph_;
  std::vector<PendingEdge> edges_;
  std::vector<QualifierRef> quals_;
  std::vector<std::vector<StringId>> vertex_aliases_;
};

}  // namespace weft::graph
