#include "graph/entities/features.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>

#include "graph/base/hash.h"
#include "graph/base/text.h"

namespace weft::entities {
namespace {

// Buckets of the capitalised share, by fifths.
constexpr std::array<double, 4> kCaseCuts = {0.05, 0.5, 0.95, 0.999};
// Affixes up to this many bytes.
constexpr size_t kMaxAffix = 4;
// Words longer than this many bytes give their first bytes only to the word features.
constexpr size_t kMaxFeatureWord = 40;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool HasLetter(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return IsUpper(c) || IsLower(c); });
}

// Feature templates: each hash starts with the template's id, so equal values of two
// templates never collide by construction.
enum Template : uint8_t {
  kBias = 1,
  kWord,
  kLower,
  kShape,
  kShortShape,
  kPrefix,
  kSuffix,
  kLowerPrev,
  kLowerNext,
  kLowerPrev2,
  kLowerNext2,
  kWordPrev,
  kWordNext,
  kShapePrev,
  kShapeNext,
  kShapePrev2,
  kShapeNext2,
  kBigramPrev,
  kBigramNext,
  kShapeTrigram,
  kFirstShape,
  kCase,
  kCaseFirst,
  kGazetteer,
  kGazetteerPrev,
  kGazetteerNext,
  kHyphenPart,
  kHistory,
  kHistoryShape,
  kLowerShape,
  kUpperRun,
};

// A feature's key: XXH3-64 of its template byte and its words (each cut to kMaxFeatureWord
// bytes), the words apart by a unit separator.
class Emitter {
 public:
  explicit Emitter(std::vector<uint64_t>* ids) : ids_(ids) {}
  void Add(Template t, std::string_view a) { Emit(t, {a}); }
  void Add(Template t, std::string_view a, std::string_view b) { Emit(t, {a, b}); }
  void Add(Template t, std::string_view a, std::string_view b, std::string_view c) {
    Emit(t, {a, b, c});
  }

 private:
  void Emit(Template t, std::initializer_list<std::string_view> words) {
    std::array<char, 1 + 3 * (kMaxFeatureWord + 1)> buf;
    size_t n = 0;
    buf[n++] = static_cast<char>(t);
    for (std::string_view w : words) {
      if (n > 1) buf[n++] = '\x1f';
      w = w.substr(0, kMaxFeatureWord);
      std::memcpy(buf.data() + n, w.data(), w.size());
      n += w.size();
    }
    ids_->push_back(Hash64(std::string_view(buf.data(), n)));
  }

  std::vector<uint64_t>* ids_;
};

std::string ShortShape(std::string_view shape) {
  std::string out;
  for (char c : shape) {
    if (out.empty() || out.back() != c) out.push_back(c);
  }
  return out;
}

}  // namespace

void CaseTable::Count(std::string_view lower, bool capitalised) {
  auto& [cap, total] = counts_[Hash64(lower)];
  cap += capitalised ? 1 : 0;
  ++total;
}

void CaseTable::Finish(uint32_t min_count) {
  for (const auto& [h, c] : counts_) {
    if (c.second < min_count) continue;
    double share = static_cast<double>(c.first) / c.second;
    uint8_t bucket = 1;
    for (double cut : kCaseCuts) {
      if (share > cut) ++bucket;
    }
    buckets_[h] = bucket;
  }
  counts_.clear();
}

uint8_t CaseTable::Bucket(std::string_view lower) const {
  auto it = buckets_.find(Hash64(lower));
  return it == buckets_.end() ? 0 : it->second;
}

std::vector<std::pair<uint64_t, uint8_t>> CaseTable::Entries() const {
  std::vector<std::pair<uint64_t, uint8_t>> out(buckets_.begin(), buckets_.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::string WordShape(std::string_view word) {
  std::string out;
  char last = 0;
  int run = 0;
  for (unsigned char c : word.substr(0, kMaxFeatureWord)) {
    char s = IsUpper(static_cast<char>(c))   ? 'X'
             : IsLower(static_cast<char>(c)) ? 'x'
             : (c >= '0' && c <= '9')        ? 'd'
             : c >= 0x80                     ? 'u'
                                             : static_cast<char>(c);
    run = s == last ? run + 1 : 1;
    last = s;
    if (run <= 4) out.push_back(s);
  }
  return out;
}

SentenceCase ClassifyCase(const std::vector<std::string_view>& words) {
  size_t lettered = 0, upper = 0, title = 0, long_lower = 0;
  for (std::string_view w : words) {
    if (!HasLetter(w)) continue;
    ++lettered;
    bool all_upper = std::none_of(w.begin(), w.end(), IsLower);
    if (all_upper) ++upper;
    if (IsUpper(w[0])) ++title;
    if (IsLower(w[0]) && w.size() > 3) ++long_lower;
  }
  if (lettered >= 2 && upper == lettered) return SentenceCase::kUpper;
  if (lettered >= 3 && long_lower == 0 && title * 10 >= lettered * 8) return SentenceCase::kTitle;
  return SentenceCase::kNormal;
}

void ExtractFeatures(const std::vector<std::string_view>& words, const Gazetteer& gazetteer,
                     const CaseTable& cases, const History* history, SentenceFeatures* out) {
  out->ids.clear();
  out->starts.clear();
  const size_t n = words.size();
  std::vector<std::string> lower(n), shape(n), short_shape(n);
  for (size_t i = 0; i < n; ++i) {
    lower[i] = AsciiLower(words[i]);
    shape[i] = WordShape(words[i]);
    short_shape[i] = ShortShape(shape[i]);
  }
  std::vector<std::string_view> lower_views(lower.begin(), lower.end());
  std::vector<uint32_t> gaz = gazetteer.Match(lower_views);
  SentenceCase sentence_case = ClassifyCase(words);
  const char case_tag[2] = {"nut"[static_cast<int>(sentence_case)], 0};
  const std::string_view ct(case_tag, 1);
  static const std::string kStart = "<s>", kEnd = "</s>";
  auto lower_at = [&](long i) -> std::string_view {
    return i < 0                       ? std::string_view(kStart)
           : i >= static_cast<long>(n) ? std::string_view(kEnd)
                                       : lower[static_cast<size_t>(i)];
  };
  auto word_at = [&](long i) -> std::string_view {
    return i < 0                       ? std::string_view(kStart)
           : i >= static_cast<long>(n) ? std::string_view(kEnd)
                                       : words[static_cast<size_t>(i)];
  };
  auto shape_at = [&](long i) -> std::string_view {
    return i < 0                       ? std::string_view(kStart)
           : i >= static_cast<long>(n) ? std::string_view(kEnd)
                                       : short_shape[static_cast<size_t>(i)];
  };
  auto gaz_text = [&](uint32_t marks) {
    std::string s;
    for (int bit = 0; bit < 32; ++bit) {
      if (marks & (1u << bit)) {
        s.push_back(static_cast<char>('a' + bit));
      }
    }
    return s;
  };
  Emitter e(&out->ids);
  for (size_t u = 0; u < n; ++u) {
    const long i = static_cast<long>(u);
    out->starts.push_back(static_cast<uint32_t>(out->ids.size()));
    std::string_view w = words[u];
    e.Add(kBias, ct);
    if (sentence_case == SentenceCase::kNormal) e.Add(kWord, w);
    e.Add(kLower, lower[u]);
    e.Add(kShape, ct, shape[u]);
    e.Add(kShortShape, ct, short_shape[u]);
    for (size_t k = 1; k <= kMaxAffix && k < w.size(); ++k) {
      e.Add(kPrefix, w.substr(0, k));
      e.Add(kSuffix, lower[u].substr(lower[u].size() - k));
    }
    e.Add(kLowerPrev, lower_at(i - 1));
    e.Add(kLowerNext, lower_at(i + 1));
    e.Add(kLowerPrev2, lower_at(i - 2));
    e.Add(kLowerNext2, lower_at(i + 2));
    if (sentence_case == SentenceCase::kNormal) {
      e.Add(kWordPrev, word_at(i - 1));
      e.Add(kWordNext, word_at(i + 1));
    }
    e.Add(kShapePrev, ct, shape_at(i - 1));
    e.Add(kShapeNext, ct, shape_at(i + 1));
    e.Add(kShapePrev2, ct, shape_at(i - 2));
    e.Add(kShapeNext2, ct, shape_at(i + 2));
    e.Add(kBigramPrev, lower_at(i - 1), lower[u]);
    e.Add(kBigramNext, lower[u], lower_at(i + 1));
    e.Add(kShapeTrigram, shape_at(i - 1), short_shape[u], shape_at(i + 1));
    e.Add(kLowerShape, lower_at(i - 1), short_shape[u]);
    if (u == 0) e.Add(kFirstShape, ct, short_shape[u]);
    if (HasLetter(w)) {
      uint8_t bucket = cases.Bucket(lower[u]);
      const char b[2] = {static_cast<char>('0' + bucket), 0};
      e.Add(kCase, ct, std::string_view(b, 1), IsUpper(w[0]) ? "C" : "c");
      if (u == 0) e.Add(kCaseFirst, std::string_view(b, 1), IsUpper(w[0]) ? "C" : "c");
    }
    // Runs of capitalised words: length of the run this word is in, capped at four.
    if (sentence_case == SentenceCase::kNormal && !w.empty() && IsUpper(w[0])) {
      size_t b = u, f = u;
      while (b > 0 && !words[b - 1].empty() && IsUpper(words[b - 1][0])) --b;
      while (f + 1 < n && !words[f + 1].empty() && IsUpper(words[f + 1][0])) ++f;
      const char run[3] = {static_cast<char>('0' + std::min<size_t>(u - b, 3)),
                           static_cast<char>('0' + std::min<size_t>(f - u, 3)), 0};
      e.Add(kUpperRun, std::string_view(run, 2));
    }
    if (gaz[u] != 0) {
      for (int bit = 0; bit < 32; ++bit) {
        if (gaz[u] & (1u << bit)) {
          const char g[2] = {static_cast<char>('a' + bit), 0};
          e.Add(kGazetteer, std::string_view(g, 1));
          e.Add(kGazetteer, std::string_view(g, 1), short_shape[u]);
        }
      }
    }
    if (u > 0 && gaz[u - 1] != 0) e.Add(kGazetteerPrev, gaz_text(gaz[u - 1]));
    if (u + 1 < n && gaz[u + 1] != 0) e.Add(kGazetteerNext, gaz_text(gaz[u + 1]));
    // Hyphenated words: each part ("U.S.-based" -> "u.s.", "based").
    if (size_t dash = w.find('-');
        dash != std::string_view::npos && dash > 0 && dash + 1 < w.size()) {
      e.Add(kHyphenPart, "L", lower[u].substr(0, dash));
      e.Add(kHyphenPart, "R", lower[u].substr(dash + 1));
      e.Add(kHyphenPart, "S", WordShape(w.substr(0, dash)));
    }
    if (history != nullptr) {
      const DocumentEvidence& d = (*history)[u];
      const char h[4] = {static_cast<char>('0' + d.majority), static_cast<char>('0' + d.longer),
                         static_cast<char>('0' + d.unlabelled), 0};
      e.Add(kHistory, std::string_view(h, 1));
      e.Add(kHistory, std::string_view(h + 1, 1), "L");
      e.Add(kHistory, std::string_view(h, 3));
      e.Add(kHistoryShape, std::string_view(h, 2), short_shape[u]);
      if (u > 0) {
        const DocumentEvidence& p = (*history)[u - 1];
        const char q[3] = {static_cast<char>('0' + p.majority), static_cast<char>('0' + p.longer),
                           0};
        e.Add(kHistory, std::string_view(q, 2), "P");
      }
      if (u + 1 < n) {
        const DocumentEvidence& x = (*history)[u + 1];
        const char q[3] = {static_cast<char>('0' + x.majority), static_cast<char>('0' + x.longer),
                           0};
        e.Add(kHistory, std::string_view(q, 2), "N");
      }
    }
  }
  out->starts.push_back(static_cast<uint32_t>(out->ids.size()));
}

}  // namespace weft::entities
