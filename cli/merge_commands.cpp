// weft merge, weft split and weft entity: manual control over which names are one entity, and
// the card that shows what weft made of a name.
#include <fmt/format.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.h"
#include "graph/base/error.h"
#include "graph/base/names.h"
#include "graph/snapshot/suggest.h"
#include "storage/loader.h"

namespace weft::cli {

namespace {

// The vertex named `name` (or having it as an alias); an unknown name is bad input (exit 3),
// with the nearest names.
graph::VertexId Named(const graph::Graph& g, std::string_view name) {
  if (auto v = g.FindVertex(name)) return *v;
  throw InputError(std::string(name), 0,
                   "no entity of that name" + graph::DidYouMean(graph::SuggestVertices(g, name)));
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// The store open for writing, its graph, and the entity a merge or split keeps.
struct Change {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<graph::Graph> graph;
  graph::VertexId canonical = 0;
};
Change OpenForChange(const Context& ctx, const std::string& canonical) {
  Change c;
  c.store = ctx.OpenForWrite(/*create=*/false);
  c.graph = storage::LoadGraph(*c.store);
  c.canonical = Named(*c.graph, canonical);
  return c;
}

// The two names merge and split take: the entity that keeps its name, and the other.
struct NamePair {
  std::string canonical, alias;
};

// A command on two names (merge, split): its options and help, and `run` with the store open
// for writing and the kept entity found.
void SetupPairCommand(CLI::App& app, Context& ctx, const char* canonical_help,
                      const char* alias_help, const char* footer,
                      const std::function<void(Change&, const NamePair&)>& run) {
  auto f = std::make_shared<NamePair>();
  app.add_option("entity", f->canonical, canonical_help)->required();
  app.add_option("alias", f->alias, alias_help)->required();
  app.footer(footer);
  app.callback([f, &ctx, run] {
    Change c = OpenForChange(ctx, f->canonical);
    run(c, *f);
  });
}

}  // namespace

void SetupMerge(CLI::App& app, Context& ctx) {
  SetupPairCommand(
      app, ctx, "The entity that stays", "The entity that becomes its alias",
      R"(B becomes an alias of A: its statements show on A's node, in queries, exports and
the viewer. The merge is kept in the store and holds when documents are ingested again;
'weft split A B' undoes it.

Examples:
  weft merge "Royal Dutch Shell" Shell
  weft merge "Time Warner Inc" TimeWarner)",
      [&ctx](Change& c, const NamePair& f) {
        const graph::VertexId a = c.canonical;
        const graph::VertexId b = Named(*c.graph, f.alias);
        if (a == b) {
          throw InputError(f.alias, 0,
                           f.alias == f.canonical
                               ? std::string("cannot merge an entity into itself")
                               : Quoted(f.canonical) + " and " + Quoted(f.alias) +
                                     " are already one entity, " + Quoted(c.graph->VertexName(a)));
        }
        // Terms, not display names: a kind scoped to a document merges as that document's node.
        const std::string canonical(c.graph->VertexTerm(a)), alias(c.graph->VertexTerm(b));
        c.store->SetKeptApart(alias, false);
        c.store->SetMerge(alias, canonical);
        if (!ctx.quiet) {
          const size_t moved = c.graph->OutDegree(b) + c.graph->InDegree(b);
          fmt::print("merged {} into {}: {} {} to it\n", Quoted(c.graph->VertexName(b)),
                     Quoted(c.graph->VertexName(a)), Counted(moved, "statement"),
                     moved == 1 ? "moves" : "move");
        }
      });
}

void SetupSplit(CLI::App& app, Context& ctx) {
  SetupPairCommand(
      app, ctx, "The entity that keeps its name", "The name to make its own entity again",
      R"(Undoes 'weft merge A B', or keeps apart a name weft joined to A by its spelling
("Texaco" with "Texaco Inc"). Kept in the store like a merge.

Examples:
  weft split "Royal Dutch Shell" Shell
  weft split "Mercury Communications" Mercury)",
      [&ctx](Change& c, const NamePair& f) {
        const graph::VertexId a = c.canonical;
        std::optional<graph::VertexId> b = c.graph->FindVertex(f.alias);
        if (!b || *b != a) {
          throw InputError(
              f.alias, 0, "not a name of " + Quoted(c.graph->VertexName(a)) + ", nothing to split");
        }
        // The term the user named: the alias as written, or a scoped kind's term.
        std::string alias = f.alias;
        for (const storage::Store::Merge& m : c.store->Merges()) {
          if (DisplayName(m.alias) == f.alias) alias = m.alias;
        }
        if (!c.store->FindTerm(alias)) {
          throw InputError(f.alias, 0,
                           "an alias the documents gave, not a name they use; nothing to split");
        }
        if (!c.store->RemoveMerge(alias)) c.store->SetKeptApart(alias, true);
        if (!ctx.quiet) {
          fmt::print("split {} from {}\n", Quoted(f.alias), Quoted(c.graph->VertexName(a)));
        }
      });
}

void SetupEntity(CLI::App& app, Context& ctx) {
  struct Flags {
    std::string name;
    size_t top = 10;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("name", f->name, "The entity, by any of its names")->required();
  app.add_option("--top", f->top, "Statements to show (most supported first)")
      ->check(CLI::Range(size_t{0}, size_t{100000}));
  app.add_option("--format", ctx.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  app.footer(R"(The entity's card: type, every name the documents used for it with the documents
that used it, the names merged into it, degree, its best supported statements, and the entities
it is possibly the same as (one of their names is a form of its name).

Examples:
  weft entity "Bank of England"
  weft entity SEC --format json)");
  app.callback([f, &ctx] {
    std::unique_ptr<storage::Store> store;
    std::unique_ptr<graph::Graph> g = ctx.LoadGraph(&store);
    const graph::VertexId v = ResolveEntity(*g, f->name);
    const std::string name(g->VertexName(v));
    const EntityType type = g->VertexType(v);

    // Names as the documents wrote them, from the stored statements on this node.
    std::map<std::string, std::set<std::string>> used;  // name -> documents
    std::vector<graph::EdgeId> edges;
    for (graph::EdgeId e = g->OutEdges(v).begin; e < g->OutEdges(v).end; ++e) edges.push_back(e);
    for (graph::EdgeId e : g->InEdges(v)) edges.push_back(e);
    std::map<uint64_t, std::string> document_names;
    for (graph::EdgeId e : edges) {
      std::optional<StoredStatement> st = store->GetStatement(g->Statement(e));
      if (!st) continue;
      TermId term = g->Source(e) == v ? st->subject : st->object;
      std::optional<std::string> written = store->TermName(term);
      if (!written) continue;
      auto& docs = used[std::string(DisplayName(*written))];
      for (const Source& s : st->sources) {
        auto [it, fresh] = document_names.try_emplace(s.document.value);
        if (fresh) {
          auto d = store->GetDocument(s.document);
          it->second = d ? d->name : std::to_string(s.document.value);
        }
        docs.insert(it->second);
      }
    }
    std::vector<std::string> other_aliases;
    for (std::string_view a : g->VertexAliases(v)) {
      if (!used.count(std::string(a))) other_aliases.emplace_back(a);
    }
    std::vector<std::string> merged;
    for (const storage::Store::Merge& m : store->Merges()) {
      auto target = g->FindVertex(DisplayName(m.canonical));
      if (target == v) merged.emplace_back(DisplayName(m.alias));
    }
    // Possibly the same: another node one of whose names has this name's key, or whose name's
    // key is one of this node's names' keys, of the same type.
    std::set<std::string> keys;
    keys.insert(EntityKey(name, type));
    for (std::string_view a : g->VertexAliases(v)) keys.insert(EntityKey(a, type));
    std::vector<std::string> possibly;
    if (IsNamedType(type)) {
      for (graph::VertexId u = 0; u < g->num_vertices(); ++u) {
        if (u == v || g->VertexType(u) != type) continue;
        bool same = keys.count(EntityKey(g->VertexName(u), type)) > 0;
        for (std::string_view a : g->VertexAliases(u)) {
          same = same || keys.count(EntityKey(a, type)) > 0;
        }
        if (same) possibly.emplace_back(g->VertexName(u));
      }
    }
    std::sort(edges.begin(), edges.end(), [&](graph::EdgeId a, graph::EdgeId b) {
      return g->Support(a) != g->Support(b) ? g->Support(a) > g->Support(b) : a < b;
    });
    if (edges.size() > f->top) edges.resize(f->top);
    auto statement = [&](graph::EdgeId e) {
      std::string quals;
      for (const auto& q : g->Qualifiers(e)) {
        quals += fmt::format(", {}: {}", g->String(q.role), g->String(q.value));
      }
      return fmt::format("{} -{}-> {}{}", g->VertexName(g->Source(e)), g->LabelName(g->Label(e)),
                         g->VertexName(g->Target(e)), quals);
    };

    if (ctx.format == "json") {
      nlohmann::json j;
      j["name"] = name;
      j["type"] = EntityTypeName(type);
      j["names"] = nlohmann::json::array();
      for (const auto& [n, docs] : used) j["names"].push_back({{"name", n}, {"documents", docs}});
      j["aliases"] = other_aliases;
      j["merged"] = merged;
      j["out_degree"] = g->OutDegree(v);
      j["in_degree"] = g->InDegree(v);
      j["possibly_same_as"] = possibly;
      j["statements"] = nlohmann::json::array();
      for (graph::EdgeId e : edges) {
        j["statements"].push_back({{"statement", statement(e)}, {"support", g->Support(e)}});
      }
      fmt::print("{}\n", j.dump(2));
      return;
    }
    fmt::print("{}\n  type      {}\n", name, EntityTypeName(type));
    for (const auto& [n, docs] : used) {
      std::string list;
      size_t shown = 0;
      for (const std::string& d : docs) {
        if (shown++ == 3) {
          list += fmt::format(", ... {} more", docs.size() - 3);
          break;
        }
        list += (list.empty() ? "" : ", ") + d;
      }
      fmt::print("  written   {} ({} {}: {})\n", n, docs.size(),
                 docs.size() == 1 ? "document" : "documents", list);
    }
    if (!other_aliases.empty()) {
      std::string a;
      for (const std::string& x : other_aliases) a += (a.empty() ? "" : ", ") + x;
      fmt::print("  aliases   {}\n", a);
    }
    for (const std::string& m : merged) fmt::print("  merged    {} (weft merge)\n", m);
    fmt::print("  degree    {} out, {} in\n", g->OutDegree(v), g->InDegree(v));
    for (const std::string& p : possibly) fmt::print("  possibly the same as {}\n", p);
    for (graph::EdgeId e : edges) fmt::print("  {}\n", statement(e));
  });
}

}  // namespace weft::cli
