// Query text to AST. ANTLR types stay inside this component.
#pragma once

#include <memory>
#include <string_view>

#include "query/parser/ast.h"

namespace weft::query {

// Parses one query. Throws ParseError naming the line and column, with the offending line and a
// caret under the bad token, and what was expected there.
std::unique_ptr<Query> ParseQuery(std::string_view text);

// Nesting deeper than this (parentheses in paths or expressions) is refused as a ParseError
// rather than risking the stack.
inline constexpr size_t kMaxNesting = 200;

}  // namespace weft::query
