// The part-of-speech tagger: a greedy left-to-right averaged perceptron over (UPOS, XPOS) pairs.
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
std::vector<int> Tag(const WeightTable& weights, int classes, const std::vector<WordKeys>& words,
                     const std::vector<int>* fixed = nullptr);

// Called after each epoch with its number (1-based) and the share of words tagged right.
using EpochProgress = std::function<void(int epoch, double accuracy)>;

struct TaggerExample {
  std::vector<WordKeys> words;
  std::vector<int> gold;  // 0-based classes
};

// Trains on `examples` for `epochs` passes in an order drawn from `seed`. Deterministic.
WeightTable TrainTagger(const std::vector<TaggerExample>& examples, int classes, int epochs,
                        uint64_t seed, const EpochProgress& progress = {});

}  // namespace weft::syntax
