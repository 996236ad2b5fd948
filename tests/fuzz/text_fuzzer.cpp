// libFuzzer target: the text front end (sentence splitting, HTML and Markdown stripping,
// UTF-8 checks) on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "graph/extract/sentences.h"
#include "graph/extract/text_input.h"
#include "graph/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string clean = weft::SanitiseUtf8(text);
  if (weft::FindInvalidUtf8(clean)) __builtin_trap();
  for (const std::string& t :
       {clean, weft::extract::StripHtml(clean), weft::extract::StripMarkdown(clean)}) {
    for (const weft::extract::SentenceSpan& s : weft::extract::SplitSentences(t)) {
      if (s.begin > s.end || s.end > t.size()) __builtin_trap();
    }
  }
  return 0;
}
