// The store's shared state, for the files that implement Store and DocumentWriter: the RocksDB
// handles and caches (Store::Impl), one document write in progress (DocumentWriter::State), and
// the helpers both use.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/base/error.h"
#include "storage/bulk_load.h"
#include "storage/key_encoding.h"
#include "storage/records.h"
#include "storage/store.h"

namespace weft::storage {

// The files of the store's implementation read the record layouts unqualified.
using namespace records;  // NOLINT(google-build-using-namespace)

inline constexpr size_t kBatchStatementLimit = 100000;
inline constexpr size_t kBatchByteLimit = 64u << 20;
inline constexpr size_t kTermCacheLimit = 4u << 20;
// Table files a bulk load writes are cut at about this size.
inline constexpr uint64_t kBulkFileBytes = 256u << 20;
// The directory, inside the store's, where a bulk load writes its table files.
inline constexpr const char* kBulkDirectory = "weft.bulk.tmp";
// Set in the default column family while a bulk load's files are being added; the files delete
// it. Its presence makes the addition overlap what the store holds, so RocksDB gives it a new
// sequence number and Sequence() changes with the load.
inline constexpr const char* kBulkMarker = "bulk_load";

struct Store::Impl {
  std::string path;
  bool read_only = false;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyOptions> cf_options;
  rocksdb::WriteOptions write_options;
  rocksdb::ReadOptions read_options;

  // Writer state: the next free ids and a cache of the term dictionary.
  uint64_t next_term = 1;
  uint64_t next_statement = 1;
  uint64_t next_document = 1;
  uint64_t next_change = 1;
  std::unordered_map<std::string, TermId> term_cache;
  std::atomic<bool> writer_live{false};
  size_t batch_statements = kBatchStatementLimit;

  ~Impl() {
    if (db && !read_only) {
      // Flush on close so that readers, which replay the write-ahead log into memory on every
      // open, start from table files instead.
      rocksdb::FlushOptions fo;
      fo.wait = true;
      std::vector<rocksdb::ColumnFamilyHandle*> handles(cfs.begin(), cfs.end());
      db->Flush(fo, handles).PermitUncheckedError();
    }
    if (db) {
      for (auto* h : cfs) {
        if (h) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      }
      db->Close().PermitUncheckedError();
    }
  }

  void Check(const rocksdb::Status& s, const char* what) const {
    if (!s.ok()) throw StorageError(std::string(what) + " in " + path + ": " + s.ToString());
  }

  bool Get(Cf cf, const rocksdb::Slice& key, std::string* value) const {
    rocksdb::Status s = db->Get(read_options, cfs[cf], key, value);
    if (s.IsNotFound()) return false;
    Check(s, "read failed");
    return true;
  }

  void Write(rocksdb::WriteBatch* batch) { Check(db->Write(write_options, batch), "write failed"); }

  uint64_t ReadMetaId(const char* name) const {
    std::string v;
    if (!Get(kMeta, name, &v)) return 1;
    if (v.size() != 8) throw StorageError("corrupt counter '" + std::string(name) + "'");
    return ReadBigEndian64(v.data());
  }

  int64_t Counter(std::string_view name) const {
    std::string v;
    if (!Get(kUsage, "c" + std::string(name), &v)) return 0;
    return DecodeCounter(v);
  }

  std::unique_ptr<rocksdb::Iterator> NewIterator(Cf cf) const {
    return std::unique_ptr<rocksdb::Iterator>(db->NewIterator(read_options, cfs[cf]));
  }

  std::optional<StoredStatement> LoadStatement(StatementId id) const {
    std::string v;
    if (!Get(kStatements, Be64(id.value), &v)) return std::nullopt;
    return DecodeStatement(id, v);
  }

  std::optional<DocumentInfo> LoadDocument(DocumentId id) const {
    std::string v;
    if (!Get(kDocuments, Be64(id.value), &v)) return std::nullopt;
    return DecodeDocument(id, v);
  }

  // True when the store holds no term, statement or document.
  bool Empty() const {
    for (Cf cf : {kTermsById, kStatements, kDocuments}) {
      auto it = NewIterator(cf);
      it->SeekToFirst();
      Check(it->status(), "scan failed");
      if (it->Valid()) return false;
    }
    return true;
  }

  // Adds the next change record to `batch`: what the batch changes, for graphs built before it
  // (Store::ChangesSince).
  void AppendChange(rocksdb::WriteBatch* batch, ChangeRecord record);
  // Writes a change record that marks a change the log does not describe, alone or in `batch`.
  void AppendReset(rocksdb::WriteBatch* batch) {
    ChangeRecord reset;
    reset.reset = true;
    AppendChange(batch, std::move(reset));
  }

  // Calls found(i, value) for each of `keys` present in `cf`, by batched sorted reads.
  void MultiGet(Cf cf, const std::vector<std::string_view>& keys,
                const std::function<void(size_t, std::string_view)>& found) const;
  // The 8-byte ids stored under `keys` in `cf` (0: absent).
  void MultiGetIds(Cf cf, const std::vector<std::string_view>& keys,
                   std::vector<uint64_t>* ids) const;

  // Brings a store of format `from` to this one (a writer's open; store_upgrade.cpp). Each step
  // can be cut short and run again.
  void Upgrade(uint32_t from);
  void RemoveContribution(DocumentId doc);
  void Recover();
  // Finishes the load and adds it to the store as the complete document `doc`.
  void IngestBulk(BulkLoad& load, DocumentInfo doc);
  void RemoveBulkLeftovers();
};

// Accumulates one batch of a document's writes and the statements it changed.
struct DocumentWriter::State {
  DocumentInfo doc;
  std::optional<DocumentId> replaces;
  rocksdb::WriteBatch batch;
  std::unordered_map<StatementId, StoredStatement> touched;  // changed in this batch
  std::unordered_map<std::string, StatementId> new_keys;     // created in this batch
  std::unordered_map<std::string, TermId> new_terms;         // created in this batch
  std::unordered_map<TermId, int64_t> entity_delta, predicate_delta;
  std::unordered_map<TermId, std::string> entities;  // entity records set in this batch
  std::unordered_set<TermId> written;                // entities this document wrote (counted)
  std::vector<StatementId> deleted;                  // statements deleted in this batch
  // New keys of the insert-only column families, written sorted at the end of the batch: the
  // memtable then inserts them in order, which is several times cheaper than random order.
  std::vector<std::pair<std::string, std::string>> staged[kNumCfs];
  int64_t statements_delta = 0;
  int64_t sources_delta = 0;
  bool flushed_any = false;
};

// Applies the staged keys, the counter deltas and the touched statements to the batch.
void StageTouched(Store::Impl& impl, DocumentWriter::State& st);
// Starts the next batch of the same document.
void ResetBatch(Store::Impl& impl, DocumentWriter::State& st);
// The statement as this batch sees it (read from the store the first time), to change.
StoredStatement* Touch(Store::Impl& impl, DocumentWriter::State& st, StatementId id);
// Removes a statement that lost its last source, and its content key and counts.
void DeleteStatement(Store::Impl& impl, DocumentWriter::State& st, const StoredStatement& stmt);
// The id of a term, created in this batch when the store has none.
TermId Intern(Store::Impl& impl, DocumentWriter::State& st, std::string_view name);

}  // namespace weft::storage
