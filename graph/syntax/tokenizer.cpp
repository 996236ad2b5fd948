#include "graph/syntax/tokenizer.h"

#include <array>
#include <cstring>

namespace weft::syntax {
namespace {

bool Space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool Alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool Digit(char c) { return c >= '0' && c <= '9'; }

// Multi-byte punctuation that splits like its ASCII counterpart.
constexpr std::array<std::string_view, 8> kWidePunct = {"\u201c", "\u201d", "\u2018", "\u2019",
                                                        "\u2014", "\u2013", "\u2026", "\u00a3"};

size_t WidePunctAt(std::string_view w, size_t i) {
  for (std::string_view p : kWidePunct) {
    if (w.substr(i, p.size()) == p) return p.size();
  }
  return 0;
}
size_t WidePunctBefore(std::string_view w, size_t end) {
  for (std::string_view p : kWidePunct) {
    if (end >= p.size() && w.substr(end - p.size(), p.size()) == p) return p.size();
  }
  return 0;
}

// "U.S.", "Inc.", "p.m.", single initials: a final period that belongs to the word.
bool KeepsPeriod(std::string_view w) {
  if (w.size() < 2 || w.back() != '.') return false;
  std::string_view body = w.substr(0, w.size() - 1);
  if (body.find('.') != std::string_view::npos) return true;  // U.S. p.m.
  if (body.size() == 1 && Alpha(body[0])) return true;        // initials
  static const std::array<std::string_view, 30> kAbbrev = {
      "Mr",   "Mrs", "Ms",  "Dr",  "Prof", "Inc", "Corp", "Co",  "Ltd", "Jr",
      "Sr",   "St",  "vs",  "etc", "Jan",  "Feb", "Mar",  "Apr", "Aug", "Sep",
      "Sept", "Oct", "Nov", "Dec", "Gov",  "Sen", "Rep",  "Gen", "No",  "Mt"};
  for (std::string_view a : kAbbrev) {
    if (body == a) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 7> kClitics = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};

}  // namespace

std::vector<Token> TokenizeWords(std::string_view sentence, uint32_t offset) {
  std::vector<Token> out;
  auto emit = [&](size_t b, size_t e, std::string text) {
    if (e <= b) return;
    out.push_back(
        {std::move(text), offset + static_cast<uint32_t>(b), offset + static_cast<uint32_t>(e)});
  };
  size_t i = 0;
  while (i < sentence.size()) {
    while (i < sentence.size() && Space(static_cast<unsigned char>(sentence[i]))) ++i;
    size_t j = i;
    while (j < sentence.size() && !Space(static_cast<unsigned char>(sentence[j]))) ++j;
    if (j == i) break;
    // A dash written as two or more hyphens splits a run ("objective--to"): it is a word of
    // its own.
    if (size_t dash = sentence.substr(i, j - i).find("--"); dash != std::string_view::npos) {
      if (dash == 0) {
        size_t d = i;
        while (d < j && sentence[d] == '-') ++d;
        emit(i, d, std::string(sentence.substr(i, d - i)));
        i = d;
        continue;
      }
      j = i + dash;
    }
    // A double quote between letters opens or closes a quotation a missing space ran into the
    // words ('said"it'): the run ends before it.
    if (size_t q = sentence.substr(i, j - i).find('"');
        q != std::string_view::npos && q > 0 && i + q + 1 < j && Alpha(sentence[i + q - 1]) &&
        Alpha(sentence[i + q + 1])) {
      j = i + q;
    }
    size_t b = i, e = j;
    i = j;
    // Leading punctuation.
    std::vector<Token> tail;
    for (;;) {
      if (b >= e) break;
      char c = sentence[b];
      size_t wide = WidePunctAt(sentence.substr(0, e), b);
      if (wide > 0) {
        emit(b, b + wide, std::string(sentence.substr(b, wide)));
        b += wide;
        continue;
      }
      if (std::strchr("\"'([{<`$#", c) != nullptr && e - b > 1) {
        // "'s" or "'90s" at a word's start stays whole.
        if (c == '\'' && (Alpha(sentence[b + 1]) || Digit(sentence[b + 1])) &&
            (e - b <= 3 || Digit(sentence[b + 1]))) {
          break;
        }
        emit(b, b + 1, std::string(1, c));
        ++b;
        continue;
      }
      break;
    }
    // Trailing punctuation, outermost first (collected, then emitted in order).
    for (;;) {
      if (b >= e) break;
      size_t wide = WidePunctBefore(sentence.substr(0, e), e);
      if (wide > 0 && e - wide > b) {
        tail.push_back({std::string(sentence.substr(e - wide, wide)), 0, 0});
        tail.back().begin = static_cast<uint32_t>(e - wide);
        tail.back().end = static_cast<uint32_t>(e);
        e -= wide;
        continue;
      }
      char c = sentence[e - 1];
      if (e - b > 1 && std::strchr(",;:!?)]}>\"'%", c) != nullptr) {
        tail.push_back({std::string(1, c), static_cast<uint32_t>(e - 1), static_cast<uint32_t>(e)});
        --e;
        continue;
      }
      if (e - b > 1 && c == '.' && !KeepsPeriod(sentence.substr(b, e - b))) {
        // "..." whole.
        size_t dots = e;
        while (dots > b && sentence[dots - 1] == '.') --dots;
        if (dots == b) break;
        tail.push_back({std::string(sentence.substr(dots, e - dots)), static_cast<uint32_t>(dots),
                        static_cast<uint32_t>(e)});
        e = dots;
        continue;
      }
      break;
    }
    // Clitics.
    std::string word(sentence.substr(b, e - b));
    for (size_t p = 0; p < word.size(); ++p) {
      if (word.compare(p, 3, "\u2019") == 0) word.replace(p, 3, "'");
    }
    size_t clitic_at = std::string::npos;
    for (std::string_view c : kClitics) {
      if (word.size() > c.size() &&
          std::equal(
              c.begin(), c.end(), word.end() - static_cast<long>(c.size()),
              [](char a, char x) { return a == (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x); })) {
        clitic_at = word.size() - c.size();
        break;
      }
    }
    // "cannot" is two words, as the treebank writes it: "can" and "not".
    const bool cannot = word.size() == 6 && word.size() == e - b &&
                        (word[0] == 'c' || word[0] == 'C') && word.substr(1) == "annot";
    if (cannot) {
      emit(b, b + 3, word.substr(0, 3));
      emit(b + 3, e, word.substr(3));
    } else if (clitic_at != std::string::npos && word.size() == e - b) {
      emit(b, b + clitic_at, word.substr(0, clitic_at));
      emit(b + clitic_at, e, word.substr(clitic_at));
    } else if (clitic_at != std::string::npos) {
      // A typographic apostrophe: the source span is three bytes longer than the ASCII form.
      size_t src = e - (word.size() - clitic_at) - 2;
      emit(b, src, std::string(sentence.substr(b, src - b)));
      emit(src, e, word.substr(clitic_at));
    } else {
      emit(b, e, std::string(sentence.substr(b, e - b)));
    }
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) {
      out.push_back({it->text, offset + it->begin, offset + it->end});
    }
  }
  return out;
}

}  // namespace weft::syntax
