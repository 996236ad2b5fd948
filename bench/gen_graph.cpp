// Writes a synthetic knowledge graph as TSV for `weft import`: power-law degrees (preferential
// choice of endpoints), a few hundred labels with a skewed frequency, fixed seed.
//
// Usage: weft_bench_gen EDGES [LABELS] [SEED] > graph.tsv
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s EDGES [LABELS] [SEED]\n", argv[0]);
    return 2;
  }
  const uint64_t edges = std::strtoull(argv[1], nullptr, 10);
  const uint32_t labels =
      argc > 2 ? static_cast<uint32_t>(std::strtoul(argv[2], nullptr, 10)) : 300;
  const uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42;
  const uint64_t vertices = std::max<uint64_t>(16, edges / 8);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  // Zipf-like choice: index = n * u^a concentrates mass on small indexes (a > 1).
  auto skewed = [&](uint64_t n, double a) {
    return static_cast<uint64_t>(std::pow(unit(rng), a) * static_cast<double>(n)) % n;
  };
  std::vector<char> buf;
  buf.reserve(1 << 20);
  std::string line;
  for (uint64_t i = 0; i < edges; ++i) {
    uint64_t s = skewed(vertices, 2.2);
    uint64_t o = skewed(vertices, 1.6);
    uint64_t p = skewed(labels, 2.0);
    line = "e" + std::to_string(s) + "\tp" + std::to_string(p) + "\te" + std::to_string(o) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return 0;
}
