// SentenceAnalyser: clauses and their statements; appositions, titles, modifiers, possessives.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>

#include "graph/extract/reading.h"
#include "graph/extract/words.h"
#include "graph/text.h"

namespace weft::extract {

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
  // The same statement read twice (two paths to one list member) is one statement.
  std::set<std::string> seen;
  std::erase_if(out, [&](const Extraction& x) {
    std::string key = std::to_string(static_cast<int>(x.use)) + '\x1f' + x.record.subject + '\x1f' +
                      x.record.predicate + '\x1f' + x.record.object + '\x1f' + x.relation;
    for (const Qualifier& q : x.record.qualifiers) key += '\x1f' + q.role + '=' + q.value;
    for (const std::string& a : x.arguments) key += '\x1e' + a;
    return !seen.insert(key).second;
  });
  return out;
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
  auto& verb = st->verb;
  auto& finite = st->finite;
  auto& cur = st->cur;
  auto& negated = st->negated;
  auto& passive = st->passive;
  auto& modality = st->modality;
  auto& rel_begin = st->rel_begin;
  auto& rel_end = st->rel_end;
  auto& object_host = st->object_host;
  auto& lemma = st->lemma;
  auto& relation = st->relation;
  cur = verb;
  negated = false;
  passive = participle_passive;
  rel_begin = IsConj(finite) ? w_[verb].begin : w_[std::min(verb, finite)].begin;
  for (int guard = 0; guard < 8; ++guard) {
    if (IsModal(w_[cur].surface)) modality = AsciiLower(w_[cur].surface);
    if (!Links(cur, "N", true).empty()) negated = true;
    int next = -1;
    // "plans to buy", "was designed to appear": to + infinitive continues the chain.
    int to_word = -1;
    if (Links(cur, "O", true).empty() && HasLabel(cur, "TO", true, &to_word) &&
        HasBase(to_word, "I", true, &next)) {
      // "was designed to reduce X": the passive was the first verb's; the infinitive is
      // active, with the same subject.
      passive = false;
      cur = next;
      continue;
    }
    // "I", not "IV" (which joins a control verb to its object's infinitive).
    if (HasLabel(cur, "PP", true, &next) || HasBase(cur, "I", true, &next) ||
        HasLabel(cur, "Pv", true, &next) || HasLabel(cur, "Pg", true, &next)) {
      // Only "be" and "get" make a passive; "have designed" is a perfect.
      if (HasLabel(cur, "Pv", true)) {
        std::string aux = lex_.VerbLemma(w_[cur].surface);
        if (aux == "be" || aux == "get") passive = true;
      }
      // "did not comment": N then E on the verb.
      cur = next;
      continue;
    }
    break;
  }
  if (!Links(cur, "E", false).empty()) {
    for (int e : Links(cur, "E", false)) {
      if (AsciiLower(w_[e].surface) == "not" || AsciiLower(w_[e].surface) == "never")
        negated = true;
    }
  }
  // "have significantly increased investment" read as "have [increased investment]": the
  // participle between "have" and its object is the verb of a perfect.
  object_host = cur;  // the word whose O links are the objects
  if (lex_.VerbLemma(w_[cur].surface) == "have") {
    int participle = -1;
    for (int o : Links(cur, "O", true)) {
      for (const Word::Link& l : w_[o].left) {
        int p = l.other;
        if (Base(l.label) == "A" && p > cur && p < o && w_[p].tag.starts_with("v-d")) {
          participle = p;
        }
      }
    }
    if (participle >= 0) {
      cur = participle;
      verb_words_.insert(participle);  // no longer part of the object's phrase
    }
  }
  lemma = lex_.VerbLemma(w_[cur].surface);
  rel_end = w_[cur].end;
  for (int k : Links(cur, "K", true)) {  // particles: "set up"
    lemma += " " + AsciiLower(w_[k].surface);
    rel_end = std::max(rel_end, w_[k].end);
  }
  relation = std::string(TrimView(text_.substr(rel_begin, rel_end - rel_begin)));
}

// The objects of the verb (shared by coordinated verbs), and the clauses it controls.
void SentenceAnalyser::ReadObjects(ClauseState* st, std::vector<Extraction>* out) {
  auto& subjects = st->subjects;
  auto& verb = st->verb;
  auto& finite = st->finite;
  auto& cur = st->cur;
  auto& object_host = st->object_host;
  auto& objects = st->objects;
  auto& copula_adjective = st->copula_adjective;
  auto& adj = st->adj;
  // Objects, then prepositional phrases on the verb and on its objects.
  for (int o : Links(object_host, "O", true)) {
    for (int c : Conjuncts(o)) objects.push_back(c);
  }
  // "buy and sell large amounts": a conjunct without an object shares its sibling's.
  if (objects.empty() && IsConj(finite) && !HasLabel(cur, "Pa", true)) {
    for (int sibling : Conjuncts(finite)) {
      if (sibling == verb) continue;
      for (int o : Links(sibling, "O", true)) {
        for (int c : Conjuncts(o)) objects.push_back(c);
      }
      if (!objects.empty()) break;
    }
  }
  // "Microsoft asked staff to move, offering transfers to Ireland": a participle adjunct
  // shares the clause's subject.
  if (control_depth_ < 3) {
    for (const Word::Link& l : w_[cur].right) {
      if (!std::string_view(l.label).starts_with("MVg")) continue;
      ++control_depth_;
      Predicate(subjects, l.other, l.other, out);
      --control_depth_;
    }
  }
  // "prompted Microsoft to offer ...", "asked staff to consider ...": the object is the
  // subject of the infinitive, a clause of its own.
  {
    int to_word = -1, inf = -1;
    if (!objects.empty() && control_depth_ < 3 && HasLabel(cur, "TO", true, &to_word) &&
        HasBase(to_word, "I", true, &inf)) {
      ++control_depth_;
      Predicate(objects, inf, inf, out);
      --control_depth_;
    }
  }
  if (HasLabel(cur, "Pa", true, &adj)) copula_adjective = true;
}

// The prepositional phrases on the verb, on its objects and on their infinitives; examples
// ("like Ireland") as the values of the phrase they follow.
void SentenceAnalyser::ReadPhrases(ClauseState* st) {
  auto& verb = st->verb;
  auto& finite = st->finite;
  auto& cur = st->cur;
  auto& objects = st->objects;
  auto& preps = st->preps;
  Collect(st, cur, "MV");
  if (IsConj(finite) && cur == verb) Collect(st, finite, "MV");  // "buy and sell ... with X"
  for (int o : objects) Collect(st, o, "M");
  // "the opportunity to transfer to Ireland": the infinitive's phrases qualify the statement.
  for (int o : objects) {
    int to_word = -1, inf = -1;
    if (HasLabel(o, "TO", true, &to_word) && HasBase(to_word, "I", true, &inf))
      Collect(st, inf, "MV");
  }
  for (Prep& p : preps) ExpandExamples(&p);
  std::sort(preps.begin(), preps.end(),
            [](const Prep& a, const Prep& b) { return a.word < b.word; });
  // "opened offices in countries, like Ireland and Japan" with "like" parsed on the verb:
  // the examples still name the values of the phrase before it.
  for (size_t i = 1; i < preps.size(); ++i) {
    std::string lw = AsciiLower(w_[preps[i].word].surface);
    if ((lw != "like" && lw != "including") || preps[i - 1].word > preps[i].word) continue;
    std::vector<int> members;
    std::set<int> seen;
    for (int o : preps[i].objects) ListMembers(o, &members, &seen);
    preps[i - 1].objects = std::move(members);
    preps.erase(preps.begin() + static_cast<long>(i));
    --i;
  }
}

// Opening phrases of the clause ("In October 2008, ..."), and a reported clause as the object of
// the surface tuple ("said that ...").
void SentenceAnalyser::ReadOpeners(ClauseState* st, std::vector<Extraction>* out) {
  auto& subjects = st->subjects;
  auto& cur = st->cur;
  auto& relation = st->relation;
  auto& objects = st->objects;
  auto& copula_adjective = st->copula_adjective;
  auto& openers = st->openers;
  auto& opener_preps = st->opener_preps;
  // "In October 2008, Bond apologized": an opening prepositional phrase of the clause.
  if (!subjects.empty()) {
    for (int o : Links(subjects.front(), "CO", false)) {
      std::vector<int> objs;
      for (int j : Links(o, "J", true)) {
        for (int c : Conjuncts(j)) objs.push_back(c);
      }
      if (objs.empty()) continue;
      openers.push_back(w_[o].surface + " " + SurfaceAll(objs));
      opener_preps.push_back({o, objs, ""});
    }
  }
  // "said that it would open an office": the reported clause is the object.
  std::string reported;
  {
    int that = -1, clause_verb = -1;
    if (HasLabel(cur, "TH", true, &that) && HasLabel(that, "CV", true, &clause_verb)) {
      size_t end = ClauseEnd(clause_verb, that);
      if (end > w_[that].end) {
        reported = std::string(TrimView(text_.substr(w_[that].end, end - w_[that].end)));
      }
    } else if (HasLabel(cur, "CV", true, &clause_verb)) {
      int first = clause_verb;
      for (const Word::Link& l : w_[cur].right) {
        if (std::string_view(l.label).starts_with("Ce")) first = std::min(first, l.other);
      }
      auto [b, e] = Span(first, false);
      size_t end = ClauseEnd(clause_verb, cur);
      reported = std::string(TrimView(text_.substr(b, end - b)));
      that = -1;
    }
    if (!reported.empty() && objects.empty() && !copula_adjective) {
      Extraction x;
      x.use = Extraction::Use::kSurface;
      x.record.evidence.confidence = std::max(0.2f, 0.8f - 0.15f * static_cast<float>(nulls_));
      x.relation = relation + (that >= 0 ? " " + w_[that].surface : "");
      x.arguments = {SurfaceAll(subjects), reported};
      for (const std::string& o : openers) x.arguments.push_back(o);
      if (!x.arguments[0].empty()) out->push_back(std::move(x));
    }
  }
}

// The clause as written, for Open IE output.
void SentenceAnalyser::SurfaceTuples(ClauseState* st, std::vector<Extraction>* out) {
  auto& subjects = st->subjects;
  auto& relation = st->relation;
  auto& objects = st->objects;
  auto& copula_adjective = st->copula_adjective;
  auto& adj = st->adj;
  auto& preps = st->preps;
  auto& object_preps = st->object_preps;
  auto& openers = st->openers;
  auto& confidence = st->confidence;
  confidence = std::max(0.2f, 0.9f - 0.15f * static_cast<float>(nulls_));
  // The clause as written, for Open IE output: surface subject first, coordinations whole.
  {
    Extraction x;
    x.use = Extraction::Use::kSurface;
    x.record.evidence.confidence = confidence;
    x.relation = relation;
    std::vector<std::string> args = {SurfaceAll(subjects)};
    std::vector<int> surface_objects = objects;
    if (surface_objects.empty() && copula_adjective) surface_objects = {adj};
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
    for (const Prep& p : preps) {
      if (object_preps.count(p.word) || inside(p.word)) continue;
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
      object_texts.push_back(copula_adjective && o == adj ? w_[adj].surface : SurfacePhrase(o));
    }
    if (object_texts.empty()) object_texts.push_back("");
    for (const std::string& ot : object_texts) {
      Extraction y = x;
      y.relation = relation_text;
      y.arguments = args;
      if (!ot.empty()) y.arguments.push_back(ot);
      y.arguments.insert(y.arguments.end(), rest.begin(), rest.end());
      y.arguments.insert(y.arguments.end(), openers.begin(), openers.end());
      if (y.arguments.size() >= 2 && !y.arguments[0].empty()) out->push_back(std::move(y));
    }
  }
}

// The graph statement's subject, object and qualifiers: the agent of a passive, a phrase as the
// object of an intransitive verb, destinations one phrase down, phrases with one role merged.
// False when the clause has no object.
bool SentenceAnalyser::GraphRoles(ClauseState* st) {
  auto& subjects = st->subjects;
  auto& cur = st->cur;
  auto& passive = st->passive;
  auto& lemma = st->lemma;
  auto& objects = st->objects;
  auto& copula_adjective = st->copula_adjective;
  auto& adj = st->adj;
  auto& preps = st->preps;
  auto& prep_words = st->prep_words;
  auto& opener_preps = st->opener_preps;
  auto& subj = st->subj;
  auto& obj = st->obj;
  auto& predicate = st->predicate;
  auto& object_prep = st->object_prep;
  // Passive with an agent: "was approved by regulators" -> (regulators, approve, deal).
  subj = subjects;
  obj = objects;
  if (passive) {
    auto by = std::find_if(preps.begin(), preps.end(),
                           [&](const Prep& p) { return AsciiLower(w_[p.word].surface) == "by"; });
    if (by != preps.end() && !objects.empty()) {
      // "Staff are being offered relocation by Microsoft": the passive of a verb with two
      // objects; its subject is the recipient -> (Microsoft, offer, relocation, to: staff).
      subj = by->objects;
      Prep recipient{by->word, subjects, "to"};
      preps.erase(by);
      preps.push_back(std::move(recipient));
    } else if (by != preps.end()) {
      obj = subjects;
      subj = by->objects;
      preps.erase(by);
    } else {
      lemma = "be " + AsciiLower(w_[cur].surface);
    }
  }
  predicate = lemma;
  object_prep = -1;
  if (obj.empty() && !preps.empty()) {
    // "invest in Malaysia": the first preposition's object becomes the object.
    object_prep = 0;
    predicate += " " + AsciiLower(w_[preps[0].word].surface);
    obj = preps[0].objects;
    // Its own phrases qualify the statement, as an object's do ("provided with the
    // opportunity to transfer to Ireland").
    size_t before = preps.size();
    for (int o : obj) Collect(st, o, "M");
    for (size_t i = before; i < preps.size(); ++i) ExpandExamples(&preps[i]);
  }
  // A noun reached through a phrase carries its own destination: "the opportunity for a
  // transfer to Ireland" -> to: Ireland (one level down, destinations only, examples
  // expanded).
  {
    size_t end = preps.size();
    for (size_t i = 0; i < end; ++i) {
      if (static_cast<int>(i) == object_prep) continue;
      std::vector<int> inner = preps[i].objects;
      for (int po : inner) {
        for (int q : Links(po, "M", true)) {
          std::string role = AsciiLower(w_[q].surface);
          if (role != "to" && role != "into" && role != "toward" && role != "towards") continue;
          bool found = false;
          if (prep_words.count(q)) {
            // Already collected (as an object's phrase): it still replaces the outer one.
            for (const Prep& p : preps) {
              if (p.word == q && !p.objects.empty()) found = true;
            }
          } else {
            size_t before = preps.size();
            Collect(st, po, "M");
            for (size_t k = before; k < preps.size(); ++k) {
              if (AsciiLower(w_[preps[k].word].surface) == role) {
                ExpandExamples(&preps[k]);
                found = found || !preps[k].objects.empty();
              } else {
                preps[k].objects.clear();  // only the destination was wanted
              }
            }
          }
          // "to a transfer to Ireland": the inner destination replaces the outer one.
          if (found && role == RoleOf(preps[i])) std::erase(preps[i].objects, po);
          break;
        }
      }
    }
    // Emptied phrases go; the object's phrase is found again by its word.
    const int object_word = object_prep >= 0 ? preps[object_prep].word : -1;
    std::erase_if(preps, [&](const Prep& p) { return p.objects.empty() && p.word != object_word; });
    object_prep = IndexOf(preps, object_word);
  }
  if (obj.empty() && copula_adjective) {
    obj = {adj};
  }
  if (obj.empty()) return false;
  // Opening phrases qualify the statement: "In 2023, Microsoft opened ..." -> in: 2023.
  for (Prep& p : opener_preps) {
    if (!prep_words.count(p.word)) preps.push_back(std::move(p));
  }

  // Phrases with the same role are one list ("to the U.S., ... and to New Zealand", or one
  // list the parser split): one statement per value, not one per combination.
  {
    const int object_word = object_prep >= 0 ? preps[object_prep].word : -1;
    std::vector<Prep> merged;
    for (Prep& p : preps) {
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
    preps = std::move(merged);
    object_prep = IndexOf(preps, object_word);
  }
  return true;
}

// One graph statement per subject, object and combination of phrase values.
void SentenceAnalyser::EmitGraph(ClauseState* st, std::vector<Extraction>* out) {
  auto& subjects = st->subjects;
  auto& negated = st->negated;
  auto& passive = st->passive;
  auto& modality = st->modality;
  auto& relation = st->relation;
  auto& copula_adjective = st->copula_adjective;
  auto& adj = st->adj;
  auto& preps = st->preps;
  auto& object_preps = st->object_preps;
  auto& confidence = st->confidence;
  auto& subj = st->subj;
  auto& obj = st->obj;
  auto& predicate = st->predicate;
  auto& object_prep = st->object_prep;
  if (passive && subj == subjects) confidence = std::max(0.2f, confidence * 0.8f);

  // One statement per subject, object and prepositional conjunct.
  size_t emitted = 0;
  for (int s : subj) {
    // The subject first, so that a pronoun resolves before this clause's own names count.
    const std::string subject_name = EntityName(s);
    if (IsProper(s) && !IsPronoun(w_[s].surface)) {
      ctx_->last_subject = subject_name;
      auto known = types_.find(subject_name);
      ctx_->last_subject_type = known != types_.end() ? known->second : TypeOf(subject_name, s);
    }
    for (int o : obj) {
      std::vector<std::vector<std::pair<std::string, std::string>>> options = {{}};
      std::vector<std::string> surface_args;
      for (size_t pi = 0; pi < preps.size(); ++pi) {
        if (static_cast<int>(pi) == object_prep) continue;
        const Prep& p = preps[pi];
        std::vector<std::vector<std::pair<std::string, std::string>>> next;
        for (const auto& opt : options) {
          for (int po : p.objects) {
            auto o2 = opt;
            o2.emplace_back(RoleOf(p), EntityName(po));
            next.push_back(std::move(o2));
            if (next.size() > 16) break;
          }
        }
        options = std::move(next);
        if (!object_preps.count(p.word) && p.role.empty()) {
          surface_args.push_back(AsciiLower(w_[p.word].surface) + " " +
                                 SurfacePhrase(p.objects[0]));
        }
      }
      for (const auto& quals : options) {
        if (++emitted > 32) return;
        Extraction x;
        x.use = Extraction::Use::kGraph;
        x.record.subject = subject_name;
        x.record.predicate = predicate;
        // An adjective is an attribute, not a node: "issue be available" stays in the
        // surface (Open IE) output only.
        if (copula_adjective && o == adj) continue;
        x.record.object = EntityName(o);
        if (x.record.subject.empty() || x.record.object.empty()) continue;
        // A predicate without a letter ("'s", a stray quote) is a misparse, not a relation.
        if (!HasLetter(predicate) || predicate == "'s") continue;
        for (const auto& [role, value] : quals) x.record.qualifiers.push_back({role, value});
        if (negated) x.record.qualifiers.push_back({"polarity", "negative"});
        if (!modality.empty()) x.record.qualifiers.push_back({"modality", modality});
        NormaliseQualifiers(x.record.qualifiers);
        x.record.evidence.confidence = confidence;
        x.relation = relation + (object_prep >= 0 ? " " + w_[preps[0].word].surface : "");
        x.arguments.push_back(SurfacePhrase(s));
        x.arguments.push_back(copula_adjective && o == adj ? w_[o].surface : SurfacePhrase(o));
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
