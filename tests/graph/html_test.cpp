// weft's HTML parser: the trees it builds from markup written for these tests, written back out
// as markup (every element closed, attributes in order) so that each case states the whole tree.
#include "graph/reading/html.h"

#include <catch2/catch.hpp>
#include <string>

using weft::reading::html::DecodeReferences;
using weft::reading::html::Document;
using weft::reading::html::kNone;
using weft::reading::html::Tag;

namespace {

void Write(const Document& d, uint32_t n, std::string* out) {
  if (!d.IsElement(n)) {
    *out += d.Text(n);
    return;
  }
  *out += "<" + std::string(d.Name(n));
  const std::string_view id = d.Attr(n, "id");
  if (!id.empty()) *out += " id=" + std::string(id);
  *out += ">";
  for (uint32_t k = d[n].first_child; k != kNone; k = d[k].next_sibling) Write(d, k, out);
  *out += "</" + std::string(d.Name(n)) + ">";
}

// The tree under the document, and a check that every subtree is the run of nodes it names.
std::string Tree(std::string_view html) {
  const Document d = Document::Parse(html);
  for (uint32_t n = 0; n < d.Size(); ++n) {
    for (uint32_t k = d[n].first_child; k != kNone; k = d[k].next_sibling) {
      REQUIRE(d[k].parent == n);
      REQUIRE(k > n);
      REQUIRE(d.End(k) <= d.End(n));
    }
  }
  std::string out;
  for (uint32_t k = d[0].first_child; k != kNone; k = d[k].next_sibling) Write(d, k, &out);
  return out;
}

std::string Decoded(std::string_view raw, bool in_attribute = false) {
  std::string out;
  DecodeReferences(raw, in_attribute, &out);
  return out;
}

}  // namespace

TEST_CASE("end tags the standard implies: paragraphs, list items, definitions, cells, headings",
          "[html]") {
  CHECK(Tree("<p>one<p>two<div>three</div>") == "<p>one</p><p>two</p><div>three</div>");
  CHECK(Tree("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>") ==
        "<ul><li>a</li><li>b<ul><li>c</li></ul></li><li>d</li></ul>");
  CHECK(Tree("<dl><dt>term<dd>meaning<dt>next</dl>") ==
        "<dl><dt>term</dt><dd>meaning</dd><dt>next</dt></dl>");
  CHECK(Tree("<table><tr><td>a<td>b<tr><th>c</table>after") ==
        "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>after");
  CHECK(Tree("<h2>one<h3>two</h3>") == "<h2>one</h2><h3>two</h3>");
  CHECK(Tree("<select><option>a<option>b</select>") ==
        "<select><option>a</option><option>b</option></select>");
  // A new item closes the open one through a div, address or p, but not through other blocks.
  CHECK(Tree("<li>a<div><li>b</div>") == "<li>a<div></div></li><li>b</li>");
  CHECK(Tree("<li>a<section><li>b</section>") == "<li>a<section><li>b</li></section></li>");
}

TEST_CASE("stray and misnested end tags close only what the standard lets them close", "[html]") {
  // An inline end tag never closes past a block.
  CHECK(Tree("<span><div>x</span>y</div>z") == "<span><div>xy</div>z</span>");
  // A block's end tag closes the inline elements left open inside it.
  CHECK(Tree("<div><span>x</div>y") == "<div><span>x</span></div>y");
  // An end tag with no open element is nothing; "</br>" is a line break.
  CHECK(Tree("a</section>b</br>c") == "ab<br></br>c");
  // A formatting element closed across a paragraph keeps the paragraph whole.
  CHECK(Tree("<p><b>x<p>y</b>z") == "<p><b>x</b></p><p>yz</p>");
  // A link inside an open link closes the open one.
  CHECK(Tree("<a id=1>one<a id=2>two</a>") == "<a id=1>one</a><a id=2>two</a>");
  // "<div/>" opens a div, as browsers read it; "<br/>" and "<img>" have no content.
  CHECK(Tree("<div/>x<br/>y<img>z") == "<div>x<br></br>y<img></img>z</div>");
  // Cells outside a table are ignored, their text kept.
  CHECK(Tree("<td>a</td>b") == "ab");
}

TEST_CASE("head, body and what leaves the head", "[html]") {
  CHECK(Tree("<html><head><title>T</title><meta id=m><p>x</p></head><body>y</body></html>z") ==
        "<html><head><title>T</title><meta id=m></meta></head><p>x</p>yz</html>");
  CHECK(Tree("<html><head><title>T</title></head><body><p>x</body></html>") ==
        "<html><head><title>T</title></head><body><p>x</p></body></html>");
  // Text in the head ends it.
  CHECK(Tree("<head>words<p>x") == "<head></head>words<p>x</p>");
}

TEST_CASE("raw text, comments, doctypes, SVG and CDATA", "[html]") {
  CHECK(Tree("<script>if (a<b && c>d) x = \"</div>\";</script><p>after") ==
        "<script>if (a<b && c>d) x = \"</div>\";</script><p>after</p>");
  // A script's end tag ends it even inside a string, as in browsers.
  CHECK(Tree("<script>x = \"</SCRIPT >\";</script>y") == "<script>x = \"</script>\";y");
  CHECK(Tree("<style>p > a { color: red }</style>") == "<style>p > a { color: red }</style>");
  // RCDATA: references decoded, tags not read.
  CHECK(Tree("<title>A &amp; B <b>c</b></title>") == "<title>A & B <b>c</b></title>");
  CHECK(Tree("<!DOCTYPE html><!-- a <p> comment -->x<!---->y<!-->z<?php echo ?>w") == "xyzw");
  CHECK(Tree("<svg><path/><title>t</title><![CDATA[<not a tag>]]></svg><p>x") ==
        "<svg><path></path><title>t</title><not a tag></svg><p>x</p>");
  // An HTML block inside SVG ends the SVG.
  CHECK(Tree("<svg><g><div>x</div>") == "<svg><g></g></svg><div>x</div>");
  // Outside SVG, CDATA is a comment.
  CHECK(Tree("a<![CDATA[b]]>c") == "ac");
  // Text that only looks like markup.
  CHECK(Tree("1 < 2 and 3 <= 4 <") == "1 < 2 and 3 <= 4 <");
}

TEST_CASE("attributes: quoted, unquoted, bare, repeated, upper case, references", "[html]") {
  const Document d = Document::Parse(
      "<DIV ID=\"main\" Class='a b' data-x=1 hidden title=\"&quot;Q&quot; &amp;c\" id=second "
      "href=\"?a=1&copy=2&amp;b\">x</div>");
  const uint32_t div = d[0].first_child;
  REQUIRE(div != kNone);
  CHECK(d.TagOf(div) == Tag::kDiv);
  CHECK(d.Name(div) == "div");
  CHECK(d.Attr(div, "id") == "main");  // the first of two counts
  CHECK(d.Attr(div, "class") == "a b");
  CHECK(d.Attr(div, "data-x") == "1");
  CHECK(d.HasAttr(div, "hidden"));
  CHECK(d.Attr(div, "hidden").empty());
  CHECK(d.Attr(div, "title") == "\"Q\" &c");
  // In an attribute a legacy name followed by '=' is left as written.
  CHECK(d.Attr(div, "href") == "?a=1&copy=2&b");
  CHECK_FALSE(d.HasAttr(div, "missing"));
  // A tag the input ends inside is dropped, as the standard says.
  CHECK(Tree("x<div class=\"never closed") == "x");
  CHECK(Tree("x<p>y</p") == "x<p>y</p>");
}

TEST_CASE("character references as the standard reads them", "[html]") {
  CHECK(Decoded("AT&amp;T &lt;b&gt; &quot;q&quot; &apos;a&apos;") == "AT&T <b> \"q\" 'a'");
  CHECK(Decoded("caf&eacute; &mdash; &hellip; &rsquo;s &nbsp;.") ==
        "caf\xC3\xA9 \xE2\x80\x94 \xE2\x80\xA6 \xE2\x80\x99s \xC2\xA0.");
  // Numbers, decimal and hexadecimal, with or without the semicolon; 0x80-0x9F as Windows-1252.
  CHECK(Decoded("&#65;&#x42;&#X43 &#150; &#x93;q&#x94;") ==
        "ABC \xE2\x80\x93 \xE2\x80\x9Cq\xE2\x80\x9D");
  // Out of range, zero and surrogates become U+FFFD.
  CHECK(Decoded("&#0;&#xD800;&#99999999999;") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  // Legacy names without a semicolon, in text; the longest legacy prefix counts.
  CHECK(Decoded("&copy 2026 &ampx &notit;") == "\xC2\xA9 2026 &x \xC2\xACit;");
  // A name only with its semicolon is read only with it; unknown names are left.
  CHECK(Decoded("&hellip &unknown; & &; &#; &#x;") == "&hellip &unknown; & &; &#; &#x;");
  // HTML5's names for punctuation and the capital spellings.
  CHECK(Decoded("&period;&comma;&lpar;&rpar; &AMP;&LT;") == ".,() &<");
}

TEST_CASE("hostile input: deep nesting, long runs of tags, NUL bytes, a cut-off page", "[html]") {
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div><span>";
  deep += "x";
  const Document d = Document::Parse(deep);
  uint32_t depth = 0;
  for (uint32_t n = d.Size() - 1; n != 0 && n != kNone; n = d[n].parent) ++depth;
  CHECK(depth <= Document::kMaxDepth + 1);
  CHECK(d.Text(d.Size() - 1) == "x");
  std::string stray;
  for (int i = 0; i < 20000; ++i) stray += "</b></p></li></td></table><b>";
  CHECK(Document::Parse(stray).Size() > 1);
  const std::string nul("a\0b<d\0v>c</d\0v>", 15);
  CHECK(Tree(nul) == std::string("a\0b<d?v>c</d?v>", 15));
  for (const char* cut : {"<", "</", "<!", "<!-", "<!--", "<a", "<a href", "<a href=", "&", "&#",
                          "&am", "<script>x", "<title>x &amp", "<svg><![CDATA[x"}) {
    CHECK_NOTHROW(Document::Parse(cut));
  }
}
