// The exporters' number formatting, checked against what it must equal.
#include "graph/export/export.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <sstream>

using namespace weft;
using namespace weft::graph;

namespace {

// One edge per confidence, exported as node-link JSON; the confidences as written.
std::vector<std::string> ConfidencesWritten(const std::vector<float>& confidences) {
  GraphBuilder b;
  const VertexId a = b.AddVertex(b.AddString("a"));
  const LabelId l = b.AddLabel(b.AddString("p"));
  for (size_t i = 0; i < confidences.size(); ++i) {
    const VertexId v = b.AddVertex(b.AddString("v" + std::to_string(i)));
    b.AddEdge(a, l, v, StatementId(i + 1), confidences[i], 1, {});
  }
  auto g = b.Build(1);
  std::ostringstream out;
  WriteGraph(*g, ExportFormat::kJson, {}, {}, out);
  std::vector<std::string> written(confidences.size());
  const std::string text = out.str();
  for (size_t pos = 0; (pos = text.find("\"confidence\":", pos)) != std::string::npos;) {
    pos += 13;
    const size_t end = text.find(',', pos);
    const size_t statement = text.find("\"statement\":", end);
    const size_t index = std::strtoul(text.c_str() + statement + 12, nullptr, 10) - 1;
    written[index] = text.substr(pos, end - pos);
  }
  return written;
}

}  // namespace

TEST_CASE("confidences are written as {:.6g} of their value rounded to millionths", "[export]") {
  std::vector<float> confidences;
  // Every millionth near the fast form's edges, a stride through the rest.
  for (int m = 0; m <= 1000000; m += (m < 1000 || m > 999000) ? 1 : 97) {
    confidences.push_back(static_cast<float>(m / 1e6));
  }
  for (float f :
       {0.0f, 0.00005f, 0.0001f, 0.00009999f, 0.123456f, 0.5f, 0.999999f, 0.9999996f, 1.0f, 1.5f}) {
    confidences.push_back(f);
  }
  const std::vector<std::string> written = ConfidencesWritten(confidences);
  for (size_t i = 0; i < confidences.size(); ++i) {
    const double rounded = std::round(static_cast<double>(confidences[i]) * 1e6) / 1e6;
    INFO(confidences[i]);
    CHECK(written[i] == fmt::format("{:.6g}", rounded));
  }
  CHECK(ConfidencesWritten({0.00005f, 0.25f, 1.0f}) ==
        std::vector<std::string>{"5e-05", "0.25", "1"});
}
