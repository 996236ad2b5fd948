// Binds a parsed query to a graph snapshot.
#pragma once

#include "graph/snapshot/graph.h"
#include "query/binder/bound_query.h"
#include "query/budget.h"
#include "query/parser/ast.h"

namespace weft::query {

// Resolves names to vertices and labels, variables to slots, and compiles path expressions.
// Unknown entities and labels make the query unsatisfiable with a "did you mean" notice; misuse
// (a variable used as both an entity and a label, an unknown function, a bad regular expression,
// an aggregate in WHERE) throws BindError.
// `budget`, when given, stops binding at the query's time limit or cancellation.
BoundQuery Bind(const Query& query, const graph::Graph& g, Budget* budget = nullptr);

}  // namespace weft::query
