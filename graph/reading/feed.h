// News feeds: RSS 2.0, RSS 1.0 (RDF) and Atom, read with libxml2. Each item is an article of its
// own: its link (or guid, or id) names it, its title is its headline, its date is its
// publication date, and its HTML content (or description, or summary) is read as a page is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace weft::reading {

struct FeedItem {
  std::string id;     // the item's link; else its guid or Atom id; else ""
  std::string title;  // plain text
  std::string date;   // YYYY-MM-DD when the item says, else ""
  std::string html;   // its content as HTML (plain text descriptions are escaped into it)
};

struct Feed {
  std::string format;  // "rss", "atom" or "rdf"
  std::string title;
  std::vector<FeedItem> items;
};

// Whether `bytes` are a feed: XML whose first element is <rss>, Atom's <feed> or <rdf:RDF>.
// Looks at the start only.
bool LooksLikeFeed(std::string_view bytes);

// Reads a feed. Never fetches anything (no network, no external entities). Throws InputError
// naming `file` and the line for bytes that are not well-formed XML or not a feed.
Feed ReadFeed(std::string_view bytes, const std::string& file);

// "Tue, 10 Jun 2003 04:00:00 GMT" (RFC 822, as RSS writes dates) or an ISO 8601 date (Atom,
// Dublin Core) as YYYY-MM-DD; "" when it is neither.
std::string FeedDate(std::string_view text);

}  // namespace weft::reading
