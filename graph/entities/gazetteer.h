// Name lists the recogniser consults as features: people, first names, places, organisations,
// nationalities. Stored as hashes of lower-cased token sequences, so a model carries its lists.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace weft::entities {

// One bit a list; a phrase may be on several.
enum class GazetteerList : uint8_t {
  kPerson = 0,     // full names of people (WordNet instance nouns under noun.person)
  kFirstName = 1,  // given names
  kPlace = 2,      // countries, cities, regions
  kOrganisation = 3,
  kNationality = 4,  // demonyms and adjectives of nationality ("German", "Chinese")
  kCount = 5,
};
std::string_view GazetteerListName(GazetteerList list);

class Gazetteer {
 public:
  // Adds a phrase (tokenised as the recogniser tokenises text) to `list`.
  void Add(std::string_view phrase, GazetteerList list);

  // For each token, a bit per list and position: bit (list * 4 + pos), pos 0 = single-token
  // match, 1 = begins, 2 = inside, 3 = ends a longer match. Every match counts, not only the
  // longest.
  std::vector<uint32_t> Match(const std::vector<std::string_view>& lower_tokens) const;

  size_t size() const { return phrases_.size(); }
  size_t max_tokens() const { return max_tokens_; }

  // Serialisation as (hash, mask) pairs in hash order, so a saved model is byte-identical.
  std::vector<std::pair<uint64_t, uint8_t>> Entries() const;
  void Insert(uint64_t hash, uint8_t mask, size_t tokens);

  // The hash of a sequence of lower-cased tokens joined by spaces (Hash64), as Match computes it.
  static uint64_t PhraseHash(const std::vector<std::string_view>& lower_tokens, size_t begin,
                             size_t end);

 private:
  std::unordered_map<uint64_t, uint8_t> phrases_;
  size_t max_tokens_ = 0;
};

}  // namespace weft::entities
