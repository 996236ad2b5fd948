// End-to-end tests: they drive the real weft binary on fixtures written for weft.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "tests/test_util.h"

using namespace weft::testing;  // NOLINT(google-build-using-namespace)

namespace {

const std::string kFixtures = std::string(WEFT_TEST_DATA) + "/cli/fixtures";

nlohmann::json StatsJson(const TempDir& dir) {
  auto r = RunShell(Weft("stats --format json"), dir);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("import reports bad lines as FILE:LINE and keeps the good ones", "[cli]") {
  TempDir dir;
  auto r = RunShell(Weft("import '" + kFixtures + "/deals.tsv'"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("deals.tsv:10: expected at least 3 tab-separated columns") != std::string::npos);
  CHECK(r.err.find("deals.tsv:11: predicate is empty") != std::string::npos);
  auto stats = StatsJson(dir);
  CHECK(stats["statements"] == 7);
  CHECK(stats["sources"] == 8);
  CHECK(stats["documents"] == 1);
  CHECK(stats["entities"] == 6);
  CHECK(stats["predicates"] == 7);

  // Unchanged content: nothing happens, exit 0.
  r = RunShell(Weft("import '" + kFixtures + "/deals.tsv'"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("unchanged") != std::string::npos);
  auto again = StatsJson(dir);
  again.erase("disk_bytes");
  stats.erase("disk_bytes");
  CHECK(again == stats);
}

TEST_CASE("import --strict rejects a file with a bad line and keeps nothing from it", "[cli]") {
  TempDir dir;
  REQUIRE(RunShell(Weft("import '" + kFixtures + "/people.jsonl'"), dir).exit_code == 3);
  auto before = StatsJson(dir);
  CHECK(before["statements"] == 2);
  auto r = RunShell(Weft("import --strict '" + kFixtures + "/deals.tsv'"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("deals.tsv:10:") != std::string::npos);
  CHECK(r.err.find("nothing from this file was kept") != std::string::npos);
  auto after = StatsJson(dir);
  after.erase("disk_bytes");
  before.erase("disk_bytes");
  CHECK(after == before);
}

TEST_CASE("import reads standard input and replaces a changed file", "[cli]") {
  TempDir dir;
  weft::testing::WriteFile(dir / "a.tsv", "A\tp\tB\nA\tp\tC\n");
  REQUIRE(RunShell(Weft("import a.tsv"), dir).exit_code == 0);
  weft::testing::WriteFile(dir / "a.tsv", "A\tp\tB\n");
  auto r = RunShell(Weft("import a.tsv"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("replaced") != std::string::npos);
  CHECK(StatsJson(dir)["statements"] == 1);
  r = RunShell("printf 'X\\tq\\tY\\n' | " + Weft("import --format tsv -"), dir);
  CHECK(r.exit_code == 0);
  CHECK(StatsJson(dir)["statements"] == 2);
  CHECK(StatsJson(dir)["documents"] == 2);
}

TEST_CASE("usage and storage errors have their own exit codes and clear messages", "[cli]") {
  TempDir dir;
  auto r = RunShell(Weft("stats"), dir);
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("no weft store at 'db'") != std::string::npos);
  weft::testing::WriteFile(dir / "x.csv", "a,b,c\n");
  r = RunShell(Weft("import x.csv"), dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("pass --format") != std::string::npos);
  r = RunShell(Weft("import missing.tsv"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("missing.tsv: no such file or directory") != std::string::npos);
  r = RunShell(Weft("frobnicate"), dir);
  CHECK(r.exit_code == 2);
  r = RunShell("'" + kWeft + "' --version", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("weft ") == 0);
}

TEST_CASE("importing 300,000 lines gives the counts sort -u and cut give", "[cli][slow]") {
  TempDir dir;
  {
    // Power-law-ish entity choice so that some triples repeat.
    std::mt19937_64 rng(42);
    std::string text;
    for (int i = 0; i < 300000; ++i) {
      auto pick = [&](int n) {
        return static_cast<int>(std::pow(rng() % 100000 / 100000.0, 3) * n);
      };
      text += "e" + std::to_string(pick(60000)) + "\tp" + std::to_string(pick(300)) + "\te" +
              std::to_string(pick(60000)) + "\n";
    }
    weft::testing::WriteFile(dir / "big.tsv", text);
  }
  auto r = RunShell(Weft("import -q big.tsv"), dir);
  REQUIRE(r.exit_code == 0);
  auto count = [&](const std::string& cmd) {
    auto c = RunShell(cmd, dir);
    REQUIRE(c.exit_code == 0);
    return std::stoull(c.out);
  };
  auto stats = StatsJson(dir);
  CHECK(stats["statements"] == count("sort -u big.tsv | wc -l"));
  CHECK(stats["sources"] == count("wc -l < big.tsv"));
  CHECK(stats["predicates"] == count("cut -f2 big.tsv | sort -u | wc -l"));
  CHECK(stats["entities"] == count("(cut -f1 big.tsv; cut -f3 big.tsv) | sort -u | wc -l"));
}

TEST_CASE("weft extract writes a repeated qualifier role as an array that import reads back",
          "[cli]") {
  TempDir dir;
  weft::testing::WriteFile(dir / "a.txt",
                           "Contoso opened offices in countries like Ireland and Japan.\n");
  auto r = RunShell("'" + kWeft + "' extract a.txt > out.jsonl", dir);
  REQUIRE(r.exit_code == 0);
  // Both values reach the store, whichever way the statement was split.
  REQUIRE(RunShell(Weft("import --format jsonl out.jsonl"), dir).exit_code == 0);
  auto q = RunShell(Weft("query --format csv 'Contoso -open{in: ?where}-> ?what'"), dir);
  REQUIRE(q.exit_code == 0);
  CHECK(q.out.find("Ireland") != std::string::npos);
  CHECK(q.out.find("Japan") != std::string::npos);
  // A statement with two values for one role keeps both in one record.
  weft::testing::WriteFile(
      dir / "two.jsonl",
      R"({"subject":"Contoso","predicate":"ship","object":"chips","qualifiers":{"to":["Ireland","Japan"]}})"
      "\n");
  REQUIRE(RunShell(Weft("import two.jsonl"), dir).exit_code == 0);
  q = RunShell(Weft("query --format csv 'Contoso -ship{to: ?where}-> ?what'"), dir);
  CHECK(q.out.find("Ireland") != std::string::npos);
  CHECK(q.out.find("Japan") != std::string::npos);
}

TEST_CASE("a record's, a page's and a feed item's headline is read and its statements say so",
          "[cli]") {
  TempDir dir;
  weft::testing::WriteFile(
      dir / "news.jsonl",
      R"({"id": "1", "title": "ALGERIA HIT BY FURTHER GAS RIOTS", "text": "Riots over gas prices )"
      R"(reached three towns on Monday, officials said."})"
      "\n");
  // Title case, in a page and in a feed item.
  weft::testing::WriteFile(
      dir / "page.html",
      "<html><head><title>Algeria Hit By Further Gas Riots</title></head><body><nav><a "
      "href=\"/\">Home</a></nav><article><h1>Algeria Hit By Further Gas Riots</h1><p>Riots over "
      "gas prices reached three towns on Monday, officials said. The government said it would "
      "review the prices of gas and bread in the coming weeks.</p></article></body></html>\n");
  weft::testing::WriteFile(
      dir / "feed.xml",
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title><item><title>"
      "Algeria Hit By Further Gas Riots</title><link>http://example.com/a</link><description>"
      "&lt;p&gt;Riots over gas prices reached three towns on Monday, officials "
      "said.&lt;/p&gt;</description></item></channel></rss>\n");
  for (const char* file : {"news.jsonl", "page.html", "feed.xml"}) {
    INFO(file);
    auto r = RunShell("'" + kWeft + "' extract " + file, dir);
    REQUIRE(r.exit_code == 0);
    // The headline's participle is a passive: the riots hit Algeria, not Algeria something.
    bool headline = false, body = false, section_node = false;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const nlohmann::json j = nlohmann::json::parse(line);
      if (j.contains("entity")) section_node = section_node || j["entity"] == "headline";
      if (!j.contains("subject")) continue;
      const bool marked = j["qualifiers"].value("section", "") == "headline";
      if (j["subject"] == "gas riot" && j["predicate"] == "hit" && j["object"] == "Algeria") {
        headline = marked;
      } else if (j["predicate"] == "reach") {
        body = !marked;
      }
    }
    CHECK(headline);
    CHECK(body);
    CHECK(!section_node);  // where a statement was read is no entity
  }
  REQUIRE(RunShell(Weft("ingest -q news.jsonl"), dir).exit_code == 0);
  auto q = RunShell(Weft("query --format csv '?a -hit{section: ?s}-> Algeria'"), dir);
  REQUIRE(q.exit_code == 0);
  CHECK(q.out.find("headline") != std::string::npos);
}

TEST_CASE("weft import stores weft extract's records document by document, as ingest would",
          "[cli][import]") {
  TempDir dir;
  weft::testing::WriteFile(dir / "a.txt", "Contoso acquired Fabrikam in Lisbon.\n");
  weft::testing::WriteFile(dir / "b.txt", "Ana Ribeiro joined Northwind Systems. She left.\n");
  REQUIRE(RunShell("'" + kWeft + "' extract a.txt b.txt > out.jsonl", dir).exit_code == 0);
  auto r = RunShell(Weft("import out.jsonl"), dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("2 documents stored") != std::string::npos);
  auto q = RunShell(Weft("query --format tsv '?a -?e: ?p-> ?b return ?a, type(?a), ?p, ?b, "
                         "sources(?e)'"),
                    dir);
  CHECK(q.out.find("Ana Ribeiro\tperson\tjoin\tNorthwind Systems\t") != std::string::npos);
  CHECK(q.out.find("a.txt#0") != std::string::npos);  // the document and sentence, not the line
  // Again, and the same text ingested: unchanged.
  r = RunShell(Weft("import out.jsonl"), dir);
  CHECK(r.err.find("0 documents stored with 0 statements, 2 unchanged") != std::string::npos);
  r = RunShell(Weft("ingest a.txt b.txt"), dir);
  REQUIRE(r.exit_code == 0);
  auto stats = nlohmann::json::parse(RunShell(Weft("stats --format json"), dir).out);
  CHECK(stats["documents"] == 2);

  // A record whose source names another document is a bad line, named by file and line.
  REQUIRE(RunShell("head -1 out.jsonl > bad.jsonl && grep b.txt out.jsonl | grep -m1 subject "
                   ">> bad.jsonl",
                   dir)
              .exit_code == 0);
  r = RunShell("'" + kWeft + "' --db c.db import bad.jsonl", dir);
  CHECK(r.err.find("bad.jsonl:2: the source names document") != std::string::npos);
  r = RunShell("'" + kWeft + "' --db d.db import --strict bad.jsonl", dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("nothing from this file was kept") != std::string::npos);
  CHECK(
      RunShell("'" + kWeft + "' --db d.db stats --format json", dir).out.find("\"documents\": 0") !=
      std::string::npos);
}

TEST_CASE("weft documents lists what the store holds and weft remove takes documents out",
          "[cli]") {
  TempDir dir;
  Write(dir, "a.tsv", "Microsoft\tacquire\tActivision\nMicrosoft\tbased_in\tRedmond\n");
  std::filesystem::create_directories(dir.path() / "sub");
  Write(dir, "sub/b.tsv", "Microsoft\tacquire\tActivision\nSony\tmake\tPlayStation\n");
  REQUIRE(RunShell(Weft("import a.tsv ./sub/b.tsv"), dir).exit_code == 0);
  auto documents = [&] {
    auto r = RunShell(Weft("documents --format json"), dir);
    REQUIRE(r.exit_code == 0);
    std::vector<std::pair<std::string, int>> out;
    for (const auto& d : nlohmann::json::parse(r.out)) out.emplace_back(d["name"], d["statements"]);
    return out;
  };
  using Docs = std::vector<std::pair<std::string, int>>;
  CHECK(documents() == Docs{{"a.tsv", 2}, {"sub/b.tsv", 2}});
  auto table = RunShell(Weft("documents"), dir);
  CHECK(table.out.find("sub/b.tsv") != std::string::npos);
  // The graph is built (and its snapshot written) before the removal, so the query after it
  // must see the change.
  REQUIRE(RunShell(Weft("query 'Microsoft -based_in-> ?x'"), dir).out.find("Redmond") !=
          std::string::npos);

  // One unknown name removes nothing.
  auto r = RunShell(Weft("remove a.tsv b.tsx"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("b.tsx: no document of that name") != std::string::npos);
  CHECK(documents() == Docs{{"a.tsv", 2}, {"sub/b.tsv", 2}});

  r = RunShell(Weft("remove a.tsv"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("removed a.tsv (2 statements, 2 sources)") != std::string::npos);
  CHECK(documents() == Docs{{"sub/b.tsv", 2}});
  r = RunShell(Weft("-q query 'Microsoft -?p-> ?x'"), dir);
  CHECK(r.out.find("Activision") != std::string::npos);  // b.tsv supports it too
  CHECK(r.out.find("Redmond") == std::string::npos);
  auto stats = StatsJson(dir);
  CHECK(stats["statements"] == 2);
  CHECK(stats["sources"] == 2);
  CHECK(stats["documents"] == 1);
  CHECK(RunShell(Weft("check"), dir).exit_code == 0);

  // By the path it was read from, written another way.
  CHECK(RunShell(Weft("remove sub/../sub/b.tsv"), dir).exit_code == 0);
  CHECK(documents().empty());
  CHECK(StatsJson(dir)["statements"] == 0);
}

TEST_CASE("weft query and the REPL take parameter values apart from the query text", "[cli]") {
  TempDir dir;
  WriteFile(
      dir / "deals.tsv",
      "Acme\tacquire\tGlobex\nInitech\tacquire\tHooli\nAcme \"Holdings\"\tacquire\tUmbrella\n");
  REQUIRE(RunShell(Weft("import deals.tsv"), dir).exit_code == 0);
  auto r = RunShell(Weft("query --format csv '$who -acquire-> ?x' --param who=Acme"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "x\nGlobex\n");
  // Quotes in a value are the value's own.
  r = RunShell(Weft("query --format csv '$who -acquire-> ?x' -p 'who=Acme \"Holdings\"'"), dir);
  CHECK(r.out == "x\nUmbrella\n");
  // A $name without a value: its line, column and caret; a value no $name uses: an error.
  r = RunShell(Weft("query '?c -acquire-> $target'"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("parameter error at line 1, column 15: $target has no value") !=
        std::string::npos);
  CHECK(r.err.find("              ^") != std::string::npos);
  r = RunShell(Weft("query '?c -acquire-> ?x' -p x=1"), dir);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("parameter $x is not used by the query") != std::string::npos);
  r = RunShell(Weft("query '$a -acquire-> ?x' -p nameless"), dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("a parameter is NAME=VALUE") != std::string::npos);
  // A file of queries: each takes the values it uses.
  WriteFile(dir / "q.txt", "$who -acquire-> ?x;\n?c -acquire-> $target;\n");
  r = RunShell(Weft("query --format csv -f q.txt -p who=Initech -p target=Globex"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "x\nHooli\nc\nAcme\n");
  // The REPL keeps values for the queries that use them.
  r = RunShell(
      "printf '.mode csv\\n.param who Initech\\n$who -acquire-> ?x;\\n.param\\n' | " + Weft("repl"),
      dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "x\nHooli\n$who = Initech\n");
}

TEST_CASE("weft ingest skips and counts a document plainly not in English", "[cli]") {
  TempDir dir;
  WriteFile(dir / "es.txt",
            "Microsoft ofreció a su personal de inteligencia artificial en China el traslado a "
            "Irlanda, según informó el diario. La empresa dijo que los empleados podrán elegir.\n");
  WriteFile(dir / "en.txt", "Contoso acquired Fabrikam in 2021.\n");
  auto r = RunShell(Weft("ingest --parser ud es.txt en.txt"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("ingested 1 document") != std::string::npos);
  CHECK(r.err.find("1 document not in English skipped") != std::string::npos);
  CHECK(StatsJson(dir)["documents"] == 1);

  // A line in another language inside an English document is not read; the rest keeps its
  // place (the stored sentence is the text at its offsets).
  WriteFile(dir / "mixed.txt",
            "Sé el primero en compartir tu opinión sobre este artículo, dijo el diario.\n"
            "Northwind Systems opened a research hub in Lisbon. The company said it would hire "
            "200 engineers there next year, and more in Porto after that.\n");
  r = RunShell(Weft("ingest --parser ud mixed.txt"), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("1 line in another language not read") != std::string::npos);
  r = RunShell(Weft("query --format csv '\"Northwind Systems\" -?e:?p-> ?x return sentence(?e)'"),
               dir);
  CHECK(r.out.find("Northwind Systems opened a research hub in Lisbon.") != std::string::npos);
  r = RunShell(Weft("query --format csv '?a -?e:?p-> ?b return sentence(?e)'"), dir);
  CHECK(r.out.find("diario") == std::string::npos);
}

TEST_CASE("a document's publication date is kept: weft documents lists it, published(?e) gives it",
          "[cli]") {
  TempDir dir;
  WriteFile(dir / "news.jsonl",
            "{\"id\": \"1\", \"date\": \"26-FEB-1987 15:01:01.79\", \"text\": \"Contoso acquired "
            "Fabrikam.\"}\n{\"id\": \"2\", \"text\": \"Initech acquired Hooli.\"}\n");
  REQUIRE(RunShell(Weft("ingest -q --parser ud news.jsonl"), dir).exit_code == 0);
  auto r = RunShell(Weft("documents --format json"), dir);
  REQUIRE(r.exit_code == 0);
  auto docs = nlohmann::json::parse(r.out);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0]["published"] == "1987-02-26");
  CHECK(docs[1]["published"].is_null());
  r = RunShell(Weft("query --format csv '?c -?e:acquire-> ?t return ?c, published(?e) as day'"),
               dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Contoso,1987-02-26\n") != std::string::npos);
  // The other statement's document said no date: an empty cell.
  CHECK(r.out.find(",\n") != std::string::npos);
}
