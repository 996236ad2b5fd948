// weft serve: the HTTP API and the explorer (cli/server, docs/api.md).
#include <fmt/format.h>

#include <thread>

#include "cli/commands.h"
#include "cli/server/server.h"

namespace weft::cli {

void SetupServe(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<server::ServerOptions>();
  auto timeout_ms = std::make_shared<uint64_t>(options->limits.timeout.count());
  options->threads = std::max<size_t>(4, 2 * std::thread::hardware_concurrency());
  app.add_option("--port", options->port, "Port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--bind", options->bind,
                 "Address to listen on; anything but 127.0.0.1 or ::1 exposes the store")
      ->capture_default_str();
  app.add_option("--threads", options->threads, "Threads answering requests")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  auto idle_s = std::make_shared<double>(30);
  app.add_option("--idle-threads", *idle_s,
                 "Seconds a thread started for a burst waits for work before it ends")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 86400.0));
  app.add_option("--timeout", *timeout_ms, "Milliseconds a query may run")
      ->capture_default_str()
      ->check(CLI::Range(1, 3'600'000));
  app.add_option("--max-rows", options->limits.max_rows, "Rows a query answer holds at most")
      ->capture_default_str()
      ->check(CLI::Range(1, 10'000'000));
  app.add_option("--max-elements", options->limits.max_elements,
                 "Nodes and edges an answer draws at most")
      ->capture_default_str()
      ->check(CLI::Range(10, 1'000'000));
  app.footer(
      "Read only: reloads when another process writes the store. Stop with Ctrl-C.\n"
      "Examples:\n  weft serve            then open http://127.0.0.1:7474/\n"
      "  curl 'http://127.0.0.1:7474/api/neighbors?name=Reuters&hops=1'");
  app.callback([options, timeout_ms, idle_s, &ctx] {
    options->db_path = ctx.db_path;
    options->idle_thread_timeout = std::chrono::milliseconds(static_cast<int64_t>(*idle_s * 1000));
    options->limits.timeout = std::chrono::milliseconds(*timeout_ms);
    if (options->bind != "127.0.0.1" && options->bind != "::1" && options->bind != "localhost") {
      std::fprintf(stderr,
                   "weft serve: warning: listening on %s: anyone who can reach it can read the "
                   "store\n",
                   options->bind.c_str());
    }
    server::Serve(*options, [&](int port) {
      std::fprintf(stderr, "weft serve: %s on http://%s:%d/ (Ctrl-C stops)\n", ctx.db_path.c_str(),
                   options->bind.c_str(), port);
      std::fflush(stderr);
    });
  });
}

}  // namespace weft::cli
