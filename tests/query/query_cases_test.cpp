// Runs the data-driven query cases in tests/query/cases/*.test against fixture graphs.
//
// A case file holds cases separated by blank lines:
//   graph NAME            use tests/query/graphs/NAME.tsv for the cases that follow
//   query [ordered]       a query, then "----", a header of column names (tab-separated),
//                         and the expected rows; rows compare as a multiset unless "ordered"
//   error                 a query, then "----" and text the error message must contain
//   notice                a query, then "----" and text a notice must contain (no rows)
// Lines "param NAME=VALUE" among a query's lines give its $NAME a value (a string, or a number
// when the value is "number:N"). Each case runs three ways that must agree: through RunQuery
// (by the query's shape when its names and strings can be lifted), parsed as written, and
// prepared once in a shared cache and executed twice.
// Lines starting with '#' outside a query are comments.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "graph/base/error.h"
#include "graph/import/triple_reader.h"
#include "query/engine.h"

using namespace weft;

namespace {

const std::string kDir = std::string(WEFT_TEST_DATA) + "/query";

// Builds a graph from a fixture TSV: one statement a line (duplicates merge, as in the store),
// plus "#! type NAME TYPE" and "#! alias NAME = A, B" lines.
std::unique_ptr<graph::Graph> LoadFixture(const std::string& name) {
  std::string path = kDir + "/graphs/" + name + ".tsv";
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream all;
  all << in.rdbuf();
  struct Sink : import::RecordSink {
    std::vector<StatementRecord> records;
    void OnRecord(const StatementRecord& r, std::string_view) override { records.push_back(r); }
    void OnBadLine(uint64_t line, const std::string& reason) override {
      FAIL("fixture line " << line << ": " << reason);
    }
  } sink;
  std::istringstream text(all.str());
  import::ReadRecords(text, import::Format::kTsv, sink);

  graph::GraphBuilder b;
  std::map<std::string, graph::StringId> strings;
  std::map<std::string, graph::VertexId> vertices;
  std::map<std::string, graph::LabelId> labels;
  auto str = [&](const std::string& s) {
    auto it = strings.find(s);
    return it != strings.end() ? it->second : (strings[s] = b.AddString(s));
  };
  auto vertex = [&](const std::string& s) {
    auto it = vertices.find(s);
    return it != vertices.end() ? it->second : (vertices[s] = b.AddVertex(str(s)));
  };
  std::map<std::string, std::pair<uint64_t, float>> seen;  // statement key -> id, confidence
  std::map<std::string, uint32_t> support;
  std::vector<StatementRecord> unique;
  for (const StatementRecord& r : sink.records) {
    std::string key = r.subject + "\t" + r.predicate + "\t" + r.object;
    for (const Qualifier& q : r.qualifiers) key += "\t" + q.role + "=" + q.value;
    if (support[key]++ == 0) unique.push_back(r);
  }
  uint64_t id = 1;
  for (const StatementRecord& r : unique) {
    std::string key = r.subject + "\t" + r.predicate + "\t" + r.object;
    for (const Qualifier& q : r.qualifiers) key += "\t" + q.role + "=" + q.value;
    graph::VertexId s = vertex(r.subject), o = vertex(r.object);
    auto it = labels.find(r.predicate);
    graph::LabelId l =
        it != labels.end() ? it->second : (labels[r.predicate] = b.AddLabel(str(r.predicate)));
    std::vector<graph::QualifierRef> quals;
    for (const Qualifier& q : r.qualifiers) quals.push_back({str(q.role), str(q.value)});
    b.AddEdge(s, l, o, StatementId(id++), r.evidence.confidence, support[key], quals);
  }
  std::istringstream lines(all.str());
  std::string line;
  std::map<graph::VertexId, std::pair<EntityType, std::vector<graph::StringId>>> info;
  while (std::getline(lines, line)) {
    if (line.rfind("#! type ", 0) == 0) {
      std::string rest = line.substr(8);
      size_t sp = rest.rfind(' ');
      auto v = vertices.find(rest.substr(0, sp));
      REQUIRE(v != vertices.end());
      info[v->second].first = *ParseEntityType(rest.substr(sp + 1));
    } else if (line.rfind("#! alias ", 0) == 0) {
      std::string rest = line.substr(9);
      size_t eq = rest.find(" = ");
      auto v = vertices.find(rest.substr(0, eq));
      REQUIRE(v != vertices.end());
      std::stringstream list(rest.substr(eq + 3));
      std::string a;
      while (std::getline(list, a, ',')) {
        a.erase(0, a.find_first_not_of(' '));
        info[v->second].second.push_back(b.AddString(a));
      }
    }
  }
  for (auto& [v, i] : info) b.SetVertexInfo(v, i.first, i.second);
  return b.Build(1);
}

struct Case {
  std::string file;
  int line = 0;
  std::string graph;
  std::string kind;  // query, error, notice
  bool ordered = false;
  std::string query;
  std::vector<std::string> params;    // NAME=VALUE
  std::vector<std::string> expected;  // header then rows, or the message
};

std::vector<Case> ReadCases(const std::string& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string graph, line;
  int n = 0;
  Case cur;
  enum { kIdle, kQuery, kExpected } state = kIdle;
  auto finish = [&] {
    if (state != kIdle) cases.push_back(cur);
    state = kIdle;
  };
  while (std::getline(in, line)) {
    ++n;
    if (state == kIdle) {
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("graph ", 0) == 0) {
        graph = line.substr(6);
        continue;
      }
      cur = Case{};
      cur.file = std::filesystem::path(path).filename().string();
      cur.line = n;
      cur.graph = graph;
      cur.kind = line.substr(0, line.find(' '));
      cur.ordered = line.find("ordered") != std::string::npos;
      REQUIRE((cur.kind == "query" || cur.kind == "error" || cur.kind == "notice"));
      state = kQuery;
    } else if (state == kQuery) {
      if (line == "----") {
        state = kExpected;
      } else if (line.rfind("param ", 0) == 0) {
        cur.params.push_back(line.substr(6));
      } else {
        cur.query += (cur.query.empty() ? "" : "\n") + line;
      }
    } else {
      if (line.empty()) {
        finish();
      } else {
        cur.expected.push_back(line);
      }
    }
  }
  finish();
  return cases;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "\t" : "") + v[i];
  return out;
}

query::Params ParamsOf(const Case& c) {
  query::Params out;
  for (const std::string& a : c.params) {
    auto [name, value] = query::ParseParamAssignment(a);
    if (value.text.rfind("number:", 0) == 0)
      value = query::ParamValue::Number(std::stod(value.text.substr(7)));
    out[name] = value;
  }
  return out;
}

// What a run gave, as text: rows (sorted unless ordered), columns, notices and plan; or the
// error's message.
std::string Outcome(const std::function<query::QueryResult()>& run, const graph::Graph& g) {
  try {
    query::QueryResult r = run();
    std::string out = Join(r.columns) + "\n";
    for (const auto& row : r.rows) {
      std::vector<std::string> cells;
      for (const auto& v : row) cells.push_back(query::ValueText(v, g));
      out += Join(cells) + "\n";
    }
    for (const auto& n : r.notices) out += "notice " + n + "\n";
    return out + r.plan + (r.truncated ? "truncated" : "");
  } catch (const Error& e) {
    return std::string("error ") + e.what();
  }
}

}  // namespace

// $WEFT_QUERY_CASES names one case file (CTest runs one test per file); unset, all of them run.
TEST_CASE("query cases", "[query][cases]") {
  std::map<std::string, std::unique_ptr<graph::Graph>> graphs;
  std::vector<std::string> files;
  if (const char* one = std::getenv("WEFT_QUERY_CASES"); one != nullptr && *one != '\0') {
    files.emplace_back(one);
  } else {
    for (const auto& entry : std::filesystem::directory_iterator(kDir + "/cases")) {
      if (entry.path().extension() == ".test") files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  query::PreparedCache prepared(64);  // smaller than the cases: entries are dropped and made again
  size_t total = 0, by_shape = 0;
  for (const std::string& file : files) {
    for (const Case& c : ReadCases(file)) {
      ++total;
      if (query::PreparedQuery::FromShape(c.query) != nullptr) ++by_shape;
      DYNAMIC_SECTION(c.file << ":" << c.line) {
        INFO(c.file << ":" << c.line << "\n" << c.query);
        if (!graphs.count(c.graph)) graphs[c.graph] = LoadFixture(c.graph);
        const graph::Graph& g = *graphs[c.graph];
        const query::Params params = ParamsOf(c);
        query::ExecOptions options;
        options.params = &params;
        // The prepared path gives what RunQuery gives, run after run.
        const std::string direct = Outcome([&] { return query::RunQuery(c.query, g, options); }, g);
        CHECK(Outcome([&] { return query::RunQueryAsWritten(c.query, g, options); }, g) == direct);
        for (int k = 0; k < 2; ++k) {
          CHECK(Outcome([&] { return prepared.Get(c.query)->Execute(g, options); }, g) == direct);
        }
        if (c.kind == "error") {
          REQUIRE(c.expected.size() == 1);
          try {
            query::RunQuery(c.query, g, options);
            FAIL("expected an error containing: " << c.expected[0]);
          } catch (const Error& e) {
            CHECK_THAT(e.what(), Catch::Contains(c.expected[0]));
          }
          continue;
        }
        query::QueryResult r = query::RunQuery(c.query, g, options);
        if (c.kind == "notice") {
          REQUIRE(c.expected.size() == 1);
          CHECK(r.rows.empty());
          std::string notices;
          for (const auto& n : r.notices) notices += n + "\n";
          CHECK_THAT(notices, Catch::Contains(c.expected[0]));
          continue;
        }
        REQUIRE(!c.expected.empty());
        if (!r.plan.empty()) {
          // EXPLAIN: each expected line must appear in the plan.
          for (const std::string& want : c.expected) CHECK_THAT(r.plan, Catch::Contains(want));
          continue;
        }
        CHECK(Join(r.columns) == c.expected[0]);
        std::vector<std::string> got, want(c.expected.begin() + 1, c.expected.end());
        for (const auto& row : r.rows) {
          std::vector<std::string> cells;
          for (const auto& v : row) cells.push_back(query::ValueText(v, g));
          got.push_back(Join(cells));
        }
        if (!c.ordered) {
          std::sort(got.begin(), got.end());
          std::sort(want.begin(), want.end());
        }
        CHECK(got == want);
      }
    }
  }
  // Each file holds cases; all of them together well over a hundred.
  CHECK(total >= (files.size() == 1 ? 1u : 100u));
  // Most cases name an entity or a label: those run by their shape.
  if (files.size() > 1) CHECK(by_shape * 2 > total);
}
