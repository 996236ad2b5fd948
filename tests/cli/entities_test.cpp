// weft entities, weft train ner and weft eval conll through the binary.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

using namespace weft::testing;  // NOLINT(google-build-using-namespace)

namespace {

const std::string kFixtures = std::string(WEFT_TEST_DATA) + "/graph/fixtures";

// weft without a store: entities and eval read files.
std::string Plain(const std::string& args) { return "'" + kWeft + "' " + args; }

}  // namespace

TEST_CASE("weft entities lists typed mentions and normalised values", "[cli][entities]") {
  TempDir dir;
  std::ofstream(dir.path() / "in.jsonl")
      << R"({"id": "a1", "date": "26-FEB-1987 15:01:01.79", "text": )"
      << R"("Shell's chief Judy Boynton said Shell paid $1.04bn for Globex on Tuesday."})";
  auto r = RunShell(Plain("entities --output jsonl --format jsonl - < in.jsonl"), dir);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> rows;
  size_t b = 0;
  while (b < r.out.size()) {
    size_t e = r.out.find('\n', b);
    rows.push_back(nlohmann::json::parse(r.out.substr(b, e - b)));
    b = e + 1;
  }
  auto find = [&](const std::string& text) {
    for (const auto& j : rows) {
      if (j["text"] == text) return j;
    }
    return nlohmann::json();
  };
  CHECK(find("Shell")["type"] == "ORG");
  CHECK(find("Judy Boynton")["type"] == "PER");
  CHECK(find("$1.04bn")["value"] == "1040000000 USD");
  CHECK(find("Tuesday")["value"] == "1987-02-24");  // the Tuesday before the article's date
  CHECK(find("Shell")["document"] == "stdin#a1");
  CHECK(find("Shell")["begin"] == 0);
  CHECK(find("Shell")["end"] == 5);
}

TEST_CASE("weft eval conll and train ner name bad data by file and line", "[cli][entities]") {
  TempDir dir;
  auto r = RunShell(Plain("eval conll --data '" + kFixtures + "/ner-bad-tag.conll'"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("ner-bad-tag.conll:2: unknown tag") != std::string::npos);
  r = RunShell(Plain("train ner --data '" + kFixtures + "/ner-bad-columns.conll' --out m.model"),
               dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("ner-bad-columns.conll:2: expected 3 columns") != std::string::npos);
  r = RunShell(Plain("eval conll --data '" + kFixtures + "/ner-empty.conll'"), dir);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("no tokens") != std::string::npos);
  // A missing model says where it looked and how to build one.
  r = RunShell("WEFT_NER_MODEL=/nonexistent/weft-ner.model " +
                   Plain("eval conll --data '" + kFixtures + "/ner-small.conll'"),
               dir);
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("/nonexistent/weft-ner.model") != std::string::npos);
  CHECK(r.err.find("weft train ner") != std::string::npos);
}

TEST_CASE("a model trained by weft train ner is scored by weft eval conll", "[cli][entities]") {
  TempDir dir;
  const std::string data = "'" + kFixtures + "/ner-small.conll'";
  REQUIRE(
      RunShell(Plain("-q train ner --epochs 8 --gazetteers none --data " + data + " --out a.model"),
               dir)
          .exit_code == 0);
  REQUIRE(
      RunShell(Plain("-q train ner --epochs 8 --gazetteers none --data " + data + " --out b.model"),
               dir)
          .exit_code == 0);
  CHECK(RunShell("cmp a.model b.model", dir).exit_code == 0);
  auto r = RunShell(Plain("eval conll --format json --model a.model --out pred.txt --data " + data),
                    dir);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["overall"]["gold"] == 13);
  CHECK(j["sentences"] == 6);
  // Its own training data: the tagger has learnt it.
  CHECK(j["overall"]["f1"].get<double>() > 0.9);
  // conlleval's input: token gold predicted, a blank line between sentences.
  auto lines = RunShell("head -3 pred.txt", dir);
  CHECK(lines.out.starts_with("Northwind B-ORG "));
  CHECK(RunShell("grep -c '^$' pred.txt", dir).out == "6\n");
}

TEST_CASE("the same documents give the same store while other processes load the cores",
          "[cli][entities][slow]") {
  TempDir dir;
  const std::string news = "'" + std::string(WEFT_TEST_DATA) + "/../examples/news'";
  // Two busy loops, one per core, for the length of both ingests.
  const std::string load =
      "(timeout 300 sh -c 'while :; do :; done' & timeout 300 sh -c 'while :; do :; done' & "
      "echo $! > load.pid)";
  REQUIRE(RunShell(load, dir).exit_code == 0);
  auto a = RunShell(Plain("--db a.db -q ingest " + news), dir);
  auto b = RunShell(Plain("--db b.db -q ingest " + news), dir);
  RunShell("pkill -f 'while :; do :; done' || true", dir);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  const std::string dump =
      " query --format tsv '?a -?p-> ?b return ?a, type(?a), ?p, ?b, type(?b)'";
  auto da = RunShell(Plain("--db a.db" + dump) + " | sort", dir);
  auto db = RunShell(Plain("--db b.db" + dump) + " | sort", dir);
  REQUIRE(da.exit_code == 0);
  CHECK(da.out.size() > 200);
  CHECK(da.out == db.out);
}

TEST_CASE("weft eval gap writes the file GAP's scorer reads", "[cli][entities]") {
  TempDir dir;
  auto r = RunShell(
      Plain("eval gap --format json --out out.tsv --data '" + kFixtures + "/gap-small.tsv'"), dir);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["examples"] == 3);
  // She is Judy (the subject before her), he is Carlos (gender), and Paul is neither A nor B:
  // titles make both women.
  CHECK(RunShell("cat out.tsv", dir).out ==
        "t-1\tTRUE\tFALSE\nt-2\tFALSE\tTRUE\nt-3\tFALSE\tFALSE\n");
  r = RunShell(Plain("eval gap --data '" + kFixtures + "/gap-bad.tsv'"), dir);
  CHECK(r.exit_code == 3);
}
