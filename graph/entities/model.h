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

// The best tag sequence for emission scores `emit` (n x kTags) under the transition scores
// ((kTags + 1) x kTags, the last row for the sentence start) and the BILOU constraints.
std::vector<int> Viterbi(const std::vector<float>& emit, size_t n, const float* transitions);

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

// The weights of one tagging pass: sparse int16 weights with one scale, transition scores.
struct WeightTable {
  struct Entry {
    uint8_t tag;
    int16_t weight;
  };
  std::vector<float> transitions;  // (kTags + 1) x kTags, the last row for the sentence start
  std::vector<uint64_t> keys;      // sorted
  std::vector<uint32_t> starts;    // keys.size() + 1 offsets into entries
  std::vector<Entry> entries;
  float scale = 1.0f;
  // Open addressing over keys: slot -> index + 1 (0 empty).
  std::vector<uint32_t> slots;
  uint64_t slot_mask = 0;

  // From training output: dense rows per feature. Weights below `prune` in magnitude are dropped.
  static WeightTable Build(const std::vector<std::pair<uint64_t, const float*>>& rows,
                           const std::vector<float>& transitions, float prune);
  void BuildIndex();
  // Emission scores of one token: scores[t] += weight of each feature for tag t.
  void Score(const uint64_t* ids, size_t count, float* scores) const;
  float transition(int from, int to) const { return transitions[from * kTags + to]; }
  // The best tag sequence under the transition constraints (Viterbi).
  std::vector<int> Decode(const SentenceFeatures& features) const;
};

// Two passes: the first tags each sentence on its own; the second adds what the first pass
// found in the rest of the document (DocumentEvidence).
enum class Pass : uint8_t { kSentence = 0, kDocument = 1 };

class Model {
 public:
  // Version 2: two weight tables, gazetteer and case table, features, list phrases and the
  // checksum at the end all by XXH3-64 (version 1 hashed them by FNV-1a, and is refused).
  static constexpr uint32_t kFormatVersion = 2;

  // Reads a model file. Throws Error naming the file when it is missing, truncated, damaged
  // (checksum), not a weft model, or written by a newer weft (format version).
  static std::unique_ptr<Model> Load(const std::string& path);
  // Parses the bytes of a model file; `name` is used in error messages.
  static std::unique_ptr<Model> FromBytes(std::string_view bytes, const std::string& name);
  // The file's bytes: equal models give equal bytes.
  std::string Serialise() const;
  // Writes the file through a temporary file, fsync and a rename. Throws Error on failure.
  void Save(const std::string& path) const;

  const WeightTable& pass(Pass p) const { return passes_[static_cast<int>(p)]; }
  const Gazetteer& gazetteer() const { return gazetteer_; }
  const CaseTable& cases() const { return cases_; }
  size_t feature_count() const { return passes_[0].keys.size() + passes_[1].keys.size(); }

  static std::unique_ptr<Model> Build(WeightTable sentence_pass, WeightTable document_pass,
                                      Gazetteer gazetteer, CaseTable cases);

 private:
  Model() = default;

  Gazetteer gazetteer_;
  CaseTable cases_;
  WeightTable passes_[2];
};

}  // namespace weft::entities
