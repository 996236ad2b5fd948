// The store's records: its column families and the byte layout of every key and value in them.
// Shared by the store and the bulk loader, which writes the same records as table files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/base/ids.h"
#include "graph/base/statement.h"
#include "storage/store.h"

namespace weft::storage::records {

// Column families, in the order of their handles.
enum Cf : size_t {
  kMeta = 0,         // "default": format version and id counters
  kTermsByName,      // name -> be64 id
  kTermsById,        // be64 id -> name
  kStatements,       // be64 id -> encoded statement
  kStatementKeys,    // be64 s p o (role value)* -> be64 statement id
  kSpo,              // retired (format 1's covering indexes), kept empty so that stores open
  kPos,              // retired
  kOsp,              // retired
  kDocuments,        // be64 id -> encoded DocumentInfo
  kDocumentsByName,  // name -> be64 id
  kDocStatements,    // be64 doc first -> "" (one statement) or be64 last (first..last)
  kSentences,        // be64 doc be32 index -> text
  kUsage,            // counters, merged: "c<name>", "e"+be64 term, "p"+be64 term -> int64
  kEntities,         // be64 term -> type byte, aliases
  kNumCfs
};

inline constexpr const char* kCfNames[kNumCfs] = {
    "default", "terms_by_name", "terms_by_id", "statements",        "statement_keys", "spo",
    "pos",     "osp",           "documents",   "documents_by_name", "doc_statements", "sentences",
    "usage",   "entities",
};

// Usage counters: signed 64-bit little-endian, added by the store's merge operator.
int64_t DecodeCounter(std::string_view s);
std::string EncodeCounter(int64_t value);

std::string Be64(uint64_t v);
// "e" or "p" followed by the term id: how many statements use the term as entity or predicate.
std::string UsageKey(char role, TermId term);

std::string EncodeStatement(const StoredStatement& st);
// Appends the encoding to *out, for writers that reuse one buffer.
void AppendStatement(std::string* out, const StoredStatement& st);
// Throws StorageError when the record is damaged.
StoredStatement DecodeStatement(StatementId id, std::string_view data);
// The key of statement_keys: s p o (role value)* as big-endian ids.
std::string StatementContentKey(TermId s, TermId p, TermId o,
                                const std::vector<StoredQualifier>& qualifiers);
void AppendStatementContentKey(std::string* out, TermId s, TermId p, TermId o,
                               const std::vector<StoredQualifier>& qualifiers);

std::string EncodeDocument(const DocumentInfo& doc);
DocumentInfo DecodeDocument(DocumentId id, std::string_view data);

// An entity record: its type, the aliases documents gave it, and how many documents wrote the
// name (a record written before the count was kept reads as one document).
std::string EncodeEntity(EntityType type, const std::vector<std::string>& aliases,
                         uint64_t documents);
void DecodeEntity(std::string_view data, EntityType* type, std::vector<std::string>* aliases,
                  uint64_t* documents = nullptr);

std::string SentenceKey(DocumentId doc, uint32_t index);

// A document's membership record: the statements first..last (inclusive) cite it. The
// incremental writer records one statement a key, with an empty value; a bulk load records its
// new statements, whose ids are consecutive, as one range whose value is the last id. Ranges of
// one document never overlap.
std::string MembershipKey(DocumentId doc, uint64_t first);
std::string MembershipValue(uint64_t first, uint64_t last);
// False for a damaged record.
bool DecodeMembership(std::string_view key, std::string_view value, uint64_t* doc, uint64_t* first,
                      uint64_t* last);

// The change log, in the default family: "change/" be64 number -> a record of what one write
// changed. Numbers count up from 1 without gaps ("next_change" holds the next).
inline constexpr std::string_view kChangePrefix = "change/";
std::string ChangeKey(uint64_t number);
struct ChangeRecord {
  // The write changed what the log does not describe (a bulk load, a repair, a merge): a graph
  // built before it must be built again.
  bool reset = false;
  std::vector<uint64_t> statements;  // created, changed or deleted; sorted, unique
  std::vector<uint64_t> entities;    // terms whose entity record was set; sorted, unique
};
// Sorts the lists; statements and entities as delta-coded varints.
std::string EncodeChange(ChangeRecord record);
// False when the record is damaged.
bool DecodeChange(std::string_view data, ChangeRecord* out);

}  // namespace weft::storage::records
