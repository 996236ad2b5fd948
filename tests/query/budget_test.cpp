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

TEST_CASE("order by under a row cap keeps only the best rows, and the same ones a full sort gives",
          "[query][budget]") {
  // 5,000 edges whose targets sort in another order than they are visited.
  graph::GraphBuilder b;
  graph::LabelId rel = b.AddLabel(b.AddString("rel"));
  graph::VertexId hub = b.AddVertex(b.AddString("hub"));
  std::vector<graph::VertexId> leaves;
  for (int i = 0; i < 5000; ++i) {
    leaves.push_back(b.AddVertex(b.AddString("v" + std::to_string((i * 7919) % 5000))));
  }
  for (int i = 0; i < 5000; ++i) {
    b.AddEdge(hub, rel, leaves[static_cast<size_t>(i)], StatementId(static_cast<uint64_t>(i) + 1),
              1.0f, 1, {});
  }
  std::unique_ptr<graph::Graph> g = b.Build(1);
  const std::string q = "hub -rel-> ?x return ?x order by ?x desc";
  ExecOptions all;
  all.collect_subgraph = true;
  QueryResult full = RunQuery(q, *g, all);
  REQUIRE(full.rows.size() == 5000);
  for (const auto& [offset, limit] :
       std::vector<std::pair<int, int>>{{0, 10}, {7, 3}, {4990, 50}}) {
    INFO(offset << " " << limit);
    QueryResult r = RunQuery(
        q + " limit " + std::to_string(limit) + " offset " + std::to_string(offset), *g, all);
    const size_t expected = std::min<size_t>(static_cast<size_t>(limit), 5000 - offset);
    REQUIRE(r.rows.size() == expected);
    for (size_t i = 0; i < expected; ++i) {
      CHECK(ValueText(r.rows[i][0], *g) == ValueText(full.rows[offset + i][0], *g));
    }
    CHECK(r.edges.size() == expected);
    CHECK(!r.truncated);
  }
  // A row cap without a limit: the first rows of the sorted whole, marked truncated.
  ExecOptions capped = all;
  capped.max_rows = 25;
  QueryResult r = RunQuery(q, *g, capped);
  REQUIRE(r.rows.size() == 25);
  CHECK(r.truncated);
  for (size_t i = 0; i < 25; ++i) {
    CHECK(ValueText(r.rows[i][0], *g) == ValueText(full.rows[i][0], *g));
  }
  CHECK(r.edges.size() == 25);
}
