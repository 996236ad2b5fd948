#include "graph/entities/document.h"

#include <array>
#include <unordered_map>

#include "graph/base/text.h"

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

using Counts = std::unordered_map<std::string, WordCounts>;

// Adds (sign +1) or takes away (-1) what sentence `o` says about capitalised words; with `known`
// only words already in `counts` are counted.
void CountSentence(const std::vector<std::string_view>& other, const std::vector<TokenSpan>& spans,
                   int sign, bool known, Counts* counts) {
  std::vector<int8_t> cls(other.size(), -1);
  std::vector<bool> multi(other.size(), false);
  for (const TokenSpan& span : spans) {
    for (size_t i = span.begin; i < span.end; ++i) {
      cls[i] = static_cast<int8_t>(span.type);
      multi[i] = span.end - span.begin > 1;
    }
  }
  for (size_t i = 0; i < other.size(); ++i) {
    if (!Capitalised(other[i])) continue;
    Counts::iterator it;
    if (known) {
      it = counts->find(AsciiLower(other[i]));
      if (it == counts->end()) continue;
    } else {
      it = counts->try_emplace(AsciiLower(other[i])).first;
    }
    WordCounts& c = it->second;
    if (cls[i] < 0) {
      // The first word of a sentence is capitalised whatever it is.
      if (i > 0) c.untagged = static_cast<uint16_t>(c.untagged + sign);
      continue;
    }
    c.single[cls[i]] = static_cast<uint16_t>(c.single[cls[i]] + sign);
    if (multi[i]) c.longer[cls[i]] = static_cast<uint16_t>(c.longer[cls[i]] + sign);
  }
}

History Evidence(const std::vector<std::string_view>& words, const Counts& counts) {
  History out(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    if (!Capitalised(words[i])) continue;
    auto it = counts.find(AsciiLower(words[i]));
    if (it == counts.end()) continue;
    out[i].majority = Best(it->second.single);
    out[i].longer = Best(it->second.longer);
    out[i].unlabelled = it->second.untagged > 0 ? 1 : 0;
  }
  return out;
}

}  // namespace

History DocumentHistory(const std::vector<std::vector<std::string_view>>& sentences,
                        const std::vector<std::vector<TokenSpan>>& first_pass, size_t s,
                        ContextRange context) {
  const std::vector<std::string_view>& words = sentences[s];
  Counts counts;
  for (std::string_view w : words) {
    if (Capitalised(w)) counts.emplace(AsciiLower(w), WordCounts());
  }
  if (counts.empty()) return History(words.size());
  for (size_t o = context.begin; o < context.end; ++o) {
    if (o != s) CountSentence(sentences[o], first_pass[o], +1, /*known=*/true, &counts);
  }
  return Evidence(words, counts);
}

struct DocumentCounts::Totals {
  Counts counts;
};

DocumentCounts::DocumentCounts(const std::vector<std::vector<std::string_view>>& sentences,
                               const std::vector<std::vector<TokenSpan>>& first_pass)
    : sentences_(sentences), first_pass_(first_pass), totals_(std::make_unique<Totals>()) {
  for (size_t o = 0; o < sentences.size(); ++o) {
    CountSentence(sentences[o], first_pass[o], +1, /*known=*/false, &totals_->counts);
  }
}

DocumentCounts::~DocumentCounts() = default;

History DocumentCounts::Evidence(size_t s) const {
  const std::vector<std::string_view>& words = sentences_[s];
  Counts own;
  for (std::string_view w : words) {
    if (!Capitalised(w)) continue;
    std::string key = AsciiLower(w);
    auto it = totals_->counts.find(key);
    if (it != totals_->counts.end()) own.emplace(std::move(key), it->second);
  }
  // The whole document less this sentence's own share.
  CountSentence(words, first_pass_[s], -1, /*known=*/true, &own);
  return entities::Evidence(words, own);
}

}  // namespace weft::entities
