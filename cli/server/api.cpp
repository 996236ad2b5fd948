#include "cli/server/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "graph/base/error.h"
#include "graph/export/export.h"
#include "graph/snapshot/algorithms.h"
#include "graph/snapshot/suggest.h"
#include "query/budget.h"
#include "query/engine.h"

namespace weft::server {

using nlohmann::json;

namespace {

// Statements an entity card lists at most, strongest first.
constexpr size_t kCardStatements = 25;
// Names a search answers at most.
constexpr uint64_t kMaxSearch = 200;
// Entities /api/stats lists as the most connected.
constexpr size_t kTopEntities = 10;
// Hops a neighbourhood request may ask for.
constexpr uint64_t kMaxHops = 4;

// A request that cannot be answered as asked: its status and message.
struct RequestError {
  int status;
  std::string kind;
  std::string message;
  json extra = json::object();
};

const std::string* Param(const Params& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

const std::string& Required(const Params& params, const std::string& name) {
  const std::string* v = Param(params, name);
  if (!v || v->empty()) throw RequestError{400, "request", "missing parameter '" + name + "'"};
  return *v;
}

uint64_t Number(const Params& params, const std::string& name, uint64_t fallback, uint64_t min,
                uint64_t max) {
  const std::string* v = Param(params, name);
  if (!v) return fallback;
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n < min || n > max) {
    throw RequestError{400, "request",
                       "parameter '" + name + "' must be a whole number from " +
                           std::to_string(min) + " to " + std::to_string(max)};
  }
  return n;
}

// A float confidence as the exports write it: six decimal digits, not the float's noise.
double Rounded(double x) { return std::round(x * 1e6) / 1e6; }

json ValueJson(const query::Value& v, const graph::Graph& g) {
  switch (v.kind) {
    case query::Value::Kind::kNull:
      return nullptr;
    case query::Value::Kind::kNumber:
      // Whole numbers (counts, years) as JSON integers, as the command line prints them.
      if (std::fabs(v.number) < 9007199254740992.0 && v.number == std::trunc(v.number)) {
        return static_cast<int64_t>(v.number);
      }
      return v.number;
    case query::Value::Kind::kBool:
      return v.number != 0;
    default:
      return query::ValueText(v, g);
  }
}

// Nodes and edges in Cytoscape.js element form, ids stable across reloads: a node's id is its
// export key, an edge's "s" and its statement id. At most `max` elements: vertices first (in the
// order given, so a neighbourhood keeps its nearest), then edges between kept vertices.
// Written as JSON text directly (not through a JSON tree): this is the hot path of the API.
std::string Elements(const graph::Graph& g, std::vector<graph::EdgeId> edges,
                     const std::vector<graph::VertexId>& vertices, size_t max) {
  std::unordered_map<graph::VertexId, bool> keep;
  std::vector<graph::VertexId> order;
  auto add_vertex = [&](graph::VertexId v) {
    if (keep.emplace(v, true).second) order.push_back(v);
  };
  for (graph::VertexId v : vertices) add_vertex(v);
  for (graph::EdgeId e : edges) {
    add_vertex(g.Source(e));
    add_vertex(g.Target(e));
  }
  const size_t all_vertices = order.size(), all_edges = edges.size();
  const size_t vertex_cap = std::min(order.size(), std::max<size_t>(1, max / 2));
  if (order.size() > vertex_cap) {
    for (size_t i = vertex_cap; i < order.size(); ++i) keep[order[i]] = false;
    order.resize(vertex_cap);
  }
  std::erase_if(edges, [&](graph::EdgeId e) { return !keep[g.Source(e)] || !keep[g.Target(e)]; });
  if (order.size() + edges.size() > max) edges.resize(max - order.size());

  std::string out = "{\"nodes\":[";
  out.reserve(128 * (order.size() + edges.size()));
  // Node keys in the order the vertices come (ascending), for the edges' ends.
  std::vector<std::pair<graph::VertexId, std::string>> keys;
  keys.reserve(order.size());
  auto key_of = [&](graph::VertexId v) -> const std::string& {
    return std::lower_bound(keys.begin(), keys.end(), v,
                            [](const auto& k, graph::VertexId x) { return k.first < x; })
        ->second;
  };
  auto put = std::back_inserter(out);
  graph::ExportSelection selection;
  selection.edges = &edges;
  selection.vertices = &order;
  selection.aliases = false;
  size_t shown_vertices = 0, shown_edges = 0;
  graph::VisitNodeLink(
      g, selection,
      [&](graph::VertexId v, const graph::NodeRecord& n) {
        keys.emplace_back(v, n.key);
        out += shown_vertices++ ? ",{\"data\":{\"id\":" : "{\"data\":{\"id\":";
        graph::AppendJsonString(n.key, &out);
        out += ",\"name\":";
        graph::AppendJsonString(n.label, &out);
        out += ",\"type\":\"";
        out += EntityTypeName(n.type);
        fmt::format_to(put, "\",\"degree\":{}}}}}", n.degree);
      },
      [&](const graph::EdgeRecord& e) {
        if (shown_edges++ == 0)
          out += "],\"edges\":[";
        else
          out += ",";
        fmt::format_to(put, "{{\"data\":{{\"id\":\"s{}\",\"source\":", e.statement);
        graph::AppendJsonString(key_of(e.source), &out);
        out += ",\"target\":";
        graph::AppendJsonString(key_of(e.target), &out);
        out += ",\"label\":";
        graph::AppendJsonString(e.label, &out);
        fmt::format_to(put, ",\"statement\":{},\"confidence\":{},\"support\":{},\"qualifiers\":{{",
                       e.statement, e.confidence, e.support);
        bool first = true;
        for (const auto& [role, value] : e.qualifiers) {
          if (!first) out += ",";
          first = false;
          graph::AppendJsonString(role, &out);
          out += ":";
          graph::AppendJsonString(value, &out);
        }
        out += "}}}";
      });
  out += shown_edges == 0 ? "],\"edges\":[]" : "]";
  if (shown_vertices < all_vertices || shown_edges < all_edges) {
    out += fmt::format(",\"omitted\":{{\"nodes\":{},\"edges\":{}}}", all_vertices - shown_vertices,
                       all_edges - shown_edges);
  }
  out += "}";
  return out;
}

void AppendKey(std::string_view key, std::string* out) {
  graph::AppendJsonString(key, out);
  out->push_back(':');
}

// `j` (an object) as text with `raw` (JSON text) added as the member `key`.
std::string WithMember(const json& j, std::string_view key, const std::string& raw) {
  std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  text.pop_back();  // the closing brace
  if (text.size() > 1) text += ",";
  AppendKey(key, &text);
  text += raw;
  text += "}";
  return text;
}

graph::VertexId Entity(const graph::Graph& g, const std::string& name) {
  if (auto v = g.FindVertex(name)) return *v;
  std::vector<std::string> suggestions = graph::SuggestVertices(g, name);
  throw RequestError{404,
                     "not_found",
                     "no entity named '" + name + "'" + graph::DidYouMean(suggestions),
                     {{"suggestions", suggestions}}};
}

json StatementJson(const graph::Graph& g, graph::EdgeId e) {
  json q = json::object();
  for (const graph::QualifierRef& r : g.Qualifiers(e)) {
    q[std::string(g.String(r.role))] = std::string(g.String(r.value));
  }
  return {{"statement", g.Statement(e).value},
          {"subject", std::string(g.VertexName(g.Source(e)))},
          {"predicate", std::string(g.LabelName(g.Label(e)))},
          {"object", std::string(g.VertexName(g.Target(e)))},
          {"confidence", Rounded(g.Confidence(e))},
          {"support", g.Support(e)},
          {"qualifiers", std::move(q)}};
}

// The request's parameter values: p.NAME=VALUE, each a string.
query::Params QueryParams(const Params& params) {
  query::Params out;
  for (const auto& [key, value] : params) {
    if (!key.starts_with("p.")) continue;
    const std::string name = key.substr(2);
    if (!query::IsParamName(name)) {
      throw RequestError{400, "request", "'" + key + "' does not name a parameter (p.NAME)"};
    }
    if (!out.emplace(name, query::ParamValue::String(value)).second) {
      throw RequestError{400, "request", "parameter " + key + " is given twice"};
    }
  }
  return out;
}

query::QueryResult Run(const Snapshot& s, const std::string& text, const Params& params,
                       uint64_t rows, const ApiLimits& limits, query::PreparedCache* cache) {
  query::ExecOptions options;
  options.max_rows = rows;
  options.timeout = limits.timeout;
  options.provenance = s.provenance.get();
  const query::Params values = QueryParams(params);
  options.params = &values;
  if (cache == nullptr) return query::RunQuery(text, s.graph(), options, limits.max_query_bytes);
  return cache->Get(text, limits.max_query_bytes)->Execute(s.graph(), options);
}

std::string Query(const Snapshot& s, const Params& params, const ApiLimits& limits,
                  query::PreparedCache* cache) {
  const std::string& text = Required(params, "q");
  uint64_t rows = Number(params, "limit", limits.max_rows, 1, limits.max_rows);
  query::QueryResult r = Run(s, text, params, rows, limits, cache);
  json out = {{"columns", r.columns}, {"rows", json::array()}};
  for (const auto& row : r.rows) {
    json cells = json::array();
    for (const query::Value& v : row) cells.push_back(ValueJson(v, s.graph()));
    out["rows"].push_back(std::move(cells));
  }
  out["truncated"] = r.truncated;
  out["notices"] = r.notices;
  if (!r.plan.empty()) out["plan"] = r.plan;
  return WithMember(out, "elements", Elements(s.graph(), r.edges, r.vertices, limits.max_elements));
}

json EntityCard(const Snapshot& s, const Params& params) {
  const graph::Graph& g = s.graph();
  graph::VertexId v = Entity(g, Required(params, "name"));
  std::vector<graph::EdgeId> edges;
  graph::Graph::EdgeRange out = g.OutEdges(v);
  for (graph::EdgeId e = out.begin; e < out.end; ++e) edges.push_back(e);
  for (graph::EdgeId e : g.InEdges(v)) edges.push_back(e);
  std::sort(edges.begin(), edges.end(), [&](graph::EdgeId a, graph::EdgeId b) {
    if (g.Support(a) != g.Support(b)) return g.Support(a) > g.Support(b);
    if (g.Confidence(a) != g.Confidence(b)) return g.Confidence(a) > g.Confidence(b);
    return a < b;
  });
  json statements = json::array();
  for (size_t i = 0; i < edges.size() && i < kCardStatements; ++i) {
    statements.push_back(StatementJson(g, edges[i]));
  }
  json aliases = json::array();
  for (std::string_view a : g.VertexAliases(v)) aliases.push_back(std::string(a));
  return {{"name", std::string(g.VertexName(v))},
          {"type", std::string(EntityTypeName(g.VertexType(v)))},
          {"aliases", std::move(aliases)},
          {"degree", g.InDegree(v) + g.OutDegree(v)},
          {"in_degree", g.InDegree(v)},
          {"out_degree", g.OutDegree(v)},
          {"statements", std::move(statements)}};
}

std::string Neighbors(const Snapshot& s, const Params& params, const ApiLimits& limits) {
  const graph::Graph& g = s.graph();
  graph::VertexId v = Entity(g, Required(params, "name"));
  uint64_t hops = Number(params, "hops", 1, 1, kMaxHops);
  uint64_t limit = Number(params, "limit", limits.max_elements, 1, limits.max_elements);
  // Vertices past the cap are not explored: a hub's neighbourhood costs what is drawn.
  graph::Subgraph sub = graph::Neighbourhood(g, v, static_cast<uint32_t>(hops), {}, limit + 1);
  std::string out = Elements(g, sub.edges, sub.vertices, limit);
  out.pop_back();
  out += ",\"centre\":";
  graph::AppendJsonString(g.VertexName(v), &out);
  out += "}";
  return out;
}

json Search(const Snapshot& s, const Params& params) {
  const graph::Graph& g = s.graph();
  const std::string& prefix = Required(params, "prefix");
  uint64_t limit = Number(params, "limit", 20, 1, kMaxSearch);
  json out = json::array();
  for (graph::VertexId v : g.VerticesWithPrefix(prefix, limit)) {
    out.push_back({{"name", std::string(g.VertexName(v))},
                   {"type", std::string(EntityTypeName(g.VertexType(v)))},
                   {"degree", g.InDegree(v) + g.OutDegree(v)}});
  }
  return {{"prefix", prefix}, {"matches", std::move(out)}};
}

json Sources(const Snapshot& s, const Params& params) {
  uint64_t id = Number(params, "statement", 0, 1, UINT64_MAX);
  std::optional<StoredStatement> st = s.store().GetStatement(StatementId(id));
  if (!st) {
    throw RequestError{404, "not_found", "no statement " + std::to_string(id)};
  }
  json sources = json::array();
  for (const Source& src : st->sources) {
    json one = {{"sentence", src.evidence.sentence},
                {"begin", src.evidence.begin},
                {"end", src.evidence.end},
                {"confidence", Rounded(src.evidence.confidence)}};
    if (auto doc = s.store().GetDocument(src.document)) one["document"] = doc->name;
    if (auto text = s.store().SentenceText(src.document, src.evidence.sentence)) {
      one["text"] = *text;
    }
    sources.push_back(std::move(one));
  }
  return {{"statement", id}, {"sources", std::move(sources)}};
}

std::string ContentType(graph::ExportFormat f) {
  switch (f) {
    case graph::ExportFormat::kGraphMl:
      return "application/graphml+xml";
    case graph::ExportFormat::kJson:
    case graph::ExportFormat::kCytoscape:
      return "application/json";
    case graph::ExportFormat::kDot:
      return "text/vnd.graphviz";
    case graph::ExportFormat::kCsv:
      return "text/csv; charset=utf-8";
    case graph::ExportFormat::kNTriples:
      return "application/n-triples";
    case graph::ExportFormat::kHtml:
      return "text/html; charset=utf-8";
  }
  return "application/octet-stream";
}

Response Export(const std::shared_ptr<const Snapshot>& snap, const Params& params,
                const ApiLimits& limits, query::PreparedCache* cache) {
  const std::string& name = Required(params, "format");
  std::optional<graph::ExportFormat> format = graph::ParseExportFormat(name);
  if (!format) {
    throw RequestError{
        400, "request",
        "unknown format '" + name + "' (graphml, json, cytoscape, dot, csv, ntriples, html)"};
  }
  auto selection =
      std::make_shared<std::pair<std::vector<graph::EdgeId>, std::vector<graph::VertexId>>>();
  bool all = true;
  if (const std::string* q = Param(params, "q")) {
    query::QueryResult r = Run(*snap, *q, params, limits.max_rows, limits, cache);
    selection->first = std::move(r.edges);
    selection->second = std::move(r.vertices);
    all = false;
  }
  // CSV is two files (Neo4j's bulk import): nodes, or relationships with part=relationships.
  const std::string* part = Param(params, "part");
  if (part && *part != "nodes" && *part != "relationships") {
    throw RequestError{400, "request",
                       "part must be 'nodes' or 'relationships', not '" + *part + "'"};
  }
  const bool relationships = part && *part == "relationships";
  Response response;
  response.content_type = ContentType(*format);
  response.stream = [snap, selection, all, f = *format, relationships](std::ostream& out) {
    graph::ExportSelection sel;
    if (!all) {
      sel.edges = &selection->first;
      sel.vertices = &selection->second;
    }
    graph::ExportOptions options;
    options.sources = [&snap](StatementId id) {
      return query::JoinSources(snap->provenance->Sources(id));
    };
    if (f == graph::ExportFormat::kHtml) {
      graph::WriteHtml(snap->graph(), sel, options, out);
    } else if (f == graph::ExportFormat::kCsv) {
      std::ostringstream nodes;
      graph::WriteGraph(snap->graph(), f, sel, options, relationships ? nodes : out,
                        relationships ? &out : &nodes);
    } else {
      graph::WriteGraph(snap->graph(), f, sel, options, out);
    }
  };
  return response;
}

json Stats(const Snapshot& s) {
  const graph::Graph& g = s.graph();
  std::map<std::string, uint64_t> types;
  for (graph::VertexId v = 0; v < g.num_vertices(); ++v) {
    ++types[std::string(EntityTypeName(g.VertexType(v)))];
  }
  // The most connected entities, people, organisations and places before other nodes.
  auto named = [&](graph::VertexId v) {
    EntityType t = g.VertexType(v);
    return t == EntityType::kPerson || t == EntityType::kOrganisation || t == EntityType::kPlace;
  };
  auto degree = [&](graph::VertexId v) { return g.InDegree(v) + g.OutDegree(v); };
  std::vector<graph::VertexId> top(g.num_vertices());
  for (graph::VertexId v = 0; v < top.size(); ++v) top[v] = v;
  const size_t shown = std::min(top.size(), kTopEntities);
  std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(shown), top.end(),
                    [&](graph::VertexId a, graph::VertexId b) {
                      if (named(a) != named(b)) return named(a);
                      if (degree(a) != degree(b)) return degree(a) > degree(b);
                      return a < b;
                    });
  top.resize(shown);
  json top_json = json::array();
  for (graph::VertexId v : top) {
    top_json.push_back({{"name", std::string(g.VertexName(v))},
                        {"type", std::string(EntityTypeName(g.VertexType(v)))},
                        {"degree", degree(v)}});
  }
  return {{"entities", g.num_vertices()},
          {"top", std::move(top_json)},
          {"statements", g.num_edges()},
          {"predicates", g.num_labels()},
          {"types", types},
          {"sequence", g.sequence()}};
}

Response Text(std::string body) {
  Response r;
  r.body = std::move(body);
  return r;
}

Response Json(const json& body) {
  Response r;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

// {"error": {"kind": ..., "message": ..., and the members of `extra`}} with `status`.
Response ErrorResponse(int status, const std::string& kind, const std::string& message,
                       json extra) {
  extra["kind"] = kind;
  extra["message"] = message;
  Response r = Json({{"error", std::move(extra)}});
  r.status = status;
  return r;
}

}  // namespace

std::shared_ptr<const Snapshot> Snapshot::Of(std::shared_ptr<const storage::View> view) {
  auto s = std::make_shared<Snapshot>();
  s->view = std::move(view);
  s->provenance = std::make_unique<cli::StoreProvenance>(s->store());
  s->stats = Json(Stats(*s)).body;
  return s;
}

Response ErrorResponse(int status, const std::string& kind, const std::string& message) {
  return ErrorResponse(status, kind, message, json::object());
}

Response HandleApi(const std::shared_ptr<const Snapshot>& snap, const std::string& path,
                   const Params& params, const ApiLimits& limits, query::PreparedCache* cache) {
  try {
    if (path == "/api/health")
      return Json({{"status", "ok"}, {"sequence", snap->graph().sequence()}});
    if (path == "/api/stats") return Text(snap->stats);
    if (path == "/api/query") return Text(Query(*snap, params, limits, cache));
    if (path == "/api/entity") return Json(EntityCard(*snap, params));
    if (path == "/api/neighbors") return Text(Neighbors(*snap, params, limits));
    if (path == "/api/search") return Json(Search(*snap, params));
    if (path == "/api/sources") return Json(Sources(*snap, params));
    if (path == "/api/export") return Export(snap, params, limits, cache);
    return ErrorResponse(404, "not_found", "no endpoint " + path);
  } catch (const RequestError& e) {
    return ErrorResponse(e.status, e.kind, e.message, e.extra);
  } catch (const ParseError& e) {
    return ErrorResponse(400, "query", e.what(), {{"line", e.line()}, {"column", e.column()}});
  } catch (const query::QueryInterrupted& e) {
    return ErrorResponse(408, "timeout", e.what());
  } catch (const BindError& e) {
    return ErrorResponse(400, "query", e.what());
  } catch (const StorageError& e) {
    return ErrorResponse(503, "storage", e.what());
  } catch (const std::bad_alloc&) {
    return ErrorResponse(503, "overload", "out of memory answering the request");
  } catch (const std::exception& e) {
    return ErrorResponse(500, "internal", e.what());
  }
}

}  // namespace weft::server
