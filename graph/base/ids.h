// Strong id types for terms, statements and documents, so that ids of different kinds never mix.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace weft {

// An id with a tag type: two StrongId instantiations do not convert into each other. The store's
// ids are 64-bit; the in-memory graph's dense ids 32-bit (graph/snapshot/graph.h).
template <typename Tag, typename T = uint64_t>
struct StrongId {
  T value = 0;

  constexpr StrongId() = default;
  constexpr explicit StrongId(T v) : value(v) {}
  constexpr auto operator<=>(const StrongId&) const = default;
};

struct TermTag {};
struct StatementTag {};
struct DocumentTag {};

// A string of the term dictionary: an entity name, a predicate, a qualifier role or value.
using TermId = StrongId<TermTag>;
// One statement (subject, predicate, object, qualifiers), however many sources support it.
using StatementId = StrongId<StatementTag>;
// One ingested or imported document.
using DocumentId = StrongId<DocumentTag>;

}  // namespace weft

template <typename Tag, typename T>
struct std::hash<weft::StrongId<Tag, T>> {
  size_t operator()(const weft::StrongId<Tag, T>& id) const noexcept {
    return std::hash<T>()(id.value);
  }
};
