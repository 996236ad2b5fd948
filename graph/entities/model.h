// The recogniser's model: sparse feature weights over BILOU tags, the transition scores, and the
// gazetteer and case table its features consult. One file, versioned and checksummed.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/entities/features.h"
#include "graph/entities/gazetteer.h"

namespace weft::entities {

// The four CoNLL-2003 classes.
enum class EntityClass : uint8_t { kPerson = 0, kOrganisation, kPlace, kMisc };
constexpr int kClasses = 4;
std::string_view EntityClassName(EntityClass c);  // "PER", "ORG", "LOC", "MISC"
std::optional<EntityClass> ParseEntityClass(std::string_view name);

// Tags: 0 is O; then for each class B, I, L (last), U (unit-length).
constexpr int kTags = 1 + 4 * kClasses;
enum class TagPosition : uint8_t { kOutside, kBegin, kInside, kLast, kUnit };
constexpr int TagOf(EntityClass c, TagPosition p) {
  return p == TagPosition::kOutside ? 0 : 1 + static_cast<int>(c) * 4 + static_cast<int>(p) - 1;
}
constexpr TagPosition PositionOf(int tag) {
  return tag == 0 ? TagPosition::kOutside : static_cast<TagPosition>((tag - 1) % 4 + 1);
}
constexpr EntityClass ClassOf(int tag) { return static_cast<EntityClass>((tag - 1) / 4); }
// Whether `to` may follow `from` (from == kTags: the sentence start).
bool TransitionAllowed(int from, int to);
// Whether a sentence may end on `tag`.
bool EndAllowed(int tag);

// A span of tokens [begin, end) with its class.
struct TokenSpan {
  size_t begin = 0;
  size_t end = 0;
  EntityClass type = EntityClass::kMisc;
  bool operator==(const TokenSpan&) const = default;
};
// Spans of a BILOU tag sequence. Ill-formed runs (which Viterbi never produces) end where
// the class changes.
std::vector<TokenSpan> SpansOfTags(const std::vector<int>& tags);
// The BILOU tags of spans over `n` tokens.
std::vector<int> TagsOfSpans(const std::vector<TokenSpan>& spans, size_t n);

class Model {
 public:
  // Version 1: sparse int16 weights with one scale, FNV checksum at the end.
  static constexpr uint32_t kFormatVersion = 1;

  // Reads a model file. Throws Error naming the file when it is missing, truncated, damaged
  // (checksum), not a weft model, or written by a newer weft (format version).
  static std::unique_ptr<Model> Load(const std::string& path);
  // Parses the bytes of a model file; `name` is used in error messages.
  static std::unique_ptr<Model> FromBytes(std::string_view bytes, const std::string& name);
  // The file's bytes: equal models give equal bytes.
  std::string Serialise() const;
  // Writes the file through a temporary file and a rename. Throws Error on failure.
  void Save(const std::string& path) const;

  // Emission scores of one token: scores[t] += weight of each feature for tag t.
  void Score(const uint64_t* ids, size_t count, float* scores) const;
  float transition(int from, int to) const { return transitions_[from * kTags + to]; }

  // The best tag sequence under the transition constraints (Viterbi).
  std::vector<int> Decode(const SentenceFeatures& features) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }
  const CaseTable& cases() const { return cases_; }
  size_t feature_count() const { return keys_.size(); }

  // Builds a model from training output: dense rows per feature, transitions (kTags + 1 rows,
  // the last for the sentence start). Weights whose magnitude is below `prune` are dropped.
  static std::unique_ptr<Model> Build(const std::vector<std::pair<uint64_t, const float*>>& rows,
                                      const std::vector<float>& transitions, Gazetteer gazetteer,
                                      CaseTable cases, float prune);

 private:
  Model() = default;
  void BuildIndex();

  Gazetteer gazetteer_;
  CaseTable cases_;
  std::vector<float> transitions_;  // (kTags + 1) x kTags
  std::vector<uint64_t> keys_;      // sorted
  std::vector<uint32_t> starts_;    // keys_.size() + 1 offsets into entries_
  struct Entry {
    uint8_t tag;
    int16_t weight;
  };
  std::vector<Entry> entries_;
  float scale_ = 1.0f;
  // Open addressing over keys_: slot -> index + 1 (0 empty).
  std::vector<uint32_t> slots_;
  uint64_t slot_mask_ = 0;
};

}  // namespace weft::entities
