// SentenceAnalyser: clauses and their statements; appositions, titles, modifiers, possessives.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>

#include "graph/base/text.h"
#include "graph/extract/reading.h"
#include "graph/extract/words.h"

namespace weft::extract {
namespace {

// Limits that keep one clause's reading bounded on any parse.
constexpr int kMaxVerbChain = 8;          // auxiliaries, modals and "to" infinitives in a row
constexpr int kMaxControlDepth = 3;       // clauses a verb controls, nested ("asked X to plan to")
constexpr size_t kMaxQualifierSets = 16;  // combinations of phrase values per statement
constexpr size_t kMaxClauseStatements = 32;  // graph statements one clause may give

}  // namespace

std::vector<Extraction> SentenceAnalyser::Run() {
  std::vector<Extraction> out;
  for (size_t v = 0; v < w_.size(); ++v) {
    for (const Word::Link& l : w_[v].left) {
      if (Base(l.label) != "S" || w_[l.other].wall) continue;
      Clause(l.other, static_cast<int>(v), &out);
    }
  }
  // "cases involving sanctions", "a report published by the ministry": a participle that
  // modifies a noun makes a clause with the noun as its subject.
  for (size_t n = 0; n < w_.size(); ++n) {
    for (const Word::Link& l : w_[n].right) {
      std::string_view label = l.label;
      bool active = label.starts_with("Mg"), passive = label.starts_with("Mv");
      if ((!active && !passive) || w_[n].wall) continue;
      Predicate({static_cast<int>(n)}, l.other, l.other, &out, /*participle_passive=*/passive);
    }
  }
  Appositions(&out);
  Titles(&out);
  Modifiers(&out);
  for (Extraction& x : out) Calibrate(&x);
  RemoveRepeats(&out);
  return out;
}

void RemoveRepeats(std::vector<Extraction>* found) {
  std::set<std::string> seen;
  std::erase_if(*found, [&](const Extraction& x) {
    std::string key = std::to_string(static_cast<int>(x.use)) + '\x1f' + x.record.subject + '\x1f' +
                      x.record.predicate + '\x1f' + x.record.object + '\x1f' + x.relation;
    for (const Qualifier& q : x.record.qualifiers) key += '\x1f' + q.role + '=' + q.value;
    for (const std::string& a : x.arguments) key += '\x1e' + a;
    return !seen.insert(key).second;
  });
}

// One subject-verb link: follows the verb chain, then emits statements.
void SentenceAnalyser::Clause(int subject_word, int finite, std::vector<Extraction>* out) {
  std::vector<int> subjects = Conjuncts(subject_word);
  // A relative pronoun stands for the noun it modifies.
  for (int& s : subjects) {
    if (IsRelative(w_[s].surface)) {
      for (int n : Links(s, "R", false)) s = n;
      for (int n : Links(s, "MX", false)) s = n;
      for (int n : Links(s, "B", false)) s = n;
      if (IsRelative(w_[s].surface)) s = NounBefore(s);
    }
  }
  // Coordinated verbs share the subject: "acquired X and sold Y".
  std::vector<int> verbs = Conjuncts(finite);
  for (int verb : verbs) Predicate(subjects, verb, finite, out);
}

void SentenceAnalyser::Predicate(const std::vector<int>& subjects, int verb, int finite,
                                 std::vector<Extraction>* out, bool participle_passive) {
  ClauseState st;
  st.subjects = subjects;
  st.verb = verb;
  st.finite = finite;
  ReadVerbChain(&st, participle_passive);
  ReadObjects(&st, out);
  ReadPhrases(&st);
  ReadOpeners(&st, out);
  SurfaceTuples(&st, out);
  if (!GraphRoles(&st)) return;
  EmitGraph(&st, out);
}

std::string SentenceAnalyser::RoleOf(const Prep& p) const {
  return p.role.empty() ? AsciiLower(w_[p.word].surface) : p.role;
}

void SentenceAnalyser::Collect(ClauseState* st, int from, std::string_view base) const {
  for (int p : Links(from, base, true)) {
    if (w_[p].tag.starts_with("j")) continue;
    if (base == "M") st->object_preps.insert(p);
    if (!st->prep_words.insert(p).second) continue;
    Prep prep{p, {}, ""};
    for (int o : Links(p, "J", true)) {
      for (int c : Conjuncts(o)) prep.objects.push_back(c);
    }
    if (!prep.objects.empty()) st->preps.push_back(std::move(prep));
  }
}

// "countries like the U.S. and Ireland": the examples are the values.
void SentenceAnalyser::ExpandExamples(Prep* p) const {
  std::vector<int> expanded;
  for (int po : p->objects) {
    bool replaced = false;
    for (int like : Links(po, "M", true)) {
      std::string lw = AsciiLower(w_[like].surface);
      if (lw != "like" && lw != "including") continue;
      for (int j : Links(like, "J", true)) {
        std::set<int> seen;
        ListMembers(j, &expanded, &seen);
        ListTail(&expanded, &seen);
        replaced = true;
      }
    }
    if (!replaced) expanded.push_back(po);
  }
  p->objects = std::move(expanded);
}

int SentenceAnalyser::IndexOf(const std::vector<Prep>& preps, int word) {
  auto it = std::find_if(preps.begin(), preps.end(), [&](const Prep& p) { return p.word == word; });
  return word < 0 || it == preps.end() ? -1 : static_cast<int>(it - preps.begin());
}

// The verb chain from the finite verb to the main verb ("has been asked", "plans to buy"), its
// negation, modality and voice, and the relation as written.
void SentenceAnalyser::ReadVerbChain(ClauseState* st, bool participle_passive) {
  st->cur = st->verb;
  st->negated = false;
  st->passive = participle_passive;
  st->rel_begin =
      IsConj(st->finite) ? w_[st->verb].begin : w_[std::min(st->verb, st->finite)].begin;
  for (int guard = 0; guard < kMaxVerbChain; ++guard) {
    if (IsModal(w_[st->cur].surface)) {
      // "'d" and "'ll" are "would" and "will".
      const std::string m = AsciiLower(w_[st->cur].surface);
      st->modality = m == "'d" ? "would" : m == "'ll" ? "will" : m;
    }
    if (!Links(st->cur, "N", true).empty()) st->negated = true;
    int next = -1;
    // "plans to buy", "was designed to appear": to + infinitive continues the chain.
    int to_word = -1;
    if (Links(st->cur, "O", true).empty() && HasLabel(st->cur, "TO", true, &to_word) &&
        HasBase(to_word, "I", true, &next)) {
      // "was designed to reduce X": the passive was the first verb's; the infinitive is
      // active, with the same subject.
      st->passive = false;
      st->cur = next;
      continue;
    }
    // "I", not "IV" (which joins a control verb to its object's infinitive).
    if (HasLabel(st->cur, "PP", true, &next) || HasBase(st->cur, "I", true, &next) ||
        HasLabel(st->cur, "Pv", true, &next) || HasLabel(st->cur, "Pg", true, &next)) {
      // Only "be" and "get" make a passive; "have designed" is a perfect.
      if (HasLabel(st->cur, "Pv", true)) {
        std::string aux = lex_.VerbLemma(w_[st->cur].surface);
        if (aux == "be" || aux == "get") st->passive = true;
      }
      // "did not comment": N then E on the verb.
      st->cur = next;
      continue;
    }
    break;
  }
  if (!Links(st->cur, "E", false).empty()) {
    for (int e : Links(st->cur, "E", false)) {
      if (AsciiLower(w_[e].surface) == "not" || AsciiLower(w_[e].surface) == "never")
        st->negated = true;
    }
  }
  // "have significantly increased investment" read as "have [increased investment]": the
  // participle between "have" and its object is the verb of a perfect.
  st->object_host = st->cur;  // the word whose O links are the objects
  if (lex_.VerbLemma(w_[st->cur].surface) == "have") {
    int participle = -1;
    for (int o : Links(st->cur, "O", true)) {
      for (const Word::Link& l : w_[o].left) {
        int p = l.other;
        if (Base(l.label) == "A" && p > st->cur && p < o && w_[p].tag.starts_with("v-d")) {
          participle = p;
        }
      }
    }
    if (participle >= 0) {
      st->cur = participle;
      verb_words_.insert(participle);  // no longer part of the object's phrase
    }
  }
  st->lemma = lex_.VerbLemma(w_[st->cur].surface);
  st->rel_end = w_[st->cur].end;
  for (int k : Links(st->cur, "K", true)) {  // particles: "set up"
    st->lemma += " " + AsciiLower(w_[k].surface);
    st->rel_end = std::max(st->rel_end, w_[k].end);
  }
  st->relation = std::string(TrimView(text_.substr(st->rel_begin, st->rel_end - st->rel_begin)));
}

// The objects of the verb (shared by coordinated verbs), and the clauses it controls.
void SentenceAnalyser::ReadObjects(ClauseState* st, std::vector<Extraction>* out) {
  // Objects, then prepositional phrases on the verb and on its objects.
  for (int o : Links(st->object_host, "O", true)) {
    for (int c : Conjuncts(o)) st->objects.push_back(c);
  }
  // "buy and sell large amounts": a conjunct without an object shares its sibling's.
  if (st->objects.empty() && IsConj(st->finite) && !HasLabel(st->cur, "Pa", true)) {
    for (int sibling : Conjuncts(st->finite)) {
      if (sibling == st->verb) continue;
      for (int o : Links(sibling, "O", true)) {
        for (int c : Conjuncts(o)) st->objects.push_back(c);
      }
      if (!st->objects.empty()) break;
    }
  }
  // "Microsoft asked staff to move, offering transfers to Ireland": a participle adjunct
  // shares the clause's subject.
  if (control_depth_ < kMaxControlDepth) {
    for (const Word::Link& l : w_[st->cur].right) {
      if (!std::string_view(l.label).starts_with("MVg")) continue;
      ++control_depth_;
      Predicate(st->subjects, l.other, l.other, out);
      --control_depth_;
    }
  }
  // "prompted Microsoft to offer ...", "asked staff to consider ...": the object is the
  // subject of the infinitive, a clause of its own.
  {
    int to_word = -1, inf = -1;
    if (!st->objects.empty() && control_depth_ < kMaxControlDepth &&
        HasLabel(st->cur, "TO", true, &to_word) && HasBase(to_word, "I", true, &inf)) {
      ++control_depth_;
      Predicate(st->objects, inf, inf, out);
      --control_depth_;
    }
  }
  if (HasLabel(st->cur, "Pa", true, &st->adj)) st->copula_adjective = true;
}

// The prepositional phrases on the verb, on its objects and on their infinitives; examples
// ("like Ireland") as the values of the phrase they follow.
void SentenceAnalyser::ReadPhrases(ClauseState* st) {
  Collect(st, st->cur, "MV");
  if (IsConj(st->finite) && st->cur == st->verb)
    Collect(st, st->finite, "MV");  // "buy and sell ... with X"
  for (int o : st->objects) Collect(st, o, "M");
  // "the opportunity to transfer to Ireland": the infinitive's phrases qualify the statement.
  for (int o : st->objects) {
    int to_word = -1, inf = -1;
    if (HasLabel(o, "TO", true, &to_word) && HasBase(to_word, "I", true, &inf))
      Collect(st, inf, "MV");
  }
  for (Prep& p : st->preps) ExpandExamples(&p);
  std::sort(st->preps.begin(), st->preps.end(),
            [](const Prep& a, const Prep& b) { return a.word < b.word; });
  // "opened offices in countries, like Ireland and Japan" with "like" parsed on the verb:
  // the examples still name the values of the phrase before it.
  for (size_t i = 1; i < st->preps.size(); ++i) {
    std::string lw = AsciiLower(w_[st->preps[i].word].surface);
    if ((lw != "like" && lw != "including") || st->preps[i - 1].word > st->preps[i].word) continue;
    std::vector<int> members;
    std::set<int> seen;
    for (int o : st->preps[i].objects) ListMembers(o, &members, &seen);
    st->preps[i - 1].objects = std::move(members);
    st->preps.erase(st->preps.begin() + static_cast<long>(i));
    --i;
  }
}

// Opening phrases of the clause ("In October 2008, ..."), and a reported clause as the object of
// the surface tuple ("said that ...").
void SentenceAnalyser::ReadOpeners(ClauseState* st, std::vector<Extraction>* out) {
  // "In October 2008, Bond apologized": an opening prepositional phrase of the clause.
  if (!st->subjects.empty()) {
    for (int o : Links(st->subjects.front(), "CO", false)) {
      std::vector<int> objs;
      for (int j : Links(o, "J", true)) {
        for (int c : Conjuncts(j)) objs.push_back(c);
      }
      if (objs.empty()) continue;
      st->openers.push_back(w_[o].surface + " " + SurfaceAll(objs));
      st->opener_preps.push_back({o, objs, ""});
    }
  }
  // "said that it would open an office": the reported clause is the object.
  std::string reported;
  {
    int that = -1, clause_verb = -1;
    if (HasLabel(st->cur, "TH", true, &that) && HasLabel(that, "CV", true, &clause_verb)) {
      size_t end = ClauseEnd(clause_verb, that);
      if (end > w_[that].end) {
        reported = std::string(TrimView(text_.substr(w_[that].end, end - w_[that].end)));
      }
    } else if (HasLabel(st->cur, "CV", true, &clause_verb)) {
      int first = clause_verb;
      for (const Word::Link& l : w_[st->cur].right) {
        if (std::string_view(l.label).starts_with("Ce")) first = std::min(first, l.other);
      }
      auto [b, e] = Span(first, false);
      size_t end = ClauseEnd(clause_verb, st->cur);
      reported = std::string(TrimView(text_.substr(b, end - b)));
      that = -1;
    }
    if (!reported.empty() && st->objects.empty() && !st->copula_adjective) {
      Extraction x;
      x.use = Extraction::Use::kSurface;
      x.record.evidence.confidence = std::max(0.2f, 0.8f - 0.15f * static_cast<float>(nulls_));
      x.relation = st->relation + (that >= 0 ? " " + w_[that].surface : "");
      x.arguments = {SurfaceAll(st->subjects), reported};
      for (const std::string& o : st->openers) x.arguments.push_back(o);
      if (!x.arguments[0].empty()) out->push_back(std::move(x));
    }
  }
}

// The clause as written, for Open IE output.
void SentenceAnalyser::SurfaceTuples(ClauseState* st, std::vector<Extraction>* out) {
  st->confidence = std::max(0.2f, 0.9f - 0.15f * static_cast<float>(nulls_));
  // The clause as written, for Open IE output: surface subject first, coordinations whole.
  {
    Extraction x;
    x.use = Extraction::Use::kSurface;
    x.record.evidence.confidence = st->confidence;
    x.relation = st->relation;
    std::vector<std::string> args = {SurfaceAll(st->subjects)};
    std::vector<int> surface_objects = st->objects;
    if (surface_objects.empty() && st->copula_adjective) surface_objects = {st->adj};
    std::string relation_text = x.relation;
    std::vector<std::string> rest;
    // Phrases already inside an argument ("residence in Cambridge") are not repeated.
    std::vector<std::pair<size_t, size_t>> covered;
    for (int o : surface_objects) covered.push_back(PhraseSpan(o));
    auto inside = [&](int word) {
      return std::any_of(covered.begin(), covered.end(), [&](auto span) {
        return w_[word].begin >= span.first && w_[word].end <= span.second;
      });
    };
    for (const Prep& p : st->preps) {
      if (st->object_preps.count(p.word) || inside(p.word)) continue;
      for (int po : p.objects) covered.push_back(PhraseSpan(po));
      if (surface_objects.empty() && rest.empty() && args.size() == 1) {
        relation_text += " " + w_[p.word].surface;
        args.push_back(SurfaceAll(p.objects));
      } else {
        rest.push_back(w_[p.word].surface + " " + SurfaceAll(p.objects));
      }
    }
    // Coordinated objects give one tuple each, as the benchmark's annotators did.
    std::vector<std::string> object_texts;
    for (int o : surface_objects) {
      object_texts.push_back(st->copula_adjective && o == st->adj ? w_[st->adj].surface
                                                                  : SurfacePhrase(o));
    }
    if (object_texts.empty()) object_texts.push_back("");
    for (const std::string& ot : object_texts) {
      Extraction y = x;
      y.relation = relation_text;
      y.arguments = args;
      if (!ot.empty()) y.arguments.push_back(ot);
      y.arguments.insert(y.arguments.end(), rest.begin(), rest.end());
      y.arguments.insert(y.arguments.end(), st->openers.begin(), st->openers.end());
      if (y.arguments.size() >= 2 && !y.arguments[0].empty()) out->push_back(std::move(y));
    }
  }
}

// The graph statement's subject, object and qualifiers: the agent of a passive, a phrase as the
// object of an intransitive verb, destinations one phrase down, phrases with one role merged.
// False when the clause has no object.
bool SentenceAnalyser::GraphRoles(ClauseState* st) {
  // Passive with an agent: "was approved by regulators" -> (regulators, approve, deal).
  st->subj = st->subjects;
  st->obj = st->objects;
  if (st->passive) {
    auto by = std::find_if(st->preps.begin(), st->preps.end(),
                           [&](const Prep& p) { return AsciiLower(w_[p.word].surface) == "by"; });
    if (by != st->preps.end() && !st->objects.empty()) {
      // "Staff are being offered relocation by Microsoft": the passive of a verb with two
      // objects; its subject is the recipient -> (Microsoft, offer, relocation, to: staff).
      st->subj = by->objects;
      Prep recipient{by->word, st->subjects, "to"};
      st->preps.erase(by);
      st->preps.push_back(std::move(recipient));
    } else if (by != st->preps.end()) {
      st->obj = st->subjects;
      st->subj = by->objects;
      st->preps.erase(by);
    } else {
      st->lemma = "be " + AsciiLower(w_[st->cur].surface);
    }
  }
  st->predicate = st->lemma;
  st->object_prep = -1;
  if (st->obj.empty() && !st->preps.empty()) {
    // "invest in Malaysia": the first preposition's object becomes the object.
    st->object_prep = 0;
    st->predicate += " " + AsciiLower(w_[st->preps[0].word].surface);
    st->obj = st->preps[0].objects;
    // Its own phrases qualify the statement, as an object's do ("provided with the
    // opportunity to transfer to Ireland").
    size_t before = st->preps.size();
    for (int o : st->obj) Collect(st, o, "M");
    for (size_t i = before; i < st->preps.size(); ++i) ExpandExamples(&st->preps[i]);
  }
  // A noun reached through a phrase carries its own destination: "the opportunity for a
  // transfer to Ireland" -> to: Ireland (one level down, destinations only, examples
  // expanded).
  {
    size_t end = st->preps.size();
    for (size_t i = 0; i < end; ++i) {
      if (static_cast<int>(i) == st->object_prep) continue;
      std::vector<int> inner = st->preps[i].objects;
      for (int po : inner) {
        for (int q : Links(po, "M", true)) {
          std::string role = AsciiLower(w_[q].surface);
          if (role != "to" && role != "into" && role != "toward" && role != "towards") continue;
          bool found = false;
          if (st->prep_words.count(q)) {
            // Already collected (as an object's phrase): it still replaces the outer one.
            for (const Prep& p : st->preps) {
              if (p.word == q && !p.objects.empty()) found = true;
            }
          } else {
            size_t before = st->preps.size();
            Collect(st, po, "M");
            for (size_t k = before; k < st->preps.size(); ++k) {
              if (AsciiLower(w_[st->preps[k].word].surface) == role) {
                ExpandExamples(&st->preps[k]);
                found = found || !st->preps[k].objects.empty();
              } else {
                st->preps[k].objects.clear();  // only the destination was wanted
              }
            }
          }
          // "to a transfer to Ireland": the inner destination replaces the outer one.
          if (found && role == RoleOf(st->preps[i])) std::erase(st->preps[i].objects, po);
          break;
        }
      }
    }
    // Emptied phrases go; the object's phrase is found again by its word.
    const int object_word = st->object_prep >= 0 ? st->preps[st->object_prep].word : -1;
    std::erase_if(st->preps,
                  [&](const Prep& p) { return p.objects.empty() && p.word != object_word; });
    st->object_prep = IndexOf(st->preps, object_word);
  }
  if (st->obj.empty() && st->copula_adjective) {
    st->obj = {st->adj};
  }
  if (st->obj.empty()) return false;
  // Opening phrases qualify the statement: "In 2023, Microsoft opened ..." -> in: 2023.
  for (Prep& p : st->opener_preps) {
    if (!st->prep_words.count(p.word)) st->preps.push_back(std::move(p));
  }

  // Phrases with the same role are one list ("to the U.S., ... and to New Zealand", or one
  // list the parser split): one statement per value, not one per combination.
  {
    const int object_word = st->object_prep >= 0 ? st->preps[st->object_prep].word : -1;
    std::vector<Prep> merged;
    for (Prep& p : st->preps) {
      std::string role = RoleOf(p);
      auto same = std::find_if(merged.begin(), merged.end(), [&](const Prep& m) {
        return m.word != object_word && p.word != object_word && RoleOf(m) == role;
      });
      if (same == merged.end()) {
        merged.push_back(std::move(p));
        continue;
      }
      for (int o : p.objects) {
        if (std::find(same->objects.begin(), same->objects.end(), o) == same->objects.end())
          same->objects.push_back(o);
      }
    }
    st->preps = std::move(merged);
    st->object_prep = IndexOf(st->preps, object_word);
  }
  return true;
}

// One graph statement per subject, object and combination of phrase values.
void SentenceAnalyser::EmitGraph(ClauseState* st, std::vector<Extraction>* out) {
  if (st->passive && st->subj == st->subjects)
    st->confidence = std::max(0.2f, st->confidence * 0.8f);

  // One statement per subject, object and prepositional conjunct.
  size_t emitted = 0;
  for (int s : st->subj) {
    // The subject first, so that a pronoun resolves before this clause's own names count.
    const std::string subject_name = EntityName(s);
    if (IsProper(s) && !IsPronoun(w_[s].surface)) {
      ctx_->last_subject = subject_name;
      auto known = types_.find(subject_name);
      ctx_->last_subject_type = known != types_.end() ? known->second : TypeOf(subject_name, s);
    }
    for (int o : st->obj) {
      std::vector<std::vector<std::pair<std::string, std::string>>> options = {{}};
      std::vector<std::string> surface_args;
      for (size_t pi = 0; pi < st->preps.size(); ++pi) {
        if (static_cast<int>(pi) == st->object_prep) continue;
        const Prep& p = st->preps[pi];
        std::vector<std::vector<std::pair<std::string, std::string>>> next;
        for (const auto& opt : options) {
          for (int po : p.objects) {
            auto o2 = opt;
            o2.emplace_back(RoleOf(p), EntityName(po));
            next.push_back(std::move(o2));
            if (next.size() > kMaxQualifierSets) break;
          }
        }
        options = std::move(next);
        if (!st->object_preps.count(p.word) && p.role.empty()) {
          surface_args.push_back(AsciiLower(w_[p.word].surface) + " " +
                                 SurfacePhrase(p.objects[0]));
        }
      }
      for (const auto& quals : options) {
        if (++emitted > kMaxClauseStatements) return;
        Extraction x;
        x.use = Extraction::Use::kGraph;
        x.record.subject = subject_name;
        x.record.predicate = st->predicate;
        // An adjective is an attribute, not a node: "issue be available" stays in the
        // surface (Open IE) output only.
        if (st->copula_adjective && o == st->adj) continue;
        x.record.object = EntityName(o);
        if (x.record.subject.empty() || x.record.object.empty()) continue;
        // A predicate without a letter ("'s", a stray quote) is a misparse, not a relation.
        if (!HasLetter(st->predicate) || st->predicate == "'s") continue;
        for (const auto& [role, value] : quals) x.record.qualifiers.push_back({role, value});
        if (st->negated) x.record.qualifiers.push_back({"polarity", "negative"});
        if (!st->modality.empty()) x.record.qualifiers.push_back({"modality", st->modality});
        NormaliseQualifiers(x.record.qualifiers);
        x.record.evidence.confidence = st->confidence;
        x.relation =
            st->relation + (st->object_prep >= 0 ? " " + w_[st->preps[0].word].surface : "");
        x.arguments.push_back(SurfacePhrase(s));
        x.arguments.push_back(st->copula_adjective && o == st->adj ? w_[o].surface
                                                                   : SurfacePhrase(o));
        for (const std::string& a : surface_args) x.arguments.push_back(a);
        out->push_back(std::move(x));
      }
    }
  }
}

// "Tencent, a Chinese giant," -> (Tencent, be, Chinese giant).
void SentenceAnalyser::Appositions(std::vector<Extraction>* out) {
  for (size_t h = 0; h < w_.size(); ++h) {
    for (int a : Links(static_cast<int>(h), "MX", true)) {
      if (IsRelative(w_[a].surface) || IsConj(a) || IsConj(static_cast<int>(h))) continue;
      // "Ireland, Australia", "natural history, literary criticism": bare phrases side by side
      // are a list, not an apposition; an apposition names its head with a determiner or
      // possessive ("a Chinese giant", "Apple's chief") or gives a common-noun title to a name.
      bool determined = false;
      for (const Word::Link& l : w_[a].left) {
        std::string_view b = Base(l.label);
        if (b == "D" || b == "DD" || b == "DG" || b == "DP") determined = true;
      }
      bool title = IsProper(static_cast<int>(h)) && !IsProper(a);
      if (!determined && !title) continue;
      Extraction x;
      x.record.subject = EntityName(static_cast<int>(h));
      auto [b, e] = Span(a, /*core=*/false);
      std::string phrase(TrimView(text_.substr(b, e - b)));
      while (true) {
        size_t sp = phrase.find(' ');
        if (sp == std::string::npos || !IsDeterminer(phrase.substr(0, sp))) break;
        phrase = phrase.substr(sp + 1);
      }
      x.record.predicate = "be";
      x.record.object = phrase;
      if (x.record.subject.empty() || phrase.empty()) continue;
      x.record.evidence.confidence = 0.7f;
      x.relation = "be";  // implied, not written: the lemma, as Open IE systems write it
      x.arguments = {SurfacePhrase(static_cast<int>(h)), SurfacePhrase(a)};
      out->push_back(std::move(x));
    }
  }
}

// "Childers's biographer Andrew Boyle", "former U.S. Attorney Todd Graves": a title before a
// name says what the person is.
void SentenceAnalyser::Titles(std::vector<Extraction>* out) {
  for (size_t h = 0; h < w_.size(); ++h) {
    for (int t : Links(static_cast<int>(h), "GN", false)) {
      size_t nb = w_[h].begin;
      for (int g : Links(static_cast<int>(h), "G", false)) nb = std::min(nb, w_[g].begin);
      if (nb < w_[t].end) continue;
      auto [tb, te] = Span(t, /*core=*/false);
      Extraction x;
      x.use = Extraction::Use::kSurface;
      x.record.evidence.confidence = 0.6f;
      x.relation = "be";  // implied, not written: the lemma, as Open IE systems write it
      x.arguments = {std::string(TrimView(text_.substr(nb, w_[h].end - nb))),
                     std::string(TrimView(text_.substr(tb, te - tb)))};
      if (!x.arguments[0].empty() && !x.arguments[1].empty()) out->push_back(std::move(x));
    }
  }
}

// "a prominent OpenAI researcher" -> (researcher, of, OpenAI); "Microsoft's staff" likewise.
void SentenceAnalyser::Modifiers(std::vector<Extraction>* out) {
  for (size_t h = 0; h < w_.size(); ++h) {
    if (w_[h].wall || IsProper(static_cast<int>(h))) continue;
    if (!w_[h].tag.starts_with("n")) continue;
    for (const Word::Link& l : w_[h].left) {
      std::string_view b = Base(l.label);
      int m = l.other;
      if (b == "D" || b == "DD") {
        // A possessive: Microsoft -YS-> 's -D-> staff.
        for (int owner : Links(m, "YS", false)) {
          if (!IsProper(owner)) continue;
          Emit(static_cast<int>(h), owner, "of", out);
          Nominal(static_cast<int>(h), owner, out);
        }
        for (int owner : Links(m, "YP", false)) {
          if (IsProper(owner)) Emit(static_cast<int>(h), owner, "of", out);
        }
      } else if (b == "AN" && IsProper(m) && lex_.IsOrganisation(w_[m].surface)) {
        Emit(static_cast<int>(h), m, "of", out);
      }
    }
  }
}

// "Tencent's recruitment of a prominent OpenAI researcher": an action noun with a possessor
// and an of-phrase states the action -> (Tencent, recruit, OpenAI researcher).
void SentenceAnalyser::Nominal(int head, int owner, std::vector<Extraction>* out) {
  std::optional<std::string> verb = lex_.VerbOfNoun(lex_.NounLemma(w_[head].surface));
  if (!verb) return;
  for (int of : Links(head, "M", true)) {
    if (AsciiLower(w_[of].surface) != "of") continue;
    for (int j : Links(of, "J", true)) {
      for (int o : Conjuncts(j)) {
        Extraction x;
        x.use = Extraction::Use::kGraph;
        x.record.subject = EntityName(owner);
        x.record.predicate = *verb;
        x.record.object = EntityName(o);
        x.record.evidence.confidence = 0.7f;
        x.relation = std::string(w_[head].surface) + " of";
        x.arguments = {SurfacePhrase(owner), SurfacePhrase(o)};
        if (!x.record.subject.empty() && !x.record.object.empty()) out->push_back(std::move(x));
      }
    }
  }
}

void SentenceAnalyser::Emit(int head, int owner, const char* predicate,
                            std::vector<Extraction>* out) {
  Extraction x;
  x.record.subject = AsciiLower(lex_.NounLemma(w_[head].surface));
  x.record.predicate = predicate;
  x.record.object = EntityName(owner);
  x.record.evidence.confidence = 0.6f;
  // Open IE annotators write possession as "has": (Microsoft, has, staff).
  x.relation = "has";
  std::string owner_text = SurfacePhrase(owner);
  for (const char* mark : {" 's", "'s", " '", "\xE2\x80\x99s"}) {
    if (owner_text.ends_with(mark)) {
      owner_text.resize(owner_text.size() - std::strlen(mark));
      break;
    }
  }
  x.arguments = {owner_text, std::string(w_[head].surface)};
  out->push_back(std::move(x));
}

}  // namespace weft::extract
