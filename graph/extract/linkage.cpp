#include "graph/extract/linkage.h"

#include <algorithm>
#include <cctype>

namespace weft::extract {
namespace {

void SilentLinkGrammar(lg_errinfo*, void*) {}

// Reads a linkage into words and links.
// `compacted`: spans of the text the parser saw shortened ("US  " for "U.S."); a word that
// starts one covers all of it.
Parsed ReadLinkage(Linkage lk, std::string_view text,
                   const std::vector<std::pair<size_t, size_t>>& compacted) {
  Parsed p;
  const size_t n = linkage_get_num_words(lk);
  p.words.resize(n);
  for (size_t i = 0; i < n; ++i) {
    Word& w = p.words[i];
    std::string disp = linkage_get_word(lk, static_cast<WordIdx>(i));
    if (disp == "LEFT-WALL" || disp == "RIGHT-WALL") {
      w.wall = true;
      continue;
    }
    int b = linkage_get_word_byte_start(lk, static_cast<WordIdx>(i));
    int e = linkage_get_word_byte_end(lk, static_cast<WordIdx>(i));
    if (b >= 0 && e >= b && static_cast<size_t>(e) <= text.size()) {
      w.begin = static_cast<size_t>(b);
      w.end = static_cast<size_t>(e);
      for (auto [cb, ce] : compacted) {
        if (cb == w.begin) w.end = std::max(w.end, ce);
      }
      w.surface = std::string(text.substr(w.begin, w.end - w.begin));
    }
    if (disp.ends_with("[!]") || disp.ends_with("[?]") || disp.ends_with("[~]")) {
      w.tag = disp.substr(disp.size() - 3);
    } else {
      size_t dot = disp.rfind('.');
      if (dot != std::string::npos && dot > 0 && dot + 1 < disp.size() &&
          std::islower(static_cast<unsigned char>(disp[dot + 1]))) {
        w.tag = disp.substr(dot + 1);
      }
    }
  }
  const int links = linkage_get_num_links(lk);
  for (int i = 0; i < links; ++i) {
    int l = static_cast<int>(linkage_get_link_lword(lk, i));
    int r = static_cast<int>(linkage_get_link_rword(lk, i));
    std::string label = linkage_get_link_label(lk, i);
    p.words[l].right.push_back({r, label});
    p.words[r].left.push_back({l, label});
  }
  return p;
}

}  // namespace

std::string_view Base(std::string_view label) {
  size_t n = 0;
  while (n < label.size() &&
         (std::isupper(static_cast<unsigned char>(label[n])) || label[n] == '_'))
    ++n;
  return label.substr(0, n);
}

std::string ForParser(std::string text, std::vector<std::pair<size_t, size_t>>* compacted) {
  // A typographic apostrophe before s is the possessive the dictionary knows as "'s".
  for (size_t at = text.find("\xE2\x80\x99s"); at != std::string::npos;
       at = text.find("\xE2\x80\x99s", at + 4)) {
    text.replace(at, 4, "'s  ");
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.'))
      continue;
    size_t j = i, letters = 0;
    while (j + 1 < text.size() && std::isupper(static_cast<unsigned char>(text[j])) &&
           text[j + 1] == '.') {
      j += 2;
      ++letters;
    }
    if (letters < 2 || (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))))
      continue;
    std::string compact;
    for (size_t k = i; k < j; k += 2) compact += text[k];
    compacted->emplace_back(i, j);
    compact.resize(j - i, ' ');
    text.replace(i, j - i, compact);
    i = j - 1;
  }
  return text;
}

void QuietLinkGrammar() {
  static thread_local bool quiet = (lg_error_set_handler(&SilentLinkGrammar, nullptr), true);
  (void)quiet;
}

LinkParse::LinkParse(Dictionary dict, std::string_view text, int max_seconds) : text_(text) {
  QuietLinkGrammar();
  parse_text_ = ForParser(std::string(text), &compacted_);
  options_ = parse_options_create();
  parse_options_set_verbosity(options_, 0);
  parse_options_set_max_parse_time(options_, max_seconds);
  // Linkages sampled past the linkage limit come from a fixed seed.
  parse_options_set_repeatable_rand(options_, true);
  parse_options_set_linkage_limit(options_, 100);
  parse_options_set_short_length(options_, 14);
  parse_options_set_min_null_count(options_, 0);
  parse_options_set_max_null_count(options_, 0);
  parse_options_set_display_morphology(options_, 0);
  parse_options_set_spell_guess(options_, 0);
  sentence_ = sentence_create(parse_text_.c_str(), dict);
  if (sentence_ == nullptr || sentence_split(sentence_, options_) < 0) return;
  count_ = sentence_parse(sentence_, options_);
  timed_out_ = parse_options_timer_expired(options_) != 0;
  if (count_ <= 0 && parse_options_resources_exhausted(options_) == 0) {
    // Allow words to stay unlinked: a partial parse still carries most relations.
    parse_options_set_min_null_count(options_, 1);
    parse_options_set_max_null_count(options_, std::min(sentence_length(sentence_), 3));
    count_ = sentence_parse(sentence_, options_);
    timed_out_ = timed_out_ || parse_options_timer_expired(options_) != 0;
  }
  count_ = std::max(count_, 0);
}

LinkParse::~LinkParse() {
  if (sentence_ != nullptr) sentence_delete(sentence_);
  parse_options_delete(options_);
}

const Parsed& LinkParse::Read(int i) const {
  auto [it, added] = read_.try_emplace(i);
  if (!added) return it->second;
  Linkage lk = linkage_create(i, sentence_, options_);
  if (lk == nullptr) return it->second;
  it->second = ReadLinkage(lk, text_, compacted_);
  it->second.nulls = sentence_null_count(sentence_);
  linkage_delete(lk);
  return it->second;
}

}  // namespace weft::extract
