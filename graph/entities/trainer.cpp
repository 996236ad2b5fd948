#include "graph/entities/trainer.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <unordered_map>

#include "graph/base/text.h"
#include "graph/entities/document.h"

namespace weft::entities {
namespace {

std::vector<std::string_view> Views(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

bool IsCapitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }
bool HasLower(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Training state: dense weights for each feature row, and the sums for averaging.
class Perceptron {
 public:
  explicit Perceptron(size_t rows)
      : w_(rows * kTags, 0.0f),
        u_(rows * kTags, 0.0f),
        tw_((kTags + 1) * kTags, 0.0f),
        tu_((kTags + 1) * kTags, 0.0f) {}

  void Emissions(const std::vector<uint32_t>& rows, const std::vector<uint32_t>& starts,
                 std::vector<float>* emit) const {
    size_t n = starts.size() - 1;
    emit->assign(n * kTags, 0.0f);
    for (size_t i = 0; i < n; ++i) {
      float* e = &(*emit)[i * kTags];
      for (uint32_t k = starts[i]; k < starts[i + 1]; ++k) {
        const float* w = &w_[static_cast<size_t>(rows[k]) * kTags];
        for (int t = 0; t < kTags; ++t) e[t] += w[t];
      }
    }
  }

  std::vector<int> Decode(const std::vector<float>& emit, size_t n) const {
    return Viterbi(emit, n, tw_.data());
  }

  // One perceptron update towards `gold` and away from `guess`.
  void Update(const std::vector<uint32_t>& rows, const std::vector<uint32_t>& starts,
              const std::vector<int>& gold, const std::vector<int>& guess) {
    const float c = static_cast<float>(step_);
    for (size_t i = 0; i < gold.size(); ++i) {
      if (gold[i] == guess[i]) continue;
      for (uint32_t k = starts[i]; k < starts[i + 1]; ++k) {
        size_t base = static_cast<size_t>(rows[k]) * kTags;
        w_[base + gold[i]] += 1;
        u_[base + gold[i]] += c;
        w_[base + guess[i]] -= 1;
        u_[base + guess[i]] -= c;
      }
    }
    for (size_t i = 0; i < gold.size(); ++i) {
      int gp = i == 0 ? kTags : gold[i - 1];
      int pp = i == 0 ? kTags : guess[i - 1];
      if (gp == pp && gold[i] == guess[i]) continue;
      tw_[gp * kTags + gold[i]] += 1;
      tu_[gp * kTags + gold[i]] += c;
      tw_[pp * kTags + guess[i]] -= 1;
      tu_[pp * kTags + guess[i]] -= c;
    }
  }
  void Tick() { ++step_; }

  // Averaged weights: w - u / c.
  void Average() {
    const float c = static_cast<float>(step_);
    for (size_t i = 0; i < w_.size(); ++i) w_[i] -= u_[i] / c;
    for (size_t i = 0; i < tw_.size(); ++i) tw_[i] -= tu_[i] / c;
  }
  const float* Row(uint32_t r) const { return &w_[static_cast<size_t>(r) * kTags]; }
  const std::vector<float>& transitions() const { return tw_; }

 private:
  std::vector<float> w_, u_, tw_, tu_;
  uint64_t step_ = 1;
};

// A sentence as rows of the weight table.
struct Encoded {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> starts;
  std::vector<int> gold;
};

void ReadLines(const std::string& path, const std::function<void(std::string_view)>& fn) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view t = TrimView(line);
    if (!t.empty()) fn(t);
  }
}

}  // namespace

Gazetteer LoadGazetteer(const std::string& lists_dir, const std::string& wordnet_dir,
                        const std::string& link_grammar_dir, std::vector<std::string>* missing) {
  Gazetteer g;
  auto exists = [&](const std::string& path) {
    std::ifstream in(path);
    if (!in && missing) missing->push_back(path);
    return static_cast<bool>(in);
  };
  const std::pair<const char*, GazetteerList> kLists[] = {
      {"/places.txt", GazetteerList::kPlace},
      {"/nationalities.txt", GazetteerList::kNationality},
      {"/first-names.txt", GazetteerList::kFirstName}};
  for (const auto& [file, list] : kLists) {
    std::string path = lists_dir + file;
    if (!exists(path)) continue;
    ReadLines(path, [&, l = list](std::string_view name) { g.Add(name, l); });
  }
  // WordNet instance nouns: people (lexicographer file 18), places (15), groups (14).
  std::string data_noun = wordnet_dir + "/data.noun";
  if (exists(data_noun)) {
    ReadLines(data_noun, [&](std::string_view line) {
      if (line.starts_with("  ") || line.find(" @i ") == std::string_view::npos) return;
      std::istringstream fields{std::string(line)};
      std::string offset, lex, pos, count_hex;
      fields >> offset >> lex >> pos >> count_hex;
      GazetteerList list;
      if (lex == "18") {
        list = GazetteerList::kPerson;
      } else if (lex == "15") {
        list = GazetteerList::kPlace;
      } else if (lex == "14") {
        list = GazetteerList::kOrganisation;
      } else {
        return;
      }
      unsigned long words = std::stoul(count_hex, nullptr, 16);
      for (unsigned long i = 0; i < words; ++i) {
        std::string word, lex_id;
        fields >> word >> lex_id;
        if (size_t paren = word.find('('); paren != std::string::npos) word.resize(paren);
        std::replace(word.begin(), word.end(), '_', ' ');
        if (!word.empty() && IsCapitalised(word)) g.Add(word, list);
      }
    });
  }
  // Link Grammar's lists: "Name.l" entries, separated by white space.
  const std::pair<const char*, GazetteerList> kLinkGrammar[] = {
      {"/entities.locations.sing", GazetteerList::kPlace},
      {"/entities.national.sing", GazetteerList::kPlace},
      {"/entities.us-states.sing", GazetteerList::kPlace},
      {"/entities.given-female.sing", GazetteerList::kFirstName},
      {"/entities.given-male.sing", GazetteerList::kFirstName},
      {"/entities.given-bisex.sing", GazetteerList::kFirstName}};
  for (const auto& [file, list] : kLinkGrammar) {
    std::string path = link_grammar_dir + file;
    if (!exists(path)) continue;
    ReadLines(path, [&, l = list](std::string_view line) {
      std::istringstream words{std::string(line)};
      std::string w;
      while (words >> w) {
        if (size_t dot = w.rfind('.'); dot != std::string::npos && dot > 0) w.resize(dot);
        // Two-letter codes ("AF") are not names.
        if (w.size() > 2 && HasLower(w)) g.Add(w, l);
      }
    });
  }
  return g;
}

namespace {

// Trains one pass on the sentences in `subset`: rows for the features seen there, then epochs
// of perceptron updates in a seeded order, then averaging.
WeightTable TrainPass(const std::vector<SentenceFeatures>& features,
                      const std::vector<std::vector<int>>& gold, const std::vector<size_t>& subset,
                      const TrainOptions& options, std::string_view name,
                      const TrainProgress& progress) {
  std::unordered_map<uint64_t, uint32_t> counts;
  for (size_t i : subset) {
    for (uint64_t id : features[i].ids) ++counts[id];
  }
  std::vector<uint64_t> keys;
  for (const auto& [id, n] : counts) {
    if (n >= options.min_feature_count) keys.push_back(id);
  }
  std::sort(keys.begin(), keys.end());
  std::unordered_map<uint64_t, uint32_t> row_of;
  row_of.reserve(keys.size());
  for (size_t r = 0; r < keys.size(); ++r) row_of[keys[r]] = static_cast<uint32_t>(r);
  counts.clear();

  std::vector<Encoded> encoded(subset.size());
  for (size_t k = 0; k < subset.size(); ++k) {
    Encoded& e = encoded[k];
    const SentenceFeatures& f = features[subset[k]];
    for (size_t t = 0; t < f.size(); ++t) {
      e.starts.push_back(static_cast<uint32_t>(e.rows.size()));
      for (uint32_t j = f.starts[t]; j < f.starts[t + 1]; ++j) {
        if (auto it = row_of.find(f.ids[j]); it != row_of.end()) e.rows.push_back(it->second);
      }
    }
    e.starts.push_back(static_cast<uint32_t>(e.rows.size()));
    e.gold = gold[subset[k]];
  }

  Perceptron p(keys.size());
  std::mt19937_64 rng(options.seed);
  std::vector<size_t> order(encoded.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<float> emit;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with the generator's raw output, so every platform shuffles alike.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    size_t right = 0, total = 0;
    for (size_t idx : order) {
      const Encoded& e = encoded[idx];
      size_t n = e.gold.size();
      if (n == 0) continue;
      p.Emissions(e.rows, e.starts, &emit);
      std::vector<int> guess = p.Decode(emit, n);
      for (size_t t = 0; t < n; ++t) right += guess[t] == e.gold[t] ? 1 : 0;
      total += n;
      if (guess != e.gold) p.Update(e.rows, e.starts, e.gold, guess);
      p.Tick();
    }
    if (progress) {
      progress(name, epoch, total ? static_cast<double>(right) / static_cast<double>(total) : 0.0);
    }
  }
  p.Average();
  std::vector<std::pair<uint64_t, const float*>> rows;
  rows.reserve(keys.size());
  for (size_t r = 0; r < keys.size(); ++r) {
    rows.emplace_back(keys[r], p.Row(static_cast<uint32_t>(r)));
  }
  return WeightTable::Build(rows, p.transitions(), options.prune);
}

}  // namespace

std::vector<ContextRange> ContextRanges(const std::vector<LabelledSentence>& data) {
  std::vector<ContextRange> out(data.size());
  bool documents = !data.empty() && data.back().document > 0;
  for (size_t i = 0; i < data.size(); ++i) {
    if (documents) {
      size_t b = i, e = i + 1;
      while (b > 0 && data[b - 1].document == data[i].document) --b;
      while (e < data.size() && data[e].document == data[i].document) ++e;
      out[i] = {b, e};
    } else {
      out[i] = {i >= kContextSentences ? i - kContextSentences : 0,
                std::min(data.size(), i + kContextSentences + 1)};
    }
  }
  return out;
}

std::unique_ptr<Model> Train(const std::vector<LabelledSentence>& data, Gazetteer gazetteer,
                             const TrainOptions& options, const TrainProgress& progress) {
  // The case table: how each word is written where case is free to show.
  CaseTable cases;
  for (const LabelledSentence& s : data) {
    std::vector<std::string_view> views = Views(s.words);
    if (ClassifyCase(views) != SentenceCase::kNormal) continue;
    for (size_t i = 1; i < s.words.size(); ++i) {
      if (!HasLower(s.words[i]) && !IsCapitalised(s.words[i])) continue;
      cases.Count(AsciiLower(s.words[i]), IsCapitalised(s.words[i]));
    }
  }
  cases.Finish(options.min_case_count);

  std::vector<std::vector<std::string_view>> words(data.size());
  std::vector<std::vector<int>> gold(data.size());
  std::vector<SentenceFeatures> features(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    words[i] = Views(data[i].words);
    gold[i] = TagsOfSpans(data[i].spans, data[i].words.size());
    ExtractFeatures(words[i], gazetteer, cases, nullptr, &features[i]);
  }
  std::vector<size_t> all(data.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;

  // Pass one on everything: the model's sentence pass.
  WeightTable sentence_pass = TrainPass(features, gold, all, options, "sentence", progress);

  // The document pass learns from first-pass tags as they will be at run time: each block of
  // sentences is tagged by a first pass trained without it (jackknifing).
  std::vector<std::vector<TokenSpan>> first(data.size());
  const size_t folds = std::max<size_t>(2, options.folds);
  for (size_t k = 0; k < folds; ++k) {
    size_t lo = data.size() * k / folds, hi = data.size() * (k + 1) / folds;
    std::vector<size_t> rest;
    for (size_t i = 0; i < data.size(); ++i) {
      if (i < lo || i >= hi) rest.push_back(i);
    }
    WeightTable fold = TrainPass(features, gold, rest, options, "fold", {});
    for (size_t i = lo; i < hi; ++i) first[i] = SpansOfTags(fold.Decode(features[i]));
  }
  std::vector<ContextRange> contexts = ContextRanges(data);
  for (size_t i = 0; i < data.size(); ++i) {
    History h = DocumentHistory(words, first, i, contexts[i]);
    ExtractFeatures(words[i], gazetteer, cases, &h, &features[i]);
  }
  WeightTable document_pass = TrainPass(features, gold, all, options, "document", progress);
  return Model::Build(std::move(sentence_pass), std::move(document_pass), std::move(gazetteer),
                      std::move(cases));
}

}  // namespace weft::entities
