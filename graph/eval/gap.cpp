#include "graph/eval/gap.h"

#include <fstream>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::eval {
namespace {

// GAP's lines hold a paragraph of Wikipedia text.
constexpr size_t kMaxLineBytes = 1 << 20;
constexpr size_t kFields = 11;

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out;
  size_t b = 0;
  while (true) {
    size_t e = line.find('\t', b);
    out.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

// The byte offset of code point `n` of `s`, or npos past the end.
size_t ByteOffset(const std::string& s, size_t n) {
  size_t cp = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) == 0x80) continue;
    if (cp == n) return i;
    ++cp;
  }
  return cp == n ? s.size() : std::string::npos;
}

}  // namespace

std::vector<GapExample> ReadGap(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(
        path, 0,
        "cannot open (the GAP data is read from ../shared/data/gap/ by default; give --data)");
  LineReader reader(in, kMaxLineBytes);
  std::vector<GapExample> out;
  std::string line;
  while (true) {
    LineReader::Result r = reader.Next(&line);
    if (r == LineReader::Result::kEnd) break;
    uint64_t n = reader.line_number();
    if (r == LineReader::Result::kTooLong) throw InputError(path, n, "line too long");
    if (n == 1 && line.starts_with("ID\t")) continue;
    if (TrimView(line).empty()) continue;
    std::vector<std::string> f = Split(line);
    if (f.size() != kFields) {
      throw InputError(path, n,
                       "expected " + std::to_string(kFields) + " tab-separated fields, found " +
                           std::to_string(f.size()));
    }
    GapExample x;
    x.line = n;
    x.id = f[0];
    x.text = f[1];
    x.pronoun = f[2];
    x.a = f[4];
    x.b = f[7];
    auto offset = [&](const std::string& field, const std::string& what, const std::string& word) {
      size_t cp = 0;
      try {
        size_t used = 0;
        cp = std::stoul(field, &used);
        if (used != field.size()) throw std::invalid_argument(field);
      } catch (const std::exception&) {
        throw InputError(path, n, what + " offset '" + field + "' is not a number");
      }
      size_t at = ByteOffset(x.text, cp);
      if (at == std::string::npos || x.text.compare(at, word.size(), word) != 0) {
        throw InputError(path, n, what + " '" + word + "' is not at offset " + field);
      }
      return at;
    };
    auto coref = [&](const std::string& field, const std::string& what) {
      if (field == "TRUE") return true;
      if (field == "FALSE") return false;
      throw InputError(path, n, what + "-coref must be TRUE or FALSE, not '" + field + "'");
    };
    x.pronoun_offset = offset(f[3], "pronoun", x.pronoun);
    x.a_offset = offset(f[5], "A", x.a);
    x.a_coref = coref(f[6], "A");
    x.b_offset = offset(f[8], "B", x.b);
    x.b_coref = coref(f[9], "B");
    out.push_back(std::move(x));
  }
  if (out.empty()) throw InputError(path, 0, "no examples: an empty data file");
  return out;
}

void AddGap(const GapExample& x, bool a, bool b, GapScore* score) {
  std::string p = AsciiLower(x.pronoun);
  const bool feminine = p == "she" || p == "her" || p == "hers";
  DecisionCounts* parts[2] = {&score->overall, feminine ? &score->feminine : &score->masculine};
  for (DecisionCounts* c : parts) {
    for (auto [gold, guess] : {std::pair{x.a_coref, a}, std::pair{x.b_coref, b}}) {
      if (gold && guess) ++c->tp;
      if (!gold && guess) ++c->fp;
      if (gold && !guess) ++c->fn;
      if (!gold && !guess) ++c->tn;
    }
  }
  ++score->examples;
}

}  // namespace weft::eval
