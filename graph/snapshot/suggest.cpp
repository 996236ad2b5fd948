#include "graph/snapshot/suggest.h"

#include <algorithm>
#include <tuple>

#include "graph/base/text.h"

namespace weft::graph {

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  std::string x = AsciiLower(a), y = AsciiLower(b);
  if ((x.size() > y.size() ? x.size() - y.size() : y.size() - x.size()) > limit) return limit + 1;
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= y.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[y.size()];
}

namespace {

size_t LimitFor(std::string_view name) { return std::max<size_t>(2, name.size() / 3); }

}  // namespace

std::vector<std::string> SuggestVertices(const Graph& g, std::string_view name, size_t k) {
  const size_t limit = LimitFor(name);
  std::vector<std::tuple<size_t, size_t, VertexId>> found;  // distance, -degree, vertex
  std::string folded = AsciiLower(name);
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    std::string_view n = g.VertexName(v);
    size_t d = EditDistance(n, name, limit);
    // A name that starts with what was typed is as good as a near miss.
    if (d > limit && AsciiLower(n).starts_with(folded) && folded.size() >= 3) d = limit;
    if (d <= limit) found.emplace_back(d, SIZE_MAX - g.OutDegree(v) - g.InDegree(v), v);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < found.size() && out.size() < k; ++i) {
    out.emplace_back(g.VertexName(std::get<2>(found[i])));
  }
  return out;
}

std::vector<std::string> SuggestLabels(const Graph& g, std::string_view name, size_t k) {
  const size_t limit = LimitFor(name);
  std::vector<std::tuple<size_t, size_t, LabelId>> found;
  for (uint32_t i = 0; i < g.num_labels(); ++i) {
    const LabelId l(i);
    size_t d = EditDistance(g.LabelName(l), name, limit);
    if (d <= limit) found.emplace_back(d, SIZE_MAX - g.LabelCount(l), l);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < found.size() && out.size() < k; ++i) {
    out.emplace_back(g.LabelName(std::get<2>(found[i])));
  }
  return out;
}

std::string DidYouMean(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string out = "; did you mean ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " or " : ", ";
    out += "'" + names[i] + "'";
  }
  return out + "?";
}

}  // namespace weft::graph
