// Reading feeds (RSS 2.0, RSS 1.0 and Atom written for weft's tests) and telling languages.
#include "graph/reading/feed.h"

#include <catch2/catch.hpp>
#include <string>

#include "graph/base/error.h"
#include "graph/reading/language.h"

using namespace weft::reading;

TEST_CASE("an RSS 2.0 feed's items: link, title, date, and the fuller content", "[reading][feed]") {
  const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Business</title>
<item><title>Contoso buys Fabrikam</title><link>https://example.com/a</link>
<guid>urn:a</guid><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Contoso acquired Fabrikam.</p>]]></content:encoded></item>
<item><title>Northwind &amp; Lisbon</title><guid>urn:item:2</guid><dc:date>2024-01-02</dc:date>
<description>&lt;p&gt;Northwind hired engineers.&lt;/p&gt;</description></item>
</channel></rss>)";
  REQUIRE(LooksLikeFeed(rss));
  Feed f = ReadFeed(rss, "news.rss");
  CHECK(f.format == "rss");
  CHECK(f.title == "Business");
  REQUIRE(f.items.size() == 2);
  CHECK(f.items[0].id == "https://example.com/a");
  CHECK(f.items[0].title == "Contoso buys Fabrikam");
  CHECK(f.items[0].date == "2003-06-10");
  CHECK(f.items[0].html == "<p>Contoso acquired Fabrikam.</p>");
  CHECK(f.items[1].id == "urn:item:2");  // no link: the guid
  CHECK(f.items[1].title == "Northwind & Lisbon");
  CHECK(f.items[1].date == "2024-01-02");
  CHECK(f.items[1].html == "<p>Northwind hired engineers.</p>");
}

TEST_CASE("an Atom feed's entries: alternate link, published date, html, xhtml and text content",
          "[reading][feed]") {
  const std::string atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Deals</title>
<entry><title>Plant</title><link rel="self" href="https://example.com/self"/>
<link href="https://example.com/b"/><id>tag:x,2005:1</id>
<published>2024-03-05T10:00:00Z</published><updated>2024-04-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;Tailspin Toys opened a plant.&lt;/p&gt;</content></entry>
<entry><title>Stake</title><id>tag:x,2005:2</id><updated>2024-03-06T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Litware sold.</p></div></content>
</entry>
<entry><title>Plain</title><id>tag:x,2005:3</id><summary>A &lt;b&gt; is text here.</summary></entry>
</feed>)";
  REQUIRE(LooksLikeFeed(atom));
  Feed f = ReadFeed(atom, "news.atom");
  CHECK(f.format == "atom");
  REQUIRE(f.items.size() == 3);
  CHECK(f.items[0].id == "https://example.com/b");
  CHECK(f.items[0].date == "2024-03-05");
  CHECK(f.items[0].html == "<p>Tailspin Toys opened a plant.</p>");
  CHECK(f.items[1].id == "tag:x,2005:2");
  CHECK(f.items[1].date == "2024-03-06");
  CHECK(f.items[1].html.find("<p>Litware sold.</p>") != std::string::npos);
  CHECK(f.items[2].html == "<p>A &lt;b&gt; is text here.</p>");
}

TEST_CASE("an RSS 1.0 feed's items", "[reading][feed]") {
  const std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.com/"><title>Wire</title></channel>
<item rdf:about="https://example.com/c"><title>Baidu invests</title>
<dc:date>2023-09-30T08:00:00+08:00</dc:date><description>Baidu invested in chips.</description>
</item></rdf:RDF>)";
  REQUIRE(LooksLikeFeed(rdf));
  Feed f = ReadFeed(rdf, "wire.rdf");
  CHECK(f.format == "rdf");
  CHECK(f.title == "Wire");
  REQUIRE(f.items.size() == 1);
  CHECK(f.items[0].id == "https://example.com/c");
  CHECK(f.items[0].date == "2023-09-30");
}

TEST_CASE("a feed that is not well-formed, or XML that is no feed, is an error naming the file",
          "[reading][feed]") {
  try {
    ReadFeed("<rss><channel>\n<item><title>cut", "broken.rss");
    FAIL("read a broken feed");
  } catch (const weft::InputError& e) {
    CHECK(std::string(e.what()).find("broken.rss:2: not a well-formed feed") != std::string::npos);
  }
  CHECK_THROWS_AS(ReadFeed("<html><body/></html>", "page.xml"), weft::InputError);
  CHECK_THROWS_AS(ReadFeed("", "empty.rss"), weft::InputError);
  CHECK_FALSE(LooksLikeFeed("<html><head><title>x</title></head></html>"));
  CHECK_FALSE(LooksLikeFeed("Contoso acquired Fabrikam."));
  CHECK(LooksLikeFeed("<?xml version=\"1.0\"?>\n<!-- a comment -->\n<rss version=\"2.0\">"));
}

TEST_CASE("a feed's external entities are never read", "[reading][feed]") {
  const std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>x &secret; y</title><link>https://e/1</link></item></channel></rss>)";
  Feed f = ReadFeed(xxe, "xxe.rss");
  REQUIRE(f.items.size() == 1);
  CHECK(f.items[0].title.find("root:") == std::string::npos);
}

TEST_CASE("feed dates: RFC 822 and ISO 8601 to YYYY-MM-DD", "[reading][feed]") {
  CHECK(FeedDate("Tue, 10 Jun 2003 04:00:00 GMT") == "2003-06-10");
  CHECK(FeedDate("1 Dec 2026 23:59:59 +0100") == "2026-12-01");
  CHECK(FeedDate("2024-03-05T10:00:00Z") == "2024-03-05");
  CHECK(FeedDate("2024-03-05") == "2024-03-05");
  CHECK(FeedDate("yesterday") == "");
  CHECK(FeedDate("Tue, 40 Jun 2003") == "");
  CHECK(FeedDate("") == "");
}

TEST_CASE("a text's language: English and too little to tell are read, others are not",
          "[reading][language]") {
  CHECK(DetectLanguage("Microsoft offered its China-based artificial intelligence staff a move "
                       "to Ireland, the company said on Tuesday.")
            .code == "en");
  const std::string spanish =
      "Microsoft ofreció a su personal de inteligencia artificial en China el traslado a "
      "Irlanda, según informó el diario. La empresa dijo que los empleados podrán elegir.";
  const LanguageGuess es = DetectLanguage(spanish);
  CHECK(es.code == "es");
  CHECK(es.reliable);
  CHECK_FALSE(ReadAsEnglish(spanish));
  CHECK_FALSE(
      ReadAsEnglish("Der Konzern übernimmt den Wettbewerber für 1,2 Milliarden Euro, "
                    "teilte das Unternehmen am Dienstag in Frankfurt mit."));
  CHECK(ReadAsEnglish("Contoso acquired Fabrikam."));
  CHECK(ReadAsEnglish(""));
  CHECK(ReadAsEnglish("12.5 14.0 16.25"));
  CHECK(DetectLanguage("ab\xff\xfe").code == "un");  // not UTF-8: unknown, so read
}

TEST_CASE("lines in another language are blanked byte for byte, the rest left in place",
          "[reading][language]") {
  const std::string english = "Northwind Systems opened a research hub in Lisbon.";
  const std::string spanish = "Sé el primero en compartir tu opinión sobre este artículo.";
  std::string text = english + "\n" + spanish + "\nBack to Hub\n" + english;
  const std::string before = text;
  CHECK(BlankForeignLines(&text) == 1);
  CHECK(text.size() == before.size());
  CHECK(text == english + "\n" + std::string(spanish.size(), ' ') + "\nBack to Hub\n" + english);
  CHECK(BlankForeignLines(&text) == 0);
}
