// weft path, neighbors, rank and components: graph algorithms over a snapshot of the store.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <numeric>

#include "cli/commands.h"
#include "cli/table.h"
#include "graph/base/error.h"
#include "graph/snapshot/algorithms.h"

namespace weft::cli {
namespace {

struct TraversalFlags {
  std::string direction = "both";
  std::string label;
};

void AddTraversalFlags(CLI::App& app, TraversalFlags& flags) {
  app.add_option("--direction", flags.direction, "Follow edges out, in, or both ways")
      ->check(CLI::IsMember({"out", "in", "both"}));
  app.add_option("--label", flags.label, "Follow only edges with this predicate");
}

graph::PathOptions ToOptions(const graph::Graph& g, const TraversalFlags& flags) {
  graph::PathOptions o;
  o.direction = flags.direction == "out"  ? graph::Direction::kOut
                : flags.direction == "in" ? graph::Direction::kIn
                                          : graph::Direction::kBoth;
  if (!flags.label.empty()) o.label = ResolveLabel(g, flags.label);
  return o;
}

std::string Qualifiers(const graph::Graph& g, graph::EdgeId e) {
  std::string out;
  for (const graph::QualifierRef& q : g.Qualifiers(e)) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{}: {}", g.String(q.role), g.String(q.value));
  }
  return out;
}

nlohmann::json EdgeJson(const graph::Graph& g, graph::EdgeId e) {
  nlohmann::json q = nlohmann::json::object();
  for (const graph::QualifierRef& r : g.Qualifiers(e))
    q[std::string(g.String(r.role))] = g.String(r.value);
  return {{"subject", g.VertexName(g.Source(e))}, {"predicate", g.LabelName(g.Label(e))},
          {"object", g.VertexName(g.Target(e))},  {"qualifiers", q},
          {"confidence", g.Confidence(e)},        {"support", g.Support(e)},
          {"statement", g.Statement(e).value}};
}

// Which entity types a listing shows: --named (people, organisations, places, misc), --types,
// or by default everything but values (an amount or a date is a literal, not an entity).
struct TypeFilter {
  bool named = false;
  bool all = false;
  std::vector<std::string> types;

  void Add(CLI::App& app) {
    app.add_flag("--named", named, "Only named entities: people, organisations, places, misc");
    app.add_option("--types", types,
                   "Only these types (person, organisation, place, misc, concept, money, percent, "
                   "date, quantity, other)")
        ->delimiter(',');
    app.add_flag("--all", all, "Values too (money, percentages, dates, quantities)");
  }
  // Throws UsageError for an unknown type name.
  std::function<bool(EntityType)> Predicate() const {
    std::vector<EntityType> wanted;
    for (const std::string& t : types) {
      auto parsed = ParseEntityType(t);
      if (!parsed) throw UsageError("unknown type '" + t + "' in --types");
      wanted.push_back(*parsed);
    }
    bool named_only = named, everything = all;
    return [wanted, named_only, everything](EntityType t) {
      if (!wanted.empty()) return std::find(wanted.begin(), wanted.end(), t) != wanted.end();
      if (named_only) return IsNamedType(t);
      return everything || !IsValueType(t);
    };
  }
};

PrintOptions Print(const Context& ctx) {
  PrintOptions p;
  p.format = ctx.ParsedFormat();
  p.max_width = TerminalWidth();
  p.row_count = !ctx.quiet;
  return p;
}

void SetupPath(CLI::App& app, Context& ctx) {
  struct Flags {
    std::string from, to;
    uint32_t max_hops = 6;
    bool weighted = false;
    TraversalFlags traversal;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("from", f->from, "Start entity")->required();
  app.add_option("to", f->to, "End entity")->required();
  app.add_option("--max-hops", f->max_hops, "Give up beyond this many hops");
  app.add_flag("--weighted", f->weighted, "Prefer confident edges (cost 1/confidence)");
  AddTraversalFlags(app, f->traversal);
  app.add_option("--format", ctx.format, "table, json, csv or tsv");
  app.footer(
      "Examples:\n  weft path Tencent Nvidia\n  weft path \"Ana Ribeiro\" Lisbon --max-hops 3 "
      "--format json\n  weft path A B --direction out --weighted");
  app.callback([f, &ctx] {
    auto g = ctx.LoadGraph();
    graph::VertexId a = ResolveEntity(*g, f->from);
    graph::VertexId b = ResolveEntity(*g, f->to);
    graph::PathOptions options = ToOptions(*g, f->traversal);
    options.max_hops = f->max_hops;
    std::optional<graph::Path> path = f->weighted ? graph::WeightedShortestPath(*g, a, b, options)
                                                  : graph::ShortestPath(*g, a, b, options);
    if (path && path->edges.size() > f->max_hops) path.reset();
    if (ctx.ParsedFormat() == OutputFormat::kJson) {
      nlohmann::json j;
      j["found"] = path.has_value();
      if (path) {
        j["hops"] = path->edges.size();
        j["vertices"] = nlohmann::json::array();
        for (auto v : path->vertices) j["vertices"].push_back(g->VertexName(v));
        j["edges"] = nlohmann::json::array();
        for (size_t i = 0; i < path->edges.size(); ++i) {
          nlohmann::json e = EdgeJson(*g, path->edges[i]);
          e["forward"] = static_cast<bool>(path->forward[i]);
          j["edges"].push_back(e);
        }
      }
      fmt::print("{}\n", j.dump(2));
      return;
    }
    if (!path) {
      if (!ctx.quiet) {
        fmt::print(stderr, "no path from '{}' to '{}' within {} hops\n", g->VertexName(a),
                   g->VertexName(b), f->max_hops);
      }
      ctx.exit_code = 1;
      return;
    }
    ResultTable t;
    t.columns = {"hop", "subject", "predicate", "object", "qualifiers", "confidence"};
    for (size_t i = 0; i < path->edges.size(); ++i) {
      graph::EdgeId e = path->edges[i];
      t.rows.push_back({Cell::Integer(i + 1), std::string(g->VertexName(g->Source(e))),
                        std::string(g->LabelName(g->Label(e))),
                        std::string(g->VertexName(g->Target(e))), Qualifiers(*g, e),
                        Cell::Number(g->Confidence(e))});
    }
    PrintTable(t, Print(ctx), stdout);
  });
}

void SetupNeighbors(CLI::App& app, Context& ctx) {
  struct Flags {
    std::string centre;
    uint32_t hops = 1;
    size_t limit = 10000;
    bool edges = false;
    TraversalFlags traversal;
    TypeFilter filter;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("entity", f->centre, "The entity at the centre")->required();
  f->filter.Add(app);
  app.add_option("--hops,-k", f->hops, "How far to go");
  app.add_option("--limit", f->limit, "Stop after this many entities");
  app.add_flag("--edges", f->edges, "List the subgraph's statements instead of its entities");
  AddTraversalFlags(app, f->traversal);
  app.add_option("--format", ctx.format, "table, json, csv or tsv");
  app.footer(
      "Examples:\n  weft neighbors Microsoft\n  weft neighbors Tencent --hops 2 --direction out\n"
      "  weft neighbors Lisbon --edges --format csv");
  app.callback([f, &ctx] {
    auto keep = f->filter.Predicate();
    auto g = ctx.LoadGraph();
    graph::VertexId c = ResolveEntity(*g, f->centre);
    graph::Subgraph sub =
        graph::Neighbourhood(*g, c, f->hops, ToOptions(*g, f->traversal), f->limit);
    if (ctx.ParsedFormat() == OutputFormat::kJson && !f->edges) {
      nlohmann::json j;
      j["centre"] = g->VertexName(c);
      j["hops"] = f->hops;
      j["nodes"] = nlohmann::json::array();
      for (size_t i = 0; i < sub.vertices.size(); ++i) {
        graph::VertexId v = sub.vertices[i];
        if (i > 0 && !keep(g->VertexType(v))) continue;
        j["nodes"].push_back({{"name", g->VertexName(v)},
                              {"type", EntityTypeName(g->VertexType(v))},
                              {"depth", sub.depth[i]}});
      }
      j["edges"] = nlohmann::json::array();
      for (graph::EdgeId e : sub.edges) j["edges"].push_back(EdgeJson(*g, e));
      fmt::print("{}\n", j.dump(2));
      return;
    }
    ResultTable t;
    if (f->edges) {
      t.columns = {"subject", "predicate", "object", "qualifiers", "confidence"};
      for (graph::EdgeId e : sub.edges) {
        t.rows.push_back({std::string(g->VertexName(g->Source(e))),
                          std::string(g->LabelName(g->Label(e))),
                          std::string(g->VertexName(g->Target(e))), Qualifiers(*g, e),
                          Cell::Number(g->Confidence(e))});
      }
    } else {
      t.columns = {"entity", "type", "depth", "degree"};
      for (size_t i = 1; i < sub.vertices.size(); ++i) {
        graph::VertexId v = sub.vertices[i];
        if (!keep(g->VertexType(v))) continue;
        t.rows.push_back(
            {std::string(g->VertexName(v)), std::string(EntityTypeName(g->VertexType(v))),
             Cell::Integer(sub.depth[i]), Cell::Integer(g->OutDegree(v) + g->InDegree(v))});
      }
    }
    PrintTable(t, Print(ctx), stdout);
  });
}

void SetupRank(CLI::App& app, Context& ctx) {
  struct Flags {
    size_t top = 20;
    std::string by = "pagerank";
    double damping = 0.85;
    TypeFilter filter;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("--top,-n", f->top, "How many entities to list")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  app.add_option("--by", f->by, "pagerank, degree, in-degree, out-degree or betweenness")
      ->check(CLI::IsMember({"pagerank", "degree", "in-degree", "out-degree", "betweenness"}));
  app.add_option("--damping", f->damping, "PageRank damping factor")->check(CLI::Range(0.0, 1.0));
  app.add_option("--format", ctx.format, "table, json, csv or tsv");
  f->filter.Add(app);
  app.footer(
      "Scores are computed over the whole graph; the listing leaves out values (money,\n"
      "percentages, dates, quantities) unless --all, and --named keeps only people,\n"
      "organisations, places and misc names.\n\n"
      "Examples:\n  weft rank --named\n  weft rank --by betweenness --top 5 --format json\n"
      "  weft rank --types person --top 10");
  app.callback([f, &ctx] {
    auto keep = f->filter.Predicate();
    auto g = ctx.LoadGraph();
    std::vector<double> score(g->num_vertices());
    if (f->by == "pagerank") {
      score = graph::PageRank(*g, f->damping);
    } else if (f->by == "betweenness") {
      score = graph::Betweenness(*g);
    } else {
      for (graph::VertexId v = 0; v < g->num_vertices(); ++v) {
        size_t in = g->InDegree(v), out = g->OutDegree(v);
        score[v] = static_cast<double>(f->by == "degree"      ? in + out
                                       : f->by == "in-degree" ? in
                                                              : out);
      }
    }
    std::vector<graph::VertexId> order;
    for (graph::VertexId v = 0; v < g->num_vertices(); ++v) {
      if (keep(g->VertexType(v))) order.push_back(v);
    }
    size_t top = std::min(f->top, order.size());
    std::partial_sort(order.begin(), order.begin() + top, order.end(), [&](auto a, auto b) {
      return score[a] != score[b] ? score[a] > score[b] : g->VertexName(a) < g->VertexName(b);
    });
    ResultTable t;
    t.columns = {"rank", "entity", "type", f->by};
    for (size_t i = 0; i < top; ++i) {
      graph::VertexId v = order[i];
      t.rows.push_back({Cell::Integer(i + 1), std::string(g->VertexName(v)),
                        std::string(EntityTypeName(g->VertexType(v))), Cell::Number(score[v])});
    }
    PrintTable(t, Print(ctx), stdout);
  });
}

void SetupComponents(CLI::App& app, Context& ctx) {
  auto top = std::make_shared<size_t>(20);
  app.add_option("--top,-n", *top, "How many components to list, largest first");
  app.add_option("--format", ctx.format, "table, json, csv or tsv");
  app.footer("Examples:\n  weft components\n  weft components --top 3 --format json");
  app.callback([top, &ctx] {
    auto g = ctx.LoadGraph();
    uint32_t count = 0;
    std::vector<uint32_t> comp = graph::WeakComponents(*g, &count);
    std::vector<std::vector<graph::VertexId>> members(count);
    for (graph::VertexId v = 0; v < g->num_vertices(); ++v) members[comp[v]].push_back(v);
    std::vector<uint32_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return members[a].size() > members[b].size(); });
    ResultTable t;
    t.columns = {"component", "entities", "examples"};
    for (size_t i = 0; i < order.size() && i < *top; ++i) {
      auto& m = members[order[i]];
      std::sort(m.begin(), m.end(), [&](auto a, auto b) {
        return g->OutDegree(a) + g->InDegree(a) > g->OutDegree(b) + g->InDegree(b);
      });
      std::string ex;
      for (size_t k = 0; k < m.size() && k < 5; ++k)
        ex += (k ? ", " : "") + std::string(g->VertexName(m[k]));
      t.rows.push_back({Cell::Integer(i + 1), Cell::Integer(m.size()), ex});
    }
    if (!ctx.quiet && ctx.ParsedFormat() == OutputFormat::kTable) {
      fmt::print("{} components over {} entities\n", count, g->num_vertices());
    }
    PrintTable(t, Print(ctx), stdout);
  });
}

}  // namespace

void SetupPathCommand(CLI::App& app, Context& ctx) { SetupPath(app, ctx); }
void SetupNeighborsCommand(CLI::App& app, Context& ctx) { SetupNeighbors(app, ctx); }
void SetupRankCommand(CLI::App& app, Context& ctx) { SetupRank(app, ctx); }
void SetupComponentsCommand(CLI::App& app, Context& ctx) { SetupComponents(app, ctx); }

}  // namespace weft::cli
