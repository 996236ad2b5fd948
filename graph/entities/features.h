// The recogniser's features: what it knows about a token and its neighbours, as 64-bit hashes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/entities/gazetteer.h"

namespace weft::entities {

// How often a word is written with a capital where capitals carry no sentence position
// (not first in its sentence, not in a headline): the recogniser's evidence for true case in
// headlines and at the start of sentences. Buckets: 1 never ... 5 always; 0 unknown.
class CaseTable {
 public:
  void Count(std::string_view lower, bool capitalised);
  // Turns counts into buckets; words seen fewer than `min_count` times are dropped.
  void Finish(uint32_t min_count);
  uint8_t Bucket(std::string_view lower) const;

  std::vector<std::pair<uint64_t, uint8_t>> Entries() const;
  void Insert(uint64_t hash, uint8_t bucket) { buckets_[hash] = bucket; }
  size_t size() const { return buckets_.size(); }

 private:
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> counts_;  // capitalised, total
  std::unordered_map<uint64_t, uint8_t> buckets_;
};

// What the rest of the document says about a word, from a first tagging pass: the class its
// mentions elsewhere mostly have, and the class of a longer mention it is part of elsewhere
// ("Northwind" beside "Northwind Systems"). Classes are 1 person, 2 organisation, 3 place,
// 4 misc; 0 none.
struct DocumentEvidence {
  uint8_t majority = 0;
  uint8_t longer = 0;
  uint8_t unlabelled = 0;  // 1 when the word is written capitalised elsewhere but never tagged
};
using History = std::vector<DocumentEvidence>;

// Feature hashes for each token of a sentence: token i has ids[starts[i] .. starts[i + 1]).
struct SentenceFeatures {
  std::vector<uint64_t> ids;
  std::vector<uint32_t> starts;
  size_t size() const { return starts.empty() ? 0 : starts.size() - 1; }
};

// How a sentence is cased: headlines in capitals or in title case lose the evidence of case.
enum class SentenceCase : uint8_t { kNormal, kUpper, kTitle };
SentenceCase ClassifyCase(const std::vector<std::string_view>& words);

// Fills `out` with the features of `words`. `history`, when given, holds one entry per token.
void ExtractFeatures(const std::vector<std::string_view>& words, const Gazetteer& gazetteer,
                     const CaseTable& cases, const History* history, SentenceFeatures* out);

// The shape of a word: capitals X, small letters x, digits d, other bytes as they are, runs
// longer than four cut to four ("McDonald's" -> "XxXxxxx'x", "1.04bn" -> "d.ddxx").
std::string WordShape(std::string_view word);

}  // namespace weft::entities
