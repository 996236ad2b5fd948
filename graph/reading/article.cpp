#include "graph/reading/article.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <span>

#include "graph/reading/html.h"

namespace weft::reading {
namespace {

using html::Document;
using html::kNone;
using html::Tag;

// Words of class and id attributes. A word matches where the attribute has it between
// separators ('-', '_', a space, either end); one that ends in `suffix` may run on in letters,
// digits and underscores (`Open`: "promo\w*"; `Required`: "ad-\w+").
struct ClassWord {
  enum Suffix : uint8_t { kNo, kOpen, kRequired };
  std::string_view word;
  Suffix suffix = kNo;
};

bool IsSeparator(char c) { return c == '-' || c == '_' || c == ' '; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether the lower-cased `s` has one of `words` as a word.
bool HasClassWord(std::string_view s, std::span<const ClassWord> words) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && !IsSeparator(s[i - 1])) continue;
    for (const ClassWord& w : words) {
      if (s.compare(i, w.word.size(), w.word) != 0) continue;
      const size_t j = i + w.word.size();
      if (w.suffix == ClassWord::kNo) {
        if (j == s.size() || IsSeparator(s[j])) return true;
        continue;
      }
      for (size_t k = j;; ++k) {
        const bool ends = k == s.size() || IsSeparator(s[k]);
        if (ends && (k > j || w.suffix == ClassWord::kOpen)) return true;
        if (k == s.size() || !IsWordChar(s[k])) break;
      }
    }
  }
  return false;
}

// Class and id words of blocks that are not the article: navigation, sharing, related lists,
// comments, notices (the words Readability and trafilatura look for, written here).
constexpr ClassWord kUnlikely[] = {
    {"nav"},
    {"navbar"},
    {"menu"},
    {"breadcrumb"},
    {"breadcrumbs"},
    {"footer"},
    {"header"},
    {"masthead"},
    {"sidebar"},
    {"side-bar"},
    {"aside"},
    {"share"},
    {"sharing"},
    {"social"},
    {"related"},
    {"recommend", ClassWord::kOpen},
    {"promo", ClassWord::kOpen},
    {"advert", ClassWord::kOpen},
    {"ad"},
    {"ads"},
    {"ad-", ClassWord::kRequired},
    {"sponsor", ClassWord::kOpen},
    {"cookie", ClassWord::kOpen},
    {"consent"},
    {"subscribe"},
    {"subscription"},
    {"newsletter"},
    {"signup"},
    {"sign-up"},
    {"paywall"},
    {"comment"},
    {"comments"},
    {"disqus"},
    {"popup"},
    {"modal"},
    {"banner"},
    {"byline"},
    {"author-info"},
    {"author-bio"},
    {"bio"},
    {"tag"},
    {"tags"},
    {"tag-list"},
    {"topics"},
    {"more-stories"},
    {"read-more"},
    {"most-popular"},
    {"trending"},
    {"outbrain"},
    {"taboola"},
    {"widget"},
    {"toolbar"},
    {"caption"},
    {"credit"},
    {"skip"},
    {"hidden"},
    {"print"},
    {"login"},
    {"account"},
    {"rating"},
    {"disclaimer"},
};
constexpr ClassWord kLikely[] = {
    {"article"}, {"article-body"}, {"articlebody"}, {"story"},         {"story-body"},
    {"post"},    {"post-body"},    {"entry"},       {"entry-content"}, {"content"},
    {"main"},    {"body"},         {"text"},        {"blog"},          {"page-content"},
};
// Paragraph text that makes a block the article's whatever its class or id says.
constexpr size_t kProseBytes = 400;

// ---- dates ---------------------------------------------------------------------------------
struct Day {
  int year = 0, month = 0, day = 0;
  int utc_hour = -1;  // the hour of a time stamped in UTC (the publisher's day may differ)

  bool Valid() const {
    static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    // Years outside these are placeholders ("0001-01-01") or typing slips, not publication.
    return year >= 1990 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 &&
           day <= kDays[static_cast<size_t>(month - 1)] &&
           !(month == 2 && day == 29 && (year % 4 != 0 || (year % 100 == 0 && year % 400 != 0)));
  }
  // Days since 1970-01-01 (the civil-from-days inverse, for differences only).
  int64_t Number() const {
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = y / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<int64_t>(era) * 146097 + doe - 719468;
  }
  std::string Text() const {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
    return buf;
  }
};

// The date patterns, compiled on first use: every weft command links the reader, few read pages.
struct DatePatterns {
  std::regex iso{"(\\d{4})[-/](\\d{2})[-/](\\d{2})"};
  std::regex utc{"^[T ](\\d{2}):\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|UTC|GMT|[+-]00:?00)"};
  std::regex month_day_year{
      std::string("\\b") + kMonthNames + "\\s+(\\d{1,2})(st|nd|rd|th)?,?\\s+(\\d{4})\\b",
      std::regex::icase | std::regex::optimize};
  std::regex day_month_year{
      std::string("\\b(\\d{1,2})(st|nd|rd|th)?\\s+") + kMonthNames + ",?\\s+(\\d{4})\\b",
      std::regex::icase | std::regex::optimize};
  std::regex numeric{"\\b(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})\\b"};
  // An address's date: /2019/11/19/, 2019-11-19, /2019/nov/19/, /2019/11/8/.
  std::regex url{"/(\\d{4})/(\\d{1,2}|[a-z]{3})/(\\d{1,2})(/|$)", std::regex::icase};

  static constexpr const char* kMonthNames =
      "(january|february|march|april|may|june|july|august|september|october|november|december|"
      "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
};

const DatePatterns& Patterns() {
  static const DatePatterns patterns;
  return patterns;
}

int MonthOf(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::string_view, 12> kShort = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (size_t i = 0; i < kShort.size(); ++i) {
    if (name.compare(0, 3, kShort[i]) == 0) return static_cast<int>(i) + 1;
  }
  return 0;
}

// A date in metadata (ISO 8601 and its near forms), with whether its time is in UTC.
std::optional<Day> MachineDate(const std::string& text) {
  std::smatch m;
  if (!std::regex_search(text, m, Patterns().iso)) return std::nullopt;
  Day d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
  const std::string rest = m.suffix().str();
  std::smatch time;
  if (std::regex_search(rest, time, Patterns().utc)) d.utc_hour = std::stoi(time[1]);
  if (!d.Valid()) return std::nullopt;
  return d;
}

std::optional<Day> UrlDate(const std::string& url) {
  std::smatch m;
  if (std::regex_search(url, m, Patterns().iso)) {
    Day d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
    if (d.Valid()) return d;
  }
  if (!std::regex_search(url, m, Patterns().url)) return std::nullopt;
  const std::string month = m[2].str();
  Day d{std::stoi(m[1]),
        std::isdigit(static_cast<unsigned char>(month[0])) != 0 ? std::stoi(month) : MonthOf(month),
        std::stoi(m[3])};
  if (!d.Valid()) return std::nullopt;
  return d;
}

// A date as a page writes it for its readers: "Nov. 19, 2019", "19 November 2019",
// "2019-11-19", and "19/11/2019" (the day first unless the page's language is American English;
// a number over 12 settles it either way).
std::optional<Day> WrittenDate(std::string_view text, std::string_view language) {
  // Only a text with a year in it is worth the patterns.
  bool year = false;
  for (size_t i = 0; i + 4 <= text.size() && !year; ++i) {
    year = (text.compare(i, 2, "19") == 0 || text.compare(i, 2, "20") == 0) &&
           std::isdigit(static_cast<unsigned char>(text[i + 2])) != 0 &&
           std::isdigit(static_cast<unsigned char>(text[i + 3])) != 0;
  }
  if (!year) return std::nullopt;
  const std::string s(text);
  std::smatch m;
  std::optional<Day> found;
  size_t at = std::string::npos;
  auto take = [&](const Day& d, size_t position) {
    if (d.Valid() && position < at) {
      found = d;
      at = position;
    }
  };
  if (std::regex_search(s, m, Patterns().month_day_year)) {
    take({std::stoi(m[4]), MonthOf(m[1]), std::stoi(m[2])}, static_cast<size_t>(m.position(0)));
  }
  if (std::regex_search(s, m, Patterns().day_month_year)) {
    take({std::stoi(m[4]), MonthOf(m[3]), std::stoi(m[1])}, static_cast<size_t>(m.position(0)));
  }
  if (std::regex_search(s, m, Patterns().iso)) {
    take({std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])}, static_cast<size_t>(m.position(0)));
  }
  if (std::regex_search(s, m, Patterns().numeric)) {
    const int a = std::stoi(m[1]), b = std::stoi(m[2]), y = std::stoi(m[3]);
    std::string lang(language);
    std::transform(lang.begin(), lang.end(), lang.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool american = lang == "en-us" || lang == "en_us";
    if (a > 12 || (!american && b <= 12)) {
      take({y, b, a}, static_cast<size_t>(m.position(0)));
    } else {
      take({y, a, b}, static_cast<size_t>(m.position(0)));
    }
  }
  return found;
}

// Elements never part of an article's text.
bool Dropped(Tag tag) {
  switch (tag) {
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kNoscript:
    case Tag::kNav:
    case Tag::kHeader:
    case Tag::kFooter:
    case Tag::kAside:
    case Tag::kForm:
    case Tag::kButton:
    case Tag::kIframe:
    case Tag::kSvg:
    case Tag::kSelect:
    case Tag::kTextarea:
    case Tag::kInput:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kTemplate:
    case Tag::kObject:
    case Tag::kEmbed:
    case Tag::kCanvas:
    case Tag::kVideo:
    case Tag::kAudio:
    case Tag::kMenu:
    case Tag::kHead:
    case Tag::kTitle:
      return true;
    default:
      return false;
  }
}

bool IsBlock(Tag tag) {
  switch (tag) {
    case Tag::kP:
    case Tag::kDiv:
    case Tag::kSection:
    case Tag::kArticle:
    case Tag::kMain:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kLi:
    case Tag::kBlockquote:
    case Tag::kPre:
    case Tag::kTable:
    case Tag::kTr:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kDl:
    case Tag::kDt:
    case Tag::kDd:
    case Tag::kBr:
    case Tag::kHr:
    case Tag::kTbody:
    case Tag::kThead:
      return true;
    default:
      return false;
  }
}

bool IsHeading(Tag tag) { return tag >= Tag::kH1 && tag <= Tag::kH6; }

bool IsCollapsedSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (IsCollapsedSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  // A no-break space (U+00A0) at either end.
  while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\xC2\xA0") == 0)
    out.resize(out.size() - 2);
  return out;
}

// The length Collapse gives a text, kept so that texts can be joined without being built:
// `size` counts the collapsed text without spaces at its ends, `lead` and `trail` say whether
// white space was at either end (for a text of white space only both do).
struct Extent {
  uint32_t size = 0;
  bool content = false;
  bool lead = false;
  bool trail = false;

  static Extent Of(std::string_view s) {
    Extent e;
    bool space = false;
    for (char c : s) {
      if (IsCollapsedSpace(c)) {
        space = true;
        continue;
      }
      if (!e.content) {
        e.lead = space;
      } else if (space) {
        ++e.size;
      }
      e.content = true;
      space = false;
      ++e.size;
    }
    if (!e.content) {
      e.lead = space;
    }
    e.trail = space;
    return e;
  }

  static Extent Join(const Extent& a, const Extent& b) {
    if (!a.content && !b.content) return {0, false, a.lead || b.lead, a.trail || b.trail};
    if (!a.content) return {b.size, true, a.lead || b.lead, b.trail};
    if (!b.content) return {a.size, true, a.lead, a.trail || b.trail};
    return {a.size + b.size + ((a.trail || b.lead) ? 1U : 0U), true, a.lead, b.trail};
  }
};

constexpr Extent kSpace = {0, false, true, true};

class Reader {
 public:
  explicit Reader(const Document& d)
      : d_(d),
        dropped_(d.Size(), 0),
        scored_(d.Size(), 0),
        score_(d.Size(), 0.0),
        extent_(d.Size()),
        commas_(d.Size(), 0),
        linked_(d.Size(), 0) {}

  Article Read() {
    Article a;
    Metadata(&a);
    Prune();
    Measure();
    Score();
    const uint32_t top = TopCandidate();
    if (top != kNone) {
      std::vector<uint32_t> parts = {top};
      const uint32_t parent = d_[top].parent;
      if (parent != kNone && d_.IsElement(parent)) {
        parts.clear();
        const double threshold = std::max(10.0, score_[top] * 0.2);
        for (uint32_t k = d_[parent].first_child; k != kNone; k = d_[k].next_sibling) {
          if (!d_.IsElement(k) || dropped_[k]) continue;
          bool keep = k == top;
          if (!keep && scored_[k] && score_[k] >= threshold) keep = true;
          if (!keep && d_.TagOf(k) == Tag::kP) {
            const size_t len = TextLength(k);
            const double density = LinkDensity(k);
            keep = (len > 80 && density < 0.25) || (len > 0 && len <= 80 && density == 0 &&
                                                    Text(k).find(". ") != std::string::npos);
          }
          if (keep) parts.push_back(k);
        }
      }
      for (uint32_t p : parts) Emit(p, &a.paragraphs);
      FlushLoose(&a.paragraphs);
    }
    // Boilerplate lines that survive inside the body.
    std::erase_if(a.paragraphs, [&](const std::string& p) {
      return p.empty() || (p.size() < 80 && std::regex_search(p, kNotice)) || p == a.title;
    });
    // A page whose markup hides its article gives it in JSON-LD: take that when the DOM gave
    // much less.
    size_t dom = 0;
    for (const std::string& p : a.paragraphs) dom += p.size();
    if (json_body_.size() >= 200 && dom * 2 < json_body_.size()) {
      a.paragraphs.clear();
      size_t start = 0;
      while (start < json_body_.size()) {
        size_t end = json_body_.find('\n', start);
        if (end == std::string::npos) end = json_body_.size();
        std::string p = Collapse(std::string_view(json_body_).substr(start, end - start));
        if (!p.empty()) a.paragraphs.push_back(p);
        start = end + 1;
      }
    }
    // A page without an article's structure (a fragment, a short note): all of its text that
    // is not set aside, from the body (or the whole page when it has none).
    if (a.paragraphs.empty()) {
      uint32_t container = 0;
      for (uint32_t n = 0; n < d_.Size(); ++n) {
        if (d_.TagOf(n) == Tag::kBody || (d_.TagOf(n) == Tag::kHtml && container == 0)) {
          container = n;
          if (d_.TagOf(n) == Tag::kBody) break;
        }
      }
      for (uint32_t k = d_[container].first_child; k != kNone; k = d_[k].next_sibling)
        Emit(k, &a.paragraphs);
      FlushLoose(&a.paragraphs);
    }
    a.captions = captions_;
    Date(top, &a);
    return a;
  }

 private:
  std::string_view Attr(uint32_t n, std::string_view name) const { return d_.Attr(n, name); }

  // ---- metadata ----------------------------------------------------------------------------
  // In document order: the first of each kind counts.
  void Metadata(Article* a) {
    bool html_seen = false;
    for (uint32_t n = 0; n < d_.Size(); ++n) {
      if (!d_.IsElement(n)) continue;
      switch (d_.TagOf(n)) {
        case Tag::kHtml:
          if (!html_seen) a->language = Attr(n, "lang");
          html_seen = true;
          break;
        case Tag::kTitle:
          if (title_tag_.empty()) title_tag_ = Collapse(RawText(n));
          break;
        case Tag::kMeta: {
          std::string_view property = Attr(n, "property");
          if (property.empty()) property = Attr(n, "name");
          if (property.empty()) property = Attr(n, "itemprop");
          std::string key(property);
          std::transform(key.begin(), key.end(), key.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          const std::string content(Attr(n, "content"));
          if (key == "og:title" && og_title_.empty()) og_title_ = content;
          if (key == "og:site_name" && a->site.empty()) a->site = content;
          if ((key == "og:url") && url_.empty()) url_ = content;
          if ((key == "article:published_time" || key == "datepublished" || key == "pubdate" ||
               key == "publishdate" || key == "date" || key == "dc.date.issued" ||
               key == "sailthru.date" || key == "parsely-pub-date" || key == "og:published_time" ||
               key == "article.published" || key == "publish-date") &&
              meta_date_.empty()) {
            meta_date_ = content;
          }
          if ((key == "author" || key == "article:author") && !content.empty() &&
              content.find("://") == std::string::npos) {
            meta_authors_.push_back(content);
          }
          break;
        }
        case Tag::kLink:
          if (Attr(n, "rel") == "canonical" && a->canonical_url.empty())
            a->canonical_url = Attr(n, "href");
          break;
        case Tag::kTime:
          if (time_date_.empty()) time_date_ = Attr(n, "datetime");
          break;
        case Tag::kScript:
          if (Attr(n, "type") == "application/ld+json") JsonLd(RawText(n), a);
          break;
        default:
          break;
      }
    }
    a->title = !json_title_.empty() ? json_title_ : !og_title_.empty() ? og_title_ : title_tag_;
    a->title = Collapse(a->title);
    if (a->authors.empty()) a->authors = meta_authors_;
  }
  // The publication date: the first of JSON-LD's datePublished, the article's meta tags, the
  // first <time datetime>, the address's date; else the dateline the page shows by its article.
  // A dateline one day from that date gives the publisher's own day ("2019-11-20T01:50Z" is
  // shown as Nov. 19 in Los Angeles); without a dateline, so does an address one day from a
  // time stamped in UTC at an hour when most of the world west (before 10:00) or east (from
  // 13:00) is on that other day.
  void Date(uint32_t top, Article* a) const {
    std::optional<Day> day;
    const char* source = "";
    for (const auto& [name, text] : std::array<std::pair<const char*, const std::string*>, 3>{
             {{"json-ld", &json_date_}, {"meta", &meta_date_}, {"time", &time_date_}}}) {
      if ((day = MachineDate(*text))) {
        source = name;
        break;
      }
    }
    const std::optional<Day> url =
        UrlDate(!a->canonical_url.empty() ? a->canonical_url : std::string(url_));
    if (!day && url) {
      day = url;
      source = "url";
    }
    const std::optional<Day> dateline = Dateline(top, a->language);
    if (!day && dateline) {
      day = dateline;
      source = "dateline";
    }
    if (!day) return;
    if (dateline) {
      if (std::abs(dateline->Number() - day->Number()) == 1) {
        day = dateline;
        source = "dateline";
      }
    } else if (url && day->utc_hour >= 0) {
      const int64_t shift = url->Number() - day->Number();
      if ((shift == -1 && day->utc_hour < 10) || (shift == 1 && day->utc_hour >= 13)) {
        day = url;
        source = "url";
      }
    }
    a->date = day->Text();
    a->date_source = source;
  }

  // The first date written in a short line of visible text from the headline (the page's first
  // h1) through the article's container (or a few hundred nodes when the page has no article
  // found): where bylines and datelines stand.
  std::optional<Day> Dateline(uint32_t top, std::string_view language) const {
    uint32_t begin = kNone;
    for (uint32_t n = 0; n < d_.Size(); ++n) {
      if (d_.IsElement(n) && d_.TagOf(n) == Tag::kH1) {
        begin = n;
        break;
      }
    }
    if (top != kNone && (begin == kNone || begin > top)) begin = top;
    if (begin == kNone) return std::nullopt;
    // Without an article found, the nodes that follow the headline.
    constexpr uint32_t kAfterHeadline = 300;
    const uint32_t end = top != kNone ? std::max(d_.End(top), d_.End(begin))
                                      : std::min(d_.Size(), begin + kAfterHeadline);
    constexpr size_t kLine = 120;
    uint32_t n = begin;
    while (n < end) {
      if (d_.IsElement(n)) {
        switch (d_.TagOf(n)) {
          case Tag::kScript:
          case Tag::kStyle:
          case Tag::kNoscript:
          case Tag::kTemplate:
          case Tag::kSvg:
          case Tag::kSelect:
          case Tag::kTextarea:
          case Tag::kIframe:
          case Tag::kObject:
          case Tag::kHead:
          case Tag::kFigure:
          case Tag::kBlockquote:
            n = d_.End(n);  // not shown, a picture's, or a quoted post's
            continue;
          default:
            ++n;
            continue;
        }
      }
      const std::string_view text = d_.Text(n);
      if (extent_[n].size <= kLine) {  // the collapsed length, measured already
        if (std::optional<Day> day = WrittenDate(text, language)) return day;
      }
      ++n;
    }
    return std::nullopt;
  }

  void JsonLd(const std::string& text, Article* a) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return;
    std::function<void(const nlohmann::json&)> visit = [&](const nlohmann::json& v) {
      if (v.is_array()) {
        for (const auto& x : v) visit(x);
        return;
      }
      if (!v.is_object()) return;
      if (v.contains("@graph")) visit(v["@graph"]);
      std::string type;
      if (v.contains("@type")) {
        const auto& t = v["@type"];
        if (t.is_string()) type = t.get<std::string>();
        if (t.is_array() && !t.empty() && t[0].is_string()) type = t[0].get<std::string>();
      }
      if (type.find("Article") == std::string::npos && type != "BlogPosting" && type != "WebPage" &&
          type != "Report") {
        return;
      }
      const bool article = type != "WebPage";
      auto str = [&](const char* key) {
        return v.contains(key) && v[key].is_string() ? v[key].get<std::string>() : std::string();
      };
      if (article && json_title_.empty()) json_title_ = str("headline");
      if (json_date_.empty()) json_date_ = str("datePublished");
      if (article && json_body_.empty()) json_body_ = str("articleBody");
      if (article && v.contains("author")) {
        const auto& au = v["author"];
        auto add = [&](const nlohmann::json& x) {
          if (x.is_string()) a->authors.push_back(x.get<std::string>());
          if (x.is_object() && x.contains("name") && x["name"].is_string())
            a->authors.push_back(x["name"].get<std::string>());
        };
        if (au.is_array()) {
          for (const auto& x : au) add(x);
        } else {
          add(au);
        }
      }
      if (article && a->site.empty() && v.contains("publisher") && v["publisher"].is_object() &&
          v["publisher"].contains("name") && v["publisher"]["name"].is_string()) {
        a->site = v["publisher"]["name"].get<std::string>();
      }
    };
    visit(j);
  }

  // ---- pruning and scoring -----------------------------------------------------------------
  // The element's class and id, lower-cased, between a space.
  std::string ClassAndId(uint32_t n) const {
    std::string s(Attr(n, "class"));
    s += ' ';
    s += Attr(n, "id");
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  }

  void Caption(uint32_t n) {
    std::string c = Collapse(RawText(n));
    if (!c.empty()) captions_.push_back(std::move(c));
  }

  // Sets aside what is not the article: elements by their tag, blocks by their class or id
  // (unless they hold prose), hidden ones. A figure's caption is kept apart.
  void Prune() {
    ProseInParagraphs();
    uint32_t n = 0;
    while (n < d_.Size()) {
      if (!d_.IsElement(n)) {
        ++n;
        continue;
      }
      const Tag tag = d_.TagOf(n);
      bool drop = Dropped(tag);
      if (tag == Tag::kFigcaption) Caption(n);
      if (!drop && tag != Tag::kBody && tag != Tag::kHtml && tag != Tag::kArticle &&
          tag != Tag::kMain) {
        const std::string ci = ClassAndId(n);
        if (ci.size() > 1 && HasClassWord(ci, kUnlikely) && !HasClassWord(ci, kLikely) &&
            !HoldsProse(n)) {
          drop = true;
        }
        if (Attr(n, "aria-hidden") == "true" || d_.HasAttr(n, "hidden")) drop = true;
        const std::string_view style = Attr(n, "style");
        if (style.find("display:none") != std::string_view::npos ||
            style.find("display: none") != std::string_view::npos) {
          drop = true;
        }
      }
      if (!drop) {
        ++n;
        continue;
      }
      dropped_[n] = 1;
      if (tag == Tag::kFigure) {
        for (uint32_t k = d_[n].first_child; k != kNone; k = d_[k].next_sibling) {
          if (d_.IsElement(k) && d_.TagOf(k) == Tag::kFigcaption) Caption(k);
        }
      }
      n = d_.End(n);  // nothing inside is read
    }
  }

  // For each element, the bytes of text inside its paragraphs (elements set aside by their tag
  // left out) and how many of them are in links, in one backward pass.
  void ProseInParagraphs() {
    const uint32_t size = d_.Size();
    std::vector<uint32_t> all(size, 0), all_linked(size, 0);
    prose_.assign(size, 0);
    prose_linked_.assign(size, 0);
    for (uint32_t n = size; n-- > 1;) {
      if (!d_.IsElement(n)) {
        all[n] = static_cast<uint32_t>(d_.Text(n).size());
      } else if (Dropped(d_.TagOf(n))) {
        all[n] = all_linked[n] = prose_[n] = prose_linked_[n] = 0;
      } else {
        if (d_.TagOf(n) == Tag::kA) all_linked[n] = all[n];
        if (d_.TagOf(n) == Tag::kP) {
          prose_[n] = all[n];
          prose_linked_[n] = all_linked[n];
        }
      }
      const uint32_t p = d_[n].parent;
      all[p] += all[n];
      all_linked[p] += all_linked[n];
      prose_[p] += prose_[n];
      prose_linked_[p] += prose_linked_[n];
    }
  }

  // Whether n holds an article's prose whatever its class says ("elementor-widget-container",
  // "has-sidebar"): paragraphs of some length, few of their words in links.
  bool HoldsProse(uint32_t n) const {
    const uint64_t prose = prose_[n], linked = prose_linked_[n];
    return prose >= kProseBytes && linked * 10 < prose * 3;
  }

  // The visible text's length, commas and linked length of every element, the set-aside ones
  // left out, in one backward pass (the lengths of Text(n) without building it).
  void Measure() {
    for (uint32_t n = d_.Size(); n-- > 1;) {
      if (!d_.IsElement(n)) {
        const std::string_view t = d_.Text(n);
        extent_[n] = Extent::Of(t);
        commas_[n] = static_cast<uint32_t>(std::count(t.begin(), t.end(), ','));
      } else if (dropped_[n]) {
        extent_[n] = Extent();
        commas_[n] = linked_[n] = 0;
      } else {
        const Tag tag = d_.TagOf(n);
        // extent_[n] holds its children's, joined.
        if (tag == Tag::kBr) extent_[n] = Extent::Join(kSpace, extent_[n]);
        if (IsBlock(tag)) extent_[n] = Extent::Join(extent_[n], kSpace);
        if (tag == Tag::kA) linked_[n] = extent_[n].size;
      }
      const uint32_t p = d_[n].parent;
      extent_[p] = Extent::Join(extent_[n], extent_[p]);  // children come last to first
      commas_[p] += commas_[n];
      linked_[p] += linked_[n];
    }
  }

  double Initial(uint32_t n) const {
    double s = 0;
    const Tag tag = d_.TagOf(n);
    switch (tag) {
      case Tag::kArticle:
        s = 10;
        break;
      case Tag::kDiv:
      case Tag::kSection:
      case Tag::kMain:
        s = 5;
        break;
      case Tag::kPre:
      case Tag::kTd:
      case Tag::kBlockquote:
        s = 3;
        break;
      case Tag::kUl:
      case Tag::kOl:
      case Tag::kDl:
      case Tag::kForm:
        s = -3;
        break;
      default:
        if (IsHeading(tag)) s = -5;
        break;
    }
    const std::string ci = ClassAndId(n);
    if (ci.size() > 1) {
      if (HasClassWord(ci, kLikely)) s += 25;
      if (HasClassWord(ci, kUnlikely)) s -= 25;
    }
    if (Attr(n, "itemprop") == "articleBody") s += 50;
    return s;
  }

  void AddScore(uint32_t n, double s) {
    if (n == kNone || !d_.IsElement(n)) return;
    if (!scored_[n]) {
      scored_[n] = 1;
      score_[n] = Initial(n);
    }
    score_[n] += s;
  }

  // Each paragraph of some length scores its parent, half its grandparent and a third the
  // next, by its commas and length.
  void Score() {
    uint32_t n = 0;
    while (n < d_.Size()) {
      if (!d_.IsElement(n)) {
        ++n;
        continue;
      }
      if (dropped_[n]) {
        n = d_.End(n);
        continue;
      }
      const Tag tag = d_.TagOf(n);
      bool paragraph =
          tag == Tag::kP || tag == Tag::kPre || tag == Tag::kTd || tag == Tag::kBlockquote;
      if ((tag == Tag::kDiv || tag == Tag::kSection) && !HasBlockChild(n)) paragraph = true;
      if (paragraph && TextLength(n) >= 25) {
        const double s = 1 + static_cast<double>(commas_[n]) +
                         std::min(static_cast<double>(TextLength(n)) / 100.0, 3.0);
        const uint32_t parent = d_[n].parent;
        AddScore(parent, s);
        const uint32_t grandparent = parent != kNone ? d_[parent].parent : kNone;
        AddScore(grandparent, s / 2);
        if (grandparent != kNone) AddScore(d_[grandparent].parent, s / 3);
      }
      ++n;
    }
  }

  // The best scored container, its score scaled by the share of its text outside links (the
  // scaled score is what its siblings are compared with).
  uint32_t TopCandidate() {
    uint32_t best = kNone;
    double best_score = 0;
    for (uint32_t n = 0; n < d_.Size(); ++n) {
      if (!scored_[n] || dropped_[n]) continue;
      score_[n] *= 1.0 - LinkDensity(n);
      if (best == kNone || score_[n] > best_score) {
        best = n;
        best_score = score_[n];
      }
    }
    return best;
  }

  // ---- text ---------------------------------------------------------------------------------
  bool HasBlockChild(uint32_t n) const {
    for (uint32_t k = d_[n].first_child; k != kNone; k = d_[k].next_sibling) {
      if (d_.IsElement(k) && IsBlock(d_.TagOf(k)) && d_.TagOf(k) != Tag::kBr) return true;
    }
    return false;
  }

  // All text under n, markup and all, as written.
  std::string RawText(uint32_t n) const {
    std::string out;
    for (uint32_t k = n; k < d_.End(n); ++k) out += d_.Text(k);
    return out;
  }

  // The visible text under n, set-aside elements left out, collapsed.
  std::string Text(uint32_t n) const {
    std::string out;
    Walk(n, &out);
    return Collapse(out);
  }

  // The text nodes under n in order, set-aside elements left out, blocks and line breaks as
  // spaces.
  void Walk(uint32_t n, std::string* out) const {
    if (!d_.IsElement(n)) {
      *out += d_.Text(n);
      return;
    }
    if (dropped_[n]) return;
    const Tag tag = d_.TagOf(n);
    if (tag == Tag::kBr) *out += ' ';
    for (uint32_t k = d_[n].first_child; k != kNone; k = d_[k].next_sibling) Walk(k, out);
    if (IsBlock(tag)) *out += ' ';
  }

  size_t TextLength(uint32_t n) const { return extent_[n].size; }

  double LinkDensity(uint32_t n) const {
    const size_t all = TextLength(n);
    return all == 0 ? 0.0 : static_cast<double>(linked_[n]) / static_cast<double>(all);
  }

  static bool IsWhiteSpace(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return IsCollapsedSpace(c); });
  }

  // Paragraphs of a container, in order: each block without blocks inside is one; text loose
  // in a container between blocks is one too.
  void Emit(uint32_t n, std::vector<std::string>* out) {
    if (!d_.IsElement(n)) {
      if (!IsWhiteSpace(d_.Text(n))) loose_ += d_.Text(n);
      return;
    }
    if (dropped_[n]) return;
    const Tag tag = d_.TagOf(n);
    if (tag == Tag::kH1) return;  // the headline, read as the title
    if (!IsBlock(tag)) {
      loose_ += Text(n) + " ";
      return;
    }
    if (tag == Tag::kBr || tag == Tag::kHr) {
      if (tag == Tag::kHr) FlushLoose(out);
      loose_ += ' ';
      return;
    }
    FlushLoose(out);
    if (!HasBlockChild(n)) {
      std::string text = Text(n);
      const bool heading = IsHeading(tag);
      if (!text.empty() && (heading || LinkDensity(n) < 0.5)) out->push_back(std::move(text));
      return;
    }
    for (uint32_t k = d_[n].first_child; k != kNone; k = d_[k].next_sibling) Emit(k, out);
    FlushLoose(out);
  }

  void FlushLoose(std::vector<std::string>* out) {
    std::string text = Collapse(loose_);
    loose_.clear();
    if (text.size() >= 2) out->push_back(std::move(text));
  }

  const Document& d_;
  std::vector<char> dropped_;
  std::vector<char> scored_;
  std::vector<double> score_;
  std::vector<Extent> extent_;
  std::vector<uint32_t> commas_;
  std::vector<uint32_t> linked_;
  std::vector<uint32_t> prose_, prose_linked_;
  std::vector<std::string> captions_;
  std::string loose_;
  std::string title_tag_, og_title_, url_, meta_date_, time_date_;
  std::string json_title_, json_date_, json_body_;
  std::vector<std::string> meta_authors_;
  static const std::regex kNotice;
};

// Short lines that are notices, not the article.
const std::regex Reader::kNotice(
    "^(advertisement|share( this)?|share on \\w+|read more|sign up|subscribe( now)?|follow us|"
    "related( articles| stories)?|comments?|©|copyright|all rights reserved|click here|"
    "back to \\w+|skip to \\w+)",
    std::regex::icase | std::regex::optimize);

}  // namespace

std::string Article::Body() const {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

Article ReadArticle(std::string_view page) {
  const Document d = Document::Parse(page);
  return Reader(d).Read();
}

}  // namespace weft::reading
