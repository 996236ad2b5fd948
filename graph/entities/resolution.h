// Name variants within a document: "Ms Boynton" and "Boynton" are the "Judy Boynton" named
// before, "Northwind" the "Northwind Systems", "WHO" the "World Health Organisation",
// "TimeWarner" the "Time Warner".
#pragma once

#include <string>
#include <vector>

#include "graph/entities/model.h"

namespace weft::entities {

struct NamedMention {
  std::string name;  // as written, without a possessive
  EntityClass type = EntityClass::kMisc;
};

struct ResolvedName {
  std::string canonical;  // the fullest form of the entity's name in the document
  EntityClass type = EntityClass::kMisc;
};

// The canonical name and type of each mention, in order. Rules, each applied only when it
// points to exactly one entity (two people who share a surname stay apart):
// - a person's surname, or a title and surname ("Ms Boynton"), or a title and first name
//   ("Sir Phil"), is the full name that ends (or starts) with it;
// - an organisation's leading words ("Northwind") or its name without a company suffix
//   ("Fabrikam" for "Fabrikam Inc") are the longer name;
// - an acronym ("WHO") is the organisation whose initials it spells;
// - names equal but for spaces and case ("TimeWarner") are one.
// The canonical form is the longest name in the cluster (the first such one on ties).
std::vector<ResolvedName> ResolveNameVariants(const std::vector<NamedMention>& mentions);

}  // namespace weft::entities
