// Turning input files into plain text: HTML without markup, Markdown without syntax.
#pragma once

#include <functional>
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

// A headline written in capitals ("USAIR REJECTS TWA TAKEOVER BID") in the case its article's
// body writes each word ("USAir rejects TWA takeover bid"): a word takes its most frequent form
// in the body away from a sentence's start; a word the body does not have is lower case, but
// for the headline's first letter. A headline in title case ("Algeria Hit By Further Gas Riots":
// each word of four letters or more capitalised) is recased the same way, but a word the body
// lacks keeps its capital unless it is a common word. Any other headline with lower-case
// letters is returned as it is.
// A word of five letters or fewer the body lacks and `common_word` does not know ("USDA", "CBT")
// stays in capitals; a possessive ("SENATE'S") is cased as its name.
std::string TrueCaseHeadline(std::string_view headline, std::string_view body,
                             const std::function<bool(std::string_view)>& common_word);
// The same with the shipped syntax model's words as the common ones.
std::string TrueCaseHeadline(std::string_view headline, std::string_view body);

// True when the bytes look like a binary file (a NUL byte in the first 8 KiB).
bool LooksBinary(std::string_view data);

}  // namespace weft::extract
