// The linear model under the tagger and the parser: an averaged perceptron over hashed sparse
// features, its compact read-only form, and the hashing that turns feature values into keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace weft::syntax {

// A 64-bit hash of a string (XXH3).
uint64_t HashText(std::string_view text);

// Combines a feature template's number with up to four values into one key. Keys of different
// templates or values differ with overwhelming probability.
inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
inline uint64_t Feature(uint64_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0) {
  uint64_t h = Mix(tmpl * 0x9e3779b97f4a7c15ULL + a);
  h = Mix(h ^ (b + 0x632be59bd9b4e019ULL));
  if (c != 0 || d != 0) {
    h = Mix(h ^ (c + 0x85ebca77c2b2ae63ULL));
    h = Mix(h ^ (d + 0x27d4eb2f165667c5ULL));
  }
  return h;
}

// Read-only weights: for each feature key, the classes it has a weight for. Weights are int16
// with one scale for the table. Lookups go through an open-addressing index built on load.
class WeightTable {
 public:
  struct Entry {
    uint16_t cls;
    int16_t weight;
  };
  WeightTable() = default;
  // `rows` sorted by key; weights as floats, quantised here.
  static WeightTable Build(
      const std::vector<std::pair<uint64_t, std::vector<std::pair<uint16_t, float>>>>& rows);

  // scores[c] += weight(f, c) for each feature f of `features`.
  void Score(const uint64_t* features, size_t count, float* scores) const;

  size_t feature_count() const { return keys_.size(); }
  // The same table without weights whose magnitude is under `min_abs` (features left with no
  // weight go too): a smaller model that changes few decisions.
  WeightTable Pruned(float min_abs) const;
  size_t entry_count() const { return entries_.size(); }

  // Appends the table's bytes to `out`; reads them back from `in` at `*pos`, advancing it.
  // Read throws weft::Error with `name` when the bytes run short or are inconsistent.
  void Serialise(std::string* out) const;
  static WeightTable Read(std::string_view in, size_t* pos, const std::string& name);

 private:
  void BuildIndex();

  std::vector<uint64_t> keys_;    // sorted
  std::vector<uint32_t> starts_;  // keys_.size() + 1 offsets into entries_
  std::vector<Entry> entries_;
  float scale_ = 1.0f;
  std::vector<uint32_t> slots_;  // index + 1 into keys_, 0 empty
  uint64_t slot_mask_ = 0;
};

// Training-time weights with the running sums an averaged perceptron needs (Collins 2002;
// lazily updated totals, as in Daumé's thesis). Deterministic for the same updates.
class AveragedPerceptron {
 public:
  explicit AveragedPerceptron(int classes) : classes_(classes) { weights_.reserve(1 << 20); }

  // scores[0..classes) += current weights of `features`.
  void Score(const uint64_t* features, size_t count, float* scores) const;
  // Moves the weights towards `truth` and away from `guess` (no-op when they are equal).
  void Update(const uint64_t* features, size_t count, int truth, int guess);
  // Adds `delta` to the weights of `features` for class `cls` (a global update, one transition
  // of a sequence at a time).
  void Add(const uint64_t* features, size_t count, int cls, float delta);
  // Counts one training instance (call once per decision, updated or not).
  void Tick() { ++instances_; }

  // The averaged weights, entries with |weight| < `prune` left out.
  WeightTable Average(float prune) const;
  int classes() const { return classes_; }

 private:
  struct Entry {
    uint16_t cls;
    int64_t stamp;
    float weight;
    double total;
  };
  void Bump(std::vector<Entry>& row, int cls, float delta);

  int classes_;
  int64_t instances_ = 0;
  std::unordered_map<uint64_t, std::vector<Entry>> weights_;
};

}  // namespace weft::syntax
