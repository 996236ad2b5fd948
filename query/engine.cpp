#include "query/engine.h"

#include "query/binder/binder.h"
#include "query/parser/parser.h"

namespace weft::query {

QueryResult RunQuery(std::string_view text, const graph::Graph& g, const ExecOptions& options,
                     size_t max_query_bytes) {
  std::unique_ptr<Query> parsed = ParseQuery(text, max_query_bytes);
  BoundQuery bound = Bind(*parsed, g);
  return Execute(bound, g, options);
}

}  // namespace weft::query
