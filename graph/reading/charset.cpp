#include "graph/reading/charset.h"

#include <array>
#include <cstdint>

#include "graph/base/text.h"

namespace weft::reading {
namespace {

// The HTML standard's prescan looks at the first 1,024 bytes; pages that put a long <head>
// first are common enough that weft looks a little further.
constexpr size_t kPrescanBytes = 4096;

std::string Fold(std::string_view label) {
  std::string l = AsciiLower(TrimView(label));
  while (!l.empty() && (l.back() == '"' || l.back() == '\'' || l.back() == ';')) l.pop_back();
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(l.begin());
  if (l == "utf8" || l == "unicode-1-1-utf-8") return "utf-8";
  if (l == "latin1" || l == "iso-8859-1" || l == "iso8859-1" || l == "iso_8859-1" || l == "l1" ||
      l == "us-ascii" || l == "ascii" || l == "cp1252" || l == "x-cp1252" || l == "cp819" ||
      l == "ibm819" || l == "iso-ir-100" || l == "windows-1252") {
    return "windows-1252";
  }
  if (l == "latin9" || l == "iso-8859-15" || l == "iso8859-15" || l == "iso_8859-15" || l == "l9") {
    return "iso-8859-15";
  }
  return l;
}

// The value after "charset=" in `s` (a Content-Type or a meta's content), or empty.
std::string_view CharsetParameter(std::string_view s) {
  std::string lower = AsciiLower(s);
  size_t at = lower.find("charset");
  if (at == std::string::npos) return {};
  at += 7;
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t')) ++at;
  if (at >= s.size() || s[at] != '=') return {};
  ++at;
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '"' || s[at] == '\'')) ++at;
  size_t end = at;
  while (end < s.size() && s[end] != ';' && s[end] != '"' && s[end] != '\'' && s[end] != ' ' &&
         s[end] != '>' && s[end] != '/') {
    ++end;
  }
  return s.substr(at, end - at);
}

// The code points of Windows-1252's bytes 0x80-0x9F (0 where the byte is undefined: it maps to
// the C1 control of the same value, as browsers do).
constexpr std::array<uint16_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

uint32_t Iso885915(uint8_t b) {
  switch (b) {
    case 0xA4:
      return 0x20AC;
    case 0xA6:
      return 0x0160;
    case 0xA8:
      return 0x0161;
    case 0xB4:
      return 0x017D;
    case 0xB8:
      return 0x017E;
    case 0xBC:
      return 0x0152;
    case 0xBD:
      return 0x0153;
    case 0xBE:
      return 0x0178;
    default:
      return b;
  }
}

}  // namespace

std::string DeclaredCharset(std::string_view page, std::string_view content_type) {
  if (page.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (page.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (page.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  if (std::string_view c = CharsetParameter(content_type); !c.empty()) return Fold(c);
  const std::string head = AsciiLower(page.substr(0, kPrescanBytes));
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const size_t end = head.find('>', at);
    if (end == std::string::npos) break;
    std::string_view tag = std::string_view(head).substr(at, end - at);
    // <meta charset="..."> and <meta http-equiv="Content-Type" content="...; charset=...">.
    if (std::string_view c = CharsetParameter(tag); !c.empty()) return Fold(c);
  }
  return "";
}

std::optional<std::string> DecodeToUtf8(std::string_view bytes, std::string_view charset) {
  if (charset == "utf-8") {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return std::string(bytes);
  }
  const bool w1252 = charset == "windows-1252";
  if (!w1252 && charset != "iso-8859-15") return std::nullopt;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto b = static_cast<uint8_t>(ch);
    uint32_t cp = b;
    if (b >= 0x80 && w1252 && b < 0xA0 && kWindows1252High[b - 0x80] != 0) {
      cp = kWindows1252High[b - 0x80];
    } else if (!w1252) {
      cp = Iso885915(b);
    }
    if (cp < 0x80) {
      out.push_back(ch);
    } else {
      AppendUtf8(&out, cp);
    }
  }
  return out;
}

DecodedPage DecodePage(std::string_view bytes, std::string_view content_type) {
  DecodedPage page;
  page.declared = DeclaredCharset(bytes, content_type);
  if (!FindInvalidUtf8(bytes)) {
    page.text = *DecodeToUtf8(bytes, "utf-8");
    page.read_as = "utf-8";
    return page;
  }
  if (page.declared != "utf-8") {
    const std::string charset =
        page.declared == "iso-8859-15" ? page.declared : std::string("windows-1252");
    // Undeclared: still UTF-8 when its valid multi-byte sequences outnumber the damaged bytes.
    bool mostly_utf8 = false;
    if (page.declared.empty()) {
      size_t valid = 0, damaged = 0;
      for (size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<uint8_t>(bytes[i]);
        if (b < 0x80) {
          ++i;
          continue;
        }
        const size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
        if (len > 0 && i + len <= bytes.size() && !FindInvalidUtf8(bytes.substr(i, len))) {
          ++valid;
          i += len;
        } else {
          ++damaged;
          ++i;
        }
      }
      mostly_utf8 = valid > damaged;
    }
    if (!mostly_utf8) {
      page.text = *DecodeToUtf8(bytes, charset);
      page.read_as = charset;
      return page;
    }
  }
  page.text = SanitiseUtf8(bytes);
  page.read_as = "utf-8";
  page.repaired = true;
  return page;
}

}  // namespace weft::reading
