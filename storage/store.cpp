#include "storage/store.h"

#include <fmt/format.h>
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
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "graph/error.h"
#include "storage/bulk_load.h"
#include "storage/key_encoding.h"
#include "storage/records.h"

namespace weft::storage {

using namespace records;

namespace {

constexpr size_t kBatchStatementLimit = 100000;
constexpr size_t kBatchByteLimit = 64u << 20;
constexpr size_t kTermCacheLimit = 4u << 20;
// Table files a bulk load writes are cut at about this size.
constexpr uint64_t kBulkFileBytes = 256u << 20;
// The directory, inside the store's, where a bulk load writes its table files.
constexpr const char* kBulkDirectory = "weft.bulk.tmp";
// Set in the default column family while a bulk load's files are being added; the files delete
// it. Its presence makes the addition overlap what the store holds, so RocksDB gives it a new
// sequence number and Sequence() changes with the load.
constexpr const char* kBulkMarker = "bulk_load";

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
  std::unordered_map<std::string, TermId> term_cache;
  bool writer_live = false;
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
  // New keys of the insert-only column families, written sorted at the end of the batch: the
  // memtable then inserts them in order, which is several times cheaper than random order.
  std::vector<std::pair<std::string, std::string>> staged[kNumCfs];
  int64_t statements_delta = 0;
  int64_t sources_delta = 0;
  bool flushed_any = false;
};

namespace {

// Applies the staged keys, the counter deltas and the touched statements to the batch.
void StageTouched(Store::Impl& impl, DocumentWriter::State& st) {
  for (size_t cf = 0; cf < kNumCfs; ++cf) {
    auto& v = st.staged[cf];
    std::sort(v.begin(), v.end());
    for (const auto& [k, val] : v) st.batch.Put(impl.cfs[cf], k, val);
    v.clear();
  }
  std::vector<StatementId> ids;
  ids.reserve(st.touched.size());
  for (const auto& [id, stmt] : st.touched) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  for (StatementId id : ids) {
    st.batch.Put(impl.cfs[kStatements], Be64(id.value), EncodeStatement(st.touched.at(id)));
  }
  for (auto& [term, delta] : st.entity_delta) {
    if (delta != 0) st.batch.Merge(impl.cfs[kUsage], UsageKey('e', term), EncodeCounter(delta));
  }
  for (auto& [term, delta] : st.predicate_delta) {
    if (delta != 0) st.batch.Merge(impl.cfs[kUsage], UsageKey('p', term), EncodeCounter(delta));
  }
  if (st.statements_delta != 0) {
    st.batch.Merge(impl.cfs[kUsage], "cstatements", EncodeCounter(st.statements_delta));
  }
  if (st.sources_delta != 0) {
    st.batch.Merge(impl.cfs[kUsage], "csources", EncodeCounter(st.sources_delta));
  }
  st.batch.Put(impl.cfs[kMeta], "next_term", Be64(impl.next_term));
  st.batch.Put(impl.cfs[kMeta], "next_statement", Be64(impl.next_statement));
  st.batch.Put(impl.cfs[kMeta], "next_document", Be64(impl.next_document));
}

void ResetBatch(Store::Impl& impl, DocumentWriter::State& st) {
  for (auto& [name, id] : st.new_terms) {
    if (impl.term_cache.size() >= kTermCacheLimit) impl.term_cache.clear();
    impl.term_cache.emplace(name, id);
  }
  st.batch.Clear();
  for (auto& v : st.staged) v.clear();
  st.touched.clear();
  st.new_keys.clear();
  st.new_terms.clear();
  st.entity_delta.clear();
  st.predicate_delta.clear();
  st.entities.clear();
  st.statements_delta = 0;
  st.sources_delta = 0;
}

// Loads a statement for change, from this batch if it was changed in it.
StoredStatement* Touch(Store::Impl& impl, DocumentWriter::State& st, StatementId id) {
  auto it = st.touched.find(id);
  if (it != st.touched.end()) return &it->second;
  std::optional<StoredStatement> loaded = impl.LoadStatement(id);
  if (!loaded) return nullptr;
  return &st.touched.emplace(id, std::move(*loaded)).first->second;
}

void DeleteStatement(Store::Impl& impl, DocumentWriter::State& st, const StoredStatement& stmt) {
  const uint64_t s = stmt.subject.value, p = stmt.predicate.value, o = stmt.object.value;
  const uint64_t id = stmt.id.value;
  st.batch.Delete(impl.cfs[kStatementKeys],
                  StatementContentKey(stmt.subject, stmt.predicate, stmt.object, stmt.qualifiers));
  st.batch.Delete(impl.cfs[kSpo], EncodeIndexKey(s, p, o, id));
  st.batch.Delete(impl.cfs[kPos], EncodeIndexKey(p, o, s, id));
  st.batch.Delete(impl.cfs[kOsp], EncodeIndexKey(o, s, p, id));
  st.entity_delta[stmt.subject] -= 1;
  st.entity_delta[stmt.object] -= 1;
  st.predicate_delta[stmt.predicate] -= 1;
  st.statements_delta -= 1;
}

}  // namespace

void Store::Impl::RemoveContribution(DocumentId doc) {
  // Chunked: each batch removes up to kBatchStatementLimit statements' sources and their
  // membership keys, so a crash in between leaves a state the next Recover finishes.
  const std::string prefix = Be64(doc.value);
  for (;;) {
    DocumentWriter::State st;
    std::vector<StatementId> ids;
    {
      auto it = NewIterator(kDocStatements);
      for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        if (it->key().size() != 16) throw StorageError("corrupt document membership key");
        ids.emplace_back(ReadBigEndian64(it->key().data() + 8));
        if (ids.size() >= batch_statements) break;
      }
      Check(it->status(), "scan failed");
    }
    if (ids.empty()) break;
    for (StatementId id : ids) {
      st.batch.Delete(cfs[kDocStatements], prefix + Be64(id.value));
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

namespace {

// Writes one column family's keys into table files of about kBulkFileBytes each.
class TableFileSink : public TableSink {
 public:
  TableFileSink(const Store::Impl& impl, Cf cf, std::string prefix)
      : impl_(impl),
        options_(impl.db_options, impl.cf_options[cf]),
        cf_(cf),
        prefix_(std::move(prefix)) {}

  void Put(std::string_view key, std::string_view value) override {
    if (!writer_) Start();
    impl_.Check(writer_->Put(rocksdb::Slice(key.data(), key.size()),
                             rocksdb::Slice(value.data(), value.size())),
                "bulk load: writing a table file failed");
    if (writer_->FileSize() >= kBulkFileBytes) Finish();
  }
  void Delete(std::string_view key) {
    if (!writer_) Start();
    impl_.Check(writer_->Delete(rocksdb::Slice(key.data(), key.size())),
                "bulk load: writing a table file failed");
  }
  void Finish() {
    if (!writer_) return;
    impl_.Check(writer_->Finish(), "bulk load: finishing a table file failed");
    writer_.reset();
  }
  const std::vector<std::string>& files() const { return files_; }

 private:
  void Start() {
    files_.push_back(fmt::format("{}-{:03}.sst", prefix_, files_.size()));
    writer_ = std::make_unique<rocksdb::SstFileWriter>(
        rocksdb::EnvOptions(), options_, impl_.cfs[cf_], /*invalidate_page_cache=*/false);
    impl_.Check(writer_->Open(files_.back()), "bulk load: creating a table file failed");
  }

  const Store::Impl& impl_;
  rocksdb::Options options_;
  Cf cf_;
  std::string prefix_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  std::vector<std::string> files_;
};

}  // namespace

void Store::Impl::IngestBulk(BulkLoad& load, DocumentInfo doc) {
  namespace fs = std::filesystem;
  const size_t threads = std::max(1u, std::thread::hardware_concurrency());
  load.Finish(threads);
  doc.state = DocumentState::kComplete;
  doc.statements = load.statements();
  doc.sources = load.sources();

  const fs::path dir = fs::path(path) / kBulkDirectory;
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (!fs::create_directory(dir, ec)) {
    throw StorageError("bulk load: cannot create " + dir.string() + ": " + ec.message());
  }
  // Gone on every way out: ingestion links the files into the store, a failure drops them.
  struct RemoveOnExit {
    const fs::path& dir;
    ~RemoveOnExit() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } remove_dir{dir};
  // The largest families first, so that the threads finish together.
  std::vector<Cf> tables;
  for (Cf cf : {kSpo, kPos, kOsp, kStatementKeys, kStatements, kDocStatements, kTermsByName,
                kTermsById, kSentences, kUsage, kDocuments, kDocumentsByName, kMeta}) {
    if (load.HasTable(cf)) tables.push_back(cf);
  }
  std::vector<std::unique_ptr<TableFileSink>> sinks(kNumCfs);
  for (Cf cf : tables) {
    sinks[cf] = std::make_unique<TableFileSink>(*this, cf, (dir / kCfNames[cf]).string());
  }
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto work = [&] {
    for (size_t i = next++; i < tables.size(); i = next++) {
      try {
        const Cf cf = tables[i];
        if (cf == kMeta) sinks[cf]->Delete(kBulkMarker);  // sorts before "next_..."
        load.WriteTable(cf, doc, *sinks[cf]);
        sinks[cf]->Finish();
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t i = 1; i < std::min(threads, tables.size()); ++i) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  std::vector<rocksdb::IngestExternalFileArg> args;
  for (Cf cf : tables) {
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cfs[cf];
    arg.external_files = sinks[cf]->files();
    arg.options.move_files = true;
    arg.options.write_global_seqno = false;
    args.push_back(std::move(arg));
  }
  const uint64_t before = db->GetLatestSequenceNumber();
  Check(db->Put(write_options, cfs[kMeta], kBulkMarker, doc.name), "write failed");
  Check(db->IngestExternalFiles(args), "bulk load: adding the table files failed");
  next_term += load.terms();
  next_statement += load.statements();
  next_document = std::max(next_document, doc.id.value + 1);
  if (db->GetLatestSequenceNumber() <= before + 1) {
    // The sequence number keys derived files; it must move past the marker's write.
    Check(db->Put(write_options, cfs[kMeta], "next_document", Be64(next_document)), "write failed");
  }
}

void Store::Impl::RemoveBulkLeftovers() {
  // A bulk load that died before its files were added leaves its directory and its marker.
  std::error_code ec;
  std::filesystem::remove_all(std::filesystem::path(path) / kBulkDirectory, ec);
  std::string v;
  if (Get(kMeta, kBulkMarker, &v)) {
    Check(db->Delete(write_options, cfs[kMeta], kBulkMarker), "write failed");
  }
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

namespace {

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
  // document or entity); the covering indexes are read by prefix scans, which filters on whole
  // keys cannot help, and the others by ids that exist.
  rocksdb::BlockBasedTableOptions filtered = table;
  filtered.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  auto merge = std::make_shared<CounterMergeOperator>();

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (size_t i = 0; i < kNumCfs; ++i) {
    const bool misses = i == kTermsByName || i == kStatementKeys || i == kDocumentsByName ||
                        i == kEntities || i == kMeta || i == kUsage;
    rocksdb::ColumnFamilyOptions cf_options;
    cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(misses ? filtered : table));
    cf_options.merge_operator = merge;
    cf_options.write_buffer_size = 32u << 20;
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
    s = rocksdb::DB::OpenForReadOnly(db_options, path, descriptors, &impl->cfs, &raw);
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
  if (impl->Get(kMeta, "format_version", &version)) {
    if (version.size() != 4) throw StorageError("'" + path + "' has a corrupt format version");
    uint32_t v = ReadBigEndian32(version.data());
    if (v > kFormatVersion) {
      throw StorageError("the store at '" + path + "' was written by a newer weft (format " +
                         std::to_string(v) + "; this weft reads up to format " +
                         std::to_string(kFormatVersion) + "); upgrade weft to open it");
    }
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
  if (!options.read_only) {
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
  Cf cf = kSpo;
  std::string prefix;
  // Pick the index whose key starts with the bound positions.
  if (subject && object && !predicate) {
    cf = kOsp;
    AppendBigEndian64(&prefix, object->value);
    AppendBigEndian64(&prefix, subject->value);
  } else if (subject) {
    cf = kSpo;
    AppendBigEndian64(&prefix, subject->value);
    if (predicate) {
      AppendBigEndian64(&prefix, predicate->value);
      if (object) AppendBigEndian64(&prefix, object->value);
    }
  } else if (predicate) {
    cf = kPos;
    AppendBigEndian64(&prefix, predicate->value);
    if (object) AppendBigEndian64(&prefix, object->value);
  } else if (object) {
    cf = kOsp;
    AppendBigEndian64(&prefix, object->value);
  }
  auto it = impl_->NewIterator(cf);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    IndexKey k;
    if (!DecodeIndexKey(it->key().ToStringView(), &k)) throw StorageError("corrupt index key");
    TermId s, p, o;
    switch (cf) {
      case kSpo:
        s = TermId(k.a), p = TermId(k.b), o = TermId(k.c);
        break;
      case kPos:
        p = TermId(k.a), o = TermId(k.b), s = TermId(k.c);
        break;
      default:
        o = TermId(k.a), s = TermId(k.b), p = TermId(k.c);
        break;
    }
    if (!fn(StatementId(k.statement), s, p, o)) return;
  }
  impl_->Check(it->status(), "index scan failed");
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
    DecodeEntity(it->value().ToStringView(), &type, &aliases);
    if (!fn(TermId(ReadBigEndian64(it->key().data())), type, aliases)) return;
  }
  impl_->Check(it->status(), "entity scan failed");
}

namespace {
constexpr std::string_view kMergePrefix = "merge:";
constexpr std::string_view kApartPrefix = "apart:";
}  // namespace

void Store::SetMerge(std::string_view alias, std::string_view canonical) {
  if (impl_->read_only) throw StorageError("merging needs the store open for writing");
  impl_->Check(impl_->db->Put(impl_->write_options, impl_->cfs[kMeta],
                              std::string(kMergePrefix) + std::string(alias), canonical),
               "write failed");
}

bool Store::RemoveMerge(std::string_view alias) {
  if (impl_->read_only) throw StorageError("splitting needs the store open for writing");
  const std::string key = std::string(kMergePrefix) + std::string(alias);
  std::string v;
  if (!impl_->Get(kMeta, key, &v)) return false;
  impl_->Check(impl_->db->Delete(impl_->write_options, impl_->cfs[kMeta], key), "write failed");
  return true;
}

void Store::SetKeptApart(std::string_view name, bool apart) {
  if (impl_->read_only) throw StorageError("splitting needs the store open for writing");
  const std::string key = std::string(kApartPrefix) + std::string(name);
  rocksdb::Status st = apart ? impl_->db->Put(impl_->write_options, impl_->cfs[kMeta], key, "")
                             : impl_->db->Delete(impl_->write_options, impl_->cfs[kMeta], key);
  impl_->Check(st, "write failed");
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

Store::CheckReport Store::Check(bool repair) {
  if (repair && impl_->read_only) throw StorageError("--repair needs the store open for writing");
  CheckReport report;
  Impl& impl = *impl_;
  auto problem = [&](std::string p) {
    if (report.problems.size() < 1000) report.problems.push_back(std::move(p));
  };
  std::unordered_set<uint64_t> complete_docs;
  ForEachDocument([&](const DocumentInfo& d) {
    complete_docs.insert(d.id.value);
    ++report.documents;
    return true;
  });
  {
    auto it = impl.NewIterator(kDocuments);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      DocumentInfo d =
          DecodeDocument(DocumentId(ReadBigEndian64(it->key().data())), it->value().ToStringView());
      if (d.state != DocumentState::kComplete) {
        problem(fmt::format("document {} ('{}') is left half-written", d.id.value, d.name));
      }
    }
  }
  auto has = [&](Cf cf, const std::string& key) {
    std::string v;
    return impl.Get(cf, key, &v);
  };
  std::unordered_map<uint64_t, int64_t> entity_use, predicate_use;
  int64_t sources = 0;
  std::string v;
  ForEachStatement([&](const StoredStatement& st) {
    ++report.statements;
    const uint64_t s = st.subject.value, p = st.predicate.value, o = st.object.value,
                   id = st.id.value;
    for (TermId t : {st.subject, st.predicate, st.object}) {
      if (!has(kTermsById, Be64(t.value)))
        problem(fmt::format("statement {} uses term {} missing from the dictionary", id, t.value));
    }
    for (const StoredQualifier& q : st.qualifiers) {
      if (!has(kTermsById, Be64(q.role.value)) || !has(kTermsById, Be64(q.value.value))) {
        problem(fmt::format("statement {} has a qualifier term missing from the dictionary", id));
      }
    }
    if (!has(kSpo, EncodeIndexKey(s, p, o, id)))
      problem(fmt::format("statement {} is missing from the SPO index", id));
    if (!has(kPos, EncodeIndexKey(p, o, s, id)))
      problem(fmt::format("statement {} is missing from the POS index", id));
    if (!has(kOsp, EncodeIndexKey(o, s, p, id)))
      problem(fmt::format("statement {} is missing from the OSP index", id));
    std::string ck = StatementContentKey(st.subject, st.predicate, st.object, st.qualifiers);
    if (!impl.Get(kStatementKeys, ck, &v) || v != Be64(id))
      problem(fmt::format("statement {} has no content key", id));
    if (st.sources.empty()) problem(fmt::format("statement {} has no source", id));
    for (const Source& src : st.sources) {
      if (!complete_docs.count(src.document.value)) {
        problem(fmt::format("statement {} cites document {}, which is not complete", id,
                            src.document.value));
      }
      if (!has(kDocStatements, Be64(src.document.value) + Be64(id))) {
        problem(fmt::format("document {} does not list its statement {}", src.document.value, id));
      }
    }
    sources += static_cast<int64_t>(st.sources.size());
    entity_use[s]++;
    entity_use[o]++;
    predicate_use[p]++;
    return true;
  });
  // The dictionary both ways: every name's id names it back, and every id is some name's.
  // A lost direction is restored from the other by --repair.
  std::vector<std::pair<std::string, std::string>> dictionary_fixes;  // (cf, key) to rewrite
  {
    auto it = impl.NewIterator(kTermsByName);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->value().size() != 8) {
        problem(fmt::format("dictionary entry '{}' has a malformed id", it->key().ToString()));
        continue;
      }
      std::string name;
      if (!impl.Get(kTermsById, it->value(), &name)) {
        problem(fmt::format("term {} ('{}') is missing from the dictionary by id",
                            ReadBigEndian64(it->value().data()), it->key().ToString()));
        dictionary_fixes.emplace_back(it->value().ToString(), it->key().ToString());
      }
    }
    impl.Check(it->status(), "dictionary scan failed");
  }
  // Every document membership names a statement that cites that document.
  {
    auto it = impl.NewIterator(kDocStatements);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() != 16) {
        problem("malformed document membership key");
        continue;
      }
      const uint64_t doc = ReadBigEndian64(it->key().data());
      const uint64_t id = ReadBigEndian64(it->key().data() + 8);
      std::optional<StoredStatement> st = impl.LoadStatement(StatementId(id));
      bool cited = st && std::any_of(st->sources.begin(), st->sources.end(),
                                     [&](const Source& src) { return src.document.value == doc; });
      if (!cited) {
        problem(fmt::format("document {} lists statement {}, which does not cite it", doc, id));
      }
    }
    impl.Check(it->status(), "membership scan failed");
  }
  // Every index entry must be backed by its statement.
  for (Cf cf : {kSpo, kPos, kOsp}) {
    auto it = impl.NewIterator(cf);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++report.index_entries;
      IndexKey k;
      if (!DecodeIndexKey(it->key().ToStringView(), &k)) {
        problem("malformed index key");
        continue;
      }
      std::optional<StoredStatement> st = impl.LoadStatement(StatementId(k.statement));
      if (!st) {
        problem(fmt::format("index entry for missing statement {}", k.statement));
        continue;
      }
      uint64_t s = st->subject.value, p = st->predicate.value, o = st->object.value;
      bool ok = cf == kSpo   ? (k.a == s && k.b == p && k.c == o)
                : cf == kPos ? (k.a == p && k.b == o && k.c == s)
                             : (k.a == o && k.b == s && k.c == p);
      if (!ok) problem(fmt::format("index entry disagrees with statement {}", k.statement));
    }
  }
  {
    auto it = impl.NewIterator(kTermsById);
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++report.terms;
  }
  if (impl.Counter("statements") != static_cast<int64_t>(report.statements)) {
    problem(fmt::format("statement counter says {}, the store holds {}", impl.Counter("statements"),
                        report.statements));
  }
  if (impl.Counter("sources") != sources) {
    problem(fmt::format("source counter says {}, the store holds {}", impl.Counter("sources"),
                        sources));
  }
  if (impl.Counter("documents") != static_cast<int64_t>(report.documents)) {
    problem(fmt::format("document counter says {}, the store holds {}", impl.Counter("documents"),
                        report.documents));
  }
  // Manual merges name terms the dictionary holds, and no chain of them returns to its start.
  std::vector<std::string> dangling;
  {
    std::map<std::string, std::string> merges;
    for (const Merge& m : Merges()) merges[m.alias] = m.canonical;
    for (const auto& [alias, canonical] : merges) {
      std::string why;
      if (!FindTerm(alias)) {
        why = "'" + alias + "' is no name in the store";
      } else if (!FindTerm(canonical)) {
        why = "'" + canonical + "' is no name in the store";
      } else {
        std::string at = canonical;
        for (size_t hops = 0; hops <= merges.size() && why.empty(); ++hops) {
          auto next = merges.find(at);
          if (next == merges.end()) break;
          if (next->first == alias) why = "the merges form a cycle";
          at = next->second;
        }
      }
      if (!why.empty()) {
        problem(fmt::format("merge of '{}' into '{}' dangles: {}", alias, canonical, why));
        dangling.push_back(alias);
      }
    }
  }
  if (!repair || report.problems.empty()) return report;
  for (const std::string& alias : dangling) RemoveMerge(alias);
  {
    rocksdb::WriteBatch terms;
    for (const auto& [id, name] : dictionary_fixes) terms.Put(impl.cfs[kTermsById], id, name);
    impl.Write(&terms);
  }

  // Rebuild everything derived from the statements, in bounded batches.
  for (Cf cf : {kSpo, kPos, kOsp, kStatementKeys, kDocStatements, kUsage}) {
    std::string lo(1, '\0'), hi(64, '\xff');
    rocksdb::WriteBatch wipe;
    wipe.DeleteRange(impl.cfs[cf], lo, hi);
    wipe.Delete(impl.cfs[cf], "");
    impl.Write(&wipe);
  }
  rocksdb::WriteBatch batch;
  auto flush = [&] {
    impl.Write(&batch);
    batch.Clear();
  };
  ForEachStatement([&](const StoredStatement& st) {
    const uint64_t s = st.subject.value, p = st.predicate.value, o = st.object.value,
                   id = st.id.value;
    batch.Put(impl.cfs[kSpo], EncodeIndexKey(s, p, o, id), "");
    batch.Put(impl.cfs[kPos], EncodeIndexKey(p, o, s, id), "");
    batch.Put(impl.cfs[kOsp], EncodeIndexKey(o, s, p, id), "");
    batch.Put(impl.cfs[kStatementKeys],
              StatementContentKey(st.subject, st.predicate, st.object, st.qualifiers), Be64(id));
    for (const Source& src : st.sources)
      batch.Put(impl.cfs[kDocStatements], Be64(src.document.value) + Be64(id), "");
    if (batch.GetDataSize() > kBatchByteLimit) flush();
    return true;
  });
  for (auto [t, n] : entity_use)
    batch.Put(impl.cfs[kUsage], UsageKey('e', TermId(t)), EncodeCounter(n));
  for (auto [t, n] : predicate_use)
    batch.Put(impl.cfs[kUsage], UsageKey('p', TermId(t)), EncodeCounter(n));
  batch.Put(impl.cfs[kUsage], "cstatements",
            EncodeCounter(static_cast<int64_t>(report.statements)));
  batch.Put(impl.cfs[kUsage], "csources", EncodeCounter(sources));
  batch.Put(impl.cfs[kUsage], "cdocuments", EncodeCounter(static_cast<int64_t>(report.documents)));
  flush();
  report.repaired = true;
  return report;
}

uint64_t Store::Sequence() const { return impl_->db->GetLatestSequenceNumber(); }

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
  WEFT_CHECK(!impl_->writer_live);
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
  state->doc.time = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  state->doc.state = DocumentState::kPending;
  const bool bulk = options.bulk && status == DocumentStatus::kNew && impl_->Empty();
  impl_->writer_live = true;
  std::unique_ptr<DocumentWriter> writer(new DocumentWriter(this, status, std::move(state)));
  if (bulk) {
    writer->bulk_ = std::make_unique<BulkLoad>(impl_->next_term, impl_->next_statement);
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
  impl_->RemoveContribution(doc->id);
  return true;
}

DocumentWriter::DocumentWriter(Store* store, DocumentStatus status, std::unique_ptr<State> state)
    : store_(store), status_(status), state_(std::move(state)) {
  if (!state_) finished_ = true;
}

DocumentWriter::~DocumentWriter() {
  if (!finished_) {
    try {
      Abort();
    } catch (const Error&) {
      // A failed rollback is finished by the next writer's recovery.
    }
  }
}

namespace {

TermId Intern(Store::Impl& impl, DocumentWriter::State& st, std::string_view name) {
  WEFT_CHECK(!name.empty());
  std::string key(name);
  if (auto it = st.new_terms.find(key); it != st.new_terms.end()) return it->second;
  if (auto it = impl.term_cache.find(key); it != impl.term_cache.end()) return it->second;
  std::string v;
  if (impl.Get(kTermsByName, key, &v)) {
    if (v.size() != 8) throw StorageError("corrupt term dictionary entry");
    TermId id(ReadBigEndian64(v.data()));
    if (impl.term_cache.size() >= kTermCacheLimit) impl.term_cache.clear();
    impl.term_cache.emplace(std::move(key), id);
    return id;
  }
  TermId id(impl.next_term++);
  st.staged[kTermsByName].emplace_back(key, Be64(id.value));
  st.staged[kTermsById].emplace_back(Be64(id.value), key);
  st.new_terms.emplace(std::move(key), id);
  return id;
}

}  // namespace

void DocumentWriter::AddSentence(uint32_t index, std::string_view text) {
  if (finished_) return;
  if (bulk_) {
    bulk_->AddSentence(index, text);
    if (bulk_->MemoryBytes() > bulk_memory_bytes_) LeaveBulk();
    return;
  }
  AddSentenceIncremental(index, text);
}

void DocumentWriter::AddSentenceIncremental(uint32_t index, std::string_view text) {
  Store::Impl& impl = *store_->impl_;
  state_->batch.Put(impl.cfs[kSentences], SentenceKey(state_->doc.id, index),
                    rocksdb::Slice(text.data(), text.size()));
}

void DocumentWriter::Add(const StatementRecord& record) {
  if (finished_) return;
  if (bulk_) {
    bulk_->Add(record);
    ++records_;
    if (bulk_->MemoryBytes() > bulk_memory_bytes_) LeaveBulk();
    return;
  }
  AddIncremental(record);
  ++records_;
}

void DocumentWriter::LeaveBulk() {
  std::unique_ptr<BulkLoad> load = std::move(bulk_);
  load->Replay(
      [this](uint32_t index, std::string_view text) { AddSentenceIncremental(index, text); },
      [this](const StatementRecord& record) { AddIncremental(record); });
}

void DocumentWriter::AddIncremental(const StatementRecord& record) {
  Store::Impl& impl = *store_->impl_;
  State& st = *state_;
  TermId s = Intern(impl, st, record.subject);
  TermId p = Intern(impl, st, record.predicate);
  TermId o = Intern(impl, st, record.object);
  std::vector<StoredQualifier> qualifiers;
  qualifiers.reserve(record.qualifiers.size());
  for (const Qualifier& q : record.qualifiers) {
    qualifiers.push_back({Intern(impl, st, q.role), Intern(impl, st, q.value)});
  }
  std::sort(qualifiers.begin(), qualifiers.end());
  qualifiers.erase(std::unique(qualifiers.begin(), qualifiers.end()), qualifiers.end());

  std::string content = StatementContentKey(s, p, o, qualifiers);
  std::optional<StatementId> existing;
  if (auto it = st.new_keys.find(content); it != st.new_keys.end()) {
    existing = it->second;
  } else {
    std::string v;
    if (impl.Get(kStatementKeys, content, &v)) {
      if (v.size() != 8) throw StorageError("corrupt statement key entry");
      existing = StatementId(ReadBigEndian64(v.data()));
    }
  }
  Source source{st.doc.id, record.evidence};
  StoredStatement* stmt = nullptr;
  if (existing) stmt = Touch(impl, st, *existing);
  if (stmt == nullptr) {
    StatementId id(impl.next_statement++);
    StoredStatement fresh;
    fresh.id = id;
    fresh.subject = s;
    fresh.predicate = p;
    fresh.object = o;
    fresh.qualifiers = std::move(qualifiers);
    stmt = &st.touched.emplace(id, std::move(fresh)).first->second;
    st.new_keys.emplace(content, id);
    st.staged[kStatementKeys].emplace_back(content, Be64(id.value));
    st.staged[kSpo].emplace_back(EncodeIndexKey(s.value, p.value, o.value, id.value), "");
    st.staged[kPos].emplace_back(EncodeIndexKey(p.value, o.value, s.value, id.value), "");
    st.staged[kOsp].emplace_back(EncodeIndexKey(o.value, s.value, p.value, id.value), "");
    st.entity_delta[s] += 1;
    st.entity_delta[o] += 1;
    st.predicate_delta[p] += 1;
    st.statements_delta += 1;
  }
  bool first_from_doc = std::none_of(stmt->sources.begin(), stmt->sources.end(),
                                     [&](const Source& x) { return x.document == st.doc.id; });
  if (first_from_doc) {
    st.staged[kDocStatements].emplace_back(Be64(st.doc.id.value) + Be64(stmt->id.value), "");
    ++st.doc.statements;
  }
  stmt->sources.push_back(source);
  st.sources_delta += 1;
  ++st.doc.sources;

  if (st.touched.size() >= impl.batch_statements ||
      st.batch.GetDataSize() + 96 * st.staged[kSpo].size() >= kBatchByteLimit) {
    // Flush a pending document: its record goes first so a crash can find and roll it back.
    st.batch.Put(impl.cfs[kDocuments], Be64(st.doc.id.value), EncodeDocument(st.doc));
    StageTouched(impl, st);
    impl.Write(&st.batch);
    st.flushed_any = true;
    ResetBatch(impl, st);
  }
}

void DocumentWriter::SetEntity(std::string_view name, EntityType type,
                               const std::vector<std::string>& aliases) {
  if (finished_) return;
  if (bulk_) LeaveBulk();  // entity records are written by the incremental path only
  Store::Impl& impl = *store_->impl_;
  State& st = *state_;
  TermId term = Intern(impl, st, name);
  std::string key = Be64(term.value);
  EntityType old_type = EntityType::kOther;
  std::vector<std::string> merged;
  if (auto it = st.entities.find(term); it != st.entities.end()) {
    DecodeEntity(it->second, &old_type, &merged);
  } else {
    std::string v;
    if (impl.Get(kEntities, key, &v)) DecodeEntity(v, &old_type, &merged);
  }
  for (const std::string& a : aliases) {
    if (a != name && std::find(merged.begin(), merged.end(), a) == merged.end())
      merged.push_back(a);
  }
  EntityType t = type != EntityType::kOther ? type : old_type;
  std::string value = EncodeEntity(t, merged);
  st.entities[term] = value;
  st.batch.Put(impl.cfs[kEntities], key, value);
}

void DocumentWriter::Commit() {
  if (finished_) return;
  Store::Impl& impl = *store_->impl_;
  State& st = *state_;
  if (bulk_) {
    finished_ = true;
    impl.writer_live = false;
    std::unique_ptr<BulkLoad> load = std::move(bulk_);
    impl.IngestBulk(*load, st.doc);
    return;
  }
  st.doc.state = DocumentState::kComplete;
  st.batch.Put(impl.cfs[kDocuments], Be64(st.doc.id.value), EncodeDocument(st.doc));
  st.batch.Put(impl.cfs[kDocumentsByName], st.doc.name, Be64(st.doc.id.value));
  if (st.replaces) {
    std::optional<DocumentInfo> old = impl.LoadDocument(*st.replaces);
    if (old) {
      old->state = DocumentState::kRetiring;
      st.batch.Put(impl.cfs[kDocuments], Be64(old->id.value), EncodeDocument(*old));
    }
  } else {
    st.batch.Merge(impl.cfs[kUsage], "cdocuments", EncodeCounter(1));
  }
  StageTouched(impl, st);
  impl.Write(&st.batch);
  ResetBatch(impl, st);
  finished_ = true;
  impl.writer_live = false;
  // A replaced version was marked retiring in the same write; removing it is resumable.
  if (st.replaces) impl.RemoveContribution(*st.replaces);
}

void DocumentWriter::Abort() {
  if (finished_) return;
  finished_ = true;
  bulk_.reset();
  Store::Impl& impl = *store_->impl_;
  State& st = *state_;
  st.batch.Clear();
  st.new_terms.clear();  // never written: keep them out of the cache
  ResetBatch(impl, st);
  impl.writer_live = false;
  if (st.flushed_any) impl.RemoveContribution(st.doc.id);
}

std::string ContentHash(std::string_view content) {
  ContentHasher h;
  h.Update(content);
  return h.Finish();
}

void ContentHasher::Update(std::string_view data) {
  // Two independent 64-bit FNV-1a style lanes and the length: 136 bits of identity.
  for (unsigned char c : data) {
    a_ = (a_ ^ c) * 0x100000001b3ULL;
    b_ = (b_ ^ c) * 0x9e3779b97f4a7c15ULL;
    b_ ^= b_ >> 29;
  }
  length_ += data.size();
}

std::string ContentHasher::Finish() const {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx-%llx", static_cast<unsigned long long>(a_),
                static_cast<unsigned long long>(b_), static_cast<unsigned long long>(length_));
  return buf;
}

}  // namespace weft::storage
