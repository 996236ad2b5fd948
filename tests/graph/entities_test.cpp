// The entity recogniser: tokeniser, model file, training, scoring.
#include <catch2/catch.hpp>

#include "graph/entities/tokenizer.h"
#include "graph/entities/values.h"

using namespace weft;
using namespace weft::entities;

TEST_CASE("the tokeniser splits as CoNLL-2003's text is split", "[entities]") {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    for (const Token& t : Tokenize(s)) out.push_back(t.text);
    return out;
  };
  CHECK(words("Shell's profit rose 15% to $1.04bn.") ==
        std::vector<std::string>{"Shell", "'s", "profit", "rose", "15", "%", "to", "$", "1.04bn", "."});
  CHECK(words("\"The U.S.-based firm,\" he said (again).") ==
        std::vector<std::string>{"\"", "The", "U.S.-based", "firm", ",", "\"", "he", "said", "(", "again", ")", "."});
  CHECK(words("Mr. Smith joined Acme Inc. in the U.S.") ==
        std::vector<std::string>{"Mr.", "Smith", "joined", "Acme", "Inc.", "in", "the", "U.S."});
}

namespace {

// "normalised (kind)" of each value in `text`.
std::vector<std::string> ValuesOf(std::string_view text,
                                  std::optional<CalendarDate> date = std::nullopt) {
  std::vector<std::string> out;
  for (const Value& v : FindValues(Tokenize(text), text, date)) {
    out.push_back(v.normalised + " (" + std::string(ValueKindName(v.kind)) + ")");
  }
  return out;
}

}  // namespace

TEST_CASE("values: money, percentages, dates and quantities, normalised", "[entities][values]") {
  using V = std::vector<std::string>;
  CHECK(ValuesOf("It paid $1.04bn.") == V{"1040000000 USD (money)"});
  CHECK(ValuesOf("a loss of £546m") == V{"546000000 GBP (money)"});
  CHECK(ValuesOf("worth 253m euros") == V{"253000000 EUR (money)"});
  CHECK(ValuesOf("for 1.2 billion dollars") == V{"1200000000 USD (money)"});
  CHECK(ValuesOf("profit of 15 mln dlrs") == V{"15000000 USD (money)"});
  CHECK(ValuesOf("sold for 40 Swiss francs") == V{"40 CHF (money)"});
  CHECK(ValuesOf("up 15%") == V{"15% (percent)"});
  CHECK(ValuesOf("a 20-25% rise") == V{"20-25% (percent)"});
  CHECK(ValuesOf("fell 15 pct") == V{"15% (percent)"});
  CHECK(ValuesOf("rose 3.5 per cent") == V{"3.5% (percent)"});
  CHECK(ValuesOf("until 31 December") == V{"--12-31 (date)"});
  CHECK(ValuesOf("in April 2004") == V{"2004-04 (date)"});
  CHECK(ValuesOf("on Feb 26, 1987") == V{"1987-02-26 (date)"});
  CHECK(ValuesOf("delayed until 2027") == V{"2027 (date)"});
  CHECK(ValuesOf("sales in January") == V{"--01 (date)"});
  CHECK(ValuesOf("sales in January", CalendarDate{1987, 2, 26}) == V{"1987-01 (date)"});
  CHECK(ValuesOf("May rose").empty());
  // Relative dates need the document's date: 26 February 1987 was a Thursday.
  CalendarDate doc{1987, 2, 26};
  CHECK(ValuesOf("said on Tuesday", doc) == V{"1987-02-24 (date)"});
  CHECK(ValuesOf("said on Tuesday").empty());
  CHECK(ValuesOf("profit last year", doc) == V{"1986 (date)"});
  CHECK(ValuesOf("hired 200 engineers") == V{"200 engineers (quantity)"});
  CHECK(ValuesOf("12.4 million visitors") == V{"12400000 visitors (quantity)"});
  CHECK(ValuesOf("arrivals of 155,221 bags") == V{"155221 bags (quantity)"});
  CHECK(ValuesOf("a total of 5.93 mln against 5.81") ==
        V{"5930000 (quantity)", "5.81 (quantity)"});
  // Not values: a bare small number, a model name, "May" the name.
  CHECK(ValuesOf("the G7 met in May and chose 3").empty());
}

TEST_CASE("document dates in the forms news feeds use", "[entities][values]") {
  CHECK(ParseDocumentDate("26-FEB-1987 15:01:01.79") == CalendarDate{1987, 2, 26});
  CHECK(ParseDocumentDate("1987-02-26T15:01:01Z") == CalendarDate{1987, 2, 26});
  CHECK(ParseDocumentDate("Feb 26, 1987") == CalendarDate{1987, 2, 26});
  CHECK_FALSE(ParseDocumentDate("yesterday").has_value());
  CHECK_FALSE(ParseDocumentDate("1987-02-30").has_value());
}
