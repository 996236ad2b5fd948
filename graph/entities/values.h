// Values in text: money, percentages, dates and quantities, each with a normalised form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entities/tokenizer.h"

namespace weft::entities {

enum class ValueKind : uint8_t { kMoney, kPercent, kDate, kQuantity };
std::string_view ValueKindName(ValueKind kind);  // "money", "percent", "date", "quantity"

// A calendar date whose parts may be unknown (0).
struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
  bool operator==(const CalendarDate&) const = default;
};
// ISO 8601 or its partial forms: "1987-02-26", "2004-04", "1987", "--12-31" (no year).
std::string IsoDate(const CalendarDate& d);

// The month a word names (1-12), or 0: "March", "Mar.", "Sept."; a three-letter abbreviation
// only capitalised ("Mar", not "mar").
int MonthOf(std::string_view word);
// A document's date: "1987-02-26", "1987-02-26T15:01:01Z", "26-FEB-1987 15:01:01.79" (Reuters),
// "Feb 26, 1987". nullopt when it cannot be read.
std::optional<CalendarDate> ParseDocumentDate(std::string_view text);

// A word that only makes sense after a number: a scale ("mln", "billion"), a currency ("dlrs",
// "yen"), a percent sign's word ("pct") or a fraction of a currency ("cts"). Case-insensitive.
bool IsUnitWord(std::string_view word);

struct Value {
  ValueKind kind = ValueKind::kQuantity;
  size_t first_token = 0;  // tokens [first_token, end_token)
  size_t end_token = 0;
  uint32_t begin = 0;  // byte offsets, as the tokens'
  uint32_t end = 0;
  std::string text;        // as written
  double amount = 0;       // money, percent, quantity; the lower bound of a range
  double high = 0;         // the upper bound of a range ("20-25%"), else equal to amount
  std::string unit;        // ISO 4217 code for money ("USD"), the counted noun for quantities
  CalendarDate date;       // dates
  std::string normalised;  // "1040000000 USD", "20-25%", "1987-02-26", "155221 bags"
};

// The values among `tokens`, left to right, not overlapping. `text` is what the tokens' offsets
// index. Relative dates ("on Tuesday", "last year") are resolved against `document_date` when
// it is known and left out otherwise.
std::vector<Value> FindValues(const std::vector<Token>& tokens, std::string_view text,
                              std::optional<CalendarDate> document_date = std::nullopt);

}  // namespace weft::entities
