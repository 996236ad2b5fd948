// Reading web pages: pages written for weft's tests, in the layouts news sites use.
#include <catch2/catch.hpp>
#include <string>

#include "graph/reading/article.h"

using weft::reading::Article;
using weft::reading::ReadArticle;

namespace {

const std::string kBoilerplate = R"(
<header class="site-header"><a href="/">Daily Ledger</a><nav><a href="/world">World</a>
<a href="/business">Business</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Ten things you missed today</a></li>
<li><a href="/b">Markets close higher on a quiet day</a></li></ul></aside>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<footer class="site-footer"><p>Copyright 2026 Daily Ledger. All rights reserved.</p>
<a href="/privacy">Privacy</a></footer>)";

const std::vector<std::string> kBody = {
    "Northwind Systems agreed on Tuesday to buy Contoso for $2 billion, the companies said, in a "
    "deal that joins two of Lisbon's largest software makers.",
    "The deal, which regulators in Brussels must still approve, values Contoso at about 40 times "
    "its earnings, according to people familiar with the talks.",
    "Contoso's founder, Ana Ferreira, will join Northwind's board once the purchase is complete."};

std::string Paragraphs() {
  std::string out;
  for (const std::string& p : kBody) out += "<p>" + p + "</p>\n";
  return out;
}

}  // namespace

TEST_CASE("an <article> among navigation, notices, sidebars and footers: its paragraphs only",
          "[reading]") {
  const std::string page =
      "<!doctype html><html lang=\"en\"><head><title>Northwind buys Contoso | Daily Ledger</title>"
      "<meta property=\"og:title\" content=\"Northwind buys Contoso\">"
      "<meta property=\"og:site_name\" content=\"Daily Ledger\">"
      "<meta property=\"article:published_time\" content=\"2026-11-03T08:00:00Z\">"
      "<link rel=\"canonical\" href=\"https://ledger.example/2026/11/03/northwind\"></head><body>" +
      kBoilerplate +
      "<article><h1>Northwind buys Contoso</h1><figure><img src=\"x.jpg\"><figcaption>Ana "
      "Ferreira in Lisbon. Photo: Agency</figcaption></figure>" +
      Paragraphs() +
      "<div class=\"related-articles\"><h2>Related</h2><a href=\"/c\">Contoso's rise in ten "
      "charts</a></div></article>" +
      kBoilerplate + "</body></html>";
  Article a = ReadArticle(page);
  CHECK(a.paragraphs == kBody);
  CHECK(a.title == "Northwind buys Contoso");
  CHECK(a.date == "2026-11-03");
  CHECK(a.date_source == "meta");
  CHECK(a.site == "Daily Ledger");
  CHECK(a.language == "en");
  CHECK(a.canonical_url == "https://ledger.example/2026/11/03/northwind");
  CHECK(a.captions == std::vector<std::string>{"Ana Ferreira in Lisbon. Photo: Agency"});
}

TEST_CASE("div soup: the container whose paragraphs score best, with its headings", "[reading]") {
  const std::string page = "<html><body>" + kBoilerplate +
                           "<div id=\"wrap\"><div class=\"main-column\"><div class=\"story\">"
                           "<p>" +
                           kBody[0] + "</p><h2>What comes next</h2><div>" + kBody[1] + "</div><p>" +
                           kBody[2] +
                           "</p></div><div class=\"more-stories\">"
                           "<a href=\"/1\">Another story about software makers in Lisbon</a>"
                           "</div></div></div></body></html>";
  Article a = ReadArticle(page);
  CHECK(a.paragraphs == std::vector<std::string>{kBody[0], "What comes next", kBody[1], kBody[2]});
}

TEST_CASE("an AMP page: custom elements, sidebars and ads around the article", "[reading]") {
  const std::string page =
      "<!doctype html><html amp lang=\"en\"><head><meta charset=\"utf-8\">"
      "<script async src=\"https://cdn.ampproject.org/v0.js\"></script>"
      "<style amp-custom>.amp-wp-article{margin:0 auto}</style>"
      "<title>Northwind buys Contoso</title></head><body>"
      "<amp-sidebar id=\"sidebar\" layout=\"nodisplay\"><ul><li><a href=\"/\">Home</a></li>"
      "<li><a href=\"/markets\">Markets and the economy today</a></li></ul></amp-sidebar>"
      "<header class=\"amp-wp-header\"><a href=\"/\">Daily Ledger</a></header>"
      "<article class=\"amp-wp-article\"><h1 class=\"amp-wp-title\">Northwind buys Contoso</h1>"
      "<div class=\"amp-wp-article-content\"><p>" +
      kBody[0] +
      "</p><amp-img src=\"a.jpg\" width=\"600\" height=\"400\" layout=\"responsive\">"
      "</amp-img><p>" +
      kBody[1] +
      "</p><amp-ad width=\"300\" height=\"250\" type=\"doubleclick\" class=\"ad-slot\">"
      "<div placeholder>Advertisement loading</div></amp-ad><p>" +
      kBody[2] +
      "</p></div><amp-social-share type=\"twitter\"></amp-social-share></article>"
      "<footer class=\"amp-wp-footer\"><p>Copyright 2026 Daily Ledger.</p></footer></body></html>";
  const Article a = ReadArticle(page);
  CHECK(a.paragraphs == kBody);
  CHECK(a.title == "Northwind buys Contoso");
  CHECK(a.language == "en");
}

TEST_CASE("a page with a second, shorter story and a comment thread: the main article only",
          "[reading]") {
  const std::string page =
      "<html><body><main><article class=\"story\"><h1>Northwind buys Contoso</h1>" + Paragraphs() +
      "</article><article class=\"teaser\"><h2><a href=\"/other\">Fabrikam opens a plant in "
      "Porto</a></h2><p>The chip maker will hire 300 people, it said.</p></article></main>"
      "<section id=\"comments\"><h3>12 comments</h3><div class=\"comment\"><p>Great article, "
      "but I think the price is far too high for a company of that size, frankly.</p></div>"
      "<div class=\"comment\"><p>Regulators in Brussels will never approve this, mark my words, "
      "not in a hundred years.</p></div></section></body></html>";
  const Article a = ReadArticle(page);
  CHECK(a.paragraphs == kBody);
}

TEST_CASE("a page whose article is only in JSON-LD, and the order of trust for dates",
          "[reading]") {
  const std::string page =
      "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"Northwind buys Contoso\",\"datePublished\":"
      "\"2026-11-04T09:30:00+01:00\",\"author\":[{\"@type\":\"Person\",\"name\":\"Rui Costa\"}],"
      "\"articleBody\":\"" +
      kBody[0] + "\\n" + kBody[1] +
      "\"}</script>"
      "<meta property=\"article:published_time\" content=\"2026-11-03\"></head><body>"
      "<div id=\"app\">Loading…</div><time datetime=\"2026-11-02\">2 Nov</time></body></html>";
  Article a = ReadArticle(page);
  CHECK(a.paragraphs == std::vector<std::string>{kBody[0], kBody[1]});
  CHECK(a.title == "Northwind buys Contoso");
  CHECK(a.date == "2026-11-04");
  CHECK(a.date_source == "json-ld");
  CHECK(a.authors == std::vector<std::string>{"Rui Costa"});
  // Without JSON-LD and meta: the <time> element, then the address.
  CHECK(ReadArticle("<html><body><time datetime=\"2026-11-02T10:00\">x</time><p>" + kBody[0] +
                    "</p></body></html>")
            .date == "2026-11-02");
  Article by_url = ReadArticle(
      "<html><head><meta property=\"og:url\" content=\"https://x.example/news/2025/07/19/a\">"
      "</head><body><p>" +
      kBody[0] + "</p></body></html>");
  CHECK(by_url.date == "2025-07-19");
  CHECK(by_url.date_source == "url");
}

TEST_CASE("the publisher's own day: datelines, placeholders, addresses and UTC times",
          "[reading]") {
  // A page with `head` inside <head>, a headline, a byline line and the article.
  auto page = [](const std::string& head, const std::string& byline) {
    return "<html lang=\"en-GB\"><head>" + head + "</head><body><h1>Northwind buys Contoso</h1>" +
           byline + "<div class=\"story\">" + Paragraphs() + "</div></body></html>";
  };
  auto json = [](const std::string& date) {
    return "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
           "\"datePublished\":\"" +
           date + "\"}</script>";
  };
  // Stamped in UTC after midnight, shown the evening before: the dateline's day.
  Article a = ReadArticle(
      page(json("2026-11-04T01:50:00Z"), "<p class=\"by\">By Rui Costa | Nov. 3, 2026</p>"));
  CHECK(a.date == "2026-11-03");
  CHECK(a.date_source == "dateline");
  // A dateline days away (an update, another story) leaves the metadata's date.
  a = ReadArticle(page(json("2026-11-04T09:00:00+01:00"), "<p>Updated 12 November 2026</p>"));
  CHECK(a.date == "2026-11-04");
  CHECK(a.date_source == "json-ld");
  // A quoted post's date is not the page's.
  a = ReadArticle(page(json("2026-11-04T23:00:00-05:00"),
                       "<blockquote class=\"twitter-tweet\">Big news - November 5, 2026"
                       "</blockquote>"));
  CHECK(a.date == "2026-11-04");
  // A placeholder year is no date: the next source counts.
  a = ReadArticle(page(json("0001-01-01T00:00:00Z") +
                           "<meta property=\"article:published_time\" content=\"2026-11-02\">",
                       ""));
  CHECK(a.date == "2026-11-02");
  CHECK(a.date_source == "meta");
  // Only a dateline: written out, upper case, day first, or numeric by the page's language.
  CHECK(ReadArticle(page("", "<span>REUTERS</span><span>18 NOV 2026</span>")).date == "2026-11-18");
  CHECK(ReadArticle(page("", "<small>05/10/2026 - Published by the desk</small>")).date ==
        "2026-10-05");
  std::string american = page("", "<small>05/10/2026 - Published by the desk</small>");
  american.replace(american.find("en-GB"), 5, "en-US");
  CHECK(ReadArticle(american).date == "2026-05-10");
  // An address's month may be a name; one day from a UTC time it is the publisher's day only
  // at an hour when that day is still (or already) the other one for most of the world.
  auto with_url = [&](const std::string& time, const std::string& url) {
    return ReadArticle(page(json(time) + "<link rel=\"canonical\" href=\"" + url + "\">", ""));
  };
  CHECK(with_url("", "https://x.example/politics/2026/nov/18/story").date == "2026-11-18");
  a = with_url("2026-11-19T04:58:46Z", "https://x.example/2026/11/18/story/");
  CHECK(a.date == "2026-11-18");
  CHECK(a.date_source == "url");
  a = with_url("2026-11-19T11:45:59.000Z", "https://x.example/2026/11/18/story/");
  CHECK(a.date == "2026-11-19");
  CHECK(a.date_source == "json-ld");
  a = with_url("2026-11-19T04:58:46-08:00", "https://x.example/2026/11/18/story/");
  CHECK(a.date == "2026-11-19");
  // Days that are not: 30 February, month 13.
  CHECK(ReadArticle(page(json("2026-02-30"), "")).date.empty());
  CHECK(with_url("", "https://x.example/2026/13/01/story").date.empty());
}

TEST_CASE("malformed, deep, empty and non-HTML input is read as far as it goes", "[reading]") {
  // Unclosed tags.
  Article a =
      ReadArticle("<html><body><div class=\"content\"><p>" + kBody[0] + "<p>" + kBody[1] + "<div>");
  CHECK(a.paragraphs == std::vector<std::string>{kBody[0], kBody[1]});
  // Deep nesting: flattened past 400 levels, as browsers do, the text kept.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "<p>" + kBody[0] + "</p>";
  Article d = ReadArticle(deep);
  CHECK(d.paragraphs == std::vector<std::string>{kBody[0]});
  // A 50 MB page: read whole, in one pass.
  std::string big = "<html><body><div class=\"content\">";
  const std::string paragraph = "<p>" + kBody[0] + "</p>\n";
  size_t written = 0;
  for (; big.size() < (50U << 20); ++written) big += paragraph;
  big += "</div></body></html>";
  const Article large = ReadArticle(big);
  CHECK(large.paragraphs.size() == written);
  CHECK(large.paragraphs.back() == kBody[0]);
  CHECK(ReadArticle("").paragraphs.empty());
  CHECK(ReadArticle("just a line of text").paragraphs ==
        std::vector<std::string>{"just a line of text"});
  // A fragment too short to score still gives its text.
  CHECK(ReadArticle("<p>Acme bought Globex.</p>").paragraphs ==
        std::vector<std::string>{"Acme bought Globex."});
}
