#include "storage/key_encoding.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

using namespace weft::storage;

TEST_CASE("big-endian keys sort as their numbers", "[storage][encoding]") {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> values = {0, 1, 255, 256, 65535, 1ULL << 32, UINT64_MAX - 1, UINT64_MAX};
  for (int i = 0; i < 1000; ++i) values.push_back(rng());
  std::vector<std::string> keys;
  for (uint64_t v : values) {
    std::string k;
    AppendBigEndian64(&k, v);
    REQUIRE(k.size() == 8);
    REQUIRE(ReadBigEndian64(k.data()) == v);
    keys.push_back(k);
  }
  std::vector<size_t> by_key(values.size()), by_value(values.size());
  for (size_t i = 0; i < values.size(); ++i) by_key[i] = by_value[i] = i;
  std::sort(by_key.begin(), by_key.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  std::sort(by_value.begin(), by_value.end(),
            [&](size_t a, size_t b) { return values[a] < values[b]; });
  for (size_t i = 0; i < values.size(); ++i) REQUIRE(values[by_key[i]] == values[by_value[i]]);
}

TEST_CASE("varints and length-prefixed strings round-trip and truncation is detected",
          "[storage][encoding]") {
  std::string buf;
  const uint64_t values[] = {0, 1, 127, 128, 300, 1ULL << 35, UINT64_MAX};
  for (uint64_t v : values) AppendVarint(&buf, v);
  AppendLengthPrefixed(&buf, "héllo");
  AppendFixed32(&buf, 0xdeadbeef);
  Decoder d(buf);
  for (uint64_t v : values) REQUIRE(d.Varint() == v);
  REQUIRE(d.LengthPrefixed() == "héllo");
  REQUIRE(d.Fixed32() == 0xdeadbeef);
  REQUIRE(d.ok());
  REQUIRE(d.done());

  Decoder truncated(std::string_view(buf).substr(0, buf.size() - 2));
  for (uint64_t v : values) truncated.Varint(), (void)v;
  truncated.LengthPrefixed();
  truncated.Fixed32();
  REQUIRE_FALSE(truncated.ok());
}
