// `weft serve`: the JSON API and the explorer page over HTTP/1.1, read only, reloading the
// snapshot when another process writes the store (docs/api.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "cli/server/api.h"

namespace weft::server {

struct ServerOptions {
  std::string db_path;
  std::string bind = "127.0.0.1";
  int port = 7474;  // 0: any free port (the chosen one is printed)
  // Threads that answer requests; more are started (up to max_connections) while all are busy,
  // so idle or slow connections never starve the others.
  size_t threads = 8;
  size_t max_connections = 512;
  // A thread above `threads` that waits this long for work ends.
  std::chrono::milliseconds idle_thread_timeout{30'000};
  std::chrono::milliseconds reload_interval{1000};
  ApiLimits limits;
};

// Serves until SIGINT or SIGTERM. Throws Error when the store cannot be opened or the address
// cannot be bound. `ready` is called with the bound port before the first request is taken.
void Serve(const ServerOptions& options, const std::function<void(int port)>& ready);

}  // namespace weft::server
