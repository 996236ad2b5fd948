// Little-endian encoding of the syntax model's file: appending values to a string and reading
// them back with bounds checks.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "graph/base/error.h"

namespace weft::syntax {

inline void PutU32(std::string* out, uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out->append(b, 4);
}
inline void PutU64(std::string* out, uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out->append(b, 8);
}
inline void PutF32(std::string* out, float v) {
  uint32_t u = 0;
  std::memcpy(&u, &v, 4);
  PutU32(out, u);
}
inline void PutString(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

// Reads values from a byte string; every read checks that the bytes are there and throws
// weft::Error naming the file otherwise.
class ByteReader {
 public:
  ByteReader(std::string_view in, size_t* pos, const std::string& name)
      : in_(in), pos_(pos), name_(name) {}
  void Need(uint64_t n) const {
    if (in_.size() - *pos_ < n) {
      throw Error(name_ +
                  ": truncated or damaged syntax model (rebuild it with 'weft train "
                  "parser')");
    }
  }
  uint32_t U32() {
    Need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      v |= static_cast<uint32_t>(static_cast<uint8_t>(in_[*pos_ + i])) << (8 * i);
    }
    *pos_ += 4;
    return v;
  }
  uint64_t U64() {
    uint64_t lo = U32();
    uint64_t hi = U32();
    return lo | (hi << 32);
  }
  float F32() {
    uint32_t u = U32();
    float f = 0;
    std::memcpy(&f, &u, 4);
    return f;
  }
  std::string_view Bytes(uint64_t n) {
    Need(n);
    std::string_view s = in_.substr(*pos_, n);
    *pos_ += n;
    return s;
  }
  std::string String() { return std::string(Bytes(U32())); }
  // A count of items of `item_bytes` each, which must fit in what is left.
  uint64_t Count(uint64_t item_bytes) {
    uint64_t n = U64();
    if (item_bytes > 0 && n > (in_.size() - *pos_) / item_bytes) {
      throw Error(name_ + ": damaged syntax model (a count runs past the end)");
    }
    return n;
  }
  const std::string& name() const { return name_; }

 private:
  std::string_view in_;
  size_t* pos_;
  const std::string& name_;
};

}  // namespace weft::syntax
