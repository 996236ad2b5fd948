#include "graph/base/statement.h"

#include <fmt/format.h>

#include <algorithm>

#include "graph/base/hash.h"
#include "graph/base/text.h"

namespace weft {

float StoredStatement::Confidence() const {
  float best = 0.0f;
  for (const Source& s : sources) best = std::max(best, s.evidence.confidence);
  return best;
}

std::string ScopedName(std::string_view name, std::string_view scope) {
  std::string out(name);
  out.push_back(kScopeMark);
  out.append(scope);
  return out;
}

std::string DocumentScope(std::string_view document_name) {
  return fmt::format("{:016x}", Hash64(document_name));
}

std::string_view DisplayName(std::string_view term) {
  return term.substr(0, term.find(kScopeMark));
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
    case EntityType::kMisc:
      return "misc";
    case EntityType::kConcept:
      return "concept";
    case EntityType::kMoney:
      return "money";
    case EntityType::kPercent:
      return "percent";
    case EntityType::kDate:
      return "date";
    case EntityType::kQuantity:
      return "quantity";
    case EntityType::kOther:
      break;
  }
  return "other";
}

bool IsNamedType(EntityType type) {
  return type == EntityType::kOrganisation || type == EntityType::kPerson ||
         type == EntityType::kPlace || type == EntityType::kMisc;
}

bool IsValueType(EntityType type) {
  return type == EntityType::kMoney || type == EntityType::kPercent || type == EntityType::kDate ||
         type == EntityType::kQuantity;
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "organisation" || n == "organization" || n == "org") return EntityType::kOrganisation;
  if (n == "person") return EntityType::kPerson;
  if (n == "place" || n == "location") return EntityType::kPlace;
  if (n == "other") return EntityType::kOther;
  for (EntityType t : {EntityType::kMisc, EntityType::kConcept, EntityType::kMoney,
                       EntityType::kPercent, EntityType::kDate, EntityType::kQuantity}) {
    if (n == EntityTypeName(t)) return t;
  }
  return std::nullopt;
}

}  // namespace weft
