// weft check: verifies a store's integrity, and with --repair rebuilds what derives from the
// statements.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/progress.h"
#include "graph/base/error.h"
#include "storage/loader.h"

namespace weft::cli {

void SetupCheck(CLI::App& app, Context& ctx) {
  auto repair = std::make_shared<bool>(false);
  app.add_flag("--repair", *repair,
               "Rebuild content keys, memberships and counters from the statements");
  app.footer(
      "Checks that every statement has its content key and every content key its statement,\n"
      "every id is in the dictionary, every source's document is complete and lists the\n"
      "statement, the counters are right, and that the snapshot file with the changes logged\n"
      "since it gives the graph the statements give. Exits 1 when it finds a problem (after\n"
      "--repair: when one remains).\n\n"
      "Examples:\n  weft check\n  weft check --repair");
  app.callback([repair, &ctx] {
    // A writer open first finishes or rolls back documents a crash left half-written, as any
    // writer would; when another process is writing, the check reads a snapshot instead.
    // A check never creates a store: a missing one is an error, whatever the flags.
    std::unique_ptr<storage::Store> store;
    try {
      store = ctx.OpenForWrite(/*create=*/false);
    } catch (const StorageError& e) {
      std::string why = e.what();
      if (why.starts_with("no weft store")) throw;
      const bool in_use = why.find("in use") != std::string::npos;
      if (*repair) {
        if (in_use) throw;
        throw StorageError("--repair needs write access to the store at '" + ctx.db_path +
                           "': " + why);
      }
      store = ctx.OpenForRead();
      if (!ctx.quiet) {
        std::fprintf(stderr, "note: %s; checking it read-only\n",
                     in_use ? "the store is in use" : "the store cannot be opened for writing");
      }
    }
    // On a terminal, a line per step: "check: indexes [####......] 42% 4.2M/10.0M statements".
    Progress progress("check", 0, ctx.quiet);
    std::string step;
    auto report = [&](std::string_view now, uint64_t done, uint64_t total) {
      if (now != step) {
        step = now;
        const bool terms = step == "dictionary";
        progress.Restart("check: " + step, total, terms ? "terms" : "statements");
      }
      progress.Update(done, done);
    };
    storage::Store::CheckReport r = store->Check(*repair, report);
    report("snapshot", 0, 0);
    // The snapshot file and the change log: the graph a load would give equals a build.
    std::vector<std::string> snapshot_problems = storage::CheckSnapshot(*store, *repair);
    progress.Finish();
    for (std::string& p : snapshot_problems) {
      r.problems.push_back(std::move(p));
      r.repaired = r.repaired || *repair;
    }
    for (const std::string& p : r.problems) std::fprintf(stderr, "problem: %s\n", p.c_str());
    if (r.repaired) {
      storage::Store::CheckReport again = store->Check(false);
      for (std::string& p : storage::CheckSnapshot(*store, false)) {
        again.problems.push_back(std::move(p));
      }
      for (const std::string& p : again.problems) std::fprintf(stderr, "still: %s\n", p.c_str());
      if (!ctx.quiet) {
        std::printf("repaired %zu problems; %zu remain\n", r.problems.size(),
                    again.problems.size());
      }
      if (!again.problems.empty()) ctx.exit_code = 1;
      return;
    }
    if (!ctx.quiet) {
      std::printf(
          "%s: %llu statements, %llu content keys, %llu terms, %llu documents: %s\n",
          store->path().c_str(), static_cast<unsigned long long>(r.statements),
          static_cast<unsigned long long>(r.content_keys), static_cast<unsigned long long>(r.terms),
          static_cast<unsigned long long>(r.documents),
          r.problems.empty() ? "ok" : fmt::format("{} problems", r.problems.size()).c_str());
    }
    if (!r.problems.empty()) ctx.exit_code = 1;
  });
}

}  // namespace weft::cli
