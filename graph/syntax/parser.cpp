#include "graph/syntax/parser.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

namespace weft::syntax {
namespace {

// Averaged weights smaller than this are left out of the saved model (see tagger.cpp).
constexpr float kPrune = 0.01f;
// From the second epoch the parser follows its own choice with this probability (Goldberg and
// Nivre 2013 use 0.9 and start exploring after the first pass; so does weft).
constexpr double kExplore = 0.9;

constexpr int kShift = 0;
inline bool IsLeft(int cls) { return cls > 0 && cls % 2 == 1; }
inline int LabelOf(int cls) { return (cls - 1) / 2; }

// A parser configuration. Words are 1..n; 0 is the root, at the bottom of the stack.
struct State {
  explicit State(int n)
      : n(n),
        heads(static_cast<size_t>(n) + 1, -1),
        labels(static_cast<size_t>(n) + 1, -1),
        l1(static_cast<size_t>(n) + 1, 0),
        l2(static_cast<size_t>(n) + 1, 0),
        r1(static_cast<size_t>(n) + 1, 0),
        r2(static_cast<size_t>(n) + 1, 0),
        lv(static_cast<size_t>(n) + 1, 0),
        rv(static_cast<size_t>(n) + 1, 0),
        lset(static_cast<size_t>(n) + 1, 0),
        rset(static_cast<size_t>(n) + 1, 0) {
    stack.reserve(static_cast<size_t>(n) + 1);
    stack.push_back(0);
  }
  int n;
  std::vector<int> stack;
  int b = 1;  // the buffer's front; n + 1 when the buffer is empty
  std::vector<int> heads, labels, l1, l2, r1, r2, lv, rv;
  std::vector<uint64_t> lset, rset;

  bool Terminal() const { return b > n && stack.size() == 1; }
  int S(size_t k) const {  // k-th from the top, -1 none
    return stack.size() > k ? stack[stack.size() - 1 - k] : -1;
  }
  int B(int k) const { return b + k <= n ? b + k : -1; }

  void AddArc(int h, int d, int label) {
    auto hs = static_cast<size_t>(h);
    heads[static_cast<size_t>(d)] = h;
    labels[static_cast<size_t>(d)] = label;
    uint64_t bit = uint64_t{1} << (label & 63);
    if (d < h) {
      ++lv[hs];
      lset[hs] |= bit;
      if (l1[hs] == 0 || d < l1[hs]) {
        l2[hs] = l1[hs];
        l1[hs] = d;
      } else if (l2[hs] == 0 || d < l2[hs]) {
        l2[hs] = d;
      }
    } else {
      ++rv[hs];
      rset[hs] |= bit;
      if (r1[hs] == 0 || d > r1[hs]) {
        r2[hs] = r1[hs];
        r1[hs] = d;
      } else if (r2[hs] == 0 || d > r2[hs]) {
        r2[hs] = d;
      }
    }
  }

  bool Valid(int cls, int root_label) const {
    if (cls == kShift) return b <= n;
    const int label = LabelOf(cls);
    const int s0 = S(0);
    if (IsLeft(cls)) return s0 > 0 && b <= n && label != root_label;
    if (stack.size() < 2) return false;
    if (S(1) == 0) return b > n && label == root_label;
    return label != root_label;
  }

  void Apply(int cls) {
    if (cls == kShift) {
      stack.push_back(b++);
      return;
    }
    const int s0 = S(0);
    stack.pop_back();
    if (IsLeft(cls)) {
      AddArc(b, s0, LabelOf(cls));
    } else {
      AddArc(S(0), s0, LabelOf(cls));
    }
  }
};

// The features of a configuration (templates listed in features.cpp's kFeatureSet).
class FeatureBuilder {
 public:
  FeatureBuilder(const std::vector<WordKeys>& words, const std::vector<int>& tags)
      : words_(words), tags_(tags) {}

  void Build(const State& st, std::vector<uint64_t>* out) const {
    out->clear();
    const int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
    const int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
    const uint64_t s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1), s2w = W(s2), s2p = P(s2);
    const uint64_t b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1), b2w = W(b2), b2p = P(b2);
    auto child = [&](const std::vector<int>& v, int x) {
      return x > 0 ? v[static_cast<size_t>(x)] : -1;
    };
    const int s0l = child(st.l1, s0), s0l2 = child(st.l2, s0), s0r = child(st.r1, s0),
              s0r2 = child(st.r2, s0);
    const int s1l = child(st.l1, s1), s1r = child(st.r1, s1), s1r2 = child(st.r2, s1);
    const int b0l = child(st.l1, b0), b0l2 = child(st.l2, b0);
    auto f = [&](uint64_t t, uint64_t a, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0) {
      out->push_back(Feature(100 + t, a, b, c, d));
    };
    f(0, 1);
    // Single words.
    f(1, s0w), f(2, s0p), f(3, s0w, s0p);
    f(4, s1w), f(5, s1p), f(6, s1w, s1p);
    f(7, s2w), f(8, s2p);
    f(9, b0w), f(10, b0p), f(11, b0w, b0p);
    f(12, b1w), f(13, b1p), f(14, b1w, b1p);
    f(15, b2w), f(16, b2p);
    f(17, Suffix(s0)), f(18, Suffix(b0)), f(19, Shape(b0)), f(20, Shape(s0));
    // Pairs.
    f(21, s0w, s0p, b0w, b0p), f(22, s0w, s0p, b0w), f(23, s0w, b0w, b0p);
    f(24, s0w, s0p, b0p), f(25, s0p, b0w, b0p), f(26, s0w, b0w), f(27, s0p, b0p);
    f(28, b0p, b1p), f(29, s1p, s0p), f(30, s1w, s0w), f(31, s1w, s1p, s0w, s0p);
    f(32, s1p, s0p, b0p), f(33, s1w, s0w, b0p), f(34, s1p, s0w, b0w);
    // Tag trigrams.
    f(35, b0p, b1p, b2p), f(36, s0p, b0p, b1p), f(37, s2p, s1p, s0p);
    f(38, s0p, P(s0l), b0p), f(39, s0p, P(s0r), b0p), f(40, s0p, b0p, P(b0l));
    f(41, s1p, P(s1r), s0p), f(42, s1p, P(s1l), s0p), f(43, s1p, s0p, P(s0r));
    // Distance.
    const uint64_t d0 = Distance(s0, b0), d1 = Distance(s1, s0);
    f(44, s0w, d0), f(45, s0p, d0), f(46, b0w, d0), f(47, b0p, d0);
    f(48, s0w, b0w, d0), f(49, s0p, b0p, d0), f(50, s1p, s0p, d1), f(51, s1w, s0w, d1);
    // Valency.
    f(52, s0w, V(st.rv, s0)), f(53, s0p, V(st.rv, s0)), f(54, s0w, V(st.lv, s0));
    f(55, s0p, V(st.lv, s0)), f(56, b0w, V(st.lv, b0)), f(57, b0p, V(st.lv, b0));
    f(58, s1w, V(st.rv, s1)), f(59, s1p, V(st.rv, s1));
    // Children.
    f(60, W(s0l)), f(61, P(s0l)), f(62, L(st, s0l));
    f(63, W(s0r)), f(64, P(s0r)), f(65, L(st, s0r));
    f(66, W(b0l)), f(67, P(b0l)), f(68, L(st, b0l));
    f(69, W(s1r)), f(70, P(s1r)), f(71, L(st, s1r));
    f(72, W(s0l2)), f(73, P(s0l2)), f(74, L(st, s0l2));
    f(75, W(s0r2)), f(76, P(s0r2)), f(77, L(st, s0r2));
    f(78, W(b0l2)), f(79, P(b0l2)), f(80, L(st, b0l2));
    f(81, s0p, P(s0l), P(s0l2)), f(82, s0p, P(s0r), P(s0r2)), f(83, b0p, P(b0l), P(b0l2));
    f(84, s1p, P(s1r), P(s1r2)), f(85, W(s1l)), f(86, P(s1l)), f(87, L(st, s1l));
    // Label sets.
    f(88, s0w, Set(st.lset, s0)), f(89, s0p, Set(st.lset, s0));
    f(90, s0w, Set(st.rset, s0)), f(91, s0p, Set(st.rset, s0));
    f(92, b0w, Set(st.lset, b0)), f(93, b0p, Set(st.lset, b0));
    f(94, s1p, Set(st.rset, s1)), f(95, s0p, L(st, s0l), L(st, s0r), b0p);
    // Whether the buffer is empty and the stack deep, for the root's arc.
    f(96, b0 < 0 ? 1 : 2, std::min<uint64_t>(st.stack.size(), 4));
  }

 private:
  static constexpr uint64_t kNone = 0x5bd1e995ULL;
  static constexpr uint64_t kRoot = 0x27d4eb2fULL;
  uint64_t W(int x) const {
    if (x < 0) return kNone;
    return x == 0 ? kRoot : words_[static_cast<size_t>(x) - 1].lower;
  }
  uint64_t P(int x) const {
    if (x < 0) return kNone;
    return x == 0 ? kRoot : static_cast<uint64_t>(tags_[static_cast<size_t>(x) - 1]);
  }
  uint64_t Suffix(int x) const {
    return x <= 0 ? kNone : words_[static_cast<size_t>(x) - 1].suffix3;
  }
  uint64_t Shape(int x) const { return x <= 0 ? kNone : words_[static_cast<size_t>(x) - 1].shape; }
  static uint64_t L(const State& st, int x) {
    return x <= 0 ? kNone : static_cast<uint64_t>(st.labels[static_cast<size_t>(x)]) + 1;
  }
  static uint64_t V(const std::vector<int>& v, int x) {
    return x < 0 ? kNone : static_cast<uint64_t>(std::min(v[static_cast<size_t>(x)], 5)) + 1;
  }
  static uint64_t Set(const std::vector<uint64_t>& v, int x) {
    return x < 0 ? kNone : v[static_cast<size_t>(x)] + 1;
  }
  static uint64_t Distance(int a, int b) {
    if (a < 0 || b < 0) return kNone;
    int d = std::abs(b - a);
    return static_cast<uint64_t>(d <= 5 ? d : d <= 10 ? 6 : 7);
  }

  const std::vector<WordKeys>& words_;
  const std::vector<int>& tags_;
};

// The structural costs of shift, left and right in `st` against the gold heads (1-based words,
// gold[0] unused): how many gold arcs each makes unreachable (Goldberg and Nivre 2013, arc-hybrid).
struct Costs {
  int shift = 0;
  int left = 0;
  int right = 0;
};
Costs StructuralCosts(const State& st, const std::vector<int>& gold) {
  Costs c;
  const int s0 = st.S(0), s1 = st.S(1), b = st.b, n = st.n;
  if (b <= n) {
    for (size_t k = 0; k < st.stack.size(); ++k) {
      int w = st.stack[k];
      if (w != s0 && gold[static_cast<size_t>(b)] == w) ++c.shift;
      if (w > 0 && gold[static_cast<size_t>(w)] == b) ++c.shift;
    }
  }
  if (s0 > 0) {
    int deps_in_buffer = 0;
    for (int d = b; d <= n; ++d) deps_in_buffer += gold[static_cast<size_t>(d)] == s0 ? 1 : 0;
    const int h = gold[static_cast<size_t>(s0)];
    const bool head_in_buffer = h >= b && h <= n;
    // Left: s0 takes b as its head.
    c.left = deps_in_buffer + ((h != b && (h == s1 || head_in_buffer)) ? 1 : 0);
    // Right: s0 takes s1 as its head.
    c.right = deps_in_buffer + (head_in_buffer ? 1 : 0);
  }
  return c;
}

int ClassCost(int cls, const State& st, const Costs& c, const Tree& gold,
              const std::vector<int>& gold_heads) {
  if (cls == kShift) return c.shift;
  const int s0 = st.S(0);
  const int label = LabelOf(cls);
  const int gold_label = gold.labels[static_cast<size_t>(s0) - 1];
  if (IsLeft(cls)) {
    return c.left + (gold_heads[static_cast<size_t>(s0)] == st.b && label != gold_label ? 1 : 0);
  }
  return c.right + (gold_heads[static_cast<size_t>(s0)] == st.S(1) && label != gold_label ? 1 : 0);
}

// One hypothesis of the beam: a configuration, its score and the transitions that led to it.
struct Hypothesis {
  explicit Hypothesis(int n) : st(n) {}
  State st;
  double score = 0;
  std::vector<int> actions;
  bool gold = true;  // every transition so far is the oracle's (training only)
};

// A candidate successor: hypothesis `from` extended by class `cls`.
struct Candidate {
  double score;
  int from;
  int cls;
};
inline bool Better(const Candidate& a, const Candidate& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.from != b.from) return a.from < b.from;
  return a.cls < b.cls;
}

// One step of the beam search decoding and training share: `score(features, scores)` adds the
// class scores of a configuration's features. Keeps the `width` best successors of the `count`
// live hypotheses of `beam` in `next` (grown as needed; entries past the count returned are
// stale); returns how many it kept. With `oracle`, marks the successors still on its sequence.
template <typename ScoreFn>
size_t Advance(const std::vector<Hypothesis>& beam, size_t count, size_t width, int classes,
               int root_label, const FeatureBuilder& builder, const ScoreFn& score,
               const std::vector<int>* oracle, std::vector<Hypothesis>* next,
               std::vector<Candidate>* candidates, std::vector<uint64_t>* features,
               std::vector<float>* scores) {
  candidates->clear();
  for (size_t i = 0; i < count; ++i) {
    const State& st = beam[i].st;
    builder.Build(st, features);
    std::fill(scores->begin(), scores->end(), 0.0f);
    score(*features, scores->data());
    for (int c = 0; c < classes; ++c) {
      if (!st.Valid(c, root_label)) continue;
      candidates->push_back({beam[i].score + static_cast<double>((*scores)[static_cast<size_t>(c)]),
                             static_cast<int>(i), c});
    }
  }
  const size_t keep = std::min(width, candidates->size());
  std::partial_sort(candidates->begin(), candidates->begin() + static_cast<long>(keep),
                    candidates->end(), Better);
  while (next->size() < keep) next->emplace_back(beam[0].st.n);
  const size_t step = beam[0].actions.size();
  for (size_t j = 0; j < keep; ++j) {
    const Candidate& c = (*candidates)[j];
    const Hypothesis& from = beam[static_cast<size_t>(c.from)];
    Hypothesis& h = (*next)[j];
    h.st = from.st;
    h.st.Apply(c.cls);
    h.score = c.score;
    h.actions = from.actions;
    h.actions.push_back(c.cls);
    h.gold = oracle != nullptr && from.gold && (*oracle)[step] == c.cls;
  }
  return keep;
}

Tree Finish(const State& st) {
  Tree tree;
  tree.heads.assign(st.heads.begin() + 1, st.heads.end());
  tree.labels.assign(st.labels.begin() + 1, st.labels.end());
  return tree;
}

// The transitions that build the projective tree `gold` (the static oracle of arc-hybrid), or
// an empty vector when the tree is not reachable (not projective, or more than one root).
std::vector<int> OracleActions(const Tree& gold, int root_label) {
  const int n = static_cast<int>(gold.heads.size());
  std::vector<int> heads(static_cast<size_t>(n) + 1, -1);
  std::vector<int> missing(static_cast<size_t>(n) + 1, 0);  // gold dependents not yet attached
  for (int i = 1; i <= n; ++i) {
    heads[static_cast<size_t>(i)] = gold.heads[static_cast<size_t>(i) - 1];
    ++missing[static_cast<size_t>(heads[static_cast<size_t>(i)])];
  }
  State st(n);
  std::vector<int> actions;
  actions.reserve(2 * static_cast<size_t>(n));
  while (!st.Terminal()) {
    const int s0 = st.S(0), s1 = st.S(1);
    int cls = kShift;
    if (s0 > 0 && missing[static_cast<size_t>(s0)] == 0) {
      const int h = heads[static_cast<size_t>(s0)];
      const int label = gold.labels[static_cast<size_t>(s0) - 1];
      if (st.b <= n && h == st.b) {
        cls = 1 + 2 * label;
      } else if (s1 >= 0 && h == s1) {
        cls = 2 + 2 * label;
      }
    }
    if (!st.Valid(cls, root_label)) return {};
    if (cls != kShift) --missing[static_cast<size_t>(heads[static_cast<size_t>(st.S(0))])];
    st.Apply(cls);
    actions.push_back(cls);
  }
  for (int i = 1; i <= n; ++i) {
    if (st.heads[static_cast<size_t>(i)] != heads[static_cast<size_t>(i)]) return {};
  }
  return actions;
}

}  // namespace

Tree Parse(const WeightTable& weights, int labels, int root_label,
           const std::vector<WordKeys>& words, const std::vector<int>& tags, int beam_width) {
  const int n = static_cast<int>(words.size());
  FeatureBuilder builder(words, tags);
  const int classes = ParserClasses(labels);
  std::vector<uint64_t> features;
  std::vector<float> scores(static_cast<size_t>(classes));
  // A beam copies its configurations at every step, a cost that grows with the square of the
  // sentence: past kMaxBeamWords words (a table or a list read as one sentence) it parses greedily.
  if (beam_width <= 1 || n > kMaxBeamWords) {
    State st(n);
    while (!st.Terminal()) {
      builder.Build(st, &features);
      std::fill(scores.begin(), scores.end(), 0.0f);
      weights.Score(features.data(), features.size(), scores.data());
      int best = -1;
      for (int c = 0; c < classes; ++c) {
        if (st.Valid(c, root_label) &&
            (best < 0 || scores[static_cast<size_t>(c)] > scores[static_cast<size_t>(best)])) {
          best = c;
        }
      }
      st.Apply(best);
    }
    return Finish(st);
  }
  const auto score = [&](const std::vector<uint64_t>& f, float* out) {
    weights.Score(f.data(), f.size(), out);
  };
  std::vector<Hypothesis> beam, next;
  std::vector<Candidate> candidates;
  beam.emplace_back(n);
  size_t live = 1;
  for (int step = 0; step < 2 * n; ++step) {
    live = Advance(beam, live, static_cast<size_t>(beam_width), classes, root_label, builder, score,
                   nullptr, &next, &candidates, &features, &scores);
    std::swap(beam, next);
  }
  return Finish(beam[0].st);
}

int Projectivize(std::vector<int>* heads) {
  std::vector<int>& h = *heads;  // 0-based words, heads 1-based (0 root)
  const int n = static_cast<int>(h.size());
  auto head_of = [&](int w) { return w == 0 ? -1 : h[static_cast<size_t>(w) - 1]; };
  // Whether `a` dominates `w` (follows heads from w).
  auto dominates = [&](int a, int w) {
    for (int steps = 0; w >= 0 && steps <= n + 1; ++steps) {
      if (w == a) return true;
      w = head_of(w);
    }
    return false;
  };
  int lifted = 0;
  for (;;) {
    int worst = -1;
    int worst_len = std::numeric_limits<int>::max();
    for (int d = 1; d <= n; ++d) {
      int hd = head_of(d);
      int lo = std::min(hd, d), hi = std::max(hd, d);
      for (int k = lo + 1; k < hi; ++k) {
        if (!dominates(hd, k)) {
          if (hi - lo < worst_len) {
            worst_len = hi - lo;
            worst = d;
          }
          break;
        }
      }
    }
    if (worst < 0) return lifted;
    h[static_cast<size_t>(worst) - 1] = head_of(head_of(worst));
    ++lifted;
  }
}

namespace {

// Trains with a beam of `width` and max-violation updates (Huang, Fayong and Guo 2012): the
// beam runs the whole sentence; at the step where the best hypothesis leads the oracle's
// sequence by the most, the weights move towards the oracle's transitions up to that step and
// away from the best hypothesis's.
void TrainBeamEpoch(const std::vector<ParserExample>& examples, const std::vector<size_t>& order,
                    const std::vector<std::vector<int>>& oracles, int classes, int root_label,
                    size_t width, AveragedPerceptron* model, size_t* right, size_t* total) {
  std::vector<uint64_t> features;
  std::vector<float> scores(static_cast<size_t>(classes));
  std::vector<Hypothesis> beam, next;
  std::vector<Candidate> candidates;
  const auto score = [&](const std::vector<uint64_t>& f, float* out) {
    model->Score(f.data(), f.size(), out);
  };
  for (size_t index : order) {
    const ParserExample& ex = examples[index];
    const std::vector<int>& oracle = oracles[index];
    if (oracle.empty()) continue;
    const int n = static_cast<int>(ex.words.size());
    FeatureBuilder builder(ex.words, ex.tags);
    beam.clear();
    beam.emplace_back(n);
    size_t live = 1;
    // The oracle's own configuration and score, advanced beside the beam.
    State gold_state(n);
    double gold_score = 0;
    double worst_gap = 0;
    std::vector<int> worst_actions;
    size_t worst_step = 0;
    for (size_t step = 0; step < oracle.size(); ++step) {
      builder.Build(gold_state, &features);
      std::fill(scores.begin(), scores.end(), 0.0f);
      model->Score(features.data(), features.size(), scores.data());
      gold_score += scores[static_cast<size_t>(oracle[step])];
      gold_state.Apply(oracle[step]);
      live = Advance(beam, live, width, classes, root_label, builder, score, &oracle, &next,
                     &candidates, &features, &scores);
      std::swap(beam, next);
      const Hypothesis& best = beam[0];
      if (!best.gold && best.score - gold_score >= worst_gap) {
        worst_gap = best.score - gold_score;
        worst_actions = best.actions;
        worst_step = step + 1;
      }
    }
    for (int i = 1; i <= n; ++i) {
      *right +=
          beam[0].st.heads[static_cast<size_t>(i)] == ex.gold.heads[static_cast<size_t>(i) - 1] ? 1
                                                                                                : 0;
    }
    *total += static_cast<size_t>(n);
    if (worst_step > 0) {
      // Replay both sequences up to the step; identical prefixes cancel and are skipped.
      State g(n), p(n);
      bool same = true;
      for (size_t step = 0; step < worst_step; ++step) {
        same = same && oracle[step] == worst_actions[step];
        if (!same) {
          builder.Build(g, &features);
          model->Add(features.data(), features.size(), oracle[step], 1.0f);
          builder.Build(p, &features);
          model->Add(features.data(), features.size(), worst_actions[step], -1.0f);
        }
        g.Apply(oracle[step]);
        p.Apply(worst_actions[step]);
      }
    }
    model->Tick();
  }
}

}  // namespace

WeightTable TrainParser(const std::vector<ParserExample>& examples, int labels, int root_label,
                        int epochs, uint64_t seed, int beam_width, const ParserProgress& progress) {
  const int classes = ParserClasses(labels);
  AveragedPerceptron model(classes);
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  if (beam_width > 1) {
    std::vector<std::vector<int>> oracles(examples.size());
    for (size_t i = 0; i < examples.size(); ++i) {
      oracles[i] = OracleActions(examples[i].gold, root_label);
    }
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      size_t right = 0, total = 0;
      TrainBeamEpoch(examples, order, oracles, classes, root_label, static_cast<size_t>(beam_width),
                     &model, &right, &total);
      if (progress) progress(epoch, total == 0 ? 0.0 : static_cast<double>(right) / total);
    }
    return model.Average(kPrune);
  }
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<uint64_t> features;
  std::vector<float> scores(static_cast<size_t>(classes));
  std::vector<int> costs(static_cast<size_t>(classes));
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t right = 0;
    size_t total = 0;
    for (size_t index : order) {
      const ParserExample& ex = examples[index];
      const int n = static_cast<int>(ex.words.size());
      std::vector<int> gold_heads(static_cast<size_t>(n) + 1, -1);
      for (int i = 0; i < n; ++i)
        gold_heads[static_cast<size_t>(i) + 1] = ex.gold.heads[static_cast<size_t>(i)];
      State st(n);
      FeatureBuilder builder(ex.words, ex.tags);
      while (!st.Terminal()) {
        builder.Build(st, &features);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model.Score(features.data(), features.size(), scores.data());
        const Costs structural = StructuralCosts(st, gold_heads);
        int guess = -1, best_gold = -1, min_cost = std::numeric_limits<int>::max();
        for (int c = 0; c < classes; ++c) {
          if (!st.Valid(c, root_label)) {
            costs[static_cast<size_t>(c)] = -1;
            continue;
          }
          int cost = ClassCost(c, st, structural, ex.gold, gold_heads);
          costs[static_cast<size_t>(c)] = cost;
          min_cost = std::min(min_cost, cost);
          if (guess < 0 || scores[static_cast<size_t>(c)] > scores[static_cast<size_t>(guess)])
            guess = c;
        }
        for (int c = 0; c < classes; ++c) {
          if (costs[static_cast<size_t>(c)] == min_cost &&
              (best_gold < 0 ||
               scores[static_cast<size_t>(c)] > scores[static_cast<size_t>(best_gold)])) {
            best_gold = c;
          }
        }
        if (costs[static_cast<size_t>(guess)] > min_cost) {
          model.Update(features.data(), features.size(), best_gold, guess);
        }
        model.Tick();
        const bool explore = epoch > 1 && coin(rng) < kExplore;
        st.Apply(explore ? guess : best_gold);
      }
      for (int i = 1; i <= n; ++i) {
        right += st.heads[static_cast<size_t>(i)] == gold_heads[static_cast<size_t>(i)] ? 1 : 0;
      }
      total += static_cast<size_t>(n);
    }
    if (progress) progress(epoch, total == 0 ? 0.0 : static_cast<double>(right) / total);
  }
  return model.Average(kPrune);
}

}  // namespace weft::syntax
