#include "query/functions.h"

#include <iterator>

namespace weft::query {
namespace {

constexpr FunctionInfo kFunctions[] = {
    {"name", Function::kName, 1, 1, false, false},
    {"type", Function::kType, 1, 1, false, false},
    {"label", Function::kLabel, 1, 1, false, false},
    {"confidence", Function::kConfidence, 1, 1, false, false},
    {"support", Function::kSupport, 1, 1, false, false},
    {"document", Function::kDocument, 1, 1, false, true},
    {"sentence", Function::kSentence, 1, 1, false, true},
    {"sources", Function::kSources, 1, 1, false, true},
    {"published", Function::kPublished, 1, 1, false, true},
    {"degree", Function::kDegree, 1, 1, false, false},
    {"indegree", Function::kInDegree, 1, 1, false, false},
    {"outdegree", Function::kOutDegree, 1, 1, false, false},
    {"lower", Function::kLower, 1, 1, false, false},
    {"upper", Function::kUpper, 1, 1, false, false},
    {"length", Function::kLength, 1, 1, false, false},
    {"str", Function::kStr, 1, 1, false, false},
    {"subject", Function::kSubject, 1, 1, false, false},
    {"object", Function::kObject, 1, 1, false, false},
    {"qualifier", Function::kQualifier, 2, 2, false, false},
    {"aliases", Function::kAliases, 1, 1, false, false},
    {"count", Function::kCount, 0, 1, true, false},
    {"sum", Function::kSum, 1, 1, true, false},
    {"avg", Function::kAvg, 1, 1, true, false},
    {"min", Function::kMin, 1, 1, true, false},
    {"max", Function::kMax, 1, 1, true, false},
    {"collect", Function::kCollect, 1, 1, true, false},
};

// The table is indexed by the enum: each row sits at its enumerator's position.
constexpr bool TableInEnumOrder() {
  for (size_t i = 0; i < std::size(kFunctions); ++i) {
    if (static_cast<size_t>(kFunctions[i].function) != i) return false;
  }
  return true;
}
static_assert(TableInEnumOrder());

constexpr std::string_view kCompareOps[] = {"=", "!=", "<", "<=", ">", ">="};

}  // namespace

std::span<const FunctionInfo> Functions() { return kFunctions; }

const FunctionInfo* FindFunction(std::string_view name) {
  for (const FunctionInfo& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FunctionInfo& Describe(Function f) { return kFunctions[static_cast<size_t>(f)]; }

bool ParseCompareOp(std::string_view text, CompareOp* op) {
  for (size_t i = 0; i < std::size(kCompareOps); ++i) {
    if (kCompareOps[i] == text) {
      *op = static_cast<CompareOp>(i);
      return true;
    }
  }
  return false;
}

std::string_view CompareOpText(CompareOp op) { return kCompareOps[static_cast<size_t>(op)]; }

}  // namespace weft::query
