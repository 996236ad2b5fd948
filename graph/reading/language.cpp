#include "graph/reading/language.h"

#include <cld2/internal/lang_script.h>  // LanguageCode, which the public header leaves out
#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <climits>

namespace weft::reading {

LanguageGuess DetectLanguage(std::string_view text) {
  LanguageGuess g;
  // CLD2 samples the text itself; a long document's first 256 KiB say enough.
  const int n = static_cast<int>(std::min<size_t>(text.size(), 256u << 10));
  ::CLD2::Language top[3];
  int percent[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  double scores[3];
  const ::CLD2::Language lang = ::CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), n, /*is_plain_text=*/true, /*cld_hints=*/nullptr, /*flags=*/0, top, percent,
      scores, /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix);
  if (valid_prefix < n) return g;  // not valid UTF-8 up to the end: unknown
  g.code = ::CLD2::LanguageCode(lang);
  g.reliable = reliable;
  g.percent = percent[0];
  return g;
}

bool ReadAsEnglish(std::string_view text) {
  const LanguageGuess g = DetectLanguage(text);
  return !(g.reliable && g.code != "en" && g.code != "un" && g.percent >= 80);
}

size_t BlankForeignLines(std::string* text) {
  size_t blanked = 0;
  for (size_t begin = 0; begin < text->size();) {
    size_t end = text->find('\n', begin);
    if (end == std::string::npos) end = text->size();
    if (end > begin && !ReadAsEnglish(std::string_view(*text).substr(begin, end - begin))) {
      std::fill(text->begin() + static_cast<long>(begin), text->begin() + static_cast<long>(end),
                ' ');
      ++blanked;
    }
    begin = end + 1;
  }
  return blanked;
}

}  // namespace weft::reading
