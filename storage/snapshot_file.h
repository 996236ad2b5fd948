// The snapshot file: an in-memory graph written whole beside the store, so that opening a store
// whose contents have not changed costs a sequential read instead of a rebuild from RocksDB.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/snapshot/graph.h"

namespace weft::storage {

// What the loader needs beside the graph to bring it up to date from the store's change log:
// where it stands in that log and how the store's terms map to its vertices.
struct SnapshotTerms {
  uint64_t change = 0;  // the store's last change record the graph reflects
  // Per term id, the vertex that stands for it (graph::kNone: none).
  std::vector<uint32_t> term_vertex;
  // Sorted: the terms whose vertex only a resolution of every entity decides (typed, joined,
  // representatives, merged).
  std::vector<uint32_t> resolved;
};

struct Snapshot {
  std::unique_ptr<graph::Graph> graph;
  SnapshotTerms terms;
};

// Writes the snapshot to `path` through a temporary file renamed into place, so readers never
// see a partial file. `tag` names what the graph was built from (the store's identity). Throws
// StorageError.
void SaveSnapshotFile(const Snapshot& snapshot, const std::string& path, std::string_view tag);

// The snapshot in `path`, whatever store sequence it reflects; its graph is null when the file is
// missing, was written for another tag or format, or fails its checksum or shape checks.
// Throws StorageError only on I/O errors other than a missing file.
Snapshot OpenSnapshotFile(const std::string& path, std::string_view tag);

// The change number in the header of the snapshot file at `path`, without reading the rest;
// nullopt when there is no usable header for `tag`.
std::optional<uint64_t> ReadSnapshotChange(const std::string& path, std::string_view tag);

}  // namespace weft::storage
