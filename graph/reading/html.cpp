#include "graph/reading/html.h"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include "graph/base/text.h"

namespace weft::reading::html {
namespace {

// ---- element names and their kinds ---------------------------------------------------------

struct NamedTag {
  std::string_view name;
  Tag tag;
};

constexpr NamedTag kNames[] = {
    {"a", Tag::kA},
    {"address", Tag::kAddress},
    {"applet", Tag::kApplet},
    {"area", Tag::kArea},
    {"article", Tag::kArticle},
    {"aside", Tag::kAside},
    {"audio", Tag::kAudio},
    {"b", Tag::kB},
    {"base", Tag::kBase},
    {"basefont", Tag::kBasefont},
    {"bgsound", Tag::kBgsound},
    {"big", Tag::kBig},
    {"blockquote", Tag::kBlockquote},
    {"body", Tag::kBody},
    {"br", Tag::kBr},
    {"button", Tag::kButton},
    {"canvas", Tag::kCanvas},
    {"caption", Tag::kCaption},
    {"center", Tag::kCenter},
    {"code", Tag::kCode},
    {"col", Tag::kCol},
    {"colgroup", Tag::kColgroup},
    {"dd", Tag::kDd},
    {"details", Tag::kDetails},
    {"dialog", Tag::kDialog},
    {"dir", Tag::kDir},
    {"div", Tag::kDiv},
    {"dl", Tag::kDl},
    {"dt", Tag::kDt},
    {"em", Tag::kEm},
    {"embed", Tag::kEmbed},
    {"fieldset", Tag::kFieldset},
    {"figcaption", Tag::kFigcaption},
    {"figure", Tag::kFigure},
    {"font", Tag::kFont},
    {"footer", Tag::kFooter},
    {"form", Tag::kForm},
    {"frame", Tag::kFrame},
    {"frameset", Tag::kFrameset},
    {"h1", Tag::kH1},
    {"h2", Tag::kH2},
    {"h3", Tag::kH3},
    {"h4", Tag::kH4},
    {"h5", Tag::kH5},
    {"h6", Tag::kH6},
    {"head", Tag::kHead},
    {"header", Tag::kHeader},
    {"hgroup", Tag::kHgroup},
    {"hr", Tag::kHr},
    {"html", Tag::kHtml},
    {"i", Tag::kI},
    {"iframe", Tag::kIframe},
    {"img", Tag::kImg},
    {"input", Tag::kInput},
    {"keygen", Tag::kKeygen},
    {"li", Tag::kLi},
    {"link", Tag::kLink},
    {"listing", Tag::kListing},
    {"main", Tag::kMain},
    {"marquee", Tag::kMarquee},
    {"math", Tag::kMath},
    {"menu", Tag::kMenu},
    {"meta", Tag::kMeta},
    {"nav", Tag::kNav},
    {"nobr", Tag::kNobr},
    {"noembed", Tag::kNoembed},
    {"noframes", Tag::kNoframes},
    {"noscript", Tag::kNoscript},
    {"object", Tag::kObject},
    {"ol", Tag::kOl},
    {"optgroup", Tag::kOptgroup},
    {"option", Tag::kOption},
    {"p", Tag::kP},
    {"param", Tag::kParam},
    {"plaintext", Tag::kPlaintext},
    {"pre", Tag::kPre},
    {"s", Tag::kS},
    {"script", Tag::kScript},
    {"search", Tag::kSearch},
    {"section", Tag::kSection},
    {"select", Tag::kSelect},
    {"small", Tag::kSmall},
    {"source", Tag::kSource},
    {"strike", Tag::kStrike},
    {"strong", Tag::kStrong},
    {"style", Tag::kStyle},
    {"summary", Tag::kSummary},
    {"svg", Tag::kSvg},
    {"table", Tag::kTable},
    {"tbody", Tag::kTbody},
    {"td", Tag::kTd},
    {"template", Tag::kTemplate},
    {"textarea", Tag::kTextarea},
    {"tfoot", Tag::kTfoot},
    {"th", Tag::kTh},
    {"thead", Tag::kThead},
    {"time", Tag::kTime},
    {"title", Tag::kTitle},
    {"tr", Tag::kTr},
    {"track", Tag::kTrack},
    {"tt", Tag::kTt},
    {"u", Tag::kU},
    {"ul", Tag::kUl},
    {"video", Tag::kVideo},
    {"wbr", Tag::kWbr},
    {"xmp", Tag::kXmp},
};

// What the tree construction needs to know of an element, as bits.
enum Kind : uint16_t {
  kVoid = 1,           // has no end tag and no content
  kClosesP = 2,        // its start tag closes an open p
  kSpecial = 4,        // the standard's "special" category: stray end tags stop at it
  kFormatting = 8,     // b, i, a...: its end tag closes it only if no block stands between
  kScope = 16,         // a boundary of the default scope
  kHeadContent = 32,   // may stay in <head>
  kRawText = 64,       // its content is text up to its end tag
  kReferences = 128,   // ... with character references decoded (RCDATA)
  kTableSection = 256  // tbody, thead, tfoot
};

constexpr size_t kTags = static_cast<size_t>(Tag::kCount);

constexpr std::array<uint16_t, kTags> MakeKinds() {
  std::array<uint16_t, kTags> k{};
  auto set = [&](std::initializer_list<Tag> tags, uint16_t bits) {
    for (Tag t : tags) k[static_cast<size_t>(t)] |= bits;
  };
  set({Tag::kArea, Tag::kBase, Tag::kBasefont, Tag::kBgsound, Tag::kBr, Tag::kCol, Tag::kEmbed,
       Tag::kHr, Tag::kImg, Tag::kInput, Tag::kKeygen, Tag::kLink, Tag::kMeta, Tag::kParam,
       Tag::kSource, Tag::kTrack, Tag::kWbr, Tag::kFrame},
      kVoid);
  set({Tag::kAddress,  Tag::kArticle,    Tag::kAside,   Tag::kBlockquote, Tag::kCenter,
       Tag::kDetails,  Tag::kDialog,     Tag::kDir,     Tag::kDiv,        Tag::kDl,
       Tag::kFieldset, Tag::kFigcaption, Tag::kFigure,  Tag::kFooter,     Tag::kForm,
       Tag::kH1,       Tag::kH2,         Tag::kH3,      Tag::kH4,         Tag::kH5,
       Tag::kH6,       Tag::kHeader,     Tag::kHgroup,  Tag::kHr,         Tag::kMain,
       Tag::kMenu,     Tag::kNav,        Tag::kOl,      Tag::kP,          Tag::kPre,
       Tag::kSearch,   Tag::kSection,    Tag::kSummary, Tag::kTable,      Tag::kUl,
       Tag::kLi,       Tag::kDd,         Tag::kDt,      Tag::kListing,    Tag::kPlaintext,
       Tag::kXmp},
      kClosesP);
  set({Tag::kAddress,   Tag::kApplet,   Tag::kArea,     Tag::kArticle,    Tag::kAside,
       Tag::kBase,      Tag::kBasefont, Tag::kBgsound,  Tag::kBlockquote, Tag::kBody,
       Tag::kBr,        Tag::kButton,   Tag::kCaption,  Tag::kCenter,     Tag::kCol,
       Tag::kColgroup,  Tag::kDd,       Tag::kDetails,  Tag::kDir,        Tag::kDiv,
       Tag::kDl,        Tag::kDt,       Tag::kEmbed,    Tag::kFieldset,   Tag::kFigcaption,
       Tag::kFigure,    Tag::kFooter,   Tag::kForm,     Tag::kFrame,      Tag::kFrameset,
       Tag::kH1,        Tag::kH2,       Tag::kH3,       Tag::kH4,         Tag::kH5,
       Tag::kH6,        Tag::kHead,     Tag::kHeader,   Tag::kHgroup,     Tag::kHr,
       Tag::kHtml,      Tag::kIframe,   Tag::kImg,      Tag::kInput,      Tag::kKeygen,
       Tag::kLi,        Tag::kLink,     Tag::kListing,  Tag::kMain,       Tag::kMarquee,
       Tag::kMenu,      Tag::kMeta,     Tag::kNav,      Tag::kNoembed,    Tag::kNoframes,
       Tag::kNoscript,  Tag::kObject,   Tag::kOl,       Tag::kP,          Tag::kParam,
       Tag::kPlaintext, Tag::kPre,      Tag::kScript,   Tag::kSearch,     Tag::kSection,
       Tag::kSelect,    Tag::kSource,   Tag::kStyle,    Tag::kSummary,    Tag::kTable,
       Tag::kTbody,     Tag::kTd,       Tag::kTemplate, Tag::kTextarea,   Tag::kTfoot,
       Tag::kTh,        Tag::kThead,    Tag::kTitle,    Tag::kTr,         Tag::kTrack,
       Tag::kUl,        Tag::kWbr,      Tag::kXmp,      Tag::kSvg,        Tag::kMath},
      kSpecial);
  set({Tag::kA, Tag::kB, Tag::kBig, Tag::kCode, Tag::kEm, Tag::kFont, Tag::kI, Tag::kNobr, Tag::kS,
       Tag::kSmall, Tag::kStrike, Tag::kStrong, Tag::kTt, Tag::kU},
      kFormatting);
  set({Tag::kApplet, Tag::kCaption, Tag::kHtml, Tag::kTable, Tag::kTd, Tag::kTh, Tag::kMarquee,
       Tag::kObject, Tag::kTemplate},
      kScope);
  set({Tag::kBase, Tag::kBasefont, Tag::kBgsound, Tag::kLink, Tag::kMeta, Tag::kNoframes,
       Tag::kScript, Tag::kStyle, Tag::kTemplate, Tag::kTitle, Tag::kNoscript},
      kHeadContent);
  set({Tag::kScript, Tag::kStyle, Tag::kXmp, Tag::kIframe, Tag::kNoembed, Tag::kNoframes,
       Tag::kNoscript, Tag::kTextarea, Tag::kTitle},
      kRawText);
  set({Tag::kTextarea, Tag::kTitle}, kReferences);
  set({Tag::kTbody, Tag::kThead, Tag::kTfoot}, kTableSection);
  return k;
}

constexpr std::array<uint16_t, kTags> kKinds = MakeKinds();

bool Is(Tag t, uint16_t kind) { return (kKinds[static_cast<size_t>(t)] & kind) != 0; }

bool IsHeading(Tag t) { return t >= Tag::kH1 && t <= Tag::kH6; }

// Start tags that end SVG or MathML content (the standard's list for foreign content).
bool EndsForeign(Tag t) {
  switch (t) {
    case Tag::kB:
    case Tag::kBig:
    case Tag::kBlockquote:
    case Tag::kBody:
    case Tag::kBr:
    case Tag::kCenter:
    case Tag::kCode:
    case Tag::kDd:
    case Tag::kDiv:
    case Tag::kDl:
    case Tag::kDt:
    case Tag::kEm:
    case Tag::kEmbed:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kHead:
    case Tag::kHr:
    case Tag::kI:
    case Tag::kImg:
    case Tag::kLi:
    case Tag::kListing:
    case Tag::kMenu:
    case Tag::kMeta:
    case Tag::kNobr:
    case Tag::kOl:
    case Tag::kP:
    case Tag::kPre:
    case Tag::kS:
    case Tag::kSmall:
    case Tag::kStrong:
    case Tag::kStrike:
    case Tag::kTable:
    case Tag::kTt:
    case Tag::kU:
    case Tag::kUl:
      return true;
    default:
      return false;
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ---- character references ------------------------------------------------------------------

// Numeric references to 0x80-0x9F name Windows-1252's characters (the standard's table).
constexpr std::array<uint16_t, 32> kC1 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

uint32_t NumericValue(uint64_t v) {
  if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0xFFFD;
  if (v >= 0x80 && v <= 0x9F) return kC1[v - 0x80];
  return static_cast<uint32_t>(v);
}

// Names the HTML standard added to HTML 4's that pages use for ASCII punctuation and spaces,
// and the upper-case spellings it keeps from old browsers.
constexpr std::pair<std::string_view, uint32_t> kExtraNames[] = {
    {"AMP", 0x26},
    {"COPY", 0xA9},
    {"GT", 0x3E},
    {"LT", 0x3C},
    {"QUOT", 0x22},
    {"REG", 0xAE},
    {"apos", 0x27},
    {"Tab", 0x09},
    {"NewLine", 0x0A},
    {"excl", 0x21},
    {"num", 0x23},
    {"dollar", 0x24},
    {"percnt", 0x25},
    {"lpar", 0x28},
    {"rpar", 0x29},
    {"ast", 0x2A},
    {"plus", 0x2B},
    {"comma", 0x2C},
    {"period", 0x2E},
    {"sol", 0x2F},
    {"colon", 0x3A},
    {"semi", 0x3B},
    {"equals", 0x3D},
    {"quest", 0x3F},
    {"commat", 0x40},
    {"lsqb", 0x5B},
    {"lbrack", 0x5B},
    {"bsol", 0x5C},
    {"rsqb", 0x5D},
    {"rbrack", 0x5D},
    {"Hat", 0x5E},
    {"lowbar", 0x5F},
    {"grave", 0x60},
    {"lcub", 0x7B},
    {"lbrace", 0x7B},
    {"verbar", 0x7C},
    {"vert", 0x7C},
    {"rcub", 0x7D},
    {"rbrace", 0x7D},
    {"hyphen", 0x2010},
    {"dash", 0x2010},
    {"NonBreakingSpace", 0xA0},
    {"ZeroWidthSpace", 0x200B},
    {"nbsp", 0xA0},
    {"amp", 0x26},
    {"lt", 0x3C},
    {"gt", 0x3E},
    {"quot", 0x22},
};

// The code point a name stands for (0 when none), and whether the standard also reads it
// without its semicolon (HTML 4's Latin-1 names, amp, lt, gt, quot and their capitals).
struct Named {
  uint32_t value = 0;
  bool legacy = false;
};

Named LookUp(std::string_view name) {
  // HTML 4's 253 names come from libxml2's table (a scan of it per call); each thread remembers
  // the names it has seen, up to a bound, since made-up names can come by the thousand.
  thread_local std::unordered_map<std::string, Named> seen;
  std::string key(name);
  if (auto it = seen.find(key); it != seen.end()) return it->second;
  Named n;
  for (const auto& [extra, value] : kExtraNames) {
    if (extra == name) n.value = value;
  }
  if (n.value == 0) {
    if (const htmlEntityDesc* d = htmlEntityLookup(reinterpret_cast<const xmlChar*>(key.c_str()))) {
      n.value = d->value;
    }
  }
  n.legacy = (n.value >= 0xA0 && n.value <= 0xFF && name != "NonBreakingSpace") || name == "amp" ||
             name == "lt" || name == "gt" || name == "quot" || name == "AMP" || name == "LT" ||
             name == "GT" || name == "QUOT" || name == "COPY" || name == "REG";
  constexpr size_t kRemembered = 4096;
  if (seen.size() < kRemembered) seen.emplace(std::move(key), n);
  return n;
}

// Decodes the reference at raw[i] == '&'; appends what it stands for and returns the index
// after it, or appends '&' and returns i + 1 when it is none.
size_t DecodeOne(std::string_view raw, size_t i, bool in_attribute, std::string* out) {
  const size_t n = raw.size();
  size_t j = i + 1;
  if (j < n && raw[j] == '#') {
    ++j;
    const bool hex = j < n && (raw[j] == 'x' || raw[j] == 'X');
    if (hex) ++j;
    const size_t digits_begin = j;
    uint64_t v = 0;
    while (j < n) {
      const char c = raw[j];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) break;
      v = std::min<uint64_t>(v * (hex ? 16 : 10) + static_cast<uint64_t>(d), 0x110000);
      ++j;
    }
    if (j == digits_begin) {
      out->push_back('&');
      return i + 1;
    }
    if (j < n && raw[j] == ';') ++j;
    AppendUtf8(out, NumericValue(v));
    return j;
  }
  size_t end = j;
  while (end < n && end - j < 32 && IsAlnum(raw[end])) ++end;
  if (end == j) {
    out->push_back('&');
    return i + 1;
  }
  if (end < n && raw[end] == ';') {
    const Named whole = LookUp(raw.substr(j, end - j));
    if (whole.value != 0) {
      AppendUtf8(out, whole.value);
      return end + 1;
    }
  }
  // Without a semicolon only the legacy names count, the longest that starts the run.
  for (size_t len = std::min<size_t>(end - j, 6); len >= 2; --len) {
    const Named prefix = LookUp(raw.substr(j, len));
    if (prefix.value == 0 || !prefix.legacy) continue;
    const size_t after = j + len;
    if (in_attribute && after < n && (IsAlnum(raw[after]) || raw[after] == '=')) break;
    AppendUtf8(out, prefix.value);
    return after;
  }
  out->push_back('&');
  return i + 1;
}

}  // namespace

Tag TagOfName(std::string_view name) {
  static const std::unordered_map<std::string_view, Tag> kByName = [] {
    std::unordered_map<std::string_view, Tag> m;
    for (const NamedTag& t : kNames) m.emplace(t.name, t.tag);
    return m;
  }();
  if (name.size() > 10) return Tag::kOther;
  auto it = kByName.find(name);
  return it == kByName.end() ? Tag::kOther : it->second;
}

void DecodeReferences(std::string_view raw, bool in_attribute, std::string* out) {
  size_t i = 0;
  while (i < raw.size()) {
    const size_t amp = raw.find('&', i);
    if (amp == std::string_view::npos) {
      out->append(raw.substr(i));
      return;
    }
    out->append(raw.substr(i, amp - i));
    i = DecodeOne(raw, amp, in_attribute, out);
  }
}

std::string_view Document::Text(uint32_t n) const {
  const Node& node = nodes_[n];
  return node.element ? std::string_view() : Chars(node.chars_begin, node.chars_size);
}

std::string_view Document::Name(uint32_t n) const {
  const Node& node = nodes_[n];
  return node.element ? Chars(node.chars_begin, node.chars_size) : std::string_view();
}

std::string_view Document::Attr(uint32_t n, std::string_view name) const {
  const Node& node = nodes_[n];
  for (uint32_t i = node.attrs_begin; i < node.attrs_begin + node.attrs_size; ++i) {
    const Attribute& a = attrs_[i];
    if (Chars(a.name_begin, a.name_size) == name) return Chars(a.value_begin, a.value_size);
  }
  return {};
}

bool Document::HasAttr(uint32_t n, std::string_view name) const {
  const Node& node = nodes_[n];
  for (uint32_t i = node.attrs_begin; i < node.attrs_begin + node.attrs_size; ++i) {
    const Attribute& a = attrs_[i];
    if (Chars(a.name_begin, a.name_size) == name) return true;
  }
  return false;
}

// The tokeniser and the tree construction, one pass.
class TreeBuilder {
 public:
  explicit TreeBuilder(std::string_view in) : in_(in) {
    doc_.nodes_.reserve(in.size() / 40 + 16);
    doc_.chars_.reserve(in.size() / 2 + 16);
    doc_.nodes_.emplace_back();  // the document
    stack_.push_back(0);
  }

  Document Build() {
    while (pos_ < in_.size()) {
      const size_t lt = in_.find('<', pos_);
      const size_t stop = lt == std::string_view::npos ? in_.size() : lt;
      if (stop > pos_) AddText(in_.substr(pos_, stop - pos_), /*decode=*/true);
      pos_ = stop;
      if (pos_ < in_.size()) Markup();
    }
    Document& d = doc_;
    d.ends_.resize(d.nodes_.size());
    for (uint32_t n = 0; n < d.nodes_.size(); ++n) d.ends_[n] = n + 1;
    for (uint32_t n = static_cast<uint32_t>(d.nodes_.size()); n-- > 1;) {
      const uint32_t p = d.nodes_[n].parent;
      d.ends_[p] = std::max(d.ends_[p], d.ends_[n]);
    }
    return std::move(doc_);
  }

 private:
  // ---- tokens --------------------------------------------------------------------------------
  // At a '<'.
  void Markup() {
    const size_t n = in_.size();
    const size_t next = pos_ + 1;
    if (next >= n) {
      AddText("<", false);
      pos_ = n;
      return;
    }
    const char c = in_[next];
    if (c == '!') {
      if (in_.compare(next, 3, "!--") == 0) {
        // "<!-->" and "<!--->" are whole comments.
        size_t body = next + 3;
        if (body < n && in_[body] == '>') {
          pos_ = body + 1;
          return;
        }
        if (in_.compare(body, 2, "->") == 0) {
          pos_ = body + 2;
          return;
        }
        const size_t end = in_.find("-->", body);
        pos_ = end == std::string_view::npos ? n : end + 3;
        return;
      }
      if (foreign_ > 0 && in_.compare(next, 8, "![CDATA[") == 0) {
        const size_t end = in_.find("]]>", next + 8);
        const size_t stop = end == std::string_view::npos ? n : end;
        AddText(in_.substr(next + 8, stop - next - 8), false);
        pos_ = end == std::string_view::npos ? n : end + 3;
        return;
      }
      SkipBogusComment(next);  // a doctype, or a comment of another shape
      return;
    }
    if (c == '?') {
      SkipBogusComment(next);
      return;
    }
    if (c == '/') {
      if (next + 1 < n && IsAlpha(in_[next + 1])) {
        EndTagToken();
      } else if (next + 1 < n && in_[next + 1] == '>') {
        pos_ = next + 2;  // "</>" is nothing
      } else if (next + 1 >= n) {
        AddText("</", false);
        pos_ = n;
      } else {
        SkipBogusComment(next);
      }
      return;
    }
    if (IsAlpha(c)) {
      StartTagToken();
      return;
    }
    AddText("<", false);
    pos_ = next;
  }

  void SkipBogusComment(size_t from) {
    const size_t end = in_.find('>', from);
    pos_ = end == std::string_view::npos ? in_.size() : end + 1;
  }

  // Reads a tag's name from pos_ (at its first letter) into name_, lower-cased.
  void ReadName() {
    name_.clear();
    const size_t n = in_.size();
    while (pos_ < n) {
      const char c = in_[pos_];
      if (IsSpace(c) || c == '/' || c == '>') break;
      name_.push_back(c == '\0' ? '?' : Lower(c));
      ++pos_;
    }
  }

  // Reads attributes up to and past the tag's '>' into the document's store. Returns false when
  // the input ends inside the tag (the standard drops such a tag).
  bool ReadAttributes(bool keep, bool* self_closing) {
    const size_t n = in_.size();
    *self_closing = false;
    while (pos_ < n) {
      char c = in_[pos_];
      if (IsSpace(c)) {
        ++pos_;
        continue;
      }
      if (c == '>') {
        ++pos_;
        return true;
      }
      if (c == '/') {
        ++pos_;
        if (pos_ < n && in_[pos_] == '>') {
          *self_closing = true;
          ++pos_;
          return true;
        }
        continue;
      }
      // A name: its first character may be '='.
      const size_t name_begin = pos_;
      ++pos_;
      while (pos_ < n && !IsSpace(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>' &&
             in_[pos_] != '=') {
        ++pos_;
      }
      const std::string_view name = in_.substr(name_begin, pos_ - name_begin);
      while (pos_ < n && IsSpace(in_[pos_])) ++pos_;
      std::string_view value;
      bool has_value = false;
      if (pos_ < n && in_[pos_] == '=') {
        ++pos_;
        while (pos_ < n && IsSpace(in_[pos_])) ++pos_;
        if (pos_ >= n) return false;
        c = in_[pos_];
        if (c == '"' || c == '\'') {
          const size_t close = in_.find(c, pos_ + 1);
          if (close == std::string_view::npos) return false;
          value = in_.substr(pos_ + 1, close - pos_ - 1);
          pos_ = close + 1;
        } else {
          const size_t value_begin = pos_;
          while (pos_ < n && !IsSpace(in_[pos_]) && in_[pos_] != '>') ++pos_;
          value = in_.substr(value_begin, pos_ - value_begin);
        }
        has_value = true;
      }
      if (keep) AddAttribute(name, has_value ? value : std::string_view());
    }
    return false;
  }

  void AddAttribute(std::string_view name, std::string_view value) {
    constexpr size_t kMaxAttributes = 256;
    std::string& chars = doc_.chars_;
    const size_t count = doc_.attrs_.size() - tag_attrs_begin_;
    if (count >= kMaxAttributes) return;
    const auto name_begin = static_cast<uint32_t>(chars.size());
    for (char c : name) chars.push_back(Lower(c));
    const auto name_size = static_cast<uint32_t>(chars.size() - name_begin);
    // The first of two attributes of one name counts.
    for (size_t i = tag_attrs_begin_; i < doc_.attrs_.size(); ++i) {
      const Document::Attribute& a = doc_.attrs_[i];
      if (a.name_size == name_size &&
          chars.compare(a.name_begin, a.name_size, chars, name_begin, name_size) == 0) {
        chars.resize(name_begin);
        return;
      }
    }
    const auto value_begin = static_cast<uint32_t>(chars.size());
    if (value.find('&') == std::string_view::npos) {
      chars.append(value);
    } else {
      DecodeReferences(value, /*in_attribute=*/true, &chars);
    }
    doc_.attrs_.push_back(
        {name_begin, name_size, value_begin, static_cast<uint32_t>(chars.size() - value_begin)});
  }

  void StartTagToken() {
    ++pos_;
    ReadName();
    Tag tag = TagOfName(name_);
    if (tag == Tag::kOther && name_ == "image") {
      tag = Tag::kImg;
      name_ = "img";
    }
    const size_t chars_mark = doc_.chars_.size();
    tag_attrs_begin_ = doc_.attrs_.size();
    bool self_closing = false;
    if (!ReadAttributes(/*keep=*/true, &self_closing)) {
      doc_.chars_.resize(chars_mark);
      doc_.attrs_.resize(tag_attrs_begin_);
      pos_ = in_.size();
      return;
    }
    if (!StartTag(tag, self_closing)) {
      // Not made into an element: its attributes go.
      doc_.chars_.resize(chars_mark);
      doc_.attrs_.resize(tag_attrs_begin_);
    }
  }

  void EndTagToken() {
    pos_ += 2;
    ReadName();
    bool self_closing = false;
    tag_attrs_begin_ = doc_.attrs_.size();
    if (!ReadAttributes(/*keep=*/false, &self_closing)) {
      pos_ = in_.size();
      return;
    }
    EndTag(TagOfName(name_));
  }

  // The text of a raw text element up to its end tag, and past the end tag.
  std::string_view RawTextUntilEnd(std::string_view name) {
    const size_t n = in_.size();
    size_t at = pos_;
    for (;;) {
      at = in_.find("</", at);
      if (at == std::string_view::npos) break;
      size_t k = 0;
      while (k < name.size() && at + 2 + k < n && Lower(in_[at + 2 + k]) == name[k]) ++k;
      const size_t after = at + 2 + k;
      if (k == name.size() &&
          (after >= n || IsSpace(in_[after]) || in_[after] == '/' || in_[after] == '>')) {
        break;
      }
      at += 2;
    }
    const size_t stop = at == std::string_view::npos ? n : at;
    std::string_view text = in_.substr(pos_, stop - pos_);
    if (at == std::string_view::npos) {
      pos_ = n;
    } else {
      const size_t close = in_.find('>', at);
      pos_ = close == std::string_view::npos ? n : close + 1;
    }
    return text;
  }

  // ---- the tree ------------------------------------------------------------------------------
  uint32_t Current() const { return stack_.back(); }
  Tag CurrentTag() const { return doc_.nodes_[Current()].tag; }

  uint32_t Append(Node node) {
    const auto id = static_cast<uint32_t>(doc_.nodes_.size());
    const uint32_t parent = Current();
    node.parent = parent;
    Node& p = doc_.nodes_[parent];
    if (p.last_child == kNone) {
      p.first_child = id;
    } else {
      doc_.nodes_[p.last_child].next_sibling = id;
    }
    p.last_child = id;
    doc_.nodes_.push_back(node);
    return id;
  }

  void AddText(std::string_view raw, bool decode) {
    if (raw.empty()) return;
    if (!body_ && !Is(CurrentTag(), kRawText) &&
        std::any_of(raw.begin(), raw.end(), [](char c) { return !IsSpace(c); })) {
      // Text ends the head and begins the body.
      if (CurrentTag() == Tag::kHead) Pop(stack_.size() - 1);
      body_ = true;
    }
    std::string& chars = doc_.chars_;
    const auto begin = static_cast<uint32_t>(chars.size());
    if (decode && raw.find('&') != std::string_view::npos) {
      DecodeReferences(raw, /*in_attribute=*/false, &chars);
    } else {
      chars.append(raw);
    }
    Node node;
    node.chars_begin = begin;
    node.chars_size = static_cast<uint32_t>(chars.size() - begin);
    Append(node);
  }

  uint32_t AddElement(Tag tag, bool push) {
    Node node;
    node.element = true;
    node.tag = tag;
    std::string& chars = doc_.chars_;
    node.chars_begin = static_cast<uint32_t>(chars.size());
    chars.append(name_);
    node.chars_size = static_cast<uint32_t>(name_.size());
    node.attrs_begin = static_cast<uint32_t>(tag_attrs_begin_);
    node.attrs_size = static_cast<uint16_t>(doc_.attrs_.size() - tag_attrs_begin_);
    const uint32_t id = Append(node);
    if (push) {
      stack_.push_back(id);
      if (tag == Tag::kSvg || tag == Tag::kMath) ++foreign_;
    }
    return id;
  }

  // Leaves the first `size` entries of the stack open.
  void Pop(size_t size) {
    size = std::max<size_t>(size, 1);
    while (stack_.size() > size) {
      const Tag t = CurrentTag();
      if (t == Tag::kSvg || t == Tag::kMath) --foreign_;
      stack_.pop_back();
    }
  }

  bool SameElement(uint32_t node, Tag tag) const {
    const Node& x = doc_.nodes_[node];
    return x.tag == tag && (tag != Tag::kOther || doc_.Name(node) == name_);
  }

  // The stack index of the nearest open `tag` in scope (extra boundaries as kinds or tags),
  // or 0 when there is none.
  size_t InScope(Tag tag, std::initializer_list<Tag> extra = {}) const {
    for (size_t i = stack_.size(); i-- > 1;) {
      const Tag t = doc_.nodes_[stack_[i]].tag;
      if (t == tag) return i;
      if (Is(t, kScope) || t == Tag::kSvg || t == Tag::kMath) return 0;
      if (std::find(extra.begin(), extra.end(), t) != extra.end()) return 0;
    }
    return 0;
  }

  // The nearest open element of one of `tags` with only table boundaries above it, or 0.
  size_t InTableScope(std::initializer_list<Tag> tags) const {
    for (size_t i = stack_.size(); i-- > 1;) {
      const Tag t = doc_.nodes_[stack_[i]].tag;
      if (std::find(tags.begin(), tags.end(), t) != tags.end()) return i;
      if (t == Tag::kTable || t == Tag::kHtml || t == Tag::kTemplate) return 0;
    }
    return 0;
  }

  void CloseP() {
    if (const size_t p = InScope(Tag::kP, {Tag::kButton})) Pop(p);
  }

  // Whether the start tag made an element (its attributes are kept then).
  bool StartTag(Tag tag, bool self_closing) {
    if (foreign_ > 0) {
      if (!EndsForeign(tag)) {
        // Inside SVG or MathML every element is foreign: no kinds, and "/>" closes.
        if (stack_.size() > Document::kMaxDepth) return false;
        AddElement(Tag::kOther, !self_closing);
        return true;
      }
      while (foreign_ > 0) Pop(stack_.size() - 1);
    }
    switch (tag) {
      case Tag::kHtml:
        if (html_ || stack_.size() != 1) return false;
        html_ = true;
        AddElement(tag, true);
        return true;
      case Tag::kHead:
        if (head_ || body_ || stack_.size() > 2) return false;
        head_ = true;
        AddElement(tag, true);
        return true;
      case Tag::kBody:
        if (body_) return false;
        if (CurrentTag() == Tag::kHead) Pop(stack_.size() - 1);
        body_ = true;
        if (stack_.size() > 2) return false;
        AddElement(tag, true);
        return true;
      case Tag::kFrameset:
      case Tag::kFrame:
        return false;
      default:
        break;
    }
    if (!Is(tag, kHeadContent)) {
      // Body content: the head ends, and the body has begun even without its tag.
      if (CurrentTag() == Tag::kHead) Pop(stack_.size() - 1);
      body_ = true;
    }
    if (stack_.size() > Document::kMaxDepth && !Is(tag, kVoid)) {
      if (Is(tag, kRawText)) RawTextUntilEnd(name_);
      if (tag == Tag::kPlaintext) pos_ = in_.size();
      return false;
    }
    switch (tag) {
      case Tag::kLi:
      case Tag::kDd:
      case Tag::kDt:
        // An open item of the same kind ends, unless a block other than div, p or address
        // stands between.
        for (size_t i = stack_.size(); i-- > 1;) {
          const Tag t = doc_.nodes_[stack_[i]].tag;
          const bool same = tag == Tag::kLi ? t == Tag::kLi : (t == Tag::kDd || t == Tag::kDt);
          if (same) {
            Pop(i);
            break;
          }
          if (Is(t, kSpecial) && t != Tag::kAddress && t != Tag::kDiv && t != Tag::kP) break;
        }
        break;
      case Tag::kA:
      case Tag::kNobr:
        // A link inside an open link closes the open one.
        for (size_t i = stack_.size(); i-- > 1;) {
          const Tag t = doc_.nodes_[stack_[i]].tag;
          if (t == tag) {
            Pop(i);
            break;
          }
          if (Is(t, kScope) || t == Tag::kButton) break;
        }
        break;
      case Tag::kButton:
        if (const size_t b = InScope(Tag::kButton)) Pop(b);
        break;
      case Tag::kCaption:
      case Tag::kColgroup:
      case Tag::kCol:
      case Tag::kTbody:
      case Tag::kThead:
      case Tag::kTfoot: {
        const size_t table = InTableScope({Tag::kTable});
        if (table == 0) return false;  // outside a table these are ignored
        Pop(table + 1);
        break;
      }
      case Tag::kTr: {
        const size_t at = InTableScope({Tag::kTbody, Tag::kThead, Tag::kTfoot, Tag::kTable});
        if (at == 0) return false;
        Pop(at + 1);
        break;
      }
      case Tag::kTd:
      case Tag::kTh: {
        const size_t at =
            InTableScope({Tag::kTr, Tag::kTbody, Tag::kThead, Tag::kTfoot, Tag::kTable});
        if (at == 0) return false;
        Pop(at + 1);
        break;
      }
      case Tag::kOption:
        if (CurrentTag() == Tag::kOption) Pop(stack_.size() - 1);
        break;
      case Tag::kOptgroup:
        if (CurrentTag() == Tag::kOption) Pop(stack_.size() - 1);
        if (CurrentTag() == Tag::kOptgroup) Pop(stack_.size() - 1);
        break;
      default:
        break;
    }
    if (Is(tag, kClosesP)) CloseP();
    if (IsHeading(tag) && IsHeading(CurrentTag())) Pop(stack_.size() - 1);
    if (tag == Tag::kPlaintext) {
      AddElement(tag, true);
      AddText(in_.substr(pos_), false);
      pos_ = in_.size();
      return true;
    }
    if (Is(tag, kRawText)) {
      AddElement(tag, true);
      AddText(RawTextUntilEnd(name_), Is(tag, kReferences));
      Pop(stack_.size() - 1);
      return true;
    }
    const bool foreign = tag == Tag::kSvg || tag == Tag::kMath;
    AddElement(tag, !Is(tag, kVoid) && !(foreign && self_closing));
    return true;
  }

  void EndTag(Tag tag) {
    if (foreign_ > 0) {
      // The nearest foreign element of the name closes; an HTML end tag is read as HTML.
      for (size_t i = stack_.size(); i-- > 1;) {
        const uint32_t node = stack_[i];
        if (doc_.Name(node) == name_) {
          Pop(i);
          return;
        }
        const Tag t = doc_.nodes_[node].tag;
        if (t == Tag::kSvg || t == Tag::kMath) break;
      }
    }
    switch (tag) {
      case Tag::kHtml:
      case Tag::kBody:
        return;  // what follows is still the body
      case Tag::kHead:
        if (CurrentTag() == Tag::kHead) Pop(stack_.size() - 1);
        return;
      case Tag::kBr:
        // "</br>" is read as "<br>".
        name_ = "br";
        tag_attrs_begin_ = doc_.attrs_.size();
        StartTag(Tag::kBr, false);
        return;
      case Tag::kP:
        CloseP();
        return;
      case Tag::kLi:
        if (const size_t at = InScope(tag, {Tag::kOl, Tag::kUl})) Pop(at);
        return;
      case Tag::kH1:
      case Tag::kH2:
      case Tag::kH3:
      case Tag::kH4:
      case Tag::kH5:
      case Tag::kH6:
        for (size_t i = stack_.size(); i-- > 1;) {
          const Tag t = doc_.nodes_[stack_[i]].tag;
          if (IsHeading(t)) {
            Pop(i);
            return;
          }
          if (Is(t, kScope)) return;
        }
        return;
      case Tag::kTable:
      case Tag::kTbody:
      case Tag::kThead:
      case Tag::kTfoot:
      case Tag::kTr:
      case Tag::kTd:
      case Tag::kTh:
      case Tag::kCaption:
      case Tag::kColgroup:
        if (const size_t at = InTableScope({tag})) Pop(at);
        return;
      case Tag::kOption:
      case Tag::kOptgroup:
        if (CurrentTag() == tag) Pop(stack_.size() - 1);
        return;
      case Tag::kSelect:
        if (const size_t at = InTableScope({tag})) Pop(at);
        return;
      default:
        break;
    }
    if (Is(tag, kFormatting)) {
      // Closed when open with no block between; otherwise ignored, which keeps the block
      // (and the paragraph the text is in) whole.
      for (size_t i = stack_.size(); i-- > 1;) {
        const Tag t = doc_.nodes_[stack_[i]].tag;
        if (t == tag) {
          Pop(i);
          return;
        }
        if (Is(t, kSpecial)) return;
      }
      return;
    }
    if (tag != Tag::kOther && Is(tag, kSpecial)) {
      if (const size_t at = InScope(tag)) Pop(at);
      return;
    }
    // Any other end tag closes the nearest element of its name, unless a block comes first.
    for (size_t i = stack_.size(); i-- > 1;) {
      const uint32_t node = stack_[i];
      if (SameElement(node, tag)) {
        Pop(i);
        return;
      }
      if (Is(doc_.nodes_[node].tag, kSpecial)) return;
    }
  }

  std::string_view in_;
  size_t pos_ = 0;
  Document doc_;
  std::vector<uint32_t> stack_;
  std::string name_;
  size_t tag_attrs_begin_ = 0;
  int foreign_ = 0;
  bool html_ = false, head_ = false, body_ = false;
};

Document Document::Parse(std::string_view html) {
  // The character store is addressed with 32 bits; what a page needs is at most twice its size
  // (names and attribute values are copied once, references only shrink).
  constexpr size_t kMaxInput = size_t{1} << 30;
  if (html.size() > kMaxInput) html = html.substr(0, kMaxInput);
  return TreeBuilder(html).Build();
}

}  // namespace weft::reading::html
