// The query engine's front door: text in, rows out.
#pragma once

#include <string_view>

#include "graph/graph.h"
#include "query/executor/executor.h"

namespace weft::query {

// Parses, binds, plans and runs one query over `g`. Throws ParseError, BindError or
// QueryInterrupted.
QueryResult RunQuery(std::string_view text, const graph::Graph& g, const ExecOptions& options = {});

}  // namespace weft::query
