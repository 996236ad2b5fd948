// Extractor::Syntax: subjects, objects, prepositional objects and possessors of one sentence,
// read from the links of its cheapest parse.
#include <algorithm>

#include "graph/base/text.h"
#include "graph/extract/extractor.h"
#include "graph/extract/extractor_impl.h"
#include "graph/extract/linkage.h"
#include "graph/extract/ud_reading.h"

namespace weft::extract {
namespace {

// Links from an auxiliary or modal to the verb it governs ("has" PP "seen", "will" I "see",
// "was" Pv "seen", "is" Pg "going").
bool IsVerbChain(std::string_view base) {
  return base == "PP" || base == "Pv" || base == "Pg" || base == "I" || base == "IV";
}

// The clause a verb belongs to: its auxiliary chain followed leftwards to the word the subject
// links to.
int ClauseOf(const Parsed& p, int verb) {
  for (int steps = 0; steps < 8; ++steps) {
    int up = -1;
    for (const Word::Link& l : p.words[verb].left) {
      if (IsVerbChain(Base(l.label))) up = l.other;
    }
    if (up < 0) break;
    verb = up;
  }
  return verb;
}

bool IsPossessivePronoun(std::string_view w) {
  std::string s = AsciiLower(w);
  return s == "his" || s == "her" || s == "their" || s == "its" || s == "my" || s == "our" ||
         s == "your";
}

}  // namespace

std::vector<SyntacticWord> Extractor::Syntax(std::string_view sentence) const {
  const ExtractorOptions& o = impl_->options;
  if (sentence.size() > o.max_sentence_bytes || FindInvalidUtf8(sentence)) return {};
  if (impl_->syntax) {
    // Names marked as the extraction marks them: a name read as one word's parts parses as one.
    const Annotations names = AnnotateSentence(*impl_->recogniser, *lexicon_, sentence);
    return UdRoles(ParseUd(*impl_->syntax, sentence, &names));
  }
  size_t words = 1;
  for (char c : sentence) words += c == ' ';
  if (words > o.max_words) return {};
  const LinkParse parse(impl_->dict, sentence, o.max_parse_seconds);
  if (parse.count() == 0) return {};
  return ReadSyntax(parse.Read(0));
}

std::vector<SyntacticWord> ReadSyntax(const Parsed& p) {
  std::vector<SyntacticWord> out(p.words.size());
  for (size_t i = 0; i < p.words.size(); ++i) {
    out[i].begin = p.words[i].begin;
    out[i].end = p.words[i].end;
  }
  for (size_t i = 0; i < p.words.size(); ++i) {
    const Word& w = p.words[i];
    if (w.wall) continue;
    for (const Word::Link& l : w.right) {
      const std::string_view base = Base(l.label);
      const int r = l.other;
      if (base == "S" || base == "SX" || base == "SF") {
        out[i].role = Role::kSubject;
        out[i].clause = ClauseOf(p, r);
      } else if (base == "SI" || base == "SXI" || base == "SFI") {
        out[r].role = Role::kSubject;
        out[r].clause = ClauseOf(p, static_cast<int>(i));
      } else if (base == "O" || base == "OX") {
        out[r].role = Role::kObject;
        out[r].clause = ClauseOf(p, static_cast<int>(i));
      } else if (base == "J") {
        out[r].role = Role::kPrepObject;
        out[r].preposition = AsciiLower(w.surface);
      } else if (base == "YS" || base == "YP") {
        out[i].role = Role::kPossessor;
      } else if (base == "D" && IsPossessivePronoun(w.surface)) {
        out[i].role = Role::kPossessor;
      }
    }
    for (const Word::Link& l : w.left) {
      if (l.label.starts_with("Wd") && p.words[l.other].wall) out[i].main_subject = true;
    }
  }
  for (SyntacticWord& s : out) s.main_subject = s.main_subject && s.role == Role::kSubject;
  // Walls and words the parse left out have no span.
  std::erase_if(out, [](const SyntacticWord& s) { return s.end <= s.begin; });
  return out;
}

}  // namespace weft::extract
