#include "graph/syntax/tagger.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace weft::syntax {
namespace {

// Averaged weights smaller than this are left out of the model: below the int16 quantum of a
// typical table, they change no decision.
constexpr float kPrune = 0.01f;

int Best(const std::vector<float>& scores) {
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

}  // namespace

std::vector<int> Tag(const WeightTable& weights, int classes, const std::vector<WordKeys>& words,
                     const std::vector<int>* fixed, const std::vector<int>* ahead) {
  std::vector<int> tags(words.size(), 0);  // 1-based ids for the features
  std::vector<int> out(words.size(), 0);
  std::vector<uint64_t> features;
  std::vector<float> scores(static_cast<size_t>(classes));
  for (size_t i = 0; i < words.size(); ++i) {
    if (fixed != nullptr && i < fixed->size() && (*fixed)[i] >= 0 && (*fixed)[i] < classes) {
      out[i] = (*fixed)[i];
      tags[i] = out[i] + 1;
      continue;
    }
    features.clear();
    TaggerFeatures(words, tags, i, &features, ahead);
    std::fill(scores.begin(), scores.end(), 0.0f);
    weights.Score(features.data(), features.size(), scores.data());
    out[i] = Best(scores);
    tags[i] = out[i] + 1;
  }
  return out;
}

WeightTable TrainTagger(const std::vector<TaggerExample>& examples, int classes, int epochs,
                        uint64_t seed, const EpochProgress& progress) {
  AveragedPerceptron model(classes);
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> features;
  std::vector<float> scores(static_cast<size_t>(classes));
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t right = 0;
    size_t total = 0;
    for (size_t index : order) {
      const TaggerExample& ex = examples[index];
      std::vector<int> tags(ex.words.size(), 0);
      for (size_t i = 0; i < ex.words.size(); ++i) {
        features.clear();
        TaggerFeatures(ex.words, tags, i, &features, ex.ahead.empty() ? nullptr : &ex.ahead);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model.Score(features.data(), features.size(), scores.data());
        int guess = Best(scores);
        model.Update(features.data(), features.size(), ex.gold[i], guess);
        model.Tick();
        right += guess == ex.gold[i] ? 1 : 0;
        ++total;
        tags[i] = guess + 1;  // trained on its own history, as it tags
      }
    }
    if (progress) progress(epoch, total == 0 ? 0.0 : static_cast<double>(right) / total);
  }
  return model.Average(kPrune);
}

}  // namespace weft::syntax
