#include "graph/reading/article.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <unordered_map>
#include <unordered_set>

namespace weft::reading {
namespace {

// Class and id words of blocks that are not the article: navigation, sharing, related lists,
// comments, notices (the words Readability and trafilatura look for, written here).
const std::regex kUnlikely(
    "(^|[-_ ])(nav|navbar|menu|breadcrumbs?|footer|header|masthead|sidebar|side-bar|aside|"
    "share|sharing|social|related|recommend\\w*|promo\\w*|advert\\w*|ads?|ad-\\w+|sponsor\\w*|"
    "cookie\\w*|consent|subscribe|subscription|newsletter|signup|sign-up|paywall|comments?|"
    "disqus|popup|modal|banner|byline|author-info|author-bio|bio|tags?|tag-list|topics|"
    "more-stories|read-more|most-popular|trending|outbrain|taboola|widget|toolbar|caption|"
    "credit|skip|hidden|print|login|account|rating|disclaimer)([-_ ]|$)",
    std::regex::icase | std::regex::optimize);
const std::regex kLikely(
    "(^|[-_ ])(article|article-body|articlebody|story|story-body|post|post-body|entry|"
    "entry-content|content|main|body|text|blog|page-content)([-_ ]|$)",
    std::regex::icase | std::regex::optimize);
// Paragraph text that makes a block the article's whatever its class or id says.
constexpr size_t kProseBytes = 400;
const std::regex kDate("(\\d{4})[-/](\\d{2})[-/](\\d{2})");

bool IsElement(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT; }

std::string Attr(const GumboNode* n, const char* name) {
  if (!IsElement(n)) return "";
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a != nullptr ? a->value : "";
}

// Elements never part of an article's text.
bool Dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

std::string Collapse(const std::string& s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  // A no-break space (U+00A0) at either end.
  while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\xC2\xA0") == 0)
    out.resize(out.size() - 2);
  return out;
}

class Reader {
 public:
  explicit Reader(const GumboNode* root) : root_(root) {}

  Article Read() {
    Article a;
    Metadata(root_, &a);
    Prune(root_);
    Score(root_);
    const GumboNode* top = TopCandidate();
    if (top != nullptr) {
      std::vector<const GumboNode*> parts = {top};
      const GumboNode* parent = top->parent;
      if (parent != nullptr && IsElement(parent)) {
        parts.clear();
        const double threshold = std::max(10.0, score_[top] * 0.2);
        const GumboVector& kids = parent->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
          const auto* k = static_cast<const GumboNode*>(kids.data[i]);
          if (!IsElement(k) || dropped_.count(k)) continue;
          bool keep = k == top;
          if (!keep && score_.count(k) && score_[k] >= threshold) keep = true;
          if (!keep && k->v.element.tag == GUMBO_TAG_P) {
            const size_t len = TextLength(k);
            const double density = LinkDensity(k);
            keep = (len > 80 && density < 0.25) || (len > 0 && len <= 80 && density == 0 &&
                                                    Text(k).find(". ") != std::string::npos);
          }
          if (keep) parts.push_back(k);
        }
      }
      for (const GumboNode* p : parts) Emit(p, &a.paragraphs);
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
        std::string p = Collapse(json_body_.substr(start, end - start));
        if (!p.empty()) a.paragraphs.push_back(p);
        start = end + 1;
      }
    }
    // A page without an article's structure (a fragment, a short note): all of its text that
    // is not set aside.
    if (a.paragraphs.empty()) {
      std::function<const GumboNode*(const GumboNode*)> body =
          [&](const GumboNode* n) -> const GumboNode* {
        if (!IsElement(n)) return nullptr;
        if (n->v.element.tag == GUMBO_TAG_BODY) return n;
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
          if (const GumboNode* b = body(static_cast<const GumboNode*>(kids.data[i]))) return b;
        }
        return nullptr;
      };
      if (const GumboNode* b = body(root_)) {
        Emit(b, &a.paragraphs);
        FlushLoose(&a.paragraphs);
      }
    }
    a.captions = captions_;
    return a;
  }

 private:
  // ---- metadata ----------------------------------------------------------------------------
  void Metadata(const GumboNode* n, Article* a) {
    if (!IsElement(n)) return;
    const GumboElement& e = n->v.element;
    switch (e.tag) {
      case GUMBO_TAG_HTML:
        a->language = Attr(n, "lang");
        break;
      case GUMBO_TAG_TITLE:
        if (title_tag_.empty()) title_tag_ = Collapse(RawText(n));
        break;
      case GUMBO_TAG_META: {
        std::string key = Attr(n, "property");
        if (key.empty()) key = Attr(n, "name");
        if (key.empty()) key = Attr(n, "itemprop");
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        const std::string content = Attr(n, "content");
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
      case GUMBO_TAG_LINK:
        if (Attr(n, "rel") == "canonical" && a->canonical_url.empty())
          a->canonical_url = Attr(n, "href");
        break;
      case GUMBO_TAG_TIME:
        if (time_date_.empty()) time_date_ = Attr(n, "datetime");
        break;
      case GUMBO_TAG_SCRIPT:
        if (Attr(n, "type") == "application/ld+json") JsonLd(RawText(n), a);
        break;
      default:
        break;
    }
    for (unsigned i = 0; i < e.children.length; ++i) {
      Metadata(static_cast<const GumboNode*>(e.children.data[i]), a);
    }
    if (n == root_) {
      a->title = !json_title_.empty() ? json_title_ : !og_title_.empty() ? og_title_ : title_tag_;
      a->title = Collapse(a->title);
      std::string url = !a->canonical_url.empty() ? a->canonical_url : url_;
      for (const auto& [source, text] : std::vector<std::pair<const char*, std::string>>{
               {"json-ld", json_date_}, {"meta", meta_date_}, {"time", time_date_}, {"url", url}}) {
        std::smatch m;
        if (std::regex_search(text, m, kDate)) {
          const int month = std::stoi(m[2]), day = std::stoi(m[3]);
          if (month < 1 || month > 12 || day < 1 || day > 31) continue;
          a->date = m[1].str() + "-" + m[2].str() + "-" + m[3].str();
          a->date_source = source;
          break;
        }
      }
      if (a->authors.empty()) a->authors = meta_authors_;
    }
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
  static std::string ClassAndId(const GumboNode* n) {
    return Attr(n, "class") + " " + Attr(n, "id");
  }

  void Prune(const GumboNode* n) {
    if (!IsElement(n)) return;
    const GumboElement& e = n->v.element;
    const GumboTag tag = e.tag;
    bool drop = Dropped(tag);
    if (tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_FIGURE) {
      if (tag == GUMBO_TAG_FIGCAPTION) {
        std::string c = Collapse(RawText(n));
        if (!c.empty()) captions_.push_back(c);
      }
    }
    if (!drop && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML && tag != GUMBO_TAG_ARTICLE &&
        tag != GUMBO_TAG_MAIN) {
      const std::string ci = ClassAndId(n);
      if (ci.size() > 1 && std::regex_search(ci, kUnlikely) && !std::regex_search(ci, kLikely) &&
          !HoldsProse(n)) {
        drop = true;
      }
      if (Attr(n, "aria-hidden") == "true" || gumbo_get_attribute(&e.attributes, "hidden"))
        drop = true;
      const std::string style = Attr(n, "style");
      if (style.find("display:none") != std::string::npos ||
          style.find("display: none") != std::string::npos) {
        drop = true;
      }
    }
    if (drop) {
      dropped_.insert(n);
      if (tag == GUMBO_TAG_FIGURE) {
        // Its caption is kept apart.
        for (unsigned i = 0; i < e.children.length; ++i) {
          const auto* k = static_cast<const GumboNode*>(e.children.data[i]);
          if (IsElement(k) && k->v.element.tag == GUMBO_TAG_FIGCAPTION) {
            std::string c = Collapse(RawText(k));
            if (!c.empty()) captions_.push_back(c);
          }
        }
      }
      return;
    }
    for (unsigned i = 0; i < e.children.length; ++i)
      Prune(static_cast<const GumboNode*>(e.children.data[i]));
  }

  // Whether n holds an article's prose whatever its class says ("elementor-widget-container",
  // "has-sidebar"): paragraphs of some length, few of their words in links.
  bool HoldsProse(const GumboNode* n) const {
    size_t prose = 0, linked = 0;
    std::function<void(const GumboNode*, bool)> walk = [&](const GumboNode* x, bool in_link) {
      if (x->type == GUMBO_NODE_TEXT) {
        const size_t len = std::strlen(x->v.text.text);
        prose += len;
        if (in_link) linked += len;
        return;
      }
      if (!IsElement(x) || Dropped(x->v.element.tag)) return;
      const bool link = in_link || x->v.element.tag == GUMBO_TAG_A;
      const GumboVector& kids = x->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i)
        walk(static_cast<const GumboNode*>(kids.data[i]), link);
    };
    // Only text inside paragraphs counts.
    std::function<void(const GumboNode*)> find = [&](const GumboNode* x) {
      if (!IsElement(x) || Dropped(x->v.element.tag)) return;
      if (x->v.element.tag == GUMBO_TAG_P) {
        walk(x, false);
        return;
      }
      const GumboVector& kids = x->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) find(static_cast<const GumboNode*>(kids.data[i]));
    };
    find(n);
    return prose >= kProseBytes && linked * 10 < prose * 3;
  }

  double Initial(const GumboNode* n) {
    double s = 0;
    switch (n->v.element.tag) {
      case GUMBO_TAG_ARTICLE:
        s = 10;
        break;
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_MAIN:
        s = 5;
        break;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_BLOCKQUOTE:
        s = 3;
        break;
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_FORM:
        s = -3;
        break;
      default:
        if (IsHeading(n->v.element.tag)) s = -5;
        break;
    }
    const std::string ci = ClassAndId(n);
    if (ci.size() > 1) {
      if (std::regex_search(ci, kLikely)) s += 25;
      if (std::regex_search(ci, kUnlikely)) s -= 25;
    }
    if (Attr(n, "itemprop") == "articleBody") s += 50;
    return s;
  }

  void AddScore(const GumboNode* n, double s) {
    if (n == nullptr || !IsElement(n)) return;
    auto [it, fresh] = score_.try_emplace(n, 0.0);
    if (fresh) it->second = Initial(n);
    it->second += s;
  }

  void Score(const GumboNode* n) {
    if (!IsElement(n) || dropped_.count(n)) return;
    const GumboElement& e = n->v.element;
    const GumboTag tag = e.tag;
    bool paragraph = tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TD ||
                     tag == GUMBO_TAG_BLOCKQUOTE;
    if ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION) && !HasBlockChild(n)) paragraph = true;
    if (paragraph) {
      const std::string text = Text(n);
      if (text.size() >= 25) {
        double s = 1 + static_cast<double>(std::count(text.begin(), text.end(), ',')) +
                   std::min(static_cast<double>(text.size()) / 100.0, 3.0);
        AddScore(n->parent, s);
        if (n->parent != nullptr) AddScore(n->parent->parent, s / 2);
        if (n->parent != nullptr && n->parent->parent != nullptr) {
          AddScore(n->parent->parent->parent, s / 3);
        }
      }
    }
    for (unsigned i = 0; i < e.children.length; ++i)
      Score(static_cast<const GumboNode*>(e.children.data[i]));
  }

  const GumboNode* TopCandidate() {
    const GumboNode* best = nullptr;
    double best_score = 0;
    for (auto& [n, s] : score_) {
      if (dropped_.count(n)) continue;
      const double final_score = s * (1.0 - LinkDensity(n));
      s = final_score;
      if (best == nullptr || final_score > best_score) {
        best = n;
        best_score = final_score;
      }
    }
    return best;
  }

  // ---- text ---------------------------------------------------------------------------------
  bool HasBlockChild(const GumboNode* n) const {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* k = static_cast<const GumboNode*>(kids.data[i]);
      if (IsElement(k) && IsBlock(k->v.element.tag) && k->v.element.tag != GUMBO_TAG_BR)
        return true;
    }
    return false;
  }

  // All text under n, markup and all, as written.
  static std::string RawText(const GumboNode* n) { return Walk(n, nullptr); }

  // The visible text under n, dropped blocks left out, collapsed.
  std::string Text(const GumboNode* n) const { return Collapse(Walk(n, &dropped_)); }

  // The text nodes under n in order; with `skip`, those elements are left out and blocks and
  // line breaks become spaces.
  static std::string Walk(const GumboNode* n, const std::unordered_set<const GumboNode*>* skip) {
    std::string out;
    std::function<void(const GumboNode*)> walk = [&](const GumboNode* x) {
      if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_CDATA ||
          x->type == GUMBO_NODE_WHITESPACE) {
        out += x->v.text.text;
        return;
      }
      if (!IsElement(x) || (skip != nullptr && skip->count(x))) return;
      if (skip != nullptr && x->v.element.tag == GUMBO_TAG_BR) out += ' ';
      const GumboVector& kids = x->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) walk(static_cast<const GumboNode*>(kids.data[i]));
      if (skip != nullptr && IsBlock(x->v.element.tag)) out += ' ';
    };
    walk(n);
    return out;
  }

  size_t TextLength(const GumboNode* n) const { return Text(n).size(); }

  double LinkDensity(const GumboNode* n) {
    if (auto it = link_density_.find(n); it != link_density_.end()) return it->second;
    const size_t all = TextLength(n);
    size_t linked = 0;
    std::function<void(const GumboNode*)> walk = [&](const GumboNode* x) {
      if (!IsElement(x) || dropped_.count(x)) return;
      if (x->v.element.tag == GUMBO_TAG_A) {
        linked += Text(x).size();
        return;
      }
      const GumboVector& kids = x->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) walk(static_cast<const GumboNode*>(kids.data[i]));
    };
    walk(n);
    const double d = all == 0 ? 0.0 : static_cast<double>(linked) / static_cast<double>(all);
    link_density_[n] = d;
    return d;
  }

  // Paragraphs of a container, in order: each block without blocks inside is one; text loose
  // in a container between blocks is one too.
  void Emit(const GumboNode* n, std::vector<std::string>* out) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      loose_ += n->v.text.text;
      return;
    }
    if (!IsElement(n) || dropped_.count(n)) return;
    const GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_H1) return;  // the headline, read as the title
    if (!IsBlock(tag)) {
      loose_ += Text(n) + " ";
      return;
    }
    if (tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR) {
      if (tag == GUMBO_TAG_HR) FlushLoose(out);
      loose_ += ' ';
      return;
    }
    FlushLoose(out);
    if (!HasBlockChild(n)) {
      std::string text = Text(n);
      const bool heading = IsHeading(tag);
      if (!text.empty() && (heading || LinkDensity(n) < 0.5)) out->push_back(text);
      return;
    }
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i)
      Emit(static_cast<const GumboNode*>(kids.data[i]), out);
    FlushLoose(out);
  }

  void FlushLoose(std::vector<std::string>* out) {
    std::string text = Collapse(loose_);
    loose_.clear();
    if (text.size() >= 2) out->push_back(text);
  }

  const GumboNode* root_;
  std::unordered_set<const GumboNode*> dropped_;
  std::unordered_map<const GumboNode*, double> score_;
  std::unordered_map<const GumboNode*, double> link_density_;
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

// Elements deeper than this are flattened into their ancestor at this depth, as browsers' parsers
// do (Blink stops nesting at 512): Gumbo's memory grows with the square of the depth, and the
// reader walks the tree recursively.
constexpr size_t kMaxDepth = 400;

bool IsVoid(std::string_view tag) {
  static const std::unordered_set<std::string_view> kVoid = {
      "area", "base", "br",    "col",    "embed", "hr",  "img",     "input",
      "link", "meta", "param", "source", "track", "wbr", "!doctype"};
  return kVoid.count(tag) > 0;
}

// The page with its start and end tags past kMaxDepth left out (their text stays).
std::string Flatten(std::string_view html) {
  struct Open {
    std::string tag;
    bool kept;
  };
  std::vector<Open> stack;
  size_t depth = 0;
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(html.substr(i));
      break;
    }
    out.append(html.substr(i, lt - i));
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt + 4);
      const size_t stop = end == std::string_view::npos ? html.size() : end + 3;
      out.append(html.substr(lt, stop - lt));
      i = stop;
      continue;
    }
    const size_t gt = html.find('>', lt + 1);
    if (gt == std::string_view::npos) {
      out.append(html.substr(lt));
      break;
    }
    std::string_view tag_text = html.substr(lt, gt + 1 - lt);
    const bool closing = tag_text.size() > 1 && tag_text[1] == '/';
    size_t name_begin = lt + (closing ? 2 : 1);
    size_t name_end = name_begin;
    while (name_end < gt && (std::isalnum(static_cast<unsigned char>(html[name_end])) != 0 ||
                             html[name_end] == '!' || html[name_end] == '-')) {
      ++name_end;
    }
    std::string name(html.substr(name_begin, name_end - name_begin));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    i = gt + 1;
    if (name.empty()) {
      out.append(tag_text);
      continue;
    }
    if (closing) {
      // The nearest open element of that name; tags left open inside it close with it.
      auto it =
          std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.tag == name; });
      if (it == stack.rend()) {
        out.append(tag_text);
        continue;
      }
      const bool kept = it->kept;
      const size_t keep = static_cast<size_t>(stack.rend() - it) - 1;
      for (size_t k = keep; k < stack.size(); ++k) depth -= stack[k].kept ? 1 : 0;
      stack.resize(keep);
      if (kept) out.append(tag_text);
      continue;
    }
    const bool self_closing = tag_text.size() >= 2 && tag_text[tag_text.size() - 2] == '/';
    if (IsVoid(name) || self_closing) {
      out.append(tag_text);
      continue;
    }
    if (name == "script" || name == "style" || name == "textarea" || name == "title") {
      // Raw text up to the element's end tag, copied as it is.
      const std::string end_tag = "</" + name;
      size_t end = i;
      for (;;) {
        end = html.find("</", end);
        if (end == std::string_view::npos) break;
        std::string candidate(html.substr(end, end_tag.size()));
        std::transform(candidate.begin(), candidate.end(), candidate.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (candidate == end_tag) break;
        end += 2;
      }
      const size_t stop = end == std::string_view::npos ? html.size() : end;
      out.append(tag_text);
      out.append(html.substr(i, stop - i));
      i = stop;
      if (end != std::string_view::npos) {
        const size_t close = html.find('>', end);
        const size_t after = close == std::string_view::npos ? html.size() : close + 1;
        out.append(html.substr(end, after - end));
        i = after;
      }
      continue;
    }
    const bool keep = depth < kMaxDepth;
    stack.push_back({name, keep});
    if (keep) {
      ++depth;
      out.append(tag_text);
    }
  }
  return out;
}

}  // namespace

std::string Article::Body() const {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

Article ReadArticle(std::string_view html) {
  const std::string flat = Flatten(html);
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, flat.data(), flat.size());
  Article a;
  if (output != nullptr) {
    a = Reader(output->root).Read();
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
  return a;
}

}  // namespace weft::reading
