#include "graph/base/text.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "graph/base/hash.h"
#include "graph/base/statement.h"

using namespace weft;

TEST_CASE("UTF-8 validation finds the first bad byte", "[graph][text]") {
  CHECK_FALSE(FindInvalidUtf8("plain ascii").has_value());
  CHECK_FALSE(FindInvalidUtf8("Kùzu 北京 😀").has_value());
  CHECK(FindInvalidUtf8("ab\xff") == 2u);
  CHECK(FindInvalidUtf8("\xc3") == 0u);              // truncated
  CHECK(FindInvalidUtf8("\xc0\xaf") == 0u);          // overlong
  CHECK(FindInvalidUtf8("x\xed\xa0\x80") == 1u);     // surrogate
  CHECK(FindInvalidUtf8("\xf4\x90\x80\x80") == 0u);  // past U+10FFFF
  // Past runs of ASCII, which are checked eight bytes at a time.
  CHECK(FindInvalidUtf8("abcdefgh\xff") == 8u);
  CHECK(FindInvalidUtf8("abcdefghijklmnop\xc3") == 16u);
  CHECK(FindInvalidUtf8("abcdefg\xc3\xa9hijklmno\xc3(") == 17u);
  CHECK_FALSE(FindInvalidUtf8("abcdefg\xc3\xa9hijklmnopqrstu").has_value());
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

TEST_CASE("the line reader returns lines across its read chunks whole", "[graph][text]") {
  // Lines of every length around the reader's 64 KiB chunk, so that terminators fall on and
  // beside chunk boundaries, and a CRLF split across two chunks.
  std::string text;
  std::vector<std::string> lines;
  for (size_t size : {65535, 0, 1, 65534, 70000, 3, 131071, 2, 65536}) {
    lines.push_back(std::string(size, static_cast<char>('a' + lines.size())));
    text += lines.back() + (lines.size() % 2 == 0 ? "\r\n" : "\n");
  }
  text += "last, with no terminator";
  lines.emplace_back("last, with no terminator");
  std::istringstream in(text);
  LineReader reader(in, 100000);
  std::string line;
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineReader::Result result = reader.Next(&line);
    if (lines[i].size() > 100000) {
      CHECK(result == LineReader::Result::kTooLong);
    } else {
      REQUIRE(result == LineReader::Result::kLine);
      CHECK(line == lines[i]);
    }
    CHECK(reader.line_number() == i + 1);
  }
  CHECK(reader.Next(&line) == LineReader::Result::kEnd);
  CHECK(reader.bytes_read() == text.size());
}

TEST_CASE("stable hashes: pieces hash as their whole, and the values are XXH3's", "[graph][hash]") {
  const std::string text = "Contoso acquired Fabrikam in 2021, for $1.2 billion.";
  for (size_t cut = 0; cut <= text.size(); cut += 7) {
    StreamHash64 h64;
    StreamHash128 h128;
    h64.Update(std::string_view(text).substr(0, cut));
    h64.Update(std::string_view(text).substr(cut));
    h128.Update(std::string_view(text).substr(0, cut));
    h128.Update(std::string_view(text).substr(cut));
    CHECK(h64.Digest() == Hash64(text));
    StreamHash128 whole;
    whole.Update(text);
    CHECK(h128.Digest().high == whole.Digest().high);
    CHECK(h128.Digest().low == whole.Digest().low);
  }
  // XXH3-64 of the empty input with seed 0, as xxHash documents it: stored hashes depend on it.
  CHECK(Hash64("") == 0x2D06800538D394C2ULL);
  CHECK(Hash64("a") != Hash64("a", 1));
  CHECK(DocumentScope("a").size() == 16);
}
