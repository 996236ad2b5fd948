#include "cli/progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/context.h"

namespace weft::cli {

std::string HumanCount(double n) {
  if (n >= 1e9) return fmt::format("{:.1f}G", n / 1e9);
  if (n >= 1e6) return fmt::format("{:.1f}M", n / 1e6);
  if (n >= 1e4) return fmt::format("{:.0f}k", n / 1e3);
  return fmt::format("{:.0f}", n);
}

std::string HumanBytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", n) : fmt::format("{:.1f} {}", v, units[u]);
}

std::string HumanDuration(double seconds) {
  auto s = static_cast<uint64_t>(std::llround(std::max(0.0, seconds)));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m {:02}s", s / 60, s % 60);
  return fmt::format("{}h {:02}m", s / 3600, (s % 3600) / 60);
}

std::string ProgressLine(std::string_view label, uint64_t bytes_done, uint64_t total_bytes,
                         uint64_t items, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(items) / seconds : 0;
  std::string counts =
      fmt::format("{} statements, {}/s", HumanCount(static_cast<double>(items)), HumanCount(rate));
  if (total_bytes == 0) return fmt::format("{} {}", label, counts);
  const double frac =
      std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes));
  const int filled = static_cast<int>(frac * 30);
  std::string line = fmt::format("{} [{}{}] {:3.0f}% {}/{}, {}", label, std::string(filled, '#'),
                                 std::string(30 - filled, '.'), frac * 100, HumanBytes(bytes_done),
                                 HumanBytes(total_bytes), counts);
  // Time left once a few per cent are done: earlier the pace says little.
  if (frac >= 0.02 && frac < 1.0 && seconds > 0) {
    line += ", " + HumanDuration(seconds * (1.0 - frac) / frac) + " left";
  }
  return line;
}

std::string CountLine(std::string_view label, uint64_t done, uint64_t total, std::string_view noun,
                      double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  if (total == 0 && done == 0) return fmt::format("{} {}", label, HumanDuration(seconds));
  if (total == 0) {
    return fmt::format("{} {} {}, {}/s", label, HumanCount(static_cast<double>(done)), noun,
                       HumanCount(rate));
  }
  const double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  const int filled = static_cast<int>(frac * 30);
  std::string line =
      fmt::format("{} [{}{}] {:3.0f}% {}/{} {}", label, std::string(filled, '#'),
                  std::string(30 - filled, '.'), frac * 100, HumanCount(static_cast<double>(done)),
                  HumanCount(static_cast<double>(total)), noun);
  if (frac >= 0.02 && frac < 1.0 && seconds > 0) {
    line += ", " + HumanDuration(seconds * (1.0 - frac) / frac) + " left";
  }
  return line;
}

Progress::Progress(std::string label, uint64_t total_bytes, bool quiet)
    : label_(std::move(label)),
      total_bytes_(total_bytes),
      enabled_(!quiet && StderrIsTerminal()),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t bytes_done, uint64_t items_done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = noun_.empty()
                         ? ProgressLine(label_, bytes_done, total_bytes_, items_done, seconds)
                         : CountLine(label_, items_done, total_bytes_, noun_, seconds);
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

void Progress::Restart(std::string label, uint64_t total, std::string noun) {
  label_ = std::move(label);
  total_bytes_ = total;
  noun_ = std::move(noun);
  start_ = std::chrono::steady_clock::now();
  last_draw_ = start_ - std::chrono::seconds(1);  // the new step shows at once
}

}  // namespace weft::cli
