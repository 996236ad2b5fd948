// The language a text is written in, by Google's Compact Language Detector 2 (Debian
// libcld2-dev): weft reads English, and skips what it can tell is not.
#pragma once

#include <string>
#include <string_view>

namespace weft::reading {

struct LanguageGuess {
  std::string code = "un";  // ISO 639-1 where there is one ("en", "es", "zh"); "un": unknown
  bool reliable = false;    // CLD2's own judgement: enough text, one language clearly ahead
  int percent = 0;          // of the text's letters in that language
};

// Never throws; text that is not valid UTF-8 is unknown.
LanguageGuess DetectLanguage(std::string_view text);

// Whether to read `text` as English: it is English, or there is too little to tell. A text
// skipped is one CLD2 reliably finds mostly (at least 80% of its letters) in another language.
bool ReadAsEnglish(std::string_view text);

// Blanks, byte for byte, each line of `text` that ReadAsEnglish refuses (a caption or a
// comment box in another language inside an English article), so that every offset into the
// text stays where it was. Returns how many lines it blanked.
size_t BlankForeignLines(std::string* text);

}  // namespace weft::reading
