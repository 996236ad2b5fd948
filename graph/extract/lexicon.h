// Word knowledge for extraction: verb lemmas, entity types and aliases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/base/statement.h"

namespace weft::extract {

// Where Debian's wordnet-base keeps WordNet's database.
inline constexpr const char* kWordNetDir = "/usr/share/wordnet";

// Built from Link Grammar's English word lists (base verb forms, place, organisation and given
// names) plus weft's own tables of irregular verbs and aliases. Immutable after construction,
// so it is shared by all extraction threads.
enum class Gender : uint8_t { kUnknown, kFemale, kMale };

class Lexicon {
 public:
  // Reads the word lists under `dict_dir` (…/link-grammar/en). Missing lists leave the lexicon
  // smaller, never broken.
  explicit Lexicon(const std::string& dict_dir);

  // "relocating" -> "relocate", "went" -> "go", "set" -> "set". Lower-cases.
  std::string VerbLemma(std::string_view word) const;
  // The verb an action noun names: "recruitment" -> "recruit", "acquisition" -> "acquire",
  // "relocation" -> "relocate", "approval" -> "approve"; nullopt for other nouns.
  std::optional<std::string> VerbOfNoun(std::string_view noun) const;
  // "transfers" -> "transfer", "companies" -> "company"; proper nouns unchanged.
  std::string NounLemma(std::string_view word) const;

  // The canonical name for an alias ("U.S." -> "United States"), if the table has one.
  std::optional<std::string> Canonical(std::string_view name) const;
  // The other names of a canonical name, for the entity's alias list.
  std::vector<std::string> AliasesOf(std::string_view canonical) const;

  // The country an adjective of nationality names, as the place lists and aliases spell it
  // ("Brazilian" -> "Brazil", "Japanese" -> "Japan", "Soviet" -> "Soviet Union"), or nullopt.
  std::optional<std::string> CountryOfNationality(std::string_view adjective) const;
  bool IsPlace(std::string_view name) const;
  // A country (Link Grammar's list of nations, in any of its names): "Philippines", "U.S.";
  // not "New York".
  bool IsCountry(std::string_view name) const;
  // The country a mention names: a place that is a country, or a one-word nationality whatever
  // the recogniser typed it ("Philippine Finance Secretary", "Philippine" read as a person).
  std::optional<std::string> CountryNamed(std::string_view name, EntityType type) const;
  bool IsOrganisation(std::string_view name) const;
  bool IsGivenName(std::string_view word) const;
  // A person's gender as the text shows it: a title in any form the name was written in ("Ms
  // Boynton"), else a first name on only one of Link Grammar's female and male lists.
  Gender GenderOf(std::string_view name, const std::vector<std::string>& variants) const;
  // Whether lower-cased words ("net income", "chief executive") are a noun WordNet lists
  // (Debian wordnet-base, read from kWordNetDir when installed; without it, none is).
  bool IsNounTerm(const std::string& lower_words) const {
    return noun_terms_.count(lower_words) > 0;
  }
  // Whether a lower-cased word is one of Link Grammar's common nouns or adjectives.
  bool IsCommonWord(const std::string& lower_word) const {
    return common_words_.count(lower_word) > 0;
  }
  bool IsVerb(std::string_view lower_word) const {
    return verbs_.count(std::string(lower_word)) > 0;
  }
  // The same, and a prefixed verb whose last part is one ("co-manage", "re-establish").
  bool IsVerbOrPrefixed(std::string_view lemma) const {
    const size_t dash = lemma.rfind('-');
    return IsVerb(lemma) || (dash != std::string_view::npos && IsVerb(lemma.substr(dash + 1)));
  }

  size_t verb_count() const { return verbs_.size(); }
  // Whether WordNet's verbs were read (Debian wordnet-base installed): the list is then whole
  // enough that a word missing from it is no verb.
  bool has_wordnet_verbs() const { return wordnet_verbs_; }

 private:
  std::unordered_set<std::string> verbs_;
  std::unordered_set<std::string> noun_terms_;
  bool wordnet_verbs_ = false;
  std::unordered_set<std::string> common_words_;
  std::unordered_map<std::string, std::string> irregular_;
  std::unordered_set<std::string> places_;
  std::unordered_set<std::string> countries_;
  std::unordered_set<std::string> organisations_;
  std::unordered_set<std::string> given_names_;
  std::unordered_set<std::string> female_names_;
  std::unordered_set<std::string> male_names_;
  std::unordered_map<std::string, std::string> alias_to_canonical_;  // folded alias -> canonical
  std::unordered_map<std::string, std::vector<std::string>> aliases_;
};

}  // namespace weft::extract
