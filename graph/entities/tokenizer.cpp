#include "graph/entities/tokenizer.h"

#include <array>
#include <cctype>

#include "graph/base/text.h"

namespace weft::entities {
namespace {

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Multi-byte punctuation that behaves like ASCII quotes and dashes.
constexpr std::array<std::string_view, 7> kWideQuotes = {"\u2018", "\u2019", "\u201C", "\u201D",
                                                         "\u00AB", "\u00BB", "\u2026"};
constexpr std::array<std::string_view, 4> kCurrency = {"\u00A3", "\u20AC", "\u00A5", "$"};

size_t WideQuoteAt(std::string_view s, size_t i) {
  for (std::string_view q : kWideQuotes) {
    if (s.substr(i, q.size()) == q) return q.size();
  }
  return 0;
}
size_t WideQuoteBefore(std::string_view s, size_t end) {
  for (std::string_view q : kWideQuotes) {
    if (end >= q.size() && s.substr(end - q.size(), q.size()) == q) return q.size();
  }
  return 0;
}

bool IsLeading(char c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '`' || c == '<';
}
bool IsTrailing(char c) {
  return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == ')' ||
         c == ']' || c == '}' || c == '\'' || c == '>';
}

// Words whose final period belongs to them.
bool KeepsPeriod(std::string_view word) {
  // Initialisms and initials: "U.S.", "J.", "a.m.".
  bool letters_and_dots = word.size() >= 2;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (i % 2 == 0 ? !IsAlpha(c) : c != '.') letters_and_dots = false;
  }
  if (letters_and_dots) return true;
  static const std::array<std::string_view, 40> kAbbreviations = {
      "mr.",  "mrs.", "ms.",  "dr.",  "prof.", "sr.",  "jr.",     "st.",   "gen.",  "gov.",
      "sen.", "rep.", "lt.",  "col.", "capt.", "inc.", "corp.",   "co.",   "ltd.",  "bros.",
      "plc.", "jan.", "feb.", "mar.", "apr.",  "aug.", "sep.",    "sept.", "oct.",  "nov.",
      "dec.", "vs.",  "no.",  "mt.",  "ft.",   "rev.", "messrs.", "cos.",  "dept.", "u.k."};
  std::string lower = AsciiLower(word);
  for (std::string_view a : kAbbreviations) {
    if (lower == a) return true;
  }
  return false;
}

class Splitter {
 public:
  Splitter(std::string_view s, uint32_t offset, std::vector<Token>* out)
      : s_(s), offset_(offset), out_(out) {}

  void Word(size_t b, size_t e) {
    std::vector<Token> trailing;
    // Leading quotes and brackets.
    while (b < e) {
      if (size_t n = WideQuoteAt(s_, b); n > 0 && b + n <= e) {
        Emit(b, b + n);
        b += n;
      } else if (IsLeading(s_[b]) && e - b > 1) {
        Emit(b, b + 1);
        ++b;
      } else {
        break;
      }
    }
    // Trailing punctuation, collected right to left.
    while (e > b) {
      if (size_t n = WideQuoteBefore(s_, e); n > 0 && e - n >= b) {
        // A typographic apostrophe after "s" is a possessive: handled below.
        if (s_.substr(e - n, n) == "\u2019" && e - n > b &&
            (s_[e - n - 1] == 's' || s_[e - n - 1] == 'S'))
          break;
        trailing.push_back(Make(e - n, e));
        e -= n;
      } else if (e - b > 1 && (IsTrailing(s_[e - 1]) || s_[e - 1] == '.')) {
        char c = s_[e - 1];
        if (c == '.' && KeepsPeriod(s_.substr(b, e - b))) break;
        if (c == '.' && e - b >= 2 && s_[e - 2] == '.') {
          // An ellipsis stays together.
          size_t k = e;
          while (k > b && s_[k - 1] == '.') --k;
          trailing.push_back(Make(k, e));
          e = k;
          continue;
        }
        if (c == '\'' && (s_[e - 2] == 's' || s_[e - 2] == 'S')) break;  // "Jones'": possessive
        trailing.push_back(Make(e - 1, e));
        --e;
      } else {
        break;
      }
    }
    if (b < e) Core(b, e);
    for (auto it = trailing.rbegin(); it != trailing.rend(); ++it) out_->push_back(*it);
  }

 private:
  Token Make(size_t b, size_t e) const {
    return {std::string(s_.substr(b, e - b)), static_cast<uint32_t>(offset_ + b),
            static_cast<uint32_t>(offset_ + e)};
  }
  void Emit(size_t b, size_t e) { out_->push_back(Make(b, e)); }

  // A word without outer punctuation: currency signs, percent and possessives.
  void Core(size_t b, size_t e) {
    for (std::string_view c : kCurrency) {
      if (e - b > c.size() && s_.substr(b, c.size()) == c && IsDigit(s_[b + c.size()])) {
        Emit(b, b + c.size());
        b += c.size();
        break;
      }
    }
    if (e - b > 1 && s_[e - 1] == '%' && IsDigit(s_[e - 2])) {
      Core(b, e - 1);
      Emit(e - 1, e);
      return;
    }
    std::string_view w = s_.substr(b, e - b);
    auto ends_with_ci = [&](std::string_view suffix) {
      if (w.size() <= suffix.size()) return false;
      return AsciiLower(w.substr(w.size() - suffix.size())) == suffix;
    };
    for (std::string_view suffix : {std::string_view("'s"), std::string_view("\u2019s")}) {
      if (ends_with_ci(suffix)) {
        Emit(b, e - suffix.size());
        Emit(e - suffix.size(), e);
        return;
      }
    }
    for (std::string_view suffix : {std::string_view("'"), std::string_view("\u2019")}) {
      if (w.size() > suffix.size() + 1 && w.ends_with(suffix) &&
          (w[w.size() - suffix.size() - 1] == 's' || w[w.size() - suffix.size() - 1] == 'S')) {
        Emit(b, e - suffix.size());
        Emit(e - suffix.size(), e);
        return;
      }
    }
    // "n't" contractions: "didn't" -> "did" "n't".
    if (ends_with_ci("n't") && w.size() > 3) {
      Emit(b, e - 3);
      Emit(e - 3, e);
      return;
    }
    Emit(b, e);
  }

  std::string_view s_;
  uint32_t offset_;
  std::vector<Token>* out_;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view sentence, uint32_t offset) {
  std::vector<Token> out;
  Splitter splitter(sentence, offset, &out);
  size_t i = 0;
  while (i < sentence.size()) {
    while (i < sentence.size() && IsSpace(static_cast<unsigned char>(sentence[i]))) ++i;
    size_t b = i;
    while (i < sentence.size() && !IsSpace(static_cast<unsigned char>(sentence[i]))) ++i;
    if (b < i) splitter.Word(b, i);
  }
  return out;
}

}  // namespace weft::entities
