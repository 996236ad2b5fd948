#include "cli/table.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "graph/base/text.h"

namespace weft::cli {

Cell Cell::Number(double v) {
  Cell c(fmt::format("{:.6g}", v));
  c.number = true;
  return c;
}

Cell Cell::Integer(uint64_t v) {
  Cell c(std::to_string(v));
  c.number = true;
  return c;
}

size_t TerminalWidth() {
  if (isatty(STDOUT_FILENO) != 1) return 0;
  struct winsize ws {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) return 0;
  return ws.ws_col;
}

size_t DisplayWidth(std::string_view s) { return Utf8Length(s); }

namespace {

// Cuts s to at most `width` display columns, ending in an ellipsis when cut.
std::string Fit(std::string_view s, size_t width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  if (width == 0) return "";
  std::string out;
  size_t cols = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xc0) != 0x80) {
      if (cols + 1 >= width) break;
      ++cols;
    }
    out.push_back(s[i]);
  }
  return out + "…";
}

// Control characters would break the table's lines; show them escaped.
std::string Visible(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string TsvField(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

void PrintTable(const ResultTable& table, const PrintOptions& options, std::FILE* out) {
  const size_t ncol = table.columns.size();
  switch (options.format) {
    case OutputFormat::kJson: {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& row : table.rows) {
        nlohmann::json obj = nlohmann::json::object();
        for (size_t i = 0; i < ncol && i < row.size(); ++i) {
          const Cell& c = row[i];
          if (c.number) {
            obj[table.columns[i]] = nlohmann::json::parse(c.text, nullptr, false);
          } else {
            obj[table.columns[i]] = SanitiseUtf8(c.text);
          }
        }
        rows.push_back(std::move(obj));
      }
      std::fprintf(out, "%s\n", rows.dump(2).c_str());
      return;
    }
    case OutputFormat::kCsv:
    case OutputFormat::kTsv: {
      const bool csv = options.format == OutputFormat::kCsv;
      auto field = [&](std::string_view s) { return csv ? CsvField(s) : TsvField(s); };
      std::string line;
      for (size_t i = 0; i < ncol; ++i)
        line += (i ? (csv ? "," : "\t") : "") + field(table.columns[i]);
      std::fprintf(out, "%s\n", line.c_str());
      for (const auto& row : table.rows) {
        line.clear();
        for (size_t i = 0; i < ncol && i < row.size(); ++i) {
          line += (i ? (csv ? "," : "\t") : "") + field(row[i].text);
        }
        std::fprintf(out, "%s\n", line.c_str());
      }
      return;
    }
    case OutputFormat::kTable:
      break;
  }
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(ncol);
  for (size_t i = 0; i < ncol; ++i) width[i] = DisplayWidth(table.columns[i]);
  for (const auto& row : table.rows) {
    std::vector<std::string> r;
    for (size_t i = 0; i < ncol; ++i) {
      r.push_back(i < row.size() ? Visible(row[i].text) : "");
      width[i] = std::max(width[i], DisplayWidth(r.back()));
    }
    cells.push_back(std::move(r));
  }
  // Shrink the widest columns until the table fits.
  if (options.max_width > 0 && ncol > 0) {
    auto total = [&] {
      size_t t = 0;
      for (size_t w : width) t += w + 3;
      return t + 1;
    };
    while (total() > options.max_width) {
      size_t widest = std::max_element(width.begin(), width.end()) - width.begin();
      if (width[widest] <= 6) break;
      --width[widest];
    }
  }
  auto rule = [&](const char* l, const char* m, const char* r) {
    std::string s = l;
    for (size_t i = 0; i < ncol; ++i) {
      for (size_t k = 0; k < width[i] + 2; ++k) s += "─";
      s += i + 1 < ncol ? m : r;
    }
    std::fprintf(out, "%s\n", s.c_str());
  };
  auto line = [&](const std::vector<std::string>& r, const std::vector<bool>& right) {
    std::string s = "│";
    for (size_t i = 0; i < ncol; ++i) {
      std::string c = Fit(r[i], width[i]);
      std::string pad(width[i] - DisplayWidth(c), ' ');
      s += " " + (right[i] ? pad + c : c + pad) + " │";
    }
    std::fprintf(out, "%s\n", s.c_str());
  };
  std::vector<bool> left(ncol, false);
  rule("┌", "┬", "┐");
  line(table.columns, left);
  rule("├", "┼", "┤");
  for (size_t r = 0; r < cells.size(); ++r) {
    std::vector<bool> right(ncol);
    for (size_t i = 0; i < ncol && i < table.rows[r].size(); ++i)
      right[i] = table.rows[r][i].number;
    line(cells[r], right);
  }
  rule("└", "┴", "┘");
  if (options.row_count) {
    std::fprintf(out, "(%zu %s)\n", table.rows.size(), table.rows.size() == 1 ? "row" : "rows");
  }
}

}  // namespace weft::cli
