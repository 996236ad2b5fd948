#include "storage/snapshot.h"

#include <signal.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "graph/error.h"

namespace weft::storage {

namespace {

std::unique_ptr<graph::Graph> BuildGraph(const Store& store, uint64_t sequence) {
  graph::GraphBuilder builder;
  std::vector<graph::StringId> term_string;
  store.ForEachTerm([&](TermId id, std::string_view name) {
    if (term_string.size() <= id.value) term_string.resize(id.value + 1, graph::kNone);
    term_string[id.value] = builder.AddString(name);
    return true;
  });
  std::vector<graph::VertexId> vertex_of(term_string.size(), graph::kNone);
  std::vector<graph::LabelId> label_of(term_string.size(), graph::kNone);
  auto string_of = [&](TermId t) {
    if (t.value >= term_string.size() || term_string[t.value] == graph::kNone) {
      throw StorageError("statement refers to unknown term " + std::to_string(t.value) +
                         " (run weft check)");
    }
    return term_string[t.value];
  };
  auto vertex = [&](TermId t) {
    graph::StringId s = string_of(t);
    graph::VertexId& v = vertex_of[t.value];
    if (v == graph::kNone) v = builder.AddVertex(s);
    return v;
  };
  std::vector<graph::QualifierRef> quals;
  store.ForEachStatement([&](const StoredStatement& st) {
    graph::VertexId s = vertex(st.subject);
    graph::VertexId o = vertex(st.object);
    graph::LabelId& label = label_of[st.predicate.value < label_of.size() ? st.predicate.value : 0];
    if (st.predicate.value >= label_of.size()) string_of(st.predicate);  // throws
    if (label == graph::kNone) label = builder.AddLabel(string_of(st.predicate));
    quals.clear();
    for (const StoredQualifier& q : st.qualifiers) {
      quals.push_back({string_of(q.role), string_of(q.value)});
    }
    builder.AddEdge(s, label, o, st.id, st.Confidence(), static_cast<uint32_t>(st.sources.size()),
                    quals);
    return true;
  });
  store.ForEachEntity([&](TermId term, EntityType type, const std::vector<std::string>& aliases) {
    if (term.value >= vertex_of.size() || vertex_of[term.value] == graph::kNone) return true;
    std::vector<graph::StringId> alias_ids;
    for (const std::string& a : aliases) alias_ids.push_back(builder.AddString(a));
    builder.SetVertexInfo(vertex_of[term.value], type, std::move(alias_ids));
    return true;
  });
  return builder.Build(sequence);
}

}  // namespace

std::string SnapshotPath(const Store& store) { return store.path() + "/weft.snapshot"; }

namespace {

// Temporary files of writers that died mid-write ("weft.snapshot.tmp.PID.N").
void RemoveAbandonedSnapshots(const Store& store) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(store.path(), ec)) {
    const std::string name = entry.path().filename().string();
    constexpr std::string_view kPrefix = "weft.snapshot.tmp.";
    if (!name.starts_with(kPrefix)) continue;
    long pid = std::strtol(name.c_str() + kPrefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

}  // namespace

std::unique_ptr<graph::Graph> LoadGraph(const Store& store, const LoadOptions& options) {
  const uint64_t sequence = store.Sequence();
  if (!options.use_snapshot_file) return BuildGraph(store, sequence);
  const std::string path = SnapshotPath(store);
  const std::string tag = store.Identity();
  try {
    if (auto g = graph::Graph::Open(path, tag, sequence)) return g;
  } catch (const StorageError&) {
    // Unreadable: rebuild, and try to replace it below.
  }
  std::unique_ptr<graph::Graph> g = BuildGraph(store, sequence);
  RemoveAbandonedSnapshots(store);
  try {
    g->Save(path, tag);
  } catch (const StorageError&) {
    // The file only saves time; the graph is whole without it.
  }
  return g;
}

}  // namespace weft::storage
