// Builds the in-memory graph from the store.
#pragma once

#include <memory>

#include "graph/graph.h"
#include "storage/store.h"

namespace weft::storage {

// Loads every statement of `store` into an immutable graph: entities (subjects and objects)
// become vertices, statements edges labelled with their predicate. Throws StorageError.
std::unique_ptr<graph::Graph> LoadGraph(const Store& store);

}  // namespace weft::storage
