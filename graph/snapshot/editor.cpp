#include "graph/snapshot/editor.h"

#include <algorithm>
#include <numeric>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::graph {

namespace {

// Drops the elements at the sorted positions `gone` and inserts `count` new elements, the j-th
// before the element that was at position pos[j] (pos sorted, in the array's old numbering;
// posc[j] the same position once `gone` is dropped). Blocks move with memmove; the vector
// reallocates only when its capacity falls short.
template <typename T, typename Value>
void Splice(std::vector<T>& a, const std::vector<EdgeId>& gone, const std::vector<size_t>& posc,
            Value&& value) {
  const size_t m = a.size();
  if (!gone.empty()) {
    size_t w = gone[0];
    for (size_t k = 0; k < gone.size(); ++k) {
      const size_t from = gone[k] + 1;
      const size_t to = k + 1 < gone.size() ? gone[k + 1] : m;
      std::move(a.begin() + static_cast<long>(from), a.begin() + static_cast<long>(to),
                a.begin() + static_cast<long>(w));
      w += to - from;
    }
    a.resize(w);
  }
  const size_t kept = a.size();
  a.resize(kept + posc.size());
  size_t end = kept;  // a[0, end) holds compacted elements not yet moved
  for (size_t j = posc.size(); j-- > 0;) {
    const size_t p = posc[j];
    std::move_backward(a.begin() + static_cast<long>(p), a.begin() + static_cast<long>(end),
                       a.begin() + static_cast<long>(end + j + 1));
    a[p + j] = value(j);
    end = p;
  }
}

}  // namespace

GraphEditor::GraphEditor(std::unique_ptr<Graph> base)
    : g_(std::move(base)), base_vertices_(g_->num_vertices()), base_labels_(g_->num_labels()) {
  // By name, as strings: the graph's own lookup holds views into the string pool, which
  // AddString may move.
  for (uint32_t l = 0; l < base_labels_; ++l) {
    labels_.emplace(std::string(g_->LabelName(LabelId(l))), LabelId(l));
  }
}

VertexId GraphEditor::AddVertex(StringId name) {
  new_names_.push_back(name);
  WEFT_CHECK(num_vertices() < kNone);
  return static_cast<VertexId>(num_vertices() - 1);
}

void GraphEditor::RenameVertex(VertexId v, StringId name) {
  if (v < base_vertices_) {
    renamed_[v] = name;
  } else {
    new_names_[v - base_vertices_] = name;
  }
}

void GraphEditor::SetVertexInfo(VertexId v, EntityType type, std::vector<StringId> aliases) {
  infos_[v] = {type, std::move(aliases)};
}

LabelId GraphEditor::Label(std::string_view name) {
  auto [it, added] = labels_.try_emplace(std::string(name), kNoLabel);
  if (added) {
    new_label_names_.push_back(g_->strings_.Add(name));
    it->second = LabelId(static_cast<uint32_t>(base_labels_ + new_label_names_.size() - 1));
  }
  return it->second;
}

void GraphEditor::AddEdge(VertexId source, LabelId label, VertexId target, StatementId statement,
                          float confidence, uint32_t support,
                          std::span<const QualifierRef> qualifiers) {
  added_.push_back({source, target, label, confidence, statement.value, support,
                    static_cast<uint32_t>(quals_.size()),
                    static_cast<uint32_t>(qualifiers.size())});
  quals_.insert(quals_.end(), qualifiers.begin(), qualifiers.end());
}

std::unique_ptr<Graph> GraphEditor::Build(uint64_t sequence, std::vector<VertexId>* vertex_map) {
  Graph& g = *g_;
  const size_t m = g.num_edges();
  const size_t nv = num_vertices();
  const size_t nl = base_labels_ + new_label_names_.size();

  // The base's edges that go: those of removed statements.
  std::vector<EdgeId> gone;
  if (!removed_.empty()) {
    std::vector<bool> removed(*std::max_element(removed_.begin(), removed_.end()) + 1);
    for (uint64_t id : removed_) removed[id] = true;
    for (EdgeId e = 0; e < m; ++e) {
      const uint64_t st = g.edge_statement_[e];
      if (st < removed.size() && removed[st]) gone.push_back(e);
    }
  }
  std::sort(added_.begin(), added_.end(), [](const PendingEdge& x, const PendingEdge& y) {
    if (x.source != y.source) return x.source < y.source;
    if (x.label != y.label) return x.label < y.label;
    if (x.target != y.target) return x.target < y.target;
    return x.statement < y.statement;
  });

  // Vertices and labels that keep an edge, numbered in their old order.
  std::vector<int64_t> degree(nv, 0), uses(nl, 0);
  for (VertexId v = 0; v < base_vertices_; ++v) degree[v] = g.OutDegree(v) + g.InDegree(v);
  for (uint32_t l = 0; l < base_labels_; ++l) uses[l] = g.LabelCount(LabelId(l));
  for (EdgeId e : gone) {
    --degree[g.edge_source_[e]];
    --degree[g.Target(e)];
    --uses[g.edge_label_[e].value];
  }
  for (const PendingEdge& e : added_) {
    ++degree[e.source];
    ++degree[e.target];
    ++uses[e.label.value];
  }
  std::vector<VertexId> vmap(nv, kNone);
  uint32_t n = 0;
  for (size_t v = 0; v < nv; ++v) {
    if (degree[v] > 0) vmap[v] = n++;
  }
  std::vector<LabelId> lmap(nl, kNoLabel);
  uint32_t labels = 0;
  for (size_t l = 0; l < nl; ++l) {
    if (uses[l] > 0) lmap[l] = LabelId(labels++);
  }
  WEFT_CHECK(m - gone.size() + added_.size() < kNone);

  EditEdges(gone, vmap, lmap, n);
  EditVertices(vmap, n);
  // Labels: the base's and the new, those without an edge dropped.
  g.label_name_.insert(g.label_name_.end(), new_label_names_.begin(), new_label_names_.end());
  for (size_t l = 0; l < nl; ++l) {
    if (lmap[l] != kNoLabel) g.label_name_[lmap[l].value] = g.label_name_[l];
  }
  g.label_name_.resize(labels);
  g.csr_.vertex_properties().resize(n);
  g.IndexEdges();
  EditNames(vmap, n);
  CompactStrings();
  g.IndexLabels();
  g.sequence_ = sequence;
  WEFT_CHECK(g.Consistent());
  if (vertex_map != nullptr) *vertex_map = std::move(vmap);
  return std::move(g_);
}

void GraphEditor::EditEdges(const std::vector<EdgeId>& gone, const std::vector<VertexId>& vmap,
                            const std::vector<LabelId>& lmap, size_t n) {
  Graph& g = *g_;
  const size_t m = g.num_edges();
  auto& rowstart = g.csr_.m_forward.m_rowstart;
  auto& column = g.csr_.m_forward.m_column;
  // Where each added edge goes: before the first of its source's edges that sorts after it.
  auto key = [&](EdgeId e) {
    return std::tuple(g.edge_label_[e].value, column[e], g.edge_statement_[e]);
  };
  std::vector<size_t> pos(added_.size()), posc(added_.size());
  for (size_t j = 0, k = 0; j < added_.size(); ++j) {
    const PendingEdge& a = added_[j];
    if (a.source >= base_vertices_) {
      pos[j] = m;
    } else {
      const auto want = std::tuple(a.label.value, a.target, a.statement);
      EdgeId lo = rowstart[a.source], hi = rowstart[a.source + 1];
      while (lo < hi) {
        const EdgeId mid = lo + (hi - lo) / 2;
        if (key(mid) < want) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      pos[j] = lo;
    }
    while (k < gone.size() && gone[k] < pos[j]) ++k;
    posc[j] = pos[j] - k;
  }
  // The edges' new numbering, for the qualifier lists: a kept base edge moves down by the gone
  // edges before it and up by the added ones before it.
  std::vector<EdgeId> qual_edges;
  std::vector<uint32_t> qual_start;
  std::vector<QualifierRef> qualifiers;
  {
    size_t gi = 0, ai = 0, bq = 0;
    auto add_quals = [&](EdgeId at, std::span<const QualifierRef> qs) {
      qual_edges.push_back(at);
      qual_start.push_back(static_cast<uint32_t>(qualifiers.size()));
      qualifiers.insert(qualifiers.end(), qs.begin(), qs.end());
    };
    for (size_t j = 0; j <= added_.size(); ++j) {
      // Base edges with qualifiers before added edge j (all that remain, at the end).
      const size_t limit = j < added_.size() ? pos[j] : m;
      for (; bq < g.qual_edges_.size() && g.qual_edges_[bq] < limit; ++bq) {
        const EdgeId e = g.qual_edges_[bq];
        while (gi < gone.size() && gone[gi] < e) ++gi;
        if (gi < gone.size() && gone[gi] == e) continue;
        while (ai < added_.size() && pos[ai] <= e) ++ai;
        add_quals(static_cast<EdgeId>(e - gi + ai), {g.qualifiers_.data() + g.qual_start_[bq],
                                                     g.qual_start_[bq + 1] - g.qual_start_[bq]});
      }
      if (j < added_.size() && added_[j].qual_count > 0) {
        add_quals(static_cast<EdgeId>(posc[j] + j),
                  {quals_.data() + added_[j].qual_begin, added_[j].qual_count});
      }
    }
    qual_start.push_back(static_cast<uint32_t>(qualifiers.size()));
  }
  g.qual_edges_ = std::move(qual_edges);
  g.qual_start_ = std::move(qual_start);
  g.qualifiers_ = std::move(qualifiers);

  Splice(g.edge_source_, gone, posc, [&](size_t j) { return added_[j].source; });
  Splice(column, gone, posc, [&](size_t j) { return added_[j].target; });
  Splice(g.edge_label_, gone, posc, [&](size_t j) { return added_[j].label; });
  Splice(g.edge_statement_, gone, posc, [&](size_t j) { return added_[j].statement; });
  Splice(g.edge_confidence_, gone, posc, [&](size_t j) { return added_[j].confidence; });
  Splice(g.edge_support_, gone, posc, [&](size_t j) {
    return static_cast<uint16_t>(std::min<uint32_t>(added_[j].support, UINT16_MAX));
  });
  // Vertex and label ids renumbered where some were dropped.
  bool vertices_kept = true, labels_kept = true;
  for (size_t v = 0; v < vmap.size() && vertices_kept; ++v) vertices_kept = vmap[v] == v;
  for (size_t l = 0; l < lmap.size() && labels_kept; ++l) labels_kept = lmap[l].value == l;
  if (!vertices_kept) {
    for (VertexId& v : g.edge_source_) v = vmap[v];
    for (VertexId& v : column) v = vmap[v];
  }
  if (!labels_kept) {
    for (LabelId& l : g.edge_label_) l = lmap[l.value];
  }
  // Row starts from the sources, which stay in order.
  rowstart.assign(n + 1, 0);
  for (VertexId s : g.edge_source_) rowstart[s + 1]++;
  std::partial_sum(rowstart.begin(), rowstart.end(), rowstart.begin());
}

void GraphEditor::EditVertices(const std::vector<VertexId>& vmap, size_t n) {
  Graph& g = *g_;
  for (const auto& [v, name] : renamed_) g.vertex_name_[v] = name;
  g.vertex_name_.insert(g.vertex_name_.end(), new_names_.begin(), new_names_.end());
  g.vertex_type_.resize(g.vertex_name_.size(), EntityType::kOther);
  for (const auto& [v, info] : infos_) g.vertex_type_[v] = info.type;
  // Aliases into new arrays: an edited vertex may have more than before.
  std::vector<uint32_t> alias_offsets(1, 0);
  std::vector<StringId> aliases;
  alias_offsets.reserve(n + 1);
  aliases.reserve(g.aliases_.size());
  for (size_t v = 0; v < vmap.size(); ++v) {
    if (vmap[v] == kNone) continue;
    g.vertex_name_[vmap[v]] = g.vertex_name_[v];
    g.vertex_type_[vmap[v]] = g.vertex_type_[v];
    if (auto it = infos_.find(static_cast<VertexId>(v)); it != infos_.end()) {
      aliases.insert(aliases.end(), it->second.aliases.begin(), it->second.aliases.end());
    } else if (v < base_vertices_) {
      aliases.insert(aliases.end(), g.aliases_.begin() + g.alias_offsets_[v],
                     g.aliases_.begin() + g.alias_offsets_[v + 1]);
    }
    alias_offsets.push_back(static_cast<uint32_t>(aliases.size()));
  }
  g.vertex_name_.resize(n);
  g.vertex_type_.resize(n);
  g.alias_offsets_ = std::move(alias_offsets);
  g.aliases_ = std::move(aliases);
}

void GraphEditor::EditNames(const std::vector<VertexId>& vmap, size_t n) {
  Graph& g = *g_;
  // Entries of vertices that stay as they were keep their place (renumbering keeps the order);
  // edited and added vertices get new ones, sorted and merged in.
  std::vector<bool> edited(vmap.size(), false);
  for (size_t v = base_vertices_; v < vmap.size(); ++v) edited[v] = true;
  for (const auto& entry : renamed_) edited[entry.first] = true;
  for (const auto& entry : infos_) edited[entry.first] = true;
  size_t w = 0;
  for (const Graph::NameEntry& e : g.names_) {
    if (vmap[e.vertex] == kNone || edited[e.vertex]) continue;
    g.names_[w++] = {e.folded, vmap[e.vertex], e.canonical};
  }
  g.names_.resize(w);
  std::vector<Graph::NameEntry> fresh;
  for (size_t v = 0; v < vmap.size(); ++v) {
    if (!edited[v] || vmap[v] == kNone) continue;
    const VertexId to = vmap[v];
    fresh.push_back({g.folded_.Add(AsciiLower(g.VertexName(to))), to, 1});
    for (uint32_t i = g.alias_offsets_[to]; i < g.alias_offsets_[to + 1]; ++i) {
      fresh.push_back({g.folded_.Add(AsciiLower(g.strings_.Get(g.aliases_[i]))), to, 0});
    }
  }
  if (g.folded_.size() > 2 * (n + g.aliases_.size()) + 1024) {
    g.IndexAllNames();  // the pool is mostly names no entry refers to
    return;
  }
  auto before = [&](const Graph::NameEntry& a, const Graph::NameEntry& b) {
    return g.NameBefore(a, b);
  };
  std::sort(fresh.begin(), fresh.end(), before);
  // Merge from the back: each new entry's place by binary search, the block after it moved.
  size_t end = g.names_.size();
  g.names_.resize(end + fresh.size());
  for (size_t j = fresh.size(); j-- > 0;) {
    const size_t p = static_cast<size_t>(std::upper_bound(g.names_.begin(),
                                                          g.names_.begin() + static_cast<long>(end),
                                                          fresh[j], before) -
                                         g.names_.begin());
    std::move_backward(g.names_.begin() + static_cast<long>(p),
                       g.names_.begin() + static_cast<long>(end),
                       g.names_.begin() + static_cast<long>(end + j + 1));
    g.names_[p + j] = fresh[j];
    end = p;
  }
}

void GraphEditor::CompactStrings() {
  Graph& g = *g_;
  const size_t refs =
      g.vertex_name_.size() + g.aliases_.size() + g.label_name_.size() + 2 * g.qualifiers_.size();
  if (g.strings_.size() <= 2 * refs + 1024) return;
  // Most strings are no longer referred to (edits add strings, never remove them): copy the
  // live ones into a new pool.
  StringPool pool;
  std::vector<StringId> map(g.strings_.size(), kNoString);
  auto keep = [&](StringId& s) {
    StringId& to = map[s.value];
    if (to == kNoString) to = pool.Add(g.strings_.Get(s));
    s = to;
  };
  for (StringId& s : g.vertex_name_) keep(s);
  for (StringId& s : g.aliases_) keep(s);
  for (StringId& s : g.label_name_) keep(s);
  for (QualifierRef& q : g.qualifiers_) {
    keep(q.role);
    keep(q.value);
  }
  g.strings_ = std::move(pool);
}

}  // namespace weft::graph
