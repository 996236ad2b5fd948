#include "graph/eval/carb.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::eval {

namespace {

// The English stop words most Open IE scorers remove (NLTK's list).
const std::set<std::string>& StopWords() {
  static const std::set<std::string> kWords = {
      "i",       "me",      "my",      "myself",   "we",         "our",    "ours",    "ourselves",
      "you",     "your",    "yours",   "yourself", "yourselves", "he",     "him",     "his",
      "himself", "she",     "her",     "hers",     "herself",    "it",     "its",     "itself",
      "they",    "them",    "their",   "theirs",   "themselves", "what",   "which",   "who",
      "whom",    "this",    "that",    "these",    "those",      "am",     "is",      "are",
      "was",     "were",    "be",      "been",     "being",      "have",   "has",     "had",
      "having",  "do",      "does",    "did",      "doing",      "a",      "an",      "the",
      "and",     "but",     "if",      "or",       "because",    "as",     "until",   "while",
      "of",      "at",      "by",      "for",      "with",       "about",  "against", "between",
      "into",    "through", "during",  "before",   "after",      "above",  "below",   "to",
      "from",    "up",      "down",    "in",       "out",        "on",     "off",     "over",
      "under",   "again",   "further", "then",     "once",       "here",   "there",   "when",
      "where",   "why",     "how",     "all",      "any",        "both",   "each",    "few",
      "more",    "most",    "other",   "some",     "such",       "no",     "nor",     "not",
      "only",    "own",     "same",    "so",       "than",       "too",    "very",    "s",
      "t",       "can",     "will",    "just",     "don",        "should", "now"};
  return kWords;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// The strict variant's tokens: lower case, without stop words and punctuation.
std::vector<std::string> ContentTokens(const std::string& text) {
  std::vector<std::string> out;
  for (std::string w : Split(text)) {
    w = AsciiLower(w);
    bool punct = std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::ispunct(c); });
    if (punct || StopWords().count(w)) continue;
    out.push_back(w);
  }
  return out;
}

using Tokens = std::vector<std::string>;

struct Prepared {
  Tokens relation;
  std::vector<Tokens> args;
  // CaRB's binary view: arg1, then every other argument joined; and the same with the
  // arguments swapped, for reporting verbs.
  std::vector<Tokens> binary, swapped;
  bool reporting = false;
  double confidence;
};

Tokens Join(const std::vector<Tokens>& parts, size_t from, size_t to) {
  Tokens out;
  for (size_t i = from; i < to && i < parts.size(); ++i)
    out.insert(out.end(), parts[i].begin(), parts[i].end());
  return out;
}

Prepared Prepare(const OpenIeTuple& t, CarbMatch mode) {
  auto tok = mode == CarbMatch::kCarb ? Split : ContentTokens;
  Prepared p{tok(t.relation), {}, {}, {}, false, t.confidence};
  for (const std::string& a : t.arguments) p.args.push_back(tok(a));
  if (p.args.size() >= 2) {
    p.binary = {p.args[0], Join(p.args, 1, p.args.size())};
    p.swapped = {Join(p.args, 1, p.args.size()), p.args[0]};
  } else {
    p.binary = p.swapped = p.args;
  }
  // CaRB looks for these as substrings of the gold relation.
  for (const char* verb : {"said", "told", "added", "adds", "says"}) {
    if (t.relation.find(verb) != std::string::npos) p.reporting = true;
  }
  return p;
}

// Words of `gold` found in `predicted`, each predicted word used once; the used words are
// removed from `predicted`.
size_t Consume(const Tokens& gold, Tokens* predicted) {
  size_t n = 0;
  for (const std::string& w : gold) {
    auto it = std::find(predicted->begin(), predicted->end(), w);
    if (it != predicted->end()) {
      predicted->erase(it);
      ++n;
    }
  }
  return n;
}

using Pr = std::pair<double, double>;  // (precision, recall)

// CaRB's lenient tuple match: the relations must share a word ("be" stands for any form of
// it); arguments are compared position by position and only counted, never required, except
// that the prediction must have as many of the first two as the gold tuple.
Pr Lenient(const Tokens& gold_rel, const std::vector<Tokens>& gold_args, const Tokens& pred_rel,
           const std::vector<Tokens>& pred_args) {
  Tokens rest = pred_rel;
  double pd = static_cast<double>(pred_rel.size()), rd = static_cast<double>(gold_rel.size());
  size_t rel = Consume(gold_rel, &rest);
  if (std::find(rest.begin(), rest.end(), "be") != rest.end()) {
    for (const char* form : {"be", "is", "am", "are", "was", "were", "been", "being"}) {
      if (std::find(gold_rel.begin(), gold_rel.end(), form) != gold_rel.end()) {
        ++rel;
        break;
      }
    }
  }
  if (rel == 0) return {0, 0};
  double pn = static_cast<double>(rel), rn = pn;
  for (size_t i = 0; i < gold_args.size(); ++i) {
    rd += static_cast<double>(gold_args[i].size());
    if (i >= pred_args.size()) {
      if (i < 2) return {0, 0};
      continue;
    }
    Tokens words = pred_args[i];
    pd += static_cast<double>(words.size());
    double m = static_cast<double>(Consume(gold_args[i], &words));
    pn += m;
    rn += m;
  }
  return {pd > 0 ? pn / pd : 0, rd > 0 ? rn / rd : 0};
}

// The stricter variant: content words only, every argument position compared, and the
// relation and the first two arguments must each share a word.
Pr Strict(const Prepared& gold, const Prepared& pred) {
  Tokens rel_words = pred.relation;
  size_t rel = Consume(gold.relation, &rel_words);
  if (rel == 0 && !gold.relation.empty()) return {0, 0};
  double pn = static_cast<double>(rel), pd = static_cast<double>(pred.relation.size());
  double rn = pn, rd = static_cast<double>(gold.relation.size());
  for (size_t i = 0; i < gold.args.size(); ++i) {
    rd += static_cast<double>(gold.args[i].size());
    if (i >= pred.args.size()) {
      if (i < 2) return {0, 0};
      continue;
    }
    Tokens words = pred.args[i];
    size_t m = Consume(gold.args[i], &words);
    if (m == 0 && i < 2 && !gold.args[i].empty()) return {0, 0};
    pn += static_cast<double>(m);
    pd += static_cast<double>(pred.args[i].size());
    rn += static_cast<double>(m);
  }
  for (size_t i = gold.args.size(); i < pred.args.size(); ++i) {
    pd += static_cast<double>(pred.args[i].size());
  }
  return {pd > 0 ? pn / pd : 0, rd > 0 ? rn / rd : 0};
}

Pr Match(const Prepared& gold, const Prepared& pred, CarbMatch mode) {
  if (mode == CarbMatch::kStrict) return Strict(gold, pred);
  Pr straight = Lenient(gold.relation, gold.binary, pred.relation, pred.binary);
  if (!gold.reporting) return straight;
  // "X said Y": either argument order counts. Ties go to precision, then recall.
  return std::max(straight, Lenient(gold.relation, gold.binary, pred.relation, pred.swapped));
}

}  // namespace

CarbScore ScoreCarb(const OpenIeSet& gold, const OpenIeSet& predicted, CarbMatch mode) {
  CarbScore score;
  struct SentenceScores {
    std::vector<std::vector<std::pair<double, double>>> m;  // [gold][pred]
    std::vector<double> confidence;                         // per pred
  };
  std::vector<SentenceScores> sentences;
  std::set<double> thresholds;
  size_t gold_total = 0;
  for (const auto& [sentence, gold_tuples] : gold) {
    SentenceScores s;
    std::vector<Prepared> g, p;
    for (const auto& t : gold_tuples) g.push_back(Prepare(t, mode));
    auto it = predicted.find(sentence);
    if (it != predicted.end()) {
      for (const auto& t : it->second) p.push_back(Prepare(t, mode));
    }
    gold_total += g.size();
    score.predicted += p.size();
    s.m.assign(g.size(), std::vector<std::pair<double, double>>(p.size()));
    for (size_t i = 0; i < g.size(); ++i) {
      for (size_t j = 0; j < p.size(); ++j) s.m[i][j] = Match(g[i], p[j], mode);
    }
    for (const Prepared& x : p) {
      double c = std::round(x.confidence * 1000) / 1000;
      s.confidence.push_back(c);
      thresholds.insert(c);
    }
    sentences.push_back(std::move(s));
  }
  score.gold = gold_total;
  if (thresholds.empty() || gold_total == 0) return score;
  // Sweep thresholds from high to low.
  std::vector<std::pair<double, double>> points;  // (recall, precision)
  for (auto t = thresholds.rbegin(); t != thresholds.rend(); ++t) {
    double pn = 0, pd = 0, rn = 0;
    for (const SentenceScores& s : sentences) {
      std::vector<size_t> cols;
      for (size_t j = 0; j < s.confidence.size(); ++j) {
        if (s.confidence[j] >= *t) cols.push_back(j);
      }
      pd += static_cast<double>(cols.size());
      for (const auto& row : s.m) {
        double best = 0;
        for (size_t j : cols) best = std::max(best, row[j].second);
        rn += best;
      }
      // Greedy one-to-one assignment by precision.
      std::vector<bool> row_used(s.m.size(), false), col_used(s.confidence.size(), false);
      size_t matches = std::min(s.m.size(), cols.size());
      for (size_t k = 0; k < matches; ++k) {
        double best = -1;
        size_t bi = 0, bj = 0;
        for (size_t i = 0; i < s.m.size(); ++i) {
          if (row_used[i]) continue;
          for (size_t j : cols) {
            if (!col_used[j] && s.m[i][j].first > best) {
              best = s.m[i][j].first;
              bi = i;
              bj = j;
            }
          }
        }
        if (best < 0) break;
        row_used[bi] = col_used[bj] = true;
        pn += best;
      }
    }
    double precision = pd > 0 ? pn / pd : 0;
    double recall = rn / static_cast<double>(gold_total);
    points.emplace_back(recall, precision);
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    if (f1 > score.f1) {
      score.f1 = f1;
      score.precision = precision;
      score.recall = recall;
      score.threshold = *t;
    }
  }
  // Area under the precision-recall curve by trapezoids, from the point (recall 0,
  // precision 1) as CaRB adds it.
  double auc = 0, prev_r = 0, prev_p = 1;
  for (auto [r, p] : points) {
    auc += (r - prev_r) * (p + prev_p) / 2;
    prev_r = r;
    prev_p = p;
  }
  score.auc = auc;
  score.curve = std::move(points);
  return score;
}

std::string CarbSentenceKey(std::string_view sentence) {
  std::string key;
  for (char c : sentence) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::ispunct(static_cast<unsigned char>(c)))
      continue;
    key += c;
  }
  return key;
}

OpenIeSet ReadCarbGold(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "cannot open");
  OpenIeSet gold;
  std::string line;
  uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, '\t')) fields.push_back(f);
    if (fields.size() < 3) throw InputError(path, n, "expected sentence, relation and arguments");
    // Fields are trimmed and empty trailing ones dropped, as CaRB's reader does.
    for (std::string& field : fields) field = std::string(TrimView(field));
    while (fields.size() > 3 && fields.back().empty()) fields.pop_back();
    OpenIeTuple t;
    t.relation = fields[1];
    t.arguments.assign(fields.begin() + 2, fields.end());
    gold[fields[0]].push_back(std::move(t));
  }
  return gold;
}

}  // namespace weft::eval
