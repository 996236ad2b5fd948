// Document-level evidence for the second tagging pass: what the first pass found elsewhere.
#pragma once

#include <memory>
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

// The same evidence for every sentence of a whole document in time linear in its length: totals
// counted once, each sentence's own share taken away. Keeps references to its arguments.
class DocumentCounts {
 public:
  DocumentCounts(const std::vector<std::vector<std::string_view>>& sentences,
                 const std::vector<std::vector<TokenSpan>>& first_pass);
  ~DocumentCounts();
  DocumentCounts(const DocumentCounts&) = delete;
  DocumentCounts& operator=(const DocumentCounts&) = delete;

  // Equal to DocumentHistory(sentences, first_pass, s, {0, sentences.size()}).
  History Evidence(size_t s) const;

 private:
  struct Totals;
  const std::vector<std::vector<std::string_view>>& sentences_;
  const std::vector<std::vector<TokenSpan>>& first_pass_;
  std::unique_ptr<Totals> totals_;
};

}  // namespace weft::entities
