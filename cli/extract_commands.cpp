// weft ingest, extract and eval: English text in, statements out.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/progress.h"
#include "graph/base/error.h"
#include "graph/base/parallel.h"
#include "graph/base/text.h"
#include "graph/entities/values.h"
#include "graph/eval/carb.h"
#include "graph/extract/extractor.h"
#include "graph/extract/text_input.h"
#include "storage/pipeline/documents.h"
#include "storage/pipeline/ingest.h"

namespace weft::cli {

namespace {

unsigned DefaultThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

struct IngestFlags {
  std::vector<std::string> paths;
  ReadOptions read;
  unsigned threads = DefaultThreads();
  std::string parser = "ud";
};

// --parser: which parser the clause rules read.
void AddParserOption(CLI::App& app, std::string* parser) {
  app.add_option("--parser", *parser,
                 "ud (default): weft's own tagger and UD dependency parser (docs/syntax.md), or "
                 "link-grammar")
      ->check(CLI::IsMember({"link-grammar", "ud"}));
}

extract::ExtractorOptions ExtractorOptionsOf(const std::string& parser) {
  extract::ExtractorOptions o;
  o.parser =
      parser == "link-grammar" ? extract::ParserKind::kLinkGrammar : extract::ParserKind::kUd;
  return o;
}

}  // namespace

void AddStdinOptions(CLI::App& app, ReadOptions& read) {
  app.add_option("--name", read.stdin_name,
                 "Document name for standard input (default: 'stdin:' and its content hash)");
  app.add_option("--format", read.stdin_format,
                 "Format of standard input: text, md, html or jsonl (files: from the extension)")
      ->check(CLI::IsMember({"text", "md", "html", "jsonl"}));
}

void SetupIngest(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<IngestFlags>();
  app.add_option("paths", f->paths, "Files, directories (recursive) or '-' for standard input")
      ->required();
  app.add_option("--threads,-j", f->threads, "Extraction threads")->check(CLI::Range(1u, 256u));
  AddStdinOptions(app, f->read);
  AddParserOption(app, &f->parser);
  app.footer(
      R"(Reads English text (.txt, .md, .html pages, .jsonl records {"id":..,"text":..,"title":..}, RSS and
Atom feeds item by item, .warc/.warc.gz web archives page by page), extracts statements, and
stores them with their sources. Each file, record, item or page is a document: unchanged ones
are skipped, changed ones replace what they contributed; one plainly not in English is skipped
and counted.

Examples:
  weft ingest examples/news/
  weft ingest article.html notes.md
  curl -s https://example.org/feed.jsonl | weft ingest --format jsonl -
  pbpaste | weft ingest --name notes/2026-12-01 -)");
  app.callback([f, &ctx] {
    auto start = std::chrono::steady_clock::now();
    std::unique_ptr<storage::Store> store = ctx.OpenForWrite();
    std::unique_ptr<extract::Extractor> extractor =
        extract::Extractor::Create(ExtractorOptionsOf(f->parser));
    Progress progress("ingest", pipeline::TotalInputBytes(f->paths), ctx.quiet);
    pipeline::IngestOptions options;
    options.threads = f->threads;
    options.read = f->read;
    options.read.quiet = ctx.quiet;
    options.progress = [&](uint64_t bytes, uint64_t statements) {
      progress.Update(bytes, statements);
    };
    const pipeline::IngestTotals t = pipeline::Ingest(*store, *extractor, f->paths, options);
    progress.Finish();
    if (!ctx.quiet) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::string line = fmt::format(
          "ingested {} ({} unchanged) in {:.2f} s: {}, {}; {}, {}, {} skipped",
          Counted(t.documents, "document"), t.unchanged, secs, Counted(t.sentences, "sentence"),
          Counted(t.statements, "statement"), Counted(t.partial, "partial parse", "partial parses"),
          Counted(t.fallbacks, "shallow fallback"), Counted(t.skipped, "sentence"));
      if (t.not_english > 0) {
        line += fmt::format("; {} not in English skipped", Counted(t.not_english, "document"));
      }
      if (t.foreign_lines > 0) {
        line += fmt::format("; {} in another language not read", Counted(t.foreign_lines, "line"));
      }
      if (t.table_rows > 0) {
        line += fmt::format("; {} of figures not read", Counted(t.table_rows, "table row"));
      }
      if (t.timed_out > 0) {
        line += fmt::format("; {} stopped by the {} s time guard (results may vary by machine)",
                            Counted(t.timed_out, "parse"),
                            extract::ExtractorOptions().max_parse_seconds);
      }
      std::fprintf(stderr, "%s\n", line.c_str());
    }
    if (t.problems > 0) ctx.exit_code = static_cast<int>(ExitCode::kInput);
  });
}

void SetupExtract(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<IngestFlags>();
  app.add_option("paths", f->paths, "Files, directories or '-' (default: standard input)");
  app.add_option("--threads,-j", f->threads, "Extraction threads")->check(CLI::Range(1u, 256u));
  AddStdinOptions(app, f->read);
  AddParserOption(app, &f->parser);
  app.footer(
      R"(The extraction of 'weft ingest' as a pure filter: documents in, JSON Lines records out, no
store. Per document: a header (its name and content hash), its statements with their sources,
its entities with types and aliases. 'weft import' stores each document as 'weft ingest' would
have. See docs/scaling.md for running it on a Dask cluster or under GNU parallel.

Examples:
  weft extract article.txt > statements.jsonl
  cat docs.jsonl | weft extract --format jsonl - | weft import --format jsonl -)");
  app.callback([f, &ctx] {
    if (f->paths.empty()) f->paths = {"-"};
    std::unique_ptr<extract::Extractor> extractor =
        extract::Extractor::Create(ExtractorOptionsOf(f->parser));
    uint64_t problems = 0;
    std::vector<InputDocument> batch;
    auto flush = [&] {
      std::vector<extract::DocumentExtraction> results(batch.size());
      ParallelFor(batch.size(), f->threads, [&](size_t i) {
        results[i] = extractor->ExtractDocument(
            batch[i].text, entities::ParseDocumentDate(batch[i].date), batch[i].headline_bytes);
      });
      for (size_t i = 0; i < batch.size(); ++i) {
        for (const std::string& line :
             pipeline::ExtractionJson(batch[i].name, batch[i].text, results[i])) {
          std::cout << line << '\n';
        }
      }
      std::cout.flush();
      batch.clear();
    };
    f->read.quiet = ctx.quiet;
    ForEachDocument(f->paths, f->read, &problems, [&](InputDocument d) {
      batch.push_back(std::move(d));
      if (batch.size() >= 4 * f->threads) flush();
    });
    flush();
    if (problems > 0) ctx.exit_code = static_cast<int>(ExitCode::kInput);
  });
}

void SetupEval(CLI::App& app, Context& ctx) {
  struct Flags {
    std::string sentences = "../shared/data/carb/dev-sentences.txt";
    std::string gold = "../shared/data/carb/dev-gold.tsv";
    std::string match = "carb";
    std::string out;
    unsigned threads = DefaultThreads();
    size_t limit = 0;
    std::string parser = "ud";
  };
  auto f = std::make_shared<Flags>();
  CLI::App* carb = app.add_subcommand("carb", "Score extraction on the CaRB Open IE benchmark");
  app.require_subcommand(1);
  AddEvalConll(app, ctx);
  AddEvalGap(app, ctx);
  AddEvalUdCommand(app, ctx);
  carb->add_option("--sentences", f->sentences, "One sentence a line");
  carb->add_option("--gold", f->gold, "CaRB gold tuples (sentence, relation, args, tab-separated)");
  carb->add_option("--out", f->out, "Write weft's tuples in CaRB's format here");
  carb->add_option("--threads,-j", f->threads, "Extraction threads")->check(CLI::Range(1u, 256u));
  carb->add_option("--limit", f->limit, "Use only the first N sentences");
  AddParserOption(*carb, &f->parser);
  carb->add_option("--match", f->match,
                   "carb: CaRB's own matcher, as its published scores use; strict: content "
                   "words, every argument position, relation and first two arguments required")
      ->check(CLI::IsMember({"carb", "strict"}));
  carb->footer(
      "Example:\n  weft eval carb --sentences ../shared/data/carb/dev-sentences.txt \\\n"
      "                --gold ../shared/data/carb/dev-gold.tsv --out carb-dev.tsv");
  carb->callback([f, &ctx] {
    std::ifstream in(f->sentences);
    if (!in) throw InputError(f->sentences, 0, "cannot open");
    std::vector<std::string> sentences;
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!TrimView(line).empty()) sentences.push_back(line);
      if (f->limit && sentences.size() >= f->limit) break;
    }
    eval::OpenIeSet gold = eval::ReadCarbGold(f->gold);
    std::unique_ptr<extract::Extractor> extractor =
        extract::Extractor::Create(ExtractorOptionsOf(f->parser));
    std::vector<std::vector<extract::Extraction>> found(sentences.size());
    auto start = std::chrono::steady_clock::now();
    ParallelFor(sentences.size(), f->threads,
                [&](size_t i) { found[i] = extractor->ExtractSentence(sentences[i]); });
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    eval::OpenIeSet predicted;
    std::ofstream out;
    if (!f->out.empty()) {
      out.open(f->out);
      if (!out) throw InputError(f->out, 0, "cannot write");
    }
    // Keyed as CaRB matches sentences to the gold file (without spaces and punctuation); a
    // sentence listed twice is scored once.
    for (size_t i = 0; i < sentences.size(); ++i) {
      std::string key = eval::CarbSentenceKey(sentences[i]);
      if (predicted.count(key)) continue;
      auto& list = predicted[key];
      for (const extract::Extraction& x : found[i]) {
        if (x.use == extract::Extraction::Use::kGraph) continue;
        list.push_back({x.relation, x.arguments, x.record.evidence.confidence});
        if (out) {
          out << sentences[i] << '\t' << fmt::format("{:.3f}", x.record.evidence.confidence) << '\t'
              << x.relation;
          for (const std::string& a : x.arguments) out << '\t' << a;
          out << '\n';
        }
      }
    }
    // Score only the sentences that were run.
    eval::OpenIeSet gold_used;
    for (auto& [s, tuples] : gold) {
      std::string key = eval::CarbSentenceKey(s);
      if (!predicted.count(key)) continue;
      auto& list = gold_used[key];
      list.insert(list.end(), tuples.begin(), tuples.end());
    }
    eval::CarbScore score =
        eval::ScoreCarb(gold_used, predicted,
                        f->match == "strict" ? eval::CarbMatch::kStrict : eval::CarbMatch::kCarb);
    if (ctx.format == "json") {
      nlohmann::json j = {{"sentences", sentences.size()},
                          {"gold_tuples", score.gold},
                          {"predicted_tuples", score.predicted},
                          {"precision", score.precision},
                          {"recall", score.recall},
                          {"f1", score.f1},
                          {"auc", score.auc},
                          {"threshold", score.threshold},
                          {"match", f->match},
                          {"seconds", secs},
                          {"threads", f->threads},
                          {"sentences_per_second", static_cast<double>(sentences.size()) / secs}};
      std::cout << j.dump(2) << '\n';
      return;
    }
    std::cout << fmt::format(
        "CaRB ({} match) on {} sentences ({} gold tuples, {} predicted)\n"
        "  precision {:.3f}  recall {:.3f}  F1 {:.3f}  AUC {:.3f}  (best threshold {:.2f})\n"
        "  {:.1f} sentences/s on {} threads ({:.2f} s)\n",
        f->match, sentences.size(), score.gold, score.predicted, score.precision, score.recall,
        score.f1, score.auc, score.threshold, static_cast<double>(sentences.size()) / secs,
        f->threads, secs);
  });
  carb->add_option("--format", ctx.format, "table or json");
}

}  // namespace weft::cli
