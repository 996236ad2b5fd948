// Trains the recogniser: a structured averaged perceptron over BILOU tags, decoded by Viterbi.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "graph/entities/conll.h"
#include "graph/entities/document.h"
#include "graph/entities/gazetteer.h"
#include "graph/entities/model.h"

namespace weft::entities {

struct TrainOptions {
  // Passes over the training data.
  int epochs = 12;
  // Seeds the order sentences are visited in; the same data and seed give the same model.
  uint64_t seed = 2003;
  // Features seen fewer times than this in the training data are left out.
  uint32_t min_feature_count = 1;
  // Averaged weights smaller than this are dropped from the saved model.
  float prune = 0.001f;
  // Words seen fewer times than this get no case-table entry.
  uint32_t min_case_count = 2;
  // Blocks of the data for training the document pass on first-pass tags of unseen text.
  size_t folds = 5;
};

// Called after each epoch of each pass ("sentence", then "document") with the epoch's number
// (1-based) and the share of training tokens tagged right during it.
using TrainProgress = std::function<void(std::string_view pass, int epoch, double token_accuracy)>;

// Trains on `data` with the name lists in `gazetteer`. Deterministic: single-threaded, its own
// random number generator.
std::unique_ptr<Model> Train(const std::vector<LabelledSentence>& data, Gazetteer gazetteer,
                             const TrainOptions& options, const TrainProgress& progress = {});

// The sentences whose first-pass tags inform each sentence: its document where the data marks
// documents (-DOCSTART-), else kContextSentences either side.
std::vector<ContextRange> ContextRanges(const std::vector<LabelledSentence>& data);

// Name lists from packaged data, for training. `lists_dir` holds places.txt,
// nationalities.txt and first-names.txt (scripts/gazetteers/build writes them from npm
// packages); `wordnet_dir` WordNet's data.noun (Debian wordnet-base); `link_grammar_dir` Link
// Grammar's English words/ lists. A missing directory or file leaves its lists out and is
// reported through `missing`.
Gazetteer LoadGazetteer(const std::string& lists_dir, const std::string& wordnet_dir,
                        const std::string& link_grammar_dir, std::vector<std::string>* missing);

}  // namespace weft::entities
