#include "query/engine.h"

#include "query/binder/binder.h"
#include "query/parser/parser.h"
#include "query/planner/planner.h"

namespace weft::query {

QueryResult RunQuery(std::string_view text, const graph::Graph& g, const ExecOptions& options,
                     size_t max_query_bytes) {
  // One budget for every stage: the time limit counts from here.
  Budget budget(options.timeout, options.cancel);
  std::unique_ptr<Query> parsed = ParseQuery(text, max_query_bytes, &budget);
  BoundQuery bound = Bind(*parsed, g, &budget);
  Plan plan;
  if (bound.kind == BoundQuery::Kind::kMatch) plan = MakePlan(bound.match, g, &budget);
  return Execute(bound, plan, g, options, budget);
}

}  // namespace weft::query
