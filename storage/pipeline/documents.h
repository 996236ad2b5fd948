// Documents from paths: files, directories, standard input and JSON Lines records, as text.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "graph/base/error.h"
#include "storage/store.h"

namespace weft::pipeline {

// One document to extract from: a file, standard input, or a JSON Lines record.
struct InputDocument {
  std::string name;
  std::string text;
  std::string hash;  // ContentHash(text), filled in by ingest
  std::string date;  // the record's "date" field (JSON Lines), for relative dates in the text
  uint64_t input_bytes = 0;  // bytes of input it was read from (a file, a JSON Lines line)
  // The length of the headline that opens `text` (a JSON Lines record's "title"), 0 for none.
  size_t headline_bytes = 0;
};

struct ReadOptions {
  bool quiet = false;
  // Where problems go (a missing file, binary data, a bad record, repaired UTF-8); they are
  // also counted. Unset: printed on standard error.
  std::function<void(const InputError&)> report;
  // Standard input ("-"): the document's name (--name; default "stdin:" and its content hash)
  // and its format: text, md, html or jsonl (records named NAME#id, default stdin#id).
  std::string stdin_name;
  std::string stdin_format = "text";
};

// Expands paths (files, directories recursively, "-") into documents, calling fn for each.
// Problems (missing files, binary data, bad records) are reported on stderr and counted in
// *problems; invalid UTF-8 is replaced and reported unless options.quiet.
void ForEachDocument(const std::vector<std::string>& paths, const ReadOptions& options,
                     uint64_t* problems, const std::function<void(InputDocument)>& fn);

// The bytes ForEachDocument will read from `paths` (files, directories expanded alike), for a
// progress line; 0 when standard input is among them (its size is not known ahead).
uint64_t TotalInputBytes(const std::vector<std::string>& paths);

// Standard input copied to a temporary file while its content hash is computed, so that it can
// be named and compared by content before it is read again. The file is removed on destruction.
class SpooledInput {
 public:
  // Throws InputError when the temporary file cannot be written (the reason from the OS).
  static std::unique_ptr<SpooledInput> FromStdin();
  ~SpooledInput();
  SpooledInput(const SpooledInput&) = delete;
  SpooledInput& operator=(const SpooledInput&) = delete;

  const std::string& path() const { return path_; }
  const std::string& hash() const { return hash_; }
  uint64_t size() const { return size_; }

 private:
  SpooledInput() = default;
  std::string path_;
  std::string hash_;
  uint64_t size_ = 0;
};

// The document a read of standard input becomes: `name` when given (--name), else
// "stdin:" and the first 16 hex digits of the content hash, so that different content is a new
// document and the same content again is the same document.
std::string StdinDocumentName(const std::string& name, const std::string& hash);

// The name a file's document is stored under: the path as given, normalised ("./a//b.txt" is
// "a/b.txt"); a relative path stays relative, so a store moves with the files it was built from.
std::string DocumentNameOf(const std::string& path);

// The name to write a document under in `store`: `name`, unless the store was built when
// documents were named by absolute path and holds this one under that name (then that name, so
// re-reading an unchanged file stays a no-op and a changed one replaces its old contribution).
std::string StoredDocumentName(const storage::Store& store, const std::string& name);

// The store's documents that are complete (not half-written, not being replaced or removed),
// by name.
std::vector<storage::DocumentInfo> StoredDocuments(const storage::Store& store);

// Removes documents, each named as stored or by the path it was read from (normalised as
// StoredDocumentName does), with every statement only it supported. Every name is resolved
// before anything is removed: an unknown one throws InputError (with the nearest names) and
// removes nothing. Returns the documents removed, each once, as they were.
std::vector<storage::DocumentInfo> RemoveDocuments(storage::Store& store,
                                                   const std::vector<std::string>& names);

// Throws InputError when `name`, given with --name for standard input, is the path of a file
// that exists: a document of that name is (or would be) that file's, and standard input must
// not replace it.
void CheckStdinName(const std::string& name);

}  // namespace weft::pipeline
