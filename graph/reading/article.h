// The article in a web page: its body as paragraphs, without navigation, headers, footers,
// asides, share and subscribe blocks, related lists, comments and captions, and its metadata
// (headline, publication date, authors, site, language, canonical address). Over weft's HTML
// parser (html.h): malformed pages give the text browsers show, in the blocks they show it in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace weft::reading {

struct Article {
  std::string title;        // the headline
  std::string date;         // YYYY-MM-DD when the page says, else ""
  std::string date_source;  // where the date came from ("json-ld", "meta", "time", "url")
  std::vector<std::string> authors;
  std::string site;      // the site's name
  std::string language;  // <html lang>, "" when absent
  std::string canonical_url;
  std::vector<std::string> paragraphs;  // the body, headings included, in order
  std::vector<std::string> captions;    // image and figure captions, apart from the body

  // The paragraphs joined by blank lines.
  std::string Body() const;
};

// Reads a page. Never throws on any input: a page without an article gives an empty body.
Article ReadArticle(std::string_view html);

}  // namespace weft::reading
