#include "storage/loader.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "graph/base/error.h"
#include "graph/base/names.h"
#include "graph/base/text.h"
#include "storage/snapshot_file.h"

namespace weft::storage {

namespace {

// Joins the names of one entity across documents: terms of one named type whose EntityKey is
// equal (spelling, case and company-suffix variants), and a term whose key is an alias of
// exactly one such group (an acronym or short form a document gave). Returns, per term, the term
// that stands for its group (the fullest name) or itself.
std::vector<uint32_t> JoinNames(
    size_t terms, const std::unordered_map<uint32_t, std::string>& names,
    const std::unordered_map<uint32_t, std::pair<EntityType, std::vector<std::string>>>& info,
    const std::set<std::string>& kept_apart) {
  std::vector<uint32_t> rep(terms);
  for (uint32_t t = 0; t < rep.size(); ++t) rep[t] = t;
  // (type, key) -> terms, in term order for a deterministic choice.
  std::map<std::pair<EntityType, std::string>, std::vector<uint32_t>> groups;
  for (const auto& [term, entity] : info) {
    if (!IsNamedType(entity.first) || term >= terms || !names.count(term)) continue;
    if (kept_apart.count(std::string(DisplayName(names.at(term))))) continue;
    std::string key = EntityKey(DisplayName(names.at(term)), entity.first);
    if (!key.empty()) groups[{entity.first, key}].push_back(term);
  }
  // Aliases the documents gave: key -> the groups that claim it.
  std::map<std::pair<EntityType, std::string>, std::set<std::string>> claimed;
  for (const auto& [group, terms] : groups) {
    for (uint32_t t : terms) {
      for (const std::string& a : info.at(t).second) {
        std::string key = EntityKey(a, group.first);
        if (!key.empty() && key != group.second) claimed[{group.first, key}].insert(group.second);
      }
    }
  }
  auto fullest = [&](const std::vector<uint32_t>& terms) {
    uint32_t best = terms.front();
    for (uint32_t t : terms) {
      const std::string& a = names.at(t);
      const std::string& b = names.at(best);
      // The fullest name, a ticker ("BankAmerica <BAC> Corp") not counted as more of it.
      const bool ta = a.find('<') != std::string::npos, tb = b.find('<') != std::string::npos;
      if (ta != tb) {
        if (tb) best = t;
        continue;
      }
      if (a.size() > b.size() || (a.size() == b.size() && a < b)) best = t;
    }
    return best;
  };
  for (auto& entry : groups) {
    const auto& group = entry.first;
    auto& terms = entry.second;  // not a binding: the lambda below captures it (clang)
    // A short form that one other group's documents gave as its alias joins that group.
    if (auto c = claimed.find(group); c != claimed.end() && c->second.size() == 1) {
      auto target = groups.find({group.first, *c->second.begin()});
      // A coordination ("Bank of England and Fed") is not a fuller form of its conjuncts.
      auto coordinated = [&](uint32_t t) {
        std::string n = AsciiLower(names.at(t));
        for (uint32_t own : terms) {
          std::string part = AsciiLower(DisplayName(names.at(own)));
          for (const char* joint : {" and ", " & "}) {
            if (n.find(part + joint) != std::string::npos ||
                n.find(joint + part) != std::string::npos)
              return true;
          }
        }
        return false;
      };
      if (target != groups.end() && !target->second.empty() &&
          std::none_of(target->second.begin(), target->second.end(), coordinated)) {
        target->second.insert(target->second.end(), terms.begin(), terms.end());
        terms.clear();
      }
    }
  }
  for (const auto& [group, terms] : groups) {
    if (terms.size() < 2) continue;
    uint32_t r = fullest(terms);
    for (uint32_t t : terms) rep[t] = r;
  }
  return rep;
}

std::unique_ptr<graph::Graph> BuildGraph(const Store& store, uint64_t sequence) {
  graph::GraphBuilder builder;
  // Typed terms first: only their names are kept apart from the builder's strings.
  std::unordered_map<uint32_t, std::pair<EntityType, std::vector<std::string>>> info;
  store.ForEachEntity([&](TermId term, EntityType type, const std::vector<std::string>& aliases) {
    info[term.value] = {type, aliases};
    return true;
  });
  std::unordered_map<uint32_t, std::string> names;
  std::vector<graph::StringId> term_string;
  store.ForEachTerm([&](TermId id, std::string_view name) {
    if (term_string.size() <= id.value) term_string.resize(id.value + 1, graph::kNoString);
    term_string[id.value] = builder.AddString(name);
    if (info.count(id.value)) names[id.value] = std::string(name);
    return true;
  });
  std::set<std::string> kept_apart;
  for (std::string& n : store.KeptApart()) kept_apart.insert(std::move(n));
  std::vector<uint32_t> rep = JoinNames(term_string.size(), names, info, kept_apart);
  // Manual merges (weft merge) after the automatic joins: the alias's node, with whatever its
  // spelling joined it to, becomes part of the canonical name's node, which keeps its name.
  auto find = [&](uint32_t t) {
    while (rep[t] != t) t = rep[t] = rep[rep[t]];
    return t;
  };
  const std::vector<Store::Merge> merges = store.Merges();
  std::set<std::string_view> aliases_merged;
  for (const Store::Merge& m : merges) aliases_merged.insert(m.alias);
  std::vector<uint32_t> forced;  // canonical names no merge moves on: each leads its group
  for (const Store::Merge& m : merges) {
    std::optional<TermId> a = store.FindTerm(m.alias), c = store.FindTerm(m.canonical);
    if (!a || !c || a->value >= rep.size() || c->value >= rep.size()) continue;  // weft check
    names.try_emplace(a->value, m.alias);
    names.try_emplace(c->value, m.canonical);
    uint32_t ra = find(a->value), rc = find(c->value);
    if (ra == rc) continue;
    rep[ra] = rc;
    if (!aliases_merged.count(m.canonical)) forced.push_back(c->value);
  }
  // The canonical name a merge named leads its group.
  for (uint32_t c : forced) {
    uint32_t root = find(c);
    if (root != c) {
      rep[c] = c;
      rep[root] = c;
    }
  }
  for (uint32_t t = 0; t < rep.size(); ++t) rep[t] = find(t);
  std::vector<graph::VertexId> vertex_of(term_string.size(), graph::kNone);
  std::vector<graph::LabelId> label_of(term_string.size(), graph::kNoLabel);
  auto string_of = [&](TermId t) {
    if (t.value >= term_string.size() || term_string[t.value] == graph::kNoString) {
      throw StorageError("statement refers to unknown term " + std::to_string(t.value) +
                         " (run weft check)");
    }
    return term_string[t.value];
  };
  auto vertex = [&](TermId t) {
    string_of(t);  // throws for an unknown term
    const uint32_t r = rep[t.value];
    graph::VertexId& v = vertex_of[r];
    if (v == graph::kNone) v = builder.AddVertex(term_string[r]);
    return v;
  };
  std::vector<graph::QualifierRef> quals;
  store.ForEachStatement([&](const StoredStatement& st) {
    graph::VertexId s = vertex(st.subject);
    graph::VertexId o = vertex(st.object);
    graph::LabelId& label = label_of[st.predicate.value < label_of.size() ? st.predicate.value : 0];
    if (st.predicate.value >= label_of.size()) string_of(st.predicate);  // throws
    if (label == graph::kNoLabel) label = builder.AddLabel(string_of(st.predicate));
    quals.clear();
    for (const StoredQualifier& q : st.qualifiers) {
      quals.push_back({string_of(q.role), string_of(q.value)});
    }
    builder.AddEdge(s, label, o, st.id, st.Confidence(), static_cast<uint32_t>(st.sources.size()),
                    quals);
    return true;
  });
  // Each vertex's type and aliases: its own and those of the names joined to it, which are
  // aliases themselves.
  std::map<uint32_t, std::pair<EntityType, std::vector<std::string>>> merged;
  for (const auto& [term, entity] : info) {
    if (term >= rep.size() || vertex_of[rep[term]] == graph::kNone || !names.count(term)) continue;
    auto& [type, aliases] = merged[rep[term]];
    if (term == rep[term] || type == EntityType::kOther) type = entity.first;
    aliases.insert(aliases.end(), entity.second.begin(), entity.second.end());
    if (term != rep[term]) aliases.emplace_back(DisplayName(names.at(term)));
  }
  for (const auto& [term, name] : names) {
    if (info.count(term) || term >= rep.size() || term == rep[term]) continue;
    if (vertex_of[rep[term]] == graph::kNone) continue;
    merged[rep[term]].second.emplace_back(DisplayName(name));
  }
  for (auto& [term, entity] : merged) {
    auto& aliases = entity.second;
    std::sort(aliases.begin(), aliases.end());
    aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
    std::erase(aliases, std::string(DisplayName(names.at(term))));
    std::vector<graph::StringId> alias_ids;
    for (const std::string& a : aliases) alias_ids.push_back(builder.AddString(a));
    builder.SetVertexInfo(vertex_of[term], entity.first, std::move(alias_ids));
  }
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
    if (auto g = OpenSnapshotFile(path, tag, sequence)) return g;
  } catch (const StorageError&) {
    // Unreadable: rebuild, and try to replace it below.
  }
  std::unique_ptr<graph::Graph> g = BuildGraph(store, sequence);
  RemoveAbandonedSnapshots(store);
  try {
    SaveSnapshotFile(*g, path, tag);
  } catch (const StorageError&) {
    // The file only saves time; the graph is whole without it.
  }
  return g;
}

}  // namespace weft::storage
