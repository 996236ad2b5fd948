// Values of query results: their text, truth, number, order and equality, as the executor
// compares them. Internal to the executor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/executor/executor.h"

namespace weft::query {

// Confidences are stored as floats; read them back as the decimal they were written as.
double Decimal(float f);

// Whether a value counts as true in a filter: a true boolean, a non-zero number, a non-empty
// string, any entity or edge; null is false.
bool Truthy(const Value& v);

// A number, a boolean as 0/1, or a string that reads as a number; nullopt otherwise.
std::optional<double> AsNumber(const Value& v);

// Orders values: null first, then numbers, then text.
int CompareValues(const Value& a, const Value& b, const graph::Graph& g);

// An entity equals a string that names it (canonically or by alias, ignoring case); a predicate
// a string with its name; otherwise values equal when they compare equal, and null equals
// nothing.
bool EqualValues(const Value& a, const Value& b, const graph::Graph& g);

// A row key for DISTINCT and grouping.
std::string Key(const std::vector<Value>& row);

}  // namespace weft::query
