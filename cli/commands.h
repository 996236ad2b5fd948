// The subcommand table: each entry adds one subcommand, its flags and its action to the app.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "storage/pipeline/documents.h"

namespace weft::cli {

using pipeline::CheckStdinName;
using pipeline::ForEachDocument;
using pipeline::InputDocument;
using pipeline::ReadOptions;
using pipeline::SpooledInput;
using pipeline::StdinDocumentName;

struct Command {
  const char* name;
  const char* summary;
  // Adds the subcommand's options to `app` and sets its callback, which may throw weft::Error.
  void (*setup)(CLI::App& app, Context& ctx);
};

void SetupImport(CLI::App& app, Context& ctx);
void SetupStats(CLI::App& app, Context& ctx);
void SetupQuery(CLI::App& app, Context& ctx);
void SetupIngest(CLI::App& app, Context& ctx);
void SetupExtract(CLI::App& app, Context& ctx);
void SetupEval(CLI::App& app, Context& ctx);
// Adds 'eval conll' to the eval subcommand.
void AddEvalConll(CLI::App& eval, Context& ctx);
// Adds 'eval gap' to the eval subcommand.
void AddEvalGap(CLI::App& eval, Context& ctx);
void AddTrainCoref(CLI::App& train, Context& ctx);
// Adds 'train parser' and 'eval ud' (the syntax model's training and scoring).
void AddTrainParser(CLI::App& train, Context& ctx);
void AddEvalUdCommand(CLI::App& eval, Context& ctx);
void SetupParse(CLI::App& app, Context& ctx);
void SetupRead(CLI::App& app, Context& ctx);
void SetupTrain(CLI::App& app, Context& ctx);
// --name and --format for a command that reads documents from standard input.
void AddStdinOptions(CLI::App& app, ReadOptions& read);
void SetupEntities(CLI::App& app, Context& ctx);
void SetupExport(CLI::App& app, Context& ctx);
void SetupRepl(CLI::App& app, Context& ctx);
void SetupServe(CLI::App& app, Context& ctx);
void SetupCheck(CLI::App& app, Context& ctx);
void SetupPathCommand(CLI::App& app, Context& ctx);
void SetupNeighborsCommand(CLI::App& app, Context& ctx);
void SetupRankCommand(CLI::App& app, Context& ctx);
void SetupComponentsCommand(CLI::App& app, Context& ctx);
void SetupMerge(CLI::App& app, Context& ctx);
void SetupSplit(CLI::App& app, Context& ctx);
void SetupEntity(CLI::App& app, Context& ctx);
void SetupDocuments(CLI::App& app, Context& ctx);
void SetupRemove(CLI::App& app, Context& ctx);

}  // namespace weft::cli
