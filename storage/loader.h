// Builds the in-memory graph from the store.
#pragma once

#include <memory>

#include "graph/snapshot/graph.h"
#include "storage/store.h"

namespace weft::storage {

struct LoadOptions {
  // Read the graph from the store's snapshot file when it reflects the store's current sequence,
  // and write that file after a rebuild. Off: always rebuild from the statements.
  bool use_snapshot_file = true;
};

// The snapshot file inside a store's directory.
std::string SnapshotPath(const Store& store);

// Loads every statement of `store` into an immutable graph: entities (subjects and objects)
// become vertices, statements edges labelled with their predicate. Throws StorageError.
// A snapshot file that cannot be written (a read-only directory, a full disk) only costs the
// next process a rebuild.
std::unique_ptr<graph::Graph> LoadGraph(const Store& store, const LoadOptions& options = {});

}  // namespace weft::storage
