#include "storage/record_block.h"

#include "graph/base/error.h"

namespace weft::storage {

void RecordBlock::Add(const StatementRecord& record) {
  records_.push_back({terms_.size(), 3 + 2 * record.qualifiers.size(), record.evidence});
  auto add = [&](std::string_view text) {
    WEFT_CHECK(!text.empty());
    terms_.push_back({Hash(text), text_.size(), text.size()});
    text_.append(text);
  };
  // The incremental writer interns in this order, so both give a term the same id.
  add(record.subject);
  add(record.predicate);
  add(record.object);
  for (const Qualifier& q : record.qualifiers) {
    add(q.role);
    add(q.value);
  }
}

void RecordBlock::Clear() {
  records_.clear();
  terms_.clear();
  text_.clear();
}

void RecordBlock::Get(size_t i, StatementRecord* record) const {
  const Record& r = records_[i];
  const Term* t = &terms_[r.first_term];
  record->subject = Text(t[0]);
  record->predicate = Text(t[1]);
  record->object = Text(t[2]);
  record->qualifiers.clear();
  for (size_t k = 3; k + 1 < r.terms; k += 2) {
    record->qualifiers.push_back({std::string(Text(t[k])), std::string(Text(t[k + 1]))});
  }
  record->evidence = r.evidence;
}

}  // namespace weft::storage
