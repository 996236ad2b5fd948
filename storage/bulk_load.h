// A document loaded in one step: its records are collected in memory as flat
// arrays and written out as each column family's sorted keys, ready for table files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/base/statement.h"
#include "storage/huge_pages.h"
#include "storage/record_block.h"
#include "storage/records.h"
#include "storage/store.h"

namespace weft::storage {

// Receives one column family's keys in strictly ascending byte order.
class TableSink {
 public:
  virtual ~TableSink() = default;
  virtual void Put(std::string_view key, std::string_view value) = 0;
  // A merge operand (the usage counters of a load into a store that holds data).
  virtual void Merge(std::string_view key, std::string_view value) = 0;
};

// What a store that already holds data has of a load's terms and statements.
struct StoredLookup {
  // The id of each name (0: none), in order.
  std::function<void(const std::vector<std::string_view>& names, std::vector<uint64_t>* ids)> terms;
  // The statement id of each content key (0: none), in order.
  std::function<void(const std::vector<std::string>& keys, std::vector<uint64_t>* ids)> statements;
  // A stored statement, by id (it exists).
  std::function<StoredStatement(StatementId)> load;
};

// Holds a document the way the store will hold it: terms interned to ids (from `first_term`, in
// first-use order), statements identified by content (ids from `first_statement`, in first-use
// order), each record a source of its statement. The keys it writes are the keys the
// incremental DocumentWriter would have written for the same records, except that the
// document's new statements are one membership range instead of a key each: into an empty store,
// counters as absolute values; into one that holds data (Finish given a StoredLookup), terms and
// statements the store has keep their ids, a stored statement's record is written again with
// the document's sources added, and counters are merge operands.
//
// Add and AddSentence collect; Finish sorts and identifies the statements; then WriteTable may
// run for different column families at once. Not thread-safe otherwise.
class BulkLoad {
 public:
  // `into_stored`: the store holds data (Finish will be given a StoredLookup), which costs
  // memory for the lookups.
  BulkLoad(uint64_t first_term, uint64_t first_statement, bool into_stored = false);

  void AddSentence(uint32_t index, std::string_view text);
  // Record terms are non-empty (checked) and qualifiers normalised.
  void Add(const StatementRecord& record);
  // Adds a block's records, in order, after those added before.
  void Add(const RecordBlock& block);

  // Bytes held, and those finishing the load will add, for the caller's memory bound.
  size_t MemoryBytes() const;
  // Sizes the record arrays for `records` more records (qualifiers aside), at about
  // kRecordArrayBytes each.
  void Reserve(uint64_t records);
  static constexpr size_t kRecordArrayBytes =
      3 * sizeof(uint32_t) + sizeof(Evidence) + sizeof(uint32_t);
  uint64_t terms() const { return term_offsets_.size(); }
  uint64_t sources() const { return evidence_.size() + pending_.size(); }

  // Hands the sentences, then the records, back in the order they were added.
  void Replay(const std::function<void(uint32_t, std::string_view)>& sentence,
              const std::function<void(const StatementRecord&)>& record);

  // Interns the records added last. Into an empty store the terms' ids are then final, and
  // their families (terms_by_name, terms_by_id) may be written while Finish runs.
  void InternPending();
  // Groups the records into statements, using up to `threads` threads; with `stored`, finds the
  // terms and statements the store already has.
  void Finish(size_t threads, const StoredLookup* stored = nullptr);
  // After Finish: the statements the document supports, and those of them new to the store.
  uint64_t statements() const { return statement_count_; }
  uint64_t new_statements() const { return statement_count_ - stored_count_; }
  // Terms new to the store (all of them into an empty store).
  uint64_t new_terms() const { return term_base_ == 0 ? new_terms_ : terms(); }
  // Whether the store held data (given at construction).
  bool into_stored() const { return into_stored_; }
  // Every statement id the document supports (after Finish), for the change log.
  std::vector<uint64_t> StatementIds() const;
  // True if the column family gets any key from this document.
  bool HasTable(records::Cf cf) const;
  // Writes the column family's keys for this document, completed as `doc`, into a store
  // whose next document id follows doc.id.
  void WriteTable(records::Cf cf, const DocumentInfo& doc, TableSink& sink) const;

 private:
  // An index key packed into 128 bits: three term indices in index order, then a record or
  // statement index. One integer comparison orders them as their bytes order.
  using Key = unsigned __int128;

  // Terms are interned a block of records at a time: the table slots of a record's terms are
  // fetched into cache some records ahead of the one interned, and the text of each candidate
  // term a few records ahead, so that the interning itself seldom waits for memory.
  void InternBlock(const RecordBlock& block);
  uint32_t Intern(std::string_view name, uint64_t hash);
  void GrowTerms();
  std::string_view TermText(uint32_t term) const;
  const uint32_t* RecordTerms(uint32_t record) const { return &record_terms_[3 * size_t{record}]; }
  // Qualifier (role, value) index pairs of a record.
  std::pair<const uint32_t*, const uint32_t*> Qualifiers(uint32_t record) const;
  bool QualifiersLess(uint32_t a, uint32_t b) const;
  bool QualifiersEqual(uint32_t a, uint32_t b) const;
  void WriteStatements(const DocumentInfo& doc, TableSink& sink) const;
  void WriteUsage(TableSink& sink) const;

  // A load into a store that holds data: term codes in records are final ids (below 2^32).
  void ResolveStored(const StoredLookup& stored);
  void FindStoredStatements(const StoredLookup& stored);
  uint64_t TermIdOf(uint32_t code) const { return term_base_ + code; }
  uint64_t StatementIdOf(uint32_t st) const {
    return stored_.empty() ? first_statement_ + st
                           : (stored_[st] != 0 ? stored_[st] : first_statement_ + new_rank_[st]);
  }
  bool IsStored(uint32_t st) const { return !stored_.empty() && stored_[st] != 0; }

  uint64_t first_term_, first_statement_;
  bool into_stored_;
  // Record term codes are term indices (ids first_term_ + index) into an empty store, final ids
  // (term_base_ 0) into one that holds data.
  uint64_t term_base_;
  uint64_t new_terms_ = 0;
  std::vector<uint64_t> new_term_id_;  // per term index, its id when new (0: stored)
  std::vector<uint64_t> stored_;       // per statement, its stored id (0: new); empty: none
  std::vector<uint32_t> new_rank_;     // per statement, its rank among the new ones
  uint32_t stored_count_ = 0;
  StoredLookup stored_lookup_;

  // Terms: each as its index and length (4 bytes each) and its text, back to back from the
  // offset term_offsets_[index]; an open-addressing table whose slots hold the top 24 bits of
  // the term's hash above (offset + 1), 0 when empty.
  std::basic_string<char, std::char_traits<char>, HugePageAllocator<char>> term_text_;
  std::vector<uint64_t, HugePageAllocator<uint64_t>> term_offsets_;
  std::vector<uint64_t, HugePageAllocator<uint64_t>> term_slots_;
  int term_bits_ = 0;

  // Records added one by one and not yet interned.
  RecordBlock pending_;

  // Records: s p o term indices, qualifier pairs from qualifier_begin_[r] to [r + 1], evidence.
  std::vector<uint32_t> record_terms_;
  std::vector<uint32_t> qualifier_begin_{0};
  std::vector<uint32_t> qualifier_terms_;
  std::vector<Evidence> evidence_;
  std::vector<std::pair<uint32_t, uint32_t>> scratch_;  // the record being added's qualifiers
  std::vector<std::pair<uint32_t, std::string>> sentences_;
  size_t sentence_bytes_ = 0;

  // From Finish. A record is "first" when no earlier record has its content; statements are
  // the first records, numbered in record order. first_ marks them (a bit per record) and
  // first_rank_ counts them per 64-bit word, so a first record's statement is a rank. The other
  // records are listed as (first record, record) in that order: the sources beyond the first.
  std::vector<uint64_t> first_;
  std::vector<uint32_t> first_rank_;
  std::vector<std::pair<uint32_t, uint32_t>> repeats_;
  uint32_t statement_count_ = 0;
  bool IsFirst(uint32_t r) const { return (first_[r >> 6] >> (r & 63)) & 1; }
  uint32_t StatementOf(uint32_t first_record) const;
  // Calls fn(statement, record) for every first record, in order.
  template <typename Fn>
  void ForEachStatement(Fn&& fn) const;
  // The statements' SPO keys (statement indices in the low bits), from Finish; beside them,
  // when any record has qualifiers, each statement's first record.
  std::vector<Key> spo_;
  std::vector<uint32_t> spo_records_;
  bool any_qualifiers_ = false;
  // Where statements of equal (s, p, o) differ in qualifiers, statement_keys orders them by
  // qualifiers: from position `first` of spo_, `count` first records in that order.
  struct Reorder {
    size_t first, count, records;  // records: offset into reorder_records_
  };
  std::vector<Reorder> reorders_;
  std::vector<uint32_t> reorder_records_;
};

}  // namespace weft::storage
