#include "storage/loader.h"

#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <vector>

#include "graph/base/error.h"
#include "graph/base/names.h"
#include "graph/base/text.h"
#include "graph/snapshot/editor.h"
#include "storage/snapshot_file.h"

namespace weft::storage {

namespace {

// A typed term's record: its type, the aliases documents gave it, how many documents wrote it.
struct EntityRecord {
  EntityType type = EntityType::kOther;
  std::vector<std::string> aliases;
  uint64_t documents = 1;
};
using EntityRecords = std::unordered_map<uint32_t, EntityRecord>;

// Every entity record of the store, by term.
EntityRecords ReadEntityRecords(const Store& store) {
  EntityRecords out;
  store.ForEachEntity([&](TermId term, EntityType type, const std::vector<std::string>& aliases,
                          uint64_t documents) {
    out[term.value] = {type, aliases, documents};
    return true;
  });
  return out;
}

// The letters an acronym of the name would have: its words' initials without "of", "and", "the"
// ("Securities and Exchange Commission" -> SEC), with and without a company suffix's
// ("American Motors Corp" -> AMC and AM).
std::vector<std::string> AcronymsOf(std::string_view name) {
  std::string all;
  std::string_view last;
  for (std::string_view w : SplitSpaces(name)) {
    const std::string lower = AsciiLower(w);
    if (lower == "of" || lower == "and" || lower == "the" || lower == "for" || lower == "&" ||
        lower == "de") {
      continue;
    }
    if (!std::isupper(static_cast<unsigned char>(w[0]))) return {};
    all.push_back(w[0]);
    last = w;
  }
  if (all.size() < 2) return {};
  std::vector<std::string> out = {all};
  if (IsCompanySuffix(last) && all.size() > 2) out.push_back(all.substr(0, all.size() - 1));
  return out;
}

bool IsAcronym(std::string_view w) {
  return w.size() >= 2 && w.size() <= 6 &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Joins the names of one entity across documents: terms of one named type whose EntityKey is
// equal (spelling, case and company-suffix variants); a term whose key is an alias of exactly one
// such group (an acronym or short form a document gave), or of one group written in at least
// twice as many documents as any other that gave it ("Reagan", given by "Ronald Reagan" and by
// "Nancy Reagan"); an organisation's acronym that spells exactly one organisation's initials
// ("AMC", "American Motors Corp"). Returns, per term, the term that stands for its group or
// itself: the fullest of the names written in at least half as many documents as its most
// written one (a name one document misspelt does not stand for fifteen that did not); for a
// person, of the names with a first name when there is one.
std::vector<uint32_t> JoinNames(size_t terms,
                                const std::unordered_map<uint32_t, std::string>& names,
                                const EntityRecords& info,
                                const std::set<std::string>& kept_apart) {
  std::vector<uint32_t> rep(terms);
  for (uint32_t t = 0; t < rep.size(); ++t) rep[t] = t;
  // (type, key) -> terms, in term order for a deterministic choice.
  std::map<std::pair<EntityType, std::string>, std::vector<uint32_t>> groups;
  for (const auto& [term, entity] : info) {
    if (!IsNamedType(entity.type) || term >= terms || !names.count(term)) continue;
    if (kept_apart.count(std::string(DisplayName(names.at(term))))) continue;
    std::string key = EntityKey(DisplayName(names.at(term)), entity.type);
    if (!key.empty()) groups[{entity.type, key}].push_back(term);
  }
  for (auto& entry : groups) std::sort(entry.second.begin(), entry.second.end());
  auto documents = [&](const std::vector<uint32_t>& group_terms) {
    uint64_t n = 0;
    for (uint32_t t : group_terms) n += info.at(t).documents;
    return n;
  };
  // Two legal forms of one name are two companies ("Unilever Plc" and "Unilever NV", a holding
  // and its unit): a key's organisations split by the legal forms their names share; the names
  // without one join the company written in the most documents, which keeps the plain key.
  std::map<std::pair<EntityType, std::string>, std::vector<uint32_t>> split;
  for (auto& [group, group_terms] : groups) {
    if (group.first != EntityType::kOrganisation) {
      split[group] = std::move(group_terms);
      continue;
    }
    std::vector<std::set<std::string>> forms;
    std::vector<std::vector<uint32_t>> companies;
    std::vector<uint32_t> bare;
    for (uint32_t t : group_terms) {
      std::set<std::string> f = LegalForms(DisplayName(names.at(t)));
      if (f.empty()) {
        bare.push_back(t);
        continue;
      }
      size_t c = 0;
      while (c < forms.size() && std::none_of(f.begin(), f.end(), [&](const std::string& x) {
               return forms[c].count(x) > 0;
             })) {
        ++c;
      }
      if (c == forms.size()) {
        forms.emplace_back();
        companies.emplace_back();
      }
      forms[c].insert(f.begin(), f.end());
      companies[c].push_back(t);
    }
    if (companies.size() < 2) {
      split[group] = std::move(group_terms);
      continue;
    }
    size_t most = 0;
    for (size_t c = 1; c < companies.size(); ++c) {
      if (documents(companies[c]) > documents(companies[most])) most = c;
    }
    companies[most].insert(companies[most].end(), bare.begin(), bare.end());
    for (size_t c = 0; c < companies.size(); ++c) {
      std::sort(companies[c].begin(), companies[c].end());
      const std::string key = c == most ? group.second : group.second + "#" + *forms[c].begin();
      split[{group.first, key}] = std::move(companies[c]);
    }
  }
  groups = std::move(split);
  // Aliases the documents gave: key -> the groups that claim it.
  std::map<std::pair<EntityType, std::string>, std::set<std::string>> claimed;
  for (const auto& [group, group_terms] : groups) {
    for (uint32_t t : group_terms) {
      for (const std::string& a : info.at(t).aliases) {
        std::string key = EntityKey(a, group.first);
        if (!key.empty() && key != group.second) claimed[{group.first, key}].insert(group.second);
      }
    }
  }
  // Organisations' initials: letters -> the groups whose names spell them.
  std::map<std::string, std::set<std::string>> initials;
  for (const auto& [group, group_terms] : groups) {
    if (group.first != EntityType::kOrganisation) continue;
    for (uint32_t t : group_terms) {
      for (std::string& a : AcronymsOf(DisplayName(names.at(t)))) {
        initials[std::move(a)].insert(group.second);
      }
    }
  }
  auto fullest = [&](EntityType type, const std::vector<uint32_t>& group_terms) {
    // A person's surname alone is never the name shown when a full one was written.
    auto full = [&](uint32_t t) {
      return type != EntityType::kPerson ||
             DisplayName(names.at(t)).find(' ') != std::string_view::npos;
    };
    const bool any_full = std::any_of(group_terms.begin(), group_terms.end(), full);
    uint64_t most = 0;
    for (uint32_t t : group_terms) {
      if (full(t) || !any_full) most = std::max(most, info.at(t).documents);
    }
    uint32_t best = 0;
    bool found = false;
    for (uint32_t t : group_terms) {
      if ((any_full && !full(t)) || 2 * info.at(t).documents < most) continue;
      if (!found || FullerName(names.at(t), names.at(best))) best = t;
      found = true;
    }
    return best;
  };
  for (auto& entry : groups) {
    const auto& group = entry.first;
    auto& group_terms = entry.second;  // not a binding: the lambda below captures it (clang)
    if (group_terms.empty()) continue;
    // The group a short form joins: the one group that gave it as an alias, or the one written
    // in at least twice as many documents as any other that did.
    std::string into;
    if (auto c = claimed.find(group); c != claimed.end()) {
      uint64_t best = 0, second = 0;
      for (const std::string& key : c->second) {
        auto g = groups.find({group.first, key});
        const uint64_t n = g == groups.end() ? 0 : documents(g->second);
        if (n > best) {
          second = best;
          best = n;
          into = key;
        } else {
          second = std::max(second, n);
        }
      }
      // Among several, not a company named whole with its suffix ("Merrill Lynch and Co Inc"
      // is no short form of its unit Merrill Lynch Capital Markets).
      const bool whole = std::any_of(group_terms.begin(), group_terms.end(), [&](uint32_t t) {
        return EndsWithCompanySuffix(DisplayName(names.at(t)));
      });
      if (whole || (c->second.size() > 1 && best < 2 * second)) into.clear();
    } else if (group.first == EntityType::kOrganisation && group_terms.size() == 1 &&
               IsAcronym(DisplayName(names.at(group_terms.front())))) {
      auto spelt = initials.find(std::string(DisplayName(names.at(group_terms.front()))));
      if (spelt != initials.end() && spelt->second.size() == 1 &&
          *spelt->second.begin() != group.second) {
        into = *spelt->second.begin();
      }
    }
    if (into.empty()) continue;
    auto target = groups.find({group.first, into});
    // A coordination ("Bank of England and Fed") is not a fuller form of its conjuncts.
    auto coordinated = [&](uint32_t t) {
      std::string n = AsciiLower(names.at(t));
      for (uint32_t own : group_terms) {
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
      target->second.insert(target->second.end(), group_terms.begin(), group_terms.end());
      group_terms.clear();
    }
  }
  for (const auto& [group, group_terms] : groups) {
    if (group_terms.size() < 2) continue;
    uint32_t r = fullest(group.first, group_terms);
    for (uint32_t t : group_terms) rep[t] = r;
  }
  return rep;
}

// Entity resolution: which term's vertex stands for each term, and the entity records behind it.
struct Resolution {
  std::vector<uint32_t> rep;  // per term id: the term whose vertex stands for it
  // Typed terms with their records, and the names of typed and merged terms.
  EntityRecords info;
  std::unordered_map<uint32_t, std::string> names;
  uint32_t Rep(uint32_t t) const { return t < rep.size() ? rep[t] : t; }
};

// The names joined across documents (JoinNames), then the manual merges (weft merge): the
// alias's node, with whatever its spelling joined it to, becomes part of the canonical name's
// node, which keeps its name. `r.info` and `r.names` hold the typed terms on entry.
void Resolve(const Store& store, size_t terms, Resolution& r) {
  std::set<std::string> kept_apart;
  for (std::string& n : store.KeptApart()) kept_apart.insert(std::move(n));
  r.rep = JoinNames(terms, r.names, r.info, kept_apart);
  std::vector<uint32_t>& rep = r.rep;
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
    r.names.try_emplace(a->value, m.alias);
    r.names.try_emplace(c->value, m.canonical);
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
}

using VertexInfo = std::pair<EntityType, std::vector<std::string>>;

// Each vertex's type and aliases, by representative: its own and those of the names joined to
// it, which are aliases themselves. `has_vertex(root)` tells whether a group has a vertex.
template <typename HasVertex>
std::map<uint32_t, VertexInfo> VertexInfos(const Resolution& r, HasVertex&& has_vertex) {
  std::map<uint32_t, VertexInfo> merged;
  for (const auto& [term, entity] : r.info) {
    const uint32_t root = r.Rep(term);
    if (!has_vertex(root) || !r.names.count(term)) continue;
    auto& [type, aliases] = merged[root];
    if (term == root || type == EntityType::kOther) type = entity.type;
    aliases.insert(aliases.end(), entity.aliases.begin(), entity.aliases.end());
    if (term != root) aliases.emplace_back(DisplayName(r.names.at(term)));
  }
  for (const auto& [term, name] : r.names) {
    const uint32_t root = r.Rep(term);
    if (r.info.count(term) || term == root || !has_vertex(root)) continue;
    merged[root].second.emplace_back(DisplayName(name));
  }
  for (auto& [root, entity] : merged) {
    auto& aliases = entity.second;
    std::sort(aliases.begin(), aliases.end());
    aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
    std::erase(aliases, std::string(DisplayName(r.names.at(root))));
  }
  return merged;
}

// The terms a resolution decides, sorted: typed, named (merged), joined and representatives.
std::vector<uint32_t> ResolvedTerms(const Resolution& r) {
  std::vector<uint32_t> out;
  for (const auto& entry : r.info) out.push_back(entry.first);
  for (const auto& entry : r.names) out.push_back(entry.first);
  for (uint32_t t = 0; t < r.rep.size(); ++t) {
    if (r.rep[t] != t) {
      out.push_back(t);
      out.push_back(r.rep[t]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Snapshot BuildGraph(const Store& store, uint64_t sequence) {
  graph::GraphBuilder builder;
  const uint64_t change = store.LastChange();
  Resolution r;
  // Typed terms first: only their names are kept apart from the builder's strings.
  r.info = ReadEntityRecords(store);
  std::vector<graph::StringId> term_string;
  store.ForEachTerm([&](TermId id, std::string_view name) {
    if (term_string.size() <= id.value) term_string.resize(id.value + 1, graph::kNoString);
    term_string[id.value] = builder.AddString(name);
    if (r.info.count(id.value)) r.names[id.value] = std::string(name);
    return true;
  });
  Resolve(store, term_string.size(), r);
  const std::vector<uint32_t>& rep = r.rep;
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
    const uint32_t root = rep[t.value];
    graph::VertexId& v = vertex_of[root];
    if (v == graph::kNone) v = builder.AddVertex(term_string[root]);
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
  auto has_vertex = [&](uint32_t root) {
    return root < vertex_of.size() && vertex_of[root] != graph::kNone;
  };
  for (auto& [root, entity] : VertexInfos(r, has_vertex)) {
    std::vector<graph::StringId> alias_ids;
    for (const std::string& a : entity.second) alias_ids.push_back(builder.AddString(a));
    builder.SetVertexInfo(vertex_of[root], entity.first, std::move(alias_ids));
  }
  Snapshot out;
  out.graph = builder.Build(sequence);
  out.terms.change = change;
  out.terms.term_vertex.resize(term_string.size());
  for (size_t t = 0; t < term_string.size(); ++t) out.terms.term_vertex[t] = vertex_of[rep[t]];
  out.terms.resolved = ResolvedTerms(r);
  return out;
}

// Changed statements an update may always read one by one, however small the graph.
constexpr size_t kMinUpdate = 1000;

// Brings `base` up to the store's state from the change log; nullopt when it cannot (the log
// does not reach back, the changes are too many to pay off, or entity resolution split or
// joined vertices the graph holds): the caller builds the graph again.
std::optional<Snapshot> UpdateGraph(const Store& store, Snapshot& base, uint64_t sequence,
                                    size_t* changed) {
  const graph::Graph& g = *base.graph;
  std::optional<Store::Changes> changes = store.ChangesSince(base.terms.change);
  // Past a quarter of the graph, reading the changed statements one by one costs about what
  // reading them all in order does.
  if (!changes || g.num_edges() == 0 ||
      changes->statements.size() > std::max<size_t>(g.num_edges() / 4, kMinUpdate)) {
    return std::nullopt;
  }
  *changed = changes->statements.size();
  if (changes->statements.empty() && changes->entities.empty()) {
    // Writes that changed nothing the graph shows (a document stored again unchanged).
    Snapshot out;
    out.graph = graph::GraphEditor::Resequence(std::move(base.graph), sequence);
    out.terms = std::move(base.terms);
    out.terms.change = store.LastChange();
    return out;
  }
  const std::vector<StoredStatement> statements = store.GetStatements(changes->statements);
  std::vector<uint32_t> term_vertex = base.terms.term_vertex;
  auto vertex_of_term = [&](uint32_t t) {
    return t < term_vertex.size() ? term_vertex[t] : graph::kNone;
  };
  auto resolved = [&](uint32_t t) {
    return std::binary_search(base.terms.resolved.begin(), base.terms.resolved.end(), t);
  };
  // Entity records changed, or a statement names a term whose vertex a resolution decides and
  // that has none yet (typed, joined, or named by a merge stored before the term existed):
  // resolve every entity again.
  bool resolve = !changes->entities.empty();
  std::set<std::string> merged_names;
  for (Store::Merge& m : store.Merges()) {
    merged_names.insert(std::move(m.alias));
    merged_names.insert(std::move(m.canonical));
  }
  for (const StoredStatement& st : statements) {
    for (TermId t : {st.subject, st.object}) {
      if (resolve || vertex_of_term(t.value) != graph::kNone) continue;
      if (resolved(t.value)) resolve = true;
      if (!merged_names.empty()) {
        std::optional<std::string> name = store.TermName(t);
        if (name && merged_names.count(*name)) resolve = true;
      }
    }
  }

  std::unordered_map<uint32_t, uint32_t> root_vertex;  // representative -> vertex
  std::vector<std::pair<graph::VertexId, std::string>> renames;
  Resolution r;
  auto term_name = [&](uint32_t t) {
    if (auto it = r.names.find(t); it != r.names.end()) return it->second;
    std::optional<std::string> name = store.TermName(TermId(t));
    if (!name) {
      throw StorageError("statement refers to unknown term " + std::to_string(t) +
                         " (run weft check)");
    }
    return *name;
  };
  if (resolve) {
    r.info = ReadEntityRecords(store);
    size_t terms = term_vertex.size();
    std::vector<TermId> typed;
    typed.reserve(r.info.size());
    for (const auto& entry : r.info) {
      typed.emplace_back(entry.first);
      terms = std::max<size_t>(terms, entry.first + 1);
    }
    std::sort(typed.begin(), typed.end());
    std::vector<std::optional<std::string>> names = store.TermNames(typed);
    for (size_t i = 0; i < typed.size(); ++i) {
      if (names[i]) r.names[typed[i].value] = std::move(*names[i]);
    }
    for (const StoredStatement& st : statements) {
      terms = std::max<size_t>(terms, std::max(st.subject.value, st.object.value) + 1);
    }
    Resolve(store, terms, r);
    // The base's vertices must keep their groups: a vertex whose terms now go apart, or two
    // vertices whose terms now join, take a build.
    std::vector<uint32_t> vertex_root(g.num_vertices(), graph::kNone);
    for (uint32_t t = 0; t < term_vertex.size(); ++t) {
      const uint32_t v = term_vertex[t];
      if (v == graph::kNone) continue;
      const uint32_t root = r.Rep(t);
      if (vertex_root[v] == graph::kNone) {
        vertex_root[v] = root;
      } else if (vertex_root[v] != root) {
        return std::nullopt;
      }
      if (root_vertex.try_emplace(root, v).first->second != v) return std::nullopt;
    }
    // Names: a group whose fullest name changed renames its vertex.
    for (const auto& [root, v] : root_vertex) {
      if (r.names.count(root) && g.VertexTerm(v) != r.names.at(root)) {
        renames.emplace_back(v, r.names.at(root));
      }
    }
  }
  const size_t base_vertices = g.num_vertices();
  std::vector<bool> had_info(resolve ? base_vertices : 0);
  for (graph::VertexId v = 0; v < had_info.size(); ++v) {
    had_info[v] = g.VertexType(v) != EntityType::kOther || !g.VertexAliases(v).empty();
  }
  graph::GraphEditor editor(std::move(base.graph));
  for (const auto& [v, name] : renames) editor.RenameVertex(v, editor.AddString(name));

  // The changed statements: their old edges go, their present ones come back.
  std::unordered_map<uint32_t, graph::LabelId> labels;
  std::unordered_map<uint32_t, graph::StringId> strings;
  auto string_of = [&](TermId t) {
    auto [it, added] = strings.try_emplace(t.value, graph::kNoString);
    if (added) it->second = editor.AddString(term_name(t.value));
    return it->second;
  };
  auto vertex = [&](TermId t) {
    uint32_t v = vertex_of_term(t.value);
    if (v != graph::kNone) return v;
    const uint32_t root = resolve ? r.Rep(t.value) : t.value;
    auto [it, added] = root_vertex.try_emplace(root, graph::kNone);
    if (added) it->second = editor.AddVertex(editor.AddString(term_name(root)));
    v = it->second;
    if (term_vertex.size() <= t.value) term_vertex.resize(t.value + 1, graph::kNone);
    term_vertex[t.value] = v;
    return v;
  };
  std::vector<graph::QualifierRef> quals;
  for (StatementId id : changes->statements) editor.RemoveStatement(id);
  for (const StoredStatement& st : statements) {
    const graph::VertexId s = vertex(st.subject), o = vertex(st.object);
    auto [label, added] = labels.try_emplace(st.predicate.value, graph::kNoLabel);
    if (added) label->second = editor.Label(term_name(st.predicate.value));
    quals.clear();
    for (const StoredQualifier& q : st.qualifiers) {
      quals.push_back({string_of(q.role), string_of(q.value)});
    }
    editor.AddEdge(s, label->second, o, st.id, st.Confidence(),
                   static_cast<uint32_t>(st.sources.size()), quals);
  }

  SnapshotTerms terms;
  terms.change = store.LastChange();
  if (resolve) {
    // Entity records: every group's, and none for a vertex that had one and lost it.
    auto infos = VertexInfos(r, [&](uint32_t root) { return root_vertex.count(root) > 0; });
    std::vector<bool> has_info(editor.num_vertices(), false);
    for (auto& [root, entity] : infos) {
      const uint32_t v = root_vertex.at(root);
      std::vector<graph::StringId> alias_ids;
      for (const std::string& a : entity.second) alias_ids.push_back(editor.AddString(a));
      editor.SetVertexInfo(v, entity.first, std::move(alias_ids));
      has_info[v] = true;
    }
    for (graph::VertexId v = 0; v < base_vertices; ++v) {
      if (had_info[v] && !has_info[v]) editor.SetVertexInfo(v, EntityType::kOther, {});
    }
    // Every term of a group with a vertex maps to it.
    term_vertex.resize(std::max(term_vertex.size(), r.rep.size()), graph::kNone);
    for (uint32_t t = 0; t < r.rep.size(); ++t) {
      if (auto it = root_vertex.find(r.rep[t]); it != root_vertex.end())
        term_vertex[t] = it->second;
    }
    terms.resolved = ResolvedTerms(r);
  } else {
    terms.resolved = base.terms.resolved;
  }
  std::vector<graph::VertexId> vertex_map;
  Snapshot out;
  out.graph = editor.Build(sequence, &vertex_map);
  for (uint32_t& v : term_vertex) v = v == graph::kNone ? graph::kNone : vertex_map[v];
  terms.term_vertex = std::move(term_vertex);
  out.terms = std::move(terms);
  return out;
}

}  // namespace

namespace {
// Changed statements past which a snapshot file is always written again.
constexpr size_t kRewriteAfter = 10000;
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
  LoadReport ignored;
  LoadReport& report = options.report != nullptr ? *options.report : ignored;
  report = LoadReport();
  if (!options.use_snapshot_file) return BuildGraph(store, sequence).graph;
  const std::string path = SnapshotPath(store);
  const std::string tag = store.Identity();
  Snapshot base;
  try {
    base = OpenSnapshotFile(path, tag);
  } catch (const StorageError&) {
    // Unreadable: rebuild, and try to replace it below.
  }
  if (base.graph && base.graph->sequence() == sequence) {
    report.source = LoadReport::Source::kFile;
    return std::move(base.graph);
  }
  std::optional<Snapshot> updated;
  size_t changed = 0;
  const size_t base_edges = base.graph ? base.graph->num_edges() : 0;
  if (base.graph) updated = UpdateGraph(store, base, sequence, &changed);
  // The file is written again when the graph was built, or when the statements changed since
  // the file's graph (which every load reads again until then) pass a share of it.
  const size_t rewrite_after = options.rewrite_after != 0
                                   ? options.rewrite_after
                                   : std::max<size_t>(kRewriteAfter, base_edges / 20);
  const bool save = !updated || changed >= rewrite_after;
  if (updated) {
    report.source = LoadReport::Source::kUpdated;
    report.changed_statements = changed;
  }
  Snapshot result = updated ? std::move(*updated) : BuildGraph(store, sequence);
  RemoveAbandonedSnapshots(store);
  if (save) {
    try {
      // A reader whose view is older than the file another process wrote meanwhile leaves the
      // newer file in place.
      const std::optional<uint64_t> on_disk = ReadSnapshotChange(path, tag);
      if (!on_disk || *on_disk <= result.terms.change) {
        SaveSnapshotFile(result, path, tag);
        report.file_written = true;
      }
    } catch (const StorageError&) {
      // The file only saves time; the graph is whole without it.
    }
  }
  return std::move(result.graph);
}

namespace {

// The first difference between two graphs of the same statements, or "" when they are equal
// up to numbering: the same edge per statement (endpoints by term, label, confidence, support,
// qualifiers) and the same vertices (term, type, aliases).
std::string Difference(const graph::Graph& a, const graph::Graph& b) {
  if (a.num_edges() != b.num_edges()) {
    return fmt::format("{} edges, where the statements make {}", a.num_edges(), b.num_edges());
  }
  if (a.num_vertices() != b.num_vertices()) {
    return fmt::format("{} vertices, where the statements make {}", a.num_vertices(),
                       b.num_vertices());
  }
  auto by_statement = [](const graph::Graph& g) {
    std::vector<graph::EdgeId> order(g.num_edges());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](graph::EdgeId x, graph::EdgeId y) { return g.Statement(x) < g.Statement(y); });
    return order;
  };
  auto qualifiers = [](const graph::Graph& g, graph::EdgeId e) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    for (const graph::QualifierRef& q : g.Qualifiers(e))
      out.emplace_back(g.String(q.role), g.String(q.value));
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<graph::EdgeId> ea = by_statement(a), eb = by_statement(b);
  for (size_t i = 0; i < ea.size(); ++i) {
    const graph::EdgeId x = ea[i], y = eb[i];
    if (a.Statement(x) != b.Statement(y) ||
        a.VertexTerm(a.Source(x)) != b.VertexTerm(b.Source(y)) ||
        a.LabelName(a.Label(x)) != b.LabelName(b.Label(y)) ||
        a.VertexTerm(a.Target(x)) != b.VertexTerm(b.Target(y)) ||
        a.Confidence(x) != b.Confidence(y) || a.Support(x) != b.Support(y) ||
        qualifiers(a, x) != qualifiers(b, y)) {
      return fmt::format("statement {} is {} -{}-> {} there, {} -{}-> {} in the statements",
                         std::min(a.Statement(x), b.Statement(y)).value, a.VertexTerm(a.Source(x)),
                         a.LabelName(a.Label(x)), a.VertexTerm(a.Target(x)),
                         b.VertexTerm(b.Source(y)), b.LabelName(b.Label(y)),
                         b.VertexTerm(b.Target(y)));
    }
  }
  auto by_term = [](const graph::Graph& g) {
    std::vector<graph::VertexId> order(g.num_vertices());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](graph::VertexId x, graph::VertexId y) {
      return g.VertexTerm(x) < g.VertexTerm(y);
    });
    return order;
  };
  auto aliases = [](const graph::Graph& g, graph::VertexId v) {
    std::vector<std::string_view> out = g.VertexAliases(v);
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<graph::VertexId> va = by_term(a), vb = by_term(b);
  for (size_t i = 0; i < va.size(); ++i) {
    const graph::VertexId x = va[i], y = vb[i];
    if (a.VertexTerm(x) != b.VertexTerm(y) || a.VertexType(x) != b.VertexType(y) ||
        aliases(a, x) != aliases(b, y)) {
      return fmt::format("entity '{}' differs from the statements' ('{}')", a.VertexTerm(x),
                         b.VertexTerm(y));
    }
  }
  return "";
}

}  // namespace

std::vector<std::string> CheckSnapshot(const Store& store, bool repair) {
  const std::string path = SnapshotPath(store);
  Snapshot base = OpenSnapshotFile(path, store.Identity());
  if (!base.graph) return {};  // none, or unusable: the next load builds the graph
  const uint64_t sequence = store.Sequence();
  const uint64_t file_change = base.terms.change;
  std::unique_ptr<graph::Graph> loaded;
  if (base.graph->sequence() == sequence) {
    loaded = std::move(base.graph);
  } else {
    size_t changed = 0;
    std::optional<Snapshot> updated = UpdateGraph(store, base, sequence, &changed);
    if (!updated) return {};  // the log does not reach it: the next load builds the graph
    loaded = std::move(updated->graph);
  }
  const std::string diff = Difference(*loaded, *BuildGraph(store, sequence).graph);
  if (diff.empty()) return {};
  std::vector<std::string> problems{fmt::format(
      "the snapshot file {} with the changes since its change record {} differs from the "
      "statements: {}",
      path, file_change, diff)};
  if (repair) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec) problems.push_back(fmt::format("cannot remove {}: {}", path, ec.message()));
  }
  return problems;
}

void PruneChangeLog(Store& store) {
  // The header alone: a file whose body turns out damaged is rebuilt from the statements,
  // which needs no log either.
  if (std::optional<uint64_t> change = ReadSnapshotChange(SnapshotPath(store), store.Identity())) {
    store.PruneChanges(*change);
  }
}

}  // namespace weft::storage
