// Order-preserving key encodings and compact value encodings used by the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace weft::storage {

// Appends v as 8 big-endian bytes, so that byte order equals numeric order.
void AppendBigEndian64(std::string* out, uint64_t v);
void AppendBigEndian32(std::string* out, uint32_t v);
// Writes v as 8 big-endian bytes at out.
inline void PutBigEndian64(char* out, uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}
// Reads 8 (or 4) big-endian bytes at p; the caller guarantees they exist.
uint64_t ReadBigEndian64(const char* p);
uint32_t ReadBigEndian32(const char* p);

// LEB128 variable-length integers.
void AppendVarint(std::string* out, uint64_t v);
// The longest encoding of a 64-bit varint.
constexpr size_t kMaxVarintBytes = 10;
// Writes v at p (room for kMaxVarintBytes) and returns the end; for encoders that size their
// output once.
inline char* PutVarint(char* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}
void AppendFixed32(std::string* out, uint32_t v);
// Writes v as 4 little-endian bytes at p and returns the end.
inline char* PutFixed32(char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) *p++ = static_cast<char>((v >> (8 * i)) & 0xff);
  return p;
}
void AppendLengthPrefixed(std::string* out, std::string_view s);

// Reads values from a byte string; every read checks bounds and sets ok() false on truncation.
class Decoder {
 public:
  explicit Decoder(std::string_view data) : data_(data) {}
  uint64_t Varint();
  uint32_t Fixed32();
  std::string_view LengthPrefixed();
  uint8_t Byte();
  bool ok() const { return ok_; }
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace weft::storage
