#include "query/executor/values.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "graph/base/text.h"

namespace weft::query {

std::string ValueText(const Value& v, const graph::Graph& g) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return "";
    case Value::Kind::kVertex:
      return std::string(g.VertexName(v.id));
    case Value::Kind::kLabel:
      return std::string(g.LabelName(graph::LabelId(v.id)));
    case Value::Kind::kEdge:
      return fmt::format("{} -{}-> {}", g.VertexName(g.Source(v.id)), g.LabelName(g.Label(v.id)),
                         g.VertexName(g.Target(v.id)));
    case Value::Kind::kString:
      return v.text;
    case Value::Kind::kNumber: {
      if (std::floor(v.number) == v.number && std::abs(v.number) < 1e15) {
        return fmt::format("{}", static_cast<int64_t>(v.number));
      }
      return fmt::format("{:.6g}", v.number);
    }
    case Value::Kind::kBool:
      return v.number != 0 ? "true" : "false";
  }
  return "";
}

double Decimal(float f) { return std::round(static_cast<double>(f) * 1e6) / 1e6; }

bool Truthy(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kBool:
    case Value::Kind::kNumber:
      return v.number != 0;
    case Value::Kind::kString:
      return !v.text.empty();
    default:
      return true;
  }
}

std::optional<double> AsNumber(const Value& v) {
  if (v.kind == Value::Kind::kNumber || v.kind == Value::Kind::kBool) return v.number;
  if (v.kind == Value::Kind::kString) {
    char* end = nullptr;
    double d = std::strtod(v.text.c_str(), &end);
    if (!v.text.empty() && end && *end == '\0') return d;
  }
  return std::nullopt;
}

int CompareValues(const Value& a, const Value& b, const graph::Graph& g) {
  if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) {
    return (a.kind != Value::Kind::kNull) - (b.kind != Value::Kind::kNull);
  }
  bool an = a.kind == Value::Kind::kNumber || a.kind == Value::Kind::kBool;
  bool bn = b.kind == Value::Kind::kNumber || b.kind == Value::Kind::kBool;
  if (an && bn) return (a.number > b.number) - (a.number < b.number);
  if (an != bn) {
    auto x = AsNumber(a), y = AsNumber(b);
    if (x && y) return (*x > *y) - (*x < *y);
    return an ? -1 : 1;
  }
  if (a.kind == b.kind && a.kind != Value::Kind::kString && a.id == b.id) return 0;
  std::string x = ValueText(a, g), y = ValueText(b, g);
  if (x == y) return a.kind == b.kind ? (a.id > b.id) - (a.id < b.id) : 0;
  return x < y ? -1 : 1;
}

bool EqualValues(const Value& a, const Value& b, const graph::Graph& g) {
  // An entity equals a string that names it (canonically or by alias, ignoring case).
  auto entity_vs_text = [&](const Value& v, const Value& s) {
    for (graph::VertexId x : g.FindVertices(s.text)) {
      if (x == v.id) return true;
    }
    return false;
  };
  if (a.kind == Value::Kind::kVertex && b.kind == Value::Kind::kString) return entity_vs_text(a, b);
  if (b.kind == Value::Kind::kVertex && a.kind == Value::Kind::kString) return entity_vs_text(b, a);
  if (a.kind == Value::Kind::kLabel && b.kind == Value::Kind::kString) {
    return g.LabelName(graph::LabelId(a.id)) == b.text;
  }
  if (b.kind == Value::Kind::kLabel && a.kind == Value::Kind::kString) {
    return g.LabelName(graph::LabelId(b.id)) == a.text;
  }
  if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) return false;
  return CompareValues(a, b, g) == 0;
}

std::string Key(const std::vector<Value>& row) {
  std::string k;
  for (const Value& v : row) {
    k.push_back(static_cast<char>(v.kind));
    switch (v.kind) {
      case Value::Kind::kString:
        k += v.text;
        k.push_back('\0');
        break;
      case Value::Kind::kNumber:
      case Value::Kind::kBool:
        k.append(reinterpret_cast<const char*>(&v.number), sizeof(double));
        break;
      default:
        k.append(reinterpret_cast<const char*>(&v.id), sizeof(uint32_t));
    }
  }
  return k;
}

}  // namespace weft::query
