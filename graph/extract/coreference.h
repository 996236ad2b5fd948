// Pronouns to people in running text, without a parse: the recogniser's person mentions, their
// name variants joined, gender agreement, and salience (subject position, recency).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "graph/entities/recogniser.h"
#include "graph/extract/lexicon.h"

namespace weft::extract {

// Thread-safe: both references are immutable.
class PronounResolver {
 public:
  PronounResolver(const entities::Recogniser& recogniser, const Lexicon& lexicon)
      : recogniser_(recogniser), lexicon_(lexicon) {}

  struct Answer {
    std::string antecedent;  // the canonical name of the person, "" when none is compatible
    bool a = false;          // whether it is the person named `a` (see Resolve)
    bool b = false;
  };

  // Resolves the third-person pronoun at bytes [offset, offset + length) of `text` to a person
  // mentioned before it (or, failing that, after it in the same sentence), and says whether that
  // person is the one the names `a` and `b` denote in the text. Candidates must agree in gender
  // (titles, first names); among them the score favours the subject of the pronoun's sentence
  // and of the one before it (the first person named in it), then recency.
  // `a_offset` and `b_offset` are where the text names them (GAP gives the mentions): they are
  // candidates there even when the recogniser missed them.
  Answer Resolve(std::string_view text, size_t offset, size_t length, std::string_view a,
                 size_t a_offset, std::string_view b, size_t b_offset) const;

 private:
  const entities::Recogniser& recogniser_;
  const Lexicon& lexicon_;
};

}  // namespace weft::extract
