#include "graph/reading/feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cctype>
#include <cstring>
#include <memory>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::reading {

namespace {

constexpr const char* kAtom = "http://www.w3.org/2005/Atom";
constexpr const char* kContent = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kDublinCore = "http://purl.org/dc/elements/1.1/";

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string_view Namespace(const xmlNode* n) {
  return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}

// An element child's local name, in no namespace or the given one.
bool Is(const xmlNode* n, std::string_view name, std::string_view ns = "") {
  return n->type == XML_ELEMENT_NODE && Name(n) == name && Namespace(n) == ns;
}

std::string Text(const xmlNode* n) {
  xmlChar* t = xmlNodeGetContent(n);
  if (t == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(t));
  xmlFree(t);
  return std::string(TrimView(out));
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// The markup inside an element, as text (Atom's type="xhtml" content).
std::string InnerXml(xmlNode* n) {
  std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buf(xmlBufferCreate(), xmlBufferFree);
  for (xmlNode* c = n->children; c != nullptr; c = c->next) {
    xmlNodeDump(buf.get(), n->doc, c, 0, 0);
  }
  return reinterpret_cast<const char*>(xmlBufferContent(buf.get()));
}

// Atom content and summary: HTML as text (type="html"), inline XHTML, or plain text.
std::string AtomHtml(xmlNode* n) {
  const std::string type = Attr(n, "type");
  if (type == "xhtml") return InnerXml(n);
  if (type == "html" || type == "text/html") return Text(n);
  return "<p>" + XmlEscape(Text(n)) + "</p>";
}

FeedItem RssItem(xmlNode* item) {
  FeedItem out;
  std::string guid, description, content;
  for (xmlNode* c = item->children; c != nullptr; c = c->next) {
    if (Is(c, "title")) out.title = Text(c);
    if (Is(c, "link")) out.id = Text(c);
    if (Is(c, "guid")) guid = Text(c);
    if (Is(c, "pubDate") && out.date.empty()) out.date = FeedDate(Text(c));
    if (Is(c, "date", kDublinCore) && out.date.empty()) out.date = FeedDate(Text(c));
    if (Is(c, "description")) description = Text(c);
    if (Is(c, "encoded", kContent)) content = Text(c);
  }
  if (out.id.empty()) out.id = guid;
  // An RSS description is HTML by convention (escaped in the XML); the fuller content wins.
  out.html = !content.empty() ? content : description;
  return out;
}

FeedItem AtomEntry(xmlNode* entry) {
  FeedItem out;
  std::string id, published, updated, content, summary;
  for (xmlNode* c = entry->children; c != nullptr; c = c->next) {
    if (Is(c, "title", kAtom)) out.title = Text(c);
    if (Is(c, "id", kAtom)) id = Text(c);
    if (Is(c, "link", kAtom)) {
      const std::string rel = Attr(c, "rel");
      if ((rel.empty() || rel == "alternate") && out.id.empty()) out.id = Attr(c, "href");
    }
    if (Is(c, "published", kAtom)) published = Text(c);
    if (Is(c, "updated", kAtom)) updated = Text(c);
    if (Is(c, "content", kAtom)) content = AtomHtml(c);
    if (Is(c, "summary", kAtom)) summary = AtomHtml(c);
  }
  if (out.id.empty()) out.id = id;
  out.date = FeedDate(!published.empty() ? published : updated);
  out.html = !content.empty() ? content : summary;
  return out;
}

struct FreeDoc {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

// The first element's name in `bytes`, past the XML declaration, comments, doctype and
// processing instructions; "" when none is found in the first 4 KiB.
std::string_view FirstElement(std::string_view bytes) {
  bytes = bytes.substr(0, 4096);
  size_t at = 0;
  while ((at = bytes.find('<', at)) != std::string_view::npos) {
    if (at + 1 >= bytes.size()) return "";
    const char next = bytes[at + 1];
    if (next == '?' || next == '!') {
      at += 2;
      continue;
    }
    size_t end = at + 1;
    while (end < bytes.size() && !std::isspace(static_cast<unsigned char>(bytes[end])) &&
           bytes[end] != '>' && bytes[end] != '/') {
      ++end;
    }
    return bytes.substr(at + 1, end - at - 1);
  }
  return "";
}

}  // namespace

bool LooksLikeFeed(std::string_view bytes) {
  const std::string_view first = FirstElement(bytes);
  return first == "rss" || first == "feed" || first == "rdf:RDF" || first.ends_with(":feed");
}

std::string FeedDate(std::string_view text) {
  text = TrimView(text);
  auto digits = [&](size_t at, size_t n) {
    if (at + n > text.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
  };
  // ISO 8601: 2003-06-10, 2003-06-10T04:00:00Z.
  if (digits(0, 4) && text.size() >= 10 && text[4] == '-' && digits(5, 2) && text[7] == '-' &&
      digits(8, 2)) {
    return std::string(text.substr(0, 10));
  }
  // RFC 822: [Tue, ]10 Jun 2003 ...
  if (size_t comma = text.find(','); comma != std::string_view::npos && comma < 5) {
    text = TrimView(text.substr(comma + 1));
  }
  size_t day_end = 0;
  while (day_end < text.size() && std::isdigit(static_cast<unsigned char>(text[day_end]))) {
    ++day_end;
  }
  if (day_end == 0 || day_end > 2 || day_end + 9 > text.size()) return "";
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string month = AsciiLower(text.substr(day_end + 1, 3));
  int m = 0;
  for (int i = 0; i < 12; ++i) {
    if (month == kMonths[i]) m = i + 1;
  }
  size_t year_at = day_end + 5;
  if (m == 0 || !digits(year_at, 4)) return "";
  const int day = std::stoi(std::string(text.substr(0, day_end)));
  if (day < 1 || day > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%s-%02d-%02d", std::string(text.substr(year_at, 4)).c_str(), m,
                day);
  return buf;
}

Feed ReadFeed(std::string_view bytes, const std::string& file) {
  // No network, no external entities or DTDs, no entity expansion; libxml2's own limits stop
  // entity amplification. Errors are collected, not printed.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  std::unique_ptr<xmlDoc, FreeDoc> doc(
      xmlReadMemory(bytes.data(), static_cast<int>(std::min<size_t>(bytes.size(), INT32_MAX)),
                    file.c_str(), nullptr, options));
  if (!doc) {
    const xmlError* e = xmlGetLastError();
    std::string message = e && e->message ? std::string(TrimView(e->message)) : "not XML";
    throw InputError(file, e ? static_cast<uint64_t>(std::max(e->line, 0)) : 0,
                     "not a well-formed feed: " + message);
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) throw InputError(file, 0, "an empty XML document, not a feed");
  Feed feed;
  if (Is(root, "rss")) {
    feed.format = "rss";
    for (xmlNode* ch = root->children; ch != nullptr; ch = ch->next) {
      if (!Is(ch, "channel")) continue;
      for (xmlNode* c = ch->children; c != nullptr; c = c->next) {
        if (Is(c, "title") && feed.title.empty()) feed.title = Text(c);
        if (Is(c, "item")) feed.items.push_back(RssItem(c));
      }
    }
  } else if (Is(root, "feed", kAtom)) {
    feed.format = "atom";
    for (xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (Is(c, "title", kAtom) && feed.title.empty()) feed.title = Text(c);
      if (Is(c, "entry", kAtom)) feed.items.push_back(AtomEntry(c));
    }
  } else if (Name(root) == "RDF") {
    // RSS 1.0: items are the RDF document's children in the RSS 1.0 namespace.
    feed.format = "rdf";
    for (xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (Name(c) == "channel") {
        for (xmlNode* t = c->children; t != nullptr; t = t->next) {
          if (t->type == XML_ELEMENT_NODE && Name(t) == "title") feed.title = Text(t);
        }
      }
      if (Name(c) == "item") {
        // RSS 1.0 elements carry their namespace: read them by local name.
        FeedItem item;
        std::string description, content;
        for (xmlNode* f = c->children; f != nullptr; f = f->next) {
          if (f->type != XML_ELEMENT_NODE) continue;
          if (Name(f) == "title") item.title = Text(f);
          if (Name(f) == "link") item.id = Text(f);
          if (Name(f) == "date" && item.date.empty()) item.date = FeedDate(Text(f));
          if (Name(f) == "description") description = Text(f);
          if (Is(f, "encoded", kContent)) content = Text(f);
        }
        if (item.id.empty()) item.id = Attr(c, "about");
        item.html = !content.empty() ? content : description;
        feed.items.push_back(std::move(item));
      }
    }
  } else {
    throw InputError(
        file, static_cast<uint64_t>(root->line),
        "XML whose root is <" + std::string(Name(root)) + ">, not a feed (RSS or Atom)");
  }
  return feed;
}

}  // namespace weft::reading
