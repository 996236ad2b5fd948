#include "graph/extract/text_input.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "graph/base/text.h"
#include "graph/syntax/model.h"

namespace weft::extract {

TextFormat TextFormatFromPath(std::string_view path) {
  std::string p = AsciiLower(path);
  if (p.ends_with(".html") || p.ends_with(".htm") || p.ends_with(".xhtml"))
    return TextFormat::kHtml;
  if (p.ends_with(".md") || p.ends_with(".markdown")) return TextFormat::kMarkdown;
  return TextFormat::kPlain;
}

bool LooksBinary(std::string_view data) {
  return data.substr(0, 8192).find('\0') != std::string_view::npos;
}

std::string StripHtml(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  // Past the next `end_tag` (lower case), matched ignoring case, without copying the rest of
  // the document: a page of many scripts stays linear.
  auto skip_to = [&](std::string_view end_tag) {
    for (size_t at = html.find('<', i); at != std::string_view::npos; at = html.find('<', at + 1)) {
      if (at + end_tag.size() > html.size()) break;
      bool same = true;
      for (size_t k = 0; k < end_tag.size() && same; ++k) {
        same = AsciiLower(html[at + k]) == end_tag[k];
      }
      if (same) {
        i = at + end_tag.size();
        return;
      }
    }
    i = html.size();
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        size_t e = html.find("-->", i + 4);
        i = e == std::string_view::npos ? html.size() : e + 3;
        continue;
      }
      size_t e = html.find('>', i);
      if (e == std::string_view::npos) break;
      std::string tag = AsciiLower(html.substr(i + 1, e - i - 1));
      std::string name;
      for (char t : tag) {
        if (std::isalnum(static_cast<unsigned char>(t)) || (t == '/' && name.empty())) {
          name.push_back(t);
        } else {
          break;
        }
      }
      i = e + 1;
      if (name == "script" || name == "style" || name == "noscript") {
        skip_to("</" + name);
        size_t close = html.find('>', i);
        i = close == std::string_view::npos ? html.size() : close + 1;
        continue;
      }
      std::string bare = name.starts_with("/") ? name.substr(1) : name;
      static const char* kBlocks[] = {
          "p",       "div",     "br",     "h1",     "h2",         "h3",    "h4",
          "h5",      "h6",      "li",     "ul",     "ol",         "tr",    "table",
          "section", "article", "header", "footer", "blockquote", "title", "pre"};
      for (const char* b : kBlocks) {
        if (bare == b) {
          out += "\n\n";
          break;
        }
      }
      continue;
    }
    if (c == '&') {
      size_t e = html.find(';', i);
      if (e != std::string_view::npos && e - i <= 10) {
        std::string ent(html.substr(i + 1, e - i - 1));
        uint32_t cp = 0;
        if (ent.starts_with("#x") || ent.starts_with("#X")) {
          cp = static_cast<uint32_t>(std::strtoul(ent.c_str() + 2, nullptr, 16));
        } else if (ent.starts_with("#")) {
          cp = static_cast<uint32_t>(std::strtoul(ent.c_str() + 1, nullptr, 10));
        } else if (ent == "amp") {
          cp = '&';
        } else if (ent == "lt") {
          cp = '<';
        } else if (ent == "gt") {
          cp = '>';
        } else if (ent == "quot") {
          cp = '"';
        } else if (ent == "apos") {
          cp = '\'';
        } else if (ent == "nbsp") {
          cp = ' ';
        } else if (ent == "rsquo" || ent == "lsquo") {
          cp = '\'';
        } else if (ent == "rdquo" || ent == "ldquo") {
          cp = '"';
        } else if (ent == "mdash" || ent == "ndash") {
          cp = '-';
        }
        if (cp != 0) {
          AppendUtf8(&out, cp);
          i = e + 1;
          continue;
        }
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string StripMarkdown(std::string_view md) {
  std::string out;
  bool fence = false;
  size_t start = 0;
  while (start <= md.size()) {
    size_t nl = md.find('\n', start);
    std::string_view line =
        md.substr(start, nl == std::string_view::npos ? md.size() - start : nl - start);
    start = nl == std::string_view::npos ? md.size() + 1 : nl + 1;
    std::string_view t = TrimView(line);
    if (t.starts_with("```") || t.starts_with("~~~")) {
      fence = !fence;
      out += "\n";
      continue;
    }
    if (fence) {
      out += "\n";
      continue;
    }
    bool heading = false;
    while (t.starts_with("#")) {
      t.remove_prefix(1);
      heading = true;
    }
    if (t.starts_with("> ")) t.remove_prefix(2);
    if (t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ")) t.remove_prefix(2);
    std::string l;
    for (size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (c == '*' || c == '_' || c == '`') continue;
      if (c == ']' && i + 1 < t.size() && t[i + 1] == '(') {
        size_t close = t.find(')', i);
        if (close != std::string_view::npos) {
          i = close;
          continue;
        }
      }
      if (c == '[' || (c == '!' && i + 1 < t.size() && t[i + 1] == '[')) continue;
      l.push_back(c);
    }
    out += std::string(TrimView(l));
    out += heading ? "\n\n" : "\n";
  }
  return out;
}

namespace {

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || u >= 0x80 || c == '.' || c == '\'' || c == '-' || c == '&';
}

}  // namespace

std::string TrueCaseHeadline(std::string_view headline, std::string_view body,
                             const std::function<bool(std::string_view)>& common_word) {
  // Title case ("Algeria Hit By Further Gas Riots"): every word of four letters or more
  // capitalised, two of them at least, and small letters after the capitals.
  bool title_case = false;
  if (std::any_of(headline.begin(), headline.end(),
                  [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; })) {
    size_t long_words = 0;
    bool all_capitalised = true;
    for (size_t i = 0; i < headline.size();) {
      if (!std::isalpha(static_cast<unsigned char>(headline[i]))) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < headline.size() && IsWordByte(headline[j])) ++j;
      if (j - i >= 4) {
        ++long_words;
        all_capitalised =
            all_capitalised && std::isupper(static_cast<unsigned char>(headline[i])) != 0;
      }
      i = j;
    }
    if (!all_capitalised || long_words < 2) return std::string(headline);
    title_case = true;
  }
  // Each body word's forms, counted away from a sentence's start (where any word is capital).
  std::map<std::string, std::map<std::string, int>> forms;
  bool start = true;
  for (size_t i = 0; i < body.size();) {
    if (!IsWordByte(body[i])) {
      if (body[i] == '\n' || body[i] == '"' || body[i] == '(') start = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < body.size() && IsWordByte(body[j])) ++j;
    std::string_view word = body.substr(i, j - i);
    // A word's own trailing dot ends the sentence unless it is an abbreviation ("U.S.").
    const bool ends = word.size() > 1 && word.back() == '.' && word.find('.') == word.size() - 1;
    if (ends) word.remove_suffix(1);
    // At a sentence's start a form counts only where the word is written nowhere else.
    forms[AsciiLower(word)][std::string(word)] += start ? 1 : 1000;
    start = ends;
    i = j;
  }
  std::string out;
  bool first = true;
  for (size_t i = 0; i < headline.size();) {
    // A ticker in brackets ("USAIR <U> REJECTS ...") is no word of the headline.
    if (headline[i] == '<') {
      const size_t close = headline.find('>', i);
      if (close != std::string_view::npos &&
          headline.substr(i, close - i).find(' ') == std::string_view::npos) {
        i = close + 1;
        while (!out.empty() && out.back() == ' ' && i < headline.size() && headline[i] == ' ') ++i;
        continue;
      }
    }
    if (!IsWordByte(headline[i])) {
      out.push_back(headline[i++]);
      continue;
    }
    size_t j = i;
    while (j < headline.size() && IsWordByte(headline[j])) ++j;
    std::string_view word = headline.substr(i, j - i);
    std::string possessive;
    if (word.size() > 2 && (word.ends_with("'S") || word.ends_with("'s"))) {
      possessive = "'s";
      word.remove_suffix(2);
    }
    const std::string lower = AsciiLower(word);
    std::string chosen = lower;
    if (auto it = forms.find(lower); it != forms.end()) {
      int best = 0;
      for (const auto& [form, count] : it->second) {
        if (count > best) {
          best = count;
          chosen = form;
        }
      }
      // Written only at sentences' starts, a common word is lower case ("Riots over ...").
      if (best < 1000 && common_word(lower)) chosen = lower;
    } else if (title_case) {
      // A word the body lacks keeps its capital unless it is a common one ("Further").
      if (!common_word(lower)) chosen = std::string(word);
    } else if (std::any_of(
                   word.begin(), word.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }) ||
               (word.size() <= 4 && word.find('.') != std::string_view::npos)) {
      chosen = std::string(word);  // "N.Z.", "A-300": written as they are
    } else if (word.size() >= 2 && word.size() <= 5 && !common_word(lower)) {
      chosen = std::string(word);  // an acronym: "USDA", "CBT"
    }
    if (first && !chosen.empty()) {
      chosen[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(chosen[0])));
    }
    first = false;
    out += chosen + possessive;
    i = j;
  }
  return out;
}

std::string TrueCaseHeadline(std::string_view headline, std::string_view body) {
  const std::shared_ptr<const syntax::SyntaxModel> model = syntax::SyntaxModel::Shared();
  return TrueCaseHeadline(headline, body,
                          [&](std::string_view w) { return model->IsCommonWord(w); });
}

}  // namespace weft::extract
