// Hardening: standard input never loses data (it is named by --name or by its content and never
// replaces an earlier read by accident), and read-only commands never create or write a store.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

using namespace weft::testing;  // NOLINT(google-build-using-namespace)

namespace {

nlohmann::json Stats(const TempDir& dir) {
  auto r = RunShell(Weft("stats --format json"), dir);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("two imports from standard input keep both", "[cli][stdin]") {
  TempDir dir;
  REQUIRE(RunShell("printf 'Acme\\tbuy\\tGlobex\\n' | " + Weft("import --format tsv -"), dir)
              .exit_code == 0);
  REQUIRE(RunShell("printf 'Initech\\thire\\tPeter\\n' | " + Weft("import --format tsv -"), dir)
              .exit_code == 0);
  CHECK(Stats(dir)["statements"] == 2);
  CHECK(Stats(dir)["documents"] == 2);
  // The same content again is the same document: nothing changes.
  auto r = RunShell("printf 'Initech\\thire\\tPeter\\n' | " + Weft("import --format tsv -"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("unchanged") != std::string::npos);
  CHECK(Stats(dir)["documents"] == 2);
}

TEST_CASE("a named standard input replaces only its own earlier content", "[cli][stdin]") {
  TempDir dir;
  auto imp = [&](const std::string& line, const std::string& name) {
    return RunShell(
        "printf '" + line + "\\n' | " + Weft("import --format tsv --name " + name + " -"), dir);
  };
  REQUIRE(imp("Acme\\tbuy\\tGlobex", "feed-a").exit_code == 0);
  REQUIRE(imp("Initech\\thire\\tPeter", "feed-b").exit_code == 0);
  CHECK(Stats(dir)["statements"] == 2);
  // Re-piping identical content under the same name is a no-op.
  auto r = imp("Initech\\thire\\tPeter", "feed-b");
  CHECK(r.err.find("unchanged") != std::string::npos);
  // New content under a name replaces that name's statements only.
  REQUIRE(imp("Initech\\thire\\tMilton", "feed-b").exit_code == 0);
  auto q = RunShell(Weft("query --format json '?a -?p-> ?b'"), dir);
  REQUIRE(q.exit_code == 0);
  CHECK(q.out.find("Globex") != std::string::npos);
  CHECK(q.out.find("Milton") != std::string::npos);
  CHECK(q.out.find("Peter") == std::string::npos);
}

TEST_CASE("standard input may not take the name of an imported file", "[cli][stdin]") {
  TempDir dir;
  REQUIRE(
      RunShell("printf 'Acme\\tbuy\\tGlobex\\n' > deals.tsv && " + Weft("import deals.tsv"), dir)
          .exit_code == 0);
  auto r = RunShell("printf 'Initech\\thire\\tPeter\\n' | " +
                        Weft("import --format tsv --name \"$PWD/deals.tsv\" -"),
                    dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("is the name of the imported file") != std::string::npos);
  CHECK(Stats(dir)["statements"] == 1);
  CHECK(RunShell(Weft("import --name x a.tsv b.tsv"), dir).exit_code == 2);
}

TEST_CASE("two ingests from standard input keep both articles", "[cli][stdin]") {
  TempDir dir;
  REQUIRE(RunShell("echo 'Ana Ribeiro joined Contoso.' | " + Weft("ingest -"), dir).exit_code == 0);
  REQUIRE(RunShell("echo 'Fabrikam bought Litware.' | " + Weft("ingest -"), dir).exit_code == 0);
  CHECK(Stats(dir)["documents"] == 2);
  CHECK(Stats(dir)["statements"] == 2);
  // The documented pipeline: extract to JSON Lines, import from standard input, twice.
  REQUIRE(RunShell("echo 'Tailspin hired Maria Lopes.' > a.txt && echo 'Northwind opened an "
                   "office in Lisbon.' > b.txt",
                   dir)
              .exit_code == 0);
  REQUIRE(RunShell("'" + kWeft + "' extract a.txt | " + Weft("import --format jsonl -"), dir)
              .exit_code == 0);
  REQUIRE(RunShell("'" + kWeft + "' extract b.txt | " + Weft("import --format jsonl -"), dir)
              .exit_code == 0);
  CHECK(Stats(dir)["documents"] == 4);
}

TEST_CASE("read-only commands never create a store", "[cli][read-only]") {
  TempDir dir;
  for (std::string cmd : {"check", "check --repair", "stats", "query '?a -?p-> ?b'",
                          "export -F json -o x.json", "path A B", "neighbors A", "rank"}) {
    auto r = RunShell("'" + kWeft + "' --db typo.db " + cmd, dir);
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("no weft store at 'typo.db'") != std::string::npos);
  }
  CHECK(RunShell("test ! -e typo.db", dir).exit_code == 0);
}

TEST_CASE("weft check reads a store in a directory it may not write", "[cli][read-only]") {
  TempDir dir;
  REQUIRE(RunShell("printf 'Acme\\tbuy\\tGlobex\\n' | " + Weft("import --format tsv -"), dir)
              .exit_code == 0);
  // As an unprivileged user (root may write anywhere): the store readable, not writable.
  REQUIRE(RunShell("chmod 755 . && chmod -R a-w db && chmod -R a+rX db", dir).exit_code == 0);
  const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  auto r = RunShell(as_nobody + Weft("check"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1 statements") != std::string::npos);
  CHECK(r.err.find("checking it read-only") != std::string::npos);
  r = RunShell(as_nobody + Weft("check --repair"), dir);
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("--repair needs write access") != std::string::npos);
  RunShell("chmod -R u+w db", dir);
}

TEST_CASE("the command line names mistakes clearly", "[cli][hardening]") {
  TempDir dir;
  auto r = RunShell("'" + kWeft + "' qurey x", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown command 'qurey'; did you mean 'query'?") != std::string::npos);
  r = RunShell("'" + kWeft + "' --db db rank --top -1", dir);
  CHECK(r.exit_code == 2);
  r = RunShell("mkdir -p some/dir && '" + kWeft + "' --db db import some/dir", dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("some/dir: is a directory") != std::string::npos);
  CHECK(RunShell("test ! -e db", dir).exit_code == 0);  // nothing created for a bad input
  REQUIRE(RunShell("printf 'Acme\\tbuy\\tGlobex\\n' | " + Weft("import --format tsv -"), dir)
              .exit_code == 0);
  r = RunShell(Weft("export -F json -o /nonexistent/x.json"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("No such file or directory") != std::string::npos);
  r = RunShell("'" + kWeft + "' --help", dir);
  CHECK(r.out.find("1 'weft check' found a problem") != std::string::npos);
}

TEST_CASE("import, like ingest, reports a missing file and goes on", "[cli][hardening]") {
  TempDir dir;
  auto r = RunShell(
      "printf 'Acme\\tbuy\\tGlobex\\n' > a.tsv && " + Weft("import missing.tsv a.tsv"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("missing.tsv: no such file or directory") != std::string::npos);
  CHECK(Stats(dir)["statements"] == 1);
  r = RunShell(Weft("ingest missing.txt"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("missing.txt: no such file or directory") != std::string::npos);
}

TEST_CASE("ingest names an over-long sentence by file and line", "[cli][hardening]") {
  TempDir dir;
  std::string long_sentence;
  for (int i = 0; i < 400; ++i) long_sentence += "word ";
  REQUIRE(RunShell("printf 'Fabrikam bought Litware.\\n\\n" + long_sentence + "end.\\n' > long.txt",
                   dir)
              .exit_code == 0);
  auto r = RunShell(Weft("ingest long.txt"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("long.txt:3: sentence of 2004 bytes skipped (over 2000 bytes)") !=
        std::string::npos);
  CHECK(Stats(dir)["statements"] == 1);
}

TEST_CASE("repl < file and .read name the file's line of an error", "[cli][hardening]") {
  TempDir dir;
  REQUIRE(RunShell("printf 'Ana\\twork_at\\tContoso\\n' | " + Weft("import --format tsv -"), dir)
              .exit_code == 0);
  std::ofstream(dir.path() / "q.weft") << "?p -work_at-> ?c;\n\n?p -work_at->\n  ?c where ?p ==\n";
  auto r = RunShell(Weft("repl < q.weft"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.out.find("Contoso") != std::string::npos);
  CHECK(r.err.find("Error: stdin:4: syntax error") != std::string::npos);
  std::ofstream(dir.path() / "outer.weft") << ".mode\n.read q.weft\n";
  r = RunShell(Weft("repl < outer.weft"), dir);
  CHECK(r.out.find("table") != std::string::npos);
  CHECK(r.err.find("Error: q.weft:4: syntax error") != std::string::npos);
}
