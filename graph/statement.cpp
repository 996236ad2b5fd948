#include "graph/statement.h"

#include <algorithm>

#include "graph/text.h"

namespace weft {

float StoredStatement::Confidence() const {
  float best = 0.0f;
  for (const Source& s : sources) best = std::max(best, s.evidence.confidence);
  return best;
}

void NormaliseQualifiers(std::vector<Qualifier>& qualifiers) {
  std::sort(qualifiers.begin(), qualifiers.end());
  qualifiers.erase(std::unique(qualifiers.begin(), qualifiers.end()), qualifiers.end());
}

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kOrganisation:
      return "organisation";
    case EntityType::kPerson:
      return "person";
    case EntityType::kPlace:
      return "place";
    case EntityType::kOther:
      break;
  }
  return "other";
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "organisation" || n == "organization" || n == "org") return EntityType::kOrganisation;
  if (n == "person") return EntityType::kPerson;
  if (n == "place" || n == "location") return EntityType::kPlace;
  if (n == "other") return EntityType::kOther;
  return std::nullopt;
}

}  // namespace weft
