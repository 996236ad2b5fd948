#include "graph/extract/words.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "graph/base/text.h"
#include "graph/entities/values.h"

namespace weft::extract {

bool IsModal(std::string_view w) {
  static const std::set<std::string, std::less<>> kModals = {
      "may", "might", "could", "would", "should", "can", "will", "must", "shall", "'d", "'ll"};
  return kModals.count(AsciiLower(w)) > 0;
}

bool IsPronoun(std::string_view w) {
  static const std::set<std::string, std::less<>> kPronouns = {
      "he", "she", "it", "they", "him", "her", "them", "its", "their", "his"};
  return kPronouns.count(AsciiLower(w)) > 0;
}

bool IsFirstOrSecondPerson(std::string_view w) {
  static const std::set<std::string, std::less<>> kWords = {
      "i",    "me",  "my",   "mine",  "myself",   "we",         "us",       "our",
      "ours", "you", "your", "yours", "yourself", "yourselves", "ourselves"};
  return kWords.count(AsciiLower(w)) > 0;
}

bool IsTableRow(std::string_view line) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < line.size();) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    const size_t b = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (b < i) words.push_back(line.substr(b, i - b));
  }
  if (words.size() < 3 || words.size() > 14) return false;
  auto figure = [](std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
           w == "nil" || w == "one" || w == "profit" || w == "loss";
  };
  for (size_t k = 1; k + 1 < words.size(); ++k) {
    if (words[k] != "vs" && words[k] != "vs.") continue;
    bool before = false, after = false;
    for (size_t j = 0; j < k; ++j) before = before || figure(words[j]);
    for (size_t j = k + 1; j < words.size(); ++j) after = after || figure(words[j]);
    if (before && after) return true;
  }
  return false;
}

// Head nouns that, after "the", name an organisation or a place mentioned before.
bool IsOrganisationHead(std::string_view w) {
  static const std::set<std::string, std::less<>> kHeads = {
      "company", "firm",       "group",   "bank",        "carrier",      "maker",    "concern",
      "unit",    "subsidiary", "airline", "insurer",     "retailer",     "producer", "manufacturer",
      "lender",  "brokerage",  "utility", "corporation", "conglomerate", "automaker"};
  return kHeads.count(w) > 0;
}

// Nouns that name a part, a figure or an act of a company: without an owner of their own they
// are the company's the document is about.
bool IsRelationalNoun(std::string_view w) {
  static const std::set<std::string, std::less<>> kNouns = {
      "share",     "sale",      "price",     "profit",      "loss",     "revenue",
      "earnings",  "stock",     "dividend",  "result",      "offering", "acquisition",
      "agreement", "operation", "statement", "shareholder", "stake",    "debt",
      "asset",     "income",    "output",    "spokesman",   "chairman", "president",
      "executive", "board",     "unit",      "subsidiary",  "plant",    "bid",
      "offer",     "merger",    "proposal",  "approval",    "growth"};
  return kNouns.count(w) > 0;
}

bool IsPlaceHead(std::string_view w) {
  static const std::set<std::string, std::less<>> kHeads = {"country", "nation", "city",
                                                            "state",   "region", "province"};
  return kHeads.count(w) > 0;
}

// A name made of a number: a year ("1985", "1985/86") is a date; a count, price or fraction
// ("437", "15-1/2", "5/8") a quantity, normalised as a decimal. nullopt when it is no number.
std::optional<NumberNode> ReadNumberNode(std::string_view t) {
  if (t.empty() || !std::all_of(t.begin(), t.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '.' ||
               c == ',';
      })) {
    return std::nullopt;
  }
  if (!std::isdigit(static_cast<unsigned char>(t.front())) ||
      !std::isdigit(static_cast<unsigned char>(t.back()))) {
    return std::nullopt;
  }
  auto year = [](std::string_view y) {
    return y.size() == 4 &&
           std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           y >= "1800" && y <= "2200";
  };
  if (year(t)) return NumberNode{EntityType::kDate, std::string(t)};
  if (t.size() == 7 && t[4] == '/' && year(t.substr(0, 4))) {
    return NumberNode{EntityType::kDate, std::string(t.substr(0, 4))};  // a season, "1985/86"
  }
  // "15-1/2": whole and fraction; "5/8": a fraction; else a plain number.
  double value = 0;
  std::string_view rest = t;
  if (size_t slash = t.find('/'); slash != std::string_view::npos) {
    size_t dash = t.rfind('-', slash);
    std::string whole = dash == std::string_view::npos ? "0" : std::string(t.substr(0, dash));
    std::string num(t.substr(dash == std::string_view::npos ? 0 : dash + 1,
                             slash - (dash == std::string_view::npos ? 0 : dash + 1)));
    std::string den(t.substr(slash + 1));
    char* e1 = nullptr;
    char* e2 = nullptr;
    char* e3 = nullptr;
    double w = std::strtod(whole.c_str(), &e1), n = std::strtod(num.c_str(), &e2),
           d = std::strtod(den.c_str(), &e3);
    if (*e1 != '\0' || *e2 != '\0' || *e3 != '\0' || d == 0) {
      return NumberNode{EntityType::kQuantity, std::string(t)};
    }
    value = w + n / d;
    rest = {};
  }
  if (!rest.empty()) {
    std::string plain;
    for (char c : rest) {
      if (c != ',') plain.push_back(c);
    }
    char* end = nullptr;
    value = std::strtod(plain.c_str(), &end);
    if (*end != '\0') return NumberNode{EntityType::kQuantity, std::string(t)};
  }
  std::string out = fmt::format("{:.6f}", value);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return NumberNode{EntityType::kQuantity, out};
}

bool IsVagueNode(std::string_view name) {
  static const std::set<std::string, std::less<>> kVague = {
      "year",    "week",  "month",     "quarter",  "day",   "time", "period",  "said",
      "says",    "say",   "one",       "more",     "some",  "many", "most",    "other",
      "others",  "all",   "each",      "both",     "none",  "any",  "much",    "few",
      "several", "today", "yesterday", "tomorrow", "being", "for",  "reporter"};
  return kVague.count(name) > 0;
}

// A kind without an owner or a modifier: one lower-case word ("company", "agreement"). It says
// which kind of thing, not which thing.
bool IsCommonDescription(std::string_view name) {
  if (name.empty() || name.front() == ' ' || name.back() == ' ') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool space = c == ' ' && name[i - 1] != ' ';
    if (!((c >= 'a' && c <= 'z') || c == '-' || space)) return false;
  }
  return true;
}

bool IsBareKind(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

// Whether a statement belongs in the graph. Two kinds do not:
// - a relation that is a unit ("ct", "dlr", "mln": "20 cts a share" read as a verb): a misparse;
// - a saying's manner ("say in statement", "tell in interview"): the saying is the statement.
// A relation between two bare kinds ("banks bid for funds") stays: each is a node of its document
// alone (ScopeKinds), so no document's "bank" becomes every document's hub.
bool IsGraphStatement(const StatementRecord& r) {
  std::string_view p = r.predicate;
  std::string_view first = p.substr(0, p.find(' '));
  if (entities::IsUnitWord(first)) return false;
  if ((first == "say" || first == "tell") && p.size() > first.size() && IsBareKind(r.object)) {
    return false;
  }
  return true;
}

bool IsRelative(std::string_view w) {
  std::string l = AsciiLower(w);
  return l == "which" || l == "that" || l == "who" || l == "whom";
}

// A relation or argument without a letter ("'s", ",", a stray quote) is a misparse.
bool HasLetter(std::string_view t) {
  return std::any_of(t.begin(), t.end(), [](unsigned char c) { return std::isalpha(c); });
}

bool IsDeterminer(std::string_view w) {
  static const std::set<std::string, std::less<>> kDet = {
      "the",   "a",    "an",  "its", "their", "his",   "her",     "our",  "this", "that", "these",
      "those", "some", "any", "all", "each",  "every", "another", "such", "both", "my",   "your"};
  return kDet.count(AsciiLower(w)) > 0;
}

// The last word of a noun phrase: "relocation opportunity" -> "opportunity".
std::string_view HeadWord(std::string_view phrase) {
  size_t sp = phrase.rfind(' ');
  return sp == std::string_view::npos ? phrase : phrase.substr(sp + 1);
}

}  // namespace weft::extract
