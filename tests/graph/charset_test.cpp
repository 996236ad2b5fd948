// A page's encoding: what it declares, and decoding the single-byte Western encodings.
#include "graph/reading/charset.h"

#include <catch2/catch.hpp>
#include <string>

using weft::reading::DeclaredCharset;
using weft::reading::DecodePage;
using weft::reading::DecodeToUtf8;

TEST_CASE("a page's declared encoding: byte order mark, HTTP header, then meta", "[reading]") {
  CHECK(DeclaredCharset("<html><head><meta charset=\"ISO-8859-1\"></head>") == "windows-1252");
  CHECK(DeclaredCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                        "charset=windows-1252\">") == "windows-1252");
  CHECK(DeclaredCharset("<meta charset='utf8'>") == "utf-8");
  CHECK(DeclaredCharset("<meta charset=latin9>") == "iso-8859-15");
  // The HTTP header outranks the page; a byte order mark outranks both.
  CHECK(DeclaredCharset("<meta charset=\"utf-8\">", "text/html; charset=ISO-8859-1") ==
        "windows-1252");
  CHECK(DeclaredCharset("\xEF\xBB\xBF<meta charset=\"latin1\">", "text/html; charset=latin1") ==
        "utf-8");
  CHECK(DeclaredCharset("<p>no declaration</p>").empty());
  CHECK(DeclaredCharset("<meta name=\"description\" content=\"charset\">").empty());
  CHECK(DeclaredCharset("<meta charset=\"koi8-r\">") == "koi8-r");
}

TEST_CASE("Windows-1252 and ISO-8859-15 bytes become their characters", "[reading]") {
  // é, typographic quotes, the euro sign and a dash.
  CHECK(*DecodeToUtf8("caf\xE9 \x93quoted\x94 \x80 5\x96 6", "windows-1252") ==
        "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC 5\xE2\x80\x93 6");
  CHECK(*DecodeToUtf8("\xA4 \xBD", "iso-8859-15") == "\xE2\x82\xAC \xC5\x93");
  // Bytes Windows-1252 leaves undefined map to the C1 control of the same value.
  CHECK(*DecodeToUtf8("\x81", "windows-1252") == "\xC2\x81");
  CHECK(*DecodeToUtf8("\xEF\xBB\xBFok", "utf-8") == "ok");
  CHECK_FALSE(DecodeToUtf8("x", "koi8-r").has_value());
}

TEST_CASE("pages are read as what their bytes are, never failing", "[reading]") {
  // Declared and not UTF-8: decoded.
  auto declared = DecodePage("<meta charset=\"iso-8859-1\"><p>Soci\xE9t\xE9 G\xE9n\xE9rale</p>");
  CHECK(declared.read_as == "windows-1252");
  CHECK(declared.text.find("Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale") != std::string::npos);
  // Undeclared and not UTF-8: Windows-1252, the HTML standard's default.
  auto undeclared = DecodePage("<p>Nestl\xE9 said \x93no\x94.</p>");
  CHECK(undeclared.read_as == "windows-1252");
  CHECK(undeclared.declared.empty());
  CHECK(undeclared.text == "<p>Nestl\xC3\xA9 said \xE2\x80\x9Cno\xE2\x80\x9D.</p>");
  // Labelled Latin-1 but valid UTF-8: read as UTF-8.
  auto mislabelled = DecodePage("<meta charset=\"iso-8859-1\"><p>Nestl\xC3\xA9</p>");
  CHECK(mislabelled.read_as == "utf-8");
  CHECK(mislabelled.text.find("Nestl\xC3\xA9") != std::string::npos);
  // Undeclared UTF-8 with one damaged byte: repaired, not re-read as Windows-1252.
  auto damaged = DecodePage("<p>Nestl\xC3\xA9 and Citro\xC3\xABn \xFF</p>");
  CHECK(damaged.read_as == "utf-8");
  CHECK(damaged.repaired);
  CHECK(damaged.text == "<p>Nestl\xC3\xA9 and Citro\xC3\xABn \xEF\xBF\xBD</p>");
}
