#include "graph/entities/model.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "graph/base/atomic_file.h"
#include "graph/base/error.h"
#include "graph/base/hash.h"

namespace weft::entities {
namespace {

constexpr char kMagic[8] = {'W', 'E', 'F', 'T', 'N', 'E', 'R', '\n'};
constexpr float kNegative = -1e30f;

class Writer {
 public:
  void Bytes(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  void U8(uint8_t v) { Bytes(&v, 1); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void I16(int16_t v) {
    auto u = static_cast<uint16_t>(v);
    U8(static_cast<uint8_t>(u));
    U8(static_cast<uint8_t>(u >> 8));
  }
  void F32(float v) {
    uint32_t u = 0;
    std::memcpy(&u, &v, 4);
    U32(u);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(std::string_view in, const std::string& name) : in_(in), name_(name) {}
  void Need(size_t n) const {
    if (in_.size() - pos_ < n)
      throw Error(name_ + ": truncated model file (rebuild it with 'weft train ner')");
  }
  uint8_t U8() {
    Need(1);
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint32_t U32() {
    Need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<uint32_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return v;
  }
  uint64_t U64() {
    Need(8);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= static_cast<uint64_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return v;
  }
  int16_t I16() {
    Need(2);
    auto lo = static_cast<uint8_t>(in_[pos_]);
    auto hi = static_cast<uint8_t>(in_[pos_ + 1]);
    pos_ += 2;
    return static_cast<int16_t>(static_cast<uint16_t>(lo | (hi << 8)));
  }
  float F32() {
    uint32_t u = U32();
    float f = 0;
    std::memcpy(&f, &u, 4);
    return f;
  }
  // A count of items of `item_bytes` each that must fit in what is left.
  uint64_t Count(size_t item_bytes) {
    uint64_t n = U64();
    if (n > (in_.size() - pos_) / std::max<size_t>(item_bytes, 1)) {
      throw Error(name_ + ": damaged model file (a count runs past the end)");
    }
    return n;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view in_;
  const std::string& name_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view EntityClassName(EntityClass c) {
  switch (c) {
    case EntityClass::kPerson:
      return "PER";
    case EntityClass::kOrganisation:
      return "ORG";
    case EntityClass::kPlace:
      return "LOC";
    case EntityClass::kMisc:
      return "MISC";
  }
  return "MISC";
}

std::optional<EntityClass> ParseEntityClass(std::string_view name) {
  for (int c = 0; c < kClasses; ++c) {
    if (EntityClassName(static_cast<EntityClass>(c)) == name) return static_cast<EntityClass>(c);
  }
  return std::nullopt;
}

bool TransitionAllowed(int from, int to) {
  const TagPosition tp = PositionOf(to);
  const bool open = from != kTags && (PositionOf(from) == TagPosition::kBegin ||
                                      PositionOf(from) == TagPosition::kInside);
  if (open) {
    return (tp == TagPosition::kInside || tp == TagPosition::kLast) && ClassOf(to) == ClassOf(from);
  }
  return tp == TagPosition::kOutside || tp == TagPosition::kBegin || tp == TagPosition::kUnit;
}

bool EndAllowed(int tag) {
  TagPosition p = PositionOf(tag);
  return p == TagPosition::kOutside || p == TagPosition::kLast || p == TagPosition::kUnit;
}

std::vector<TokenSpan> SpansOfTags(const std::vector<int>& tags) {
  std::vector<TokenSpan> spans;
  bool open = false;
  for (size_t i = 0; i < tags.size(); ++i) {
    int t = tags[i];
    TagPosition p = PositionOf(t);
    if (p == TagPosition::kOutside) {
      open = false;
      continue;
    }
    EntityClass c = ClassOf(t);
    bool continues =
        open && spans.back().type == c && (p == TagPosition::kInside || p == TagPosition::kLast);
    if (!continues) {
      spans.push_back({i, i + 1, c});
    } else {
      spans.back().end = i + 1;
    }
    open = p == TagPosition::kBegin || p == TagPosition::kInside;
  }
  return spans;
}

std::vector<int> TagsOfSpans(const std::vector<TokenSpan>& spans, size_t n) {
  std::vector<int> tags(n, 0);
  for (const TokenSpan& s : spans) {
    if (s.end - s.begin == 1) {
      tags[s.begin] = TagOf(s.type, TagPosition::kUnit);
      continue;
    }
    tags[s.begin] = TagOf(s.type, TagPosition::kBegin);
    for (size_t i = s.begin + 1; i + 1 < s.end; ++i) tags[i] = TagOf(s.type, TagPosition::kInside);
    tags[s.end - 1] = TagOf(s.type, TagPosition::kLast);
  }
  return tags;
}

void WeightTable::BuildIndex() {
  size_t capacity = 16;
  while (capacity < keys.size() * 2) capacity <<= 1;
  slots.assign(capacity, 0);
  slot_mask = capacity - 1;
  for (size_t i = 0; i < keys.size(); ++i) {
    uint64_t s = keys[i] & slot_mask;
    while (slots[s] != 0) s = (s + 1) & slot_mask;
    slots[s] = static_cast<uint32_t>(i + 1);
  }
}

void WeightTable::Score(const uint64_t* ids, size_t count, float* scores) const {
  for (size_t k = 0; k < count; ++k) {
    uint64_t key = ids[k];
    for (uint64_t s = key & slot_mask;; s = (s + 1) & slot_mask) {
      uint32_t v = slots[s];
      if (v == 0) break;
      if (keys[v - 1] != key) continue;
      for (uint32_t e = starts[v - 1]; e < starts[v]; ++e) {
        scores[entries[e].tag] += scale * static_cast<float>(entries[e].weight);
      }
      break;
    }
  }
}

std::vector<int> Viterbi(const std::vector<float>& emit, size_t n, const float* transitions) {
  std::vector<int> tags(n, 0);
  if (n == 0) return tags;
  auto transition = [&](int from, int to) { return transitions[from * kTags + to]; };
  std::vector<float> best(n * kTags, kNegative);
  std::vector<uint8_t> back(n * kTags, 0);
  for (int t = 0; t < kTags; ++t) {
    if (TransitionAllowed(kTags, t)) best[t] = emit[t] + transition(kTags, t);
  }
  for (size_t i = 1; i < n; ++i) {
    for (int t = 0; t < kTags; ++t) {
      float top = kNegative;
      int arg = 0;
      for (int p = 0; p < kTags; ++p) {
        if (best[(i - 1) * kTags + p] <= kNegative || !TransitionAllowed(p, t)) continue;
        float s = best[(i - 1) * kTags + p] + transition(p, t);
        if (s > top) {
          top = s;
          arg = p;
        }
      }
      if (top > kNegative) {
        best[i * kTags + t] = top + emit[i * kTags + t];
        back[i * kTags + t] = static_cast<uint8_t>(arg);
      }
    }
  }
  float top = kNegative;
  int arg = 0;
  for (int t = 0; t < kTags; ++t) {
    if (EndAllowed(t) && best[(n - 1) * kTags + t] > top) {
      top = best[(n - 1) * kTags + t];
      arg = t;
    }
  }
  for (size_t i = n; i-- > 0;) {
    tags[i] = arg;
    arg = back[i * kTags + arg];
  }
  return tags;
}

std::vector<int> WeightTable::Decode(const SentenceFeatures& f) const {
  const size_t n = f.size();
  std::vector<float> emit(n * kTags, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    Score(f.ids.data() + f.starts[i], f.starts[i + 1] - f.starts[i], &emit[i * kTags]);
  }
  return Viterbi(emit, n, transitions.data());
}

WeightTable WeightTable::Build(const std::vector<std::pair<uint64_t, const float*>>& rows,
                               const std::vector<float>& transitions, float prune) {
  WeightTable w;
  w.transitions = transitions;
  float top = 0;
  for (const auto& [key, row] : rows) {
    for (int t = 0; t < kTags; ++t) top = std::max(top, std::fabs(row[t]));
  }
  w.scale = top > 0 ? top / 32767.0f : 1.0f;
  std::vector<std::pair<uint64_t, const float*>> sorted = rows;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  w.starts.push_back(0);
  for (const auto& [key, row] : sorted) {
    size_t before = w.entries.size();
    for (int t = 0; t < kTags; ++t) {
      if (std::fabs(row[t]) < prune) continue;
      long q = std::lround(row[t] / w.scale);
      if (q == 0) continue;
      w.entries.push_back({static_cast<uint8_t>(t), static_cast<int16_t>(q)});
    }
    if (w.entries.size() == before) continue;
    w.keys.push_back(key);
    w.starts.push_back(static_cast<uint32_t>(w.entries.size()));
  }
  w.BuildIndex();
  return w;
}

std::unique_ptr<Model> Model::Build(WeightTable sentence_pass, WeightTable document_pass,
                                    Gazetteer gazetteer, CaseTable cases) {
  std::unique_ptr<Model> m(new Model());
  m->passes_[0] = std::move(sentence_pass);
  m->passes_[1] = std::move(document_pass);
  m->gazetteer_ = std::move(gazetteer);
  m->cases_ = std::move(cases);
  return m;
}

std::string Model::Serialise() const {
  Writer w;
  w.Bytes(kMagic, sizeof(kMagic));
  w.U32(kFormatVersion);
  w.U32(kTags);
  auto gaz = gazetteer_.Entries();
  w.U32(static_cast<uint32_t>(gazetteer_.max_tokens()));
  w.U64(gaz.size());
  for (const auto& [h, mask] : gaz) {
    w.U64(h);
    w.U8(mask);
  }
  auto cases = cases_.Entries();
  w.U64(cases.size());
  for (const auto& [h, b] : cases) {
    w.U64(h);
    w.U8(b);
  }
  for (const WeightTable& table : passes_) {
    for (float t : table.transitions) w.F32(t);
    w.F32(table.scale);
    w.U64(table.keys.size());
    for (size_t i = 0; i < table.keys.size(); ++i) {
      w.U64(table.keys[i]);
      w.U8(static_cast<uint8_t>(table.starts[i + 1] - table.starts[i]));
      for (uint32_t e = table.starts[i]; e < table.starts[i + 1]; ++e) {
        w.U8(table.entries[e].tag);
        w.I16(table.entries[e].weight);
      }
    }
  }
  uint64_t sum = Hash64(w.out());
  w.U64(sum);
  return std::move(w.out());
}

void Model::Save(const std::string& path) const {
  std::string bytes = Serialise();
  AtomicFile file(path);
  file.Write(bytes.data(), bytes.size());
  file.Commit();
}

std::unique_ptr<Model> Model::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open the entity model " + path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return FromBytes(ss.str(), path);
}

std::unique_ptr<Model> Model::FromBytes(std::string_view bytes, const std::string& name) {
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    throw Error(name + ": not a weft entity model");
  }
  Reader r(bytes, name);
  for (size_t i = 0; i < sizeof(kMagic); ++i) r.U8();
  uint32_t version = r.U32();
  if (version > kFormatVersion) {
    throw Error(name + ": entity model format " + std::to_string(version) +
                " is newer than this weft reads (" + std::to_string(kFormatVersion) +
                "); upgrade weft or rebuild the model with 'weft train ner'");
  }
  if (version < kFormatVersion) {
    // Its features were keyed by another hash: read, it would tag silently worse.
    throw Error(name + ": entity model format " + std::to_string(version) +
                " was made by an older weft (format " + std::to_string(kFormatVersion) +
                " keys its features otherwise); rebuild it with 'weft train ner'");
  }
  if (bytes.size() < sizeof(kMagic) + 12 + 8) throw Error(name + ": truncated model file");
  uint64_t stored = 0;
  for (int i = 0; i < 8; ++i) {
    stored |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[bytes.size() - 8 + i])) << (8 * i);
  }
  if (Hash64(bytes.substr(0, bytes.size() - 8)) != stored) {
    throw Error(name +
                ": damaged or truncated model file (checksum mismatch); rebuild it with "
                "'weft train ner'");
  }
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  Reader b(body, name);
  for (size_t i = 0; i < sizeof(kMagic) + 4; ++i) b.U8();
  if (b.U32() != kTags) throw Error(name + ": entity model has an unknown tag set");
  std::unique_ptr<Model> m(new Model());
  uint32_t max_tokens = b.U32();
  uint64_t gaz = b.Count(9);
  for (uint64_t i = 0; i < gaz; ++i) {
    uint64_t h = b.U64();
    m->gazetteer_.Insert(h, b.U8(), max_tokens);
  }
  uint64_t cases = b.Count(9);
  for (uint64_t i = 0; i < cases; ++i) {
    uint64_t h = b.U64();
    m->cases_.Insert(h, b.U8());
  }
  for (WeightTable& table : m->passes_) {
    table.transitions.resize((kTags + 1) * kTags);
    for (float& t : table.transitions) t = b.F32();
    table.scale = b.F32();
    uint64_t keys = b.Count(9);
    table.keys.reserve(keys);
    table.starts.reserve(keys + 1);
    table.starts.push_back(0);
    for (uint64_t i = 0; i < keys; ++i) {
      uint64_t key = b.U64();
      if (!table.keys.empty() && key <= table.keys.back()) {
        throw Error(name + ": damaged model file (keys out of order)");
      }
      table.keys.push_back(key);
      uint8_t count = b.U8();
      for (uint8_t k = 0; k < count; ++k) {
        uint8_t tag = b.U8();
        if (tag >= kTags) throw Error(name + ": damaged model file (bad tag)");
        table.entries.push_back({tag, b.I16()});
      }
      table.starts.push_back(static_cast<uint32_t>(table.entries.size()));
    }
    table.BuildIndex();
  }
  if (b.pos() != body.size()) throw Error(name + ": damaged model file (trailing bytes)");
  return m;
}

}  // namespace weft::entities
