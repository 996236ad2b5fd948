// Orders a bound query's steps so that matching starts from its most selective terms.
#pragma once

#include <string>
#include <vector>

#include "graph/snapshot/graph.h"
#include "query/binder/bound_query.h"
#include "query/budget.h"

namespace weft::query {

// One operator of a plan, run for every row the operators before it produce.
struct PlanStep {
  enum class Kind {
    kConstant,     // bind a named node's slot to each vertex its name resolves to
    kAllVertices,  // bind a lone variable node to every vertex
    kEdge,         // extend by one edge step
  };
  Kind kind = Kind::kEdge;
  uint32_t slot = 0;         // kConstant, kAllVertices
  int edge = -1;             // kEdge: index into BoundMatch::steps
  std::vector<int> filters;  // WHERE conjuncts that can be checked after this step
  double estimate = 0;       // rows this step produces per input row
  std::string access;        // how the step reads the graph, for EXPLAIN
};

struct Plan {
  std::vector<PlanStep> steps;
  std::vector<int> initial_filters;  // conjuncts that read no slot
};

// Greedy join ordering: repeatedly takes the cheapest step given what is bound (exact fan-out
// for a named node, label counts otherwise), preferring steps that touch bound slots.
// Quadratic in the pattern's steps: `budget`, when given, stops it at the query's time limit.
Plan MakePlan(const BoundMatch& match, const graph::Graph& g, Budget* budget = nullptr);

// The plan as indented text, one operator a line.
std::string ExplainPlan(const Plan& plan, const BoundMatch& match, const graph::Graph& g);

}  // namespace weft::query
