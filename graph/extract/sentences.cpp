#include "graph/extract/sentences.h"

#include <array>
#include <cctype>

#include "graph/base/text.h"

namespace weft::extract {

namespace {

// Abbreviations that do not end a sentence when a capitalised word follows.
constexpr std::array<std::string_view, 48> kTitles = {
    "mr",  "mrs", "ms",  "dr",   "prof", "sr",  "jr",   "st",  "gen",  "gov",  "sen",  "rep",
    "col", "lt",  "sgt", "capt", "cmdr", "adm", "pres", "rev", "hon",  "mt",   "ft",   "no",
    "vs",  "etc", "inc", "corp", "ltd",  "co",  "plc",  "llc", "bros", "dept", "univ", "assn",
    "jan", "feb", "mar", "apr",  "jun",  "jul", "aug",  "sep", "sept", "oct",  "nov",  "dec"};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The word just before position `dot` (exclusive), lower-cased, without leading punctuation.
std::string WordBefore(std::string_view text, size_t dot) {
  size_t b = dot;
  while (b > 0 && !IsSpace(text[b - 1]) && text[b - 1] != '(' && text[b - 1] != '"') --b;
  return AsciiLower(text.substr(b, dot - b));
}

bool IsAbbreviation(std::string_view text, size_t dot) {
  std::string w = WordBefore(text, dot);
  // A ticker Reuters closes with an angle bracket ("sold it to Peugeot SA <PEUP.P>.") is no
  // abbreviation, though it has a period inside.
  if (w.empty() || w.back() == '>') return false;
  // Single letters and dotted initialisms: "J.", "U.S", "U.K".
  if (w.size() == 1 && std::isalpha(static_cast<unsigned char>(w[0]))) return true;
  // "U.S." and "E.F." end a sentence only before a word that opens one (SplitSentences).
  if (w.find('.') != std::string::npos) return true;
  for (std::string_view t : kTitles) {
    if (w == t) return true;
  }
  return false;
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  std::vector<SentenceSpan> out;
  size_t start = 0;
  auto emit = [&](size_t end) {
    size_t b = start, e = end;
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (e > b) out.push_back({b, e});
    start = end;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // A blank line ends a sentence: headlines and paragraphs without final punctuation.
    if (c == '\n') {
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j < text.size() && text[j] == '\n') {
        emit(i);
        i = j;
        continue;
      }
    }
    if (c != '.' && c != '!' && c != '?') continue;
    // Decimals and versions: "1.2", "3.5%".
    if (c == '.' && i > 0 && i + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
    // Closing quotes and brackets belong to the sentence they close.
    while (j < text.size()) {
      unsigned char q = static_cast<unsigned char>(text[j]);
      if (q == '"' || q == '\'' || q == ')' || q == ']') {
        ++j;
      } else if (q == 0xE2 && j + 2 < text.size() &&
                 static_cast<unsigned char>(text[j + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text[j + 2]) == 0x9D ||
                  static_cast<unsigned char>(text[j + 2]) == 0x99)) {
        j += 3;  // ” or ’
      } else {
        break;
      }
    }
    if (j < text.size() && !IsSpace(text[j])) continue;
    size_t k = j;
    while (k < text.size() && IsSpace(text[k])) ++k;
    if (k >= text.size()) {
      emit(j);
      break;
    }
    char next = text[k];
    bool starts = std::isupper(static_cast<unsigned char>(next)) ||
                  std::isdigit(static_cast<unsigned char>(next)) || next == '"' || next == '\'' ||
                  next == '(' || static_cast<unsigned char>(next) >= 0x80;
    if (!starts) continue;
    if (c == '.' && IsAbbreviation(text, i)) {
      // A title before a name never ends; an initialism before a capital might.
      std::string w = WordBefore(text, i);
      bool initialism = w.find('.') != std::string::npos;
      if (!initialism) continue;
      // "the U.S. Army" continues; "in the U.S. The company" ends: guess by the next word
      // being a common sentence opener.
      size_t e = k;
      while (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e]))) ++e;
      std::string_view nw = text.substr(k, e - k);
      // Before lower case or a digit, nothing ends: "U.S. dlrs".
      static constexpr std::array<std::string_view, 40> kOpeners = {
          "The",  "It",   "He",    "She",   "They",   "We",    "I",       "In",
          "But",  "A",    "An",    "This",  "That",   "Its",   "Their",   "There",
          "His",  "Her",  "Our",   "On",    "At",     "For",   "With",    "As",
          "If",   "When", "While", "After", "Before", "Since", "Under",   "Some",
          "Many", "Most", "These", "Those", "And",    "Also",  "However", "Meanwhile"};
      bool opener = false;
      for (std::string_view o : kOpeners) opener = opener || nw == o;
      if (!opener) continue;
    }
    emit(j);
    i = j - 1;
  }
  if (start < text.size()) emit(text.size());
  return out;
}

}  // namespace weft::extract
