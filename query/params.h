// Query parameters: `$name` in a query where a name or a literal may stand, with its value given
// apart from the text, so that a value never needs quoting and can never change the query's
// shape (docs/query-language.md, "Parameters").
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace weft::query {

struct ParamValue {
  enum class Kind { kString, kNumber, kBool };
  Kind kind = Kind::kString;
  std::string text;  // the string; a number or truth value as written, for name positions
  double number = 0;
  bool boolean = false;

  static ParamValue String(std::string s);
  static ParamValue Number(double n);
  static ParamValue Bool(bool b);
};

// By name, without the '$'.
using Params = std::map<std::string, ParamValue, std::less<>>;

// Reads "NAME=VALUE" (the command line's --param, the REPL's .param, the API's p.NAME=VALUE): the
// value is a string, taken as it is, everything after the first '='. Throws UsageError when there
// is no '=' or the name is not one a query can use (letters, digits, '_').
std::pair<std::string, ParamValue> ParseParamAssignment(std::string_view assignment);

// Whether `name` (without '$') can be a parameter's name.
bool IsParamName(std::string_view name);

}  // namespace weft::query
