// weft parse, weft eval ud and weft train parser: the syntax model's commands.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "cli/commands.h"
#include "graph/base/atomic_file.h"
#include "graph/base/error.h"
#include "graph/eval/ud.h"
#include "graph/extract/sentences.h"
#include "graph/syntax/model.h"
#include "graph/syntax/tokenizer.h"
#include "graph/syntax/trainer.h"
#include "storage/pipeline/ingest.h"

namespace weft::cli {
namespace {

constexpr const char* kDefaultUdTrain = "../shared/data/ud-english-ewt/en_ewt-ud-train.conllu";
constexpr const char* kDefaultUdDev = "../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu";
// Sentences longer than this are parsed in pieces of this many words, each its own tree: the
// parser is linear in the words, but a 5,000-word "sentence" is a table or a list, not prose.
constexpr size_t kMaxSentenceWords = 400;

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Splits a document into sentences of words and analyses them.
std::vector<syntax::Sentence> ParseText(const syntax::SyntaxModel& model, std::string_view text) {
  std::vector<syntax::Sentence> out;
  for (const extract::SentenceSpan& span : extract::SplitSentences(text)) {
    std::string_view sentence = text.substr(span.begin, span.end - span.begin);
    std::vector<syntax::Token> tokens =
        syntax::TokenizeWords(sentence, static_cast<uint32_t>(span.begin));
    for (size_t start = 0; start < tokens.size(); start += kMaxSentenceWords) {
      size_t end = std::min(tokens.size(), start + kMaxSentenceWords);
      syntax::Sentence s;
      std::string plain;
      for (size_t i = start; i < end; ++i) {
        syntax::Word w;
        w.form = tokens[i].text;
        bool space_after = i + 1 < end && tokens[i + 1].begin > tokens[i].end;
        w.misc = fmt::format("TokenRange={}:{}{}", tokens[i].begin, tokens[i].end,
                             space_after || i + 1 == end ? "" : "|SpaceAfter=No");
        plain += w.form;
        if (space_after) plain += ' ';
        s.words.push_back(std::move(w));
      }
      s.comments.push_back("# text = " + plain);
      model.Annotate(&s);
      out.push_back(std::move(s));
    }
  }
  return out;
}

void PrintTable(std::ostream& out, const syntax::Sentence& s) {
  for (const std::string& c : s.comments) out << c << '\n';
  size_t width = 4;
  for (const syntax::Word& w : s.words) width = std::max(width, w.form.size());
  width = std::min<size_t>(width, 24);
  for (size_t i = 0; i < s.words.size(); ++i) {
    const syntax::Word& w = s.words[i];
    std::string head =
        w.head == 0 ? "ROOT"
                    : fmt::format("{} {}", w.head, s.words[static_cast<size_t>(w.head) - 1].form);
    out << fmt::format("{:>3}  {:<{}}  {:<{}}  {:<5} {:<5} {:<12} {}\n", i + 1, w.form, width,
                       w.lemma, width, w.upos, w.xpos, w.deprel, head);
  }
  out << '\n';
}

}  // namespace

void AddEvalUdCommand(CLI::App& eval, Context& /*ctx*/) {
  struct Flags {
    std::string data = kDefaultUdDev;
    std::string out;
    bool per_relation = false;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* ud = eval.add_subcommand("ud", "Score the tagger and parser on a UD treebank");
  ud->add_option("--data", f->data, "Gold CoNLL-U (default: UD English EWT dev)");
  ud->add_option("--out", f->out, "Write the predicted CoNLL-U here");
  ud->add_flag("--relations", f->per_relation, "Also print the score of each relation");
  ud->footer(
      "Tags, lemmatises and parses the file's own words and compares: UPOS, XPOS and lemma\n"
      "accuracy, UAS and LAS (relations without subtypes, punctuation included, as the CoNLL 2018\n"
      "shared task's scorer counts them).\n\n"
      "Example:\n  weft eval ud --data ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu "
      "--relations");
  ud->callback([f] {
    std::vector<syntax::Sentence> gold = syntax::ReadConlluFile(f->data);
    std::shared_ptr<const syntax::SyntaxModel> model = syntax::SyntaxModel::Shared();
    std::vector<syntax::Sentence> predicted = gold;
    auto start = std::chrono::steady_clock::now();
    for (syntax::Sentence& s : predicted) model->Annotate(&s);
    double seconds = Seconds(start);
    eval::UdScores sc = eval::ScoreUd(gold, predicted);
    if (!f->out.empty()) {
      AtomicFile out(f->out);
      for (const syntax::Sentence& s : predicted) syntax::WriteConllu(out.stream(), s);
      out.Commit();
    }
    std::cout << fmt::format("{}: {} sentences, {} words\n", f->data, sc.sentences, sc.words);
    std::cout << fmt::format(
        "UPOS   {:.4f}\nXPOS   {:.4f}\nLemma  {:.4f}\nUAS    {:.4f}\n"
        "LAS    {:.4f}\n",
        sc.Share(sc.upos), sc.Share(sc.xpos), sc.Share(sc.lemma), sc.Share(sc.uas),
        sc.Share(sc.las));
    std::cout << fmt::format("speed  {:.0f} sentences/s on one thread (tag, lemmatise, parse)\n",
                             seconds > 0 ? static_cast<double>(sc.sentences) / seconds : 0.0);
    if (f->per_relation) {
      std::cout << fmt::format("\n{:<12} {:>6} {:>6} {:>6} {:>6}\n", "relation", "gold", "prec",
                               "recall", "F1");
      for (const auto& [rel, r] : sc.relations) {
        if (r.gold == 0) continue;
        std::cout << fmt::format("{:<12} {:>6} {:>6.3f} {:>6.3f} {:>6.3f}\n", rel, r.gold,
                                 r.Precision(), r.Recall(), r.F1());
      }
    }
  });
}

void AddTrainParser(CLI::App& train, Context& ctx) {
  struct Flags {
    std::string data = kDefaultUdTrain;
    std::string out = "graph/syntax/weft-ud.model";
    syntax::SyntaxTrainOptions options;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* parser = train.add_subcommand("parser", "Train the tagger, lemmatiser and parser");
  parser->add_option("--data", f->data, "A UD treebank in CoNLL-U (default: UD English EWT train)");
  parser->add_option("--out,-o", f->out, "Model file to write");
  parser->add_option("--tagger-epochs", f->options.tagger_epochs, "Passes of the tagger")
      ->check(CLI::Range(1, 100));
  parser->add_option("--parser-epochs", f->options.parser_epochs, "Passes of the parser")
      ->check(CLI::Range(1, 100));
  parser
      ->add_option("--beam", f->options.beam_width,
                   "The parser's beam width (1: greedy, trained with a dynamic oracle)")
      ->check(CLI::Range(1, 64));
  parser
      ->add_option("--parser-prune", f->options.parser_prune,
                   "A beam parser's weights under this magnitude are left out (0: keep all)")
      ->check(CLI::Range(0.0f, 100.0f));
  parser
      ->add_option("--folds", f->options.folds,
                   "Jack-knife folds for the parser's training tags (1: gold tags)")
      ->check(CLI::Range(1, 20));
  parser->add_option("--seed", f->options.seed, "Seed of the visiting orders");
  parser->add_option("--wordnet", f->options.wordnet_dir,
                     "WordNet's dict directory (Debian wordnet-base)");
  parser->footer(
      "Trains the two-pass part-of-speech tagger (UPOS and XPOS), the lemmatiser (the treebank's\n"
      "lemmas, WordNet's exceptions and base forms) and the arc-hybrid dependency parser with a\n"
      "beam of four and global updates (--beam 1: greedy, with a dynamic oracle), all averaged\n"
      "perceptrons, and writes them as one model file. The same data and seed give a\n"
      "byte-identical file. The treebank's licence (UD English EWT: CC BY-SA 4.0)\n"
      "carries over to the model.\n\n"
      "Example:\n  weft train parser --data ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu");
  parser->callback([f, &ctx] {
    auto start = std::chrono::steady_clock::now();
    std::vector<syntax::Sentence> data = syntax::ReadConlluFile(f->data);
    std::string name = std::filesystem::path(f->data).filename().string();
    std::unique_ptr<syntax::SyntaxModel> model =
        syntax::TrainSyntax(data, name, f->options, [&](const std::string& line) {
          if (!ctx.quiet) std::cerr << line << '\n';
        });
    model->Save(f->out);
    std::cerr << fmt::format(
        "wrote {} ({} features, {:.1f} MB) in {:.0f} s\n", f->out, model->feature_count(),
        static_cast<double>(std::filesystem::file_size(f->out)) / 1e6, Seconds(start));
  });
}

void SetupParse(CLI::App& app, Context& ctx) {
  struct Flags {
    std::vector<std::string> paths;
    std::string format = "conllu";
    ReadOptions read;
  };
  auto f = std::make_shared<Flags>();
  app.add_option("paths", f->paths, "Files, directories or '-' (default: standard input)");
  app.add_option("--format,-F", f->format, "Output: conllu or table")
      ->check(CLI::IsMember({"conllu", "table"}));
  app.add_option("--name", f->read.stdin_name,
                 "Document name for standard input (default: 'stdin:' and its content hash)");
  app.add_option("--input-format", f->read.stdin_format,
                 "Format of standard input: text, md, html or jsonl (files: from the extension)")
      ->check(CLI::IsMember({"text", "md", "html", "jsonl"}));
  app.footer(
      R"(Splits each document into sentences and words and prints each word's part of speech
(UPOS, XPOS), lemma, head and UD relation, in CoNLL-U (with "# doc" and "# text" comments and
each word's byte range in MISC), or as a table for reading.

Examples:
  weft parse article.txt
  echo "Shell bought BG Group for $70bn." | weft parse -F table)");
  app.callback([f, &ctx] {
    if (f->paths.empty()) f->paths = {"-"};
    std::shared_ptr<const syntax::SyntaxModel> model = syntax::SyntaxModel::Shared();
    uint64_t problems = 0;
    f->read.quiet = ctx.quiet;
    ForEachDocument(f->paths, f->read, &problems, [&](InputDocument d) {
      std::vector<syntax::Sentence> sentences = ParseText(*model, d.text);
      size_t n = 0;
      for (syntax::Sentence& s : sentences) {
        s.comments.insert(s.comments.begin(), fmt::format("# sent_id = {}#{}", d.name, ++n));
        if (n == 1) s.comments.insert(s.comments.begin(), "# newdoc id = " + d.name);
        if (f->format == "table") {
          PrintTable(std::cout, s);
        } else {
          syntax::WriteConllu(std::cout, s);
        }
      }
    });
    std::cout.flush();
    if (!std::cout) throw Error("standard output: write failed");
    if (problems > 0) ctx.exit_code = static_cast<int>(ExitCode::kInput);
  });
}

}  // namespace weft::cli
