// The import pipeline: one file of pre-extracted statements (TSV, JSON Lines, N-Triples) or
// standard input into the store as one document, read on a thread of its own while the last
// records are stored. The binary's `weft import` and the Python module use it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "graph/base/error.h"
#include "storage/store.h"

namespace weft::pipeline {

struct ImportOptions {
  std::string format;   // "tsv", "jsonl", "nt"; empty: from the file's extension
  std::string name;     // the document's name; empty: the file's absolute path (stdin: its hash)
  bool strict = false;  // a bad line rejects the whole file
  // Each bad line (unless strict, where the first one is thrown as InputError).
  std::function<void(const InputError&)> bad_line;
  // Bytes of the file read and records stored so far.
  std::function<void(uint64_t bytes, uint64_t records)> progress;
};

struct ImportResult {
  std::string document;  // the name it is stored under (extraction records: "")
  enum class Status { kImported, kReplaced, kUnchanged } status = Status::kImported;
  uint64_t records = 0;
  uint64_t bad_lines = 0;
  uint64_t bytes = 0;  // the input's size
  // Extraction records (what `weft extract` writes): each document its records name is stored
  // as its own document. Documents stored, and those skipped as unchanged.
  bool extraction = false;
  uint64_t documents = 0;
  uint64_t unchanged_documents = 0;
};

// Imports `file` ("-": standard input, spooled to a temporary file first so that its name and
// "unchanged" follow its content). Into an empty store the file is loaded in one step (sorted
// table files added atomically). Throws UsageError for an unknown format, InputError for an
// unreadable file, a directory, or (strict) a bad line; a store failure is StorageError. A
// failure leaves the store as it was before the file.
//
// A JSON Lines file of extraction records (it opens with a document header; see
// import/triple_reader.h) is stored document by document instead, each under the name and
// content hash its header gives, with its sentence indices, sentence texts and entities, as
// `weft ingest` of the same documents stores them: importing it again, or ingesting the same
// text, leaves a document unchanged. Each document is atomic; --strict reads the whole file
// before storing any of it.
ImportResult ImportFile(storage::Store& store, const std::string& file,
                        const ImportOptions& options);

}  // namespace weft::pipeline
