#include "query/params.h"

#include <algorithm>

#include "graph/base/error.h"

namespace weft::query {

ParamValue ParamValue::String(std::string s) {
  ParamValue v;
  v.kind = Kind::kString;
  v.text = std::move(s);
  return v;
}

ParamValue ParamValue::Number(double n) {
  ParamValue v;
  v.kind = Kind::kNumber;
  v.number = n;
  char buf[32];
  const double whole = static_cast<double>(static_cast<int64_t>(n));
  if (whole == n && n > -1e15 && n < 1e15) {
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(n));
  } else {
    std::snprintf(buf, sizeof(buf), "%.17g", n);
  }
  v.text = buf;
  return v;
}

ParamValue ParamValue::Bool(bool b) {
  ParamValue v;
  v.kind = Kind::kBool;
  v.boolean = b;
  v.text = b ? "true" : "false";
  return v;
}

bool IsParamName(std::string_view name) {
  // Letters and digits of any script are bytes >= 0x80 here; the lexer decides exactly, and a
  // name it would not read is reported as unused.
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || u == '_' || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
           (u >= 'A' && u <= 'Z');
  });
}

std::pair<std::string, ParamValue> ParseParamAssignment(std::string_view assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    throw UsageError("a parameter is NAME=VALUE, not '" + std::string(assignment.substr(0, 80)) +
                     "'");
  }
  std::string_view name = assignment.substr(0, eq);
  if (!name.empty() && name.front() == '$') name.remove_prefix(1);
  if (!IsParamName(name)) {
    throw UsageError("'" + std::string(name.substr(0, 80)) +
                     "' is not a parameter name (letters, digits and _)");
  }
  return {std::string(name), ParamValue::String(std::string(assignment.substr(eq + 1)))};
}

}  // namespace weft::query
