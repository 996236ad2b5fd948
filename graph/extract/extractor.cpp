#include "graph/extract/extractor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

#include "graph/entities/recogniser.h"
#include "graph/entities/resolution.h"
#include "graph/entities/values.h"
#include "graph/error.h"
#include "graph/extract/coreference.h"
#include "graph/extract/extractor_impl.h"
#include "graph/extract/linkage.h"
#include "graph/text.h"

namespace weft::extract {

namespace {

bool IsModal(std::string_view w) {
  static const std::set<std::string, std::less<>> kModals = {
      "may", "might", "could", "would", "should", "can", "will", "must", "shall"};
  return kModals.count(AsciiLower(w)) > 0;
}

bool IsPronoun(std::string_view w) {
  static const std::set<std::string, std::less<>> kPronouns = {
      "he", "she", "it", "they", "him", "her", "them", "its", "their", "his"};
  return kPronouns.count(AsciiLower(w)) > 0;
}

// Head nouns that, after "the", name an organisation or a place mentioned before.
bool IsOrganisationHead(std::string_view w) {
  static const std::set<std::string, std::less<>> kHeads = {
      "company", "firm",       "group",   "bank",        "carrier",      "maker",    "concern",
      "unit",    "subsidiary", "airline", "insurer",     "retailer",     "producer", "manufacturer",
      "lender",  "brokerage",  "utility", "corporation", "conglomerate", "automaker"};
  return kHeads.count(w) > 0;
}

// Nouns that name a part, a figure or an act of a company: without an owner of their own they
// are the company's the document is about.
bool IsRelationalNoun(std::string_view w) {
  static const std::set<std::string, std::less<>> kNouns = {
      "share",     "sale",      "price",     "profit",      "loss",     "revenue",
      "earnings",  "stock",     "dividend",  "result",      "offering", "acquisition",
      "agreement", "operation", "statement", "shareholder", "stake",    "debt",
      "asset",     "income",    "output",    "spokesman",   "chairman", "president",
      "executive", "board",     "unit",      "subsidiary",  "plant",    "bid",
      "offer",     "merger",    "proposal",  "approval",    "growth"};
  return kNouns.count(w) > 0;
}

bool IsPlaceHead(std::string_view w) {
  static const std::set<std::string, std::less<>> kHeads = {"country", "nation", "city",
                                                            "state",   "region", "province"};
  return kHeads.count(w) > 0;
}

struct NumberNode {
  EntityType type;
  std::string normalised;
};

// A name made of a number: a year ("1985", "1985/86") is a date; a count, price or fraction
// ("437", "15-1/2", "5/8") a quantity, normalised as a decimal. nullopt when it is no number.
std::optional<NumberNode> ReadNumberNode(std::string_view t) {
  if (t.empty() || !std::all_of(t.begin(), t.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '.' ||
               c == ',';
      })) {
    return std::nullopt;
  }
  if (!std::isdigit(static_cast<unsigned char>(t.front())) ||
      !std::isdigit(static_cast<unsigned char>(t.back()))) {
    return std::nullopt;
  }
  auto year = [](std::string_view y) {
    return y.size() == 4 &&
           std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           y >= "1800" && y <= "2200";
  };
  if (year(t)) return NumberNode{EntityType::kDate, std::string(t)};
  if (t.size() == 7 && t[4] == '/' && year(t.substr(0, 4))) {
    return NumberNode{EntityType::kDate, std::string(t.substr(0, 4))};  // a season, "1985/86"
  }
  // "15-1/2": whole and fraction; "5/8": a fraction; else a plain number.
  double value = 0;
  std::string_view rest = t;
  if (size_t slash = t.find('/'); slash != std::string_view::npos) {
    size_t dash = t.rfind('-', slash);
    std::string whole = dash == std::string_view::npos ? "0" : std::string(t.substr(0, dash));
    std::string num(t.substr(dash == std::string_view::npos ? 0 : dash + 1,
                             slash - (dash == std::string_view::npos ? 0 : dash + 1)));
    std::string den(t.substr(slash + 1));
    char* e1 = nullptr;
    char* e2 = nullptr;
    char* e3 = nullptr;
    double w = std::strtod(whole.c_str(), &e1), n = std::strtod(num.c_str(), &e2),
           d = std::strtod(den.c_str(), &e3);
    if (*e1 != '\0' || *e2 != '\0' || *e3 != '\0' || d == 0) {
      return NumberNode{EntityType::kQuantity, std::string(t)};
    }
    value = w + n / d;
    rest = {};
  }
  if (!rest.empty()) {
    std::string plain;
    for (char c : rest) {
      if (c != ',') plain.push_back(c);
    }
    char* end = nullptr;
    value = std::strtod(plain.c_str(), &end);
    if (*end != '\0') return NumberNode{EntityType::kQuantity, std::string(t)};
  }
  std::string out = fmt::format("{:.6f}", value);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return NumberNode{EntityType::kQuantity, out};
}

bool IsVagueNode(std::string_view name) {
  static const std::set<std::string, std::less<>> kVague = {
      "year",    "week",  "month",     "quarter",  "day",   "time", "period",  "said",
      "says",    "say",   "one",       "more",     "some",  "many", "most",    "other",
      "others",  "all",   "each",      "both",     "none",  "any",  "much",    "few",
      "several", "today", "yesterday", "tomorrow", "being", "for",  "reporter"};
  return kVague.count(name) > 0;
}

// A kind without an owner or a modifier: one lower-case word ("company", "agreement"). It says
// which kind of thing, not which thing.
bool IsBareKind(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

// Whether a statement belongs in the graph. Three kinds do not:
// - a relation that is a unit ("ct", "dlr", "mln": "20 cts a share" read as a verb): a misparse;
// - a relation between two bare kinds with nothing more ("bank be institution", "country
//   produce oil"): it names no entity of the document, and every document's "company" would
//   become one hub (with a qualifier it stays: "engineer be given opportunity, to: Ireland");
// - a saying's manner ("say in statement", "tell in interview"): the saying is the statement.
bool IsGraphStatement(const StatementRecord& r) {
  std::string_view p = r.predicate;
  std::string_view first = p.substr(0, p.find(' '));
  if (entities::IsUnitWord(first)) return false;
  if (IsBareKind(r.subject) && IsBareKind(r.object) && r.qualifiers.empty()) return false;
  if ((first == "say" || first == "tell") && p.size() > first.size() && IsBareKind(r.object)) {
    return false;
  }
  return true;
}

bool IsRelative(std::string_view w) {
  std::string l = AsciiLower(w);
  return l == "which" || l == "that" || l == "who" || l == "whom";
}

// A relation or argument without a letter ("'s", ",", a stray quote) is a misparse.
bool HasLetter(std::string_view t) {
  return std::any_of(t.begin(), t.end(), [](unsigned char c) { return std::isalpha(c); });
}

bool IsDeterminer(std::string_view w) {
  static const std::set<std::string, std::less<>> kDet = {
      "the",   "a",    "an",  "its", "their", "his",   "her",     "our",  "this", "that", "these",
      "those", "some", "any", "all", "each",  "every", "another", "such", "both", "my",   "your"};
  return kDet.count(AsciiLower(w)) > 0;
}

// The last word of a noun phrase: "relocation opportunity" -> "opportunity".
std::string_view HeadWord(std::string_view phrase) {
  size_t sp = phrase.rfind(' ');
  return sp == std::string_view::npos ? phrase : phrase.substr(sp + 1);
}

// An event told twice takes its agent once. "Microsoft offers relocation opportunities to its AI
// staff" then "the staff were provided with the opportunity to transfer to the U.S., Ireland
// ...": the agentless passive (AI staff, be provided with, relocation opportunity, to: Ireland)
// matches the earlier statement whose named subject gave the same thing (same head noun) to the
// same participants, so the named agent does it too: with an action noun in the thing, as that
// action on the participants, (Microsoft, relocate, AI staff, to: Ireland); otherwise as the
// earlier relation, (Microsoft, offer, relocation opportunity, to: Ireland). Only earlier
// statements count, and only one agent: two candidates leave the passive as it is.
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

// What the document knows so far, for pronouns and "the company".
// Cheap to copy: each linkage a sentence is read with gets its own copy.
struct Context {
  std::string last_organisation, last_place, last_thing, last_subject, last_any;
  EntityType last_subject_type = EntityType::kOther;
  // The latest person who may be "she" (female or unknown) and who may be "he".
  std::string last_she, last_he;
  // The person each "he", "she", "his", "him" or "her" of the sentence being read names (by its
  // byte offset in the sentence), as the pronoun model chose; "" where it chose none of them.
  std::map<size_t, std::string> people_pronouns;
  // Mentions of each organisation in the sentences so far: the most mentioned is the one the
  // document is about.
  std::map<std::string, int> organisation_mentions;

  // The organisation mentioned most so far (the latest one on a tie), or "".
  std::string SalientOrganisation() const {
    std::string best;
    int top = 0;
    for (const auto& [name, n] : organisation_mentions) {
      if (n > top || (n == top && name == last_organisation)) {
        top = n;
        best = name;
      }
    }
    return best;
  }
};

// Head noun -> the latest longer name with that head ("staff" -> "AI staff"), for "the staff"
// later in the document. It grows with the document, so readings add to it only through their
// own new entries, merged when a reading is chosen.
using HeadNames = std::map<std::string, std::string>;

// A named mention or a value the recogniser found in a sentence: byte offsets into the sentence.
struct Annotation {
  size_t begin = 0;
  size_t end = 0;
  EntityType type = EntityType::kOther;
  std::string name;                  // the mention as written, without a possessive
  std::string normalised;            // values: "1200000000 USD"
  Gender gender = Gender::kUnknown;  // people
};
using Annotations = std::vector<Annotation>;

EntityType TypeOfClass(entities::EntityClass c) {
  switch (c) {
    case entities::EntityClass::kPerson:
      return EntityType::kPerson;
    case entities::EntityClass::kOrganisation:
      return EntityType::kOrganisation;
    case entities::EntityClass::kPlace:
      return EntityType::kPlace;
    case entities::EntityClass::kMisc:
      break;
  }
  return EntityType::kMisc;
}

EntityType TypeOfValue(entities::ValueKind k) {
  switch (k) {
    case entities::ValueKind::kMoney:
      return EntityType::kMoney;
    case entities::ValueKind::kPercent:
      return EntityType::kPercent;
    case entities::ValueKind::kDate:
      return EntityType::kDate;
    case entities::ValueKind::kQuantity:
      break;
  }
  return EntityType::kQuantity;
}

std::string WithoutPossessive(std::string name) {
  for (std::string_view mark : {"'s", "\xE2\x80\x99s", "'"}) {
    if (name.size() > mark.size() && name.ends_with(mark)) {
      name.resize(name.size() - mark.size());
      break;
    }
  }
  return std::string(TrimView(name));
}

// The annotations of each sentence of a document: its named mentions, then its values, which
// win where both cover a word.
// Name variants of a document's entities: canonical name -> the other forms it was written in.
using Variants = std::map<std::string, std::set<std::string>>;

std::vector<Annotations> Annotate(const entities::Recogniser& recogniser, std::string_view text,
                                  const std::vector<SentenceSpan>& sentences,
                                  std::optional<entities::CalendarDate> date,
                                  const Lexicon& lexicon, Variants* variants = nullptr) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const SentenceSpan& s : sentences) spans.emplace_back(s.begin, s.end);
  std::vector<Annotations> out(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    std::string_view sentence =
        text.substr(sentences[i].begin, sentences[i].end - sentences[i].begin);
    std::vector<entities::Token> tokens = entities::Tokenize(sentence);
    for (const entities::Value& v : entities::FindValues(tokens, sentence, date)) {
      out[i].push_back({v.begin, v.end, TypeOfValue(v.kind), v.text, v.normalised});
    }
  }
  std::vector<entities::Mention> mentions = recogniser.Recognise(text, spans);
  // A name has a capital letter; a lower-case "mention" is a tagging slip.
  std::erase_if(mentions, [](const entities::Mention& m) {
    return std::none_of(m.text.begin(), m.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  });
  std::vector<entities::NamedMention> named;
  for (const entities::Mention& m : mentions) named.push_back({WithoutPossessive(m.text), m.type});
  // "Boynton" and "Ms Boynton" are the "Judy Boynton" of the document, "Northwind" its
  // "Northwind Systems".
  std::vector<entities::ResolvedName> resolved = entities::ResolveNameVariants(named);
  // A person's gender from every form of the name ("Ms Boynton" makes Judy Boynton "she").
  std::map<std::string, std::vector<std::string>> forms;
  for (size_t k = 0; k < named.size(); ++k) forms[resolved[k].canonical].push_back(named[k].name);
  std::map<std::string, Gender> genders;
  for (const auto& [canonical, names] : forms)
    genders[canonical] = lexicon.GenderOf(canonical, names);
  for (size_t k = 0; k < mentions.size(); ++k) {
    const entities::Mention& m = mentions[k];
    const size_t base = sentences[m.sentence].begin;
    Annotation a{m.begin - base,        m.end - base, TypeOfClass(resolved[k].type),
                 resolved[k].canonical, "",           genders[resolved[k].canonical]};
    if (variants && named[k].name != resolved[k].canonical) {
      (*variants)[resolved[k].canonical].insert(named[k].name);
    }
    bool overlaps = false;
    for (const Annotation& v : out[m.sentence]) {
      if (a.begin < v.end && v.begin < a.end) overlaps = true;
    }
    if (!overlaps) out[m.sentence].push_back(std::move(a));
  }
  return out;
}

}  // namespace

// The latest organisation, place and person of a sentence's names, in text order.
void UpdateContext(const Annotations& annotations, Context* ctx) {
  std::vector<const Annotation*> order;
  for (const Annotation& a : annotations) order.push_back(&a);
  std::sort(order.begin(), order.end(),
            [](const Annotation* a, const Annotation* b) { return a->begin < b->begin; });
  for (const Annotation* a : order) {
    switch (a->type) {
      case EntityType::kOrganisation:
        ctx->last_organisation = a->name;
        break;
      case EntityType::kPlace:
        ctx->last_place = a->name;
        break;
      case EntityType::kPerson:
        if (a->gender != Gender::kMale) ctx->last_she = a->name;
        if (a->gender != Gender::kFemale) ctx->last_he = a->name;
        break;
      default:
        break;
    }
  }
}

Extractor::~Extractor() = default;

const entities::Recogniser& Extractor::recogniser() const { return *impl_->recogniser; }

std::unique_ptr<Extractor> Extractor::Create(const ExtractorOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { QuietLinkGrammar(); });
  std::unique_ptr<Extractor> e(new Extractor());
  e->impl_ = std::make_unique<Impl>();
  e->impl_->options = options;
  std::string dir = options.dictionary_dir;
  if (dir.empty()) {
    char* data = dictionary_get_data_dir();
    std::string base = data ? data : "/usr/share/link-grammar";
    free(data);
    dir = base + "/en";
  }
  e->impl_->dict = dictionary_create_lang(dir.c_str());
  if (!e->impl_->dict) e->impl_->dict = dictionary_create_lang("en");
  if (!e->impl_->dict) {
    throw Error("cannot load Link Grammar's English dictionary from " + dir +
                " (install link-grammar-dictionaries-en)");
  }
  e->lexicon_ = std::make_unique<Lexicon>(dir);
  e->impl_->recogniser = std::make_unique<entities::Recogniser>(entities::SharedModel());
  return e;
}

namespace {

class SentenceAnalyser {
 public:
  SentenceAnalyser(const Lexicon& lex, std::string_view text, const Parsed& p, Context* ctx,
                   const HeadNames& heads, const Annotations& annotations)
      : lex_(lex),
        text_(text),
        w_(p.words),
        ctx_(ctx),
        heads_(heads),
        annotations_(annotations),
        nulls_(p.nulls) {}

  std::vector<Extraction> Run() {
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
      std::string key = std::to_string(static_cast<int>(x.use)) + '\x1f' + x.record.subject +
                        '\x1f' + x.record.predicate + '\x1f' + x.record.object + '\x1f' +
                        x.relation;
      for (const Qualifier& q : x.record.qualifiers) key += '\x1f' + q.role + '=' + q.value;
      for (const std::string& a : x.arguments) key += '\x1e' + a;
      return !seen.insert(key).second;
    });
    return out;
  }

  // Lowers the confidence of readings that show signs of a misparse, so that a threshold can
  // separate them: a relation without a letter, an empty or punctuation-only argument, a
  // relative pronoun left as the subject, very long arguments.
  static void Calibrate(Extraction* x) {
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

 private:
  std::vector<int> Links(int w, std::string_view base, bool rightward) const {
    std::vector<int> out;
    for (const Word::Link& l : rightward ? w_[w].right : w_[w].left) {
      if (Base(l.label) == base) out.push_back(l.other);
    }
    return out;
  }
  bool HasLabel(int w, std::string_view prefix, bool rightward, int* other = nullptr) const {
    for (const Word::Link& l : rightward ? w_[w].right : w_[w].left) {
      if (std::string_view(l.label).starts_with(prefix)) {
        if (other) *other = l.other;
        return true;
      }
    }
    return false;
  }
  bool HasBase(int w, std::string_view base, bool rightward, int* other = nullptr) const {
    for (const Word::Link& l : rightward ? w_[w].right : w_[w].left) {
      if (Base(l.label) == base) {
        if (other) *other = l.other;
        return true;
      }
    }
    return false;
  }
  bool IsConj(int w) const { return w_[w].tag.starts_with("j"); }

  // The conjuncts of a coordination ("Alibaba and Baidu"), or the word itself.
  void Expand(int w, std::vector<int>* out, std::set<int>* seen) const {
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
  std::vector<int> Conjuncts(int w) const {
    std::vector<int> out;
    std::set<int> seen;
    Expand(w, &out, &seen);
    std::sort(out.begin(), out.end());
    return out;
  }

  // The members of a list of examples: conjuncts, and the comma-joined names the parser links
  // as appositions ("the U.S., Ireland, Australia, and New Zealand").
  void ListMembers(int w, std::vector<int>* out, std::set<int>* seen) const {
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
  void ListTail(std::vector<int>* members, std::set<int>* seen) const {
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
  void Modifiers(int h, std::vector<int>* out, bool core) const {
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

  bool IsProper(int w) const {
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
  bool IsProperSpan(int h) const { return IsProper(h); }

  std::pair<size_t, size_t> Span(int h, bool core) const {
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
  std::pair<size_t, size_t> PhraseSpan(int h) const {
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
  std::string SurfacePhrase(int h) const {
    auto [b, e] = PhraseSpan(h);
    std::string_view t = TrimView(text_.substr(b, e - b));
    while (!t.empty() && (t.back() == ',' || t.back() == ';'))
      t = TrimView(t.substr(0, t.size() - 1));
    return std::string(t);
  }

  // The surface of a possibly coordinated phrase: "Dr. Jagan , Janet Jagan and leaders of ...".
  std::string SurfaceAll(const std::vector<int>& heads) const {
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
  std::string EntityName(int h) {
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
      if (IsOrganisationHead(lower_name) && !ctx_->last_organisation.empty()) {
        return ctx_->last_organisation;
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
        name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
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
  const Annotation* AnnotationAt(int h) const {
    const Word& x = w_[h];
    if (x.end <= x.begin) return nullptr;
    for (const Annotation& a : annotations_) {
      if (x.begin < a.end && a.begin < x.end) return &a;
    }
    return nullptr;
  }

  void RememberTyped(const std::string& name, EntityType t, Gender gender = Gender::kUnknown) {
    if (IsValueType(t)) return;
    if (t == EntityType::kOrganisation) ctx_->last_organisation = name;
    if (t == EntityType::kPerson) {
      if (gender != Gender::kMale) ctx_->last_she = name;
      if (gender != Gender::kFemale) ctx_->last_he = name;
    }
    if (t == EntityType::kPlace) ctx_->last_place = name;
    if (t == EntityType::kMisc) ctx_->last_thing = name;
    ctx_->last_any = name;
  }

  // The named entity a possessive pronoun before h stands for ("its" -> "Purolator"), or "".
  std::string PossessiveOwner(int h) const {
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
  bool OnlyDefiniteOrBare(int h) const {
    for (int d : Links(h, "D", false)) {
      if (AsciiLower(w_[d].surface) != "the") return false;
    }
    return true;
  }

  bool IsDemonstrative(int h) const {
    for (int d : Links(h, "D", false)) {
      std::string w = AsciiLower(w_[d].surface);
      if (w == "this" || w == "that") return true;
    }
    return false;
  }

  bool HasDefinite(int h) const {
    for (int d : Links(h, "D", false)) {
      if (AsciiLower(w_[d].surface) == "the") return true;
    }
    return false;
  }

  EntityType TypeOf(const std::string& name, int h) const {
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

  void Remember(const std::string& name, int h) {
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

  std::string Resolve(std::string_view pronoun, size_t at) const {
    if (auto it = ctx_->people_pronouns.find(at); it != ctx_->people_pronouns.end()) {
      return it->second.empty() ? std::string(pronoun) : it->second;
    }
    std::string p = AsciiLower(pronoun);
    // A person of a compatible gender: "she" never names a man the text marked as one.
    if (p == "she" || p == "her" || p == "hers") {
      return !ctx_->last_she.empty() ? ctx_->last_she : std::string(pronoun);
    }
    if (p == "he" || p == "him" || p == "his") {
      return !ctx_->last_he.empty() ? ctx_->last_he : std::string(pronoun);
    }
    if (p == "it" || p == "its" || p == "they" || p == "them" || p == "their") {
      // The last clause's named subject when it can be an "it" (parallelism: "Fabrikam acquired
      // Litware. It opened ..."); then companies; then any other named thing.
      if (!ctx_->last_subject.empty() && ctx_->last_subject_type != EntityType::kPerson &&
          ctx_->last_subject_type != EntityType::kPlace && !IsValueType(ctx_->last_subject_type)) {
        return ctx_->last_subject;
      }
      if (!ctx_->last_organisation.empty()) return ctx_->last_organisation;
      if (!ctx_->last_subject.empty()) return ctx_->last_subject;
      if (!ctx_->last_thing.empty()) return ctx_->last_thing;
      if (!ctx_->last_any.empty()) return ctx_->last_any;
    }
    return std::string(pronoun);
  }

  // A non-restrictive relative parsed as a clause of its own ("a boss, who is ..."): the
  // antecedent is the noun right before the comma.
  int NounBefore(int w) const {
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
  size_t ClauseEnd(int head, int clause_begin) const {
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

  // One subject-verb link: follows the verb chain, then emits statements.
  void Clause(int subject_word, int finite, std::vector<Extraction>* out) {
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

  void Predicate(const std::vector<int>& subjects, int verb, int finite,
                 std::vector<Extraction>* out, bool participle_passive = false) {
    int cur = verb;
    bool negated = false, passive = participle_passive;
    std::string modality;
    size_t rel_begin = IsConj(finite) ? w_[verb].begin : w_[std::min(verb, finite)].begin;
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
    int object_host = cur;  // the word whose O links are the objects
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
    std::string lemma = lex_.VerbLemma(w_[cur].surface);
    size_t rel_end = w_[cur].end;
    for (int k : Links(cur, "K", true)) {  // particles: "set up"
      lemma += " " + AsciiLower(w_[k].surface);
      rel_end = std::max(rel_end, w_[k].end);
    }
    std::string relation(TrimView(text_.substr(rel_begin, rel_end - rel_begin)));

    // Objects, then prepositional phrases on the verb and on its objects.
    std::vector<int> objects;
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
    bool copula_adjective = false;
    int adj = -1;
    if (HasLabel(cur, "Pa", true, &adj)) copula_adjective = true;

    struct Prep {
      int word;
      std::vector<int> objects;
      std::string role;  // the qualifier's role when it is not the preposition itself
    };
    auto role_of = [&](const Prep& p) {
      return p.role.empty() ? AsciiLower(w_[p.word].surface) : p.role;
    };
    std::vector<Prep> preps;
    std::set<int> prep_words;
    std::set<int> object_preps;  // attached to an object: already inside its surface phrase
    auto collect = [&](int from, std::string_view base) {
      for (int p : Links(from, base, true)) {
        if (w_[p].tag.starts_with("j")) continue;
        if (base == "M") object_preps.insert(p);
        if (!prep_words.insert(p).second) continue;
        Prep prep{p, {}, ""};
        for (int o : Links(p, "J", true)) {
          for (int c : Conjuncts(o)) prep.objects.push_back(c);
        }
        if (!prep.objects.empty()) preps.push_back(std::move(prep));
      }
    };
    collect(cur, "MV");
    if (IsConj(finite) && cur == verb) collect(finite, "MV");  // "buy and sell ... with X"
    for (int o : objects) collect(o, "M");
    // "the opportunity to transfer to Ireland": the infinitive's phrases qualify the statement.
    for (int o : objects) {
      int to_word = -1, inf = -1;
      if (HasLabel(o, "TO", true, &to_word) && HasBase(to_word, "I", true, &inf))
        collect(inf, "MV");
    }
    // "countries like the U.S. and Ireland": the examples are the values.
    auto expand_examples = [&](Prep& p) {
      std::vector<int> expanded;
      for (int po : p.objects) {
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
      p.objects = std::move(expanded);
    };
    for (Prep& p : preps) expand_examples(p);
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
    // "In October 2008, Bond apologized": an opening prepositional phrase of the clause.
    std::vector<std::string> openers;
    std::vector<Prep> opener_preps;
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
    float confidence = std::max(0.2f, 0.9f - 0.15f * static_cast<float>(nulls_));
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

    // Passive with an agent: "was approved by regulators" -> (regulators, approve, deal).
    std::vector<int> subj = subjects, obj = objects;
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
    std::string predicate = lemma;
    int object_prep = -1;
    // The index of the phrase of `word` after preps changed; -1 for none.
    auto index_of = [&](int word) {
      auto it =
          std::find_if(preps.begin(), preps.end(), [&](const Prep& p) { return p.word == word; });
      return word < 0 || it == preps.end() ? -1 : static_cast<int>(it - preps.begin());
    };
    if (obj.empty() && !preps.empty()) {
      // "invest in Malaysia": the first preposition's object becomes the object.
      object_prep = 0;
      predicate += " " + AsciiLower(w_[preps[0].word].surface);
      obj = preps[0].objects;
      // Its own phrases qualify the statement, as an object's do ("provided with the
      // opportunity to transfer to Ireland").
      size_t before = preps.size();
      for (int o : obj) collect(o, "M");
      for (size_t i = before; i < preps.size(); ++i) expand_examples(preps[i]);
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
              collect(po, "M");
              for (size_t k = before; k < preps.size(); ++k) {
                if (AsciiLower(w_[preps[k].word].surface) == role) {
                  expand_examples(preps[k]);
                  found = found || !preps[k].objects.empty();
                } else {
                  preps[k].objects.clear();  // only the destination was wanted
                }
              }
            }
            // "to a transfer to Ireland": the inner destination replaces the outer one.
            if (found && role == role_of(preps[i])) std::erase(preps[i].objects, po);
            break;
          }
        }
      }
      // Emptied phrases go; the object's phrase is found again by its word.
      const int object_word = object_prep >= 0 ? preps[object_prep].word : -1;
      std::erase_if(preps,
                    [&](const Prep& p) { return p.objects.empty() && p.word != object_word; });
      object_prep = index_of(object_word);
    }
    if (obj.empty() && copula_adjective) {
      obj = {adj};
    }
    if (obj.empty()) return;
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
        std::string role = role_of(p);
        auto same = std::find_if(merged.begin(), merged.end(), [&](const Prep& m) {
          return m.word != object_word && p.word != object_word && role_of(m) == role;
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
      object_prep = index_of(object_word);
    }
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
              o2.emplace_back(role_of(p), EntityName(po));
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
  void Appositions(std::vector<Extraction>* out) {
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
  void Titles(std::vector<Extraction>* out) {
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
  void Modifiers(std::vector<Extraction>* out) {
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
  void Nominal(int head, int owner, std::vector<Extraction>* out) {
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

  void Emit(int head, int owner, const char* predicate, std::vector<Extraction>* out) {
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

 public:
  std::map<std::string, EntityType> types_;
  std::map<std::string, std::string> values_;  // value name -> normalised form
  std::map<std::string, Gender> genders_;
  HeadNames new_heads_;  // names this reading adds to the document's HeadNames

 private:
  const Lexicon& lex_;
  std::string_view text_;
  const std::vector<Word>& w_;
  Context* ctx_;
  const HeadNames& heads_;
  const Annotations& annotations_;
  int nulls_;
  int control_depth_ = 0;
  std::set<int> verb_words_;  // words read as verbs, kept out of noun phrases
};

// No parse in time: subject = the capitalised run before the first known verb, object = the
// words after it up to punctuation or a preposition.
std::vector<Extraction> Shallow(const Lexicon& lex, std::string_view text) {
  std::vector<std::pair<size_t, size_t>> tokens;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) != 0)) ++i;
    size_t b = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > b) tokens.emplace_back(b, i);
  }
  auto word = [&](size_t k) {
    std::string w(text.substr(tokens[k].first, tokens[k].second - tokens[k].first));
    while (!w.empty() && std::ispunct(static_cast<unsigned char>(w.back()))) w.pop_back();
    return w;
  };
  static const std::set<std::string, std::less<>> kStop = {
      "in", "on", "at", "to", "for", "with", "by", "from", "of", "and", "but", "that", "which"};
  std::vector<Extraction> found;
  for (size_t k = 1; k + 1 < tokens.size(); ++k) {
    std::string w = word(k);
    if (w.empty() || !std::islower(static_cast<unsigned char>(w[0]))) continue;
    std::string lemma = lex.VerbLemma(w);
    if (!lex.IsVerb(lemma) || (lemma == w && !w.ends_with("s"))) continue;
    size_t sb = k;
    while (sb > 0 && !kStop.count(AsciiLower(word(sb - 1))) &&
           text[tokens[sb - 1].second - 1] != ',')
      --sb;
    size_t oe = k + 1;
    while (oe < tokens.size() && !kStop.count(AsciiLower(word(oe))) &&
           text[tokens[oe].second - 1] != ',' && text[tokens[oe].second - 1] != '.') {
      ++oe;
    }
    if (oe < tokens.size() && text[tokens[oe].second - 1] != '.' &&
        !kStop.count(AsciiLower(word(oe))))
      ++oe;
    if (sb == k || oe == k + 1) continue;
    Extraction x;
    x.record.subject = std::string(
        TrimView(text.substr(tokens[sb].first, tokens[k - 1].second - tokens[sb].first)));
    std::string obj(
        TrimView(text.substr(tokens[k + 1].first, tokens[oe - 1].second - tokens[k + 1].first)));
    while (!obj.empty() && std::ispunct(static_cast<unsigned char>(obj.back()))) obj.pop_back();
    x.record.object = obj;
    x.record.predicate = lemma;
    x.record.evidence.confidence = 0.3f;
    x.relation = w;
    x.arguments = {x.record.subject, obj};
    if (!x.record.subject.empty() && !x.record.object.empty()) {
      found.push_back(std::move(x));
      if (found.size() >= 4) break;
      k = oe - 1;  // the next clause starts after this object
    }
  }
  return found;
}

// How much of a sentence a set of extractions reads: the distinct words of the sentence that
// appear in their relations and arguments.
size_t Coverage(const std::vector<Extraction>& found) {
  std::set<std::string> words;
  for (const Extraction& x : found) {
    // A relation without a word is a misparse and reads nothing.
    if (x.use == Extraction::Use::kGraph || !HasLetter(x.relation)) continue;
    auto add = [&](const std::string& t) {
      size_t i = 0;
      while (i < t.size()) {
        size_t j = t.find(' ', i);
        if (j == std::string::npos) j = t.size();
        if (j > i && HasLetter(t.substr(i, j - i))) words.insert(t.substr(i, j - i));
        i = j + 1;
      }
    };
    add(x.relation);
    for (const std::string& a : x.arguments) add(a);
  }
  return words.size();
}

// What the pronoun model needs of the document around a sentence.
struct DocumentPeople {
  TextSyntax* syntax;
  const std::vector<PersonMention>* mentions;
  const CorefModel* model;
  size_t sentence;
};

enum class ParseOutcome { kFull, kPartial, kFallback, kSkipped };

// Set when a parse of the sentence ran into the time guard: its result may differ from run to run.
thread_local bool parse_timed_out = false;

std::vector<Extraction> ExtractOne(Dictionary dict, const Lexicon& lex, const ExtractorOptions& o,
                                   std::string_view text, Context* ctx, HeadNames* heads,
                                   ParseOutcome* outcome, std::map<std::string, EntityType>* types,
                                   const Annotations& annotations,
                                   std::map<std::string, std::string>* values,
                                   DocumentPeople* people = nullptr) {
  if (people != nullptr) {
    ctx->people_pronouns.clear();
    // Until a linkage says otherwise the sentence has no roles (and is not parsed again).
    people->syntax->Put(people->sentence, {});
  }
  if (text.size() > o.max_sentence_bytes || FindInvalidUtf8(text)) {
    *outcome = ParseOutcome::kSkipped;
    return {};
  }
  size_t words = 1;
  for (char c : text) words += c == ' ';
  if (words > o.max_words) {
    *outcome = ParseOutcome::kFallback;
    return Shallow(lex, text);
  }
  const std::string copy(text);
  const LinkParse parse(dict, copy, o.max_parse_seconds);
  if (parse.timed_out()) parse_timed_out = true;
  const int n = parse.count();
  std::vector<Extraction> result;
  if (n > 0 && people != nullptr) {
    // The pronoun model reads the cheapest linkage: the sentence is not parsed twice.
    people->syntax->Put(people->sentence, ReadSyntax(parse.Read(0)));
    ctx->people_pronouns =
        ResolvePeople(*people->model, people->syntax, *people->mentions, people->sentence);
  }
  if (n > 0) {
    // The parser ranks its linkages by cost alone; among the cheapest few, the one from which
    // the rules read the most words wins (ties to the cheaper one).
    const int candidates = std::min(n, o.linkages_considered);
    size_t best_score = 0;
    bool have = false;
    Context chosen_ctx;
    HeadNames chosen_heads;
    std::map<std::string, EntityType> chosen_types;
    std::map<std::string, std::string> chosen_values;
    for (int i = 0; i < candidates; ++i) {
      Parsed p = parse.Read(i);
      if (p.words.empty()) continue;
      Context trial = *ctx;
      SentenceAnalyser a(lex, copy, p, &trial, *heads, annotations);
      std::vector<Extraction> found = a.Run();
      size_t score = Coverage(found);
      if (have && score <= best_score) continue;
      have = true;
      best_score = score;
      result = std::move(found);
      chosen_ctx = std::move(trial);
      chosen_heads = std::move(a.new_heads_);
      chosen_types = std::move(a.types_);
      chosen_values = std::move(a.values_);
      if (people != nullptr) people->syntax->Put(people->sentence, ReadSyntax(p));
      *outcome = p.nulls == 0 ? ParseOutcome::kFull : ParseOutcome::kPartial;
    }
    // Only the chosen reading tells the document what it mentioned.
    if (have) {
      *ctx = std::move(chosen_ctx);
      for (auto& [head, name] : chosen_heads) (*heads)[head] = std::move(name);
      for (auto& [name, type] : chosen_types) (*types)[name] = type;
      for (auto& [name, value] : chosen_values) (*values)[name] = value;
    }
    // A parse whose links gave nothing (often a wrong partial parse): the shallow reading.
    if (have && result.empty()) result = Shallow(lex, text);
  }
  if (n <= 0) {
    *outcome = ParseOutcome::kFallback;
    return Shallow(lex, text);
  }
  return result;
}

}  // namespace

std::vector<Extraction> Extractor::ExtractSentence(std::string_view sentence) const {
  Context ctx;
  HeadNames heads;
  ParseOutcome outcome;
  std::map<std::string, EntityType> types;
  std::map<std::string, std::string> values;
  std::vector<SentenceSpan> one = {{0, sentence.size()}};
  std::vector<Annotations> annotations =
      Annotate(*impl_->recogniser, sentence, one, std::nullopt, *lexicon_);
  return ExtractOne(impl_->dict, *lexicon_, impl_->options, sentence, &ctx, &heads, &outcome,
                    &types, annotations[0], &values);
}

DocumentExtraction Extractor::ExtractDocument(std::string_view text,
                                              std::optional<entities::CalendarDate> date) const {
  DocumentExtraction doc;
  doc.sentences = SplitSentences(text);
  Context ctx;
  HeadNames heads;
  std::map<std::string, EntityType> types;
  std::map<std::string, std::string> values;
  Variants variants;
  std::vector<Annotations> annotations =
      Annotate(*impl_->recogniser, text, doc.sentences, date, *lexicon_, &variants);
  // The people the document names, for the pronoun model; the parses of the sentences read so
  // far serve its features.
  TextSyntax syntax(*this, text, doc.sentences);
  const std::shared_ptr<const CorefModel> coref = SharedCorefModel();
  std::vector<PersonMention> people;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    for (const Annotation& a : annotations[i]) {
      if (a.type != EntityType::kPerson) continue;
      people.push_back(
          {doc.sentences[i].begin + a.begin, doc.sentences[i].begin + a.end, a.name, a.gender});
    }
  }
  std::sort(people.begin(), people.end(),
            [](const PersonMention& x, const PersonMention& y) { return x.begin < y.begin; });
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const SentenceSpan& s = doc.sentences[i];
    std::string_view sentence = text.substr(s.begin, s.end - s.begin);
    ParseOutcome outcome = ParseOutcome::kFull;
    // The sentence's organisations count for salience before it is read: "Acme Corp said
    // sales rose" makes the sales Acme's.
    for (const Annotation& a : annotations[i]) {
      if (a.type == EntityType::kOrganisation) ++ctx.organisation_mentions[a.name];
    }
    parse_timed_out = false;
    DocumentPeople document_people{&syntax, &people, coref.get(), i};
    std::vector<Extraction> found =
        ExtractOne(impl_->dict, *lexicon_, impl_->options, sentence, &ctx, &heads, &outcome, &types,
                   annotations[i], &values, &document_people);
    if (parse_timed_out) ++doc.timed_out;
    // Every name the sentence mentioned counts for "the company" and pronouns later, also those
    // that were only modifiers ("Royal Dutch Shell chief executive ...").
    UpdateContext(annotations[i], &ctx);
    switch (outcome) {
      case ParseOutcome::kFull:
        ++doc.parsed;
        break;
      case ParseOutcome::kPartial:
        ++doc.partial;
        break;
      case ParseOutcome::kFallback:
        ++doc.fallbacks;
        break;
      case ParseOutcome::kSkipped:
        ++doc.skipped;
        doc.skipped_sentences.push_back(static_cast<uint32_t>(i));
        break;
    }
    for (Extraction& x : found) {
      if (x.use == Extraction::Use::kSurface) continue;
      // A pronoun that names nobody the document mentioned makes no node.
      bool pronoun = IsPronoun(x.record.subject) || IsPronoun(x.record.object);
      for (const Qualifier& q : x.record.qualifiers) pronoun = pronoun || IsPronoun(q.value);
      if (pronoun) continue;
      // A bare unit of time ("rose from a year", "the week", "today"), a reporting verb read
      // as a noun, or the audience of a saying ("told reporters") names nothing the graph can
      // join on.
      if (IsVagueNode(x.record.subject) || IsVagueNode(x.record.object)) continue;
      if (!IsGraphStatement(x.record)) continue;
      // A node without a word is a number (a value) or a misparse ("...", ":").
      bool wordless = false;
      for (const std::string* end : {&x.record.subject, &x.record.object}) {
        if (HasLetter(*end)) continue;
        std::optional<NumberNode> number = ReadNumberNode(*end);
        if (!number) {
          wordless = true;
          break;
        }
        types[*end] = number->type;
        if (number->normalised != *end) values[*end] = number->normalised;
      }
      if (wordless) continue;
      // A country or organisation named by an alias some path kept verbatim ("U.S." as a
      // modifier or apposition) is the same node as its canonical name.
      auto canonical = [&](std::string* name) {
        if (std::none_of(name->begin(), name->end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
          return;
        if (auto c = lexicon_->Canonical(*name)) {
          types.try_emplace(*c, types.count(*name) ? types[*name] : EntityType::kOther);
          *name = *c;
        }
      };
      canonical(&x.record.subject);
      canonical(&x.record.object);
      for (Qualifier& q : x.record.qualifiers) canonical(&q.value);
      x.record.evidence.sentence = static_cast<uint32_t>(i);
      x.record.evidence.begin = static_cast<uint32_t>(s.begin);
      x.record.evidence.end = static_cast<uint32_t>(s.end);
      doc.statements.push_back(std::move(x));
    }
  }
  GiveAgents(*lexicon_, types, &doc.statements);
  std::set<std::string> named;
  for (const Extraction& x : doc.statements) {
    named.insert(x.record.subject);
    named.insert(x.record.object);
    for (const Qualifier& q : x.record.qualifiers) named.insert(q.value);
  }
  for (const std::string& n : named) {
    EntityInfo e;
    e.name = n;
    auto it = types.find(n);
    // A name has a capital letter; without one it is a concept, whatever a list says.
    const bool common =
        std::none_of(n.begin(), n.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    EntityType known = it != types.end() ? it->second : EntityType::kOther;
    // A number seen only as a qualifier's value is a value as well.
    if (!HasLetter(n) && !IsValueType(known)) {
      if (std::optional<NumberNode> number = ReadNumberNode(n)) known = number->type;
    }
    if (common && !IsValueType(known)) known = EntityType::kConcept;
    e.type = known != EntityType::kOther   ? known
             : lexicon_->IsPlace(n)        ? EntityType::kPlace
             : lexicon_->IsOrganisation(n) ? EntityType::kOrganisation
                                           : EntityType::kOther;
    e.aliases = lexicon_->AliasesOf(n);
    // The other forms the document wrote the name in.
    if (auto v = variants.find(n); v != variants.end()) {
      for (const std::string& a : v->second) {
        if (std::find(e.aliases.begin(), e.aliases.end(), a) == e.aliases.end())
          e.aliases.push_back(a);
      }
    }
    // A value's other name is its normalised form.
    if (auto v = values.find(n); v != values.end()) e.aliases.push_back(v->second);
    if (e.type != EntityType::kOther || !e.aliases.empty()) doc.entities.push_back(std::move(e));
  }
  return doc;
}

void ScopeKinds(std::string_view document_name, DocumentExtraction* doc) {
  // FNV-1a of the name, as eight hex digits: short, and the same on every machine.
  uint32_t h = 2166136261u;
  for (unsigned char c : document_name) {
    h ^= c;
    h *= 16777619u;
  }
  const std::string scope = fmt::format("{:08x}", h);
  std::set<std::string, std::less<>> kinds;
  for (const EntityInfo& e : doc->entities) {
    if (e.type == EntityType::kConcept && IsBareKind(e.name)) kinds.insert(e.name);
  }
  if (kinds.empty()) return;
  auto scoped = [&](std::string* name) {
    if (kinds.count(*name)) *name = ScopedName(*name, scope);
  };
  for (Extraction& x : doc->statements) {
    scoped(&x.record.subject);
    scoped(&x.record.object);
  }
  for (EntityInfo& e : doc->entities) scoped(&e.name);
}

}  // namespace weft::extract
