#include "graph/base/names.h"

#include <set>
#include <vector>

#include "graph/base/text.h"

namespace weft {

std::string FoldName(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '.' || c == ',' || c == '-') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool IsCompanySuffix(std::string_view word) {
  static const std::set<std::string, std::less<>> kSuffixes = {
      "inc",          "corp",    "co", "cos", "plc",      "ltd",     "llc",
      "group",        "ag",      "sa", "nv",  "holdings", "limited", "corporation",
      "incorporated", "company", "se", "spa", "bv",       "gmbh"};
  return kSuffixes.count(FoldName(word)) > 0;
}

bool EndsWithCompanySuffix(std::string_view name) {
  const std::vector<std::string_view> words = SplitSpaces(name);
  return words.size() > 1 && IsCompanySuffix(words.back());
}

bool OnlyCompanySuffixes(std::string_view name) {
  bool any = false;
  for (size_t b = 0; b < name.size();) {
    const size_t e = std::min(name.find(' ', b), name.size());
    const std::string_view word = name.substr(b, e - b);
    if (!word.empty() && word.front() != '<') {
      if (!IsCompanySuffix(word)) return false;
      any = true;
    }
    b = e + 1;
  }
  return any;
}

bool IsTitle(std::string_view word) {
  static const std::set<std::string, std::less<>> kTitles = {
      "mr",       "mrs",       "ms",       "miss", "mme",     "herr",      "dr",
      "sir",      "lady",      "dame",     "lord", "prof",    "professor", "rev",
      "father",   "sister",    "saint",    "st",   "king",    "queen",     "prince",
      "princess", "president", "senator",  "sen",  "rep",     "gov",       "governor",
      "judge",    "minister",  "chairman", "gen",  "general", "col",       "capt"};
  return kTitles.count(FoldName(word)) > 0;
}

namespace {

// Words a name is counted in for FullerName: a title in front is not one.
size_t NameWords(std::string_view name) {
  size_t words = 0;
  bool titled = false;
  for (size_t i = 0; i < name.size();) {
    while (i < name.size() && name[i] == ' ') ++i;
    const size_t b = i;
    while (i < name.size() && name[i] != ' ') ++i;
    if (b == i) continue;
    if (words == 0 && IsTitle(name.substr(b, i - b))) titled = true;
    ++words;
  }
  return titled && words > 1 ? words - 1 : words;
}

}  // namespace

bool FullerName(std::string_view a, std::string_view b) {
  const bool ticker_a = a.find('<') != std::string_view::npos;
  const bool ticker_b = b.find('<') != std::string_view::npos;
  if (ticker_a != ticker_b) return ticker_b;
  const size_t wa = NameWords(a), wb = NameWords(b);
  if (wa != wb) return wa > wb;
  if (a.size() != b.size()) return a.size() > b.size();
  return a > b;
}

std::set<std::string> LegalForms(std::string_view name) {
  std::vector<std::string_view> words = SplitSpaces(name);
  std::set<std::string> out;
  while (words.size() > 1 && IsCompanySuffix(words.back())) {
    std::string f = AsciiLower(words.back());
    std::erase(f, '.');
    if (f == "corporation") f = "corp";
    if (f == "incorporated") f = "inc";
    if (f == "company") f = "co";
    if (f == "limited") f = "ltd";
    if (f != "group" && f != "holdings") out.insert(std::move(f));
    words.pop_back();
  }
  return out;
}

std::string EntityKey(std::string_view name, EntityType type) {
  std::vector<std::string_view> words = SplitSpaces(name);
  if (type == EntityType::kOrganisation) {
    while (words.size() > 1 && IsCompanySuffix(words.back())) words.pop_back();
    // "Goldman, Sachs and Co": the "and" before a dropped suffix goes with it.
    if (words.size() > 1 && (words.back() == "and" || words.back() == "&")) words.pop_back();
  }
  std::string key;
  for (std::string_view w : words) key += FoldName(w);
  return key;
}

}  // namespace weft
