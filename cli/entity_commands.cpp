// weft train ner, weft eval conll and weft entities: the named-entity recogniser's commands.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "graph/base/error.h"
#include "graph/base/text.h"
#include "graph/entities/conll.h"
#include "graph/entities/recogniser.h"
#include "graph/entities/trainer.h"
#include "graph/entities/values.h"
#include "graph/eval/conll.h"
#include "graph/extract/extractor.h"
#include "graph/extract/sentences.h"
#include "storage/pipeline/documents.h"

namespace weft::cli {
namespace {

constexpr const char* kDefaultTrain = "../shared/data/conll2003/train.txt";
constexpr const char* kDefaultValid = "../shared/data/conll2003/valid.txt";

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string_view> Views(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

// conlleval's IOB2 tag of token i given the spans of its sentence.
std::string Iob(const std::vector<entities::TokenSpan>& spans, size_t i) {
  for (const entities::TokenSpan& s : spans) {
    if (i >= s.begin && i < s.end) {
      return std::string(i == s.begin ? "B-" : "I-") +
             std::string(entities::EntityClassName(s.type));
    }
  }
  return "O";
}

}  // namespace

void SetupTrain(CLI::App& app, Context& ctx) {
  struct Flags {
    std::string data = kDefaultTrain;
    std::string out = "graph/entities/weft-ner.model";
    std::string gazetteers = "scripts/gazetteers/lists";
    std::string wordnet = "/usr/share/wordnet";
    std::string link_grammar = "/usr/share/link-grammar/en/words";
    entities::TrainOptions options;
  };
  auto f = std::make_shared<Flags>();
  app.require_subcommand(1);
  CLI::App* ner = app.add_subcommand("ner", "Train the named-entity recogniser");
  ner->add_option("--data", f->data, "Training data in CoNLL-2003 format");
  ner->add_option("--out,-o", f->out, "Model file to write");
  ner->add_option("--gazetteers", f->gazetteers,
                  "Directory of name lists written by scripts/gazetteers/build");
  ner->add_option("--wordnet", f->wordnet, "WordNet's database directory (Debian wordnet-base)");
  ner->add_option("--link-grammar", f->link_grammar, "Link Grammar's English word lists");
  ner->add_option("--epochs", f->options.epochs, "Passes over the data")->check(CLI::Range(1, 100));
  ner->add_option("--seed", f->options.seed, "Seed of the visiting order");
  ner->add_option("--min-count", f->options.min_feature_count,
                  "Leave out features seen fewer times in the data");
  ner->add_option("--prune", f->options.prune, "Drop averaged weights smaller than this");
  ner->footer(
      "Trains an averaged perceptron over BILOU tags with gazetteer, shape, affix, context and\n"
      "case features. The same data, lists and seed give a byte-identical model.\n\n"
      "Example:\n  scripts/gazetteers/build\n"
      "  weft train ner --data ../shared/data/conll2003/train.txt --out "
      "graph/entities/weft-ner.model");
  ner->callback([f, &ctx] {
    auto start = std::chrono::steady_clock::now();
    std::vector<entities::LabelledSentence> data = entities::ReadConll(f->data);
    std::vector<std::string> missing;
    entities::Gazetteer gazetteer =
        entities::LoadGazetteer(f->gazetteers, f->wordnet, f->link_grammar, &missing);
    for (const std::string& m : missing) {
      std::fprintf(stderr, "weft: warning: %s not found; its names are left out of the model\n",
                   m.c_str());
    }
    if (!ctx.quiet) {
      std::fprintf(stderr, "training on %zu sentences with %zu gazetteer names\n", data.size(),
                   gazetteer.size());
    }
    auto model = entities::Train(
        data, std::move(gazetteer), f->options, [&](std::string_view pass, int epoch, double acc) {
          if (!ctx.quiet) {
            std::fprintf(stderr, "  %.*s pass, epoch %d: %.4f of tokens right\n",
                         static_cast<int>(pass.size()), pass.data(), epoch, acc);
          }
        });
    model->Save(f->out);
    if (!ctx.quiet) {
      std::fprintf(stderr, "wrote %s: %zu features in %.1f s\n", f->out.c_str(),
                   model->feature_count(), Seconds(start));
    }
  });
  AddTrainCoref(app, ctx);
  AddTrainParser(app, ctx);
}

void AddEvalConll(CLI::App& eval, Context& ctx) {
  struct Flags {
    std::string data = kDefaultValid;
    std::string out;
    std::string model;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* conll = eval.add_subcommand("conll", "Score the entity recogniser on CoNLL-2003");
  conll->add_option("--data", f->data, "Annotated data in CoNLL-2003 format");
  conll->add_option("--out", f->out, "Write 'token gold predicted' lines (conlleval's input)");
  conll->add_option("--model", f->model, "Model file (default: the one weft ships)");
  conll->add_option("--format", ctx.format, "table or json");
  conll->footer(
      "Tags the file's own tokens sentence by sentence and scores mentions by exact match of\n"
      "span and type, as conlleval does.\n\nExample:\n"
      "  weft eval conll --data ../shared/data/conll2003/valid.txt --out conll-valid.txt");
  conll->callback([f, &ctx] {
    std::vector<entities::LabelledSentence> data = entities::ReadConll(f->data);
    std::shared_ptr<const entities::Model> model =
        f->model.empty() ? entities::SharedModel()
                         : std::shared_ptr<const entities::Model>(entities::Model::Load(f->model));
    entities::Recogniser recogniser(model);
    std::ofstream out;
    if (!f->out.empty()) {
      out.open(f->out);
      if (!out) throw InputError(f->out, 0, std::string("cannot write: ") + std::strerror(errno));
    }
    eval::ConllScore score;
    auto start = std::chrono::steady_clock::now();
    std::vector<std::vector<std::string_view>> words;
    for (const entities::LabelledSentence& s : data) words.push_back(Views(s.words));
    std::vector<std::vector<entities::TokenSpan>> tagged =
        recogniser.TagDocument(words, entities::ContextRanges(data));
    for (size_t k = 0; k < data.size(); ++k) {
      const entities::LabelledSentence& s = data[k];
      const std::vector<entities::TokenSpan>& predicted = tagged[k];
      eval::AddSentence(s.spans, predicted, s.words.size(), &score);
      if (out) {
        for (size_t i = 0; i < s.words.size(); ++i) {
          out << s.words[i] << ' ' << Iob(s.spans, i) << ' ' << Iob(predicted, i) << '\n';
        }
        out << '\n';
      }
    }
    double secs = Seconds(start);
    if (ctx.format == "json") {
      nlohmann::json j = {{"sentences", score.sentences},
                          {"tokens", score.tokens},
                          {"tokens_per_second", static_cast<double>(score.tokens) / secs}};
      auto counts = [](const eval::MentionCounts& c) {
        return nlohmann::json{{"gold", c.gold},       {"predicted", c.predicted},
                              {"correct", c.correct}, {"precision", c.Precision()},
                              {"recall", c.Recall()}, {"f1", c.F1()}};
      };
      j["overall"] = counts(score.overall);
      for (int c = 0; c < entities::kClasses; ++c) {
        j[std::string(entities::EntityClassName(static_cast<entities::EntityClass>(c)))] =
            counts(score.by_type[c]);
      }
      std::cout << j.dump(2) << '\n';
      return;
    }
    std::cout << fmt::format("CoNLL-2003 on {} sentences, {} tokens ({:.0f} tokens/s)\n",
                             score.sentences, score.tokens,
                             static_cast<double>(score.tokens) / secs);
    std::cout << fmt::format("  {:<8}{:>8}{:>8}{:>8}{:>11}{:>8}{:>8}\n", "type", "gold", "found",
                             "right", "precision", "recall", "F1");
    auto row = [](std::string_view name, const eval::MentionCounts& c) {
      return fmt::format("  {:<8}{:>8}{:>8}{:>8}{:>11.4f}{:>8.4f}{:>8.4f}\n", name, c.gold,
                         c.predicted, c.correct, c.Precision(), c.Recall(), c.F1());
    };
    for (int c = 0; c < entities::kClasses; ++c) {
      std::cout << row(entities::EntityClassName(static_cast<entities::EntityClass>(c)),
                       score.by_type[c]);
    }
    std::cout << row("overall", score.overall);
  });
}

void SetupEntities(CLI::App& app, Context& ctx) {
  struct Flags {
    std::vector<std::string> paths;
    ReadOptions read;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("paths", f->paths, "Files, directories or '-' (default: standard input)");
  app.add_option("--output", ctx.format, "table or jsonl")
      ->check(CLI::IsMember({"table", "jsonl"}));
  AddStdinOptions(app, f->read);
  app.footer(
      "Prints the people, organisations, places and other names (misc) of documents, and the\n"
      "values (money, percentages, dates, quantities) with their normalised form.\n\n"
      "Examples:\n  weft entities examples/news/\n  weft entities --output jsonl article.txt");
  app.callback([f, &ctx] {
    if (f->paths.empty()) f->paths = {"-"};
    entities::Recogniser recogniser(entities::SharedModel());
    uint64_t problems = 0;
    bool table = ctx.format != "jsonl";
    if (table) {
      std::cout << fmt::format("{:<32} {:<8} {:<20} {:>4} {:>6} {:>6}  {}\n", "text", "type",
                               "value", "sent", "begin", "end", "document");
    }
    f->read.quiet = ctx.quiet;
    ForEachDocument(f->paths, f->read, &problems, [&](InputDocument d) {
      std::vector<std::pair<size_t, size_t>> sentences;
      for (const extract::SentenceSpan& s : extract::SplitSentences(d.text)) {
        sentences.emplace_back(s.begin, s.end);
      }
      struct Row {
        std::string text, type, value;
        uint32_t sentence, begin, end;
      };
      std::vector<Row> rows;
      for (const entities::Mention& m : recogniser.Recognise(d.text, sentences)) {
        rows.push_back({m.text, std::string(entities::EntityClassName(m.type)), "", m.sentence,
                        m.begin, m.end});
      }
      std::optional<entities::CalendarDate> date = entities::ParseDocumentDate(d.date);
      for (size_t s = 0; s < sentences.size(); ++s) {
        auto [b, e] = sentences[s];
        std::vector<entities::Token> tokens =
            entities::Tokenize(std::string_view(d.text).substr(b, e - b), static_cast<uint32_t>(b));
        for (const entities::Value& v : entities::FindValues(tokens, d.text, date)) {
          rows.push_back({v.text, std::string(entities::ValueKindName(v.kind)), v.normalised,
                          static_cast<uint32_t>(s), v.begin, v.end});
        }
      }
      std::stable_sort(rows.begin(), rows.end(),
                       [](const Row& a, const Row& b) { return a.begin < b.begin; });
      for (const Row& r : rows) {
        if (table) {
          std::cout << fmt::format("{:<32} {:<8} {:<20} {:>4} {:>6} {:>6}  {}\n", r.text, r.type,
                                   r.value, r.sentence, r.begin, r.end, d.name);
        } else {
          nlohmann::json j = {{"text", r.text},         {"type", r.type},   {"document", d.name},
                              {"sentence", r.sentence}, {"begin", r.begin}, {"end", r.end}};
          if (!r.value.empty()) j["value"] = r.value;
          std::cout << j.dump() << '\n';
        }
      }
    });
    if (problems > 0) ctx.exit_code = static_cast<int>(ExitCode::kInput);
  });
}

}  // namespace weft::cli
