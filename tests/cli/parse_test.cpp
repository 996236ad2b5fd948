// weft parse, weft eval ud and weft train parser through the real binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/test_util.h"

using namespace weft::testing;  // NOLINT(google-build-using-namespace)

namespace {

const std::string kTiny = std::string(WEFT_TEST_DATA) + "/graph/fixtures/syntax/tiny.conllu";

// The word lines of CoNLL-U output.
std::vector<std::vector<std::string>> Words(const std::string& conllu) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(conllu);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream fields(line);
    std::string c;
    while (std::getline(fields, c, '\t')) cols.push_back(c);
    out.push_back(cols);
  }
  return out;
}

}  // namespace

TEST_CASE("weft parse prints one CoNLL-U tree per sentence with byte ranges", "[cli][parse]") {
  TempDir dir;
  WriteFile(dir / "a.txt", "Northwind bought Contoso.\n\nShell's profit didn't rise.");
  auto r = RunShell(Weft("parse a.txt"), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto words = Words(r.out);
  REQUIRE(words.size() == 11);
  for (const auto& w : words) REQUIRE(w.size() == 10);
  CHECK(words[0][1] == "Northwind");
  CHECK(words[0][9] == "TokenRange=0:9");
  CHECK(words[5][1] == "'s");
  CHECK(words[7][1] == "did");
  CHECK(words[8][1] == "n't");
  CHECK(words[8][2] == "not");
  // One root per sentence, every head inside its sentence.
  CHECK(words[1][6] == "0");
  CHECK(r.out.find("# text = Northwind bought Contoso.") != std::string::npos);
  CHECK(r.out.find("# sent_id = a.txt#2") != std::string::npos);
  auto table = RunShell(Weft("parse -F table a.txt"), dir);
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("ROOT") != std::string::npos);
}

TEST_CASE("weft parse survives empty, huge and broken input", "[cli][parse]") {
  TempDir dir;
  WriteFile(dir / "empty.txt", "");
  auto empty = RunShell(Weft("parse empty.txt"), dir);
  CHECK(empty.exit_code == 0);
  CHECK(empty.out.empty());
  std::string huge;
  for (int i = 0; i < 5000; ++i) huge += "word ";
  WriteFile(dir / "huge.txt", huge);
  auto big = RunShell(Weft("parse huge.txt"), dir);
  REQUIRE(big.exit_code == 0);
  CHECK(Words(big.out).size() == 5000);
  WriteFile(dir / "bad.txt", "Caf\xe9 owners sold it.");
  auto bad = RunShell(Weft("parse bad.txt"), dir);
  CHECK(bad.exit_code == 3);
  CHECK(bad.err.find("bad.txt:1: invalid UTF-8") != std::string::npos);
  CHECK(Words(bad.out).size() == 5);
  auto piped = RunShell("echo 'Ana left.' | " + Weft("parse --name note"), dir);
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.out.find("# newdoc id = note") != std::string::npos);
}

TEST_CASE("weft eval ud scores a treebank and names a bad file's line", "[cli][parse]") {
  TempDir dir;
  auto r = RunShell(Weft("eval ud --data '" + kTiny + "' --out pred.conllu --relations"), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("6 sentences, 41 words") != std::string::npos);
  CHECK(r.out.find("LAS") != std::string::npos);
  CHECK(Words(ReadFile(dir / "pred.conllu")).size() == 41);
  WriteFile(dir / "bad.conllu",
            "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n2\tB\tb\tX\tX\t_\t9\tdep\t_\t_\n");
  auto bad = RunShell(Weft("eval ud --data bad.conllu"), dir);
  CHECK(bad.exit_code == 3);
  CHECK(bad.err.find("bad.conllu:2: head 9 is outside the sentence") != std::string::npos);
  WriteFile(dir / "empty.conllu", "");
  auto empty = RunShell(Weft("eval ud --data empty.conllu"), dir);
  CHECK(empty.exit_code == 3);
  CHECK(empty.err.find("no sentences") != std::string::npos);
}

TEST_CASE(
    "weft train parser writes a model weft then reads, and a missing one says where it looked",
    "[cli][parse]") {
  TempDir dir;
  auto train = RunShell(
      Weft("train parser -q --data '" + kTiny + "' --out tiny.model --folds 1 --parser-epochs 10"),
      dir);
  INFO(train.err);
  REQUIRE(train.exit_code == 0);
  auto again = RunShell(
      Weft("train parser -q --data '" + kTiny + "' --out again.model --folds 1 --parser-epochs 10"),
      dir);
  REQUIRE(again.exit_code == 0);
  CHECK(ReadFile(dir / "tiny.model") == ReadFile(dir / "again.model"));
  auto used =
      RunShell("WEFT_SYNTAX_MODEL=tiny.model " + Weft("eval ud --data '" + kTiny + "'"), dir);
  REQUIRE(used.exit_code == 0);
  auto missing = RunShell("WEFT_SYNTAX_MODEL=nowhere.model " + Weft("parse --name x -"), dir);
  CHECK(missing.exit_code != 0);
  CHECK(missing.err.find("no syntax model found (looked at nowhere.model)") != std::string::npos);
  CHECK(missing.err.find("weft train parser") != std::string::npos);
}

TEST_CASE("weft extract and ingest read UD trees with --parser ud, naming each rule",
          "[cli][parse]") {
  TempDir dir;
  WriteFile(dir / "a.txt", "Contoso was bought by Northwind for $2 billion.");
  auto r = RunShell(Weft("extract --parser ud a.txt"), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"rule\":\"passive-agent\"") != std::string::npos);
  CHECK(r.out.find("\"subject\":\"Northwind\"") != std::string::npos);
  REQUIRE(RunShell(Weft("ingest -q --parser ud a.txt"), dir).exit_code == 0);
  auto q = RunShell(Weft("query 'Northwind -buy-> ?x'"), dir);
  CHECK(q.out.find("Contoso") != std::string::npos);
  CHECK(RunShell(Weft("extract --parser stanford a.txt"), dir).exit_code == 2);
}

TEST_CASE("weft ingest reads a page's article: headline and body, not its menus and footer",
          "[cli][reading]") {
  TempDir dir;
  WriteFile(dir / "page.html",
            "<html><head><meta property=\"og:title\" content=\"Northwind buys Contoso\">"
            "<meta property=\"article:published_time\" content=\"2026-11-03\"></head><body>"
            "<nav><a href=\"/\">Home</a> <a href=\"/m\">Markets</a></nav>"
            "<div class=\"share-tools\">Fabrikam sponsors this newsletter. Share it.</div>"
            "<article><h1>Northwind buys Contoso</h1><p>Northwind Systems bought Contoso on "
            "Tuesday for $2 billion, the companies said in a statement.</p><p>Contoso makes "
            "sensor chips in Eindhoven and employs about 400 people.</p></article>"
            "<footer><p>Litware Media owns this site. All rights reserved.</p></footer>"
            "</body></html>");
  auto read = RunShell(Weft("read -F jsonl page.html"), dir);
  REQUIRE(read.exit_code == 0);
  auto j = nlohmann::json::parse(read.out);
  CHECK(j["title"] == "Northwind buys Contoso");
  CHECK(j["date"] == "2026-11-03");
  CHECK(j["text"].get<std::string>().find("Fabrikam") == std::string::npos);
  CHECK(j["text"].get<std::string>().find("Litware") == std::string::npos);
  auto r = RunShell(Weft("extract page.html"), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Northwind") != std::string::npos);
  CHECK(r.out.find("Fabrikam") == std::string::npos);
  CHECK(r.out.find("Litware") == std::string::npos);
  CHECK(r.out.find("Home") == std::string::npos);
}

TEST_CASE("a page in Windows-1252 is decoded, declared or not, and its names read whole",
          "[cli][reading]") {
  TempDir dir;
  const std::string body =
      "<article><p>Soci\xE9t\xE9 G\xE9n\xE9rale bought a stake in Nestl\xE9 on Tuesday, "
      "the bank said.</p></article>";
  WriteFile(dir / "declared.html",
            "<html><head><meta charset=\"windows-1252\"></head><body>" + body + "</body></html>");
  WriteFile(dir / "undeclared.html", "<html><body>" + body + "</body></html>");
  for (const char* page : {"declared.html", "undeclared.html"}) {
    auto read = RunShell(Weft(std::string("read -F jsonl ") + page), dir);
    REQUIRE(read.exit_code == 0);
    const std::string text = nlohmann::json::parse(read.out)["text"];
    CHECK(text.find("Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale") != std::string::npos);
    CHECK(text.find("\xEF\xBF\xBD") == std::string::npos);  // nothing replaced
  }
  auto ingest = RunShell(Weft("ingest undeclared.html"), dir);
  INFO(ingest.err);
  REQUIRE(ingest.exit_code == 0);
  CHECK(ingest.err.find("read as windows-1252") != std::string::npos);
  CHECK(ingest.err.find("U+FFFD") == std::string::npos);
  auto nodes = RunShell(Weft("export -F json"), dir);
  CHECK(nodes.out.find("Nestl\xC3\xA9") != std::string::npos);
}

TEST_CASE("weft read prints the documents of a feed and of a text file as ingest reads them",
          "[cli][reading]") {
  TempDir dir;
  WriteFile(dir / "feed.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ledger</title>"
            "<item><title>Contoso hires</title><link>https://example.com/1</link>"
            "<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Contoso "
            "hired 40 engineers in Porto.&lt;/p&gt;</description></item>"
            "<item><title>Litware sells</title><link>https://example.com/2</link>"
            "<description>Litware sold its Lisbon office.</description></item>"
            "</channel></rss>");
  WriteFile(dir / "note.txt", "Fabrikam opened a lab.\n");
  auto r = RunShell(Weft("read -F jsonl feed.xml note.txt"), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> docs;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) docs.push_back(nlohmann::json::parse(line));
  REQUIRE(docs.size() == 3);
  CHECK(docs[0]["name"] == "https://example.com/1");
  CHECK(docs[0]["date"] == "2026-11-03");
  CHECK(docs[0]["text"].get<std::string>().find("Contoso hired 40 engineers in Porto.") !=
        std::string::npos);
  CHECK(docs[1]["name"] == "https://example.com/2");
  CHECK(docs[2]["name"] == "note.txt");
  CHECK(docs[2]["text"] == "Fabrikam opened a lab.\n");
  // A missing input is named and the exit code says so; the others are still read.
  auto missing = RunShell(Weft("read nowhere.xml note.txt"), dir);
  CHECK(missing.exit_code == 3);
  CHECK(missing.out.find("Fabrikam opened a lab.") != std::string::npos);
}
