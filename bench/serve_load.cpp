// Load generator for `weft serve`: C client threads, each on one keep-alive connection to
// 127.0.0.1:PORT, send the request paths of a file (one a line) round robin; prints the latency
// percentiles end to end and the requests per second as JSON.
// Usage: weft_bench_serve_load PORT PATHS_FILE CLIENTS
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s PORT PATHS_FILE CLIENTS\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const size_t clients = std::max(1, std::atoi(argv[3]));
  std::vector<std::string> paths;
  {
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) paths.push_back(line);
    }
  }
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<uint64_t> errors{0};
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (size_t c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_url_encode(false);  // the paths are encoded already
      client.set_read_timeout(30, 0);
      for (size_t i = c; i < paths.size(); i += clients) {
        const auto t = Clock::now();
        auto res = client.Get(paths[i].c_str());
        latencies[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
        if (!res || res->status != 200) ++errors;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto at = [&](double q) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(q * all.size()))];
  };
  std::printf(
      "{\"requests\": %zu, \"clients\": %zu, \"errors\": %llu, \"seconds\": %.2f, "
      "\"requests_per_s\": %.0f, \"p50_ms\": %.3f, \"p99_ms\": %.3f}\n",
      all.size(), clients, static_cast<unsigned long long>(errors.load()), seconds,
      static_cast<double>(all.size()) / seconds, at(0.5), at(0.99));
  return 0;
}
