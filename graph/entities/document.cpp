#include "graph/entities/document.h"

#include <array>
#include <unordered_map>

#include "graph/text.h"

namespace weft::entities {
namespace {

bool Capitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

struct WordCounts {
  std::array<uint16_t, kClasses> single{};  // tagged as (part of) a mention of each class
  std::array<uint16_t, kClasses> longer{};  // part of a multi-token mention
  uint16_t untagged = 0;
};

uint8_t Best(const std::array<uint16_t, kClasses>& counts) {
  int best = -1;
  uint16_t top = 0;
  for (int c = 0; c < kClasses; ++c) {
    if (counts[c] > top) {
      top = counts[c];
      best = c;
    }
  }
  return static_cast<uint8_t>(best + 1);
}

}  // namespace

History DocumentHistory(const std::vector<std::vector<std::string_view>>& sentences,
                        const std::vector<std::vector<TokenSpan>>& first_pass, size_t s,
                        ContextRange context) {
  const std::vector<std::string_view>& words = sentences[s];
  History out(words.size());
  std::unordered_map<std::string, WordCounts> counts;
  for (std::string_view w : words) {
    if (Capitalised(w)) counts.emplace(AsciiLower(w), WordCounts());
  }
  if (counts.empty()) return out;
  for (size_t o = context.begin; o < context.end; ++o) {
    if (o == s) continue;
    const std::vector<std::string_view>& other = sentences[o];
    std::vector<int8_t> cls(other.size(), -1);
    std::vector<bool> multi(other.size(), false);
    for (const TokenSpan& span : first_pass[o]) {
      for (size_t i = span.begin; i < span.end; ++i) {
        cls[i] = static_cast<int8_t>(span.type);
        multi[i] = span.end - span.begin > 1;
      }
    }
    for (size_t i = 0; i < other.size(); ++i) {
      if (!Capitalised(other[i])) continue;
      auto it = counts.find(AsciiLower(other[i]));
      if (it == counts.end()) continue;
      if (cls[i] < 0) {
        // The first word of a sentence is capitalised whatever it is.
        if (i > 0) ++it->second.untagged;
        continue;
      }
      ++it->second.single[cls[i]];
      if (multi[i]) ++it->second.longer[cls[i]];
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (!Capitalised(words[i])) continue;
    const WordCounts& c = counts[AsciiLower(words[i])];
    out[i].majority = Best(c.single);
    out[i].longer = Best(c.longer);
    out[i].unlabelled = c.untagged > 0 ? 1 : 0;
  }
  return out;
}

}  // namespace weft::entities
