#include "storage/store.h"

#include <fmt/format.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <numeric>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "graph/base/error.h"
#include "storage/bulk_load.h"
#include "storage/key_encoding.h"
#include "storage/records.h"
#include "storage/store_impl.h"

namespace weft::storage {

namespace {

// Adds signed 64-bit counters, so that counting needs no read before the write.
class CounterMergeOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger*) const override {
    int64_t base = existing ? DecodeCounter(existing->ToStringView()) : 0;
    *new_value = EncodeCounter(base + DecodeCounter(value.ToStringView()));
    return true;
  }
  const char* Name() const override { return "weft.CounterAdd"; }
};

}  // namespace

void Store::Impl::AppendChange(rocksdb::WriteBatch* batch, ChangeRecord record) {
  batch->Put(cfs[kMeta], ChangeKey(next_change), EncodeChange(std::move(record)));
  ++next_change;
  batch->Put(cfs[kMeta], "next_change", Be64(next_change));
}

void Store::Impl::RemoveContribution(DocumentId doc) {
  // Chunked: each batch removes up to kBatchStatementLimit statements' sources and their
  // membership keys, so a crash in between leaves a state the next Recover finishes.
  const std::string prefix = Be64(doc.value);
  for (;;) {
    DocumentWriter::State st;
    std::vector<StatementId> ids;
    {
      // Each membership record read is deleted; of a range longer than the batch has room
      // for, the rest is written back as a range of its own.
      auto it = NewIterator(kDocStatements);
      for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        uint64_t document = 0, first = 0, last = 0;
        if (!DecodeMembership(it->key().ToStringView(), it->value().ToStringView(), &document,
                              &first, &last) ||
            (last != first && last >= next_statement)) {
          throw StorageError("corrupt document membership record");
        }
        const uint64_t take = std::min<uint64_t>(last - first + 1, batch_statements - ids.size());
        for (uint64_t id = first; id < first + take; ++id) ids.emplace_back(id);
        st.batch.Delete(cfs[kDocStatements], it->key());
        if (first + take <= last) {
          st.batch.Put(cfs[kDocStatements], MembershipKey(doc, first + take),
                       MembershipValue(first + take, last));
        }
        if (ids.size() >= batch_statements) break;
      }
      Check(it->status(), "scan failed");
    }
    if (ids.empty()) break;
    for (StatementId id : ids) {
      StoredStatement* stmt = Touch(*this, st, id);
      if (!stmt) continue;
      size_t before = stmt->sources.size();
      std::erase_if(stmt->sources, [&](const Source& s) { return s.document == doc; });
      st.sources_delta -= static_cast<int64_t>(before - stmt->sources.size());
      if (stmt->sources.empty()) {
        DeleteStatement(*this, st, *stmt);
        st.batch.Delete(cfs[kStatements], Be64(id.value));
        st.touched.erase(id);
      }
    }
    StageTouched(*this, st);
    Write(&st.batch);
  }
  rocksdb::WriteBatch last;
  std::string begin = SentenceKey(doc, 0);
  std::string end = Be64(doc.value + 1);
  last.DeleteRange(cfs[kSentences], begin, end);
  std::optional<DocumentInfo> info = LoadDocument(doc);
  if (info) {
    std::string by_name;
    if (Get(kDocumentsByName, info->name, &by_name) && by_name == prefix) {
      last.Delete(cfs[kDocumentsByName], info->name);
    }
    if (info->state == DocumentState::kComplete) {
      last.Merge(cfs[kUsage], "cdocuments", EncodeCounter(-1));
    }
  }
  last.Delete(cfs[kDocuments], prefix);
  Write(&last);
}

void Store::Impl::Recover() {
  std::vector<DocumentInfo> unfinished;
  {
    auto it = NewIterator(kDocuments);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() != 8) throw StorageError("corrupt document key");
      DocumentInfo doc =
          DecodeDocument(DocumentId(ReadBigEndian64(it->key().data())), it->value().ToStringView());
      if (doc.state != DocumentState::kComplete) unfinished.push_back(doc);
    }
    Check(it->status(), "scan failed");
  }
  for (const DocumentInfo& doc : unfinished) RemoveContribution(doc.id);
}

void Store::Impl::MultiGet(Cf cf, const std::vector<std::string_view>& keys,
                           const std::function<void(size_t, std::string_view)>& found) const {
  // Sorted batches: RocksDB reads each block once for the keys in it.
  std::vector<uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  if (!std::is_sorted(keys.begin(), keys.end())) {
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  }
  constexpr size_t kBatch = 4096;
  std::vector<rocksdb::Slice> slices(kBatch);
  std::vector<rocksdb::PinnableSlice> values(kBatch);
  std::vector<rocksdb::Status> statuses(kBatch);
  for (size_t begin = 0; begin < order.size(); begin += kBatch) {
    const size_t n = std::min(kBatch, order.size() - begin);
    for (size_t i = 0; i < n; ++i) {
      const std::string_view k = keys[order[begin + i]];
      slices[i] = rocksdb::Slice(k.data(), k.size());
      values[i].Reset();
    }
    db->MultiGet(read_options, cfs[cf], n, slices.data(), values.data(), statuses.data(),
                 /*sorted_input=*/true);
    for (size_t i = 0; i < n; ++i) {
      if (statuses[i].IsNotFound()) continue;
      Check(statuses[i], "read failed");
      found(order[begin + i], values[i].ToStringView());
    }
  }
}

void Store::Impl::MultiGetIds(Cf cf, const std::vector<std::string_view>& keys,
                              std::vector<uint64_t>* ids) const {
  ids->assign(keys.size(), 0);
  MultiGet(cf, keys, [&](size_t i, std::string_view value) {
    if (value.size() != 8) throw StorageError("corrupt id entry");
    (*ids)[i] = ReadBigEndian64(value.data());
  });
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

namespace {

// Opens a reader tries before it keeps what it opened (a writer flushing without pause).
constexpr int kReadOpenAttempts = 50;

// The current manifest's name and size: they change whenever a writer flushes or compacts.
std::string ManifestState(const std::string& path) {
  std::ifstream current(path + "/CURRENT");
  std::string name;
  std::getline(current, name);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path + "/" + name, ec);
  return name + "/" + std::to_string(ec ? 0 : size);
}

// RocksDB's info log for readers: discards everything.
class SilentLogger : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

}  // namespace

std::unique_ptr<Store> Store::Open(const std::string& path, const OpenOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = options.read_only;
  impl->batch_statements = std::max<size_t>(1, options.batch_statements);

  std::error_code ec;
  const bool exists = std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec);
  if (!exists) {
    if (options.read_only || !options.create_if_missing) {
      throw StorageError("no weft store at '" + path +
                         "' (create one with 'weft import' or 'weft ingest', or pass --db)");
    }
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_directory(path, ec)) {
      throw StorageError("'" + path + "' exists and is not a directory");
    }
  }

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing && !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  db_options.max_background_jobs = 2;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db_options.keep_log_file_num = 2;
  // A reader writes nothing into the store's directory, not even RocksDB's LOG, so it works
  // on a directory it may only read.
  if (options.read_only) db_options.info_log = std::make_shared<SilentLogger>();

  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(64u << 20);
  // Bloom filters only where point reads often miss (a new term, a new statement, a new
  // document or entity); the other families are read by ids that exist.
  rocksdb::BlockBasedTableOptions filtered = table;
  filtered.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  auto merge = std::make_shared<CounterMergeOperator>();
  // LZ4 where the RocksDB build has it: against Snappy, RocksDB's default, it compresses a 10M
  // bulk load's table files in slightly less CPU (0.93 s against 1.03 s of profile samples) into
  // a store 2% smaller, and decompresses faster. Files written with either read back alike.
  const std::vector<rocksdb::CompressionType> supported = rocksdb::GetSupportedCompressions();
  const rocksdb::CompressionType compression =
      std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end()
          ? rocksdb::kLZ4Compression
          : rocksdb::ColumnFamilyOptions().compression;

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (size_t i = 0; i < kNumCfs; ++i) {
    const bool misses = i == kTermsByName || i == kStatementKeys || i == kDocumentsByName ||
                        i == kEntities || i == kMeta || i == kUsage;
    rocksdb::ColumnFamilyOptions cf_options;
    cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(misses ? filtered : table));
    cf_options.merge_operator = merge;
    cf_options.write_buffer_size = 32u << 20;
    cf_options.compression = compression;
    descriptors.emplace_back(kCfNames[i], cf_options);
    impl->cf_options.push_back(cf_options);
  }
  impl->db_options = db_options;

  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (options.read_only) {
    std::vector<std::string> present;
    if (rocksdb::DB::ListColumnFamilies(db_options, path, &present).ok() &&
        present.size() < kNumCfs && present.size() > 1) {
      throw StorageError("the store at '" + path +
                         "' lacks parts this weft keeps; open it for writing once (any 'weft "
                         "import') to add them");
    }
    // A reader opens the manifest and then replays the write-ahead logs it names. A writer
    // that flushes in between writes a new manifest and deletes those logs, and the reader would
    // see the store without the writes they held. The manifest's name and size before and after
    // the open tell whether that happened; then the reader opens again.
    for (int attempt = 0;; ++attempt) {
      const std::string before = ManifestState(path);
      s = rocksdb::DB::OpenForReadOnly(db_options, path, descriptors, &impl->cfs, &raw);
      // A failed open is retried too when the manifest moved: a compaction after the writer's
      // flush or table-file ingestion deletes files the manifest read at first still named.
      if (ManifestState(path) == before || attempt == kReadOpenAttempts) break;
      for (rocksdb::ColumnFamilyHandle* cf : impl->cfs) delete cf;
      impl->cfs.clear();
      delete raw;
      raw = nullptr;
      s = rocksdb::Status::OK();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  } else {
    s = rocksdb::DB::Open(db_options, path, descriptors, &impl->cfs, &raw);
  }
  if (!s.ok()) {
    std::string msg = s.ToString();
    if (s.IsIOError() && (msg.find("lock") != std::string::npos ||
                          msg.find("Resource temporarily unavailable") != std::string::npos)) {
      throw StorageError("the store at '" + path + "' is in use by another weft process");
    }
    if (msg.find("Column family not found") != std::string::npos ||
        msg.find("Invalid argument") != std::string::npos) {
      throw StorageError("'" + path + "' is not a weft store, or a damaged one: " + msg);
    }
    throw StorageError("cannot open the store at '" + path + "': " + msg);
  }
  impl->db.reset(raw);

  std::string version;
  uint32_t upgrade_from = kFormatVersion;
  if (impl->Get(kMeta, "format_version", &version)) {
    if (version.size() != 4) throw StorageError("'" + path + "' has a corrupt format version");
    uint32_t v = ReadBigEndian32(version.data());
    if (v > kFormatVersion) {
      throw StorageError("the store at '" + path + "' was written by a newer weft (format " +
                         std::to_string(v) + "; this weft reads up to format " +
                         std::to_string(kFormatVersion) + "); upgrade weft to open it");
    }
    upgrade_from = v;
  } else if (!options.read_only) {
    std::string v;
    AppendBigEndian32(&v, kFormatVersion);
    impl->Check(impl->db->Put(impl->write_options, impl->cfs[kMeta], "format_version", v),
                "write failed");
  } else {
    throw StorageError("'" + path + "' is not a weft store (no format version)");
  }

  impl->next_term = impl->ReadMetaId("next_term");
  impl->next_statement = impl->ReadMetaId("next_statement");
  impl->next_document = impl->ReadMetaId("next_document");
  impl->next_change = impl->ReadMetaId("next_change");
  if (!options.read_only) {
    if (upgrade_from < kFormatVersion) impl->Upgrade(upgrade_from);
    impl->Recover();
    impl->RemoveBulkLeftovers();
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

const std::string& Store::path() const { return impl_->path; }
bool Store::read_only() const { return impl_->read_only; }

std::optional<TermId> Store::FindTerm(std::string_view name) const {
  std::string v;
  if (!impl_->Get(kTermsByName, rocksdb::Slice(name.data(), name.size()), &v)) return std::nullopt;
  if (v.size() != 8) throw StorageError("corrupt term dictionary entry");
  return TermId(ReadBigEndian64(v.data()));
}

std::optional<std::string> Store::TermName(TermId id) const {
  std::string v;
  if (!impl_->Get(kTermsById, Be64(id.value), &v)) return std::nullopt;
  return v;
}

std::optional<StoredStatement> Store::GetStatement(StatementId id) const {
  return impl_->LoadStatement(id);
}

std::vector<StoredStatement> Store::GetStatements(const std::vector<StatementId>& ids) const {
  std::vector<std::string> keys;
  keys.reserve(ids.size());
  for (StatementId id : ids) keys.push_back(Be64(id.value));
  std::vector<std::optional<StoredStatement>> found(ids.size());
  impl_->MultiGet(kStatements, {keys.begin(), keys.end()}, [&](size_t i, std::string_view value) {
    found[i] = DecodeStatement(ids[i], value);
  });
  std::vector<StoredStatement> out;
  out.reserve(ids.size());
  for (auto& st : found) {
    if (st) out.push_back(std::move(*st));
  }
  return out;
}

std::vector<std::optional<std::string>> Store::TermNames(const std::vector<TermId>& ids) const {
  std::vector<std::string> keys;
  keys.reserve(ids.size());
  for (TermId id : ids) keys.push_back(Be64(id.value));
  std::vector<std::optional<std::string>> out(ids.size());
  impl_->MultiGet(kTermsById, {keys.begin(), keys.end()},
                  [&](size_t i, std::string_view value) { out[i] = std::string(value); });
  return out;
}

std::optional<DocumentInfo> Store::FindDocument(std::string_view name) const {
  std::string v;
  if (!impl_->Get(kDocumentsByName, rocksdb::Slice(name.data(), name.size()), &v)) {
    return std::nullopt;
  }
  if (v.size() != 8) throw StorageError("corrupt document name entry");
  return impl_->LoadDocument(DocumentId(ReadBigEndian64(v.data())));
}

std::optional<DocumentInfo> Store::GetDocument(DocumentId id) const {
  return impl_->LoadDocument(id);
}

std::optional<std::string> Store::SentenceText(DocumentId document, uint32_t sentence) const {
  std::string v;
  if (!impl_->Get(kSentences, SentenceKey(document, sentence), &v)) return std::nullopt;
  return v;
}

void Store::Match(std::optional<TermId> subject, std::optional<TermId> predicate,
                  std::optional<TermId> object, const MatchFn& fn) const {
  // Content keys begin with subject, predicate and object: a bound subject (with the predicate,
  // and the object after it) is one prefix scan; the other positions are filtered.
  std::string prefix;
  if (subject) {
    AppendBigEndian64(&prefix, subject->value);
    if (predicate) {
      AppendBigEndian64(&prefix, predicate->value);
      if (object) AppendBigEndian64(&prefix, object->value);
    }
  }
  auto it = impl_->NewIterator(kStatementKeys);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    if (key.size() < 24 || it->value().size() != 8) {
      throw StorageError("corrupt statement key entry");
    }
    const TermId s(ReadBigEndian64(key.data())), p(ReadBigEndian64(key.data() + 8)),
        o(ReadBigEndian64(key.data() + 16));
    if ((predicate && p != *predicate) || (object && o != *object)) continue;
    if (!fn(StatementId(ReadBigEndian64(it->value().data())), s, p, o)) return;
  }
  impl_->Check(it->status(), "content key scan failed");
}

void Store::ForEachStatement(const std::function<bool(const StoredStatement&)>& fn) const {
  auto it = impl_->NewIterator(kStatements);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8) throw StorageError("corrupt statement key");
    StatementId id(ReadBigEndian64(it->key().data()));
    if (!fn(DecodeStatement(id, it->value().ToStringView()))) return;
  }
  impl_->Check(it->status(), "statement scan failed");
}

void Store::ForEachTerm(const std::function<bool(TermId, std::string_view)>& fn) const {
  auto it = impl_->NewIterator(kTermsById);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8) throw StorageError("corrupt term key");
    if (!fn(TermId(ReadBigEndian64(it->key().data())), it->value().ToStringView())) return;
  }
  impl_->Check(it->status(), "term scan failed");
}

void Store::ForEachDocument(const std::function<bool(const DocumentInfo&)>& fn) const {
  auto it = impl_->NewIterator(kDocuments);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8) throw StorageError("corrupt document key");
    DocumentInfo doc =
        DecodeDocument(DocumentId(ReadBigEndian64(it->key().data())), it->value().ToStringView());
    if (doc.state != DocumentState::kComplete) continue;
    if (!fn(doc)) return;
  }
  impl_->Check(it->status(), "document scan failed");
}

void Store::ForEachEntity(const EntityFn& fn) const {
  auto it = impl_->NewIterator(kEntities);
  std::vector<std::string> aliases;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8) throw StorageError("corrupt entity key");
    EntityType type = EntityType::kOther;
    uint64_t documents = 1;
    DecodeEntity(it->value().ToStringView(), &type, &aliases, &documents);
    if (!fn(TermId(ReadBigEndian64(it->key().data())), type, aliases, documents)) return;
  }
  impl_->Check(it->status(), "entity scan failed");
}

namespace {
constexpr std::string_view kMergePrefix = "merge:";
constexpr std::string_view kApartPrefix = "apart:";
}  // namespace

void Store::SetMerge(std::string_view alias, std::string_view canonical) {
  if (impl_->read_only) throw StorageError("merging needs the store open for writing");
  rocksdb::WriteBatch batch;
  batch.Put(impl_->cfs[kMeta], std::string(kMergePrefix) + std::string(alias), canonical);
  impl_->AppendReset(&batch);
  impl_->Write(&batch);
}

bool Store::RemoveMerge(std::string_view alias) {
  if (impl_->read_only) throw StorageError("splitting needs the store open for writing");
  const std::string key = std::string(kMergePrefix) + std::string(alias);
  std::string v;
  if (!impl_->Get(kMeta, key, &v)) return false;
  rocksdb::WriteBatch batch;
  batch.Delete(impl_->cfs[kMeta], key);
  impl_->AppendReset(&batch);
  impl_->Write(&batch);
  return true;
}

void Store::SetKeptApart(std::string_view name, bool apart) {
  if (impl_->read_only) throw StorageError("splitting needs the store open for writing");
  const std::string key = std::string(kApartPrefix) + std::string(name);
  rocksdb::WriteBatch batch;
  if (apart) {
    batch.Put(impl_->cfs[kMeta], key, "");
  } else {
    batch.Delete(impl_->cfs[kMeta], key);
  }
  impl_->AppendReset(&batch);
  impl_->Write(&batch);
}

std::vector<Store::Merge> Store::Merges() const {
  std::vector<Merge> out;
  auto it = impl_->NewIterator(kMeta);
  for (it->Seek(kMergePrefix); it->Valid() && it->key().starts_with(kMergePrefix); it->Next()) {
    out.push_back({std::string(it->key().ToStringView().substr(kMergePrefix.size())),
                   it->value().ToString()});
  }
  impl_->Check(it->status(), "merge scan failed");
  return out;
}

std::vector<std::string> Store::KeptApart() const {
  std::vector<std::string> out;
  auto it = impl_->NewIterator(kMeta);
  for (it->Seek(kApartPrefix); it->Valid() && it->key().starts_with(kApartPrefix); it->Next()) {
    out.emplace_back(it->key().ToStringView().substr(kApartPrefix.size()));
  }
  impl_->Check(it->status(), "scan failed");
  return out;
}

StoreStats Store::Stats() const {
  StoreStats stats;
  stats.statements = static_cast<uint64_t>(std::max<int64_t>(0, impl_->Counter("statements")));
  stats.sources = static_cast<uint64_t>(std::max<int64_t>(0, impl_->Counter("sources")));
  stats.documents = static_cast<uint64_t>(std::max<int64_t>(0, impl_->Counter("documents")));
  stats.terms = impl_->next_term - 1;
  std::vector<std::pair<uint64_t, TermId>> predicates;
  auto it = impl_->NewIterator(kUsage);
  for (it->Seek("e"); it->Valid() && it->key().starts_with("e"); it->Next()) {
    if (DecodeCounter(it->value().ToStringView()) > 0) ++stats.entities;
  }
  for (it->Seek("p"); it->Valid() && it->key().starts_with("p"); it->Next()) {
    int64_t n = DecodeCounter(it->value().ToStringView());
    if (n > 0 && it->key().size() == 9) {
      predicates.emplace_back(static_cast<uint64_t>(n),
                              TermId(ReadBigEndian64(it->key().data() + 1)));
    }
  }
  impl_->Check(it->status(), "counter scan failed");
  stats.predicates = predicates.size();
  size_t top = std::min<size_t>(10, predicates.size());
  std::partial_sort(predicates.begin(), predicates.begin() + top, predicates.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  for (size_t i = 0; i < top; ++i) {
    stats.top_predicates.push_back(
        {TermName(predicates[i].second).value_or("?"), predicates[i].first});
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(impl_->path, ec)) {
    if (entry.is_regular_file(ec)) stats.disk_bytes += entry.file_size(ec);
  }
  stats.merges = Merges().size();
  return stats;
}

uint64_t Store::LastChange() const { return impl_->next_change - 1; }

std::optional<Store::Changes> Store::ChangesSince(uint64_t after) const {
  Changes out;
  const uint64_t last = LastChange();
  if (after > last) return std::nullopt;  // a graph from a store this one is not
  if (after == last) return out;
  std::vector<uint64_t> statements, entities;
  auto it = impl_->NewIterator(kMeta);
  uint64_t expected = after + 1;
  ChangeRecord record;
  for (it->Seek(ChangeKey(expected));
       it->Valid() && it->key().starts_with(kChangePrefix) && expected <= last; it->Next()) {
    const rocksdb::Slice key = it->key();
    if (key.size() != kChangePrefix.size() + 8 ||
        ReadBigEndian64(key.data() + kChangePrefix.size()) != expected) {
      return std::nullopt;  // pruned
    }
    if (!DecodeChange(it->value().ToStringView(), &record)) {
      throw StorageError("damaged change record " + std::to_string(expected) + " in " +
                         impl_->path + " (run weft check)");
    }
    if (record.reset) return std::nullopt;
    statements.insert(statements.end(), record.statements.begin(), record.statements.end());
    entities.insert(entities.end(), record.entities.begin(), record.entities.end());
    ++expected;
  }
  impl_->Check(it->status(), "change log scan failed");
  if (expected != last + 1) return std::nullopt;
  for (auto* ids : {&statements, &entities}) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
  out.statements.reserve(statements.size());
  for (uint64_t id : statements) out.statements.emplace_back(id);
  out.entities.reserve(entities.size());
  for (uint64_t id : entities) out.entities.emplace_back(id);
  return out;
}

void Store::PruneChanges(uint64_t through) {
  if (impl_->read_only)
    throw StorageError("pruning the change log needs the store open for writing");
  through = std::min(through, LastChange());
  if (through == 0) return;
  // Nothing to drop: no write, so that opening a store to write changes nothing by itself
  // (every write moves the sequence that keys the snapshot file).
  {
    auto it = impl_->NewIterator(kMeta);
    it->Seek(kChangePrefix);
    impl_->Check(it->status(), "change log scan failed");
    if (!it->Valid() || !it->key().starts_with(kChangePrefix) ||
        it->key().size() != kChangePrefix.size() + 8 ||
        ReadBigEndian64(it->key().data() + kChangePrefix.size()) > through) {
      return;
    }
  }
  rocksdb::WriteBatch batch;
  batch.DeleteRange(impl_->cfs[kMeta], ChangeKey(0), ChangeKey(through + 1));
  impl_->Write(&batch);
}

std::string Store::Identity() const {
  std::string id;
  rocksdb::Status s = impl_->db->GetDbIdentity(id);
  if (!s.ok()) throw StorageError("cannot read the store's identity: " + s.ToString());
  return id;
}

std::unique_ptr<DocumentWriter> Store::BeginDocument(std::string_view name,
                                                     std::string_view content_hash,
                                                     const DocumentOptions& options) {
  if (impl_->read_only) throw StorageError("the store at '" + impl_->path + "' is read-only");
  // Taken here and given back by the writer when it ends, or below when none is made: two
  // threads racing here get one writer and an error, never two writers.
  if (impl_->writer_live.exchange(true)) {
    throw UsageError("another document is being written to the store at '" + impl_->path +
                     "' (one writer at a time)");
  }
  struct Release {
    std::atomic<bool>* live;
    ~Release() {
      if (live) *live = false;
    }
  } release{&impl_->writer_live};
  auto state = std::make_unique<DocumentWriter::State>();
  DocumentStatus status = DocumentStatus::kNew;
  if (std::optional<DocumentInfo> old = FindDocument(name)) {
    if (old->state == DocumentState::kComplete && old->content_hash == content_hash) {
      return std::unique_ptr<DocumentWriter>(
          new DocumentWriter(this, DocumentStatus::kUnchanged, nullptr));
    }
    status = DocumentStatus::kReplaced;
    state->replaces = old->id;
  }
  state->doc.id = DocumentId(impl_->next_document++);
  state->doc.name = std::string(name);
  state->doc.content_hash = std::string(content_hash);
  state->doc.date = options.date;
  state->doc.time = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  state->doc.state = DocumentState::kPending;
  const bool bulk = options.bulk && status == DocumentStatus::kNew;
  std::unique_ptr<DocumentWriter> writer(new DocumentWriter(this, status, std::move(state)));
  release.live = nullptr;  // the writer's now
  if (bulk) {
    writer->bulk_ =
        std::make_unique<BulkLoad>(impl_->next_term, impl_->next_statement, !impl_->Empty());
    writer->bulk_memory_bytes_ = options.bulk_memory_bytes;
    if (writer->bulk_memory_bytes_ == 0) {
      const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
      writer->bulk_memory_bytes_ = pages > 0 && page > 0
                                       ? static_cast<size_t>(pages) * static_cast<size_t>(page) / 4
                                       : size_t{1} << 30;
    }
  }
  return writer;
}

bool Store::RemoveDocument(std::string_view name) {
  if (impl_->read_only) throw StorageError("the store at '" + impl_->path + "' is read-only");
  std::optional<DocumentInfo> doc = FindDocument(name);
  if (!doc) return false;
  if (doc->state == DocumentState::kComplete) {
    // Marked retiring first, in one write with the documents counter: the removal goes in
    // batches, and a crash between them leaves a document the next writer's recovery finishes.
    doc->state = DocumentState::kRetiring;
    rocksdb::WriteBatch mark;
    mark.Put(impl_->cfs[kDocuments], Be64(doc->id.value), EncodeDocument(*doc));
    mark.Merge(impl_->cfs[kUsage], "cdocuments", EncodeCounter(-1));
    impl_->Write(&mark);
  }
  impl_->RemoveContribution(doc->id);
  return true;
}

}  // namespace weft::storage
