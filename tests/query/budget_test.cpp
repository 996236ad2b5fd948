// Every stage of a query stops when it is cancelled: parsing, binding, planning, explaining and
// executing. Cancellation, not a clock, makes these tests exact.
#include "query/budget.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <string>

#include "graph/snapshot/graph.h"
#include "query/binder/binder.h"
#include "query/engine.h"
#include "query/parser/parser.h"
#include "query/planner/planner.h"

using namespace weft;
using namespace weft::query;

namespace {

std::unique_ptr<graph::Graph> TinyGraph() {
  graph::GraphBuilder b;
  graph::VertexId a = b.AddVertex(b.AddString("A"));
  graph::VertexId z = b.AddVertex(b.AddString("B"));
  graph::LabelId next = b.AddLabel(b.AddString("next"));
  b.AddEdge(a, next, z, StatementId(1), 1.0f, 1, {});
  return b.Build(1);
}

// A chain of `n` patterns: thousands of tokens, rules, NFA states and plan steps.
std::string Chain(int n, const std::string& prefix = "") {
  std::string q = prefix;
  for (int i = 0; i < n; ++i) {
    if (i > 0) q += ", ";
    q += "?a" + std::to_string(i) + " -next-> ?a" + std::to_string(i + 1);
  }
  return q;
}

}  // namespace

TEST_CASE("a cancelled query stops in each stage", "[query][budget]") {
  std::unique_ptr<graph::Graph> g = TinyGraph();
  std::atomic<bool> cancelled{true};
  const std::string text = Chain(3000);
  const size_t big = 1 << 20;

  SECTION("parsing") {
    Budget budget(std::chrono::milliseconds(0), &cancelled);
    CHECK_THROWS_AS(ParseQuery(text, big, &budget), QueryInterrupted);
  }
  std::unique_ptr<Query> parsed = ParseQuery(text, big);
  SECTION("binding") {
    Budget budget(std::chrono::milliseconds(0), &cancelled);
    CHECK_THROWS_AS(Bind(*parsed, *g, &budget), QueryInterrupted);
  }
  SECTION("planning") {
    BoundQuery bound = Bind(*parsed, *g);
    Budget budget(std::chrono::milliseconds(0), &cancelled);
    CHECK_THROWS_WITH(MakePlan(bound.match, *g, &budget), "query cancelled");
  }
  SECTION("explain and the whole query") {
    ExecOptions options;
    options.cancel = &cancelled;
    CHECK_THROWS_AS(RunQuery("explain " + text, *g, options, big), QueryInterrupted);
    CHECK_THROWS_AS(RunQuery(text, *g, options, big), QueryInterrupted);
  }
  SECTION("without cancellation the same query runs") {
    std::atomic<bool> running{false};
    ExecOptions options;
    options.cancel = &running;
    QueryResult r = RunQuery(Chain(3), *g, options);
    CHECK(r.rows.empty());
    CHECK_NOTHROW(RunQuery(text, *g, options, big));
  }
}

TEST_CASE("a notice for an unknown name is given once", "[query][budget]") {
  std::unique_ptr<graph::Graph> g = TinyGraph();
  QueryResult r = RunQuery("?a -nxet-> ?b, ?b -nxet-> ?c, ?c -nxet-> ?d", *g);
  REQUIRE(r.notices.size() == 1);
  CHECK_THAT(r.notices[0], Catch::Contains("next"));
}
