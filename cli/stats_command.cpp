// weft stats: counts of the store's contents.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/progress.h"

namespace weft::cli {

void SetupStats(CLI::App& app, Context& ctx) {
  auto format = std::make_shared<std::string>("table");
  app.add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  app.footer("Examples:\n  weft stats\n  weft stats --format json | jq .statements");
  app.callback([format, &ctx] {
    std::unique_ptr<storage::Store> store = ctx.OpenForRead();
    storage::StoreStats s = store->Stats();
    if (*format == "json") {
      nlohmann::json j;
      for (const auto& [name, n] : s.Counts()) j[name] = n;
      j["top_predicates"] = nlohmann::json::array();
      for (const auto& p : s.top_predicates) {
        j["top_predicates"].push_back({{"predicate", p.name}, {"statements", p.statements}});
      }
      fmt::print("{}\n", j.dump(2));
      return;
    }
    fmt::print("store        {}\n", store->path());
    fmt::print("entities     {}\n", s.entities);
    fmt::print("predicates   {}\n", s.predicates);
    fmt::print("statements   {}\n", s.statements);
    fmt::print("sources      {}\n", s.sources);
    fmt::print("documents    {}\n", s.documents);
    if (s.merges > 0) fmt::print("merges       {}\n", s.merges);
    fmt::print("disk         {}\n", HumanBytes(s.disk_bytes));
    if (!s.top_predicates.empty()) {
      fmt::print("\ntop predicates\n");
      size_t width = 0;
      for (const auto& p : s.top_predicates) width = std::max(width, p.name.size());
      for (const auto& p : s.top_predicates) {
        fmt::print("  {:<{}}  {:>10}\n", p.name, width, p.statements);
      }
    }
  });
}

}  // namespace weft::cli
