// Keys under which different spellings of one entity's name meet, across documents.
#pragma once

#include <string>
#include <string_view>

#include "graph/base/statement.h"

namespace weft {

// Lower case, without spaces, periods, commas and hyphens: "Time-Warner" -> "timewarner".
std::string FoldName(std::string_view s);

// "Inc", "Corp.", "plc", "Group", "AG", ... (case and final period ignored).
bool IsCompanySuffix(std::string_view word);

// The key two names of one entity share: lower case, without spaces, periods, commas and
// hyphens, and for an organisation without its company suffixes ("Shearson Lehman Brothers
// Inc." and "Shearson Lehman Brothers" → "shearsonlehmanbrothers"; "WEDGE Group Inc" and "Wedge
// Group Inc" → "wedge"). An organisation named only by a suffix keeps it.
std::string EntityKey(std::string_view name, EntityType type);

}  // namespace weft
