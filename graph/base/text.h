// Small text utilities shared by the readers, the extractor and the exporters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft {

// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt if `s` is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view s);

// Replaces each invalid UTF-8 byte with U+FFFD, so the result is always valid.
std::string SanitiseUtf8(std::string_view s);

// Appends code point `cp` to `out` as UTF-8; NUL, surrogates and values past U+10FFFF become
// U+FFFD.
void AppendUtf8(std::string* out, uint32_t cp);

std::string_view TrimView(std::string_view s);

// ASCII lower-casing; non-ASCII bytes pass through unchanged (no locale is consulted).
std::string AsciiLower(std::string_view s);
// The runs of s between spaces, as views into s ("New  Mexico Governor" -> New, Mexico,
// Governor); a run's offset in s is its data() minus s.data().
std::vector<std::string_view> SplitSpaces(std::string_view s);
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The number of code points of UTF-8 text (continuation bytes not counted): a column count for
// carets and tables.
size_t Utf8Length(std::string_view s);

// The quotation marks in text: straight double quotes and the curly U+201C and U+201D; not a
// straight one between two letters or digits ("last year"s fall", typed for an apostrophe).
size_t CountQuotationMarks(std::string_view s);

// One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or a
// line break; as it is otherwise.
std::string CsvField(std::string_view s);

// XML (and HTML) text with &, <, >, " and ' escaped, and characters XML 1.0 forbids (invalid
// UTF-8, control characters, U+FFFE, U+FFFF) replaced by U+FFFD.
std::string XmlEscape(std::string_view s);

// The longest line a line-oriented input may have (an import's line, an ingested JSON Lines
// record): a longer one is reported and skipped, so memory stays bounded.
inline constexpr size_t kMaxLineBytes = 1u << 20;

// Reads lines of at most `max_bytes` bytes from a stream with bounded memory. A longer line is
// skipped to its end and reported as too long. Line terminators (\n, \r\n) are removed. The
// stream is read in chunks, so it is read past the last line returned.
class LineReader {
 public:
  LineReader(std::istream& in, size_t max_bytes)
      : in_(in), max_bytes_(max_bytes), buffer_(kChunkBytes) {}

  enum class Result { kLine, kTooLong, kEnd };
  // Reads the next line into *line. line_number() is the 1-based number of the line just read.
  Result Next(std::string* line);
  uint64_t line_number() const { return line_number_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  static constexpr size_t kChunkBytes = 64u << 10;

  std::istream& in_;
  size_t max_bytes_;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  // Read from the stream and not yet returned: buffer_[begin_, end_).
  std::vector<char> buffer_;
  size_t begin_ = 0, end_ = 0;
};

}  // namespace weft
