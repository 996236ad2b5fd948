// GiveAgents: an event told twice takes its agent once.
#include <algorithm>
#include <optional>
#include <set>

#include "graph/extract/extractor_impl.h"
#include "graph/extract/words.h"

namespace weft::extract {

void GiveAgents(const Lexicon& lex, const std::map<std::string, EntityType>& types,
                std::vector<Extraction>* statements) {
  // An agent: a person or organisation, or a name the recogniser left untyped.
  auto named = [&](const std::string& n) {
    auto it = types.find(n);
    EntityType t = it != types.end() ? it->second : EntityType::kOther;
    if (t == EntityType::kOther) {
      return std::any_of(n.begin(), n.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    }
    return t == EntityType::kOrganisation || t == EntityType::kPerson;
  };
  std::vector<Extraction> added;
  for (size_t i = 0; i < statements->size(); ++i) {
    const StatementRecord& p = (*statements)[i].record;
    auto typed = types.find(p.subject);
    if (!p.predicate.starts_with("be ") || p.qualifiers.empty() ||
        (typed != types.end() &&
         (typed->second == EntityType::kOrganisation || typed->second == EntityType::kPerson))) {
      continue;
    }
    const std::string_view head = HeadWord(p.object);
    const StatementRecord* agent = nullptr;
    int candidates = 0;
    std::set<std::string> seen;
    for (size_t j = 0; j < statements->size(); ++j) {
      const StatementRecord& e = (*statements)[j].record;
      if (e.evidence.sentence >= p.evidence.sentence || !named(e.subject)) continue;
      if (HeadWord(e.object) != head) continue;
      bool involves = e.object == p.subject;
      for (const Qualifier& q : e.qualifiers) involves = involves || q.value == p.subject;
      if (!involves || !seen.insert(e.subject).second) continue;
      agent = &e;
      ++candidates;
    }
    if (candidates != 1) continue;
    Extraction x = (*statements)[i];
    x.use = Extraction::Use::kGraph;
    x.record.subject = agent->subject;
    // The action: a noun of it in the thing given, or in what the agent gave the same
    // participants in the same sentence ("relocation opportunities" read as two things).
    std::vector<std::string_view> things = {agent->object, p.object};
    for (const Extraction& other : *statements) {
      const StatementRecord& o = other.record;
      if (o.subject != agent->subject || o.evidence.sentence != agent->evidence.sentence) continue;
      for (const Qualifier& q : o.qualifiers) {
        if (q.value == p.subject) things.push_back(o.object);
      }
    }
    std::optional<std::string> action;
    for (std::string_view thing : things) {
      for (size_t b = 0; b <= thing.size() && !action;) {
        size_t e = std::min(thing.find(' ', b), thing.size());
        action = lex.VerbOfNoun(thing.substr(b, e - b));
        b = e + 1;
      }
    }
    if (action) {
      x.record.predicate = *action;
      x.record.object = p.subject;
    } else {
      x.record.predicate = agent->predicate;
    }
    x.record.evidence.confidence = p.evidence.confidence * 0.8f;
    added.push_back(std::move(x));
  }
  for (Extraction& x : added) statements->push_back(std::move(x));
}

}  // namespace weft::extract
