#include "graph/extract/coreference.h"

#include <algorithm>
#include <map>
#include <vector>

#include "graph/entities/resolution.h"
#include "graph/extract/sentences.h"
#include "graph/text.h"

namespace weft::extract {
namespace {

// Salience weights, chosen on GAP's development split: a person named first in a sentence is
// its likely subject; later mentions weigh more (kRecency over the text before the pronoun).
constexpr double kSubject = 0.5;
constexpr double kRecency = 0.5;
constexpr double kSameSentence = 1.5;
constexpr double kPreviousSentence = 1.0;
// Sentences further back weigh this much less each.
constexpr double kDecay = 0.5;

Gender PronounGender(std::string_view p) {
  std::string w = AsciiLower(p);
  if (w == "she" || w == "her" || w == "hers" || w == "herself") return Gender::kFemale;
  if (w == "he" || w == "him" || w == "his" || w == "himself") return Gender::kMale;
  return Gender::kUnknown;
}

}  // namespace

PronounResolver::Answer PronounResolver::Resolve(std::string_view text, size_t offset,
                                                 size_t length, std::string_view a, size_t a_offset,
                                                 std::string_view b, size_t b_offset) const {
  std::vector<SentenceSpan> sentences = SplitSentences(text);
  std::vector<std::pair<size_t, size_t>> spans;
  for (const SentenceSpan& s : sentences) spans.emplace_back(s.begin, s.end);
  std::vector<entities::Mention> mentions = recogniser_.Recognise(text, spans);
  std::erase_if(mentions, [](const entities::Mention& m) {
    return m.type != entities::EntityClass::kPerson;
  });
  auto sentence_at = [&](size_t at) {
    for (size_t s = 0; s < sentences.size(); ++s) {
      if (at < sentences[s].end) return static_cast<uint32_t>(s);
    }
    return static_cast<uint32_t>(sentences.empty() ? 0 : sentences.size() - 1);
  };
  // The given mentions, where the recogniser found no person over them.
  for (const auto& given : {std::pair{a, a_offset}, std::pair{b, b_offset}}) {
    const std::string_view name = given.first;
    const size_t at = given.second;  // a plain variable: lambdas may not capture bindings (clang)
    if (name.empty() || at >= text.size()) continue;
    bool covered = std::any_of(mentions.begin(), mentions.end(), [&](const entities::Mention& m) {
      return m.begin <= at && at < m.end;
    });
    if (covered) continue;
    entities::Mention m;
    m.text = std::string(name);
    m.type = entities::EntityClass::kPerson;
    m.sentence = sentence_at(at);
    m.begin = static_cast<uint32_t>(at);
    m.end = static_cast<uint32_t>(at + name.size());
    mentions.insert(std::upper_bound(mentions.begin(), mentions.end(), m,
                                     [](const entities::Mention& x, const entities::Mention& y) {
                                       return x.begin < y.begin;
                                     }),
                    m);
  }
  // The names to report against join the clusters as two more mentions.
  std::vector<entities::NamedMention> named;
  for (const entities::Mention& m : mentions) named.push_back({m.text, m.type});
  named.push_back({std::string(a), entities::EntityClass::kPerson});
  named.push_back({std::string(b), entities::EntityClass::kPerson});
  std::vector<entities::ResolvedName> resolved = entities::ResolveNameVariants(named);
  const std::string canonical_a = resolved[named.size() - 2].canonical;
  const std::string canonical_b = resolved[named.size() - 1].canonical;

  std::map<std::string, std::vector<std::string>> forms;
  for (size_t k = 0; k < named.size(); ++k) forms[resolved[k].canonical].push_back(named[k].name);

  auto sentence_of = [&](size_t at) {
    for (size_t s = 0; s < sentences.size(); ++s) {
      if (at < sentences[s].end) return s;
    }
    return sentences.empty() ? size_t{0} : sentences.size() - 1;
  };
  const size_t ps = sentence_of(offset);
  const Gender want = PronounGender(text.substr(offset, length));
  std::map<size_t, size_t> first_in_sentence;  // sentence -> index of its first person mention
  for (size_t k = 0; k < mentions.size(); ++k) first_in_sentence.emplace(mentions[k].sentence, k);

  std::map<std::string, double> score;
  for (size_t k = 0; k < mentions.size(); ++k) {
    const entities::Mention& m = mentions[k];
    const std::string& c = resolved[k].canonical;
    Gender g = lexicon_.GenderOf(c, forms[c]);
    if (want != Gender::kUnknown && g != Gender::kUnknown && g != want) continue;
    if (m.begin >= offset) {
      // Cataphora only within the sentence, and weakly.
      if (m.sentence == ps) score[c] += 0.1;
      continue;
    }
    size_t distance = ps - m.sentence;
    double w = distance == 0   ? kSameSentence
               : distance == 1 ? kPreviousSentence
                               : kDecay / distance;
    if (first_in_sentence[m.sentence] == k) w += distance <= 1 ? kSubject : kSubject * kDecay;
    // Recency: later mentions more.
    w += kRecency * static_cast<double>(m.begin) / static_cast<double>(offset + 1);
    score[c] += w;
  }
  Answer answer;
  double best = 0;
  for (const auto& [name, s] : score) {
    if (s > best) {
      best = s;
      answer.antecedent = name;
    }
  }
  answer.a = !answer.antecedent.empty() && answer.antecedent == canonical_a;
  answer.b = !answer.antecedent.empty() && answer.antecedent == canonical_b;
  return answer;
}

}  // namespace weft::extract
