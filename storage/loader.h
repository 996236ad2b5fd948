// Builds the in-memory graph from the store.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/snapshot/graph.h"
#include "storage/store.h"

namespace weft::storage {

// How a graph was loaded.
struct LoadReport {
  enum class Source { kFile, kUpdated, kBuilt };
  Source source = Source::kBuilt;
  size_t changed_statements = 0;  // applied to the file's graph (kUpdated)
  bool file_written = false;
};

struct LoadOptions {
  // Read the graph from the store's snapshot file when it reflects the store's current sequence,
  // and write that file after a rebuild. Off: always rebuild from the statements.
  bool use_snapshot_file = true;
  // Statements changed since the file's graph past which the updated graph is written to the
  // file again; until then every load applies them to the file's graph. 0: a twentieth of the
  // graph's edges, at least 10,000.
  size_t rewrite_after = 0;
  // When set, receives how the graph was loaded.
  LoadReport* report = nullptr;
};

// The snapshot file inside a store's directory.
std::string SnapshotPath(const Store& store);

// Loads every statement of `store` into an immutable graph: entities (subjects and objects)
// become vertices, statements edges labelled with their predicate. The snapshot file's graph is
// the base: when the store has changed since, the statements its change log names are applied
// to it (removed, replaced, added), which costs a pass over the graph's arrays and a read per
// changed statement instead of a read of every statement. Throws StorageError.
// A snapshot file that cannot be written (a read-only directory, a full disk) only costs the
// next process a rebuild.
std::unique_ptr<graph::Graph> LoadGraph(const Store& store, const LoadOptions& options = {});

// Verifies the snapshot file and the change log against the statements: the file's graph, with
// the changes since applied as a load would, must equal the graph built from every statement.
// Returns one line per problem. With `repair`, a file that differs is deleted (the next load
// builds the graph). Costs a build of the graph.
std::vector<std::string> CheckSnapshot(const Store& store, bool repair);

// Drops the change records the snapshot file's graph already reflects (writers).
void PruneChangeLog(Store& store);

}  // namespace weft::storage
