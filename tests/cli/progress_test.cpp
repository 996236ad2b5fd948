// The progress line: done and total, rate, and time left when the total is known.
#include "cli/progress.h"

#include <catch2/catch.hpp>

using namespace weft::cli;

TEST_CASE("the progress line shows done/total, rate and time left", "[cli][progress]") {
  // A quarter of 4 MiB in 10 s: 30 s left at that pace; 500 statements are 50/s.
  std::string line = ProgressLine("ingest", 1 << 20, 4 << 20, 500, 10.0);
  CHECK(line ==
        "ingest [#######.......................]  25% 1.0 MiB/4.0 MiB, 500 statements, 50/s, "
        "30s left");
  // Unknown total (standard input): counts and rate only.
  CHECK(ProgressLine("ingest", 1 << 20, 0, 1500, 3.0) == "ingest 1500 statements, 500/s");
  // Too early to tell, and done: no time left shown.
  CHECK(ProgressLine("import", 1, 1000, 0, 0.5).find("left") == std::string::npos);
  CHECK(ProgressLine("import", 1000, 1000, 9, 2.0).find("left") == std::string::npos);
}

TEST_CASE("durations read as a person would say them", "[cli][progress]") {
  CHECK(HumanDuration(44.6) == "45s");
  CHECK(HumanDuration(80) == "1m 20s");
  CHECK(HumanDuration(7500) == "2h 05m");
}

TEST_CASE("a count progress line shows items of a total", "[cli]") {
  CHECK(CountLine("check: statements", 4200000, 10000000, "statements", 10.0) ==
        "check: statements [############..................]  42% 4.2M/10.0M statements, "
        "14s left");
  CHECK(CountLine("check: terms", 1500, 0, "terms", 3.0) == "check: terms 1500 terms, 500/s");
  CHECK(CountLine("check: snapshot", 0, 0, "statements", 75.0) == "check: snapshot 1m 15s");
}
