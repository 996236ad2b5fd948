#include "graph/base/error.h"

#include <cstdio>
#include <cstdlib>

namespace weft::internal {

void CheckFailed(const char* cond, const char* file, int line) {
  std::fprintf(stderr, "weft: internal error: check failed: %s at %s:%d\n", cond, file, line);
  std::abort();
}

}  // namespace weft::internal
