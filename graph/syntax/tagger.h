// The part-of-speech tagger: greedy left-to-right averaged perceptrons over (UPOS, XPOS) pairs, a
// first pass and a second that also reads the first pass's tags of the words to the right.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "graph/syntax/features.h"
#include "graph/syntax/perceptron.h"

namespace weft::syntax {

// Tags each word of a sentence: returns one class per word, 0-based into the model's tag list.
// Where `fixed` is given and fixed[i] >= 0, word i gets that class (a tag known from elsewhere,
// such as a name the entity recogniser found), and the words after it see it as their history.
// With `ahead` (1-based first-pass tags), tags as the second pass, with its features.
std::vector<int> Tag(const WeightTable& weights, int classes, const std::vector<WordKeys>& words,
                     const std::vector<int>* fixed = nullptr,
                     const std::vector<int>* ahead = nullptr);

// Called after each epoch with its number (1-based) and the share of words tagged right.
using EpochProgress = std::function<void(int epoch, double accuracy)>;

struct TaggerExample {
  std::vector<WordKeys> words;
  std::vector<int> gold;   // 0-based classes
  std::vector<int> ahead;  // for the second pass: the first pass's tags, 1-based; else empty
};

// Trains on `examples` for `epochs` passes in an order drawn from `seed`. Deterministic.
WeightTable TrainTagger(const std::vector<TaggerExample>& examples, int classes, int epochs,
                        uint64_t seed, const EpochProgress& progress = {});

}  // namespace weft::syntax
