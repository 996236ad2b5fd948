#include "query/budget.h"

#include <fmt/format.h>

namespace weft::query {

void Budget::Check() const {
  if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
    throw QueryInterrupted("query cancelled");
  }
  if (timeout_.count() > 0 && std::chrono::steady_clock::now() - start_ > timeout_) {
    throw QueryInterrupted(
        fmt::format("query stopped: it ran past its time limit of {} ms", timeout_.count()));
  }
}

}  // namespace weft::query
