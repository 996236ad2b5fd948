// Stable hashes (xxHash's XXH3): the same on every machine and in every run, for what is kept on
// disk or compared across processes: document identity, scopes, model keys and checksums.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace weft {

uint64_t Hash64(const void* data, size_t n, uint64_t seed = 0);
inline uint64_t Hash64(std::string_view bytes, uint64_t seed = 0) {
  return Hash64(bytes.data(), bytes.size(), seed);
}

struct Hash128Value {
  uint64_t high = 0, low = 0;
};

// The same hashes over bytes that arrive in pieces: equal to the one-call forms of their
// concatenation.
class StreamHash64 {
 public:
  StreamHash64();
  ~StreamHash64();
  StreamHash64(StreamHash64&&) noexcept;
  StreamHash64& operator=(StreamHash64&&) noexcept;
  void Update(const void* data, size_t n);
  void Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }
  uint64_t Digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

class StreamHash128 {
 public:
  StreamHash128();
  ~StreamHash128();
  StreamHash128(StreamHash128&&) noexcept;
  StreamHash128& operator=(StreamHash128&&) noexcept;
  void Update(const void* data, size_t n);
  void Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }
  Hash128Value Digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace weft
