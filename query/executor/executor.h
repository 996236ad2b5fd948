// Runs bound queries over a graph snapshot and collects their rows and subgraph.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/base/error.h"
#include "graph/snapshot/graph.h"
#include "query/binder/bound_query.h"
#include "query/budget.h"
#include "query/params.h"
#include "query/planner/planner.h"

namespace weft::query {

// One value of a result row.
struct Value {
  enum class Kind : uint8_t { kNull, kVertex, kLabel, kEdge, kString, kNumber, kBool };
  Kind kind = Kind::kNull;
  uint32_t id = 0;  // vertex, label or edge id
  double number = 0;
  std::string text;

  static Value Vertex(graph::VertexId v) { return {Kind::kVertex, v, 0, {}}; }
  static Value Label(graph::LabelId l) { return {Kind::kLabel, l.value, 0, {}}; }
  static Value Edge(graph::EdgeId e) { return {Kind::kEdge, e, 0, {}}; }
  static Value String(std::string s) { return {Kind::kString, 0, 0, std::move(s)}; }
  static Value Number(double d) { return {Kind::kNumber, 0, d, {}}; }
  static Value Bool(bool b) { return {Kind::kBool, 0, b ? 1.0 : 0.0, {}}; }
};

// Text of a value: an entity's or label's name, "subject -label-> object" for an edge.
std::string ValueText(const Value& v, const graph::Graph& g);

// Where statements came from; the CLI answers from the store. Never called when a query does
// not ask for provenance.
struct SourceInfo {
  std::string document;
  uint32_t sentence = 0;
  std::string text;  // the sentence, when stored
  float confidence = 0;
  std::string date;  // the document's publication date, YYYY-MM-DD; "" when unknown
};
// "doc#sentence; doc#sentence": what sources() returns and the exports' `sources` attribute.
std::string JoinSources(const std::vector<SourceInfo>& sources);

class ProvenanceSource {
 public:
  virtual ~ProvenanceSource() = default;
  virtual std::vector<SourceInfo> Sources(StatementId statement) const = 0;
};

struct ExecOptions {
  // Rows kept at most; past it the result is cut and marked truncated. 0: no limit.
  uint64_t max_rows = 0;
  // Wall-clock limit; zero: none.
  std::chrono::milliseconds timeout{0};
  // Set from another thread (a signal handler, the REPL) to stop the query.
  const std::atomic<bool>* cancel = nullptr;
  // (vertex, state) pairs a closure may visit before it is stopped.
  size_t closure_budget = 20'000'000;
  bool collect_subgraph = true;
  const ProvenanceSource* provenance = nullptr;
  // Values of the query's $names; every one must be given, and every one given must be used.
  const Params* params = nullptr;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  // The subgraph the result touches: matched edges and their endpoints, path edges, or a
  // neighbourhood.
  std::vector<graph::EdgeId> edges;
  std::vector<graph::VertexId> vertices;
  std::vector<std::string> notices;  // "no entity named ...; did you mean ...?", "no path ..."
  size_t unknown_names = 0;          // entities and predicates the graph does not hold
  bool truncated = false;
  std::string plan;  // EXPLAIN output
};

// Runs a bound query by its plan (MakePlan for a MATCH; an empty plan otherwise). Its time limit
// counts from `budget`'s start.
QueryResult Execute(const BoundQuery& query, const Plan& plan, const graph::Graph& g,
                    const ExecOptions& options, Budget& budget);

}  // namespace weft::query
