// The weft binary: one table of subcommands, one place that reports errors.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "graph/base/error.h"
#include "graph/snapshot/suggest.h"

namespace weft::cli {
namespace {

constexpr Command kCommands[] = {
    {"ingest", "Extract statements from English text and store them", SetupIngest},
    {"extract", "Extract statements from text to JSON Lines, without a store", SetupExtract},
    {"read", "Print the article weft reads from web pages (body, headline, date), without a store",
     SetupRead},
    {"parse", "Tag, lemmatise and parse text into UD trees (CoNLL-U), without a store", SetupParse},
    {"entities", "List the named entities and values of documents, without a store", SetupEntities},
    {"import", "Import pre-extracted statements (TSV, JSON Lines, N-Triples)", SetupImport},
    {"query", "Run a path query over the graph", SetupQuery},
    {"repl", "Query interactively, with completion and history", SetupRepl},
    {"serve", "Serve the graph over HTTP: a JSON API and an explorer page", SetupServe},
    {"export", "Write the graph as GraphML, JSON, Cytoscape, DOT, CSV or N-Triples", SetupExport},
    {"stats", "Show counts and the most used predicates", SetupStats},
    {"documents", "List the documents the store holds", SetupDocuments},
    {"remove", "Remove documents and the statements only they supported", SetupRemove},
    {"path", "Find a shortest path between two entities", SetupPathCommand},
    {"neighbors", "List the entities within k hops of one", SetupNeighborsCommand},
    {"rank", "Rank entities by PageRank, degree or betweenness", SetupRankCommand},
    {"components", "List the weakly connected components", SetupComponentsCommand},
    {"entity", "Show an entity's card: names, documents, merges, statements", SetupEntity},
    {"merge", "Make one entity an alias of another (kept across ingests)", SetupMerge},
    {"split", "Undo a merge, or keep apart a name joined by its spelling", SetupSplit},
    {"eval", "Evaluate on a benchmark (carb, conll, gap, ud)", SetupEval},
    {"train", "Train a model from annotated data (ner, coref, parser)", SetupTrain},
    {"check", "Verify the store's integrity (--repair rebuilds its indexes)", SetupCheck},
};

// The first argument that is not a global option, or "" when there is none.
std::string CommandWord(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--db") {
      ++i;
      continue;
    }
    if (a.starts_with("-")) continue;
    return std::string(a);
  }
  return "";
}

int Run(int argc, char** argv) {
  // An unknown command gets the nearest names, not CLI11's "a subcommand is required".
  if (std::string word = CommandWord(argc, argv); !word.empty()) {
    bool known = false;
    std::vector<std::pair<size_t, std::string>> near;
    for (const Command& command : kCommands) {
      if (word == command.name) known = true;
      size_t d = graph::EditDistance(word, command.name, 3);
      if (d <= 2) near.emplace_back(d, command.name);
    }
    if (!known) {
      std::sort(near.begin(), near.end());
      std::string hint;
      for (size_t i = 0; i < near.size() && i < 3; ++i) {
        hint += (i == 0 ? "; did you mean '" : ", '") + near[i].second + "'";
      }
      std::fprintf(stderr, "weft: unknown command '%s'%s (weft --help lists them)\n", word.c_str(),
                   hint.empty() ? "" : (hint + "?").c_str());
      return static_cast<int>(ExitCode::kUsage);
    }
  }
  Context ctx;
  if (const char* env = std::getenv("WEFT_DB"); env != nullptr && env[0] != '\0') {
    ctx.db_path = env;
  }
  CLI::App app{"weft: build a knowledge graph from English news text and query it", "weft"};
  app.set_version_flag("--version", std::string("weft ") + WEFT_VERSION);
  app.option_defaults()->always_capture_default();
  app.add_option("--db", ctx.db_path, "Store directory (env WEFT_DB)");
  app.add_flag("-q,--quiet", ctx.quiet, "Print results only: no progress or summaries");
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Exit codes: 0 ok, 1 'weft check' found a problem, 2 usage, 3 bad input, 4 query error\n"
      "or a name the graph does not hold, 5 storage error, 70 internal error.\n"
      "Run 'weft COMMAND --help' for a command's options and examples.");
  for (const Command& command : kCommands) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    command.setup(*sub, ctx);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  } catch (const weft::Error& e) {
    std::fprintf(stderr, "weft: %s\n", e.what());
    return static_cast<int>(e.Code());
  }
  // Output cut short (a full disk, a file-size limit, /dev/full) is a failure, never exit 0.
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    std::fprintf(stderr, "weft: standard output: write failed: %s\n", std::strerror(errno));
    return static_cast<int>(ExitCode::kStorage);
  }
  return ctx.exit_code;
}

}  // namespace
}  // namespace weft::cli

int main(int argc, char** argv) {
  // A file-size limit makes a write fail with EFBIG, reported and cleaned up like a full disk,
  // rather than kill the process with a temporary file left behind.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return weft::cli::Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "weft: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "weft: internal error: %s\n", e.what());
  }
  return static_cast<int>(weft::ExitCode::kInternal);
}
