// What the tagger and the parser see of a word, as hashes computed once per sentence, and the
// tagger's feature templates. The parser's templates are in parser.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weft::syntax {

// Describes every feature template of the tagger and the parser. Its hash is the model file's
// feature fingerprint: change a template, change this text, and older models are refused.
extern const char kFeatureSet[];
uint64_t FeatureFingerprint();

// Hashes of one word's form and its parts. Zero stands for "no word" (outside the sentence).
struct WordKeys {
  uint64_t form = 0;   // as written
  uint64_t lower = 0;  // lower-cased
  uint64_t prefix1 = 0;
  uint64_t prefix2 = 0;
  uint64_t suffix1 = 0;
  uint64_t suffix2 = 0;
  uint64_t suffix3 = 0;
  uint64_t suffix4 = 0;
  uint64_t shape = 0;  // capitals X, small letters x, digits d, runs cut at three
  uint64_t flags = 0;  // hyphen, digit, capital first, all capitals
};

std::vector<WordKeys> KeysOf(const std::vector<std::string_view>& forms);
std::string LowerAscii(std::string_view s);
std::string Shape(std::string_view word);

// The tagger's features of word `i`, given the tags chosen for the words before it
// (`tags[j]` for j < i; tag ids are 1-based, 0 none). Appends to `out`.
// With `ahead` (the first pass's tags of every word, 1-based), the second pass's features too:
// the first pass's view of the words to the right, which a left-to-right tagger cannot see.
void TaggerFeatures(const std::vector<WordKeys>& words, const std::vector<int>& tags, size_t i,
                    std::vector<uint64_t>* out, const std::vector<int>* ahead = nullptr);

}  // namespace weft::syntax
