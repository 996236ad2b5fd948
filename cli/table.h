// Result tables and their output formats: aligned text, JSON, CSV and TSV.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "cli/context.h"

namespace weft::cli {

// A cell keeps its text and whether it is a number, so JSON writes numbers unquoted.
struct Cell {
  std::string text;
  bool number = false;
  Cell(std::string t) : text(std::move(t)) {}  // NOLINT(google-explicit-constructor)
  Cell(const char* t) : text(t) {}             // NOLINT(google-explicit-constructor)
  static Cell Number(double v);
  static Cell Integer(uint64_t v);
};

struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

struct PrintOptions {
  OutputFormat format = OutputFormat::kTable;
  // Width to fit an aligned table into; 0 means no limit. Long cells are cut with an ellipsis.
  size_t max_width = 0;
  bool row_count = true;
};

void PrintTable(const ResultTable& table, const PrintOptions& options, std::FILE* out);

// The terminal's width, or 0 when stdout is not a terminal.
size_t TerminalWidth();
// Display width of UTF-8 text (code points; wide scripts count as one).
size_t DisplayWidth(std::string_view s);

}  // namespace weft::cli
