#include "graph/import/triple_reader.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace weft;
using namespace weft::import;

namespace {

struct Collect : RecordSink {
  std::vector<StatementRecord> records;
  std::vector<std::string> texts;
  std::vector<std::pair<uint64_t, std::string>> bad;
  void OnRecord(const StatementRecord& r, std::string_view text) override {
    records.push_back(r);
    texts.emplace_back(text);
  }
  void OnBadLine(uint64_t line, const std::string& reason) override {
    bad.emplace_back(line, reason);
  }
};

Collect Read(const std::string& text, Format format) {
  std::istringstream in(text);
  Collect c;
  ReadRecords(in, format, c);
  return c;
}

}  // namespace

TEST_CASE("TSV: triples, qualifiers, confidence, escapes, comments and a header",
          "[graph][import]") {
  Collect c = Read(
      "subject\tpredicate\tobject\n"
      "# a comment\n"
      "Microsoft\trelocate\tstaff\tto=Ireland\tconfidence=0.8\n"
      "\n"
      "A\\tB\tp\tline\\nbreak\r\n",
      Format::kTsv);
  REQUIRE(c.bad.empty());
  REQUIRE(c.records.size() == 2);
  CHECK(c.records[0].subject == "Microsoft");
  REQUIRE(c.records[0].qualifiers.size() == 1);
  CHECK(c.records[0].qualifiers[0].role == "to");
  CHECK(c.records[0].qualifiers[0].value == "Ireland");
  CHECK(c.records[0].evidence.confidence == Approx(0.8));
  CHECK(c.records[0].evidence.sentence == 3);
  CHECK(c.records[1].subject == "A\tB");
  CHECK(c.records[1].object == "line\nbreak");
}

TEST_CASE("TSV: bad lines are reported by line number and reading goes on", "[graph][import]") {
  Collect c = Read(
      "A\tp\n"
      "A\t\tB\n"
      "A\tp\tB\tnoequals\n"
      "A\tp\tB\tconfidence=2\n"
      "A\tp\t\xff\n"
      "ok\tp\tfine\n",
      Format::kTsv);
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].subject == "ok");
  REQUIRE(c.bad.size() == 5);
  CHECK(c.bad[0].first == 1);
  CHECK(c.bad[0].second.find("3 tab-separated columns") != std::string::npos);
  CHECK(c.bad[1] == std::pair<uint64_t, std::string>{2, "predicate is empty"});
  CHECK(c.bad[2].second.find("role=value") != std::string::npos);
  CHECK(c.bad[3].second.find("confidence") != std::string::npos);
  CHECK(c.bad[4].second.find("invalid UTF-8") != std::string::npos);
}

TEST_CASE("TSV: invalid UTF-8 is named by field and byte wherever it is", "[graph][import]") {
  Collect c = Read(
      "Kùzu and friends\tpr\\edicate\tobject\tin=Zürich\\t2024\n"
      "A long subject of ASCII\tp\tan object with \xc3\xa9 and then \xc3(\n"
      "A\tp\tB\tin=value\xe2\x82\n"
      "\xff\tp\tB\n",
      Format::kTsv);
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].subject == "Kùzu and friends");
  CHECK(c.records[0].predicate == "pr\\edicate");
  CHECK(c.records[0].qualifiers[0].value == "Zürich\t2024");
  REQUIRE(c.bad.size() == 3);
  CHECK(c.bad[0] == std::pair<uint64_t, std::string>{2, "object has invalid UTF-8 at byte 27"});
  CHECK(c.bad[1] ==
        std::pair<uint64_t, std::string>{3, "qualifier value has invalid UTF-8 at byte 5"});
  CHECK(c.bad[2] == std::pair<uint64_t, std::string>{4, "subject has invalid UTF-8 at byte 0"});
}

TEST_CASE("JSON Lines: fields, qualifier lists and sources", "[graph][import]") {
  Collect c = Read(
      R"({"subject":"Microsoft","predicate":"offer","object":"transfer","qualifiers":{"to":["Ireland","Australia"]},"source":"Microsoft offered transfers.","confidence":0.9})"
      "\n"
      R"({"subject":"A","predicate":"p","object":"B","source":{"text":"A p B","begin":3,"end":8}})"
      "\n"
      "[1,2]\n"
      "{\"subject\":\"A\"}\n"
      "{\"subject\":\"A\",\"predicate\":\"p\",\"object\":\"B\",\"confidence\":\"high\"}\n"
      "{nope\n",
      Format::kJsonl);
  REQUIRE(c.records.size() == 2);
  CHECK(c.records[0].qualifiers.size() == 2);
  CHECK(c.records[0].qualifiers[0].value == "Australia");  // sorted
  CHECK(c.texts[0] == "Microsoft offered transfers.");
  CHECK(c.records[1].evidence.begin == 3);
  CHECK(c.records[1].evidence.end == 8);
  REQUIRE(c.bad.size() == 4);
  CHECK(c.bad[0] == std::pair<uint64_t, std::string>{3, "expected a JSON object"});
  CHECK(c.bad[1] == std::pair<uint64_t, std::string>{4, "missing \"predicate\""});
  CHECK(c.bad[2].second == "\"confidence\" must be a number");
  CHECK(c.bad[3] == std::pair<uint64_t, std::string>{6, "not valid JSON"});
}

TEST_CASE("N-Triples through raptor: IRIs, literals with language, errors with lines",
          "[graph][import]") {
  Collect c = Read(
      "<http://ex.org/Tencent> <http://ex.org/recruit> <http://ex.org/researcher> .\n"
      "<http://ex.org/Tencent> <http://ex.org/name> \"Tencent \\\"Holdings\\\"\"@en .\n"
      "this is not a triple\n"
      "_:b1 <http://ex.org/p> \"x\" .\n",
      Format::kNTriples);
  REQUIRE(c.records.size() == 3);
  CHECK(c.records[0].subject == "http://ex.org/Tencent");
  CHECK(c.records[1].object == "Tencent \"Holdings\"");
  REQUIRE(c.records[1].qualifiers.size() == 1);
  CHECK(c.records[1].qualifiers[0].value == "en");
  CHECK(c.records[2].subject.starts_with("_:"));
  REQUIRE(c.bad.size() == 1);
  CHECK(c.bad[0].first == 3);
}

TEST_CASE("format names and extensions", "[graph][import]") {
  CHECK(FormatFromPath("x/y.tsv") == Format::kTsv);
  CHECK(FormatFromPath("y.JSONL") == Format::kJsonl);
  CHECK(FormatFromPath("y.nt") == Format::kNTriples);
  CHECK_FALSE(FormatFromPath("y.csv").has_value());
  CHECK_FALSE(FormatFromPath("noext").has_value());
}

TEST_CASE("an unterminated N-Triples literal is a bad line (fuzzer regression)",
          "[graph][import]") {
  Collect c = Read(
      "<http://a> <http://p> \"ttp://a> <http://p> \"lit\n<http://a> <http://p> <http://b> .\n",
      Format::kNTriples);
  CHECK(c.records.size() == 1);
  CHECK(c.bad.size() >= 1);
}
