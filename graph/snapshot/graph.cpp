#include "graph/snapshot/graph.h"

#include <algorithm>
#include <numeric>
#include <type_traits>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::graph {

StringId StringPool::Add(std::string_view s) {
  data_.append(s);
  offsets_.push_back(data_.size());
  WEFT_CHECK(offsets_.size() - 2 < kNone);
  return static_cast<StringId>(offsets_.size() - 2);
}

void Graph::IndexLabels() {
  label_by_name_.clear();
  for (size_t l = 0; l < label_name_.size(); ++l) {
    label_by_name_.emplace(strings_.Get(label_name_[l]), static_cast<LabelId>(l));
  }
}

std::span<const Graph::NameEntry> Graph::NamesEqual(std::string_view folded) const {
  auto lo = std::partition_point(names_.begin(), names_.end(), [&](const NameEntry& e) {
    return folded_.Get(e.folded) < folded;
  });
  auto hi = std::partition_point(
      lo, names_.end(), [&](const NameEntry& e) { return folded_.Get(e.folded) == folded; });
  return {names_.data() + (lo - names_.begin()), static_cast<size_t>(hi - lo)};
}

std::vector<VertexId> Graph::FindVertices(std::string_view name) const {
  std::vector<VertexId> out;
  for (const NameEntry& e : NamesEqual(AsciiLower(name))) out.push_back(e.vertex);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  // Exact canonical matches first, then by id for a stable order.
  std::stable_sort(out.begin(), out.end(), [&](VertexId a, VertexId b) {
    return (VertexName(a) == name) > (VertexName(b) == name);
  });
  return out;
}

std::optional<VertexId> Graph::FindVertex(std::string_view name) const {
  std::span<const NameEntry> found = NamesEqual(AsciiLower(name));
  if (found.empty()) return std::nullopt;
  VertexId first = kNone;
  for (const NameEntry& e : found) {
    if (VertexName(e.vertex) == name) return e.vertex;
    first = std::min(first, e.vertex);
  }
  return first;
}

std::optional<LabelId> Graph::FindLabel(std::string_view name) const {
  auto it = label_by_name_.find(name);
  if (it != label_by_name_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string_view> Graph::VertexAliases(VertexId v) const {
  std::vector<std::string_view> out;
  for (uint32_t i = alias_offsets_[v]; i < alias_offsets_[v + 1]; ++i) {
    out.push_back(strings_.Get(aliases_[i]));
  }
  return out;
}

Graph::EdgeRange Graph::OutEdges(VertexId v, LabelId label) const {
  EdgeRange all = OutEdges(v);
  auto first = edge_label_.begin() + all.begin;
  auto last = edge_label_.begin() + all.end;
  auto [lo, hi] = std::equal_range(first, last, label);
  return {static_cast<EdgeId>(lo - edge_label_.begin()),
          static_cast<EdgeId>(hi - edge_label_.begin())};
}

std::span<const EdgeId> Graph::InEdges(VertexId v) const {
  return std::span<const EdgeId>(in_edges_.data() + in_offsets_[v],
                                 in_offsets_[v + 1] - in_offsets_[v]);
}

std::span<const EdgeId> Graph::InEdges(VertexId v, LabelId label) const {
  std::span<const EdgeId> all = InEdges(v);
  auto lo = std::partition_point(all.begin(), all.end(),
                                 [&](EdgeId e) { return edge_label_[e] < label; });
  auto hi = std::partition_point(lo, all.end(), [&](EdgeId e) { return edge_label_[e] == label; });
  return all.subspan(static_cast<size_t>(lo - all.begin()), static_cast<size_t>(hi - lo));
}

std::vector<VertexId> Graph::VerticesWithPrefix(std::string_view prefix, size_t limit) const {
  std::string folded = AsciiLower(prefix);
  auto lo = std::partition_point(names_.begin(), names_.end(), [&](const NameEntry& e) {
    return folded_.Get(e.folded) < folded;
  });
  std::vector<VertexId> out;
  for (auto it = lo; it != names_.end() && out.size() < limit; ++it) {
    if (!folded_.Get(it->folded).starts_with(folded)) break;
    if (it->canonical != 0) out.push_back(it->vertex);
  }
  return out;
}

size_t Graph::MemoryBytes() const {
  auto v = [](const auto& vec) { return vec.capacity() * sizeof(vec[0]); };
  size_t bytes = strings_.bytes() + folded_.bytes() + v(vertex_name_) + v(vertex_type_) +
                 v(alias_offsets_) + v(aliases_) + v(label_name_) + v(names_) +
                 EdgeBytes() * num_edges();
  bytes += label_by_name_.size() * 48;  // buckets plus nodes, roughly
  return bytes;
}

size_t Graph::EdgeBytes() const {
  auto v = [](const auto& vec) { return vec.capacity() * sizeof(vec[0]); };
  size_t bytes = v(edge_source_) + v(edge_label_) + v(edge_statement_) + v(edge_confidence_) +
                 v(edge_support_) + v(qual_edges_) + v(qual_start_) + v(qualifiers_) +
                 v(in_offsets_) + v(in_edges_) + v(label_offsets_) + v(label_edges_) +
                 v(csr_.m_forward.m_rowstart) + v(csr_.m_forward.m_column);
  return num_edges() == 0 ? 0 : bytes / num_edges();
}

GraphBuilder::GraphBuilder() : graph_(new Graph()) {}

VertexId GraphBuilder::AddVertex(StringId name) {
  graph_->vertex_name_.push_back(name);
  graph_->vertex_type_.push_back(EntityType::kOther);
  WEFT_CHECK(graph_->vertex_name_.size() < kNone);
  return static_cast<VertexId>(graph_->vertex_name_.size() - 1);
}

void GraphBuilder::SetVertexInfo(VertexId v, EntityType type, std::vector<StringId> aliases) {
  graph_->vertex_type_[v] = type;
  if (vertex_aliases_.size() <= v) vertex_aliases_.resize(v + 1);
  vertex_aliases_[v] = std::move(aliases);
}

LabelId GraphBuilder::AddLabel(StringId name) {
  graph_->label_name_.push_back(name);
  return static_cast<LabelId>(graph_->label_name_.size() - 1);
}

void GraphBuilder::AddEdge(VertexId source, LabelId label, VertexId target, StatementId statement,
                           float confidence, uint32_t support,
                           std::span<const QualifierRef> qualifiers) {
  WEFT_CHECK(edges_.size() < kNone - 1);
  edges_.push_back({source, target, label, confidence, statement.value, support,
                    static_cast<uint32_t>(quals_.size()),
                    static_cast<uint32_t>(qualifiers.size())});
  quals_.insert(quals_.end(), qualifiers.begin(), qualifiers.end());
}

std::unique_ptr<Graph> GraphBuilder::Build(uint64_t sequence) {
  Graph& g = *graph_;
  g.sequence_ = sequence;
  const size_t n = g.vertex_name_.size();
  const size_t m = edges_.size();

  // Out-edges: by (source, label, target, statement). A counting sort by source, then small
  // sorts within each source's bucket: linear in the edges rather than m log m.
  {
    std::vector<size_t> start(n + 1, 0);
    for (const PendingEdge& e : edges_) start[e.source + 1]++;
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<PendingEdge> sorted(m);
    std::vector<size_t> fill(start.begin(), start.end() - 1);
    for (const PendingEdge& e : edges_) sorted[fill[e.source]++] = e;
    edges_ = std::move(sorted);
    for (size_t v = 0; v < n; ++v) {
      std::sort(edges_.begin() + static_cast<long>(start[v]),
                edges_.begin() + static_cast<long>(start[v + 1]),
                [](const PendingEdge& a, const PendingEdge& b) {
                  if (a.label != b.label) return a.label < b.label;
                  if (a.target != b.target) return a.target < b.target;
                  return a.statement < b.statement;
                });
    }
  }
  g.edge_source_.resize(m);
  g.edge_label_.resize(m);
  g.edge_statement_.resize(m);
  g.edge_confidence_.resize(m);
  g.edge_support_.resize(m);
  g.qualifiers_.reserve(quals_.size());
  for (size_t i = 0; i < m; ++i) {
    const PendingEdge& e = edges_[i];
    g.edge_source_[i] = e.source;
    g.edge_label_[i] = e.label;
    g.edge_statement_[i] = e.statement;
    g.edge_confidence_[i] = e.confidence;
    g.edge_support_[i] = static_cast<uint16_t>(std::min<uint32_t>(e.support, UINT16_MAX));
    if (e.qual_count > 0) {
      g.qual_edges_.push_back(static_cast<EdgeId>(i));
      g.qual_start_.push_back(static_cast<uint32_t>(g.qualifiers_.size()));
      g.qualifiers_.insert(g.qualifiers_.end(), quals_.begin() + e.qual_begin,
                           quals_.begin() + e.qual_begin + e.qual_count);
    }
  }
  g.qual_start_.push_back(static_cast<uint32_t>(g.qualifiers_.size()));
  {
    // The BGL CSR from the sorted (source, target) pairs; it holds the out-edge row starts and
    // targets the graph reads.
    std::vector<std::pair<VertexId, VertexId>> pairs(m);
    for (size_t i = 0; i < m; ++i) pairs[i] = {edges_[i].source, edges_[i].target};
    edges_.clear();
    edges_.shrink_to_fit();
    g.csr_ = Csr(boost::edges_are_sorted, pairs.begin(), pairs.end(), static_cast<VertexId>(n));
  }
  edges_.clear();
  edges_.shrink_to_fit();
  quals_.clear();
  quals_.shrink_to_fit();
  g.alias_offsets_.assign(n + 1, 0);
  vertex_aliases_.resize(n);
  for (size_t v = 0; v < n; ++v) {
    g.alias_offsets_[v + 1] =
        g.alias_offsets_[v] + static_cast<uint32_t>(vertex_aliases_[v].size());
    g.aliases_.insert(g.aliases_.end(), vertex_aliases_[v].begin(), vertex_aliases_[v].end());
  }
  vertex_aliases_.clear();
  g.BuildIndexes();
  // Growth slack would otherwise cost bytes per edge on large graphs.
  g.edge_label_.shrink_to_fit();
  for (auto* v : {&g.edge_source_, &g.qual_edges_, &g.qual_start_, &g.in_edges_, &g.label_edges_}) {
    v->shrink_to_fit();
  }
  g.edge_statement_.shrink_to_fit();
  g.edge_confidence_.shrink_to_fit();
  g.edge_support_.shrink_to_fit();
  g.qualifiers_.shrink_to_fit();
  g.vertex_name_.shrink_to_fit();
  g.vertex_type_.shrink_to_fit();
  return std::move(graph_);
}

// The shape checks that keep a snapshot file written by a buggy or different build from being used:
// array lengths agree and every offset array ends where its data does. Ids inside the arrays
// are covered by the checksum, which only this code's Save computes.
bool Graph::Consistent() const {
  const size_t n = vertex_name_.size(), m = edge_label_.size();
  auto ends_at = [](const auto& offsets, size_t size) {
    return !offsets.empty() && offsets.front() == 0 && offsets.back() == size &&
           std::is_sorted(offsets.begin(), offsets.end());
  };
  return ends_at(strings_.offsets_, strings_.data_.size()) &&
         ends_at(folded_.offsets_, folded_.data_.size()) && vertex_type_.size() == n &&
         alias_offsets_.size() == n + 1 && ends_at(alias_offsets_, aliases_.size()) &&
         names_.size() == n + aliases_.size() && edge_source_.size() == m &&
         edge_statement_.size() == m && edge_confidence_.size() == m && edge_support_.size() == m &&
         label_offsets_.size() == label_name_.size() + 1 && ends_at(label_offsets_, m) &&
         label_edges_.size() == m && qual_start_.size() == qual_edges_.size() + 1 &&
         ends_at(qual_start_, qualifiers_.size()) && in_offsets_.size() == n + 1 &&
         ends_at(in_offsets_, m) && in_edges_.size() == m &&
         csr_.m_forward.m_rowstart.size() == n + 1 && ends_at(csr_.m_forward.m_rowstart, m) &&
         csr_.m_forward.m_column.size() == m && IdsInRange();
}

bool Graph::IdsInRange() const {
  const size_t strings = strings_.offsets_.size() - 1, n = vertex_name_.size(),
               m = edge_label_.size(), labels = label_name_.size();
  auto value = [](auto id) {
    if constexpr (std::is_integral_v<decltype(id)>) {
      return static_cast<size_t>(id);
    } else {
      return static_cast<size_t>(id.value);
    }
  };
  auto below = [&](const auto& ids, size_t bound) {
    return std::all_of(ids.begin(), ids.end(), [&](auto id) { return value(id) < bound; });
  };
  return below(vertex_name_, strings) && below(aliases_, strings) && below(label_name_, strings) &&
         below(edge_source_, n) && below(edge_label_, labels) && below(label_edges_, m) &&
         below(in_edges_, m) && below(qual_edges_, m) && below(csr_.m_forward.m_column, n);
}

void Graph::FinishRestore() {
  csr_.vertex_properties().resize(vertex_name_.size());
  IndexLabels();
}

void Graph::BuildIndexes() {
  IndexEdges();
  IndexAllNames();
  IndexLabels();
}

void Graph::IndexEdges() {
  const size_t n = vertex_name_.size();
  const size_t m = edge_label_.size();
  // Label index: a counting sort by label keeps (source, target) order within a label.
  label_offsets_.assign(label_name_.size() + 1, 0);
  for (LabelId l : edge_label_) label_offsets_[l.value + 1]++;
  std::partial_sum(label_offsets_.begin(), label_offsets_.end(), label_offsets_.begin());
  label_edges_.resize(m);
  {
    std::vector<EdgeId> fill(label_offsets_.begin(), label_offsets_.end() - 1);
    for (size_t i = 0; i < m; ++i)
      label_edges_[fill[edge_label_[i].value]++] = static_cast<EdgeId>(i);
  }
  // In-edges, per target sorted by (label, source): a counting sort by target over the edges
  // in label order, which are (source, target) ordered within a label, is that order.
  const auto& target = csr_.m_forward.m_column;
  in_offsets_.assign(n + 1, 0);
  for (size_t i = 0; i < m; ++i) in_offsets_[target[i] + 1]++;
  std::partial_sum(in_offsets_.begin(), in_offsets_.end(), in_offsets_.begin());
  in_edges_.resize(m);
  {
    std::vector<EdgeId> fill(in_offsets_.begin(), in_offsets_.end() - 1);
    for (EdgeId e : label_edges_) in_edges_[fill[target[e]]++] = e;
  }
}

void Graph::IndexAllNames() {
  const size_t n = vertex_name_.size();
  // Canonical names and aliases, folded into their own pool, then sorted.
  folded_ = StringPool();
  names_.clear();
  names_.reserve(n + aliases_.size());
  for (size_t v = 0; v < n; ++v) {
    const auto vertex = static_cast<VertexId>(v);
    names_.push_back({folded_.Add(AsciiLower(VertexName(vertex))), vertex, 1});
    for (uint32_t i = alias_offsets_[v]; i < alias_offsets_[v + 1]; ++i) {
      names_.push_back({folded_.Add(AsciiLower(strings_.Get(aliases_[i]))), vertex, 0});
    }
  }
  SortNames();
}

bool Graph::NameBefore(const NameEntry& a, const NameEntry& b) const {
  const std::string_view fa = folded_.Get(a.folded), fb = folded_.Get(b.folded);
  if (fa != fb) return fa < fb;
  if (a.canonical != b.canonical) return a.canonical > b.canonical;
  return a.vertex < b.vertex;
}

void Graph::SortNames() {
  std::sort(names_.begin(), names_.end(),
            [&](const NameEntry& a, const NameEntry& b) { return NameBefore(a, b); });
}

}  // namespace weft::graph
