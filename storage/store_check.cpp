// Store::Check: the store's indexes, dictionaries, documents and merges against each other.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "graph/base/error.h"
#include "storage/store_impl.h"

namespace weft::storage {

namespace {

// One run of Store::Check: what it found so far, and what a repair needs.
class Checker {
 public:
  Checker(Store& store, Store::Impl& impl) : store_(store), impl_(impl) {}

  // Complete documents, and documents left half-written.
  void Documents();
  // Each statement's terms, index entries, content key and sources; the counts a repair writes.
  void Statements();
  // The dictionary both ways: every name's id names it back (a lost direction is restored from
  // the other by a repair).
  void Dictionary();
  // Every document membership names a statement that cites that document.
  void Memberships();
  // Every index entry is backed by its statement.
  void IndexEntries();
  // The stored counters against what the store holds.
  void Counters();
  // Manual merges name terms the dictionary holds, and no chain of them returns to its start.
  void Merges();
  // Removes dangling merges, restores the dictionary, and rebuilds everything derived from the
  // statements (indexes, content keys, memberships, counts) in bounded batches.
  void Repair();

  Store::CheckReport report;

 private:
  void Problem(std::string p) {
    if (report.problems.size() < 1000) report.problems.push_back(std::move(p));
  }
  bool Has(Cf cf, const std::string& key) const {
    std::string v;
    return impl_.Get(cf, key, &v);
  }

  Store& store_;
  Store::Impl& impl_;
  std::unordered_set<uint64_t> complete_docs_;
  std::unordered_map<uint64_t, int64_t> entity_use_, predicate_use_;
  int64_t sources_ = 0;
  std::vector<std::pair<std::string, std::string>> dictionary_fixes_;  // (id, name) to rewrite
  std::vector<std::string> dangling_;
};

void Checker::Documents() {
  store_.ForEachDocument([&](const DocumentInfo& d) {
    complete_docs_.insert(d.id.value);
    ++report.documents;
    return true;
  });
  {
    auto it = impl_.NewIterator(kDocuments);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      DocumentInfo d =
          DecodeDocument(DocumentId(ReadBigEndian64(it->key().data())), it->value().ToStringView());
      if (d.state != DocumentState::kComplete) {
        Problem(fmt::format("document {} ('{}') is left half-written", d.id.value, d.name));
      }
    }
  }
}

void Checker::Statements() {
  std::string v;
  store_.ForEachStatement([&](const StoredStatement& st) {
    ++report.statements;
    const uint64_t s = st.subject.value, p = st.predicate.value, o = st.object.value,
                   id = st.id.value;
    for (TermId t : {st.subject, st.predicate, st.object}) {
      if (!Has(kTermsById, Be64(t.value)))
        Problem(fmt::format("statement {} uses term {} missing from the dictionary", id, t.value));
    }
    for (const StoredQualifier& q : st.qualifiers) {
      if (!Has(kTermsById, Be64(q.role.value)) || !Has(kTermsById, Be64(q.value.value))) {
        Problem(fmt::format("statement {} has a qualifier term missing from the dictionary", id));
      }
    }
    if (!Has(kSpo, EncodeIndexKey(s, p, o, id)))
      Problem(fmt::format("statement {} is missing from the SPO index", id));
    if (!Has(kPos, EncodeIndexKey(p, o, s, id)))
      Problem(fmt::format("statement {} is missing from the POS index", id));
    if (!Has(kOsp, EncodeIndexKey(o, s, p, id)))
      Problem(fmt::format("statement {} is missing from the OSP index", id));
    std::string ck = StatementContentKey(st.subject, st.predicate, st.object, st.qualifiers);
    if (!impl_.Get(kStatementKeys, ck, &v) || v != Be64(id))
      Problem(fmt::format("statement {} has no content key", id));
    if (st.sources.empty()) Problem(fmt::format("statement {} has no source", id));
    for (const Source& src : st.sources) {
      if (!complete_docs_.count(src.document.value)) {
        Problem(fmt::format("statement {} cites document {}, which is not complete", id,
                            src.document.value));
      }
      if (!Has(kDocStatements, Be64(src.document.value) + Be64(id))) {
        Problem(fmt::format("document {} does not list its statement {}", src.document.value, id));
      }
    }
    sources_ += static_cast<int64_t>(st.sources.size());
    entity_use_[s]++;
    entity_use_[o]++;
    predicate_use_[p]++;
    return true;
  });
}

void Checker::Dictionary() {
  // The dictionary both ways: every name's id names it back, and every id is some name's.
  // A lost direction is restored from the other by --repair.
  {
    auto it = impl_.NewIterator(kTermsByName);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->value().size() != 8) {
        Problem(fmt::format("dictionary entry '{}' has a malformed id", it->key().ToString()));
        continue;
      }
      std::string name;
      if (!impl_.Get(kTermsById, it->value(), &name)) {
        Problem(fmt::format("term {} ('{}') is missing from the dictionary by id",
                            ReadBigEndian64(it->value().data()), it->key().ToString()));
        dictionary_fixes_.emplace_back(it->value().ToString(), it->key().ToString());
      }
    }
    impl_.Check(it->status(), "dictionary scan failed");
  }
}

void Checker::Memberships() {
  // Every document membership names a statement that cites that document.
  {
    auto it = impl_.NewIterator(kDocStatements);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() != 16) {
        Problem("malformed document membership key");
        continue;
      }
      const uint64_t doc = ReadBigEndian64(it->key().data());
      const uint64_t id = ReadBigEndian64(it->key().data() + 8);
      std::optional<StoredStatement> st = impl_.LoadStatement(StatementId(id));
      bool cited = st && std::any_of(st->sources.begin(), st->sources.end(),
                                     [&](const Source& src) { return src.document.value == doc; });
      if (!cited) {
        Problem(fmt::format("document {} lists statement {}, which does not cite it", doc, id));
      }
    }
    impl_.Check(it->status(), "membership scan failed");
  }
}

void Checker::IndexEntries() {
  // Every index entry must be backed by its statement.
  for (Cf cf : {kSpo, kPos, kOsp}) {
    auto it = impl_.NewIterator(cf);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++report.index_entries;
      IndexKey k;
      if (!DecodeIndexKey(it->key().ToStringView(), &k)) {
        Problem("malformed index key");
        continue;
      }
      std::optional<StoredStatement> st = impl_.LoadStatement(StatementId(k.statement));
      if (!st) {
        Problem(fmt::format("index entry for missing statement {}", k.statement));
        continue;
      }
      uint64_t s = st->subject.value, p = st->predicate.value, o = st->object.value;
      bool ok = cf == kSpo   ? (k.a == s && k.b == p && k.c == o)
                : cf == kPos ? (k.a == p && k.b == o && k.c == s)
                             : (k.a == o && k.b == s && k.c == p);
      if (!ok) Problem(fmt::format("index entry disagrees with statement {}", k.statement));
    }
  }
}

void Checker::Counters() {
  {
    auto it = impl_.NewIterator(kTermsById);
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++report.terms;
  }
  if (impl_.Counter("statements") != static_cast<int64_t>(report.statements)) {
    Problem(fmt::format("statement counter says {}, the store holds {}",
                        impl_.Counter("statements"), report.statements));
  }
  if (impl_.Counter("sources") != sources_) {
    Problem(fmt::format("source counter says {}, the store holds {}", impl_.Counter("sources"),
                        sources_));
  }
  if (impl_.Counter("documents") != static_cast<int64_t>(report.documents)) {
    Problem(fmt::format("document counter says {}, the store holds {}", impl_.Counter("documents"),
                        report.documents));
  }
}

void Checker::Merges() {
  // Manual merges name terms the dictionary holds, and no chain of them returns to its start.
  {
    std::map<std::string, std::string> merges;
    for (const Store::Merge& m : store_.Merges()) merges[m.alias] = m.canonical;
    for (const auto& [alias, canonical] : merges) {
      std::string why;
      if (!store_.FindTerm(alias)) {
        why = "'" + alias + "' is no name in the store";
      } else if (!store_.FindTerm(canonical)) {
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
        Problem(fmt::format("merge of '{}' into '{}' dangles: {}", alias, canonical, why));
        dangling_.push_back(alias);
      }
    }
  }
}

void Checker::Repair() {
  for (const std::string& alias : dangling_) store_.RemoveMerge(alias);
  {
    rocksdb::WriteBatch terms;
    for (const auto& [id, name] : dictionary_fixes_) terms.Put(impl_.cfs[kTermsById], id, name);
    impl_.Write(&terms);
  }

  // Rebuild everything derived from the statements, in bounded batches.
  for (Cf cf : {kSpo, kPos, kOsp, kStatementKeys, kDocStatements, kUsage}) {
    std::string lo(1, '\0'), hi(64, '\xff');
    rocksdb::WriteBatch wipe;
    wipe.DeleteRange(impl_.cfs[cf], lo, hi);
    wipe.Delete(impl_.cfs[cf], "");
    impl_.Write(&wipe);
  }
  rocksdb::WriteBatch batch;
  auto flush = [&] {
    impl_.Write(&batch);
    batch.Clear();
  };
  store_.ForEachStatement([&](const StoredStatement& st) {
    const uint64_t s = st.subject.value, p = st.predicate.value, o = st.object.value,
                   id = st.id.value;
    batch.Put(impl_.cfs[kSpo], EncodeIndexKey(s, p, o, id), "");
    batch.Put(impl_.cfs[kPos], EncodeIndexKey(p, o, s, id), "");
    batch.Put(impl_.cfs[kOsp], EncodeIndexKey(o, s, p, id), "");
    batch.Put(impl_.cfs[kStatementKeys],
              StatementContentKey(st.subject, st.predicate, st.object, st.qualifiers), Be64(id));
    for (const Source& src : st.sources)
      batch.Put(impl_.cfs[kDocStatements], Be64(src.document.value) + Be64(id), "");
    if (batch.GetDataSize() > kBatchByteLimit) flush();
    return true;
  });
  for (auto [t, n] : entity_use_)
    batch.Put(impl_.cfs[kUsage], UsageKey('e', TermId(t)), EncodeCounter(n));
  for (auto [t, n] : predicate_use_)
    batch.Put(impl_.cfs[kUsage], UsageKey('p', TermId(t)), EncodeCounter(n));
  batch.Put(impl_.cfs[kUsage], "cstatements",
            EncodeCounter(static_cast<int64_t>(report.statements)));
  batch.Put(impl_.cfs[kUsage], "csources", EncodeCounter(sources_));
  batch.Put(impl_.cfs[kUsage], "cdocuments", EncodeCounter(static_cast<int64_t>(report.documents)));
  flush();
}

}  // namespace

Store::CheckReport Store::Check(bool repair) {
  if (repair && impl_->read_only) throw StorageError("--repair needs the store open for writing");
  Checker c(*this, *impl_);
  c.Documents();
  c.Statements();
  c.Dictionary();
  c.Memberships();
  c.IndexEntries();
  c.Counters();
  c.Merges();
  if (!repair || c.report.problems.empty()) return c.report;
  c.Repair();
  c.report.repaired = true;
  return c.report;
}

uint64_t Store::Sequence() const { return impl_->db->GetLatestSequenceNumber(); }

}  // namespace weft::storage
