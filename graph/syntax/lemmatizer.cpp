#include "graph/syntax/lemmatizer.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "graph/syntax/bytes.h"
#include "graph/syntax/features.h"

namespace weft::syntax {
namespace {

struct Rule {
  const char* suffix;
  const char* ending;
};
// WordNet's Morphy detachment rules (morph.c), per part of speech.
const std::vector<Rule> kNounRules = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                                      {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
const std::vector<Rule> kVerbRules = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                                      {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
const std::vector<Rule> kAdjRules = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

// The rules of a part of speech: 0 noun, 1 verb, 2 adjective (Lemmatizer::Pos).
const std::vector<Rule>& RulesOf(int pos) {
  return pos == 0 ? kNounRules : pos == 1 ? kVerbRules : kAdjRules;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Key(std::string_view form, std::string_view upos) {
  std::string k = LowerAscii(form);
  k += '\t';
  k += upos;
  return k;
}

}  // namespace

void Lemmatizer::Observe(std::string_view form, std::string_view upos, std::string_view lemma) {
  if (lemma.empty() || lemma == "_") return;
  ++counts_[Key(form, upos)][std::string(lemma)];
}

void Lemmatizer::Finish() {
  for (auto& [key, lemmas] : counts_) {
    // Most frequent; ties broken by the smaller string, so the result does not depend on the
    // hash map's order.
    const std::string* best = nullptr;
    uint32_t best_count = 0;
    for (const auto& [lemma, count] : lemmas) {
      if (best == nullptr || count > best_count || (count == best_count && lemma < *best)) {
        best = &lemma;
        best_count = count;
      }
    }
    known_[key] = *best;
  }
  counts_.clear();
  IndexForms();
}

void Lemmatizer::IndexForms() {
  forms_.clear();
  for (const auto& [key, lemma] : known_) forms_.insert(key.substr(0, key.find('\t')));
}

bool Lemmatizer::Knows(std::string_view form, std::string_view upos) const {
  return known_.count(Key(form, upos)) != 0;
}

bool Lemmatizer::IsWord(std::string_view form) const {
  const std::string lower = LowerAscii(form);
  if (forms_.count(lower) != 0) return true;
  if (exceptions_[kAdv].count(lower) != 0) return true;
  return KnownBase(lower, kNoun) || KnownBase(lower, kVerb) || KnownBase(lower, kAdj);
}

std::vector<std::string> Lemmatizer::LoadWordNet(const std::string& dir) {
  std::vector<std::string> missing;
  const char* exc[4] = {"noun.exc", "verb.exc", "adj.exc", "adv.exc"};
  for (int p = 0; p < 4; ++p) {
    std::ifstream in(dir + "/" + exc[p]);
    if (!in) {
      missing.push_back(dir + "/" + exc[p]);
      continue;
    }
    std::string inflected, base;
    std::string line;
    while (std::getline(in, line)) {
      size_t sp = line.find(' ');
      if (sp == std::string::npos) continue;
      size_t end = line.find(' ', sp + 1);
      inflected = line.substr(0, sp);
      base = line.substr(sp + 1, end == std::string::npos ? std::string::npos : end - sp - 1);
      std::replace(base.begin(), base.end(), '_', ' ');
      exceptions_[p].emplace(inflected, base);
    }
  }
  const char* index[3] = {"index.noun", "index.verb", "index.adj"};
  for (int p = 0; p < 3; ++p) {
    std::ifstream in(dir + "/" + index[p]);
    if (!in) {
      missing.push_back(dir + "/" + index[p]);
      continue;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // the licence header
      size_t sp = line.find(' ');
      std::string word = line.substr(0, sp);
      if (word.find('_') != std::string::npos) continue;  // collocations
      bases_[p].insert(word);
    }
  }
  return missing;
}

std::optional<std::string> Lemmatizer::KnownBase(const std::string& lower, Pos pos) const {
  auto e = exceptions_[pos].find(lower);
  if (e != exceptions_[pos].end()) return e->second;
  if (pos == kAdv) return std::nullopt;
  const std::unordered_set<std::string>& bases = bases_[pos];
  for (const Rule& r : RulesOf(pos)) {
    if (!EndsWith(lower, r.suffix)) continue;
    std::string cand = lower.substr(0, lower.size() - std::string_view(r.suffix).size()) + r.ending;
    if (bases.count(cand) != 0) return cand;
    // "stopped" -> "stopp" -> "stop": a doubled final consonant before -ed/-ing.
    if (std::string_view(r.ending).empty() && cand.size() >= 3 &&
        cand[cand.size() - 1] == cand[cand.size() - 2] &&
        std::string_view("aeiou").find(cand.back()) == std::string_view::npos) {
      std::string single = cand.substr(0, cand.size() - 1);
      if (bases.count(single) != 0) return single;
    }
  }
  if (bases.count(lower) != 0) return lower;
  return std::nullopt;
}

bool Lemmatizer::IsVerbBase(std::string_view lower) const {
  return bases_[kVerb].count(std::string(lower)) > 0 || Knows(lower, "VERB");
}

bool Lemmatizer::IsOnlyVerbForm(std::string_view lower) const {
  const std::string w(lower);
  auto e = exceptions_[kVerb].find(w);
  if (e == exceptions_[kVerb].end() || e->second == w) return false;
  if (KnownBase(w, kNoun) || KnownBase(w, kAdj)) return false;
  return !Knows(w, "NOUN") && !Knows(w, "ADJ") && !Knows(w, "PROPN");
}

bool Lemmatizer::IsIrregularVerbForm(std::string_view lower) const {
  const std::string w(lower);
  auto e = exceptions_[kVerb].find(w);
  return e != exceptions_[kVerb].end() && e->second != w;
}

bool Lemmatizer::IsOnlyAdjective(std::string_view lower) const {
  const std::string w(lower);
  if (bases_[kAdj].count(w) == 0) return false;
  if (bases_[kNoun].count(w) != 0 || bases_[kVerb].count(w) != 0 || KnownBase(w, kNoun) ||
      KnownBase(w, kVerb)) {
    return false;
  }
  return !Knows(w, "VERB") && !Knows(w, "PROPN");
}

bool Lemmatizer::IsAdjective(std::string_view lower) const {
  const std::string w(lower);
  return Knows(w, "ADJ") || bases_[kAdj].count(w) != 0 || KnownBase(w, kAdj).has_value();
}

bool Lemmatizer::IsNoun(std::string_view lower) const {
  return Knows(lower, "NOUN") || bases_[kNoun].count(std::string(lower)) != 0;
}

bool Lemmatizer::IsOnlyPreposition(std::string_view lower) const {
  if (!Knows(lower, "ADP")) return false;
  for (std::string_view other : {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX", "DET", "PRON", "NUM",
                                 "PART", "CCONJ", "X", "INTJ", "SYM"}) {
    if (Knows(lower, other)) return false;
  }
  const std::string w(lower);
  return !KnownBase(w, kNoun) && !KnownBase(w, kVerb) && !KnownBase(w, kAdj) &&
         exceptions_[kAdv].count(w) == 0;
}

std::string Lemmatizer::Morphy(const std::string& lower, Pos pos) const {
  if (std::optional<std::string> base = KnownBase(lower, pos)) return *base;
  if (pos == kAdv) return lower;
  // Unknown to WordNet: the first rule that applies, as a guess ("tweets" -> "tweet").
  for (const Rule& r : RulesOf(pos)) {
    if (EndsWith(lower, r.suffix)) {
      return lower.substr(0, lower.size() - std::string_view(r.suffix).size()) + r.ending;
    }
  }
  return lower;
}

std::string Lemmatizer::Lemma(std::string_view form, std::string_view upos,
                              std::string_view xpos) const {
  auto k = known_.find(Key(form, upos));
  if (k != known_.end()) return k->second;
  if (upos == "PROPN" || upos == "PUNCT" || upos == "NUM" || upos == "SYM" || upos == "X") {
    return std::string(form);
  }
  std::string lower = LowerAscii(form);
  if (upos == "NOUN" && (xpos == "NNS" || xpos == "NNPS")) return Morphy(lower, kNoun);
  if ((upos == "VERB" || upos == "AUX") && xpos != "VB" && xpos != "VBP") {
    return Morphy(lower, kVerb);
  }
  if (upos == "ADJ" && (xpos == "JJR" || xpos == "JJS")) return Morphy(lower, kAdj);
  return lower;
}

void Lemmatizer::Serialise(std::string* out) const {
  std::map<std::string, std::string> known(known_.begin(), known_.end());
  PutU64(out, known.size());
  for (const auto& [k, v] : known) {
    PutString(out, k);
    PutString(out, v);
  }
  for (const auto& table : exceptions_) {
    std::map<std::string, std::string> sorted(table.begin(), table.end());
    PutU64(out, sorted.size());
    for (const auto& [k, v] : sorted) {
      PutString(out, k);
      PutString(out, v);
    }
  }
  for (const auto& set : bases_) {
    std::set<std::string> sorted(set.begin(), set.end());
    PutU64(out, sorted.size());
    for (const std::string& w : sorted) PutString(out, w);
  }
}

Lemmatizer Lemmatizer::Read(std::string_view in, size_t* pos, const std::string& name) {
  ByteReader r(in, pos, name);
  Lemmatizer l;
  uint64_t n = r.Count(8);
  l.known_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    std::string k = r.String();
    l.known_.emplace(std::move(k), r.String());
  }
  for (auto& table : l.exceptions_) {
    uint64_t m = r.Count(8);
    table.reserve(m);
    for (uint64_t i = 0; i < m; ++i) {
      std::string k = r.String();
      table.emplace(std::move(k), r.String());
    }
  }
  for (auto& set : l.bases_) {
    uint64_t m = r.Count(4);
    set.reserve(m);
    for (uint64_t i = 0; i < m; ++i) set.insert(r.String());
  }
  l.IndexForms();
  return l;
}

}  // namespace weft::syntax
