// Turning query results into tables, and answering provenance from the store.
#pragma once

#include "cli/table.h"
#include "graph/snapshot/graph.h"
#include "query/executor/executor.h"
#include "storage/store.h"

namespace weft::cli {

// Answers document(), sentence() and sources() from the store the snapshot was loaded from.
class StoreProvenance : public query::ProvenanceSource {
 public:
  explicit StoreProvenance(const storage::Store& store) : store_(store) {}
  std::vector<query::SourceInfo> Sources(StatementId statement) const override;

 private:
  const storage::Store& store_;
};

// Splits text into queries at semicolons outside quotes; a last query may lack its semicolon.
std::vector<std::string> SplitQueries(const std::string& text);

ResultTable ToTable(const query::QueryResult& r, const graph::Graph& g);

// Prints rows (or an EXPLAIN plan), then notices and truncation on stderr unless quiet.
void PrintResult(const query::QueryResult& r, const graph::Graph& g, const PrintOptions& options,
                 bool quiet);

}  // namespace weft::cli
