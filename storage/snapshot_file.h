// The snapshot file: an in-memory graph written whole beside the store, so that opening a store
// whose contents have not changed costs a sequential read instead of a rebuild from RocksDB.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "graph/snapshot/graph.h"

namespace weft::storage {

// Writes `g` to `path` through a temporary file renamed into place, so readers never see a
// partial file. `tag` names what the graph was built from (the store's identity). Throws
// StorageError.
void SaveSnapshotFile(const graph::Graph& g, const std::string& path, std::string_view tag);

// The graph in `path`; null when the file is missing, was written for another tag or sequence,
// or fails its checksum or shape checks. Throws StorageError only on I/O errors other than a
// missing file.
std::unique_ptr<graph::Graph> OpenSnapshotFile(const std::string& path, std::string_view tag,
                                               uint64_t sequence);

}  // namespace weft::storage
