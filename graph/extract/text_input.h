// Turning input files into plain text: HTML without markup, Markdown without syntax.
#pragma once

#include <string>
#include <string_view>

namespace weft::extract {

enum class TextFormat { kPlain, kMarkdown, kHtml };

// From a file name's extension: .html/.htm -> HTML, .md/.markdown -> Markdown, else plain.
TextFormat TextFormatFromPath(std::string_view path);

// Drops tags, scripts, styles and comments; decodes entities; block elements become blank lines
// so that headings and paragraphs stay separate sentences.
std::string StripHtml(std::string_view html);

// Drops heading marks, emphasis, link targets, code fences and list bullets.
std::string StripMarkdown(std::string_view markdown);

// True when the bytes look like a binary file (a NUL byte in the first 8 KiB).
bool LooksBinary(std::string_view data);

}  // namespace weft::extract
