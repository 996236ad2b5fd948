// The extractor's shared state, for the files that implement Extractor's methods.
#pragma once

#include <link-grammar/link-includes.h>

#include <memory>

#include "graph/entities/recogniser.h"
#include "graph/extract/extractor.h"

namespace weft::extract {

struct Extractor::Impl {
  Dictionary dict = nullptr;
  std::unique_ptr<entities::Recogniser> recogniser;
  ExtractorOptions options;
  ~Impl() {
    if (dict) dictionary_delete(dict);
  }
};

}  // namespace weft::extract
