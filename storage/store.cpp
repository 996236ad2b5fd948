#include "storage/store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "graph/error.h"
#include "storage/key_encoding.h"

namespace weft::storage {

namespace {

// Column families, in the order of their handles.
enum Cf : size_t {
  kMeta = 0,         // "default": format version and id counters
  kTermsByName,      // name -> be64 id
  kTermsById,        // be64 id -> name
  kStatements,       // be64 id -> encoded statement
  kStatementKeys,    // be64 s p o (role value)* -> be64 statement id
  kSpo,              // be64 s p o stmt -> ""
  kPos,              // be64 p o s stmt -> ""
  kOsp,              // be64 o s p stmt -> ""
  kDocuments,        // be64 id -> encoded DocumentInfo
  kDocumentsByName,  // name -> be64 id
  kDocStatements,    // be64 doc stmt -> ""
  kSentences,        // be64 doc be32 index -> text
  kUsage,            // counters, merged: "c<name>", "e"+be64 term, "p"+be64 term -> int64
  kEntities,         // be64 term -> type byte, aliases
  kNumCfs
};

const char* const kCfNames[kNumCfs] = {
    "default", "terms_by_name", "terms_by_id", "statements",        "statement_keys", "spo",
    "pos",     "osp",           "documents",   "documents_by_name", "doc_statements", "sentences",
    "usage",   "entities",
};

constexpr size_t kBatchStatementLimit = 100000;
constexpr size_t kBatchByteLimit = 64u << 20;
constexpr size_t kTermCacheLimit = 4u << 20;

int64_t DecodeCounter(const rocksdb::Slice& s) {
  if (s.size() != 8) return 0;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(s[i])) << (8 * i);
  return static_cast<int64_t>(v);
}

std::string EncodeCounter(int64_t value) {
  std::string out(8, '\0');
  uint64_t v = static_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

// Adds signed 64-bit counters, so that counting needs no read before the write.
class CounterMergeOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger*) const override {
    int64_t base = existing ? DecodeCounter(*existing) : 0;
    *new_value = EncodeCounter(base + DecodeCounter(value));
    return true;
  }
  const char* Name() const override { return "weft.CounterAdd"; }
};

std::string Be64(uint64_t v) {
  std::string s;
  AppendBigEndian64(&s, v);
  return s;
}

std::string UsageKey(char role, TermId term) {
  std::string key(1, role);
  AppendBigEndian64(&key, term.value);
  return key;
}

std::string EncodeStatement(const StoredStatement& st) {
  std::string out;
  AppendVarint(&out, st.subject.value);
  AppendVarint(&out, st.predicate.value);
  AppendVarint(&out, st.object.value);
  AppendVarint(&out, st.qualifiers.size());
  for (const StoredQualifier& q : st.qualifiers) {
    AppendVarint(&out, q.role.value);
    AppendVarint(&out, q.value.value);
  }
  AppendVarint(&out, st.sources.size());
  for (const Source& s : st.sources) {
    AppendVarint(&out, s.document.value);
    AppendVarint(&out, s.evidence.sentence);
    AppendVarint(&out, s.evidence.begin);
    AppendVarint(&out, s.evidence.end);
    AppendFixed32(&out, std::bit_cast<uint32_t>(s.evidence.confidence));
  }
  return out;
}

StoredStatement DecodeStatement(StatementId id, std::string_view data) {
  Decoder d(data);
  StoredStatement st;
  st.id = id;
  st.subject = TermId(d.Varint());
  st.predicate = TermId(d.Varint());
  st.object = TermId(d.Varint());
  uint64_t nq = d.Varint();
  for (uint64_t i = 0; i < nq && d.ok(); ++i) {
    StoredQualifier q;
    q.role = TermId(d.Varint());
    q.value = TermId(d.Varint());
    st.qualifiers.push_back(q);
  }
  uint64_t ns = d.Varint();
  for (uint64_t i = 0; i < ns && d.ok(); ++i) {
    Source s;
    s.document = DocumentId(d.Varint());
    s.evidence.sentence = static_cast<uint32_t>(d.Varint());
    s.evidence.begin = static_cast<uint32_t>(d.Varint());
    s.evidence.end = static_cast<uint32_t>(d.Varint());
    s.evidence.confidence = std::bit_cast<float>(d.Fixed32());
    st.sources.push_back(s);
  }
  if (!d.ok() || !d.done()) {
    throw StorageError("corrupt statement record " + std::to_string(id.value) +
                       " (run weft check)");
  }
  return st;
}

std::string StatementContentKey(TermId s, TermId p, TermId o,
                                const std::vector<StoredQualifier>& qualifiers) {
  std::string key;
  key.reserve(24 + 16 * qualifiers.size());
  AppendBigEndian64(&key, s.value);
  AppendBigEndian64(&key, p.value);
  AppendBigEndian64(&key, o.value);
  for (const StoredQualifier& q : qualifiers) {
    AppendBigEndian64(&key, q.role.value);
    AppendBigEndian64(&key, q.value.value);
  }
  return key;
}

std::string EncodeDocument(const DocumentInfo& doc) {
  std::string out;
  out.push_back(static_cast<char>(doc.state));
  AppendLengthPrefixed(&out, doc.name);
  AppendLengthPrefixed(&out, doc.content_hash);
  AppendVarint(&out, static_cast<uint64_t>(doc.time));
  AppendVarint(&out, doc.statements);
  AppendVarint(&out, doc.sources);
  return out;
}

DocumentInfo DecodeDocument(DocumentId id, std::string_view data) {
  Decoder d(data);
  DocumentInfo doc;
  doc.id = id;
  uint8_t state = d.Byte();
  doc.name = std::string(d.LengthPrefixed());
  doc.content_hash = std::string(d.LengthPrefixed());
  doc.time = static_cast<int64_t>(d.Varint());
  doc.statements = d.Varint();
  doc.sources = d.Varint();
  if (!d.ok() || state < 1 || state > 3) {
    throw StorageError("corrupt document record " + std::to_string(id.value) + " (run weft check)");
  }
  doc.state = static_cast<DocumentState>(state);
  return doc;
}

std::string EncodeEntity(EntityType type, const std::vector<std::string>& aliases) {
  std::string out(1, static_cast<char>(type));
  AppendVarint(&out, aliases.size());
  for (const std::string& a : aliases) AppendLengthPrefixed(&out, a);
  return out;
}

void DecodeEntity(std::string_view data, EntityType* type, std::vector<std::string>* aliases) {
  Decoder d(data);
  uint8_t t = d.Byte();
  uint64_t n = d.Varint();
  aliases->clear();
  for (uint64_t i = 0; i < n && d.ok(); ++i) aliases->emplace_back(d.LengthPrefixed());
  if (!d.ok() || t > static_cast<uint8_t>(EntityType::kPlace)) {
    throw StorageError("corrupt entity record (run weft check)");
  }
  *type = static_cast<EntityType>(t);
}

std::string SentenceKey(DocumentId doc, uint32_t index) {
  std::string key;
  AppendBigEndian64(&key, doc.value);
  AppendBigEndian32(&key, index);
  return key;
}

}  // namespace

struct Store::Impl {
  std::string path;
  bool read_only = false;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
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

  void RemoveContribution(DocumentId doc);
  void Recover();
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

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

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

  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(64u << 20);
  auto merge = std::make_shared<CounterMergeOperator>();

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (size_t i = 0; i < kNumCfs; ++i) {
    rocksdb::ColumnFamilyOptions cf_options;
    cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    cf_options.merge_operator = merge;
    cf_options.write_buffer_size = 32u << 20;
    descriptors.emplace_back(kCfNames[i], cf_options);
  }

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
  if (!options.read_only) impl->Recover();
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

StoreStats Store::Stats() const {
  StoreStats stats;
  stats.statements = static_cast<uint64_t>(std::max<int64_t>(0, impl_->Counter("statements")));
  stats.sources = static_cast<uint64_t>(std::max<int64_t>(0, impl_->Counter("sources")));
  stats.documents = static_cast<uint64_t>(std::max<int64_t>(0, impl_->Counter("documents")));
  stats.terms = impl_->next_term - 1;
  std::vector<std::pair<uint64_t, TermId>> predicates;
  auto it = impl_->NewIterator(kUsage);
  for (it->Seek("e"); it->Valid() && it->key().starts_with("e"); it->Next()) {
    if (DecodeCounter(it->value()) > 0) ++stats.entities;
  }
  for (it->Seek("p"); it->Valid() && it->key().starts_with("p"); it->Next()) {
    int64_t n = DecodeCounter(it->value());
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
  if (!repair || report.problems.empty()) return report;

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
                                                     std::string_view content_hash) {
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
  impl_->writer_live = true;
  return std::unique_ptr<DocumentWriter>(new DocumentWriter(this, status, std::move(state)));
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
  Store::Impl& impl = *store_->impl_;
  state_->batch.Put(impl.cfs[kSentences], SentenceKey(state_->doc.id, index),
                    rocksdb::Slice(text.data(), text.size()));
}

void DocumentWriter::Add(const StatementRecord& record) {
  if (finished_) return;
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
  ++records_;

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
