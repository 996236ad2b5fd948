// The JSON API of `weft serve` over one snapshot of a store, apart from HTTP: each endpoint takes
// the request's parameters and gives a status, a content type and a body (docs/api.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "cli/query_output.h"
#include "graph/snapshot/graph.h"
#include "query/engine.h"
#include "storage/session.h"

namespace weft::server {

// A session's view of the store with what the API derives from it once: the provenance reader
// and the /api/stats answer. Immutable once built; requests hold it by shared_ptr, so a reload
// never pulls it from under a running request.
struct Snapshot {
  std::shared_ptr<const storage::View> view;
  std::unique_ptr<cli::StoreProvenance> provenance;
  std::string stats;  // the /api/stats answer, computed once: the view never changes

  const graph::Graph& graph() const { return *view->graph; }
  const storage::Store& store() const { return *view->store; }

  static std::shared_ptr<const Snapshot> Of(std::shared_ptr<const storage::View> view);
};

struct ApiLimits {
  std::chrono::milliseconds timeout{10'000};  // per query
  uint64_t max_rows = 10'000;                 // rows a query returns at most
  size_t max_elements = 2'000;                // nodes + edges drawn at most per answer
  size_t max_query_bytes = 64 * 1024;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Set for a streamed body (an export): writes it, and the body above is empty.
  std::function<void(std::ostream&)> stream;
};

using Params = std::multimap<std::string, std::string>;

// Answers `GET path?params` from `snap`. Never throws: every failure becomes a JSON error with
// an HTTP status. Queries (q=, with their p.NAME= values) are prepared through `cache` when
// given: a text asked again skips its parse.
Response HandleApi(const std::shared_ptr<const Snapshot>& snap, const std::string& path,
                   const Params& params, const ApiLimits& limits,
                   query::PreparedCache* cache = nullptr);

// {"error": {"kind": kind, "message": message}} with `status`.
Response ErrorResponse(int status, const std::string& kind, const std::string& message);

}  // namespace weft::server
