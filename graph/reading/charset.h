// A page's character encoding: the one it declares (a byte order mark, the HTTP Content-Type,
// a <meta> in its first kilobytes, as the HTML standard's prescan reads them), and decoding the
// single-byte Western encodings pages still arrive in (Windows-1252, ISO-8859-1, ISO-8859-15)
// into UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace weft::reading {

// The encoding a page declares, lower-cased, with the WHATWG aliases folded ("latin1",
// "iso-8859-1", "us-ascii" and "ascii" are "windows-1252"; "utf8" is "utf-8"); empty when it
// declares none. `content_type` is an HTTP Content-Type value, empty when there was no header.
std::string DeclaredCharset(std::string_view page, std::string_view content_type = {});

// `bytes` decoded from `charset` (as DeclaredCharset names it) into UTF-8; nullopt for an
// encoding weft does not decode. "utf-8" returns the bytes without a byte order mark.
std::optional<std::string> DecodeToUtf8(std::string_view bytes, std::string_view charset);

// A page's bytes as UTF-8, and how they were read. Bytes that are valid UTF-8 are read as UTF-8
// whatever the page declares (a page labelled ISO-8859-1 but written in UTF-8 is common; text
// in a single-byte encoding is almost never valid UTF-8 by chance). Otherwise the declared
// encoding is decoded; a page that declares none, or one weft does not decode, is read as
// Windows-1252, the HTML standard's default for English pages, unless most of it is UTF-8 with a
// few damaged bytes, which are then replaced with U+FFFD.
struct DecodedPage {
  std::string text;
  std::string read_as;    // "utf-8", "windows-1252", "iso-8859-15"
  std::string declared;   // as DeclaredCharset gives it; empty when none
  bool repaired = false;  // damaged UTF-8 bytes were replaced with U+FFFD
};
DecodedPage DecodePage(std::string_view bytes, std::string_view content_type = {});

}  // namespace weft::reading
