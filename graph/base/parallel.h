// Work spread over threads: the one pool weft's stages use.
#pragma once

#include <cstddef>
#include <functional>

namespace weft {

// Calls fn(i) for every i in [0, n) on up to `threads` threads (at least one), each taking the
// next index as it finishes one. Returns when all are done; the first exception thrown by a call
// is thrown again here once every thread has stopped (the remaining indexes still run).
void ParallelFor(size_t n, unsigned threads, const std::function<void(size_t)>& fn);

}  // namespace weft
