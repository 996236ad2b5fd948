// weft import: streams pre-extracted statements into the store, one document per file.
#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "cli/progress.h"
#include "graph/error.h"
#include "graph/import/triple_reader.h"
#include "storage/pipeline/documents.h"

namespace weft::cli {
namespace {

constexpr uint64_t kMaxReportedLines = 20;

struct ImportOptions {
  std::vector<std::string> files;
  std::string format;
  std::string name;
  bool strict = false;
};

// Feeds records to the document writer and reports bad lines as FILE:LINE: reason.
class ImportSink : public import::RecordSink {
 public:
  ImportSink(std::string file, storage::DocumentWriter* writer, bool strict, Progress* progress)
      : file_(std::move(file)), writer_(writer), strict_(strict), progress_(progress) {}

  void OnRecord(const StatementRecord& record, std::string_view sentence_text) override {
    if (!sentence_text.empty()) writer_->AddSentence(record.evidence.sentence, sentence_text);
    writer_->Add(record);
    ++records_;
  }
  void OnBadLine(uint64_t line, const std::string& reason) override {
    ++bad_lines_;
    if (strict_) {
      if (!first_error_) first_error_ = InputError(file_, line, reason);
      return;
    }
    if (bad_lines_ <= kMaxReportedLines) {
      std::fprintf(stderr, "%s\n", InputError(file_, line, reason).what());
    }
  }
  bool ShouldStop() const override { return strict_ && bad_lines_ > 0; }
  void OnProgress(uint64_t bytes) override { progress_->Update(bytes, records_); }

  uint64_t records() const { return records_; }
  uint64_t bad_lines() const { return bad_lines_; }
  const std::optional<InputError>& first_error() const { return first_error_; }

 private:
  std::string file_;
  storage::DocumentWriter* writer_;
  bool strict_;
  Progress* progress_;
  uint64_t records_ = 0;
  uint64_t bad_lines_ = 0;
  std::optional<InputError> first_error_;
};

// Reads in a thread of its own and hands what it reads, in order, to a sink on the calling
// thread: parsing the next lines overlaps storing the last ones. The reading thread stops when
// the sink asks to, when the store fails, or at the end of the input.
class ReadAhead : public import::RecordSink {
 public:
  // Reads `in` in `format` and delivers everything to `sink`. Rethrows what either side threw.
  static void Run(std::istream& in, import::Format format, import::RecordSink& sink, bool strict) {
    ReadAhead reader(strict);
    std::exception_ptr read_failure;
    std::thread thread([&] {
      try {
        import::ReadRecords(in, format, reader);
        reader.Flush();
      } catch (...) {
        read_failure = std::current_exception();
      }
      reader.Close();
    });
    try {
      while (std::optional<Batch> batch = reader.Take()) reader.Deliver(*batch, sink);
    } catch (...) {
      reader.Cancel();
      thread.join();
      throw;
    }
    thread.join();
    if (read_failure) std::rethrow_exception(read_failure);
  }

  void OnRecord(const StatementRecord& record, std::string_view sentence_text) override {
    filling_.records.push_back(record);
    filling_.sentences.emplace_back(sentence_text);
    if (filling_.records.size() >= kBatchRecords) Flush();
  }
  void OnBadLine(uint64_t line, const std::string& reason) override {
    filling_.bad_lines.push_back({filling_.records.size(), line, reason});
    saw_bad_line_ = true;
  }
  bool ShouldStop() const override {
    return cancelled_.load(std::memory_order_relaxed) || (strict_ && saw_bad_line_);
  }
  void OnProgress(uint64_t bytes) override { filling_.bytes = bytes; }

 private:
  static constexpr size_t kBatchRecords = 4096;
  static constexpr size_t kMaxBatches = 16;

  struct BadLine {
    size_t before;  // records of the batch read before it
    uint64_t line;
    std::string reason;
  };
  struct Batch {
    std::vector<StatementRecord> records;
    std::vector<std::string> sentences;
    std::vector<BadLine> bad_lines;
    uint64_t bytes = 0;
  };

  explicit ReadAhead(bool strict) : strict_(strict) {}

  void Flush() {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return cancelled_ || queue_.size() < kMaxBatches; });
    if (cancelled_) return;
    queue_.push_back(std::move(filling_));
    filling_ = Batch();
    filling_.records.reserve(kBatchRecords);
    ready_.notify_one();
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    ready_.notify_one();
  }
  void Cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    room_.notify_all();
  }
  std::optional<Batch> Take() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty()) return std::nullopt;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return batch;
  }
  void Deliver(const Batch& batch, import::RecordSink& sink) {
    size_t bad = 0;
    for (size_t i = 0; i <= batch.records.size(); ++i) {
      for (; bad < batch.bad_lines.size() && batch.bad_lines[bad].before == i; ++bad) {
        sink.OnBadLine(batch.bad_lines[bad].line, batch.bad_lines[bad].reason);
      }
      if (sink.ShouldStop()) {
        Cancel();
        return;
      }
      if (i < batch.records.size()) sink.OnRecord(batch.records[i], batch.sentences[i]);
    }
    if (batch.bytes > 0) sink.OnProgress(batch.bytes);
  }

  const bool strict_;
  bool saw_bad_line_ = false;  // reading thread only
  Batch filling_;              // reading thread only
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;
  bool closed_ = false;
  std::atomic<bool> cancelled_{false};  // read by the reading thread on every line
};

std::string HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  storage::ContentHasher hasher;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    hasher.Update(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) throw InputError(path, 0, "read error");
  return hasher.Finish();
}

// Imports one file (or stdin for "-"). Returns the number of bad lines.
uint64_t ImportOne(storage::Store& store, const std::string& file, const ImportOptions& options,
                   const Context& ctx) {
  import::Format format;
  if (!options.format.empty()) {
    auto f = import::ParseFormatName(options.format);
    if (!f) throw UsageError("unknown --format '" + options.format + "' (tsv, jsonl, nt)");
    format = *f;
  } else if (auto f = import::FormatFromPath(file)) {
    format = *f;
  } else {
    throw UsageError("cannot tell the format of '" + file +
                     "' from its name; pass --format tsv|jsonl|nt");
  }

  const bool is_stdin = file == "-";
  std::string doc_name;
  std::string hash;
  uint64_t size = 0;
  // Standard input is read to a temporary file first: its name and "unchanged" are decided by
  // its content, so different content is never skipped and never replaces another pipe's.
  std::unique_ptr<SpooledInput> spooled;
  std::string read_path = file;
  if (is_stdin) {
    CheckStdinName(options.name);
    spooled = SpooledInput::FromStdin();
    doc_name = StdinDocumentName(options.name, spooled->hash());
    hash = spooled->hash();
    size = spooled->size();
    read_path = spooled->path();
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw InputError(file, 0, "is a directory");
    doc_name =
        options.name.empty() ? std::filesystem::weakly_canonical(file, ec).string() : options.name;
    if (doc_name.empty()) doc_name = file;
    hash = HashFile(file);
    size = std::filesystem::file_size(file, ec);
  }

  auto start = std::chrono::steady_clock::now();
  // Into an empty store, the file is loaded in one step (sorted table files added atomically).
  storage::DocumentOptions document_options;
  document_options.bulk = true;
  std::unique_ptr<storage::DocumentWriter> writer =
      store.BeginDocument(doc_name, hash, document_options);
  if (writer->status() == storage::DocumentStatus::kUnchanged) {
    if (!ctx.quiet) {
      std::fprintf(stderr, "%s: unchanged since it was imported as %s; skipped\n",
                   is_stdin ? "stdin" : file.c_str(), doc_name.c_str());
    }
    return 0;
  }
  const std::string shown = is_stdin ? "stdin" : file;
  std::ifstream in_file(read_path, std::ios::binary);
  if (!in_file) throw InputError(shown, 0, std::string("cannot open: ") + std::strerror(errno));
  std::istream* in = &in_file;
  Progress progress(shown, size, ctx.quiet);
  ImportSink sink(shown, writer.get(), options.strict, &progress);
  try {
    ReadAhead::Run(*in, format, sink, options.strict);
  } catch (const weft::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(shown, 0, e.what());
  }
  progress.Finish();
  if (sink.first_error()) {
    writer->Abort();
    throw InputError(sink.first_error()->file(), sink.first_error()->line(),
                     sink.first_error()->reason() + " (--strict: nothing from this file was kept)");
  }
  writer->Commit();
  if (!ctx.quiet) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string bad;
    if (sink.bad_lines() > kMaxReportedLines) {
      bad = fmt::format(", {} bad lines ({} not shown)", sink.bad_lines(),
                        sink.bad_lines() - kMaxReportedLines);
    } else if (sink.bad_lines() > 0) {
      bad = fmt::format(", {} bad lines", sink.bad_lines());
    }
    std::fprintf(
        stderr, "%s: %s %llu statements%s in %.2f s (%s/s)\n",
        is_stdin ? ("stdin as " + doc_name).c_str() : file.c_str(),
        writer->status() == storage::DocumentStatus::kReplaced ? "replaced with" : "imported",
        static_cast<unsigned long long>(sink.records()), bad.c_str(), secs,
        HumanCount(secs > 0 ? static_cast<double>(sink.records()) / secs : 0).c_str());
  }
  return sink.bad_lines();
}

}  // namespace

void SetupImport(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ImportOptions>();
  app.add_option("files", options->files, "Files to import ('-' reads standard input)")->required();
  app.add_option("--format", options->format, "tsv, jsonl or nt (default: from the extension)");
  app.add_option("--name", options->name,
                 "Document name (default: the file's absolute path; for '-', 'stdin:' and the "
                 "content hash)");
  app.add_flag("--strict", options->strict,
               "Reject a file with any bad line, keeping nothing from it");
  app.footer(R"(Formats:
  TSV      subject<TAB>predicate<TAB>object[<TAB>role=value ...][<TAB>confidence=0.9]
  JSONL    {"subject":"Microsoft","predicate":"relocate","object":"staff",
            "qualifiers":{"to":"Ireland"},"source":"the sentence","confidence":0.8}
  N-Triples (parsed by raptor2)
Each file is one document: importing it again unchanged does nothing, and a changed file
replaces what it contributed before. Bad lines are reported as FILE:LINE: reason; the good
lines still land and the exit code is 3. The first file into an empty store is loaded in one
step, as sorted table files added atomically (several times faster; docs/storage.md).

Examples:
  weft import triples.tsv
  weft import --format jsonl - < statements.jsonl
  weft import --strict dump.nt)");
  app.callback([options, &ctx] {
    if (!options->name.empty() && options->files.size() > 1) {
      throw UsageError("--name names one document; give one file or '-'");
    }
    // Inputs that cannot be read are named before the store is opened (or created).
    for (const std::string& file : options->files) {
      if (std::error_code ec; file != "-" && std::filesystem::is_directory(file, ec)) {
        throw InputError(file, 0, "is a directory; give the files in it (weft import DIR/*.tsv)");
      }
    }
    std::unique_ptr<storage::Store> store = ctx.OpenForWrite();
    uint64_t bad = 0;
    // As ingest does: a missing file is reported and the others are imported; exit 3.
    for (const std::string& file : options->files) {
      if (std::error_code ec; file != "-" && !std::filesystem::exists(file, ec)) {
        std::fprintf(stderr, "%s\n", InputError(file, 0, "no such file or directory").what());
        ++bad;
        continue;
      }
      bad += ImportOne(*store, file, *options, ctx);
    }
    if (bad > 0) ctx.exit_code = static_cast<int>(ExitCode::kInput);
  });
}

}  // namespace weft::cli
