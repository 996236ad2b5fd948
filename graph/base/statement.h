// The model: statements with qualifiers and the provenance that supports them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/base/ids.h"

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

// A kind named in one document only. "agreement" in one article is not the agreement of
// another: a bare common noun of an ingested document is its own node, stored as the name, this
// mark and a scope (DocumentScope: a hash of the document's name), and shown everywhere as the name
// alone (as a blank node of RDF with a label). Without the scope every article's "company" would be
// one node, the most central of the graph, joining facts that have nothing to do with each other.
inline constexpr char kScopeMark = '\x1f';
// "agreement" + mark + scope.
std::string ScopedName(std::string_view name, std::string_view scope);
// The scope of a document's own nodes: XXH3-64 of its name in sixteen hex digits, the same on
// every machine; among a million documents two share one with a chance of about 1 in 3.7e7.
std::string DocumentScope(std::string_view document_name);
// The name a term is shown by: the part before the scope mark, or the whole term.
std::string_view DisplayName(std::string_view term);

// Sorts qualifiers and removes exact duplicates, so that equal statements compare equal.
void NormaliseQualifiers(std::vector<Qualifier>& qualifiers);

}  // namespace weft
