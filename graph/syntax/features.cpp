#include "graph/syntax/features.h"

#include "graph/syntax/perceptron.h"

namespace weft::syntax {

const char kFeatureSet[] =
    "weft-syntax features 1\n"
    "word keys: form, lower, prefix 1-2, suffix 1-4 (bytes), shape (runs of 3), flags "
    "(hyphen, digit, capital first, all capitals)\n"
    "tagger: bias; w0 form, lower, prefixes, suffixes, shape, flags; w-1, w-2, w+1, w+2 lower; "
    "w-1 and w+1 suffix3 and shape; t-1; t-2; t-1 t-2; t-1 w0; w-1 w0; w0 w+1\n"
    "second tagger pass: the above and the first pass's a0, a+1, a+2, a+1 a+2, t-1 a+1, "
    "w0 a+1, a0 a+1, t-1 a0 a+1, w+1 a+1\n"
    "parser: arc-hybrid, beam; s0 s1 s2 b0 b1 b2 word, tag, word+tag; s0 b0 pairs; tag trigrams; "
    "distance s0-b0; valency; leftmost and rightmost children (two each) of s0, s1, b0 with "
    "labels; label sets; s0 and b0 suffix3\n";

uint64_t FeatureFingerprint() { return HashText(kFeatureSet); }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Shape(std::string_view word) {
  std::string out;
  char last = 0;
  int run = 0;
  for (char ch : word) {
    char c = ch;
    if (ch >= 'A' && ch <= 'Z') {
      c = 'X';
    } else if (ch >= 'a' && ch <= 'z') {
      c = 'x';
    } else if (ch >= '0' && ch <= '9') {
      c = 'd';
    } else if (static_cast<unsigned char>(ch) >= 0x80) {
      c = 'u';
    }
    run = c == last ? run + 1 : 1;
    last = c;
    if (run <= 3) out.push_back(c);
  }
  return out;
}

namespace {

// The byte positions of the first and last `n` code points of `s`.
std::string_view FirstChars(std::string_view s, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}
std::string_view LastChars(std::string_view s, int n) {
  size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  }
  return s.substr(i);
}

}  // namespace

std::vector<WordKeys> KeysOf(const std::vector<std::string_view>& forms) {
  std::vector<WordKeys> out(forms.size());
  for (size_t i = 0; i < forms.size(); ++i) {
    std::string_view f = forms[i];
    std::string lower = LowerAscii(f);
    WordKeys& k = out[i];
    k.form = HashText(f) | 1;
    k.lower = HashText(lower) | 1;
    k.prefix1 = HashText(FirstChars(lower, 1)) | 1;
    k.prefix2 = HashText(FirstChars(lower, 2)) | 1;
    k.suffix1 = HashText(LastChars(lower, 1)) | 1;
    k.suffix2 = HashText(LastChars(lower, 2)) | 1;
    k.suffix3 = HashText(LastChars(lower, 3)) | 1;
    k.suffix4 = HashText(LastChars(lower, 4)) | 1;
    k.shape = HashText(Shape(f)) | 1;
    bool hyphen = f.find('-') != std::string_view::npos;
    bool digit = f.find_first_of("0123456789") != std::string_view::npos;
    bool cap = !f.empty() && f[0] >= 'A' && f[0] <= 'Z';
    bool all_caps = cap && f.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos;
    k.flags = 1 + (hyphen ? 2 : 0) + (digit ? 4 : 0) + (cap ? 8 : 0) + (all_caps ? 16 : 0);
  }
  return out;
}

void TaggerFeatures(const std::vector<WordKeys>& words, const std::vector<int>& tags, size_t i,
                    std::vector<uint64_t>* out, const std::vector<int>* ahead) {
  static const WordKeys kNone{};
  auto at = [&](long j) -> const WordKeys& {
    return j < 0 || j >= static_cast<long>(words.size()) ? kNone : words[static_cast<size_t>(j)];
  };
  const long p = static_cast<long>(i);
  const WordKeys& w0 = words[i];
  const WordKeys& wm1 = at(p - 1);
  const WordKeys& wm2 = at(p - 2);
  const WordKeys& wp1 = at(p + 1);
  const WordKeys& wp2 = at(p + 2);
  const uint64_t t1 = i >= 1 ? static_cast<uint64_t>(tags[i - 1]) : 0;
  const uint64_t t2 = i >= 2 ? static_cast<uint64_t>(tags[i - 2]) : 0;
  out->push_back(Feature(1, 1));
  out->push_back(Feature(2, w0.form));
  out->push_back(Feature(3, w0.lower));
  out->push_back(Feature(4, w0.prefix1));
  out->push_back(Feature(5, w0.prefix2));
  out->push_back(Feature(6, w0.suffix1));
  out->push_back(Feature(7, w0.suffix2));
  out->push_back(Feature(8, w0.suffix3));
  out->push_back(Feature(9, w0.suffix4));
  out->push_back(Feature(10, w0.shape));
  out->push_back(Feature(11, w0.flags));
  out->push_back(Feature(12, wm1.lower));
  out->push_back(Feature(13, wm2.lower));
  out->push_back(Feature(14, wp1.lower));
  out->push_back(Feature(15, wp2.lower));
  out->push_back(Feature(16, wm1.suffix3));
  out->push_back(Feature(17, wp1.suffix3));
  out->push_back(Feature(18, wm1.shape));
  out->push_back(Feature(19, wp1.shape));
  out->push_back(Feature(20, t1));
  out->push_back(Feature(21, t2));
  out->push_back(Feature(22, t1, t2));
  out->push_back(Feature(23, t1, w0.lower));
  out->push_back(Feature(24, wm1.lower, w0.lower));
  out->push_back(Feature(25, w0.lower, wp1.lower));
  if (ahead == nullptr) return;
  auto a = [&](size_t j) -> uint64_t {
    return j < ahead->size() ? static_cast<uint64_t>((*ahead)[j]) : 0x5bd1e995ULL;
  };
  const uint64_t a0 = a(i), a1 = a(i + 1), a2 = a(i + 2);
  out->push_back(Feature(26, a0));
  out->push_back(Feature(27, a1));
  out->push_back(Feature(28, a2));
  out->push_back(Feature(29, a1, a2));
  out->push_back(Feature(30, t1, a1));
  out->push_back(Feature(31, w0.lower, a1));
  out->push_back(Feature(32, a0, a1));
  out->push_back(Feature(33, t1, a0, a1));
  out->push_back(Feature(34, wp1.lower, a1));
}

}  // namespace weft::syntax
