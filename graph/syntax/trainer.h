// Trains the syntax model (tagger, parser, lemmatiser) on a UD treebank.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/syntax/conllu.h"
#include "graph/syntax/model.h"

namespace weft::syntax {

struct SyntaxTrainOptions {
  int tagger_epochs = 10;
  int parser_epochs = 12;
  // Seeds the visiting orders and the parser's exploration; same data and seed, same bytes.
  uint64_t seed = 2014;
  // The parser learns from tags the tagger predicts: each of this many folds is tagged by a
  // tagger trained on the others (jack-knifing). 1 trains the parser on gold tags.
  int folds = 4;
  // The parser's beam: 1 is greedy with a dynamic oracle; wider trains with global
  // max-violation updates and parses with a beam of this width.
  int beam_width = 4;
  // A beam parser's averaged weights under this magnitude are left out of the model (its
  // weights move per sentence, so its averages are large and many: on EWT, 1.0 halves the file
  // at 0.2 points of UAS). 0 keeps them all (a small treebank needs them).
  float parser_prune = 1.0f;
  // WordNet's files (Debian wordnet-base) for the lemmatiser.
  std::string wordnet_dir = "/usr/share/wordnet";
};

// One line of progress ("tagger epoch 3: 0.962").
using TrainLog = std::function<void(const std::string& line)>;

// Trains on `data` (read with trees), named `data_name` in the model's provenance. Throws
// Error when WordNet's files are missing (the lemmatiser would silently differ) or the data
// has no "root" relation.
std::unique_ptr<SyntaxModel> TrainSyntax(const std::vector<Sentence>& data,
                                         const std::string& data_name,
                                         const SyntaxTrainOptions& options,
                                         const TrainLog& log = {});

}  // namespace weft::syntax
