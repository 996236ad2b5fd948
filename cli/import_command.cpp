// weft import: streams pre-extracted statements into the store, one document per file.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "cli/commands.h"
#include "cli/progress.h"
#include "graph/base/error.h"
#include "storage/pipeline/import.h"

namespace weft::cli {

namespace {

constexpr uint64_t kMaxReportedLines = 20;

struct ImportFlags {
  std::vector<std::string> files;
  pipeline::ImportOptions options;
};

// Imports one file (or stdin for "-") with a progress line and a summary. Returns the number of
// bad lines.
uint64_t ImportOne(storage::Store& store, const std::string& file, pipeline::ImportOptions options,
                   const Context& ctx) {
  const bool is_stdin = file == "-";
  const std::string shown = is_stdin ? "stdin" : file;
  std::error_code ec;
  Progress progress(shown, is_stdin ? 0 : std::filesystem::file_size(file, ec), ctx.quiet);
  uint64_t reported = 0;
  options.bad_line = [&](const InputError& e) {
    if (++reported <= kMaxReportedLines) std::fprintf(stderr, "%s\n", e.what());
  };
  options.progress = [&](uint64_t bytes, uint64_t records) { progress.Update(bytes, records); };
  auto start = std::chrono::steady_clock::now();
  pipeline::ImportResult r = pipeline::ImportFile(store, file, options);
  progress.Finish();
  if (r.extraction) {
    if (!ctx.quiet) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr,
                   "%s: extraction records: %llu documents stored with %llu statements, %llu "
                   "unchanged%s in %.2f s\n",
                   shown.c_str(), static_cast<unsigned long long>(r.documents),
                   static_cast<unsigned long long>(r.records),
                   static_cast<unsigned long long>(r.unchanged_documents),
                   r.bad_lines > 0 ? fmt::format(", {} bad lines", r.bad_lines).c_str() : "", secs);
    }
    return r.bad_lines;
  }
  if (r.status == pipeline::ImportResult::Status::kUnchanged) {
    if (!ctx.quiet) {
      std::fprintf(stderr, "%s: unchanged since it was imported as %s; skipped\n", shown.c_str(),
                   r.document.c_str());
    }
    return 0;
  }
  if (!ctx.quiet) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string bad;
    if (r.bad_lines > kMaxReportedLines) {
      bad = fmt::format(", {} bad lines ({} not shown)", r.bad_lines,
                        r.bad_lines - kMaxReportedLines);
    } else if (r.bad_lines > 0) {
      bad = fmt::format(", {} bad lines", r.bad_lines);
    }
    std::fprintf(
        stderr, "%s: %s %llu statements%s in %.2f s (%s/s)\n",
        is_stdin ? ("stdin as " + r.document).c_str() : file.c_str(),
        r.status == pipeline::ImportResult::Status::kReplaced ? "replaced with" : "imported",
        static_cast<unsigned long long>(r.records), bad.c_str(), secs,
        HumanCount(secs > 0 ? static_cast<double>(r.records) / secs : 0).c_str());
  }
  return r.bad_lines;
}

}  // namespace

void SetupImport(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<ImportFlags>();
  pipeline::ImportOptions& o = flags->options;
  app.add_option("files", flags->files, "Files to import ('-' reads standard input)")->required();
  app.add_option("--format", o.format, "tsv, jsonl or nt (default: from the extension)");
  app.add_option("--name", o.name,
                 "Document name (default: the file's path as given; for '-', 'stdin:' and the "
                 "content hash)");
  app.add_flag("--strict", o.strict, "Reject a file with any bad line, keeping nothing from it");
  app.footer(R"(Formats:
  TSV      subject<TAB>predicate<TAB>object[<TAB>role=value ...][<TAB>confidence=0.9]
  JSONL    {"subject":"Microsoft","predicate":"relocate","object":"staff",
            "qualifiers":{"to":"Ireland"},"source":"the sentence","confidence":0.8}
  N-Triples (parsed by raptor2)
Each file is one document: importing it again unchanged does nothing, and a changed file
replaces what it contributed before. Bad lines are reported as FILE:LINE: reason; the good
lines still land and the exit code is 3. A new file is loaded in one step, as sorted table
files added atomically, into an empty store or one that holds data (several times faster;
docs/storage.md); a changed file replaces its old version through the incremental path.

Examples:
  weft import triples.tsv
  weft import --format jsonl - < statements.jsonl
  weft import --strict dump.nt)");
  app.callback([flags, &ctx] {
    if (!flags->options.name.empty() && flags->files.size() > 1) {
      throw UsageError("--name names one document; give one file or '-'");
    }
    // Inputs that cannot be read are named before the store is opened (or created).
    for (const std::string& file : flags->files) {
      if (std::error_code ec; file != "-" && std::filesystem::is_directory(file, ec)) {
        throw InputError(file, 0, "is a directory; give the files in it (weft import DIR/*.tsv)");
      }
    }
    std::unique_ptr<storage::Store> store = ctx.OpenForWrite();
    uint64_t bad = 0;
    // As ingest does: a missing file is reported and the others are imported; exit 3.
    for (const std::string& file : flags->files) {
      if (std::error_code ec; file != "-" && !std::filesystem::exists(file, ec)) {
        std::fprintf(stderr, "%s\n", InputError(file, 0, "no such file or directory").what());
        ++bad;
        continue;
      }
      bad += ImportOne(*store, file, flags->options, ctx);
    }
    if (bad > 0) ctx.exit_code = static_cast<int>(ExitCode::kInput);
  });
}

}  // namespace weft::cli
