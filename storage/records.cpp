#include "storage/records.h"

#include <algorithm>
#include <bit>

#include "graph/base/error.h"
#include "storage/key_encoding.h"

namespace weft::storage::records {

int64_t DecodeCounter(std::string_view s) {
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
  AppendStatement(&out, st);
  return out;
}

void AppendStatement(std::string* out, const StoredStatement& st) {
  // Sized once for the longest encoding, written through a pointer, cut to length: a statement
  // is a dozen varints, and appending each one checks the capacity each time.
  const size_t start = out->size();
  out->resize(start + kMaxVarintBytes * (5 + 2 * st.qualifiers.size() + 4 * st.sources.size()) +
              4 * st.sources.size());
  char* p = out->data() + start;
  p = PutVarint(p, st.subject.value);
  p = PutVarint(p, st.predicate.value);
  p = PutVarint(p, st.object.value);
  p = PutVarint(p, st.qualifiers.size());
  for (const StoredQualifier& q : st.qualifiers) {
    p = PutVarint(p, q.role.value);
    p = PutVarint(p, q.value.value);
  }
  p = PutVarint(p, st.sources.size());
  for (const Source& s : st.sources) {
    p = PutVarint(p, s.document.value);
    p = PutVarint(p, s.evidence.sentence);
    p = PutVarint(p, s.evidence.begin);
    p = PutVarint(p, s.evidence.end);
    p = PutFixed32(p, std::bit_cast<uint32_t>(s.evidence.confidence));
  }
  out->resize(static_cast<size_t>(p - out->data()));
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
  AppendStatementContentKey(&key, s, p, o, qualifiers);
  return key;
}

void AppendStatementContentKey(std::string* out, TermId s, TermId p, TermId o,
                               const std::vector<StoredQualifier>& qualifiers) {
  // Sized once and written in place: bulk loads build one per statement.
  const size_t start = out->size();
  out->resize(start + 24 + 16 * qualifiers.size());
  char* at = out->data() + start;
  for (uint64_t id : {s.value, p.value, o.value}) {
    PutBigEndian64(at, id);
    at += 8;
  }
  for (const StoredQualifier& q : qualifiers) {
    PutBigEndian64(at, q.role.value);
    PutBigEndian64(at + 8, q.value.value);
    at += 16;
  }
}

std::string EncodeDocument(const DocumentInfo& doc) {
  std::string out;
  out.push_back(static_cast<char>(doc.state));
  AppendLengthPrefixed(&out, doc.name);
  AppendLengthPrefixed(&out, doc.content_hash);
  AppendVarint(&out, static_cast<uint64_t>(doc.time));
  AppendVarint(&out, doc.statements);
  AppendVarint(&out, doc.sources);
  // Appended later: a record written before has none, and reads back without a date.
  if (!doc.date.empty()) AppendLengthPrefixed(&out, doc.date);
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
  if (d.ok() && !d.done()) doc.date = std::string(d.LengthPrefixed());
  if (!d.ok() || state < 1 || state > 3) {
    throw StorageError("corrupt document record " + std::to_string(id.value) + " (run weft check)");
  }
  doc.state = static_cast<DocumentState>(state);
  return doc;
}

std::string EncodeEntity(EntityType type, const std::vector<std::string>& aliases,
                         uint64_t documents) {
  std::string out(1, static_cast<char>(type));
  AppendVarint(&out, aliases.size());
  for (const std::string& a : aliases) AppendLengthPrefixed(&out, a);
  AppendVarint(&out, documents);
  return out;
}

void DecodeEntity(std::string_view data, EntityType* type, std::vector<std::string>* aliases,
                  uint64_t* documents) {
  Decoder d(data);
  uint8_t t = d.Byte();
  uint64_t n = d.Varint();
  aliases->clear();
  for (uint64_t i = 0; i < n && d.ok(); ++i) aliases->emplace_back(d.LengthPrefixed());
  const uint64_t count = d.ok() && !d.done() ? d.Varint() : 1;
  if (!d.ok() || t > static_cast<uint8_t>(kLastEntityType)) {
    throw StorageError("corrupt entity record (run weft check)");
  }
  *type = static_cast<EntityType>(t);
  if (documents != nullptr) *documents = count;
}

std::string SentenceKey(DocumentId doc, uint32_t index) {
  std::string key;
  AppendBigEndian64(&key, doc.value);
  AppendBigEndian32(&key, index);
  return key;
}
std::string MembershipKey(DocumentId doc, uint64_t first) {
  std::string key;
  AppendBigEndian64(&key, doc.value);
  AppendBigEndian64(&key, first);
  return key;
}

std::string MembershipValue(uint64_t first, uint64_t last) {
  return last == first ? std::string() : Be64(last);
}

bool DecodeMembership(std::string_view key, std::string_view value, uint64_t* doc, uint64_t* first,
                      uint64_t* last) {
  if (key.size() != 16) return false;
  *doc = ReadBigEndian64(key.data());
  *first = ReadBigEndian64(key.data() + 8);
  if (value.empty()) {
    *last = *first;
    return true;
  }
  if (value.size() != 8) return false;
  *last = ReadBigEndian64(value.data());
  return *last > *first;
}

std::string ChangeKey(uint64_t number) { return std::string(kChangePrefix) + Be64(number); }

namespace {

void AppendIds(std::string* out, std::vector<uint64_t>* ids) {
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  AppendVarint(out, ids->size());
  uint64_t last = 0;
  for (uint64_t id : *ids) {
    AppendVarint(out, id - last);
    last = id;
  }
}

bool ReadIds(Decoder& d, std::vector<uint64_t>* ids) {
  const uint64_t n = d.Varint();
  if (!d.ok() || n > (1u << 30)) return false;
  ids->clear();
  ids->reserve(n);
  uint64_t last = 0;
  for (uint64_t i = 0; i < n && d.ok(); ++i) ids->push_back(last += d.Varint());
  return d.ok();
}

}  // namespace

std::string EncodeChange(ChangeRecord record) {
  std::string out(1, record.reset ? '\1' : '\0');
  AppendIds(&out, &record.statements);
  AppendIds(&out, &record.entities);
  return out;
}

bool DecodeChange(std::string_view data, ChangeRecord* out) {
  Decoder d(data);
  const uint8_t flags = d.Byte();
  if (!d.ok() || flags > 1) return false;
  out->reset = flags == 1;
  return ReadIds(d, &out->statements) && ReadIds(d, &out->entities) && d.done();
}

}  // namespace weft::storage::records
