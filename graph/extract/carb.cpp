#include "graph/extract/carb.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "graph/error.h"
#include "graph/text.h"

namespace weft::extract {

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

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    w = AsciiLower(w);
    bool punct = std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::ispunct(c); });
    if (punct || StopWords().count(w)) continue;
    out.push_back(w);
  }
  return out;
}

struct Prepared {
  std::vector<std::string> relation;
  std::vector<std::vector<std::string>> args;
  double confidence;
};

Prepared Prepare(const OpenIeTuple& t) {
  Prepared p{Tokens(t.relation), {}, t.confidence};
  for (const std::string& a : t.arguments) p.args.push_back(Tokens(a));
  return p;
}

// Words of `predicted` found in `gold`, each gold word used once.
size_t Overlap(const std::vector<std::string>& predicted, const std::vector<std::string>& gold) {
  std::multiset<std::string> pool(gold.begin(), gold.end());
  size_t n = 0;
  for (const std::string& w : predicted) {
    auto it = pool.find(w);
    if (it != pool.end()) {
      pool.erase(it);
      ++n;
    }
  }
  return n;
}

// (precision, recall) of one predicted tuple against one gold tuple; (0, 0) if not a match.
std::pair<double, double> Match(const Prepared& gold, const Prepared& pred) {
  size_t rel = Overlap(pred.relation, gold.relation);
  if (rel == 0 && !gold.relation.empty()) return {0, 0};
  double pn = static_cast<double>(rel), pd = static_cast<double>(pred.relation.size());
  double rn = static_cast<double>(rel), rd = static_cast<double>(gold.relation.size());
  for (size_t i = 0; i < gold.args.size(); ++i) {
    rd += static_cast<double>(gold.args[i].size());
    if (i >= pred.args.size()) {
      if (i < 2) return {0, 0};
      continue;
    }
    size_t m = Overlap(pred.args[i], gold.args[i]);
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

}  // namespace

CarbScore ScoreCarb(const OpenIeSet& gold, const OpenIeSet& predicted) {
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
    for (const auto& t : gold_tuples) g.push_back(Prepare(t));
    auto it = predicted.find(sentence);
    if (it != predicted.end()) {
      for (const auto& t : it->second) p.push_back(Prepare(t));
    }
    gold_total += g.size();
    score.predicted += p.size();
    s.m.assign(g.size(), std::vector<std::pair<double, double>>(p.size()));
    for (size_t i = 0; i < g.size(); ++i) {
      for (size_t j = 0; j < p.size(); ++j) s.m[i][j] = Match(g[i], p[j]);
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
  // Area under the precision-recall curve, by trapezoids from recall 0.
  double auc = 0, prev_r = 0, prev_p = points.empty() ? 0 : points.front().second;
  for (auto [r, p] : points) {
    auc += (r - prev_r) * (p + prev_p) / 2;
    prev_r = r;
    prev_p = p;
  }
  score.auc = auc;
  score.curve = std::move(points);
  return score;
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
    OpenIeTuple t;
    t.relation = fields[1];
    t.arguments.assign(fields.begin() + 2, fields.end());
    gold[fields[0]].push_back(std::move(t));
  }
  return gold;
}

}  // namespace weft::extract
