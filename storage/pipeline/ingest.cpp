#include "storage/pipeline/ingest.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "graph/base/error.h"
#include "graph/base/parallel.h"
#include "graph/base/text.h"
#include "graph/entities/values.h"
#include "graph/reading/language.h"

namespace weft::pipeline {

namespace {

// Documents extracted together: enough to keep every thread busy.
constexpr size_t kBatchPerThread = 4;

class Ingester {
 public:
  Ingester(storage::Store& store, const extract::Extractor& extractor, const IngestOptions& options)
      : store_(store), extractor_(extractor), options_(options) {}

  void Add(InputDocument d) {
    // Unchanged documents are skipped before the costly extraction.
    d.hash = storage::ContentHash(d.text);
    d.name = StoredDocumentName(store_, d.name);
    if (auto old = store_.FindDocument(d.name); old && old->content_hash == d.hash) {
      ++totals_.unchanged;
      Done(d.input_bytes);
      return;
    }
    // weft reads English: a document that is plainly in another language is counted, not
    // parsed into statements in a language its models do not know.
    if (!reading::ReadAsEnglish(d.text)) {
      ++totals_.not_english;
      Done(d.input_bytes);
      return;
    }
    // And a line in another language inside an English document (a caption, a comment box) is
    // not read; blanked in place, so the offsets of the rest stay.
    totals_.foreign_lines += reading::BlankForeignLines(&d.text);
    batch_.push_back(std::move(d));
    if (batch_.size() >= kBatchPerThread * std::max(1u, options_.threads)) Flush();
  }

  IngestTotals Finish() {
    Flush();
    return totals_;
  }

  uint64_t* problems() { return &totals_.problems; }

 private:
  void Done(uint64_t bytes) {
    bytes_done_ += bytes;
    if (options_.progress) options_.progress(bytes_done_, totals_.statements);
  }

  void Report(const InputError& problem) {
    ++totals_.problems;
    if (options_.read.report) {
      options_.read.report(problem);
    } else {
      std::fprintf(stderr, "%s\n", problem.what());
    }
  }

  void Flush() {
    std::vector<extract::DocumentExtraction> results(batch_.size());
    ParallelFor(batch_.size(), std::max(1u, options_.threads), [&](size_t i) {
      results[i] = extractor_.ExtractDocument(
          batch_[i].text, entities::ParseDocumentDate(batch_[i].date), batch_[i].headline_bytes);
    });
    for (size_t i = 0; i < batch_.size(); ++i) Store(batch_[i], &results[i]);
    batch_.clear();
  }

  void Store(const InputDocument& d, extract::DocumentExtraction* r) {
    extract::ScopeKinds(d.name, r);
    storage::DocumentOptions document;
    if (std::optional<entities::CalendarDate> date = entities::ParseDocumentDate(d.date)) {
      document.date = entities::IsoDate(*date);
    }
    auto writer = store_.BeginDocument(d.name, d.hash, document);
    if (writer->status() == storage::DocumentStatus::kUnchanged) {
      ++totals_.unchanged;
      Done(d.input_bytes);
      return;
    }
    std::set<uint32_t> used;
    for (const extract::Extraction& x : r->statements) used.insert(x.record.evidence.sentence);
    for (uint32_t s : used) {
      const extract::SentenceSpan& span = r->sentences[s];
      writer->AddSentence(s, std::string_view(d.text).substr(span.begin, span.end - span.begin));
    }
    for (const extract::Extraction& x : r->statements) writer->Add(x.record);
    for (const extract::EntityInfo& e : r->entities) writer->SetEntity(e.name, e.type, e.aliases);
    writer->Commit();
    ++totals_.documents;
    totals_.sentences += r->sentences.size();
    totals_.statements += r->statements.size();
    totals_.partial += r->partial;
    totals_.fallbacks += r->fallbacks;
    totals_.timed_out += r->timed_out;
    totals_.skipped += r->skipped;
    totals_.table_rows += r->table_rows;
    // Named like import's over-long lines: the file (or record) and the line.
    for (size_t n = 0; n < r->skipped_sentences.size(); ++n) {
      const extract::SentenceSpan& span = r->sentences[r->skipped_sentences[n]];
      const uint64_t line =
          1 + static_cast<uint64_t>(
                  std::count(d.text.begin(), d.text.begin() + static_cast<long>(span.begin), '\n'));
      Report(InputError(d.name, line,
                        fmt::format("sentence of {} bytes skipped ({})", span.end - span.begin,
                                    n < r->skipped_reasons.size() ? r->skipped_reasons[n]
                                                                  : std::string("unreadable"))));
    }
    Done(d.input_bytes);
  }

  storage::Store& store_;
  const extract::Extractor& extractor_;
  const IngestOptions& options_;
  std::vector<InputDocument> batch_;
  IngestTotals totals_;
  uint64_t bytes_done_ = 0;
};

}  // namespace

IngestTotals Ingest(storage::Store& store, const extract::Extractor& extractor,
                    const std::vector<std::string>& paths, const IngestOptions& options) {
  Ingester ingester(store, extractor, options);
  ForEachDocument(paths, options.read, ingester.problems(),
                  [&](InputDocument d) { ingester.Add(std::move(d)); });
  return ingester.Finish();
}

std::string StatementJson(const extract::Extraction& x, const std::string& document,
                          std::string_view text) {
  nlohmann::json q = nlohmann::json::object();
  // A role that repeats ("to: Ireland", "to: Australia") becomes an array, as import reads it.
  for (const Qualifier& qual : x.record.qualifiers) {
    if (!q.contains(qual.role)) {
      q[qual.role] = qual.value;
    } else {
      if (!q[qual.role].is_array()) q[qual.role] = nlohmann::json::array({q[qual.role]});
      q[qual.role].push_back(qual.value);
    }
  }
  const Evidence& ev = x.record.evidence;
  nlohmann::json j = {{"subject", x.record.subject},
                      {"predicate", x.record.predicate},
                      {"object", x.record.object},
                      {"qualifiers", q},
                      {"confidence", std::round(static_cast<double>(ev.confidence) * 1000) / 1000},
                      {"source",
                       {{"document", document},
                        {"sentence", ev.sentence},
                        {"begin", ev.begin},
                        {"end", ev.end},
                        {"text", SanitiseUtf8(text.substr(ev.begin, ev.end - ev.begin))}}}};
  if (!x.rule.empty()) j["rule"] = x.rule;
  return j.dump();
}

std::vector<std::string> ExtractionJson(const std::string& document, std::string_view text,
                                        const extract::DocumentExtraction& extraction) {
  std::vector<std::string> lines;
  lines.push_back(nlohmann::json{{"document", document},
                                 {"hash", storage::ContentHash(text)},
                                 {"sentences", extraction.sentences.size()}}
                      .dump());
  for (const extract::Extraction& x : extraction.statements) {
    lines.push_back(StatementJson(x, document, text));
  }
  for (const extract::EntityInfo& e : extraction.entities) {
    lines.push_back(nlohmann::json{
        {"entity", e.name},
        {"type", EntityTypeName(e.type)},
        {"aliases", e.aliases},
        {"document",
         document}}.dump());
  }
  return lines;
}

IngestTotals IngestDocuments(storage::Store& store, const extract::Extractor& extractor,
                             std::vector<InputDocument> documents, const IngestOptions& options) {
  Ingester ingester(store, extractor, options);
  for (InputDocument& d : documents) {
    if (d.input_bytes == 0) d.input_bytes = d.text.size();
    ingester.Add(std::move(d));
  }
  return ingester.Finish();
}

}  // namespace weft::pipeline
