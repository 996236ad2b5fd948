// Statement records packed for a bulk load: the part of adding a record that needs no store, so
// that a thread other than the writer's (the import's reading thread) can do it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/base/statement.h"

namespace weft::storage {

// Each record's terms (subject, predicate, object, then the role and value of each qualifier)
// with their hashes, the texts back to back. A block is handed whole to a DocumentWriter.
class RecordBlock {
 public:
  // The record's terms are non-empty (checked) and its qualifiers normalised.
  void Add(const StatementRecord& record);
  size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  void Clear();
  // Record `i` as it was added.
  void Get(size_t i, StatementRecord* record) const;

  // The hash a term is interned by.
  static uint64_t Hash(std::string_view text) { return std::hash<std::string_view>()(text); }

 private:
  friend class BulkLoad;
  struct Term {
    uint64_t hash;
    size_t offset, size;
  };
  struct Record {
    size_t first_term, terms;
    Evidence evidence;
  };
  std::string_view Text(const Term& term) const {
    return std::string_view(text_).substr(term.offset, term.size);
  }

  std::vector<Record> records_;
  std::vector<Term> terms_;
  std::string text_;
};

}  // namespace weft::storage
