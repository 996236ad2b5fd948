# The sanitizer build (build-asan/), preloaded with `cmake -C` by scripts/test --sanitize and by
# scripts/fuzz so that both use one build: the test suite and the libFuzzer targets, compiled
# once with clang, AddressSanitizer and UndefinedBehaviorSanitizer, and libFuzzer's coverage
# hooks in every library (CMakeLists.txt, WEFT_FUZZ). The benchmark programs are left out.
set(CMAKE_C_COMPILER clang CACHE STRING "")
set(CMAKE_CXX_COMPILER clang++ CACHE STRING "")
set(CMAKE_BUILD_TYPE Debug CACHE STRING "")
set(WEFT_BUILD_TESTS ON CACHE BOOL "")
set(WEFT_BUILD_BENCH OFF CACHE BOOL "")
set(WEFT_SANITIZE ON CACHE BOOL "")
set(WEFT_FUZZ ON CACHE BOOL "")
# -O1, as the sanitizers' authors advise: the suite runs in half the time it takes at -O0, and
# stack traces keep their lines.
set(CMAKE_CXX_FLAGS_DEBUG "-g -O1" CACHE STRING "")
