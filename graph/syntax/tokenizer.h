// Splits a sentence into the words of Universal Dependencies' English treebanks: punctuation
// apart, clitics apart ("don't" -> "do" "n't", "Shell's" -> "Shell" "'s"), currency signs and
// percent signs apart from their numbers, abbreviations and initialisms whole.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weft::syntax {

struct Token {
  std::string text;
  uint32_t begin = 0;  // byte offsets into the text the sentence came from
  uint32_t end = 0;
};

// Words of `sentence`, whose first byte is at `offset` in its document.
std::vector<Token> TokenizeWords(std::string_view sentence, uint32_t offset = 0);

}  // namespace weft::syntax
