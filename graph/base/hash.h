// Stable hashes (xxHash's XXH3): the same on every machine and in every run, for what is kept on
// disk or compared across processes: document identity, scopes, model keys and checksums.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>

namespace weft {

// XXH3-64 of the bytes.
uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);

struct Hash128Value {
  uint64_t high = 0, low = 0;
};

// The same hashes over bytes that arrive in pieces: equal to the one-call forms of their
// concatenation (StreamHash64: Hash64 with seed 0; StreamHash128: XXH3-128).
template <unsigned kBits>
class StreamHash {
 public:
  static_assert(kBits == 64 || kBits == 128);
  using Value = std::conditional_t<kBits == 64, uint64_t, Hash128Value>;

  StreamHash();
  ~StreamHash();
  StreamHash(StreamHash&&) noexcept;
  StreamHash& operator=(StreamHash&&) noexcept;
  void Update(const void* data, size_t n);
  void Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }
  Value Digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

extern template class StreamHash<64>;
extern template class StreamHash<128>;
using StreamHash64 = StreamHash<64>;
using StreamHash128 = StreamHash<128>;

}  // namespace weft
