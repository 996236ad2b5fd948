#include "graph/base/hash.h"

#include <xxhash.h>

#include <new>

namespace weft {

uint64_t Hash64(const void* data, size_t n, uint64_t seed) {
  return XXH3_64bits_withSeed(data, n, seed);
}

namespace {

XXH3_state_t* NewState() {
  XXH3_state_t* s = XXH3_createState();
  if (s == nullptr) throw std::bad_alloc();
  return s;
}

}  // namespace

struct StreamHash64::State {
  State() : s(NewState()) { XXH3_64bits_reset(s); }
  ~State() { XXH3_freeState(s); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  XXH3_state_t* s;
};

StreamHash64::StreamHash64() : state_(std::make_unique<State>()) {}
StreamHash64::~StreamHash64() = default;
StreamHash64::StreamHash64(StreamHash64&&) noexcept = default;
StreamHash64& StreamHash64::operator=(StreamHash64&&) noexcept = default;
void StreamHash64::Update(const void* data, size_t n) { XXH3_64bits_update(state_->s, data, n); }
uint64_t StreamHash64::Digest() const { return XXH3_64bits_digest(state_->s); }

struct StreamHash128::State {
  State() : s(NewState()) { XXH3_128bits_reset(s); }
  ~State() { XXH3_freeState(s); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  XXH3_state_t* s;
};

StreamHash128::StreamHash128() : state_(std::make_unique<State>()) {}
StreamHash128::~StreamHash128() = default;
StreamHash128::StreamHash128(StreamHash128&&) noexcept = default;
StreamHash128& StreamHash128::operator=(StreamHash128&&) noexcept = default;
void StreamHash128::Update(const void* data, size_t n) { XXH3_128bits_update(state_->s, data, n); }
Hash128Value StreamHash128::Digest() const {
  const XXH128_hash_t h = XXH3_128bits_digest(state_->s);
  return {h.high64, h.low64};
}

}  // namespace weft
