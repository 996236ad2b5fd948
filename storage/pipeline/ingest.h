// The ingest pipeline: documents in, statements extracted on worker threads, each document
// stored whole (or, unchanged, skipped). The binary's `weft ingest` and any embedding use it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "graph/extract/extractor.h"
#include "storage/pipeline/documents.h"
#include "storage/store.h"

namespace weft::pipeline {

struct IngestOptions {
  unsigned threads = 1;
  ReadOptions read;
  // After each document: bytes of input done (of TotalInputBytes) and statements stored so far.
  std::function<void(uint64_t bytes_done, uint64_t statements)> progress;
};

struct IngestTotals {
  uint64_t documents = 0;      // stored (new or replaced)
  uint64_t unchanged = 0;      // same name and content as stored: skipped
  uint64_t not_english = 0;    // plainly in another language: skipped
  uint64_t foreign_lines = 0;  // lines in another language inside English documents: not read
  uint64_t sentences = 0;
  uint64_t statements = 0;
  uint64_t partial = 0;     // parses with words left out
  uint64_t fallbacks = 0;   // sentences read without a parse
  uint64_t skipped = 0;     // sentences too long or not text
  uint64_t table_rows = 0;  // rows of tables of figures: not read
  uint64_t timed_out = 0;   // parses stopped by the time guard
  uint64_t problems = 0;    // inputs reported through options.read.report (or stderr)
};

// Extracts the documents `paths` name (files, directories, "-") and stores each in one
// transaction: a crash leaves the store as it was before that document. A document whose name
// and content the store already holds is skipped before extraction. Kinds are scoped to their
// document (extract::ScopeKinds). Over-long sentences are reported as problems with the
// document's line.
IngestTotals Ingest(storage::Store& store, const extract::Extractor& extractor,
                    const std::vector<std::string>& paths, const IngestOptions& options);

// One statement as the JSON Lines record `weft extract` writes and `weft import` reads: subject,
// predicate, object, qualifiers (a repeated role as an array), confidence and the source
// (document, sentence, byte offsets, the sentence's text).
std::string StatementJson(const extract::Extraction& x, const std::string& document,
                          std::string_view text);

// A document's extraction as the JSON Lines records `weft extract` writes: a header naming the
// document and its content hash, its statements (StatementJson), then its entities with their
// types and aliases. `weft import` stores them as ingest would have stored the document.
std::vector<std::string> ExtractionJson(const std::string& document, std::string_view text,
                                        const extract::DocumentExtraction& extraction);

// The same for documents already in memory (name and text; date optional).
IngestTotals IngestDocuments(storage::Store& store, const extract::Extractor& extractor,
                             std::vector<InputDocument> documents, const IngestOptions& options);

}  // namespace weft::pipeline
