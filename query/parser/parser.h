// Query text to AST. ANTLR types stay inside this component.
#pragma once

#include <memory>
#include <string_view>

#include "query/budget.h"
#include "query/params.h"
#include "query/parser/ast.h"

namespace weft::query {

// Queries longer than this many bytes are refused before parsing unless the caller raises it.
inline constexpr size_t kDefaultMaxQueryBytes = 64 * 1024;

// Parses one query. Throws ParseError naming the line and column, with the offending line (a
// window of it around the caret when the line is long) and a caret under the bad token, and what
// was expected there. A query over `max_bytes` bytes is refused unparsed.
// `budget`, when given, stops lexing and parsing at the query's time limit or cancellation
// (QueryInterrupted).
std::unique_ptr<Query> ParseQuery(std::string_view text, size_t max_bytes = kDefaultMaxQueryBytes,
                                  Budget* budget = nullptr);

// Puts the values of `params` where the query (parsed from `text`) has its $names. Throws
// ParseError ("parameter error at line L, column C", with the caret) for a $name without a
// value, and BindError for a value the query does not use.
void BindParameters(Query* q, std::string_view text, const Params& params);
// The BindError above alone: a value in `params` that `q` has no $name for.
void CheckParametersUsed(const Query& q, const Params& params);

// Nesting deeper than this (parentheses in paths or expressions, a run of 'not' or unary minus)
// is refused as a ParseError rather than risking the stack.
inline constexpr size_t kMaxNesting = 200;
// More 'and'/'or' operators than this in one query are refused: each is a level of the tree.
inline constexpr size_t kMaxBooleanOperators = 2000;
// Characters of a long line shown either side of the caret in an error.
inline constexpr size_t kErrorWindow = 60;

}  // namespace weft::query
