#include <algorithm>
#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "graph/base/error.h"
#include "query/engine.h"

using namespace weft;

namespace {

// A graph of (subject, predicate, object) statements.
std::unique_ptr<graph::Graph> Make(const std::vector<std::array<std::string, 3>>& statements,
                                   uint64_t sequence) {
  graph::GraphBuilder b;
  std::map<std::string, graph::VertexId> vertices;
  std::map<std::string, graph::LabelId> labels;
  auto vertex = [&](const std::string& n) {
    auto it = vertices.find(n);
    return it != vertices.end() ? it->second : (vertices[n] = b.AddVertex(b.AddString(n)));
  };
  uint64_t id = 1;
  for (const auto& [s, p, o] : statements) {
    auto it = labels.find(p);
    graph::LabelId l = it != labels.end() ? it->second : (labels[p] = b.AddLabel(b.AddString(p)));
    b.AddEdge(vertex(s), l, vertex(o), StatementId(id++), 1.0f, 1, {});
  }
  return b.Build(sequence);
}

std::vector<std::string> Column(const query::QueryResult& r, const graph::Graph& g) {
  std::vector<std::string> out;
  for (const auto& row : r.rows) out.push_back(query::ValueText(row[0], g));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a prepared query runs on each graph it is given, with each run's values",
          "[query][prepared]") {
  auto before = Make({{"Acme", "acquire", "Globex"}, {"Initech", "acquire", "Hooli"}}, 1);
  auto after = Make({{"Acme", "acquire", "Globex"},
                     {"Acme", "acquire", "Umbrella"},
                     {"Initech", "acquire", "Hooli"}},
                    2);
  auto q = query::PreparedQuery::Prepare("$who -acquire-> ?x");
  CHECK(q->parameters() == std::vector<std::string>{"who"});
  query::Params acme{{"who", query::ParamValue::String("Acme")}};
  query::Params initech{{"who", query::ParamValue::String("Initech")}};
  query::ExecOptions options;
  options.params = &acme;
  CHECK(Column(q->Execute(*before, options), *before) == std::vector<std::string>{"Globex"});
  // The store was reloaded: the same prepared query reads the new graph's names and ids.
  CHECK(Column(q->Execute(*after, options), *after) ==
        std::vector<std::string>{"Globex", "Umbrella"});
  options.params = &initech;
  CHECK(Column(q->Execute(*after, options), *after) == std::vector<std::string>{"Hooli"});
  // Runs on several threads at once share the prepared tree.
  std::vector<std::thread> threads;
  std::atomic<int> right{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      query::ExecOptions o;
      o.params = t % 2 ? &acme : &initech;
      for (int k = 0; k < 200; ++k) {
        auto r = Column(q->Execute(*after, o), *after);
        right += r.size() == (t % 2 ? 2u : 1u);
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(right == 800);
}

TEST_CASE("parameter values of any content are values, never query text", "[query][prepared]") {
  const std::string odd = std::string("Acme\" }, ?a -_-> ?b, {\"\n") + std::string(10000, 'x');
  auto g = Make({{odd, "acquire", "Globex"}, {"Acme", "acquire", "Hooli"}}, 1);
  query::Params params{{"who", query::ParamValue::String(odd)}};
  query::ExecOptions options;
  options.params = &params;
  query::QueryResult r = query::RunQuery("$who -acquire-> ?x return ?x", *g, options);
  CHECK(Column(r, *g) == std::vector<std::string>{"Globex"});
  r = query::RunQuery("?s -acquire-> ?x where ?s = $who return ?x", *g, options);
  CHECK(Column(r, *g) == std::vector<std::string>{"Globex"});
}

TEST_CASE("a number or truth value parameter compares as one and names as its text",
          "[query][prepared]") {
  auto g = Make({{"Acme", "founded", "1999"}, {"Hooli", "founded", "2004"}}, 1);
  query::Params params{{"since", query::ParamValue::Number(2000)}};
  query::ExecOptions options;
  options.params = &params;
  query::QueryResult r =
      query::RunQuery("?c -founded-> ?y where name(?y) > $since return ?c", *g, options);
  CHECK(Column(r, *g) == std::vector<std::string>{"Hooli"});
  query::Params named{{"year", query::ParamValue::Number(1999)}};
  options.params = &named;
  r = query::RunQuery("?c -founded-> $year return ?c", *g, options);
  CHECK(Column(r, *g) == std::vector<std::string>{"Acme"});
}

TEST_CASE("the prepared cache keeps the texts last used, up to its bound", "[query][prepared]") {
  query::PreparedCache cache(3);
  auto a = cache.Get("?a -p-> ?b");
  CHECK(cache.Get("?a -p-> ?b") == a);  // held: the same object
  cache.Get("?a -q-> ?b");
  cache.Get("?a -r-> ?b");
  CHECK(cache.Get("?a -p-> ?b") == a);  // used again: now the most recent
  cache.Get("?a -s-> ?b");              // drops the least recent, -q-
  CHECK(cache.size() == 3);
  CHECK(cache.Get("?a -p-> ?b") == a);
  auto q = cache.Get("?a -q-> ?b");  // parsed again
  CHECK(q->text() == "?a -q-> ?b");
  CHECK(cache.size() == 3);
  // A text that does not parse is thrown each time and never kept.
  CHECK_THROWS_AS(cache.Get("?a -p-"), ParseError);
  CHECK_THROWS_AS(cache.Get("?a -p-"), ParseError);
  CHECK(cache.size() == 3);
}

TEST_CASE("queries of one shape share a parse and each keeps its own names", "[query][prepared]") {
  auto g = Make({{"Acme", "acquire", "Globex"},
                 {"Initech", "acquire", "Hooli"},
                 {"O'Brien & Co", "acquire", "Umbrella"}},
                1);
  CHECK(Column(query::RunQuery("Acme -acquire-> ?x", *g), *g) ==
        std::vector<std::string>{"Globex"});
  CHECK(Column(query::RunQuery("Initech -acquire-> ?x", *g), *g) ==
        std::vector<std::string>{"Hooli"});
  CHECK(Column(query::RunQuery("'O\\'Brien & Co' -acquire-> ?x", *g), *g) ==
        std::vector<std::string>{"Umbrella"});
  // The shape's "$1" is a lifted name, not a parameter the caller gives.
  auto shaped = query::PreparedQuery::Prepare("Acme -acquire-> ?x");
  CHECK(shaped->parameters().empty());
  query::Params extra{{"1", query::ParamValue::String("Initech")}};
  query::ExecOptions options;
  options.params = &extra;
  CHECK_THROWS_WITH(shaped->Execute(*g, options), Catch::Contains("not used by the query"));
  CHECK_THROWS_WITH(query::RunQuery("Acme -acquire-> ?x", *g, options),
                    Catch::Contains("not used by the query"));
  // Column names are the expressions as written.
  query::QueryResult r =
      query::RunQuery("?a -acquire-> ?b where ?a = \"Acme\" return ?b, ?a = 'Acme'", *g);
  CHECK(r.columns == std::vector<std::string>{"b", "?a = 'Acme'"});
  // An error is reported at its place in the text as written, not in the shape.
  try {
    query::RunQuery("\"A very long company name\" -acquire-> ?x ?y", *g);
    FAIL("a parse error was expected");
  } catch (const ParseError& e) {
    CHECK_THAT(e.what(), Catch::Contains("column 42"));
  }
}
