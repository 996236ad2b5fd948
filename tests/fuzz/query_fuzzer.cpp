// libFuzzer target: any bytes as a query, parsed, bound and run over a small fixed graph.
// Errors are fine; crashes, hangs and sanitizer reports are not, and neither is a query whose
// run by its shape (query/parser/shape.h) gives other rows, columns or errors than its run as
// written.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "graph/base/error.h"
#include "graph/snapshot/graph.h"
#include "query/engine.h"

namespace {

const weft::graph::Graph& Fixture() {
  static std::unique_ptr<weft::graph::Graph> g = [] {
    weft::graph::GraphBuilder b;
    auto v = [&](const char* n) { return b.AddVertex(b.AddString(n)); };
    weft::graph::VertexId a = v("A"), bb = v("B"), c = v("New Zealand"), d = v("Zürich");
    weft::graph::LabelId p = b.AddLabel(b.AddString("p")), q = b.AddLabel(b.AddString("q"));
    weft::graph::QualifierRef to{b.AddString("to"), b.AddString("Ireland")};
    b.AddEdge(a, p, bb, weft::StatementId(1), 0.9f, 1, {});
    b.AddEdge(bb, p, c, weft::StatementId(2), 0.5f, 2, {&to, 1});
    b.AddEdge(c, q, a, weft::StatementId(3), 1.0f, 1, {});
    b.AddEdge(d, q, d, weft::StatementId(4), 0.7f, 1, {});
    return b.Build(1);
  }();
  return *g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  weft::query::ExecOptions options;
  options.max_rows = 1000;
  options.closure_budget = 100000;
  options.timeout = std::chrono::milliseconds(200);
  bool interrupted = false;
  auto outcome = [&](auto run) {
    std::string out;
    try {
      const weft::query::QueryResult r = run();
      for (const std::string& c : r.columns) out += c + "\t";
      out += "\n";
      for (const auto& row : r.rows) {
        for (const auto& v : row) out += weft::query::ValueText(v, Fixture()) + "\t";
        out += "\n";
      }
      for (const std::string& n : r.notices) out += n + "\n";
    } catch (const weft::query::QueryInterrupted&) {
      interrupted = true;
    } catch (const weft::Error& e) {
      out = std::string("error: ") + e.what();
    }
    return out;
  };
  const std::string shaped =
      outcome([&] { return weft::query::RunQuery(text, Fixture(), options); });
  const std::string written =
      outcome([&] { return weft::query::RunQueryAsWritten(text, Fixture(), options); });
  if (!interrupted && shaped != written) std::abort();
  return 0;
}
