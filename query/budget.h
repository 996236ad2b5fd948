// A query's time limit and cancellation flag, shared by every stage: parsing, binding, planning,
// explaining and executing all stop at the same deadline, counted from the query's start.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "graph/base/error.h"

namespace weft::query {

// Thrown when a query is cancelled or runs past a limit. Its exit code is a query error's.
class QueryInterrupted : public Error {
 public:
  explicit QueryInterrupted(const std::string& message) : Error(message) {}
  ExitCode Code() const override { return ExitCode::kQuery; }
};

class Budget {
 public:
  // No limit and no cancellation.
  Budget() = default;
  // `timeout` zero: no time limit. `cancel` may be null; it is set from another thread (a
  // signal handler, the REPL) to stop the query.
  Budget(std::chrono::milliseconds timeout, const std::atomic<bool>* cancel)
      : timeout_(timeout), cancel_(cancel), start_(std::chrono::steady_clock::now()) {}

  // Cheap: looks at the clock and the flag once every few thousand calls.
  void Tick() {
    if (++ticks_ % kTicksPerCheck == 0) Check();
  }
  // Throws QueryInterrupted when the query was cancelled or ran past its limit.
  void Check() const;

  std::chrono::milliseconds timeout() const { return timeout_; }
  const std::atomic<bool>* cancel() const { return cancel_; }

 private:
  static constexpr uint64_t kTicksPerCheck = 4096;
  std::chrono::milliseconds timeout_{0};
  const std::atomic<bool>* cancel_ = nullptr;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  uint64_t ticks_ = 0;
};

}  // namespace weft::query
