#include "cli/context.h"

#include <unistd.h>

#include <cstdlib>

#include "graph/base/error.h"
#include "graph/snapshot/suggest.h"
#include "storage/loader.h"

namespace weft::cli {

std::unique_ptr<storage::Store> Context::OpenForRead() const {
  storage::OpenOptions options;
  options.read_only = true;
  return storage::Store::Open(db_path, options);
}

std::unique_ptr<storage::Store> Context::OpenForWrite(bool create) const {
  storage::OpenOptions options;
  options.read_only = false;
  options.create_if_missing = create;
  // Tests shrink write batches to reach the multi-batch paths with small inputs.
  if (const char* b = std::getenv("WEFT_BATCH_STATEMENTS"); b != nullptr && std::atoi(b) > 0) {
    options.batch_statements = static_cast<size_t>(std::atoi(b));
  }
  std::unique_ptr<storage::Store> store = storage::Store::Open(db_path, options);
  // The change records the snapshot file already reflects are no longer needed.
  storage::PruneChangeLog(*store);
  return store;
}

std::unique_ptr<graph::Graph> Context::LoadGraph(std::unique_ptr<storage::Store>* store) const {
  std::unique_ptr<storage::Store> opened = OpenForRead();
  std::unique_ptr<graph::Graph> g = storage::LoadGraph(*opened);
  if (store) *store = std::move(opened);
  return g;
}

graph::VertexId ResolveEntity(const graph::Graph& g, std::string_view name) {
  if (auto v = g.FindVertex(name)) return *v;
  throw BindError("no entity named '" + std::string(name) + "'" +
                  graph::DidYouMean(graph::SuggestVertices(g, name)));
}

graph::LabelId ResolveLabel(const graph::Graph& g, std::string_view name) {
  if (auto l = g.FindLabel(name)) return *l;
  throw BindError("no predicate named '" + std::string(name) + "'" +
                  graph::DidYouMean(graph::SuggestLabels(g, name)));
}

OutputFormat Context::ParsedFormat() const {
  if (format == "table") return OutputFormat::kTable;
  if (format == "json") return OutputFormat::kJson;
  if (format == "csv") return OutputFormat::kCsv;
  if (format == "tsv") return OutputFormat::kTsv;
  throw UsageError("unknown --format '" + format + "' (use table, json, csv or tsv)");
}

std::string Counted(uint64_t n, std::string_view singular, std::string_view plural) {
  std::string noun(n == 1 ? singular : plural.empty() ? std::string(singular) + "s" : plural);
  return std::to_string(n) + " " + noun;
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace weft::cli
