// A progress line on standard error, drawn only when it is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace weft::cli {

// Shows "label [#####.....] 42% 1.2M items 310k/s". Redraws at most ten times a second; does
// nothing when stderr is not a terminal or quiet is set.
class Progress {
 public:
  Progress(std::string label, uint64_t total_bytes, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Update(uint64_t bytes_done, uint64_t items_done);
  // Clears the line.
  void Finish();

 private:
  std::string label_;
  uint64_t total_bytes_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "1.2M", "310k", "42"
std::string HumanCount(double n);
// "12.3 MiB"
std::string HumanBytes(uint64_t n);

}  // namespace weft::cli
