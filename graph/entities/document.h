// Document-level evidence for the second tagging pass: what the first pass found elsewhere.
#pragma once

#include <string_view>
#include <vector>

#include "graph/entities/features.h"
#include "graph/entities/model.h"

namespace weft::entities {

// Sentences around one (either side) that count as its document when a text has no document
// boundaries (CoNLL-2003 as distributed here: consecutive sentences come from one article).
constexpr size_t kContextSentences = 10;

// The range [begin, end) of sentences whose first-pass mentions inform sentence `s`.
struct ContextRange {
  size_t begin = 0;
  size_t end = 0;
};

// Evidence for each token of sentence `s` from the first-pass spans of the other sentences in
// `context`: the class its capitalised occurrences were mostly tagged with, the class of a
// longer mention it is part of, and whether it appears capitalised but untagged.
History DocumentHistory(const std::vector<std::vector<std::string_view>>& sentences,
                        const std::vector<std::vector<TokenSpan>>& first_pass, size_t s,
                        ContextRange context);

}  // namespace weft::entities
