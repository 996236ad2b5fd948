// The persistent store: a RocksDB database of terms, statements, indexes and documents.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/base/hash.h"
#include "graph/base/ids.h"
#include "graph/base/statement.h"

namespace weft::storage {

// The on-disk format this build writes. A store with a larger number is refused; an older one
// is read as it is, and upgraded when first opened for writing. Format 2 has no covering
// indexes and lets bulk loads write membership ranges (records::MembershipKey). Format 3 names
// a document's own nodes by DocumentScope (XXH3, 64 bits) instead of a 32-bit hash, and hashes
// content by XXH3-128 (ContentHash): a document of an older store is read again once, at its
// next ingest, since its stored hash is of the older kind.
inline constexpr uint32_t kFormatVersion = 3;

struct OpenOptions {
  // Open without taking the writer lock; any number of readers may run beside one writer, each
  // seeing the store as it was when it opened.
  bool read_only = false;
  // Create an empty store when the directory holds none (writers only).
  bool create_if_missing = true;
  // Statements a DocumentWriter changes before it writes a batch; larger documents are written
  // in several batches and stay pending until Commit.
  size_t batch_statements = 100000;
};

enum class DocumentState : uint8_t {
  kPending = 1,   // being written; rolled back if the writer dies
  kComplete = 2,  // visible
  kRetiring = 3,  // replaced by a newer version; its contribution is being removed
};

struct DocumentInfo {
  DocumentId id;
  std::string name;
  std::string content_hash;
  int64_t time = 0;  // seconds since the epoch when it was written
  DocumentState state = DocumentState::kPending;
  uint64_t statements = 0;  // statements it supports
  uint64_t sources = 0;     // source records it contributed
  std::string date;  // when it was published, YYYY-MM-DD, as its source said; "" when unknown
};

struct PredicateCount {
  std::string name;
  uint64_t statements = 0;
};

struct StoreStats {
  uint64_t entities = 0;    // distinct subjects and objects
  uint64_t predicates = 0;  // distinct predicates
  uint64_t statements = 0;
  uint64_t sources = 0;
  uint64_t documents = 0;
  uint64_t terms = 0;  // dictionary entries, including qualifier roles and values
  std::vector<PredicateCount> top_predicates;  // the 10 most used, most used first
  uint64_t disk_bytes = 0;
  uint64_t merges = 0;  // weft merge

  // The counts by name ("entities", "statements", ..., "disk_bytes", "merges"), for the JSON and
  // Python forms.
  std::vector<std::pair<const char*, uint64_t>> Counts() const {
    return {{"entities", entities},     {"predicates", predicates}, {"statements", statements},
            {"sources", sources},       {"documents", documents},   {"terms", terms},
            {"disk_bytes", disk_bytes}, {"merges", merges}};
  }
};

// What BeginDocument found for the document's name.
enum class DocumentStatus {
  kNew,        // no document of that name yet
  kReplaced,   // one with other content exists; Commit replaces its contribution
  kUnchanged,  // one with the same content exists; the writer ignores what it is given
};

class BulkLoad;
class RecordBlock;
class DocumentWriter;

struct DocumentOptions {
  // Loads a new document in one step: the records are collected in memory, every column
  // family's keys written sorted into table files, and the files added to the store together
  // (RocksDB's atomic IngestExternalFiles), so the document appears whole or not at all. Into a
  // store that holds data, the terms and statements it has are found by sorted batched reads
  // and keep their ids. Ignored for a document that replaces one of the same name. The store's
  // contents afterwards are the same as the incremental path gives, id for id.
  bool bulk = false;
  // Memory a bulk load may hold; past it, the records collected so far go through the
  // incremental path and the rest follow them there. 0 means a quarter of physical memory.
  size_t bulk_memory_bytes = 0;
  // The document's publication date (YYYY-MM-DD), kept in its DocumentInfo.
  std::string date;
};

// A handle on an open store. Read methods are thread-safe; at most one DocumentWriter is live at
// a time. All failures of the underlying engine throw StorageError.
class Store {
 public:
  // Opens (or, for writers with create_if_missing, creates) the store in directory `path`.
  // A writer that finds documents left half-written by a crash rolls them back before returning.
  // Throws StorageError when the directory is not a store, the store is locked by another
  // writer, or it was written by a newer format.
  static std::unique_ptr<Store> Open(const std::string& path, const OpenOptions& options);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;
  bool read_only() const;

  std::optional<TermId> FindTerm(std::string_view name) const;
  std::optional<std::string> TermName(TermId id) const;
  std::optional<StoredStatement> GetStatement(StatementId id) const;
  // The statements of `ids` that exist, in the order of `ids`, by batched reads (fastest when
  // `ids` are sorted).
  std::vector<StoredStatement> GetStatements(const std::vector<StatementId>& ids) const;
  // The names of `ids` (nullopt: none), in order, by batched reads.
  std::vector<std::optional<std::string>> TermNames(const std::vector<TermId>& ids) const;
  std::optional<DocumentInfo> FindDocument(std::string_view name) const;
  std::optional<DocumentInfo> GetDocument(DocumentId id) const;
  std::optional<std::string> SentenceText(DocumentId document, uint32_t sentence) const;

  // Calls fn(statement, subject, predicate, object) for every statement whose bound positions
  // match: a prefix scan of the content keys when the subject is bound, a scan of them all
  // otherwise (queries run on the in-memory graph, not here). fn returns false to stop early.
  using MatchFn = std::function<bool(StatementId, TermId, TermId, TermId)>;
  void Match(std::optional<TermId> subject, std::optional<TermId> predicate,
             std::optional<TermId> object, const MatchFn& fn) const;

  // Full scans in id order; fn returns false to stop.
  void ForEachStatement(const std::function<bool(const StoredStatement&)>& fn) const;
  void ForEachTerm(const std::function<bool(TermId, std::string_view)>& fn) const;
  void ForEachDocument(const std::function<bool(const DocumentInfo&)>& fn) const;
  // Entities with a recorded type or aliases.
  // `documents`: how many documents wrote the name (a record from before the count, one).
  using EntityFn = std::function<bool(TermId, EntityType, const std::vector<std::string>& aliases,
                                      uint64_t documents)>;
  void ForEachEntity(const EntityFn& fn) const;

  // Manual entity merges (weft merge): the name `alias` is shown as an alias of `canonical`,
  // its statements on `canonical`'s node. Kept in the store until removed, whatever is ingested
  // again, and applied when the graph snapshot is built. Writers only.
  void SetMerge(std::string_view alias, std::string_view canonical);
  // Undoes the merge of `alias`; false when there was none.
  bool RemoveMerge(std::string_view alias);
  // Keeps `name` apart from the names its spelling would join it to (weft split of an automatic
  // join), or lets it join again.
  void SetKeptApart(std::string_view name, bool apart);
  struct Merge {
    std::string alias, canonical;
  };
  // In alias order.
  std::vector<Merge> Merges() const;
  std::vector<std::string> KeptApart() const;

  StoreStats Stats() const;

  struct CheckReport {
    uint64_t statements = 0, content_keys = 0, terms = 0, documents = 0;
    std::vector<std::string> problems;  // one line each, empty when the store is sound
    bool repaired = false;
  };
  // Verifies the store: every statement's content key and every content key backed by its
  // statement, every id in the dictionary, every source's document present and complete and
  // listing the statement, the counters equal to what is stored. With `repair` (writers only),
  // rebuilds the content keys, document memberships and counters from the statements.
  // Where a check is: the pass (`step`) and how much of it is read, of `total` (0: unknown).
  // Called from the checking thread, often (a caller draws at its own pace).
  using CheckProgress = std::function<void(std::string_view step, uint64_t done, uint64_t total)>;
  CheckReport Check(bool repair, const CheckProgress& progress = nullptr);

  // A number that grows with every write; equal numbers mean equal contents.
  uint64_t Sequence() const;
  // The change log. Every write that changes statements or entity records also writes a
  // numbered record of which, so a graph built at one change number can be brought up to date
  // by reading those statements alone. The number of the last record in this view (0: none).
  uint64_t LastChange() const;
  struct Changes {
    std::vector<StatementId> statements;  // created, changed or deleted since; sorted
    std::vector<TermId> entities;         // entity records set since; sorted
  };
  // What changed after record `after`; nullopt when the log cannot say: a record is gone
  // (pruned), or one marks a change it does not describe (a bulk load, a repair, a merge), or
  // `after` is past the log's end.
  std::optional<Changes> ChangesSince(uint64_t after) const;
  // Drops the records up to and including `through`. Writers only.
  void PruneChanges(uint64_t through);

  // A string that names this store and no other (RocksDB's database identity): with Sequence,
  // it keys derived files such as the graph snapshot.
  std::string Identity() const;

  // Starts writing the document `name` whose content hashes to `content_hash`. Requires a
  // writable store and no other live writer.
  std::unique_ptr<DocumentWriter> BeginDocument(std::string_view name,
                                                std::string_view content_hash,
                                                const DocumentOptions& options = {});

  // Removes a document and every statement only it supported. Returns false if there is none.
  bool RemoveDocument(std::string_view name);

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class DocumentWriter;
};

// Writes one document's statements. Writes go out in bounded batches; until Commit the document
// is pending, and a pending document is rolled back by Abort, by the destructor, or by the next
// writer to open the store after a crash. A document small enough for one batch is written by a
// single atomic write.
class DocumentWriter {
 public:
  ~DocumentWriter();
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;

  DocumentStatus status() const { return status_; }

  // Stores a sentence's text once, for the provenance of the statements found in it.
  void AddSentence(uint32_t index, std::string_view text);
  // Adds a statement with its evidence. The same statement twice adds a second source.
  // The caller validates records: an empty term is a programmer error (checked).
  void Add(const StatementRecord& record);
  // Adds a block's records in order, as Add would one by one.
  void Add(const RecordBlock& block);
  // A hint that about `records` more records will follow: a bulk load sizes its record arrays
  // for them once instead of growing them by doubling (each growth copies them and touches new
  // memory). Ignored by the incremental path, and where the arrays would pass the memory bound.
  void ExpectRecords(uint64_t records);
  // Records an entity's type and aliases (merged with what is known already).
  void SetEntity(std::string_view name, EntityType type, const std::vector<std::string>& aliases);
  // The document's content hash, when it was not known at BeginDocument (a new document's,
  // computed while its content is read). Before Commit.
  void SetContentHash(std::string_view content_hash);
  // Makes the document visible and, if it replaced an older version, removes that version's
  // contribution.
  void Commit();
  // Drops everything written for this document so far.
  void Abort();

  uint64_t statements_added() const { return records_; }
  // True while the document is being collected for a bulk load.
  bool bulk_loading() const { return bulk_ != nullptr; }

  struct State;

 private:
  friend class Store;
  DocumentWriter(Store* store, DocumentStatus status, std::unique_ptr<State> state);
  void AddIncremental(const StatementRecord& record);
  void AddSentenceIncremental(uint32_t index, std::string_view text);
  // Hands what the bulk load collected to the incremental path and ends the bulk load.
  void LeaveBulk();
  Store* store_;
  DocumentStatus status_;
  std::unique_ptr<State> state_;
  std::unique_ptr<BulkLoad> bulk_;
  size_t bulk_memory_bytes_ = 0;
  uint64_t records_ = 0;
  bool finished_ = false;
};

// A stable hash of a document's content, as stored in DocumentInfo::content_hash: XXH3-128
// and the length, in hex.
std::string ContentHash(std::string_view content);

// Incremental form of ContentHash for content read in pieces.
class ContentHasher {
 public:
  void Update(std::string_view data);
  std::string Finish() const;

 private:
  StreamHash128 hash_;
  uint64_t length_ = 0;
};

}  // namespace weft::storage
