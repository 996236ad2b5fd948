#include <fmt/format.h>

#include "storage/store.h"

namespace weft::storage {

std::string ContentHash(std::string_view content) {
  ContentHasher h;
  h.Update(content);
  return h.Finish();
}

void ContentHasher::Update(std::string_view data) {
  hash_.Update(data);
  length_ += data.size();
}

std::string ContentHasher::Finish() const {
  const Hash128Value h = hash_.Digest();
  return fmt::format("{:016x}{:016x}-{:x}", h.high, h.low, length_);
}

}  // namespace weft::storage
