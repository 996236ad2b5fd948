// The query engine's front door: text in, rows out.
#pragma once

#include <string_view>

#include "graph/snapshot/graph.h"
#include "query/executor/executor.h"
#include "query/parser/parser.h"

namespace weft::query {

// Parses, binds, plans and runs one query over `g`. Throws ParseError, BindError or
// QueryInterrupted. A query over `max_query_bytes` is refused before parsing.
QueryResult RunQuery(std::string_view text, const graph::Graph& g, const ExecOptions& options = {},
                     size_t max_query_bytes = kDefaultMaxQueryBytes);

}  // namespace weft::query
