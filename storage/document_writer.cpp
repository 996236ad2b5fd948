// DocumentWriter: one document's statements, sentences and entities, in bounded batches.
#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <cstring>

#include "graph/base/error.h"
#include "storage/store_impl.h"

namespace weft::storage {

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
  ChangeRecord change;
  change.statements.reserve(ids.size() + st.deleted.size());
  for (StatementId id : ids) change.statements.push_back(id.value);
  for (StatementId id : st.deleted) change.statements.push_back(id.value);
  for (const auto& [term, value] : st.entities) change.entities.push_back(term.value);
  if (!change.statements.empty() || !change.entities.empty()) {
    impl.AppendChange(&st.batch, std::move(change));
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
  st.deleted.clear();
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
  st.batch.Delete(impl.cfs[kStatementKeys],
                  StatementContentKey(stmt.subject, stmt.predicate, stmt.object, stmt.qualifiers));
  st.entity_delta[stmt.subject] -= 1;
  st.entity_delta[stmt.object] -= 1;
  st.predicate_delta[stmt.predicate] -= 1;
  st.statements_delta -= 1;
  st.deleted.push_back(stmt.id);
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

void DocumentWriter::ExpectRecords(uint64_t records) {
  if (finished_ || !bulk_) return;
  if (bulk_->MemoryBytes() + BulkLoad::kRecordArrayBytes * records > bulk_memory_bytes_) return;
  bulk_->Reserve(records);
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

void DocumentWriter::Add(const RecordBlock& block) {
  if (finished_) return;
  if (bulk_) {
    bulk_->Add(block);
    records_ += block.size();
    if (bulk_->MemoryBytes() > bulk_memory_bytes_) LeaveBulk();
    return;
  }
  StatementRecord record;
  for (size_t i = 0; i < block.size(); ++i) {
    block.Get(i, &record);
    Add(record);
  }
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
    st.entity_delta[s] += 1;
    st.entity_delta[o] += 1;
    st.predicate_delta[p] += 1;
    st.statements_delta += 1;
  }
  bool first_from_doc = std::none_of(stmt->sources.begin(), stmt->sources.end(),
                                     [&](const Source& x) { return x.document == st.doc.id; });
  if (first_from_doc) {
    st.staged[kDocStatements].emplace_back(MembershipKey(st.doc.id, stmt->id.value), "");
    ++st.doc.statements;
  }
  stmt->sources.push_back(source);
  st.sources_delta += 1;
  ++st.doc.sources;

  if (st.touched.size() >= impl.batch_statements ||
      st.batch.GetDataSize() + 64 * st.staged[kStatementKeys].size() >= kBatchByteLimit) {
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
  uint64_t documents = 0;
  if (auto it = st.entities.find(term); it != st.entities.end()) {
    DecodeEntity(it->second, &old_type, &merged, &documents);
  } else {
    std::string v;
    if (impl.Get(kEntities, key, &v)) DecodeEntity(v, &old_type, &merged, &documents);
  }
  // One more document wrote the name, counted once however often it sets the record.
  if (st.written.insert(term).second) ++documents;
  for (const std::string& a : aliases) {
    if (a != name && std::find(merged.begin(), merged.end(), a) == merged.end())
      merged.push_back(a);
  }
  EntityType t = type != EntityType::kOther ? type : old_type;
  std::string value = EncodeEntity(t, merged, documents);
  st.entities[term] = value;
  st.batch.Put(impl.cfs[kEntities], key, value);
}

void DocumentWriter::SetContentHash(std::string_view content_hash) {
  WEFT_CHECK(!finished_);
  state_->doc.content_hash = std::string(content_hash);
}

void DocumentWriter::Commit() {
  if (finished_) return;
  Store::Impl& impl = *store_->impl_;
  State& st = *state_;
  // The store takes its next writer once this one's work is done, a replaced version's removal
  // included, or has failed.
  struct Release {
    std::atomic<bool>& live;
    ~Release() { live = false; }
  };
  if (bulk_) {
    finished_ = true;
    Release release{impl.writer_live};
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
  Release release{impl.writer_live};
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

}  // namespace weft::storage
