// libFuzzer target: the text front end (sentence splitting, HTML and Markdown stripping, the
// HTML parser's tree, the article, feed and web-archive readers, the UD tokeniser, UTF-8 checks)
// the entity layer (tokens, values, document dates, the recogniser) and the whole extraction (the
// tagger and parser, the clause rules, references) on any bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "graph/base/error.h"
#include "graph/base/text.h"
#include "graph/entities/recogniser.h"
#include "graph/entities/values.h"
#include "graph/extract/extractor.h"
#include "graph/extract/sentences.h"
#include "graph/extract/text_input.h"
#include "graph/reading/article.h"
#include "graph/reading/feed.h"
#include "graph/reading/html.h"
#include "graph/reading/warc.h"
#include "graph/syntax/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string clean = weft::SanitiseUtf8(text);
  if (weft::FindInvalidUtf8(clean)) __builtin_trap();
  {
    // Any bytes give a tree whose subtrees are the runs of nodes they name.
    namespace html = weft::reading::html;
    const html::Document d = html::Document::Parse(text);
    for (uint32_t n = 0; n < d.Size(); ++n) {
      if (d.End(n) <= n || d.End(n) > d.Size()) __builtin_trap();
      for (uint32_t k = d[n].first_child; k != html::kNone; k = d[k].next_sibling) {
        if (d[k].parent != n || k <= n || d.End(k) > d.End(n)) __builtin_trap();
      }
    }
  }
  const weft::reading::Article article = weft::reading::ReadArticle(clean);
  try {
    for (const weft::reading::FeedItem& item : weft::reading::ReadFeed(text, "fuzz.xml").items) {
      (void)weft::reading::ReadArticle(item.html);
    }
  } catch (const weft::InputError&) {
    // Not a feed: an error, as it should be.
  }
  (void)weft::reading::FeedDate(clean);
  try {
    std::istringstream archive(text);
    weft::reading::WarcReader warc(archive, "fuzz.warc", 1u << 16);
    weft::reading::WarcRecord record;
    while (warc.Next(&record)) (void)weft::reading::ParseHttpResponse(record.block);
  } catch (const weft::InputError&) {
    // A damaged or cut archive: an error, as it should be.
  }
  for (const weft::syntax::Token& t : weft::syntax::TokenizeWords(clean)) {
    if (t.begin > t.end || t.end > clean.size()) __builtin_trap();
  }
  for (const std::string& t : {clean, weft::extract::StripHtml(clean),
                               weft::extract::StripMarkdown(clean), article.Body()}) {
    for (const weft::extract::SentenceSpan& s : weft::extract::SplitSentences(t)) {
      if (s.begin > s.end || s.end > t.size()) __builtin_trap();
    }
  }
  namespace entities = weft::entities;
  std::vector<entities::Token> tokens = entities::Tokenize(text);
  for (const entities::Token& tok : tokens) {
    if (tok.begin > tok.end || tok.end > text.size()) __builtin_trap();
  }
  for (const entities::Value& v :
       entities::FindValues(tokens, text, entities::CalendarDate{1987, 2, 26})) {
    if (v.begin > v.end || v.end > text.size() || v.first_token >= v.end_token) __builtin_trap();
  }
  (void)entities::ParseDocumentDate(text);
  static const entities::Recogniser recogniser(entities::SharedModel());
  std::vector<std::pair<size_t, size_t>> spans;
  for (const weft::extract::SentenceSpan& s : weft::extract::SplitSentences(clean)) {
    spans.emplace_back(s.begin, s.end);
  }
  for (const entities::Mention& m : recogniser.Recognise(clean, spans)) {
    if (m.begin > m.end || m.end > clean.size()) __builtin_trap();
  }
  // A document's statements, its first line a headline; every statement cites its sentence.
  static const std::unique_ptr<weft::extract::Extractor> extractor =
      weft::extract::Extractor::Create();
  const size_t headline = std::min(clean.find('\n'), clean.size());
  const weft::extract::DocumentExtraction doc =
      extractor->ExtractDocument(clean, entities::CalendarDate{1987, 2, 26}, headline);
  for (const weft::extract::Extraction& x : doc.statements) {
    if (x.record.evidence.sentence >= doc.sentences.size()) __builtin_trap();
  }
  return 0;
}
