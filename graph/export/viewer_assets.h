// Cytoscape.js, inlined into weft at build time for the self-contained HTML export.
#pragma once

#include <cstddef>

namespace weft::graph {

// The minified library (empty when weft was built without it: see scripts/setup-deps).
extern const char kCytoscapeJs[];
extern const size_t kCytoscapeJsSize;

}  // namespace weft::graph
