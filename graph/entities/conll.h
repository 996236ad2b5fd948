// CoNLL-2003 style data: one token a line with its tag, a blank line between sentences.
#pragma once

#include <string>
#include <vector>

#include "graph/entities/model.h"

namespace weft::entities {

struct LabelledSentence {
  std::vector<std::string> words;
  std::vector<TokenSpan> spans;  // gold mentions
  uint32_t document = 0;         // counts -DOCSTART- lines; 0 when the file has none
  uint64_t line = 0;             // the file line of the first token
};

// Reads `path`. Columns are separated by spaces or tabs; the tag is the last column of a
// four-column line (token POS chunk NER, the shared task's own layout) and the second of a two-
// or three-column line (token NER [extra]). Tags are O, B-X or I-X with X in PER, ORG, LOC,
// MISC (IOB1 or IOB2). Throws InputError naming FILE:LINE for a line whose column count differs
// from the first line's or whose tag is unknown, and for a file with no tokens.
std::vector<LabelledSentence> ReadConll(const std::string& path);

}  // namespace weft::entities
