// weft merge, weft split and weft entity through the binary: merges live in the store, survive
// re-ingest and a restart, are checked, and bad names are refused with the nearest names.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <vector>

#include "tests/test_util.h"

using namespace weft::testing;  // NOLINT(google-build-using-namespace)

namespace {

// The subjects of `predicate` statements, as the graph names them, one line each, sorted.
std::string Subjects(const TempDir& dir, const std::string& predicate) {
  auto r = RunShell(Weft("query --format tsv '?x -" + predicate + "-> ?y return ?x'"), dir);
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin() + (lines.empty() ? 0 : 1), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("a merge moves an entity's statements and holds across re-ingest and restarts",
          "[cli][merge]") {
  TempDir dir;
  Write(dir, "a.tsv", "Royal Dutch Shell\tsell\tstake\nShell\tbuy\tstake\n");
  REQUIRE(RunShell(Weft("-q import a.tsv"), dir).exit_code == 0);
  CHECK(Subjects(dir, "buy") == "x\nShell\n");

  auto r = RunShell(Weft("merge 'Royal Dutch Shell' Shell"), dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "merged 'Shell' into 'Royal Dutch Shell': 1 statement moves to it\n");
  CHECK(Subjects(dir, "buy") == "x\nRoyal Dutch Shell\n");
  // Found by the alias too, and the card says where the name came from.
  CHECK(Subjects(dir, "sell") == "x\nRoyal Dutch Shell\n");
  r = RunShell(Weft("entity Shell"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Royal Dutch Shell\n") == 0);
  CHECK(r.out.find("merged    Shell (weft merge)") != std::string::npos);
  CHECK(r.out.find("written   Shell (1 document:") != std::string::npos);
  CHECK(RunShell(Weft("stats"), dir).out.find("merges       1") != std::string::npos);

  // New content for the file: the merge still applies to the name.
  Write(dir, "a.tsv", "Royal Dutch Shell\tsell\tstake\nShell\tbuy\trefinery\n");
  REQUIRE(RunShell(Weft("-q import a.tsv"), dir).exit_code == 0);
  auto q = RunShell(Weft("query --format tsv '?x -buy-> refinery return ?x'"), dir);
  CHECK(q.out == "x\nRoyal Dutch Shell\n");
  CHECK(RunShell(Weft("check"), dir).exit_code == 0);

  // Split undoes it.
  r = RunShell(Weft("split 'Royal Dutch Shell' Shell"), dir);
  CHECK(r.exit_code == 0);
  CHECK(Subjects(dir, "buy") == "x\nShell\n");
  CHECK(RunShell(Weft("stats"), dir).out.find("merges") == std::string::npos);
}

TEST_CASE("split keeps apart a name joined by its spelling", "[cli][merge]") {
  TempDir dir;
  // Types come from the recogniser: the spelling join is for names of one type.
  Write(dir, "a.txt", "Texaco Inc appealed the ruling against Pennzoil on Monday.\n");
  Write(dir, "b.txt", "Texaco Inc lost the case. Texaco sued Pennzoil.\n");
  Write(dir, "c.txt", "Texaco sued Pennzoil again.\n");
  REQUIRE(RunShell(Weft("-q ingest a.txt b.txt c.txt"), dir).exit_code == 0);
  CHECK(Subjects(dir, "sue") == "x\nTexaco Inc\n");
  REQUIRE(RunShell(Weft("split 'Texaco Inc' Texaco"), dir).exit_code == 0);
  CHECK(Subjects(dir, "sue") == "x\nTexaco\nTexaco Inc\n");
  // A merge lets it join again.
  REQUIRE(RunShell(Weft("merge 'Texaco Inc' Texaco"), dir).exit_code == 0);
  CHECK(Subjects(dir, "sue") == "x\nTexaco Inc\n");
}

TEST_CASE("bad merges are refused clearly", "[cli][merge]") {
  TempDir dir;
  Write(dir, "a.tsv", "Globex\tbuy\tInitech\nAcme\tsell\tGlobex\n");
  REQUIRE(RunShell(Weft("-q import a.tsv"), dir).exit_code == 0);
  auto r = RunShell(Weft("merge Globex Initeck"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("Initeck: no entity of that name; did you mean 'Initech'") != std::string::npos);
  r = RunShell(Weft("merge Globex Globex"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("cannot merge an entity into itself") != std::string::npos);
  REQUIRE(RunShell(Weft("merge Globex Initech"), dir).exit_code == 0);
  // Into its own alias: they are one entity already.
  r = RunShell(Weft("merge Initech Globex"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("'Initech' and 'Globex' are already one entity, 'Globex'") != std::string::npos);
  r = RunShell(Weft("split Globex Acme"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("not a name of 'Globex'") != std::string::npos);
  CHECK(RunShell("'" + kWeft + "' --db missing merge A B", dir).exit_code == 5);
}

TEST_CASE("a short form two entities share stays apart and the card says so", "[cli][merge]") {
  TempDir dir;
  Write(dir, "a.txt",
        "Mercury Asset Management Ltd bought a stake in Globex. Mercury said the price was "
        "fair.\n");
  Write(dir, "b.txt",
        "Mercury Communications Ltd sold a stake in Initech. Mercury said it would grow.\n");
  REQUIRE(RunShell(Weft("-q ingest a.txt b.txt"), dir).exit_code == 0);
  auto r = RunShell(Weft("entity 'Mercury Communications Ltd'"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("possibly the same as Mercury Asset Management Ltd") != std::string::npos);
  // Two nodes, not one.
  auto q = RunShell(Weft("query --format tsv '?x -?p-> stake return ?x'"), dir);
  CHECK(q.out.find("Mercury Asset Management Ltd") != std::string::npos);
  CHECK(q.out.find("Mercury Communications Ltd") != std::string::npos);
}
