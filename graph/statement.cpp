#include "graph/statement.h"

#include <algorithm>

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

}  // namespace weft
