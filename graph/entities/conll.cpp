#include "graph/entities/conll.h"

#include <fstream>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::entities {
namespace {

// The longest line accepted: a token and a few tags.
constexpr size_t kMaxLineBytes = 4096;

std::vector<std::string_view> Columns(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (b < i) out.push_back(line.substr(b, i - b));
  }
  return out;
}

}  // namespace

std::vector<LabelledSentence> ReadConll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path, 0,
                     "cannot open (the CoNLL-2003 data is read from ../shared/data/conll2003/ by "
                     "default; give --data)");
  LineReader reader(in, kMaxLineBytes);
  std::vector<LabelledSentence> out;
  LabelledSentence cur;
  size_t columns = 0;
  uint32_t document = 0;
  bool open = false;  // the last token's tag was inside a mention
  auto flush = [&] {
    if (!cur.words.empty()) out.push_back(std::move(cur));
    cur = LabelledSentence();
    cur.document = document;
    open = false;
  };
  std::string line;
  while (true) {
    LineReader::Result r = reader.Next(&line);
    if (r == LineReader::Result::kEnd) break;
    uint64_t n = reader.line_number();
    if (r == LineReader::Result::kTooLong) throw InputError(path, n, "line too long");
    std::vector<std::string_view> cols = Columns(line);
    if (cols.empty()) {
      flush();
      continue;
    }
    if (cols[0] == "-DOCSTART-") {
      flush();
      cur.document = ++document;
      continue;
    }
    if (columns == 0) {
      columns = cols.size();
      if (columns < 2 || columns > 4) {
        throw InputError(
            path, n, "expected 2 to 4 columns (token ... tag), found " + std::to_string(columns));
      }
    }
    if (cols.size() != columns) {
      throw InputError(
          path, n,
          "expected " + std::to_string(columns) + " columns, found " + std::to_string(cols.size()));
    }
    std::string_view tag = columns == 4 ? cols[3] : cols[1];
    if (cur.words.empty()) cur.line = n;
    size_t index = cur.words.size();
    cur.words.emplace_back(cols[0]);
    if (tag == "O") {
      open = false;
      continue;
    }
    std::optional<EntityClass> type;
    if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
      type = ParseEntityClass(tag.substr(2));
    }
    if (!type)
      throw InputError(path, n,
                       "unknown tag '" + std::string(tag) +
                           "' (expected O, B-X or I-X with X one of PER, ORG, LOC, MISC)");
    bool continues =
        tag[0] == 'I' && open && cur.spans.back().type == *type && cur.spans.back().end == index;
    if (continues) {
      cur.spans.back().end = index + 1;
    } else {
      cur.spans.push_back({index, index + 1, *type});
    }
    open = true;
  }
  flush();
  if (out.empty()) throw InputError(path, 0, "no tokens: an empty data file");
  return out;
}

}  // namespace weft::entities
