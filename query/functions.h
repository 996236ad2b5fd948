// The query language's functions and comparison operators: one table that the binder resolves
// names against, the executor dispatches on, and the REPL completes from.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace weft::query {

enum class Function : uint8_t {
  kName,
  kType,
  kLabel,
  kConfidence,
  kSupport,
  kDocument,
  kSentence,
  kSources,
  kPublished,
  kDegree,
  kInDegree,
  kOutDegree,
  kLower,
  kUpper,
  kLength,
  kStr,
  kSubject,
  kObject,
  kQualifier,
  kAliases,
  // Aggregates.
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kCollect,
};

struct FunctionInfo {
  std::string_view name;
  Function function;
  int min_args, max_args;
  bool aggregate;
  bool provenance;  // reads the statements' sources from the store
};

// Every function, in the order the documentation lists them.
std::span<const FunctionInfo> Functions();

// The function named `name` (exact, lower case), or null.
const FunctionInfo* FindFunction(std::string_view name);
const FunctionInfo& Describe(Function f);

enum class CompareOp : uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

// The operator written `text` ("=", "!=", "<", "<=", ">", ">="), or false.
bool ParseCompareOp(std::string_view text, CompareOp* op);
std::string_view CompareOpText(CompareOp op);

}  // namespace weft::query
