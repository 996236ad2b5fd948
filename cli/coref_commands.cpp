// weft train coref and weft eval gap: the pronoun model's commands.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "graph/base/error.h"
#include "graph/base/parallel.h"
#include "graph/eval/gap.h"
#include "graph/extract/coreference.h"
#include "graph/extract/extractor.h"
#include "storage/pipeline/ingest.h"

namespace weft::cli {
namespace {

constexpr const char* kDefaultDevelopment = "../shared/data/gap/gap-development.tsv";

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

unsigned DefaultThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

// Describes every example (parsing is the costly part: spread over threads).
std::vector<extract::CaseFeatures> Describe(const extract::Extractor& extractor,
                                            const std::vector<eval::GapExample>& data,
                                            unsigned threads) {
  std::vector<extract::CaseFeatures> out(data.size());
  ParallelFor(data.size(), threads, [&](size_t i) {
    const eval::GapExample& x = data[i];
    extract::PronounCase c;
    c.text = x.text;
    c.offset = x.pronoun_offset;
    c.length = x.pronoun.size();
    c.candidates = {{x.a, x.a_offset}, {x.b, x.b_offset}};
    out[i] = extract::DescribeCase(extractor, c);
  });
  return out;
}

int Gold(const eval::GapExample& x) { return x.a_coref ? 0 : x.b_coref ? 1 : -1; }

}  // namespace

void AddTrainCoref(CLI::App& train, Context& ctx) {
  struct Flags {
    std::string data = kDefaultDevelopment;
    std::string out = "graph/extract/weft-coref.model";
    unsigned threads = DefaultThreads();
    int folds = 0;
    extract::CorefTrainOptions options;
    std::string parser = "ud";
  };
  auto f = std::make_shared<Flags>();
  CLI::App* coref = train.add_subcommand("coref", "Train the pronoun model on GAP");
  coref->add_option("--data", f->data, "GAP examples (TSV with its header)");
  coref->add_option("--out,-o", f->out, "Model file to write");
  coref->add_option("--threads,-j", f->threads, "Threads")->check(CLI::Range(1u, 256u));
  coref->add_option("--epochs", f->options.epochs, "Passes over the data")
      ->check(CLI::Range(1, 1000));
  coref->add_option("--l2", f->options.l2, "L2 penalty per example")->check(CLI::Range(0.0, 1.0));
  coref->add_option("--seed", f->options.seed, "Seed of the visiting order");
  coref
      ->add_option("--parser", f->parser,
                   "ud (default) or link-grammar: the parse the features read")
      ->check(CLI::IsMember({"link-grammar", "ud"}));
  coref
      ->add_option("--folds", f->folds,
                   "Also report GAP F1 cross-validated over this many folds of the data")
      ->check(CLI::Range(2, 100));
  coref->footer(
      "Describes each example's two names against its pronoun (distance, which comes nearer,\n"
      "how often the text names them, their parts in their clauses from Link Grammar's parse)\n"
      "and trains a log-linear choice among A, B and neither. The same data and seed give a\n"
      "byte-identical model.\n\n"
      "Example:\n  weft train coref --data ../shared/data/gap/gap-development.tsv "
      "--out graph/extract/weft-coref.model");
  coref->callback([f, &ctx] {
    auto start = std::chrono::steady_clock::now();
    std::vector<eval::GapExample> data = eval::ReadGap(f->data);
    extract::ExtractorOptions extractor_options;
    if (f->parser == "link-grammar") extractor_options.parser = extract::ParserKind::kLinkGrammar;
    std::unique_ptr<extract::Extractor> extractor = extract::Extractor::Create(extractor_options);
    std::vector<extract::CaseFeatures> cases = Describe(*extractor, data, f->threads);
    std::vector<int> gold;
    for (const eval::GapExample& x : data) gold.push_back(Gold(x));
    if (f->folds > 0) {
      // Example i is held out in fold i mod K: each fold's model never saw its examples.
      eval::GapScore score;
      const size_t k = static_cast<size_t>(f->folds);
      for (size_t fold = 0; fold < k; ++fold) {
        std::vector<extract::CaseFeatures> part;
        std::vector<int> part_gold;
        for (size_t i = 0; i < cases.size(); ++i) {
          if (i % k == fold) continue;
          part.push_back(cases[i]);
          part_gold.push_back(gold[i]);
        }
        extract::CorefModel m = extract::TrainCoref(part, part_gold, f->options);
        for (size_t i = fold; i < cases.size(); i += k) {
          const int choice = m.Choose(cases[i]);
          eval::AddGap(data[i], choice == 0, choice == 1, &score);
        }
      }
      std::fprintf(stderr, "%d-fold cross-validated GAP F1 %.3f (masculine %.3f, feminine %.3f)\n",
                   f->folds, score.overall.F1(), score.masculine.F1(), score.feminine.F1());
    }
    extract::CorefModel model = extract::TrainCoref(cases, gold, f->options);
    size_t right = 0;
    for (size_t i = 0; i < cases.size(); ++i) right += model.Choose(cases[i]) == gold[i];
    model.Save(f->out);
    if (!ctx.quiet) {
      std::fprintf(stderr,
                   "wrote %s: %zu weights from %zu examples (%.3f chosen right) in %.1f s\n",
                   f->out.c_str(), model.weights.size(), data.size(),
                   static_cast<double>(right) / static_cast<double>(cases.size()), Seconds(start));
    }
  });
}

void AddEvalGap(CLI::App& eval, Context& ctx) {
  struct Flags {
    std::string data = kDefaultDevelopment;
    std::string out;
    std::string model;
    unsigned threads = DefaultThreads();
    std::string parser = "ud";
  };
  auto f = std::make_shared<Flags>();
  CLI::App* gap = eval.add_subcommand("gap", "Score pronoun resolution on GAP");
  gap->add_option("--data", f->data, "GAP examples (TSV with its header)");
  gap->add_option("--out", f->out, "Write ID<TAB>A-coref<TAB>B-coref (GAP's scorer reads it)");
  gap->add_option("--model", f->model, "Pronoun model (default: the one weft ships)");
  gap->add_option("--threads,-j", f->threads, "Threads")->check(CLI::Range(1u, 256u));
  gap->add_option("--format", ctx.format, "table or json");
  gap->add_option("--parser", f->parser,
                  "ud (default) or link-grammar: the parse the features read")
      ->check(CLI::IsMember({"link-grammar", "ud"}));
  gap->footer(
      "Resolves each example's pronoun on the text alone (the URL is not used) and says whether\n"
      "it is A, B or neither; F1 overall, for masculine and feminine pronouns, and their ratio.\n"
      "The model is trained on the development split: score it on the validation split.\n\n"
      "Example:\n  weft eval gap --data ../shared/data/gap/gap-validation.tsv --out gap.tsv");
  gap->callback([f, &ctx] {
    std::vector<eval::GapExample> data = eval::ReadGap(f->data);
    std::shared_ptr<const extract::CorefModel> model =
        f->model.empty()
            ? extract::SharedCorefModel()
            : std::make_shared<const extract::CorefModel>(extract::CorefModel::Load(f->model));
    extract::ExtractorOptions options;
    if (f->parser == "link-grammar") options.parser = extract::ParserKind::kLinkGrammar;
    std::unique_ptr<extract::Extractor> extractor = extract::Extractor::Create(options);
    std::vector<extract::CaseFeatures> cases = Describe(*extractor, data, f->threads);
    eval::GapScore score;
    std::ofstream out;
    if (!f->out.empty()) {
      out.open(f->out);
      if (!out) throw InputError(f->out, 0, std::string("cannot write: ") + std::strerror(errno));
    }
    for (size_t i = 0; i < data.size(); ++i) {
      const int choice = model->Choose(cases[i]);
      eval::AddGap(data[i], choice == 0, choice == 1, &score);
      if (out) {
        out << data[i].id << '\t' << (choice == 0 ? "TRUE" : "FALSE") << '\t'
            << (choice == 1 ? "TRUE" : "FALSE") << '\n';
      }
    }
    if (ctx.format == "json") {
      auto part = [](const eval::DecisionCounts& c) {
        return nlohmann::json{{"precision", c.Precision()}, {"recall", c.Recall()}, {"f1", c.F1()}};
      };
      nlohmann::json j = {{"examples", score.examples},
                          {"overall", part(score.overall)},
                          {"masculine", part(score.masculine)},
                          {"feminine", part(score.feminine)},
                          {"bias", score.Bias()}};
      std::cout << j.dump(2) << '\n';
      return;
    }
    std::cout << fmt::format("GAP on {} examples\n  {:<10}{:>11}{:>8}{:>8}\n", score.examples, "",
                             "precision", "recall", "F1");
    auto row = [](std::string_view name, const eval::DecisionCounts& c) {
      return fmt::format("  {:<10}{:>11.3f}{:>8.3f}{:>8.3f}\n", name, c.Precision(), c.Recall(),
                         c.F1());
    };
    std::cout << row("masculine", score.masculine) << row("feminine", score.feminine)
              << row("overall", score.overall)
              << fmt::format("  bias (F/M) {:.3f}\n", score.Bias());
  });
}

}  // namespace weft::cli
