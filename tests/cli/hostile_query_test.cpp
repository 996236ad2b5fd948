// Queries written to crash or stall weft: each ends with a result or a clear error, never a
// crash, and error messages stay short whatever the query's size.
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/test_util.h"

using namespace weft::testing;  // NOLINT(google-build-using-namespace)

namespace {

std::string Repeat(const std::string& s, size_t n, const std::string& sep = "") {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? sep : "") + s;
  return out;
}

// A store with a 60,000-character name and a name that makes backtracking engines explode.
void Hostile(const TempDir& dir) {
  Write(dir, "h.tsv",
        std::string(60000, 'A') + "\tbuy\tGlobex\n" + std::string(29, 'a') + "\town\tB\n");
  REQUIRE(RunShell(Weft("-q import h.tsv"), dir).exit_code == 0);
}

}  // namespace

TEST_CASE("regular expressions run in linear time on any name", "[cli][hostile]") {
  TempDir dir;
  Hostile(dir);
  auto r = RunShell(Weft("query --format tsv '?x -?p-> ?y where ?x =~ \"x+\"'"), dir);
  CHECK(r.exit_code == 0);
  r = RunShell(Weft("query --format tsv --timeout 5000 '?x -?p-> ?y where ?x =~ \"^(a+)+$\"'"),
               dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(std::string(29, 'a') + "\town\tB") != std::string::npos);
  r = RunShell(Weft("query '?x -?p-> ?y where ?x =~ \"(\"'"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("bad regular expression") != std::string::npos);
}

TEST_CASE("deep unary and boolean chains are refused before they reach the stack",
          "[cli][hostile]") {
  TempDir dir;
  Hostile(dir);
  Write(dir, "nots.q", "?x -?p-> ?y where " + Repeat("not ", 12000) + "?x = \"a\"");
  auto r = RunShell(Weft("query -f nots.q"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("'not' in a row") != std::string::npos);
  CHECK(r.err.size() < 1000);  // a window around the caret, not the whole line
  Write(dir, "ands.q", "?x -?p-> ?y where " + Repeat("?x = \"a\"", 5000, " and "));
  r = RunShell(Weft("query -f ands.q"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("'and'/'or' operators") != std::string::npos);
  // Within the limits, a long chain still runs.
  Write(dir, "ok.q",
        "?x -?p-> ?y where " + Repeat("not ", 100) + "?x = \"B\" or " +
            Repeat("?y = \"B\"", 500, " or "));
  r = RunShell(Weft("query --format tsv -f ok.q"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\town\tB") != std::string::npos);
}

TEST_CASE("an over-long query is refused unparsed unless the limit is raised", "[cli][hostile]") {
  TempDir dir;
  Hostile(dir);
  std::string big =
      "?x -?p-> ?y where ?x in (" + Repeat("\"n\"", 30000, ",") + ", \"B\") or ?y = \"B\"";
  Write(dir, "big.q", big);
  auto r = RunShell(Weft("query -f big.q"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("over the limit of 65536") != std::string::npos);
  CHECK(r.err.size() < 1000);
  r = RunShell(Weft("query --format tsv --max-query-bytes 1000000 -f big.q"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\town\tB") != std::string::npos);
}

TEST_CASE("'in' with thousands of items matches by hash", "[cli][hostile]") {
  TempDir dir;
  Hostile(dir);
  std::string items;
  for (int i = 0; i < 5000; ++i) items += "\"name" + std::to_string(i) + "\",";
  Write(dir, "in.q", "?x -?p-> ?y where ?y in (" + items + "\"b\") return ?y");
  auto r = RunShell(Weft("query --format tsv -f in.q"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "y\nB\n");  // an entity matches its name case-insensitively, as '=' does
  Write(dir, "num.q", "?x -?p-> ?y where degree(?y) in (1, 2, 3) return count(?y) as n");
  r = RunShell(Weft("query --format tsv -f num.q"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "n\n2\n");
}

TEST_CASE("an unknown entity is exit 4 with the nearest names in query, path and neighbors",
          "[cli][hostile]") {
  TempDir dir;
  Hostile(dir);
  for (const std::string& args : {std::string("query 'Globx -?p-> ?y'"),
                                  std::string("path Globx B"), std::string("neighbors Globx")}) {
    INFO(args);
    auto r = RunShell(Weft(args), dir);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("no entity named 'Globx'; did you mean 'Globex'") != std::string::npos);
  }
  // All names known and nothing found: an empty answer, not an error.
  auto r = RunShell(Weft("query 'Globex -?p-> ?y'"), dir);
  CHECK(r.exit_code == 0);
  r = RunShell(Weft("query 'B -buy-> ?y'"), dir);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a query's time limit covers parsing, binding and planning", "[cli][hostile]") {
  // Cancellation is tested stage by stage in tests/query/budget_test.cpp; here the binary's
  // flag reaches them: a cancelled budget is the same object the timeout fills.
  TempDir dir;
  Hostile(dir);
  std::string chain;
  for (int i = 0; i < 4000; ++i) {
    chain += (i ? ", " : "") + std::string("?a") + std::to_string(i) + " -buy-> ?a" +
             std::to_string(i + 1);
  }
  Write(dir, "chain.q", chain);
  auto r = RunShell(Weft("query --max-query-bytes 1000000 --timeout 1 -f chain.q"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("ran past its time limit of 1 ms") != std::string::npos);
}
