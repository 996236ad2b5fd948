// SentenceAnalyser: noun phrases, their names and spans, and what pronouns stand for.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>

#include "graph/base/text.h"
#include "graph/extract/reading.h"
#include "graph/extract/words.h"

namespace weft::extract {

// Lowers the confidence of readings that show signs of a misparse, so that a threshold can
// separate them: a relation without a letter, an empty or punctuation-only argument, a
// relative pronoun left as the subject, very long arguments.
void SentenceAnalyser::Calibrate(Extraction* x) {
  float factor = 1;
  if (!HasLetter(x->relation)) factor *= 0.3f;
  for (size_t i = 0; i < x->arguments.size() && i < 2; ++i) {
    const std::string& a = x->arguments[i];
    if (!HasLetter(a)) factor *= 0.3f;
    size_t words = static_cast<size_t>(std::count(a.begin(), a.end(), ' ')) + 1;
    if (words > 25) factor *= 0.7f;
  }
  if (!x->arguments.empty() && IsRelative(x->arguments[0])) factor *= 0.5f;
  x->record.evidence.confidence *= factor;
}

std::vector<int> SentenceAnalyser::Links(int w, std::string_view base, bool rightward) const {
  std::vector<int> out;
  for (const Word::Link& l : rightward ? w_[w].right : w_[w].left) {
    if (Base(l.label) == base) out.push_back(l.other);
  }
  return out;
}

bool SentenceAnalyser::HasLabel(int w, std::string_view prefix, bool rightward, int* other) const {
  for (const Word::Link& l : rightward ? w_[w].right : w_[w].left) {
    if (std::string_view(l.label).starts_with(prefix)) {
      if (other) *other = l.other;
      return true;
    }
  }
  return false;
}

bool SentenceAnalyser::HasBase(int w, std::string_view base, bool rightward, int* other) const {
  for (const Word::Link& l : rightward ? w_[w].right : w_[w].left) {
    if (Base(l.label) == base) {
      if (other) *other = l.other;
      return true;
    }
  }
  return false;
}

// The conjuncts of a coordination ("Alibaba and Baidu"), or the word itself.
void SentenceAnalyser::Expand(int w, std::vector<int>* out, std::set<int>* seen) const {
  if (!seen->insert(w).second) return;
  if (!IsConj(w)) {
    out->push_back(w);
    return;
  }
  for (const auto* side : {&w_[w].left, &w_[w].right}) {
    for (const Word::Link& l : *side) {
      std::string_view b = Base(l.label);
      if (b == "SJ" || b == "VJ" || b == "MJ" || b == "AJ" || b == "RJ" || b == "J" || b == "O") {
        if (b == "J" || b == "O") {
          if (side == &w_[w].right) continue;  // a conjunction's own object link points down
        }
        if (b == "SJ" || b == "VJ" || b == "MJ" || b == "AJ" || b == "RJ")
          Expand(l.other, out, seen);
      }
    }
  }
}

std::vector<int> SentenceAnalyser::Conjuncts(int w) const {
  std::vector<int> out;
  std::set<int> seen;
  Expand(w, &out, &seen);
  std::sort(out.begin(), out.end());
  return out;
}

// The members of a list of examples: conjuncts, and the comma-joined names the parser links
// as appositions ("the U.S., Ireland, Australia, and New Zealand").
void SentenceAnalyser::ListMembers(int w, std::vector<int>* out, std::set<int>* seen) const {
  for (int c : Conjuncts(w)) {
    if (!seen->insert(c).second) continue;
    out->push_back(c);
    for (int m : Links(c, "MX", true)) {
      if (!IsRelative(w_[m].surface)) ListMembers(m, out, seen);
    }
  }
  if (IsConj(w)) {
    for (int m : Links(w, "MX", true)) ListMembers(m, out, seen);
  }
}

// The rest of a comma list of names the parser did not link as one ("like the U.S.,
// Ireland, Australia, and New Zealand" read with Ireland as an apposition elsewhere): from the
// last member, names separated only by commas and "and"/"or" belong to the list.
void SentenceAnalyser::ListTail(std::vector<int>* members, std::set<int>* seen) const {
  if (members->empty()) return;
  int last = *std::max_element(members->begin(), members->end());
  for (int w = last + 1; w < static_cast<int>(w_.size());) {
    const std::string& t = w_[w].surface;
    std::string l = AsciiLower(t);
    if (t == "," || l == "and" || l == "or") {
      ++w;
      continue;
    }
    if (w_[w].wall || !IsProper(w) || w_[w - 1].surface == "'s") break;
    // A name of several words ends at the last word its parts link to.
    int head = w;
    for (bool grew = true; grew;) {
      grew = false;
      for (const Word::Link& link : w_[head].right) {
        std::string_view b = Base(link.label);
        if ((b == "G" || b.starts_with("_")) && link.other == head + 1) {
          head = link.other;
          grew = true;
        }
      }
    }
    if (seen->insert(head).second) members->push_back(head);
    w = head + 1;
  }
}

// Words that modify noun head h from the left (adjectives, noun modifiers, name parts,
// determiners), recursively.
void SentenceAnalyser::Modifiers(int h, std::vector<int>* out, bool core) const {
  for (const Word::Link& l : w_[h].left) {
    std::string_view b = Base(l.label);
    bool take = b == "AN" || b == "G" || b.starts_with("_") || b == "NM" || b == "GN";
    if (!core)
      take = take || b == "A" || b == "D" || b == "DG" || b == "DD" || b == "YS" || b == "YP" ||
             b == "EA";
    if (core && b == "A" && IsProperSpan(h)) take = false;
    if (take && !w_[l.other].wall) {
      // "China-based", "state-owned": adjectives, not part of the name.
      const std::string& sw = w_[l.other].surface;
      size_t dash = sw.find('-');
      if (core && dash != std::string::npos && dash + 1 < sw.size() &&
          std::islower(static_cast<unsigned char>(sw[dash + 1]))) {
        continue;
      }
      out->push_back(l.other);
      Modifiers(l.other, out, core);
    }
  }
}

bool SentenceAnalyser::IsProper(int w) const {
  const Word& x = w_[w];
  if (x.surface.empty()) return false;
  if (!std::isupper(static_cast<unsigned char>(x.surface[0]))) return false;
  if (x.tag == "[!]" || x.tag == "l" || x.tag == "o" || x.tag == "m" || x.tag == "f" ||
      x.tag == "b" || x.tag == "s" || x.tag == "p" || x.tag == "[?]") {
    return true;
  }
  // A capital not at the start of the sentence.
  return x.begin > 0;
}

std::pair<size_t, size_t> SentenceAnalyser::Span(int h, bool core) const {
  std::vector<int> mods;
  Modifiers(h, &mods, core);
  size_t b = w_[h].begin, e = w_[h].end;
  for (int m : mods) {
    b = std::min(b, w_[m].begin);
    e = std::max(e, w_[m].end);
  }
  return {b, e};
}

// The words of a noun phrase with its modifiers and attachments ("research at a number of
// chemical and biotechnology companies"), for Open IE output: the words reachable from the
// head over phrase-internal links. Clause links (relatives, participles, subjects, objects of
// verbs) end it; coordination is followed only below the head, so that each conjunct of
// "Alibaba and Baidu" stays its own phrase.
std::pair<size_t, size_t> SentenceAnalyser::PhraseSpan(int h) const {
  static const std::set<std::string, std::less<>> kLeft = {
      "A",  "AN", "D",  "DD", "DG", "DT", "G",  "GN", "YS", "YP", "EA", "EN", "EC",
      "ND", "NN", "NA", "NS", "NI", "L",  "TA", "DP", "AJ", "SJ", "NJ", "EE", "NM"};
  static const std::set<std::string, std::less<>> kRight = {
      "M", "J", "TY", "TM", "TD", "ND", "NM", "NN", "YS", "YP", "AJ", "SJ", "NJ", "IN", "ON"};
  size_t b = w_[h].begin, e = w_[h].end;
  std::vector<std::pair<int, int>> stack = {{h, 0}};
  std::set<int> seen = {h};
  while (!stack.empty()) {
    auto [w, depth] = stack.back();
    stack.pop_back();
    b = std::min(b, w_[w].begin);
    e = std::max(e, w_[w].end);
    for (bool right : {false, true}) {
      for (const Word::Link& l : right ? w_[w].right : w_[w].left) {
        if (w_[l.other].wall || seen.count(l.other) || verb_words_.count(l.other)) continue;
        std::string_view label = l.label;
        std::string_view base = Base(label);
        if (label.starts_with("_")) base = "A";
        bool coordination = base == "AJ" || base == "SJ" || base == "NJ";
        if (coordination && depth == 0) continue;
        if (right ? !kRight.count(base) : !kLeft.count(base)) continue;
        if (base == "M" && (label.starts_with("Mg") || label.starts_with("Mv") ||
                            label.starts_with("Mr") || label.starts_with("Mj"))) {
          continue;
        }
        seen.insert(l.other);
        stack.push_back({l.other, depth + 1});
      }
    }
  }
  return {b, e};
}

std::string SentenceAnalyser::SurfacePhrase(int h) const {
  auto [b, e] = PhraseSpan(h);
  std::string_view t = TrimView(text_.substr(b, e - b));
  while (!t.empty() && (t.back() == ',' || t.back() == ';'))
    t = TrimView(t.substr(0, t.size() - 1));
  return std::string(t);
}

// The surface of a possibly coordinated phrase: "Dr. Jagan , Janet Jagan and leaders of ...".
std::string SentenceAnalyser::SurfaceAll(const std::vector<int>& heads) const {
  if (heads.empty()) return "";
  if (heads.size() == 1) return SurfacePhrase(heads[0]);
  size_t b = std::string::npos, e = 0;
  for (int h : heads) {
    auto [pb, pe] = PhraseSpan(h);
    b = std::min(b, pb);
    e = std::max(e, pe);
  }
  return std::string(TrimView(text_.substr(b, e - b)));
}

// The canonical name of the entity a noun phrase names.
std::string SentenceAnalyser::EntityName(int h) {
  const Word& x = w_[h];
  if (IsPronoun(x.surface)) return Resolve(x.surface, x.begin);
  // "hundreds of AI staff", "a number of companies": the quantity's of-phrase names it.
  static const std::set<std::string, std::less<>> kQuantities = {
      "hundreds", "thousands", "dozens", "millions", "tens",  "scores", "number",
      "handful",  "majority",  "lot",    "lots",     "group", "couple"};
  if (kQuantities.count(AsciiLower(x.surface))) {
    for (int of : Links(h, "M", true)) {
      if (AsciiLower(w_[of].surface) != "of") continue;
      for (int j : Links(of, "J", true)) return EntityName(j);
    }
  }
  if (const Annotation* a = AnnotationAt(h)) {
    std::string name = a->name;
    if (!IsValueType(a->type)) {
      if (auto c = lex_.Canonical(name)) name = *c;
    } else if (a->type == EntityType::kDate && !a->normalised.empty()) {
      // A date is the day, month or year it names: "December" of a 1986 article and of a
      // 1987 one are different nodes, "Dec 1" and "December 1, 1986" the same one. The
      // written form is its alias.
      if (a->normalised != name) values_[a->normalised] = name;
      name = a->normalised;
    } else if (!a->normalised.empty() && a->normalised != name) {
      values_[name] = a->normalised;
    }
    types_[name] = a->type;
    genders_[name] = a->gender;
    RememberTyped(name, a->type, a->gender);
    return name;
  }
  auto [b, e] = Span(h, /*core=*/true);
  std::string name(TrimView(text_.substr(b, e - b)));
  // Strip possessives and leading determiners that slipped into the core span.
  if (name.ends_with("'s") || name.ends_with("’s"))
    name = name.substr(0, name.size() - (name.ends_with("'s") ? 2 : 4));
  while (true) {
    size_t sp = name.find(' ');
    if (sp == std::string::npos || !IsDeterminer(name.substr(0, sp))) break;
    name = name.substr(sp + 1);
  }
  std::string lower_name = AsciiLower(name);
  // Definite descriptions: "the company" names the organisation the document last named,
  // "the country" the place.
  if (HasDefinite(h) || IsDemonstrative(h)) {
    if (IsOrganisationHead(lower_name)) {
      std::string org = OrganisationBefore(*ctx_, annotations_, w_[h].begin);
      if (!org.empty()) return org;
    }
    if (IsPlaceHead(lower_name) && !ctx_->last_place.empty()) return ctx_->last_place;
  }
  if (auto c = lex_.Canonical(name)) {
    Remember(*c, h);
    return *c;
  }
  if (!IsProper(h)) {
    // Common nouns: the head in its singular form, lower case, with its noun modifiers.
    std::string head = lex_.NounLemma(AsciiLower(x.surface));
    if (name.size() > x.surface.size()) {
      std::string prefix = name.substr(0, name.size() - x.surface.size());
      name = prefix + head;
    } else {
      name = head;
    }
    if (!name.empty() && std::isupper(static_cast<unsigned char>(name[0])) && x.begin == 0 &&
        name.find(' ') == std::string::npos) {
      name[0] = AsciiLower(name[0]);
    }
    // "its shares": a bare noun owned through a possessive pronoun is the owner's.
    if (name == head) {
      if (std::string owner = PossessiveOwner(h); !owner.empty()) name = owner + " " + head;
    }
    // "Sales rose 5%", "the shares fell": a company's relational noun with no owner of its
    // own belongs to the organisation the document is about (the one it names most so far).
    if (name == head && IsRelationalNoun(head) && OnlyDefiniteOrBare(h)) {
      if (std::string owner = ctx_->SalientOrganisation(); !owner.empty()) {
        name = owner + " " + head;
      }
    }
    if (name != head) {
      new_heads_[head] = name;
    } else if (HasDefinite(h)) {
      // "the staff" after "AI staff": a definite bare head names the entity it abbreviates.
      if (auto it = new_heads_.find(head); it != new_heads_.end()) {
        name = it->second;
      } else if (auto doc = heads_.find(head); doc != heads_.end()) {
        name = doc->second;
      }
    }
  }
  Remember(name, h);
  return name;
}

// The recogniser's mention or value that word h is part of.
const Annotation* SentenceAnalyser::AnnotationAt(int h) const {
  const Word& x = w_[h];
  if (x.end <= x.begin) return nullptr;
  for (const Annotation& a : annotations_) {
    if (x.begin < a.end && a.begin < x.end) return &a;
  }
  return nullptr;
}

// The named entity a possessive pronoun before h stands for ("its" -> "Purolator"), or "".
std::string SentenceAnalyser::PossessiveOwner(int h) const {
  for (int d : Links(h, "D", false)) {
    std::string p = AsciiLower(w_[d].surface);
    if (p != "its" && p != "their" && p != "his" && p != "her") continue;
    std::string owner = Resolve(p, w_[d].begin);
    if (owner != p && !owner.empty() && std::isupper(static_cast<unsigned char>(owner[0]))) {
      return owner;
    }
  }
  return "";
}

// No determiner, or "the": "sales", "the shares"; not "a sale", "some shares", "its".
bool SentenceAnalyser::OnlyDefiniteOrBare(int h) const {
  for (int d : Links(h, "D", false)) {
    if (AsciiLower(w_[d].surface) != "the") return false;
  }
  return true;
}

bool SentenceAnalyser::IsDemonstrative(int h) const {
  for (int d : Links(h, "D", false)) {
    std::string w = AsciiLower(w_[d].surface);
    if (w == "this" || w == "that") return true;
  }
  return false;
}

bool SentenceAnalyser::HasDefinite(int h) const {
  for (int d : Links(h, "D", false)) {
    if (AsciiLower(w_[d].surface) == "the") return true;
  }
  return false;
}

EntityType SentenceAnalyser::TypeOf(const std::string& name, int h) const {
  if (lex_.IsPlace(name)) return EntityType::kPlace;
  if (lex_.IsOrganisation(name)) return EntityType::kOrganisation;
  size_t sp = name.find(' ');
  if (IsProper(h) && sp != std::string::npos && lex_.IsGivenName(name.substr(0, sp))) {
    return EntityType::kPerson;
  }
  if (w_[h].tag == "l") return EntityType::kPlace;
  if (w_[h].tag == "m" || w_[h].tag == "f" || w_[h].tag == "b") return EntityType::kPerson;
  return EntityType::kOther;
}

void SentenceAnalyser::Remember(const std::string& name, int h) {
  if (!IsProper(h)) return;
  if (auto known = types_.find(name);
      known != types_.end() && known->second != EntityType::kOther) {
    auto g = genders_.find(name);
    RememberTyped(name, known->second, g == genders_.end() ? Gender::kUnknown : g->second);
    return;
  }
  EntityType t = TypeOf(name, h);
  types_[name] = t;
  if (t == EntityType::kOther) ctx_->last_thing = name;
  RememberTyped(name, t);
}

// A non-restrictive relative parsed as a clause of its own ("a boss, who is ..."): the
// antecedent is the noun right before the comma.
int SentenceAnalyser::NounBefore(int w) const {
  for (int k = w - 1; k > 0; --k) {
    const std::string& t = w_[k].tag;
    if (w_[k].surface == ",") continue;
    if (t.starts_with("n") || t == "[!]" || t == "l" || t == "o" || t == "m" || t == "f" ||
        t == "b" || t == "s" || t == "p" || t == "[?]") {
      return k;
    }
    break;
  }
  return w;
}

// The end of the words a clause head governs to its right: its links followed rightward
// (and leftward within the clause), walls and the final full stop excluded.
size_t SentenceAnalyser::ClauseEnd(int head, int clause_begin) const {
  std::vector<int> stack = {head};
  std::set<int> seen = {head};
  size_t end = w_[head].end;
  while (!stack.empty()) {
    int w = stack.back();
    stack.pop_back();
    end = std::max(end, w_[w].end);
    for (const auto* side : {&w_[w].left, &w_[w].right}) {
      for (const Word::Link& l : *side) {
        int o = l.other;
        if (o <= clause_begin || w_[o].wall || seen.count(o)) continue;
        std::string_view b = Base(l.label);
        if (b == "Xp" || b == "RW" || b == "Xx" || b == "WV" || b == "Wd") continue;
        seen.insert(o);
        stack.push_back(o);
      }
    }
  }
  return end;
}

// ---- what the document knows --------------------------------------------------------------

void Context::RememberTyped(const std::string& name, EntityType t, Gender gender) {
  if (IsValueType(t)) return;
  if (t == EntityType::kOrganisation) last_organisation = name;
  if (t == EntityType::kPerson) {
    if (gender != Gender::kMale) last_she = name;
    if (gender != Gender::kFemale) last_he = name;
  }
  if (t == EntityType::kPlace) last_place = name;
  if (t == EntityType::kMisc) last_thing = name;
  last_any = name;
}

const Annotation* LatestBefore(const Annotations& annotations, EntityType type, size_t at) {
  const Annotation* latest = nullptr;
  for (const Annotation& a : annotations) {
    if (a.type == type && a.end <= at && !a.audience &&
        (latest == nullptr || a.begin > latest->begin)) {
      latest = &a;
    }
  }
  return latest;
}

std::string OrganisationBefore(const Context& ctx, const Annotations& annotations, size_t at) {
  const Annotation* latest = LatestBefore(annotations, EntityType::kOrganisation, at);
  return latest != nullptr ? latest->name : ctx.organisation_before;
}

std::string Context::Resolve(std::string_view pronoun, size_t at, bool any_thing) const {
  if (auto it = people_pronouns.find(at); it != people_pronouns.end()) {
    return it->second.empty() ? std::string(pronoun) : it->second;
  }
  std::string p = AsciiLower(pronoun);
  // A person of a compatible gender: "she" never names a man the text marked as one.
  if (p == "she" || p == "her" || p == "hers") {
    return !last_she.empty() ? last_she : std::string(pronoun);
  }
  if (p == "he" || p == "him" || p == "his") {
    return !last_he.empty() ? last_he : std::string(pronoun);
  }
  if (p == "it" || p == "its" || p == "they" || p == "them" || p == "their") {
    // The last clause's named subject when it can be an "it" (parallelism: "Fabrikam acquired
    // Litware. It opened ..."); then companies; then any other named thing.
    if (!last_subject.empty() && last_subject_type != EntityType::kPerson &&
        last_subject_type != EntityType::kPlace && !IsValueType(last_subject_type)) {
      return last_subject;
    }
    if (!last_organisation.empty()) return last_organisation;
    if (!any_thing) return std::string(pronoun);
    if (!last_subject.empty()) return last_subject;
    if (!last_thing.empty()) return last_thing;
    if (!last_any.empty()) return last_any;
  }
  return std::string(pronoun);
}
}  // namespace weft::extract
