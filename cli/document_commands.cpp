// weft documents and weft remove: what the store was built from, and taking a document out.
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "graph/base/error.h"
#include "graph/snapshot/suggest.h"

namespace weft::cli {

namespace {

// The store's documents that are complete (not half-written, not being replaced), by name.
std::vector<storage::DocumentInfo> CompleteDocuments(const storage::Store& store) {
  std::vector<storage::DocumentInfo> docs;
  store.ForEachDocument([&](const storage::DocumentInfo& d) {
    if (d.state == storage::DocumentState::kComplete) docs.push_back(d);
    return true;
  });
  std::sort(docs.begin(), docs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return docs;
}

std::string Utc(int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The stored document `given` names: its name as stored, or the path it was read from (named
// as ingest and import name it). Unknown: bad input, with the nearest names.
storage::DocumentInfo Resolve(const storage::Store& store, const std::string& given,
                              const std::vector<storage::DocumentInfo>& docs) {
  for (const std::string& name :
       {given, pipeline::StoredDocumentName(store, pipeline::DocumentNameOf(given))}) {
    if (std::optional<storage::DocumentInfo> d = store.FindDocument(name);
        d && d->state == storage::DocumentState::kComplete) {
      return *d;
    }
  }
  std::vector<std::pair<size_t, std::string>> near;
  for (const auto& d : docs) {
    const size_t distance = graph::EditDistance(given, d.name, 3);
    if (distance <= 3) near.emplace_back(distance, d.name);
  }
  std::sort(near.begin(), near.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < near.size() && i < 3; ++i) names.push_back(near[i].second);
  throw InputError(given, 0,
                   "no document of that name in the store ('weft documents' lists them)" +
                       graph::DidYouMean(names));
}

}  // namespace

void SetupDocuments(CLI::App& app, Context& ctx) {
  auto format = std::make_shared<std::string>("table");
  app.add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  app.footer(
      "Lists the documents the store holds: the statements each supports, the source records "
      "it\ncontributed, when it was written.\n\n"
      "Examples:\n  weft documents\n  weft documents --format json | jq '.[].name'");
  app.callback([format, &ctx] {
    std::unique_ptr<storage::Store> store = ctx.OpenForRead();
    const std::vector<storage::DocumentInfo> docs = CompleteDocuments(*store);
    if (*format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& d : docs) {
        j.push_back({{"name", d.name},
                     {"statements", d.statements},
                     {"sources", d.sources},
                     {"written", Utc(d.time)},
                     {"hash", d.content_hash}});
      }
      fmt::print("{}\n", j.dump(2));
      return;
    }
    fmt::print("{:>10}  {:>10}  {:<20}  {}\n", "statements", "sources", "written", "name");
    for (const auto& d : docs) {
      fmt::print("{:>10}  {:>10}  {:<20}  {}\n", d.statements, d.sources, Utc(d.time), d.name);
    }
  });
}

void SetupRemove(CLI::App& app, Context& ctx) {
  auto names = std::make_shared<std::vector<std::string>>();
  app.add_option("documents", *names,
                 "Documents to remove: names as 'weft documents' lists them, "
                 "or the paths they were read from")
      ->required();
  app.footer(
      "Removes each document and every statement only it supported; statements other documents\n"
      "support too lose this document's sources. Every name is checked before anything is\n"
      "removed: one unknown name removes nothing (exit 3). A removal interrupted by a crash is\n"
      "finished by the next process that opens the store for writing.\n\n"
      "Examples:\n  weft remove news/2024-05-01.txt\n  weft remove deals.tsv people.jsonl");
  app.callback([names, &ctx] {
    std::unique_ptr<storage::Store> store = ctx.OpenForWrite(/*create=*/false);
    const std::vector<storage::DocumentInfo> docs = CompleteDocuments(*store);
    std::vector<storage::DocumentInfo> found;
    for (const std::string& given : *names) {
      storage::DocumentInfo d = Resolve(*store, given, docs);
      const bool repeated =
          std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.id == d.id; });
      if (!repeated) found.push_back(std::move(d));
    }
    for (const storage::DocumentInfo& d : found) {
      store->RemoveDocument(d.name);
      if (!ctx.quiet) {
        std::fprintf(stderr, "removed %s (%llu statements, %llu sources)\n", d.name.c_str(),
                     static_cast<unsigned long long>(d.statements),
                     static_cast<unsigned long long>(d.sources));
      }
    }
  });
}

}  // namespace weft::cli
