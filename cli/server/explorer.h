// The explorer page `weft serve` answers at `/`: Cytoscape.js inlined, everything else fetched
// from the JSON API of the same server.
#pragma once

#include <string>

namespace weft::server {

// The whole page. Throws Error when weft was built without Cytoscape.js.
std::string ExplorerPage();

}  // namespace weft::server
