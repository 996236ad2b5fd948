// Exports read back by the tools people use: xmllint, networkx, rapper, graphviz.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/test_util.h"

using namespace weft::testing;  // NOLINT(google-build-using-namespace)

namespace {

const std::string kFixtures = std::string(WEFT_TEST_DATA) + "/cli/fixtures";
const std::string kReader = std::string(WEFT_TEST_DATA) + "/cli/read_export.py";

// The fixture's statements as read_export.py prints them. XML cannot carry a control
// character, so GraphML replaces it with U+FFFD; JSON escapes it.
std::vector<std::string> Expected(bool xml) {
  return {"Ana|join|Fabrikam <script>alert(1)</script>|1|2|as=chief,from=Contoso",
          "Fabrikam <script>alert(1)</script>|acquire|Lit\"ware & Co|0.75|1|for=$1 <billion>",
          std::string("Lit\"ware & Co|based_in|line\nbreak") + (xml ? "\xEF\xBF\xBD" : "\x01") +
              "city|1|1|",
          "Zürich|near|北京|1|1|"};
}

std::vector<std::string> ReadBack(const std::string& kind, const std::string& file,
                                  const TempDir& dir) {
  auto r = RunShell("/usr/bin/python3 '" + kReader + "' " + kind + " " + file, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> out;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line).get<std::string>());
  return out;
}

void Load(const TempDir& dir) {
  auto r = RunShell(Weft("import -q '" + kFixtures + "/hostile.tsv'"), dir);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("GraphML is well-formed and networkx reads every attribute back", "[cli][export]") {
  TempDir dir;
  Load(dir);
  REQUIRE(RunShell(Weft("export -F graphml -o g.graphml --sources"), dir).exit_code == 0);
  auto lint = RunShell("xmllint --noout g.graphml", dir);
  INFO(lint.err);
  CHECK(lint.exit_code == 0);
  CHECK(ReadBack("graphml", "g.graphml", dir) == Expected(true));
  std::string text = weft::testing::ReadFile(dir / "g.graphml");
  CHECK(text.find("<script>") == std::string::npos);
  CHECK(text.find("edgedefault=\"directed\"") != std::string::npos);
}

TEST_CASE("graphology-graphml reads every GraphML attribute back", "[cli][export]") {
  TempDir dir;
  Load(dir);
  REQUIRE(RunShell(Weft("export -F graphml -o g.graphml"), dir).exit_code == 0);
  auto r =
      RunShell("node '" + std::string(WEFT_TEST_DATA) + "/cli/graphology/read.mjs' g.graphml", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> got;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) got.push_back(nlohmann::json::parse(line).get<std::string>());
  CHECK(got == Expected(true));
}

TEST_CASE("node-link JSON reads back in networkx and Cytoscape JSON parses", "[cli][export]") {
  TempDir dir;
  Load(dir);
  REQUIRE(RunShell(Weft("export -F json -o g.json"), dir).exit_code == 0);
  CHECK(ReadBack("json", "g.json", dir) == Expected(false));
  REQUIRE(RunShell(Weft("export -F cytoscape -o c.json"), dir).exit_code == 0);
  auto j = nlohmann::json::parse(weft::testing::ReadFile(dir / "c.json"));
  CHECK(j["elements"]["nodes"].size() == 6);
  CHECK(j["elements"]["edges"].size() == 4);
}

TEST_CASE("N-Triples pass rapper, DOT renders, CSV has Neo4j headers", "[cli][export]") {
  TempDir dir;
  Load(dir);
  REQUIRE(RunShell(Weft("export -F ntriples -o g.nt"), dir).exit_code == 0);
  auto rapper = RunShell("rapper -i ntriples -c g.nt", dir);
  INFO(rapper.err);
  CHECK(rapper.exit_code == 0);
  CHECK(rapper.err.find("returned") != std::string::npos);
  REQUIRE(RunShell(Weft("export -F dot -o g.dot"), dir).exit_code == 0);
  // graphviz is one of the test dependencies (scripts/setup-deps): missing, the test fails.
  auto dot = RunShell("dot -Tsvg g.dot -o g.svg", dir);
  INFO(dot.err);
  CHECK(dot.exit_code == 0);
  REQUIRE(RunShell(Weft("export -F csv -o neo4j"), dir).exit_code == 0);
  std::string nodes = weft::testing::ReadFile(dir / "neo4j/nodes.csv");
  std::string rels = weft::testing::ReadFile(dir / "neo4j/relationships.csv");
  CHECK(nodes.rfind("id:ID,name,type,aliases,degree:int,:LABEL\n", 0) == 0);
  CHECK(rels.rfind(":START_ID,:END_ID,:TYPE,", 0) == 0);
  CHECK(std::count(rels.begin(), rels.end(), '\n') >= 5);
}

TEST_CASE("exports of a query, a neighbourhood and a predicate filter", "[cli][export]") {
  TempDir dir;
  Load(dir);
  REQUIRE(RunShell(Weft("export -F json --query '?a -join-> ?b' -o q.json"), dir).exit_code == 0);
  auto q = nlohmann::json::parse(weft::testing::ReadFile(dir / "q.json"));
  CHECK(q["links"].size() == 1);
  CHECK(q["nodes"].size() == 2);
  REQUIRE(RunShell(Weft("export -F json --around Zürich -o n.json"), dir).exit_code == 0);
  CHECK(nlohmann::json::parse(weft::testing::ReadFile(dir / "n.json"))["links"].size() == 1);
  REQUIRE(RunShell(Weft("export -F json -p acquire -p near -o p.json"), dir).exit_code == 0);
  CHECK(nlohmann::json::parse(weft::testing::ReadFile(dir / "p.json"))["links"].size() == 2);
  auto bad = RunShell(Weft("export -F json -p acquir -o x.json"), dir);
  CHECK(bad.exit_code == 4);
  CHECK(bad.err.find("did you mean 'acquire'") != std::string::npos);
  CHECK(RunShell(Weft("export -F xml"), dir).exit_code == 2);
}

TEST_CASE("the subgraph of a query holds only the rows its order, offset and limit keep",
          "[cli][export]") {
  TempDir dir;
  // deals.tsv holds two bad lines on purpose (exit 3); its good lines are stored.
  REQUIRE(RunShell(Weft("import -q '" + kFixtures + "/deals.tsv'"), dir).exit_code == 3);
  auto links = [&](const std::string& query) {
    auto r = RunShell(Weft("export -F json --query '" + query + "'"), dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["links"].size();
  };
  const size_t all = links("?s -?p-> ?o");
  REQUIRE(all >= 6);
  CHECK(links("?s -?p-> ?o return ?s, ?o order by ?o limit 2") == 2);
  CHECK(links("?s -?p-> ?o return ?s, ?o limit 2 offset 1") == 2);
  CHECK(links("?s -?p-> ?o return ?s, ?o order by ?s desc limit 1 offset 3") == 1);
  CHECK(links("?s -?p-> ?o return ?s, ?o offset 1000") == 0);
  // An offset and a limit whose sum overflows: every row after the offset.
  auto r = RunShell(Weft("query --format json '?s -?p-> ?o return ?s, ?o limit "
                         "18446744073709551615 offset 1'"),
                    dir);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).size() == all - 1);
}

TEST_CASE("an export that cannot be written whole fails with exit 5 and leaves the old file",
          "[cli][export]") {
  TempDir dir;
  // Enough statements that every format passes a 1 KiB file-size limit.
  std::string tsv;
  for (int i = 0; i < 400; ++i) {
    tsv += "Company" + std::to_string(i) + "\tacquire\tTarget" + std::to_string(i) + "\n";
  }
  weft::testing::WriteFile(dir / "many.tsv", tsv);
  REQUIRE(RunShell(Weft("import -q many.tsv"), dir).exit_code == 0);
  for (const char* format : {"json", "cytoscape", "dot", "ntriples", "graphml"}) {
    INFO(format);
    weft::testing::WriteFile(dir / "out.txt", "the old export\n");
    auto r = RunShell("(trap '' XFSZ; ulimit -f 1; " +
                          Weft(std::string("export -F ") + format + " -o out.txt") + ")",
                      dir);
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("out.txt") != std::string::npos);
    CHECK(weft::testing::ReadFile(dir / "out.txt") == "the old export\n");
    size_t left = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
      if (e.path().filename().string().find(".tmp.") != std::string::npos) ++left;
    }
    CHECK(left == 0);
    auto full = RunShell(Weft(std::string("export -F ") + format) + " > /dev/full", dir);
    CHECK(full.exit_code == 5);
  }
  CHECK(RunShell(Weft("query '?s -acquire-> ?o' > /dev/full"), dir).exit_code == 5);
  CHECK(RunShell(Weft("stats > /dev/full"), dir).exit_code == 5);
}

TEST_CASE("the REPL's .export writes the last result on the graph it was computed on",
          "[cli][export]") {
  TempDir dir;
  auto At = [](const std::string& db, const std::string& args) {
    return "'" + kWeft + "' --db " + db + " " + args;
  };
  std::string big;
  for (int i = 0; i < 3000; ++i) {
    big += "A" + std::to_string(i) + "\tacquire\tB" + std::to_string(i) + "\n";
  }
  weft::testing::WriteFile(dir / "big.tsv", big);
  weft::testing::WriteFile(dir / "small.tsv", "X\tknow\tY\n");
  REQUIRE(RunShell(At("big.db", "import -q big.tsv"), dir).exit_code == 0);
  REQUIRE(RunShell(At("small.db", "import -q small.tsv"), dir).exit_code == 0);
  // A query on the big store, then .open of the small one: the export is the big result whole.
  auto r = RunShell("printf '?s -acquire-> ?o\\n.open small.db\\n.export out.json json\\n' | " +
                        At("big.db", "repl"),
                    dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(weft::testing::ReadFile(dir / "out.json"))["links"].size() == 3000);
  // The other way round: a small result, then the big store.
  r = RunShell("printf '?s -know-> ?o\\n.open big.db\\n.export out2.json json\\n' | " +
                   At("small.db", "repl"),
               dir);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(weft::testing::ReadFile(dir / "out2.json"))["links"].size() == 1);
  // Before any query there is nothing to export; a failed write leaves the old file.
  weft::testing::WriteFile(dir / "keep.json", "old\n");
  r = RunShell("printf '.export keep.json json\\n' | " + At("big.db", "repl"), dir);
  CHECK(r.err.find("run a query first") != std::string::npos);
  r = RunShell(
      "(trap '' XFSZ; ulimit -f 1; printf '?s -acquire-> ?o\\n.export keep.json "
      "json\\n' | " +
          At("big.db", "repl") + ")",
      dir);
  CHECK(r.exit_code != 0);
  CHECK(weft::testing::ReadFile(dir / "keep.json") == "old\n");
}
