// An HTML page as a tree, built in one pass over its bytes. The tokeniser is the HTML standard's
// (character references with the standard's legacy rules, raw text and RCDATA elements, comments,
// attributes quoted or not); the tree construction is the part of the standard's that decides
// what holds what on real pages: implied end tags (p, li, dd and dt, headings, table rows and
// cells, options), void elements, end tags that close only within their scope or are ignored
// when a block stands between, heads closed by body content, SVG and MathML with self-closing
// tags. What it leaves out changes where markup sits, not what text a page has: misnested
// formatting elements are closed rather than adopted, content inside a table but outside its
// cells stays in the table instead of being moved before it, and named references beyond
// HTML 4's set and ASCII punctuation's names are left as written.
//
// Nodes are numbered in document order and never move, so a node's subtree is the nodes from it
// to the one before `End(n)`: what depends on a subtree is computed in one backward pass.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weft::reading::html {

// The elements the reader and the tree construction tell apart; every other name is kOther.
enum class Tag : uint8_t {
  kOther,
  kA,
  kAddress,
  kApplet,
  kArea,
  kArticle,
  kAside,
  kAudio,
  kB,
  kBase,
  kBasefont,
  kBgsound,
  kBig,
  kBlockquote,
  kBody,
  kBr,
  kButton,
  kCanvas,
  kCaption,
  kCenter,
  kCode,
  kCol,
  kColgroup,
  kDd,
  kDetails,
  kDialog,
  kDir,
  kDiv,
  kDl,
  kDt,
  kEm,
  kEmbed,
  kFieldset,
  kFigcaption,
  kFigure,
  kFont,
  kFooter,
  kForm,
  kFrame,
  kFrameset,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kHead,
  kHeader,
  kHgroup,
  kHr,
  kHtml,
  kI,
  kIframe,
  kImg,
  kInput,
  kKeygen,
  kLi,
  kLink,
  kListing,
  kMain,
  kMarquee,
  kMath,
  kMenu,
  kMeta,
  kNav,
  kNobr,
  kNoembed,
  kNoframes,
  kNoscript,
  kObject,
  kOl,
  kOptgroup,
  kOption,
  kP,
  kParam,
  kPlaintext,
  kPre,
  kS,
  kScript,
  kSearch,
  kSection,
  kSelect,
  kSmall,
  kSource,
  kStrike,
  kStrong,
  kStyle,
  kSummary,
  kSvg,
  kTable,
  kTbody,
  kTd,
  kTemplate,
  kTextarea,
  kTfoot,
  kTh,
  kThead,
  kTime,
  kTitle,
  kTr,
  kTrack,
  kTt,
  kU,
  kUl,
  kVideo,
  kWbr,
  kXmp,
  kCount,
};

constexpr uint32_t kNone = UINT32_MAX;

struct Node {
  uint32_t parent = kNone;
  uint32_t first_child = kNone;
  uint32_t last_child = kNone;
  uint32_t next_sibling = kNone;
  // A text node's text, or an element's lower-cased name, in Document's character store.
  uint32_t chars_begin = 0;
  uint32_t chars_size = 0;
  uint32_t attrs_begin = 0;
  uint16_t attrs_size = 0;
  Tag tag = Tag::kOther;
  bool element = false;
};

class Document {
 public:
  // Elements nested deeper than this are left out (their text stays, in the deepest element
  // kept), as browsers stop nesting (Blink at 512): the reader's walks stay shallow.
  static constexpr size_t kMaxDepth = 400;

  // Never fails: any bytes give a tree. Node 0 is the document.
  static Document Parse(std::string_view html);

  uint32_t Size() const { return static_cast<uint32_t>(nodes_.size()); }
  const Node& operator[](uint32_t n) const { return nodes_[n]; }
  bool IsElement(uint32_t n) const { return nodes_[n].element; }
  Tag TagOf(uint32_t n) const { return nodes_[n].tag; }
  // One past the last node of n's subtree.
  uint32_t End(uint32_t n) const { return ends_[n]; }
  // A text node's text ("" for an element).
  std::string_view Text(uint32_t n) const;
  // An element's lower-cased name.
  std::string_view Name(uint32_t n) const;
  // The value of an element's attribute (names are lower-cased), "" when absent.
  std::string_view Attr(uint32_t n, std::string_view name) const;
  bool HasAttr(uint32_t n, std::string_view name) const;

 private:
  friend class TreeBuilder;
  struct Attribute {
    uint32_t name_begin, name_size, value_begin, value_size;
  };
  std::string_view Chars(uint32_t begin, uint32_t size) const {
    return std::string_view(chars_).substr(begin, size);
  }

  std::vector<Node> nodes_;
  std::vector<uint32_t> ends_;
  std::vector<Attribute> attrs_;
  std::string chars_;
};

// The tag of a lower-cased element name.
Tag TagOfName(std::string_view name);

// Appends the text of `raw` with its character references decoded, as in text
// (`in_attribute` false) or an attribute value.
void DecodeReferences(std::string_view raw, bool in_attribute, std::string* out);

}  // namespace weft::reading::html
