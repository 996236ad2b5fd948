// weft documents and weft remove: what the store was built from, and taking a document out.
#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "graph/base/error.h"

namespace weft::cli {

namespace {

std::string Utc(int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void SetupDocuments(CLI::App& app, Context& ctx) {
  auto format = std::make_shared<std::string>("table");
  app.add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  app.footer(
      "Lists the documents the store holds: the statements each supports, the source records "
      "it\ncontributed, when it was published (as its source said) and when it was written.\n\n"
      "Examples:\n  weft documents\n  weft documents --format json | jq '.[].name'");
  app.callback([format, &ctx] {
    std::unique_ptr<storage::Store> store = ctx.OpenForRead();
    const std::vector<storage::DocumentInfo> docs = pipeline::StoredDocuments(*store);
    if (*format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& d : docs) {
        j.push_back({{"name", d.name},
                     {"statements", d.statements},
                     {"sources", d.sources},
                     {"published", d.date.empty() ? nlohmann::json() : nlohmann::json(d.date)},
                     {"written", Utc(d.time)},
                     {"hash", d.content_hash}});
      }
      fmt::print("{}\n", j.dump(2));
      return;
    }
    fmt::print("{:>10}  {:>10}  {:<10}  {:<20}  {}\n", "statements", "sources", "published",
               "written", "name");
    for (const auto& d : docs) {
      fmt::print("{:>10}  {:>10}  {:<10}  {:<20}  {}\n", d.statements, d.sources,
                 d.date.empty() ? "-" : d.date, Utc(d.time), d.name);
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
    for (const storage::DocumentInfo& d : pipeline::RemoveDocuments(*store, *names)) {
      if (!ctx.quiet) {
        std::fprintf(stderr, "removed %s (%llu statements, %llu sources)\n", d.name.c_str(),
                     static_cast<unsigned long long>(d.statements),
                     static_cast<unsigned long long>(d.sources));
      }
    }
  });
}

}  // namespace weft::cli
