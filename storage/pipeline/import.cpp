#include "storage/pipeline/import.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "graph/base/text.h"
#include "graph/extract/extractor.h"
#include "graph/import/triple_reader.h"
#include "storage/pipeline/documents.h"
#include "storage/record_block.h"

namespace weft::pipeline {

namespace {

// Hands bad lines to the caller, or (strict) keeps the first to throw.
class BadLines {
 public:
  BadLines(std::string file, const ImportOptions& options)
      : options_(options), file_(std::move(file)) {}

  void Report(uint64_t line, const std::string& reason) {
    ++count_;
    if (options_.strict) {
      if (!first_error_) first_error_ = InputError(file_, line, reason);
      return;
    }
    if (options_.bad_line) options_.bad_line(InputError(file_, line, reason));
  }
  bool Stop() const { return options_.strict && count_ > 0; }

  uint64_t count() const { return count_; }
  const std::optional<InputError>& first_error() const { return first_error_; }

 private:
  const ImportOptions& options_;
  std::string file_;
  uint64_t count_ = 0;
  std::optional<InputError> first_error_;
};

// What the reading thread hands over: a block of records, the sentence texts they carried,
// the lines it could not read, and how far into the input it is.
struct ReadBatch {
  storage::RecordBlock records;
  std::vector<std::pair<uint32_t, std::string>> sentences;  // (sentence index, text)
  std::vector<std::pair<uint64_t, std::string>> bad_lines;  // (line, reason)
  uint64_t bytes = 0;
};

// Feeds what is read to the document writer.
class ImportSink {
 public:
  // `file_bytes`: the input's size when known (0: not known).
  ImportSink(std::string file, storage::DocumentWriter* writer, const ImportOptions& options,
             uint64_t file_bytes)
      : bad_lines_(std::move(file), options),
        options_(options),
        writer_(writer),
        file_bytes_(file_bytes) {}

  // Returns false when the import stops (--strict after a bad line).
  bool Take(const ReadBatch& batch) {
    for (const auto& [line, reason] : batch.bad_lines) bad_lines_.Report(line, reason);
    if (bad_lines_.Stop()) return false;
    for (const auto& [index, text] : batch.sentences) writer_->AddSentence(index, text);
    writer_->Add(batch.records);
    records_ += batch.records.size();
    if (batch.bytes > 0) Progress(batch.bytes);
    return true;
  }

  uint64_t records() const { return records_; }
  const BadLines& bad_lines() const { return bad_lines_; }

 private:
  static constexpr uint64_t kRecordsToEstimate = 4096;

  void Progress(uint64_t bytes) {
    // Once the first lines tell the bytes per record, the rest of the file's records are
    // estimated (a little over) for the writer to size its arrays once.
    if (!expected_ && file_bytes_ > bytes && records_ >= kRecordsToEstimate) {
      expected_ = true;
      const double per_byte = static_cast<double>(records_) / static_cast<double>(bytes);
      writer_->ExpectRecords(
          static_cast<uint64_t>(per_byte * static_cast<double>(file_bytes_ - bytes) * 1.02));
    }
    if (options_.progress) options_.progress(bytes, records_);
  }

  BadLines bad_lines_;
  const ImportOptions& options_;
  storage::DocumentWriter* writer_;
  uint64_t file_bytes_;
  uint64_t records_ = 0;
  bool expected_ = false;
};

// Reads in a thread of its own, packing the records into blocks (terms hashed, texts copied
// once), and hands the blocks in order to the sink on the calling thread: reading the next lines
// overlaps storing the last ones. The reading thread stops when the sink asks to, when the
// store fails, or at the end of the input.
class ReadAhead : public import::RecordSink {
 public:
  // Reads `in` in `format` and delivers everything to `sink`. Rethrows what either side threw.
  static void Run(std::istream& in, import::Format format, ImportSink& sink, bool strict) {
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
      while (std::optional<ReadBatch> batch = reader.Take()) {
        if (!sink.Take(*batch)) {
          reader.Cancel();
          break;
        }
      }
    } catch (...) {
      reader.Cancel();
      thread.join();
      throw;
    }
    thread.join();
    if (read_failure) std::rethrow_exception(read_failure);
  }

  void OnRecord(const StatementRecord& record, std::string_view sentence_text) override {
    filling_.records.Add(record);
    if (!sentence_text.empty()) {
      filling_.sentences.emplace_back(record.evidence.sentence, sentence_text);
    }
    if (filling_.records.size() >= kBatchRecords) Flush();
  }
  void OnBadLine(uint64_t line, const std::string& reason) override {
    filling_.bad_lines.emplace_back(line, reason);
    saw_bad_line_ = true;
  }
  bool ShouldStop() const override {
    return cancelled_.load(std::memory_order_relaxed) || (strict_ && saw_bad_line_);
  }
  void OnProgress(uint64_t bytes) override { filling_.bytes = bytes; }

 private:
  static constexpr size_t kBatchRecords = 4096;
  static constexpr size_t kMaxBatches = 16;

  explicit ReadAhead(bool strict) : strict_(strict) {}

  void Flush() {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return cancelled_ || queue_.size() < kMaxBatches; });
    if (cancelled_) return;
    queue_.push_back(std::move(filling_));
    filling_ = ReadBatch();
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
  std::optional<ReadBatch> Take() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty()) return std::nullopt;
    ReadBatch batch = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return batch;
  }

  const bool strict_;
  bool saw_bad_line_ = false;  // reading thread only
  ReadBatch filling_;          // reading thread only
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<ReadBatch> queue_;
  bool closed_ = false;
  std::atomic<bool> cancelled_{false};  // read by the reading thread on every line
};

// Stores extraction records document by document, as ingest stores the same documents.
class ExtractionSink : public import::RecordSink {
 public:
  ExtractionSink(std::string file, storage::Store* store, const ImportOptions& options)
      : bad_lines_(std::move(file), options), options_(options), store_(store) {}

  void OnBadLine(uint64_t line, const std::string& reason) override {
    bad_lines_.Report(line, reason);
  }
  bool ShouldStop() const override { return bad_lines_.Stop(); }

  void OnDocument(const import::DocumentHeader& header) override {
    Finish();
    header_ = header;
    open_ = true;
  }
  void OnRecord(const StatementRecord& record, std::string_view sentence_text) override {
    if (!open_) {
      OnBadLine(0, "a statement before any document header");
      return;
    }
    extract::Extraction x;
    x.record = record;
    doc_.statements.push_back(std::move(x));
    if (!sentence_text.empty()) sentences_.emplace(record.evidence.sentence, sentence_text);
  }
  void OnEntity(const import::EntityRecord& e) override {
    doc_.entities.push_back({e.name, e.type, e.aliases});
  }
  void OnProgress(uint64_t bytes) override {
    if (options_.progress) options_.progress(bytes, records_);
  }

  // Stores the document read last, if any.
  void Finish() {
    if (!open_) return;
    open_ = false;
    if (store_ != nullptr) {
      header_.name = StoredDocumentName(*store_, header_.name);
      extract::ScopeKinds(header_.name, &doc_);
      std::unique_ptr<storage::DocumentWriter> writer =
          store_->BeginDocument(header_.name, header_.hash);
      if (writer->status() == storage::DocumentStatus::kUnchanged) {
        ++unchanged_;
      } else {
        for (const auto& [index, text] : sentences_) writer->AddSentence(index, text);
        for (const extract::Extraction& x : doc_.statements) writer->Add(x.record);
        for (const extract::EntityInfo& e : doc_.entities)
          writer->SetEntity(e.name, e.type, e.aliases);
        writer->Commit();
        ++documents_;
        records_ += doc_.statements.size();
      }
    }
    doc_ = extract::DocumentExtraction();
    sentences_.clear();
  }

  uint64_t records() const { return records_; }
  uint64_t documents() const { return documents_; }
  uint64_t unchanged() const { return unchanged_; }
  const BadLines& bad_lines() const { return bad_lines_; }

 private:
  BadLines bad_lines_;
  const ImportOptions& options_;
  storage::Store* store_;  // nullptr: only check the records
  import::DocumentHeader header_;
  bool open_ = false;
  extract::DocumentExtraction doc_;
  std::map<uint32_t, std::string> sentences_;
  uint64_t records_ = 0, documents_ = 0, unchanged_ = 0;
};

// Whether a JSON Lines file holds extraction records: its first record is a document header.
bool OpensWithDocumentHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view v = TrimView(line);
    if (v.empty() || v.starts_with('#')) continue;
    if (v.size() > kMaxLineBytes) return false;
    nlohmann::json j = nlohmann::json::parse(v, nullptr, /*allow_exceptions=*/false);
    // A header is known by its "document" alone: one without its "hash" is then an error that
    // says so, not a file of plain statements whose first line lacks a subject.
    return j.is_object() && j.contains("document") && !j.contains("subject");
  }
  return false;
}

ImportResult ImportExtractions(storage::Store& store, const std::string& read_path,
                               const std::string& shown, const ImportOptions& options,
                               ImportResult result) {
  result.extraction = true;
  result.document.clear();
  auto read = [&](ExtractionSink& sink) {
    std::ifstream in(read_path, std::ios::binary);
    if (!in) throw InputError(shown, 0, std::string("cannot open: ") + std::strerror(errno));
    try {
      import::ReadRecords(in, import::Format::kJsonl, sink);
    } catch (const weft::Error&) {
      throw;
    } catch (const std::exception& e) {
      throw InputError(shown, 0, e.what());
    }
    if (const auto& error = sink.bad_lines().first_error()) {
      throw InputError(error->file(), error->line(),
                       error->reason() + " (--strict: nothing from this file was kept)");
    }
  };
  if (options.strict) {
    ExtractionSink check(shown, nullptr, options);
    read(check);
  }
  ExtractionSink sink(shown, &store, options);
  read(sink);
  sink.Finish();
  result.records = sink.records();
  result.bad_lines = sink.bad_lines().count();
  result.documents = sink.documents();
  result.unchanged_documents = sink.unchanged();
  if (result.documents == 0 && result.unchanged_documents > 0)
    result.status = ImportResult::Status::kUnchanged;
  return result;
}

// The hash of the first `limit` bytes of the file: the bytes the import reads, however the file
// grows meanwhile.
std::string HashFile(const std::string& path, uint64_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  storage::ContentHasher hasher;
  std::vector<char> buf(1 << 20);
  while (in && limit > 0) {
    in.read(buf.data(), static_cast<std::streamsize>(std::min<uint64_t>(buf.size(), limit)));
    const auto n = static_cast<size_t>(in.gcount());
    hasher.Update(std::string_view(buf.data(), n));
    limit -= n;
  }
  if (in.bad()) throw InputError(path, 0, "read error");
  return hasher.Finish();
}

// A file read up to a fixed length: a file still being written is read as far as it was when
// the import began, and its hash covers exactly those bytes.
class BoundedFileBuf : public std::streambuf {
 public:
  BoundedFileBuf(std::filebuf* file, uint64_t limit) : file_(file), left_(limit) {}

 protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    const auto want = static_cast<std::streamsize>(std::min<uint64_t>(buf_.size(), left_));
    const std::streamsize n = file_->sgetn(buf_.data(), want);
    if (n <= 0) return traits_type::eof();
    left_ -= static_cast<uint64_t>(n);
    setg(buf_.data(), buf_.data(), buf_.data() + n);
    return traits_type::to_int_type(buf_[0]);
  }

 private:
  std::filebuf* file_;
  uint64_t left_;
  std::array<char, 1 << 16> buf_{};
};

}  // namespace

ImportResult ImportFile(storage::Store& store, const std::string& file,
                        const ImportOptions& options) {
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
  ImportResult result;
  std::string hash;
  // Standard input is read to a temporary file first: its name and "unchanged" are decided by
  // its content, so different content is never skipped and never replaces another pipe's.
  std::unique_ptr<SpooledInput> spooled;
  std::string read_path = file;
  if (is_stdin) {
    CheckStdinName(options.name);
    spooled = SpooledInput::FromStdin();
    result.document = StdinDocumentName(options.name, spooled->hash());
    hash = spooled->hash();
    result.bytes = spooled->size();
    read_path = spooled->path();
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw InputError(file, 0, "is a directory");
    if (!std::filesystem::exists(file, ec)) {
      throw InputError(file, 0, "no such file or directory");
    }
    result.document =
        options.name.empty() ? StoredDocumentName(store, DocumentNameOf(file)) : options.name;
    result.bytes = std::filesystem::file_size(file, ec);
  }

  // Extraction records name their documents and hashes themselves: no hash of the whole file.
  if (format == import::Format::kJsonl && OpensWithDocumentHeader(read_path)) {
    return ImportExtractions(store, read_path, is_stdin ? "stdin" : file, options, result);
  }
  // A document the store does not hold cannot be unchanged: its hash is computed beside the
  // reading instead of before it, and given to the writer at the end.
  std::future<std::string> later_hash;
  const uint64_t length = result.bytes;
  if (!is_stdin) {
    if (store.FindDocument(result.document)) {
      hash = HashFile(file, length);
    } else {
      later_hash = std::async(std::launch::async, HashFile, file, length);
    }
  }
  // A new document is loaded in one step (sorted table files added atomically).
  storage::DocumentOptions document_options;
  document_options.bulk = true;
  std::unique_ptr<storage::DocumentWriter> writer =
      store.BeginDocument(result.document, hash, document_options);
  if (writer->status() == storage::DocumentStatus::kUnchanged) {
    result.status = ImportResult::Status::kUnchanged;
    return result;
  }
  const std::string shown = is_stdin ? "stdin" : file;
  std::ifstream file_in(read_path, std::ios::binary);
  if (!file_in) throw InputError(shown, 0, std::string("cannot open: ") + std::strerror(errno));
  BoundedFileBuf bounded(file_in.rdbuf(), length);
  std::istream in(&bounded);
  ImportSink sink(shown, writer.get(), options, result.bytes);
  try {
    ReadAhead::Run(in, format, sink, options.strict);
  } catch (const weft::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(shown, 0, e.what());
  }
  if (const auto& error = sink.bad_lines().first_error()) {
    writer->Abort();
    throw InputError(error->file(), error->line(),
                     error->reason() + " (--strict: nothing from this file was kept)");
  }
  if (later_hash.valid()) writer->SetContentHash(later_hash.get());
  writer->Commit();
  result.status = writer->status() == storage::DocumentStatus::kReplaced
                      ? ImportResult::Status::kReplaced
                      : ImportResult::Status::kImported;
  result.records = sink.records();
  result.bad_lines = sink.bad_lines().count();
  return result;
}

}  // namespace weft::pipeline
