// Store::Check: the store's indexes, dictionaries, documents and merges against each other.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "graph/base/error.h"
#include "storage/store_impl.h"

namespace weft::storage {

namespace {

// One run of Store::Check: what it found so far, and what a repair needs.
class Checker {
 public:
  Checker(Store& store, Store::Impl& impl, const Store::CheckProgress& progress)
      : store_(store), impl_(impl), progress_(progress) {}

  // Complete documents, and documents left half-written.
  void Documents();
  // Each statement's sources; the counts a repair writes; the terms statements use against the
  // dictionary; document memberships against the sources (both ways, by merge).
  void Statements();
  // The dictionary both ways: every name's id names it back (a lost direction is restored from
  // the other by a repair).
  void Dictionary();
  // The content keys against the statements, both ways, by merge.
  void ContentKeys();
  // The stored counters against what the store holds.
  void Counters();
  // Manual merges name terms the dictionary holds, and no chain of them returns to its start.
  void Merges();
  // Removes dangling merges, restores the dictionary, and rebuilds everything derived from the
  // statements (content keys, memberships, counts) in bounded batches.
  void Repair();

  Store::CheckReport report;

 private:
  // Thread-safe: the index merges run in parallel.
  void Problem(std::string p) {
    std::lock_guard lock(problems_mu_);
    if (report.problems.size() < 1000) report.problems.push_back(std::move(p));
  }
  // Merges `expected` (sorted here) with the keys of `cf` in order, reporting each expected key
  // the family lacks and each key of the family nobody expects. `decode` reads a family record
  // and calls its third argument with each Key the record stands for (none for a malformed one;
  // several for a range of memberships), in ascending order.
  template <typename Key, typename Decode, typename Missing, typename Extra>
  void Merge(Cf cf, std::vector<Key>* expected, Decode decode, Missing missing, Extra extra);

  // Reports `done` of `total` for the step, every 65,536 items (and at 0).
  void Step(const char* step, uint64_t done, uint64_t total) {
    if (progress_ && (done & 0xffff) == 0) progress_(step, done, total);
  }
  uint64_t StoredStatements() const {
    return static_cast<uint64_t>(std::max<int64_t>(0, impl_.Counter("statements")));
  }

  Store& store_;
  Store::Impl& impl_;
  const Store::CheckProgress& progress_;
  std::unordered_set<uint64_t> complete_docs_;
  std::unordered_map<uint64_t, int64_t> entity_use_, predicate_use_;
  int64_t sources_ = 0;
  std::vector<std::pair<std::string, std::string>> dictionary_fixes_;  // (id, name) to rewrite
  std::vector<std::string> dangling_;
  std::mutex problems_mu_;
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

template <typename Key, typename Decode, typename Missing, typename Extra>
void Checker::Merge(Cf cf, std::vector<Key>* expected, Decode decode, Missing missing,
                    Extra extra) {
  std::sort(expected->begin(), expected->end());
  size_t i = 0;
  auto consume = [&](const Key& k) {
    while (i < expected->size() && (*expected)[i] < k) missing((*expected)[i++]);
    if (i < expected->size() && !(k < (*expected)[i])) {
      // Equal keys; an expected key repeats only if two statements share it, itself a problem
      // reported by the content-key merge.
      while (i < expected->size() && !(k < (*expected)[i])) ++i;
    } else {
      extra(k);
    }
  };
  auto it = impl_.NewIterator(cf);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    decode(it->key().ToStringView(), it->value().ToStringView(), consume);
  }
  impl_.Check(it->status(), "check scan failed");
  while (i < expected->size()) missing((*expected)[i++]);
  expected->clear();
  expected->shrink_to_fit();
}

void Checker::Statements() {
  // One pass over the statements for what needs no other family, collecting the terms they use
  // and the document memberships their sources imply; then each is merged with its family.
  std::vector<uint64_t> terms;
  std::vector<std::pair<uint64_t, uint64_t>> memberships;  // (document, statement)
  auto compact_terms = [&] {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  };
  size_t compact_at = 1 << 20;
  const uint64_t total = StoredStatements();
  store_.ForEachStatement([&](const StoredStatement& st) {
    Step("statements", report.statements, total);
    ++report.statements;
    const uint64_t s = st.subject.value, p = st.predicate.value, o = st.object.value,
                   id = st.id.value;
    terms.insert(terms.end(), {s, p, o});
    for (const StoredQualifier& q : st.qualifiers)
      terms.insert(terms.end(), {q.role.value, q.value.value});
    if (terms.size() > compact_at) {
      compact_terms();
      compact_at = std::max(compact_at, 2 * terms.size());
    }
    if (st.sources.empty()) Problem(fmt::format("statement {} has no source", id));
    for (const Source& src : st.sources) {
      if (!complete_docs_.count(src.document.value)) {
        Problem(fmt::format("statement {} cites document {}, which is not complete", id,
                            src.document.value));
      }
      memberships.emplace_back(src.document.value, id);
    }
    sources_ += static_cast<int64_t>(st.sources.size());
    entity_use_[s]++;
    entity_use_[o]++;
    predicate_use_[p]++;
    return true;
  });
  compact_terms();
  Merge(
      kTermsById, &terms,
      [](std::string_view key, std::string_view, auto&& emit) {
        if (key.size() == 8) emit(ReadBigEndian64(key.data()));
      },
      [&](uint64_t t) {
        Problem(fmt::format("statements use term {}, missing from the dictionary", t));
      },
      [](uint64_t) {});  // terms no statement uses yet (kept for reuse) are fine
  Merge(
      kDocStatements, &memberships,
      [&](std::string_view key, std::string_view value, auto&& emit) {
        uint64_t doc = 0, first = 0, last = 0;
        // A range reaching past the statement ids given out is damaged.
        if (!DecodeMembership(key, value, &doc, &first, &last) ||
            (last != first && last >= impl_.next_statement)) {
          Problem("malformed document membership record");
          return;
        }
        for (uint64_t id = first;; ++id) {
          emit(std::pair<uint64_t, uint64_t>(doc, id));
          if (id == last) break;
        }
      },
      [&](const std::pair<uint64_t, uint64_t>& m) {
        Problem(fmt::format("document {} does not list its statement {}", m.first, m.second));
      },
      [&](const std::pair<uint64_t, uint64_t>& m) {
        Problem(fmt::format("document {} lists statement {}, which does not cite it", m.first,
                            m.second));
      });
}

void Checker::Dictionary() {
  // The dictionary both ways: every name's id names it back, and every id is some name's.
  // A lost direction is restored from the other by --repair.
  std::vector<std::pair<uint64_t, std::string>> by_name;  // (id, name) from the name direction
  {
    auto it = impl_.NewIterator(kTermsByName);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Step("dictionary", by_name.size(), impl_.next_term - 1);
      if (it->value().size() != 8) {
        Problem(fmt::format("dictionary entry '{}' has a malformed id", it->key().ToString()));
        continue;
      }
      by_name.emplace_back(ReadBigEndian64(it->value().data()), it->key().ToString());
    }
    impl_.Check(it->status(), "dictionary scan failed");
  }
  Merge(
      kTermsById, &by_name,
      [&](std::string_view key, std::string_view value, auto&& emit) {
        ++report.terms;  // the dictionary's size, counted on this scan
        if (key.size() == 8) {
          emit(std::pair<uint64_t, std::string>(ReadBigEndian64(key.data()), std::string(value)));
        }
      },
      [&](const std::pair<uint64_t, std::string>& t) {
        Problem(
            fmt::format("term {} ('{}') is missing from the dictionary by id", t.first, t.second));
        dictionary_fixes_.emplace_back(Be64(t.first), t.second);
      },
      [](const std::pair<uint64_t, std::string>&) {});
}

void Checker::ContentKeys() {
  // The content keys against the keys the statements imply, by merge.
  // Content keys packed back to back (a string each would double the memory), then viewed.
  std::string packed;
  std::vector<std::pair<uint64_t, uint64_t>> ends;  // (end offset in packed, statement)
  ends.reserve(report.statements);
  store_.ForEachStatement([&](const StoredStatement& st) {
    Step("content keys", ends.size(), report.statements);
    packed += StatementContentKey(st.subject, st.predicate, st.object, st.qualifiers);
    ends.emplace_back(packed.size(), st.id.value);
    return true;
  });
  std::vector<std::pair<std::string_view, uint64_t>> content;
  content.reserve(ends.size());
  for (size_t i = 0, begin = 0; i < ends.size(); begin = ends[i++].first) {
    content.emplace_back(std::string_view(packed).substr(begin, ends[i].first - begin),
                         ends[i].second);
  }
  ends = {};
  // Views of the family's keys live until the scan moves on: each is compared and reported
  // before then.
  Merge(
      kStatementKeys, &content,
      [&](std::string_view key, std::string_view value, auto&& emit) {
        ++report.content_keys;
        emit(std::pair<std::string_view, uint64_t>(
            key, value.size() == 8 ? ReadBigEndian64(value.data()) : 0));
      },
      [&](const std::pair<std::string_view, uint64_t>& c) {
        Problem(fmt::format("statement {} has no content key", c.second));
      },
      [&](const std::pair<std::string_view, uint64_t>& c) {
        Problem(fmt::format("a content key names statement {}, which does not hold it", c.second));
      });
}

void Checker::Counters() {
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
    impl_.AppendReset(&terms);  // graphs built before the repair are built again
    impl_.Write(&terms);
  }

  // Rebuild everything derived from the statements, in bounded batches.
  for (Cf cf : {kStatementKeys, kDocStatements, kUsage}) {
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
    const uint64_t id = st.id.value;
    batch.Put(impl_.cfs[kStatementKeys],
              StatementContentKey(st.subject, st.predicate, st.object, st.qualifiers), Be64(id));
    for (const Source& src : st.sources)
      batch.Put(impl_.cfs[kDocStatements], MembershipKey(src.document, id), "");
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

Store::CheckReport Store::Check(bool repair, const CheckProgress& progress) {
  if (repair && impl_->read_only) throw StorageError("--repair needs the store open for writing");
  Checker c(*this, *impl_, progress);
  c.Documents();
  c.Statements();
  c.Dictionary();
  c.ContentKeys();
  c.Counters();
  c.Merges();
  if (!repair || c.report.problems.empty()) return c.report;
  if (progress) progress("repairing", 0, 0);
  c.Repair();
  c.report.repaired = true;
  return c.report;
}

uint64_t Store::Sequence() const { return impl_->db->GetLatestSequenceNumber(); }

}  // namespace weft::storage
