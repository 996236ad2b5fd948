// CoNLL-U, the Universal Dependencies file format: reading with validation, and writing.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace weft::syntax {

// One syntactic word of a sentence (a CoNLL-U line whose ID is an integer).
struct Word {
  std::string form;
  std::string lemma = "_";
  std::string upos = "_";
  std::string xpos = "_";
  std::string feats = "_";
  int head = -1;  // 0 the root, 1..n a word of the sentence, -1 not annotated ("_")
  std::string deprel = "_";
  std::string deps = "_";
  std::string misc = "_";
};

struct Sentence {
  std::vector<std::string> comments;  // "# ..." lines, without the newline
  std::vector<Word> words;
  // Multiword-token ("3-4") and empty-node ("8.1") lines, kept verbatim to be written back:
  // each with the number of words that precede it.
  std::vector<std::pair<size_t, std::string>> other_lines;
  uint64_t line = 0;  // the file line of the sentence's first line
};

// The 37 universal relations of UD v2; `relation` may carry a subtype ("nsubj:pass").
bool KnownRelation(std::string_view relation);
// The relation without its subtype: "nsubj:pass" -> "nsubj".
std::string_view BaseRelation(std::string_view relation);

struct ReadConlluOptions {
  // Heads and relations must be present (training and scoring); otherwise "_" is accepted.
  bool require_trees = true;
};

// Reads a CoNLL-U stream; `name` is used in errors. Throws InputError naming NAME:LINE for a
// line without ten tab-separated columns, an ID out of sequence, a head outside the sentence, a
// cycle, an unknown relation, or invalid UTF-8; and for a stream holding no sentence.
std::vector<Sentence> ReadConllu(std::istream& in, const std::string& name,
                                 const ReadConlluOptions& options = {});
// Reads the file at `path` as above; a file that cannot be opened is an InputError too.
std::vector<Sentence> ReadConlluFile(const std::string& path,
                                     const ReadConlluOptions& options = {});

// Writes `sentence` in CoNLL-U, followed by its blank line.
void WriteConllu(std::ostream& out, const Sentence& sentence);

}  // namespace weft::syntax
