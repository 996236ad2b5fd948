// A progress line on standard error, drawn only when it is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace weft::cli {

// Shows "label [#####.....]  42% 12.3/29.1 MiB, 1.2M statements, 310k/s, 1m 20s left", or
// without a known total "label 1.2M statements, 310k/s". Redraws at most ten times a second;
// does nothing when stderr is not a terminal or quiet is set.
class Progress {
 public:
  Progress(std::string label, uint64_t total_bytes, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Update(uint64_t bytes_done, uint64_t items_done);
  // Clears the line.
  void Finish();
  // Starts over as a count of `noun` ("terms") out of `total` (0: unknown), for work measured
  // in items rather than bytes: "label [####......]  42% 4.2M/10.0M terms, 1m 20s left".
  void Restart(std::string label, uint64_t total, std::string noun);

 private:
  std::string label_;
  uint64_t total_bytes_;
  std::string noun_;  // empty: bytes
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// The progress line for `bytes_done` of `total_bytes` (0: unknown) and `items` done after
// `seconds`. The rate is of items; the time left assumes the bytes keep their pace.
std::string ProgressLine(std::string_view label, uint64_t bytes_done, uint64_t total_bytes,
                         uint64_t items, double seconds);
// The progress line for `done` of `total` `noun` (0: unknown) after `seconds`.
std::string CountLine(std::string_view label, uint64_t done, uint64_t total, std::string_view noun,
                      double seconds);
// "45s", "1m 20s", "2h 05m"
std::string HumanDuration(double seconds);
// "1.2M", "310k", "42"
std::string HumanCount(double n);
// "12.3 MiB"
std::string HumanBytes(uint64_t n);

}  // namespace weft::cli
