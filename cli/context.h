// State shared by all subcommands: global flags and access to the store.
#pragma once

#include <memory>
#include <string>

#include "graph/snapshot/graph.h"
#include "storage/store.h"

namespace weft::cli {

enum class OutputFormat { kTable, kJson, kCsv, kTsv };

struct Context {
  std::string db_path = "weft.db";
  bool quiet = false;
  std::string format = "table";
  // Set by a command that finished but wants a non-zero exit (e.g. some input lines failed).
  int exit_code = 0;

  // Opens the store for reading; any number of readers may run beside a writer.
  std::unique_ptr<storage::Store> OpenForRead() const;
  // Opens the store for writing; fails if another weft process writes to it. With `create`
  // false a missing store is an error instead of a new empty one.
  std::unique_ptr<storage::Store> OpenForWrite(bool create = true) const;
  // Opens the store for reading and loads its graph.
  std::unique_ptr<graph::Graph> LoadGraph(std::unique_ptr<storage::Store>* store = nullptr) const;
  OutputFormat ParsedFormat() const;
};

// Resolves an entity name in g, or throws BindError with suggestions.
graph::VertexId ResolveEntity(const graph::Graph& g, std::string_view name);
// Resolves a predicate label in g, or throws BindError with suggestions.
graph::LabelId ResolveLabel(const graph::Graph& g, std::string_view name);

// "1 document", "2 documents": a count with its noun in the right number. `plural` defaults to
// the singular with an "s".
std::string Counted(uint64_t n, std::string_view singular, std::string_view plural = {});

// True when standard error is a terminal, so progress bars may be drawn there.
bool StderrIsTerminal();

}  // namespace weft::cli
