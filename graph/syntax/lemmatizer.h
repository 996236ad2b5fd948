// Lemmas: the forms the training treebank lemmatises, then WordNet's exception lists and
// Morphy's suffix rules checked against WordNet's base forms, then the lower-cased form.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace weft::syntax {

class Lemmatizer {
 public:
  // Records a (form, UPOS) -> lemma pair seen in training data; the most frequent lemma of a
  // pair wins (ties: the first seen). Call Finish() after the last.
  void Observe(std::string_view form, std::string_view upos, std::string_view lemma);
  void Finish();

  // Reads WordNet's exception lists (noun.exc, verb.exc, adj.exc, adv.exc) and base forms
  // (index.noun, index.verb, index.adj) from `dir`. Returns the files that were missing.
  std::vector<std::string> LoadWordNet(const std::string& dir);

  std::string Lemma(std::string_view form, std::string_view upos, std::string_view xpos) const;

  // Whether the word is one the treebank or WordNet knows, as written or inflected ("faces",
  // "Shell"); a capitalised word neither knows ("Northwind") is a name.
  bool IsWord(std::string_view form) const;
  // Whether the treebank has the word (any case) with this universal tag.
  bool Knows(std::string_view form, std::string_view upos) const;
  // Whether a lower-case word is an irregular verb form and nothing else: WordNet's verb
  // exceptions give it a base ("froze" -> freeze, "lent" -> lend), and neither WordNet's nouns
  // and adjectives nor the treebank's know it as one ("rose", "fell" and "thought" are nouns).
  bool IsOnlyVerbForm(std::string_view lower) const;
  // Whether a lower-case word is an irregular past form of a verb, whatever else it is
  // ("rose" -> rise, "fell" -> fall).
  bool IsIrregularVerbForm(std::string_view lower) const;
  // Whether a lower-case word is an adjective and nothing else: WordNet has it as an adjective
  // only, and the treebank never tags it a verb or a name ("guilty", "insolvent"; the treebank
  // has "guilty" as a noun twice in six, which is why it may not decide that).
  bool IsOnlyAdjective(std::string_view lower) const;
  // Whether a lower-case word is a preposition and nothing else: the treebank has it only as
  // ADP (or SCONJ), WordNet not at all ("amid", "via").
  bool IsOnlyPreposition(std::string_view lower) const;
  // Whether a lower-case word is a verb's base form, to the treebank or to WordNet ("market").
  bool IsVerbBase(std::string_view lower) const;
  // Whether a lower-case word is a noun as written, to the treebank or to WordNet
  // ("executive", which the treebank has as an adjective only).
  bool IsNoun(std::string_view lower) const;
  // Whether a lower-case word is an adjective to the treebank or to WordNet, as written or
  // inflected ("bigger").
  bool IsAdjective(std::string_view lower) const;

  void Serialise(std::string* out) const;
  static Lemmatizer Read(std::string_view in, size_t* pos, const std::string& name);

 private:
  enum Pos { kNoun = 0, kVerb = 1, kAdj = 2, kAdv = 3 };
  // The WordNet base form of `lower` as `pos` (an exception, or a suffix rule or the word itself
  // that WordNet lists), or nullopt; Morphy falls back to the first rule's guess.
  std::optional<std::string> KnownBase(const std::string& lower, Pos pos) const;
  std::string Morphy(const std::string& lower, Pos pos) const;

  std::unordered_map<std::string, std::unordered_map<std::string, uint32_t>> counts_;
  void IndexForms();

  std::unordered_map<std::string, std::string> known_;  // "form\tUPOS" -> lemma
  std::unordered_set<std::string> forms_;               // the lower-cased forms of known_
  std::unordered_map<std::string, std::string> exceptions_[4];
  std::unordered_set<std::string> bases_[3];
};

}  // namespace weft::syntax
