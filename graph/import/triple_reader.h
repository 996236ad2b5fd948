// Readers for pre-extracted statements: TSV, JSON Lines and N-Triples, streamed record by record.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/base/statement.h"
#include "graph/base/text.h"

namespace weft::import {

enum class Format { kTsv, kJsonl, kNTriples };

// "tsv", "jsonl" (or "json"), "nt" (or "ntriples"); nullopt for anything else.
std::optional<Format> ParseFormatName(std::string_view name);
// Guesses the format from a file name's extension; nullopt when it cannot tell.
std::optional<Format> FormatFromPath(std::string_view path);

// Extraction records (what `weft extract` writes, JSON Lines): a document header, then the
// document's statements, each with "source": {"document", "sentence", "begin", "end", "text"},
// then its entities.
//   {"document": NAME, "hash": CONTENT_HASH, "sentences": N}
//   {"entity": NAME, "type": "person", "aliases": [...], "document": NAME}
struct DocumentHeader {
  std::string name;
  std::string hash;
  uint64_t line = 0;
};

struct EntityRecord {
  std::string name;
  EntityType type = EntityType::kOther;
  std::vector<std::string> aliases;
  std::string document;
};

// Receives what a reader finds. Good records and bad lines interleave in file order.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // A good statement; `sentence_text` is the source text the record carried, if any.
  // After a document header, a record's evidence.sentence is its source's sentence index (a
  // record whose source names another document, or no sentence, is a bad line); before any
  // header, the line number.
  virtual void OnRecord(const StatementRecord& record, std::string_view sentence_text) = 0;
  // Extraction records (JSON Lines only).
  virtual void OnDocument(const DocumentHeader& /*header*/) {}
  virtual void OnEntity(const EntityRecord& /*entity*/) {}
  // A line that could not be read; reading goes on with the next line.
  virtual void OnBadLine(uint64_t line, const std::string& reason) = 0;
  // Returns true to stop reading early (e.g. --strict after the first bad line).
  virtual bool ShouldStop() const { return false; }
  // Called every few thousand lines with the bytes consumed so far, for progress display.
  virtual void OnProgress(uint64_t /*bytes*/) {}
};

// Reads `in` to its end in the given format with bounded memory. Evidence.sentence of each
// record is its line number. Throws InputError only when the stream itself cannot be read.
void ReadRecords(std::istream& in, Format format, RecordSink& sink);

}  // namespace weft::import
