// Splits English text into sentences, surviving abbreviations, initials, decimals and quotes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace weft::extract {

struct SentenceSpan {
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
};

// Sentences of `text` in order, with surrounding white space trimmed. A sentence ends at '.',
// '!' or '?' (and any closing quotes or brackets) followed by white space and a capital, digit
// or quote, unless the word before the period is a known abbreviation ("Dr.", "Inc.", "U.S."
// before a lower-case word), an initial, or the period sits inside a number. Blank lines also
// end sentences (headlines, paragraphs).
std::vector<SentenceSpan> SplitSentences(std::string_view text);

}  // namespace weft::extract
