#include "storage/bulk_load.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>
#include <thread>

#include "graph/base/error.h"
#include "storage/key_encoding.h"

namespace weft::storage {

using records::Be64;
using records::Cf;

namespace {

// Indices are 32-bit; a document this large fails the load (the caller's memory bound stops far
// earlier on any machine of today).
constexpr uint64_t kMaxIndex = 0xfffffff0u;

// Records collected before their terms are interned together.
constexpr size_t kBlockRecords = 64;

// An id as the 8 big-endian bytes of a key or value, without a string.
class IdBytes {
 public:
  explicit IdBytes(uint64_t id) { PutBigEndian64(bytes_, id); }
  operator std::string_view() const { return {bytes_, sizeof bytes_}; }  // NOLINT: a view of it

 private:
  char bytes_[8];
};

// Fibonacci hashing: the top `bits` bits of the product spread any hash over the table.
size_t SlotOf(uint64_t hash, int bits) {
  return static_cast<size_t>((hash * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
}

template <typename T, typename Allocator>
size_t Bytes(const std::vector<T, Allocator>& v) {
  return v.capacity() * sizeof(T);
}

// Sorts with two threads when asked and worth it: halves sorted side by side, then merged.
template <typename T>
void Sort(std::vector<T>& v, size_t threads) {
  if (threads < 2 || v.size() < (1u << 16)) {
    std::sort(v.begin(), v.end());
    return;
  }
  auto mid = v.begin() + static_cast<ptrdiff_t>(v.size() / 2);
  std::thread other([&] { std::sort(v.begin(), mid); });
  std::sort(mid, v.end());
  other.join();
  std::inplace_merge(v.begin(), mid, v.end());
}

// The first 8 bytes of a string as a big-endian integer (zero-padded): comparing these compares
// the strings' first 8 bytes as memcmp does.
uint64_t Prefix8(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) {
    v = (v << 8) | (i < s.size() ? static_cast<uint8_t>(s[i]) : 0);
  }
  return v;
}

}  // namespace

BulkLoad::BulkLoad(uint64_t first_term, uint64_t first_statement, bool into_stored)
    : first_term_(first_term),
      first_statement_(first_statement),
      into_stored_(into_stored),
      term_base_(first_term) {}

std::string_view BulkLoad::TermText(uint32_t term) const {
  const char* header = term_text_.data() + term_offsets_[term];
  uint32_t size = 0;
  std::memcpy(&size, header + 4, 4);
  return std::string_view(header + 8, size);
}

void BulkLoad::GrowTerms() {
  term_bits_ = term_bits_ == 0 ? 12 : term_bits_ + 1;
  term_slots_.assign(size_t{1} << term_bits_, 0);
  const size_t mask = term_slots_.size() - 1;
  for (uint32_t t = 0; t < terms(); ++t) {
    const uint64_t hash = RecordBlock::Hash(TermText(t));
    size_t pos = SlotOf(hash, term_bits_);
    while (term_slots_[pos] != 0) pos = (pos + 1) & mask;
    term_slots_[pos] = ((hash >> 40) << 40) | (term_offsets_[t] + 1);
  }
}

uint32_t BulkLoad::Intern(std::string_view name, uint64_t hash) {
  WEFT_CHECK(!name.empty());
  if ((terms() + 1) * 2 > term_slots_.size()) GrowTerms();
  constexpr uint64_t kOffsetMask = (uint64_t{1} << 40) - 1;
  const size_t mask = term_slots_.size() - 1;
  for (size_t pos = SlotOf(hash, term_bits_);; pos = (pos + 1) & mask) {
    const uint64_t slot = term_slots_[pos];
    if (slot == 0) {
      if (terms() >= kMaxIndex || term_text_.size() + name.size() + 8 >= kOffsetMask) {
        throw StorageError("too many terms for one bulk load");
      }
      const auto term = static_cast<uint32_t>(terms());
      const auto size = static_cast<uint32_t>(name.size());
      const uint64_t offset = term_text_.size();
      term_text_.append(reinterpret_cast<const char*>(&term), 4);
      term_text_.append(reinterpret_cast<const char*>(&size), 4);
      term_text_.append(name);
      term_offsets_.push_back(offset);
      term_slots_[pos] = ((hash >> 40) << 40) | (offset + 1);
      return term;
    }
    if ((slot >> 40) == (hash >> 40)) {
      const char* header = term_text_.data() + ((slot & kOffsetMask) - 1);
      uint32_t term = 0, size = 0;
      std::memcpy(&term, header, 4);
      std::memcpy(&size, header + 4, 4);
      if (size == name.size() && std::memcmp(header + 8, name.data(), size) == 0) return term;
    }
  }
}

std::pair<const uint32_t*, const uint32_t*> BulkLoad::Qualifiers(uint32_t record) const {
  const uint32_t* base = qualifier_terms_.data();
  return {base + 2 * size_t{qualifier_begin_[record]},
          base + 2 * size_t{qualifier_begin_[record + 1]}};
}

bool BulkLoad::QualifiersLess(uint32_t a, uint32_t b) const {
  auto [qa, qa_end] = Qualifiers(a);
  auto [qb, qb_end] = Qualifiers(b);
  return std::lexicographical_compare(qa, qa_end, qb, qb_end);
}

bool BulkLoad::QualifiersEqual(uint32_t a, uint32_t b) const {
  auto [qa, qa_end] = Qualifiers(a);
  auto [qb, qb_end] = Qualifiers(b);
  return std::equal(qa, qa_end, qb, qb_end);
}

void BulkLoad::AddSentence(uint32_t index, std::string_view text) {
  sentences_.emplace_back(index, std::string(text));
  sentence_bytes_ += text.size() + sizeof(sentences_[0]);
}

void BulkLoad::Add(const StatementRecord& record) {
  if (sources() >= kMaxIndex) throw StorageError("too many records for one bulk load");
  pending_.Add(record);
  if (pending_.size() >= kBlockRecords) InternPending();
}

void BulkLoad::Add(const RecordBlock& block) {
  if (sources() + block.size() >= kMaxIndex) {
    throw StorageError("too many records for one bulk load");
  }
  InternPending();
  InternBlock(block);
}

void BulkLoad::InternPending() {
  InternBlock(pending_);
  pending_.Clear();
}

void BulkLoad::InternBlock(const RecordBlock& block) {
  constexpr size_t kSlotsAhead = 16;  // records whose terms' table slots are fetched ahead
  constexpr size_t kTextsAhead = 8;   // records whose candidate texts are fetched ahead
  // GCC counts a prefetch as no effect at all: a loop of nothing but prefetches is deleted at
  // -O2 (loops are taken to end, and one without effects goes), and so is a call to a function
  // that only prefetches. The empty volatile asm is an effect it must keep; it emits nothing.
  constexpr uint64_t kOffsetMask = (uint64_t{1} << 40) - 1;
  const size_t n = block.records_.size();
  auto prefetch_slots = [&](size_t record) {
    const RecordBlock::Record& p = block.records_[record];
    for (size_t t = p.first_term; t < p.first_term + p.terms; ++t) {
      __builtin_prefetch(&term_slots_[SlotOf(block.terms_[t].hash, term_bits_)]);
      asm volatile("");
    }
  };
  auto prefetch_texts = [&](size_t record) {
    const RecordBlock::Record& p = block.records_[record];
    for (size_t t = p.first_term; t < p.first_term + p.terms; ++t) {
      const uint64_t slot = term_slots_[SlotOf(block.terms_[t].hash, term_bits_)];
      if (slot != 0) {
        // The header and a text of up to 24 bytes, which may cross into the next cache line.
        const char* entry = term_text_.data() + ((slot & kOffsetMask) - 1);
        __builtin_prefetch(entry);
        __builtin_prefetch(entry + 31);
      }
      asm volatile("");
    }
  };
  if (!term_slots_.empty()) {
    for (size_t i = 0; i < std::min(kSlotsAhead, n); ++i) prefetch_slots(i);
    for (size_t i = 0; i < std::min(kTextsAhead, n); ++i) prefetch_texts(i);
  }
  for (size_t i = 0; i < n; ++i) {
    if (!term_slots_.empty()) {
      if (i + kSlotsAhead < n) prefetch_slots(i + kSlotsAhead);
      if (i + kTextsAhead < n) prefetch_texts(i + kTextsAhead);
    }
    const RecordBlock::Record& p = block.records_[i];
    auto intern = [&](size_t t) {
      const RecordBlock::Term& term = block.terms_[p.first_term + t];
      return Intern(block.Text(term), term.hash);
    };
    record_terms_.push_back(intern(0));
    record_terms_.push_back(intern(1));
    record_terms_.push_back(intern(2));
    if (p.terms > 3) {
      scratch_.clear();
      for (size_t t = 3; t < p.terms; t += 2) {
        const uint32_t role = intern(t);
        scratch_.emplace_back(role, intern(t + 1));
      }
      std::sort(scratch_.begin(), scratch_.end());
      scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
      for (auto [role, value] : scratch_) {
        qualifier_terms_.push_back(role);
        qualifier_terms_.push_back(value);
      }
    }
    qualifier_begin_.push_back(static_cast<uint32_t>(qualifier_terms_.size() / 2));
    evidence_.push_back(p.evidence);
  }
}

void BulkLoad::Reserve(uint64_t records) {
  const uint64_t total = sources() + records;
  if (total >= kMaxIndex) return;  // Add fails such a load on its own
  record_terms_.reserve(3 * total);
  evidence_.reserve(total);
  qualifier_begin_.reserve(total + 1);
}

size_t BulkLoad::MemoryBytes() const {
  // Finish adds, per record at most: the sorted SPO keys (16 bytes) and the merge buffer of the
  // two-thread sort (8).
  // Into a store with data, the content keys looked up (about 40 bytes and a string each) and
  // the statements' stored ids and ranks.
  const size_t kFinishBytesPerRecord = into_stored_ ? 24 + 88 : 24;
  return term_text_.capacity() + Bytes(term_offsets_) + Bytes(term_slots_) + Bytes(record_terms_) +
         Bytes(qualifier_begin_) + Bytes(qualifier_terms_) + Bytes(evidence_) + sentence_bytes_ +
         kFinishBytesPerRecord * sources();
}

void BulkLoad::Replay(const std::function<void(uint32_t, std::string_view)>& sentence,
                      const std::function<void(const StatementRecord&)>& record) {
  InternPending();
  for (const auto& [index, text] : sentences_) sentence(index, text);
  StatementRecord r;
  for (uint32_t i = 0; i < sources(); ++i) {
    const uint32_t* spo = RecordTerms(i);
    r.subject = TermText(spo[0]);
    r.predicate = TermText(spo[1]);
    r.object = TermText(spo[2]);
    r.qualifiers.clear();
    for (auto [q, end] = Qualifiers(i); q != end; q += 2) {
      r.qualifiers.push_back({std::string(TermText(q[0])), std::string(TermText(q[1]))});
    }
    NormaliseQualifiers(r.qualifiers);
    r.evidence = evidence_[i];
    record(r);
  }
}

void BulkLoad::ResolveStored(const StoredLookup& stored) {
  std::vector<std::string_view> names(terms());
  for (uint32_t t = 0; t < terms(); ++t) names[t] = TermText(t);
  std::vector<uint64_t> ids;
  stored.terms(names, &ids);
  WEFT_CHECK(ids.size() == names.size());
  // New terms take ids in first-use order, as the incremental writer gives them.
  new_term_id_.assign(terms(), 0);
  std::vector<uint32_t> code(terms());
  for (uint32_t t = 0; t < terms(); ++t) {
    uint64_t id = ids[t];
    if (id == 0) id = new_term_id_[t] = first_term_ + new_terms_++;
    if (id >= kMaxIndex) throw StorageError("term ids past 32 bits: import without bulk loading");
    code[t] = static_cast<uint32_t>(id);
  }
  for (uint32_t& t : record_terms_) t = code[t];
  for (uint32_t& t : qualifier_terms_) t = code[t];
  // Each record's qualifiers in the order of their ids, as the store keeps them.
  // (Sorted as 64-bit keys, role then value: the pairs are not std::pair objects to sort in
  // place.)
  std::vector<uint64_t> pairs;
  for (size_t r = 0; r + 1 < qualifier_begin_.size(); ++r) {
    const size_t begin = qualifier_begin_[r], end = qualifier_begin_[r + 1];
    if (end - begin < 2) continue;
    pairs.clear();
    for (size_t k = begin; k < end; ++k) {
      pairs.push_back(uint64_t{qualifier_terms_[2 * k]} << 32 | qualifier_terms_[2 * k + 1]);
    }
    std::sort(pairs.begin(), pairs.end());
    for (size_t k = begin; k < end; ++k) {
      qualifier_terms_[2 * k] = static_cast<uint32_t>(pairs[k - begin] >> 32);
      qualifier_terms_[2 * k + 1] = static_cast<uint32_t>(pairs[k - begin]);
    }
  }
  term_base_ = 0;
}

void BulkLoad::FindStoredStatements(const StoredLookup& stored) {
  // Only a statement whose terms are all stored can be. Keys in (s, p, o) order, which is their
  // byte order but for statements of equal (s, p, o), sorted among themselves: the lookups then
  // read the store's content keys in order.
  std::vector<uint32_t> record_of(statement_count_);
  ForEachStatement([&](uint32_t st, uint32_t r) { record_of[st] = r; });
  std::vector<std::pair<std::string, uint32_t>> found;  // (content key, statement)
  std::vector<StoredQualifier> qualifiers;
  size_t run = 0;  // where the current (s, p, o) starts in found
  for (size_t i = 0; i < spo_.size(); ++i) {
    const auto st = static_cast<uint32_t>(spo_[i]);
    const uint32_t r = record_of[st];
    const uint32_t* spo = RecordTerms(r);
    if (i == 0 || (spo_[i] >> 32) != (spo_[i - 1] >> 32)) run = found.size();
    bool known = spo[0] < first_term_ && spo[1] < first_term_ && spo[2] < first_term_;
    qualifiers.clear();
    for (auto [q, end] = Qualifiers(r); q != end && known; q += 2) {
      known = q[0] < first_term_ && q[1] < first_term_;
      qualifiers.push_back({TermId(q[0]), TermId(q[1])});
    }
    if (!known) continue;
    found.emplace_back(
        records::StatementContentKey(TermId(spo[0]), TermId(spo[1]), TermId(spo[2]), qualifiers),
        st);
    if (found.size() - run > 1) std::sort(found.begin() + static_cast<long>(run), found.end());
  }
  stored_.assign(statement_count_, 0);
  if (!found.empty()) {
    std::vector<std::string> keys;
    keys.reserve(found.size());
    for (auto& entry : found) keys.push_back(std::move(entry.first));
    std::vector<uint64_t> ids;
    stored.statements(keys, &ids);
    WEFT_CHECK(ids.size() == keys.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] != 0) {
        stored_[found[i].second] = ids[i];
        ++stored_count_;
      }
    }
  }
  new_rank_.resize(statement_count_);
  uint32_t rank = 0;
  for (uint32_t st = 0; st < statement_count_; ++st) {
    new_rank_[st] = rank;
    if (stored_[st] == 0) ++rank;
  }
}

std::vector<uint64_t> BulkLoad::StatementIds() const {
  std::vector<uint64_t> out(statement_count_);
  for (uint32_t st = 0; st < statement_count_; ++st) out[st] = StatementIdOf(st);
  return out;
}

void BulkLoad::Finish(size_t threads, const StoredLookup* stored) {
  InternPending();
  if (stored != nullptr) {
    stored_lookup_ = *stored;
    ResolveStored(*stored);
  }
  // Records sorted by (s, p, o, record): the records of one statement are neighbours, and the
  // first of each group of equal content is the statement's first record.
  const auto n = static_cast<uint32_t>(sources());
  any_qualifiers_ = !qualifier_terms_.empty();
  spo_.resize(n);
  for (uint32_t r = 0; r < n; ++r) {
    const uint32_t* t = RecordTerms(r);
    spo_[r] = (Key{t[0]} << 96) | (Key{t[1]} << 64) | (Key{t[2]} << 32) | Key{r};
  }
  Sort(spo_, threads);

  first_.assign((size_t{n} + 63) / 64, 0);
  repeats_.clear();
  reorders_.clear();
  reorder_records_.clear();
  auto mark = [&](uint32_t r) { first_[r >> 6] |= uint64_t{1} << (r & 63); };
  std::vector<uint32_t> run;
  size_t statements_before = 0;  // statements in the runs before this one
  for (size_t i = 0; i < spo_.size();) {
    size_t j = i + 1;
    while (j < spo_.size() && (spo_[j] >> 32) == (spo_[i] >> 32)) ++j;
    // Records of one (s, p, o) differ only in qualifiers: ordered by them (stable, so records
    // of equal qualifiers stay in ascending order, the first leading), each group is a statement.
    run.clear();
    for (size_t k = i; k < j; ++k) run.push_back(static_cast<uint32_t>(spo_[k]));
    if (any_qualifiers_ && run.size() > 1) {
      std::stable_sort(run.begin(), run.end(),
                       [&](uint32_t a, uint32_t b) { return QualifiersLess(a, b); });
    }
    const size_t offset = reorder_records_.size();
    uint32_t group = run[0];
    for (size_t k = 0; k < run.size(); ++k) {
      if (k == 0 || (any_qualifiers_ && !QualifiersEqual(run[k - 1], run[k]))) {
        group = run[k];
        mark(group);
        reorder_records_.push_back(group);
      } else {
        repeats_.emplace_back(group, run[k]);
      }
    }
    const size_t count = reorder_records_.size() - offset;
    if (count > 1) {
      reorders_.push_back({statements_before, count, offset});
    } else {
      reorder_records_.resize(offset);
    }
    statements_before += count;
    i = j;
  }
  std::sort(repeats_.begin(), repeats_.end());

  first_rank_.resize(first_.size());
  uint32_t total = 0;
  for (size_t w = 0; w < first_.size(); ++w) {
    first_rank_[w] = total;
    total += static_cast<uint32_t>(std::popcount(first_[w]));
  }
  statement_count_ = total;

  // Keep the first records' keys, numbered by statement: statement numbers grow with record
  // numbers, so the order holds.
  size_t out = 0;
  spo_records_.clear();
  for (size_t i = 0; i < spo_.size(); ++i) {
    const auto r = static_cast<uint32_t>(spo_[i]);
    if (!IsFirst(r)) continue;
    if (any_qualifiers_) spo_records_.push_back(r);
    spo_[out++] = ((spo_[i] >> 32) << 32) | Key{StatementOf(r)};
  }
  spo_.resize(out);
  spo_.shrink_to_fit();
  if (stored != nullptr) FindStoredStatements(*stored);
}

uint32_t BulkLoad::StatementOf(uint32_t first_record) const {
  const uint64_t below = first_[first_record >> 6] & ((uint64_t{1} << (first_record & 63)) - 1);
  return first_rank_[first_record >> 6] + static_cast<uint32_t>(std::popcount(below));
}

template <typename Fn>
void BulkLoad::ForEachStatement(Fn&& fn) const {
  uint32_t st = 0;
  for (size_t w = 0; w < first_.size(); ++w) {
    for (uint64_t bits = first_[w]; bits != 0; bits &= bits - 1) {
      fn(st++, static_cast<uint32_t>(64 * w + static_cast<size_t>(std::countr_zero(bits))));
    }
  }
}

bool BulkLoad::HasTable(Cf cf) const {
  switch (cf) {
    case records::kTermsByName:
    case records::kTermsById:
      return new_terms() > 0;
    case records::kStatementKeys:
      return new_statements() > 0;
    case records::kStatements:
    case records::kDocStatements:
      return statements() > 0;
    case records::kSentences:
      return !sentences_.empty();
    case records::kSpo:  // retired families
    case records::kPos:
    case records::kOsp:
    case records::kEntities:
      return false;
    case records::kMeta:
    case records::kDocuments:
    case records::kDocumentsByName:
    case records::kUsage:
      return true;
    case records::kNumCfs:
      break;
  }
  return false;
}

void BulkLoad::WriteTable(Cf cf, const DocumentInfo& doc, TableSink& sink) const {
  std::string key;
  switch (cf) {
    case records::kMeta:
      // Sorted: next_document < next_statement < next_term.
      sink.Put("next_document", Be64(doc.id.value + 1));
      sink.Put("next_statement", Be64(first_statement_ + new_statements()));
      sink.Put("next_term", Be64(first_term_ + new_terms()));
      return;
    case records::kTermsByName: {
      // Sorted by the first 8 bytes as an integer, ties by the whole text.
      std::vector<std::pair<uint64_t, uint32_t>> order(terms());
      for (uint32_t t = 0; t < terms(); ++t) order[t] = {Prefix8(TermText(t)), t};
      std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return TermText(a.second) < TermText(b.second);
      });
      for (auto [prefix, t] : order) {
        if (term_base_ != 0) {
          sink.Put(TermText(t), IdBytes(first_term_ + t));
        } else if (new_term_id_[t] != 0) {
          sink.Put(TermText(t), IdBytes(new_term_id_[t]));
        }
      }
      return;
    }
    case records::kTermsById:
      for (uint32_t t = 0; t < terms(); ++t) {
        if (term_base_ != 0) {
          sink.Put(IdBytes(first_term_ + t), TermText(t));
        } else if (new_term_id_[t] != 0) {
          sink.Put(IdBytes(new_term_id_[t]), TermText(t));
        }
      }
      return;
    case records::kStatements:
      WriteStatements(doc, sink);
      return;
    case records::kStatementKeys: {
      std::vector<StoredQualifier> qualifiers;
      auto put = [&](Key k, uint32_t record, uint32_t st) {
        if (IsStored(st)) return;  // its content key is in the store
        qualifiers.clear();
        if (any_qualifiers_) {
          for (auto [q, end] = Qualifiers(record); q != end; q += 2) {
            qualifiers.push_back({TermId(TermIdOf(q[0])), TermId(TermIdOf(q[1]))});
          }
        }
        key.clear();
        records::AppendStatementContentKey(&key, TermId(TermIdOf(static_cast<uint32_t>(k >> 96))),
                                           TermId(TermIdOf(static_cast<uint32_t>(k >> 64))),
                                           TermId(TermIdOf(static_cast<uint32_t>(k >> 32))),
                                           qualifiers);
        sink.Put(key, IdBytes(StatementIdOf(st)));
      };
      size_t next_reorder = 0;
      for (size_t i = 0; i < spo_.size();) {
        if (next_reorder < reorders_.size() && reorders_[next_reorder].first == i) {
          const Reorder& ro = reorders_[next_reorder++];
          for (size_t k = 0; k < ro.count; ++k) {
            const uint32_t r = reorder_records_[ro.records + k];
            put(spo_[i], r, StatementOf(r));
          }
          i += ro.count;
          continue;
        }
        put(spo_[i], any_qualifiers_ ? spo_records_[i] : 0, static_cast<uint32_t>(spo_[i]));
        ++i;
      }
      return;
    }
    case records::kDocuments:
      sink.Put(Be64(doc.id.value), records::EncodeDocument(doc));
      return;
    case records::kDocumentsByName:
      sink.Put(doc.name, Be64(doc.id.value));
      return;
    case records::kDocStatements: {
      // The stored statements' ids, all below the new ones, one key each; then the new ones,
      // consecutive, as one range.
      std::vector<uint64_t> ids;
      for (uint64_t id : stored_) {
        if (id != 0) ids.push_back(id);
      }
      std::sort(ids.begin(), ids.end());
      for (uint64_t id : ids) sink.Put(records::MembershipKey(doc.id, id), "");
      if (new_statements() > 0) {
        const uint64_t last = first_statement_ + new_statements() - 1;
        sink.Put(records::MembershipKey(doc.id, first_statement_),
                 records::MembershipValue(first_statement_, last));
      }
      return;
    }
    case records::kSentences: {
      // A sentence index given twice keeps its last text, as repeated writes would.
      std::vector<uint32_t> order(sentences_.size());
      std::iota(order.begin(), order.end(), 0u);
      std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return sentences_[a].first < sentences_[b].first;
      });
      for (size_t i = 0; i < order.size(); ++i) {
        if (i + 1 < order.size() && sentences_[order[i + 1]].first == sentences_[order[i]].first) {
          continue;
        }
        const auto& [index, text] = sentences_[order[i]];
        sink.Put(records::SentenceKey(doc.id, index), text);
      }
      return;
    }
    case records::kUsage:
      WriteUsage(sink);
      return;
    case records::kSpo:
    case records::kPos:
    case records::kOsp:
    case records::kEntities:
    case records::kNumCfs:
      return;
  }
}

void BulkLoad::WriteStatements(const DocumentInfo& doc, TableSink& sink) const {
  StoredStatement st;
  std::string value;
  auto add_sources = [&](uint32_t r) {
    st.sources.push_back({doc.id, evidence_[r]});
    auto [lo, hi] =
        std::equal_range(repeats_.begin(), repeats_.end(), std::pair<uint32_t, uint32_t>(r, 0),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = lo; it != hi; ++it) st.sources.push_back({doc.id, evidence_[it->second]});
  };
  // Stored statements first (their ids are below the new ones): as stored, with the document's
  // sources added.
  if (stored_count_ > 0) {
    std::vector<std::pair<uint64_t, uint32_t>> stored;  // (id, first record)
    ForEachStatement([&](uint32_t i, uint32_t r) {
      if (IsStored(i)) stored.emplace_back(stored_[i], r);
    });
    std::sort(stored.begin(), stored.end());
    for (auto [id, r] : stored) {
      st = stored_lookup_.load(StatementId(id));
      add_sources(r);
      value.clear();
      records::AppendStatement(&value, st);
      sink.Put(IdBytes(id), value);
    }
  }
  ForEachStatement([&](uint32_t i, uint32_t r) {
    if (IsStored(i)) return;
    const uint32_t* spo = RecordTerms(r);
    st.id = StatementId(StatementIdOf(i));
    st.subject = TermId(TermIdOf(spo[0]));
    st.predicate = TermId(TermIdOf(spo[1]));
    st.object = TermId(TermIdOf(spo[2]));
    st.qualifiers.clear();
    for (auto [q, end] = Qualifiers(r); q != end; q += 2) {
      st.qualifiers.push_back({TermId(TermIdOf(q[0])), TermId(TermIdOf(q[1]))});
    }
    st.sources.clear();
    add_sources(r);
    value.clear();
    records::AppendStatement(&value, st);
    sink.Put(IdBytes(st.id.value), value);
  });
}

void BulkLoad::WriteUsage(TableSink& sink) const {
  // Uses of each term by the new statements, by term code (codes are dense: indices, or ids
  // below the store's next term and the new ones).
  const uint64_t codes = term_base_ != 0 ? terms() : first_term_ + new_terms_;
  std::vector<int64_t, HugePageAllocator<int64_t>> entity_uses(codes, 0), predicate_uses(codes, 0);
  ForEachStatement([&](uint32_t i, uint32_t r) {
    if (IsStored(i)) return;
    const uint32_t* spo = RecordTerms(r);
    ++entity_uses[spo[0]];
    ++predicate_uses[spo[1]];
    ++entity_uses[spo[2]];
  });
  std::vector<std::pair<uint32_t, int64_t>> entity, predicate;
  for (uint32_t c = 0; c < codes; ++c) {
    if (entity_uses[c] > 0) entity.emplace_back(c, entity_uses[c]);
    if (predicate_uses[c] > 0) predicate.emplace_back(c, predicate_uses[c]);
  }
  // Into an empty store the counters are written; into one with data, added to.
  auto put = [&](std::string_view key, int64_t n) {
    if (term_base_ == 0) {
      sink.Merge(key, records::EncodeCounter(n));
    } else {
      sink.Put(key, records::EncodeCounter(n));
    }
  };
  // Sorted: "cdocuments" < "csources" < "cstatements" < "e..." < "p...".
  put("cdocuments", 1);
  if (sources() > 0) put("csources", static_cast<int64_t>(sources()));
  if (new_statements() > 0) put("cstatements", static_cast<int64_t>(new_statements()));
  for (auto [code, n] : entity) put(records::UsageKey('e', TermId(TermIdOf(code))), n);
  for (auto [code, n] : predicate) put(records::UsageKey('p', TermId(TermIdOf(code))), n);
}

}  // namespace weft::storage
