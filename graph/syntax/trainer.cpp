#include "graph/syntax/trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "graph/base/error.h"
#include "graph/syntax/tagger.h"

namespace weft::syntax {
namespace {

std::vector<std::string_view> Forms(const Sentence& s) {
  std::vector<std::string_view> f;
  f.reserve(s.words.size());
  for (const Word& w : s.words) f.push_back(w.form);
  return f;
}

std::string TagName(const Word& w) { return w.upos + "\t" + w.xpos; }

}  // namespace

std::unique_ptr<SyntaxModel> TrainSyntax(const std::vector<Sentence>& data,
                                         const std::string& data_name,
                                         const SyntaxTrainOptions& options, const TrainLog& log) {
  auto say = [&](const std::string& line) {
    if (log) log(line);
  };
  // Tag set and labels, sorted so the ids do not depend on the data's order.
  std::set<std::string> tag_set, label_set;
  for (const Sentence& s : data) {
    for (const Word& w : s.words) {
      tag_set.insert(TagName(w));
      label_set.insert(w.deprel);
    }
  }
  if (label_set.count("root") == 0) throw Error(data_name + ": no word has the relation 'root'");
  std::vector<std::string> tags(tag_set.begin(), tag_set.end());
  std::vector<std::string> labels(label_set.begin(), label_set.end());
  if (tags.size() > 65535) throw Error(data_name + ": more than 65,535 distinct tags");
  if (labels.size() > 60) throw Error(data_name + ": more than 60 distinct relations");
  std::map<std::string, int> tag_id, label_id;
  for (size_t i = 0; i < tags.size(); ++i) tag_id[tags[i]] = static_cast<int>(i);
  for (size_t i = 0; i < labels.size(); ++i) label_id[labels[i]] = static_cast<int>(i);
  const int root = label_id["root"];

  // Lemmatiser.
  Lemmatizer lemmatizer;
  std::vector<std::string> missing = lemmatizer.LoadWordNet(options.wordnet_dir);
  if (!missing.empty()) {
    throw Error("WordNet's " + missing.front() +
                " is missing (install Debian's wordnet-base, or give --wordnet DIR)");
  }
  for (const Sentence& s : data) {
    for (const Word& w : s.words) lemmatizer.Observe(w.form, w.upos, w.lemma);
  }
  lemmatizer.Finish();

  // Tagger examples.
  std::vector<TaggerExample> tagger_data(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    tagger_data[i].words = KeysOf(Forms(data[i]));
    for (const Word& w : data[i].words) tagger_data[i].gold.push_back(tag_id[TagName(w)]);
  }
  const int classes = static_cast<int>(tags.size());
  const int folds = std::max(1, options.folds);
  auto in_fold = [&](size_t i, int f) {
    return static_cast<int>(i % static_cast<size_t>(folds)) == f;
  };
  // Tags each fold with a tagger trained on the others (jack-knifing): the tags a tagger gives
  // text it has not seen, for the next stage to learn from. One fold: the gold tags.
  auto jackknife = [&](const char* pass, const std::vector<TaggerExample>& examples,
                       uint64_t seed) {
    std::vector<std::vector<int>> out(examples.size());
    if (folds == 1) {
      for (size_t i = 0; i < examples.size(); ++i) out[i] = examples[i].gold;
      return out;
    }
    for (int f = 0; f < folds; ++f) {
      std::vector<TaggerExample> train;
      for (size_t i = 0; i < examples.size(); ++i) {
        if (!in_fold(i, f)) train.push_back(examples[i]);
      }
      WeightTable w = TrainTagger(train, classes, options.tagger_epochs, seed + 1 + f);
      size_t right = 0, total = 0;
      for (size_t i = static_cast<size_t>(f); i < examples.size();
           i += static_cast<size_t>(folds)) {
        const TaggerExample& ex = examples[i];
        out[i] = Tag(w, classes, ex.words, nullptr, ex.ahead.empty() ? nullptr : &ex.ahead);
        for (size_t k = 0; k < out[i].size(); ++k) right += out[i][k] == ex.gold[k] ? 1 : 0;
        total += out[i].size();
      }
      say(fmt::format("{} fold {}/{}: held-out tag accuracy {:.4f}", pass, f + 1, folds,
                      total ? static_cast<double>(right) / static_cast<double>(total) : 0.0));
    }
    return out;
  };
  auto epochs_log = [&](const char* pass) {
    return [&say, pass](int epoch, double acc) {
      say(fmt::format("{} epoch {}: training accuracy {:.4f}", pass, epoch, acc));
    };
  };

  // First pass: left to right, its own history only.
  std::vector<std::vector<int>> first = jackknife("tagger", tagger_data, options.seed);
  WeightTable tagger =
      TrainTagger(tagger_data, classes, options.tagger_epochs, options.seed, epochs_log("tagger"));
  // Second pass: also the first pass's tags of the words to the right, as the first pass gives
  // them on unseen text.
  for (size_t i = 0; i < data.size(); ++i) {
    for (int t : first[i]) tagger_data[i].ahead.push_back(t + 1);
  }
  std::vector<std::vector<int>> predicted =
      jackknife("second tagger", tagger_data, options.seed + 100);
  WeightTable second = TrainTagger(tagger_data, classes, options.tagger_epochs, options.seed + 100,
                                   epochs_log("second tagger"));

  // Parser examples, with projective gold trees.
  std::vector<ParserExample> parser_data(data.size());
  size_t lifted = 0, arcs = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    ParserExample& ex = parser_data[i];
    ex.words = tagger_data[i].words;
    for (int t : predicted[i]) ex.tags.push_back(t + 1);
    for (const Word& w : data[i].words) {
      ex.gold.heads.push_back(w.head);
      ex.gold.labels.push_back(label_id[w.deprel]);
    }
    lifted += static_cast<size_t>(Projectivize(&ex.gold.heads));
    arcs += data[i].words.size();
  }
  say(fmt::format("{} of {} arcs lifted to make the training trees projective", lifted, arcs));
  WeightTable parser =
      TrainParser(parser_data, static_cast<int>(labels.size()), root, options.parser_epochs,
                  options.seed, options.beam_width, [&](int epoch, double uas) {
                    say(fmt::format("parser epoch {}: training attachment {:.4f}", epoch, uas));
                  });
  std::string provenance = fmt::format(
      "trained on {} ({} sentences); tagger {} passes, parser {} passes, beam {}, {} folds, "
      "seed {}",
      data_name, data.size(), options.tagger_epochs, options.parser_epochs, options.beam_width,
      folds, options.seed);
  std::unique_ptr<SyntaxModel> model = SyntaxModel::Build(
      std::move(tags), std::move(labels), std::move(tagger), std::move(second), std::move(parser),
      std::move(lemmatizer), std::move(provenance), std::max(1, options.beam_width));
  if (options.beam_width > 1 && options.parser_prune > 0) {
    model = model->Pruned(0.0f, options.parser_prune);
  }
  return model;
}

}  // namespace weft::syntax
