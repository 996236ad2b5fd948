// Named-entity recognition over documents: tokens, two tagging passes, mentions with byte
// offsets, and the rule that a name written the same way has one type in a document.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/entities/document.h"
#include "graph/entities/model.h"
#include "graph/entities/tokenizer.h"

namespace weft::entities {

struct Mention {
  std::string text;  // the document's bytes from begin to end
  EntityClass type = EntityClass::kMisc;
  uint32_t sentence = 0;  // index of the sentence in the document
  uint32_t begin = 0;     // byte offsets into the document
  uint32_t end = 0;
};

// The entity model weft ships, loaded once per process. Looks at $WEFT_NER_MODEL alone when it
// is set; else beside the running binary (weft-ner.model, ../share/weft/weft-ner.model), then the
// source tree the binary was built from. Throws Error saying where it looked and how to build a
// model.
std::shared_ptr<const Model> SharedModel();
// Where SharedModel looks, in order.
std::vector<std::string> ModelSearchPath();

// Thread-safe: the model is immutable and each call keeps its own state.
class Recogniser {
 public:
  explicit Recogniser(std::shared_ptr<const Model> model) : model_(std::move(model)) {}

  // Tags one tokenised sentence on its own (the sentence pass only).
  std::vector<TokenSpan> TagSentence(const std::vector<std::string_view>& words) const;

  // Tags tokenised sentences in two passes: each on its own, then again with what the first
  // pass found in the sentences of its context range (contexts[i] for sentence i).
  std::vector<std::vector<TokenSpan>> TagDocument(
      const std::vector<std::vector<std::string_view>>& sentences,
      const std::vector<ContextRange>& contexts) const;

  // Mentions in `text`, whose sentences are the byte ranges in `sentences`, in document order.
  // The whole document is the context of each sentence; a name written the same way takes the
  // type most of its mentions have.
  std::vector<Mention> Recognise(std::string_view text,
                                 const std::vector<std::pair<size_t, size_t>>& sentences) const;

  const Model& model() const { return *model_; }

 private:
  std::shared_ptr<const Model> model_;
};

}  // namespace weft::entities
