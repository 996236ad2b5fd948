#include "graph/base/text.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace weft;

TEST_CASE("UTF-8 validation finds the first bad byte", "[graph][text]") {
  CHECK_FALSE(FindInvalidUtf8("plain ascii").has_value());
  CHECK_FALSE(FindInvalidUtf8("Kùzu 北京 😀").has_value());
  CHECK(FindInvalidUtf8("ab\xff") == 2u);
  CHECK(FindInvalidUtf8("\xc3") == 0u);              // truncated
  CHECK(FindInvalidUtf8("\xc0\xaf") == 0u);          // overlong
  CHECK(FindInvalidUtf8("x\xed\xa0\x80") == 1u);     // surrogate
  CHECK(FindInvalidUtf8("\xf4\x90\x80\x80") == 0u);  // past U+10FFFF
  CHECK(SanitiseUtf8("a\xffz") == "a\xEF\xBF\xBDz");
}

TEST_CASE("the line reader strips terminators and skips overlong lines", "[graph][text]") {
  std::istringstream in("one\r\ntwo\n" + std::string(100, 'x') + "\nthree");
  LineReader reader(in, 50);
  std::string line;
  REQUIRE(reader.Next(&line) == LineReader::Result::kLine);
  CHECK(line == "one");
  REQUIRE(reader.Next(&line) == LineReader::Result::kLine);
  CHECK(line == "two");
  REQUIRE(reader.Next(&line) == LineReader::Result::kTooLong);
  CHECK(reader.line_number() == 3);
  REQUIRE(reader.Next(&line) == LineReader::Result::kLine);
  CHECK(line == "three");
  CHECK(reader.line_number() == 4);
  CHECK(reader.Next(&line) == LineReader::Result::kEnd);
}
