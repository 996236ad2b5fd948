#include "graph/base/hash.h"

#include <xxhash.h>

#include <new>

namespace weft {

uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

template <unsigned kBits>
struct StreamHash<kBits>::State {
  State() : s(XXH3_createState()) {
    if (s == nullptr) throw std::bad_alloc();
    if constexpr (kBits == 64) {
      XXH3_64bits_reset(s);
    } else {
      XXH3_128bits_reset(s);
    }
  }
  ~State() { XXH3_freeState(s); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  XXH3_state_t* s;
};

template <unsigned kBits>
StreamHash<kBits>::StreamHash() : state_(std::make_unique<State>()) {}
template <unsigned kBits>
StreamHash<kBits>::~StreamHash() = default;
template <unsigned kBits>
StreamHash<kBits>::StreamHash(StreamHash&&) noexcept = default;
template <unsigned kBits>
StreamHash<kBits>& StreamHash<kBits>::operator=(StreamHash&&) noexcept = default;

template <unsigned kBits>
void StreamHash<kBits>::Update(const void* data, size_t n) {
  if constexpr (kBits == 64) {
    XXH3_64bits_update(state_->s, data, n);
  } else {
    XXH3_128bits_update(state_->s, data, n);
  }
}

template <unsigned kBits>
typename StreamHash<kBits>::Value StreamHash<kBits>::Digest() const {
  if constexpr (kBits == 64) {
    return XXH3_64bits_digest(state_->s);
  } else {
    const XXH128_hash_t h = XXH3_128bits_digest(state_->s);
    return Hash128Value{h.high64, h.low64};
  }
}

template class StreamHash<64>;
template class StreamHash<128>;

}  // namespace weft
