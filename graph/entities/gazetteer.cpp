#include "graph/entities/gazetteer.h"

#include <algorithm>

#include "graph/base/hash.h"
#include "graph/base/text.h"
#include "graph/entities/tokenizer.h"

namespace weft::entities {

namespace {
// The longest phrase kept; longer names are rare and cost a hash per token per length.
constexpr size_t kMaxPhraseTokens = 8;
}  // namespace

std::string_view GazetteerListName(GazetteerList list) {
  switch (list) {
    case GazetteerList::kPerson:
      return "person";
    case GazetteerList::kFirstName:
      return "first";
    case GazetteerList::kPlace:
      return "place";
    case GazetteerList::kOrganisation:
      return "org";
    case GazetteerList::kNationality:
      return "nationality";
    case GazetteerList::kCount:
      break;
  }
  return "?";
}

uint64_t Gazetteer::PhraseHash(const std::vector<std::string_view>& lower_tokens, size_t begin,
                               size_t end) {
  std::string phrase;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) phrase.push_back(' ');
    phrase.append(lower_tokens[i]);
  }
  return Hash64(phrase);
}

void Gazetteer::Add(std::string_view phrase, GazetteerList list) {
  std::vector<Token> tokens = Tokenize(phrase);
  if (tokens.empty() || tokens.size() > kMaxPhraseTokens) return;
  std::vector<std::string> lower;
  lower.reserve(tokens.size());
  for (const Token& t : tokens) lower.push_back(AsciiLower(t.text));
  std::vector<std::string_view> views(lower.begin(), lower.end());
  Insert(PhraseHash(views, 0, views.size()), static_cast<uint8_t>(1u << static_cast<int>(list)),
         views.size());
}

void Gazetteer::Insert(uint64_t hash, uint8_t mask, size_t tokens) {
  phrases_[hash] |= mask;
  max_tokens_ = std::max(max_tokens_, std::min(tokens, kMaxPhraseTokens));
}

std::vector<std::pair<uint64_t, uint8_t>> Gazetteer::Entries() const {
  std::vector<std::pair<uint64_t, uint8_t>> out(phrases_.begin(), phrases_.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<uint32_t> Gazetteer::Match(const std::vector<std::string_view>& lower) const {
  std::vector<uint32_t> marks(lower.size(), 0);
  if (phrases_.empty()) return marks;
  std::string phrase;  // lower[b..e] joined by spaces, as PhraseHash hashes it
  for (size_t b = 0; b < lower.size(); ++b) {
    phrase.clear();
    for (size_t e = b; e < lower.size() && e - b < max_tokens_; ++e) {
      if (e > b) phrase.push_back(' ');
      phrase.append(lower[e]);
      auto it = phrases_.find(Hash64(phrase));
      if (it == phrases_.end()) continue;
      for (int list = 0; list < static_cast<int>(GazetteerList::kCount); ++list) {
        if (!(it->second & (1u << list))) continue;
        if (e == b) {
          marks[b] |= 1u << (list * 4);
          continue;
        }
        marks[b] |= 1u << (list * 4 + 1);
        for (size_t k = b + 1; k < e; ++k) marks[k] |= 1u << (list * 4 + 2);
        marks[e] |= 1u << (list * 4 + 3);
      }
    }
  }
  return marks;
}

}  // namespace weft::entities
