// Splits a sentence into the tokens the entity recogniser tags, as CoNLL-2003's Reuters text is
// tokenised: punctuation and possessives apart, initialisms and numbers whole.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weft::entities {

struct Token {
  std::string text;
  uint32_t begin = 0;  // byte offsets into the text the sentence came from
  uint32_t end = 0;
};

// Tokens of `sentence`, whose first byte is at `offset` in its document. Splits at white space;
// then leading quotes and brackets, trailing punctuation, currency signs before a digit ("$1.5bn"
// -> "$" "1.5bn"), a percent sign after a digit ("15%" -> "15" "%") and possessives ("Shell's" ->
// "Shell" "'s", "Jones'" -> "Jones" "'") come off. A final period stays on abbreviations and
// initialisms ("Inc.", "U.S."). Typographic quotes and apostrophes count as their ASCII forms.
std::vector<Token> Tokenize(std::string_view sentence, uint32_t offset = 0);

}  // namespace weft::entities
