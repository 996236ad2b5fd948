#include "graph/syntax/perceptron.h"

#include <algorithm>
#include <cmath>

#include "graph/base/error.h"
#include "graph/base/hash.h"
#include "graph/syntax/bytes.h"

namespace weft::syntax {

uint64_t HashText(std::string_view text) { return Hash64(text); }

WeightTable WeightTable::Build(
    const std::vector<std::pair<uint64_t, std::vector<std::pair<uint16_t, float>>>>& rows) {
  WeightTable t;
  float max_abs = 0;
  for (const auto& [key, row] : rows) {
    for (const auto& [cls, w] : row) max_abs = std::max(max_abs, std::fabs(w));
  }
  t.scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  t.keys_.reserve(rows.size());
  t.starts_.reserve(rows.size() + 1);
  for (const auto& [key, row] : rows) {
    t.keys_.push_back(key);
    t.starts_.push_back(static_cast<uint32_t>(t.entries_.size()));
    for (const auto& [cls, w] : row) {
      auto q = static_cast<int16_t>(std::lround(w / t.scale_));
      if (q != 0) t.entries_.push_back({cls, q});
    }
  }
  t.starts_.push_back(static_cast<uint32_t>(t.entries_.size()));
  t.BuildIndex();
  return t;
}

WeightTable WeightTable::Pruned(float min_abs) const {
  WeightTable t;
  t.scale_ = scale_;
  const float quantum = std::max(0.0f, min_abs / scale_);
  t.starts_.push_back(0);
  for (size_t i = 0; i < keys_.size(); ++i) {
    const size_t before = t.entries_.size();
    for (uint32_t e = starts_[i]; e < starts_[i + 1]; ++e) {
      if (std::fabs(static_cast<float>(entries_[e].weight)) >= quantum) {
        t.entries_.push_back(entries_[e]);
      }
    }
    if (t.entries_.size() == before) continue;
    t.keys_.push_back(keys_[i]);
    t.starts_.push_back(static_cast<uint32_t>(t.entries_.size()));
  }
  t.BuildIndex();
  return t;
}

void WeightTable::BuildIndex() {
  size_t capacity = 16;
  while (capacity < keys_.size() * 2) capacity <<= 1;
  slots_.assign(capacity, 0);
  slot_mask_ = capacity - 1;
  for (size_t i = 0; i < keys_.size(); ++i) {
    uint64_t s = keys_[i] & slot_mask_;
    while (slots_[s] != 0) s = (s + 1) & slot_mask_;
    slots_[s] = static_cast<uint32_t>(i + 1);
  }
}

void WeightTable::Score(const uint64_t* features, size_t count, float* scores) const {
  if (keys_.empty()) return;
  // A lookup is four dependent reads in tables far larger than the caches (slot, key, entry
  // range, entries), and the features of one decision are known together: each stage's reads
  // are requested for a batch of features before the first is used, so their misses overlap.
  constexpr size_t kBatch = 64;
  uint32_t found[kBatch];
  for (size_t base = 0; base < count; base += kBatch) {
    const size_t n = std::min(kBatch, count - base);
    const uint64_t* f = features + base;
    for (size_t k = 0; k < n; ++k) __builtin_prefetch(&slots_[f[k] & slot_mask_]);
    for (size_t k = 0; k < n; ++k) {
      const uint32_t v = slots_[f[k] & slot_mask_];
      if (v != 0) {
        __builtin_prefetch(&keys_[v - 1]);
        __builtin_prefetch(&starts_[v - 1]);
      }
    }
    for (size_t k = 0; k < n; ++k) {
      found[k] = 0;
      for (uint64_t s = f[k] & slot_mask_;; s = (s + 1) & slot_mask_) {
        const uint32_t v = slots_[s];
        if (v == 0) break;
        if (keys_[v - 1] != f[k]) continue;
        found[k] = v;
        __builtin_prefetch(entries_.data() + starts_[v - 1]);
        break;
      }
    }
    for (size_t k = 0; k < n; ++k) {
      const uint32_t v = found[k];
      if (v == 0) continue;
      for (uint32_t e = starts_[v - 1]; e < starts_[v]; ++e) {
        scores[entries_[e].cls] += scale_ * static_cast<float>(entries_[e].weight);
      }
    }
  }
}

void WeightTable::Serialise(std::string* out) const {
  PutF32(out, scale_);
  PutU64(out, keys_.size());
  for (uint64_t k : keys_) PutU64(out, k);
  // Entry counts per key, then the entries.
  for (size_t i = 0; i < keys_.size(); ++i) PutU32(out, starts_[i + 1] - starts_[i]);
  PutU64(out, entries_.size());
  for (const Entry& e : entries_) {
    PutU32(out, static_cast<uint32_t>(e.cls) |
                    (static_cast<uint32_t>(static_cast<uint16_t>(e.weight)) << 16));
  }
}

WeightTable WeightTable::Read(std::string_view in, size_t* pos, const std::string& name) {
  ByteReader r(in, pos, name);
  WeightTable t;
  t.scale_ = r.F32();
  if (!(t.scale_ > 0) || !std::isfinite(t.scale_)) {
    throw Error(name + ": damaged syntax model (weight scale)");
  }
  uint64_t n = r.Count(12);
  t.keys_.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    t.keys_[i] = r.U64();
    if (i > 0 && t.keys_[i] <= t.keys_[i - 1]) {
      throw Error(name + ": damaged syntax model (feature keys out of order)");
    }
  }
  t.starts_.resize(n + 1);
  t.starts_[0] = 0;
  uint64_t total = 0;
  for (uint64_t i = 0; i < n; ++i) {
    total += r.U32();
    if (total > UINT32_MAX) throw Error(name + ": damaged syntax model (entry counts)");
    t.starts_[i + 1] = static_cast<uint32_t>(total);
  }
  uint64_t m = r.Count(4);
  if (m != total) throw Error(name + ": damaged syntax model (entry counts)");
  t.entries_.resize(m);
  for (uint64_t i = 0; i < m; ++i) {
    uint32_t v = r.U32();
    t.entries_[i] = {static_cast<uint16_t>(v & 0xffff),
                     static_cast<int16_t>(static_cast<uint16_t>(v >> 16))};
  }
  t.BuildIndex();
  return t;
}

void AveragedPerceptron::Score(const uint64_t* features, size_t count, float* scores) const {
  for (size_t k = 0; k < count; ++k) {
    auto it = weights_.find(features[k]);
    if (it == weights_.end()) continue;
    for (const Entry& e : it->second) scores[e.cls] += e.weight;
  }
}

void AveragedPerceptron::Bump(std::vector<Entry>& row, int cls, float delta) {
  for (Entry& e : row) {
    if (e.cls == cls) {
      e.total += static_cast<double>(instances_ - e.stamp) * e.weight;
      e.stamp = instances_;
      e.weight += delta;
      return;
    }
  }
  row.push_back({static_cast<uint16_t>(cls), instances_, delta, 0.0});
}

void AveragedPerceptron::Update(const uint64_t* features, size_t count, int truth, int guess) {
  if (truth == guess) return;
  for (size_t k = 0; k < count; ++k) {
    std::vector<Entry>& row = weights_[features[k]];
    Bump(row, truth, 1.0f);
    Bump(row, guess, -1.0f);
  }
}

void AveragedPerceptron::Add(const uint64_t* features, size_t count, int cls, float delta) {
  for (size_t k = 0; k < count; ++k) Bump(weights_[features[k]], cls, delta);
}

WeightTable AveragedPerceptron::Average(float prune) const {
  std::vector<std::pair<uint64_t, std::vector<std::pair<uint16_t, float>>>> rows;
  rows.reserve(weights_.size());
  const double n = static_cast<double>(std::max<int64_t>(instances_, 1));
  for (const auto& [key, row] : weights_) {
    std::vector<std::pair<uint16_t, float>> out;
    for (const Entry& e : row) {
      double total = e.total + static_cast<double>(instances_ - e.stamp) * e.weight;
      auto avg = static_cast<float>(total / n);
      if (std::fabs(avg) >= prune) out.emplace_back(e.cls, avg);
    }
    if (out.empty()) continue;
    std::sort(out.begin(), out.end());
    rows.emplace_back(key, std::move(out));
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return WeightTable::Build(rows);
}

}  // namespace weft::syntax
