// A query's shape: its text with every name and string literal lifted out as a parameter, so that
// queries that differ only in the names they ask about share one parse ("Globex -acquire-> ?x"
// and "Initech -acquire-> ?x" are both "$1 -$2-> ?x"). The engine keeps the parses of recent
// shapes; docs/query-language.md ("How a query runs") says what this means for users.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft::query {

struct Shape {
  std::string text;  // the query with the i-th lifted token written "$i" (from 1)
  // Each lifted token as written (a quoted string with its quotes) and its value.
  std::vector<std::string_view> lexemes;
  std::vector<std::string> values;
};

// The shape of `text`, or nothing when no token can be lifted or the text is one this scan does
// not read exactly as the grammar's lexer would: a '$' anywhere (the query has parameters of its
// own), a byte outside ASCII outside a quoted string, an unterminated string, a character no token
// begins with, a string run into a word. Lifted: quoted strings, and bare words that are not
// keywords, not '_', not a function's name (followed by '(') and not an alias (after AS). Each of
// these stands where the grammar allows a parameter too, so the shape parses to the same query
// with parameters in their places.
std::optional<Shape> LiftLiterals(std::string_view text);

// A quoted string's value: the quotes removed and its escapes read (\n, \t, \x for any other x).
std::string UnquoteString(std::string_view quoted);

}  // namespace weft::query
