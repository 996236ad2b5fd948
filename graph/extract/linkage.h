// Link Grammar, as the extractor and the syntax reader use it: one sentence parsed into
// linkages (cheapest first), each read into words and their labelled links.
#pragma once

#include <link-grammar/link-includes.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/extract/extractor.h"

namespace weft::extract {

// One word of a linkage with its links.
struct Word {
  std::string surface;        // as written in the sentence
  std::string tag;            // Link Grammar's subscript: "v-d", "n", "l", "[!]" for guessed words
  size_t begin = 0, end = 0;  // byte offsets in the sentence
  bool wall = false;
  struct Link {
    int other;
    std::string label;
  };
  std::vector<Link> left, right;
};

// The connector type of a label: its leading capitals ("Ss*s" -> "S", "MVp" -> "MV").
std::string_view Base(std::string_view label);

struct Parsed {
  std::vector<Word> words;
  int nulls = 0;
};

// The roles of a linkage's words (Extractor::Syntax reads the cheapest linkage with it).
std::vector<SyntacticWord> ReadSyntax(const Parsed& p);

// What the parser is given: the sentence with initialisms written without their full stops
// ("U.S.," -> "US  ,"), which Link Grammar's tokeniser otherwise splits into a word and a
// sentence end, and typographic possessives as ASCII ones. The length is kept, so the parser's
// byte offsets index the original text.
std::string ForParser(std::string text, std::vector<std::pair<size_t, size_t>>* compacted);

// Quiets Link Grammar's messages in the calling thread (the library keeps its handler per
// thread). Cheap after the first call in a thread.
void QuietLinkGrammar();

// One sentence parsed with a fixed seed (the same sentence always gives the same linkages):
// without unlinked words first, then with up to three when no full parse exists.
class LinkParse {
 public:
  // `text` must outlive the parse. `max_seconds` guards one parse.
  LinkParse(Dictionary dict, std::string_view text, int max_seconds);
  ~LinkParse();
  LinkParse(const LinkParse&) = delete;
  LinkParse& operator=(const LinkParse&) = delete;

  // Linkages found; 0 when the sentence has no parse (or could not be tokenised).
  int count() const { return count_; }
  // Whether a parse ran into the time guard: its result may vary by machine.
  bool timed_out() const { return timed_out_; }
  // Linkage i (0 <= i < count()) read into words, or an empty Parsed when the library gives none.
  // Each linkage is created once (the library leaks when one is created twice) and kept.
  const Parsed& Read(int i) const;

 private:
  std::string_view text_;
  std::string parse_text_;
  std::vector<std::pair<size_t, size_t>> compacted_;
  Parse_Options options_ = nullptr;
  Sentence sentence_ = nullptr;
  int count_ = 0;
  bool timed_out_ = false;
  mutable std::map<int, Parsed> read_;
};

}  // namespace weft::extract
