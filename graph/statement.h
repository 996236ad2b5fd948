// The model: statements with qualifiers and the provenance that supports them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/ids.h"

namespace weft {

// What kind of thing a node is. People, organisations, places and other names (misc: events,
// nationalities, products) are named entities; a concept is a common noun ("staff", "chip");
// money, percentages, dates and quantities are values. Other: nothing is known (imports).
// The numbers are stored: append only.
enum class EntityType : uint8_t {
  kOther = 0,
  kOrganisation,
  kPerson,
  kPlace,
  kMisc,
  kConcept,
  kMoney,
  kPercent,
  kDate,
  kQuantity,
};
constexpr EntityType kLastEntityType = EntityType::kQuantity;
std::string_view EntityTypeName(EntityType type);
// "organisation" (or "organization", "org"), "person", "place" (or "location"), "misc",
// "concept", "money", "percent", "date", "quantity", "other".
std::optional<EntityType> ParseEntityType(std::string_view name);
// People, organisations, places and misc names.
bool IsNamedType(EntityType type);
// Money, percentages, dates and quantities.
bool IsValueType(EntityType type);

// A statement as text, before it is given ids: what importers and the extractor produce.
struct Qualifier {
  std::string role;   // a preposition or role, e.g. "to"
  std::string value;  // e.g. "Ireland"
  auto operator<=>(const Qualifier&) const = default;
};

// Where one statement was found. Offsets are byte offsets into the sentence's document text, or
// 0 when the source is a line of an imported file.
struct Evidence {
  uint32_t sentence = 0;  // sentence index in the document, or line number for imports
  uint32_t begin = 0;
  uint32_t end = 0;
  float confidence = 1.0f;
};

struct StatementRecord {
  std::string subject;
  std::string predicate;
  std::string object;
  std::vector<Qualifier> qualifiers;  // kept sorted by (role, value) once normalised
  Evidence evidence;
};

// The stored form: ids in place of strings.
struct StoredQualifier {
  TermId role;
  TermId value;
  auto operator<=>(const StoredQualifier&) const = default;
};

// One source of a statement: the document and the evidence inside it.
struct Source {
  DocumentId document;
  Evidence evidence;
};

struct StoredStatement {
  StatementId id;
  TermId subject;
  TermId predicate;
  TermId object;
  std::vector<StoredQualifier> qualifiers;  // sorted
  std::vector<Source> sources;              // never empty for a stored statement

  // The highest confidence among the sources.
  float Confidence() const;
};

// Sorts qualifiers and removes exact duplicates, so that equal statements compare equal.
void NormaliseQualifiers(std::vector<Qualifier>& qualifiers);

}  // namespace weft
