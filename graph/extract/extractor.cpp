#include "graph/extract/extractor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

#include "graph/base/error.h"
#include "graph/base/names.h"
#include "graph/base/text.h"
#include "graph/entities/recogniser.h"
#include "graph/entities/resolution.h"
#include "graph/entities/values.h"
#include "graph/extract/coreference.h"
#include "graph/extract/extractor_impl.h"
#include "graph/extract/linkage.h"
#include "graph/extract/reading.h"
#include "graph/extract/ud_reading.h"
#include "graph/extract/words.h"

namespace weft::extract {

namespace {

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

// A name without a month the recogniser ran into it ("the Fed Jan. 8 proposed": "Fed"): a
// month written in full or abbreviated with its period, never "May" (a surname as often).
std::string WithoutMonth(std::string name) {
  const size_t sp = name.rfind(' ');
  if (sp == std::string::npos) return name;
  const std::string_view last = std::string_view(name).substr(sp + 1);
  if (entities::MonthOf(last) != 0 && (last.ends_with('.') || last.size() > 3) &&
      AsciiLower(last) != "may" && AsciiLower(last) != "may.") {
    name.resize(sp);
  }
  return name;
}

// Whether the word before `at` in `text` is a title ("Mr", "President", "Sen.").
bool TitleBefore(std::string_view text, size_t at) {
  size_t end = std::min(at, text.size());
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
  size_t begin = end;
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\n') --begin;
  return begin < end && IsTitle(text.substr(begin, end - begin));
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
  JoinSuffixConjuncts(text, &mentions);
  // A name has a capital letter; a lower-case "mention" is a tagging slip.
  // "Ltd" or "Dlrs" alone, cut from the name they end or read as one, is no name either.
  std::erase_if(mentions, [](const entities::Mention& m) {
    return std::none_of(m.text.begin(), m.text.end(),
                        [](char c) { return c >= 'A' && c <= 'Z'; }) ||
           OnlyCompanySuffixes(m.text) || entities::IsUnitWord(AsciiLower(m.text));
  });
  // "U.S.-based Acme Corp", "the Rui Costa-led Fabrikam Inc": where a company is based, or who
  // leads, owns, controls or backs it, is no word of its name.
  for (entities::Mention& m : mentions) {
    size_t sp = std::string::npos;
    for (size_t b = 0; b < m.text.size();) {
      const size_t e = std::min(m.text.find(' ', b), m.text.size());
      const std::string word = AsciiLower(m.text.substr(b, e - b));
      for (std::string_view suffix : {"-based", "-led", "-owned", "-controlled", "-backed"}) {
        if (word.ends_with(suffix) && e < m.text.size()) sp = e;
      }
      b = e + 1;
    }
    if (sp == std::string::npos) continue;
    size_t rest = sp;
    while (rest < m.text.size() && m.text[rest] == ' ') ++rest;
    m.begin += static_cast<uint32_t>(rest);
    m.text.erase(0, rest);
  }
  SplitTitledNames(lexicon, &mentions);
  ExtendToClosingWords(text, spans, &mentions);
  ExtendToOpeningWord(text, spans, lexicon, &mentions);
  std::vector<entities::NamedMention> named;
  for (const entities::Mention& m : mentions) {
    named.push_back({WithoutMonth(WithoutPossessive(m.text)), m.type});
  }
  // "Boynton" and "Ms Boynton" are the "Judy Boynton" of the document, "Northwind" its
  // "Northwind Systems".
  std::vector<entities::ResolvedName> resolved = entities::ResolveNameVariants(named);
  // A "person" the document only ever names by one word, never after a title and never a given
  // name, is a company ("Boeing said it would cut jobs": the verb made it a person): news names
  // a person in full, or with a title, at least once.
  std::map<std::string, bool> lone;
  for (size_t k = 0; k < named.size(); ++k) {
    if (resolved[k].type != entities::EntityClass::kPerson) continue;
    const bool one = named[k].name.find(' ') == std::string::npos &&
                     !lexicon.IsGivenName(named[k].name) && !TitleBefore(text, mentions[k].begin);
    auto [it, inserted] = lone.emplace(resolved[k].canonical, one);
    it->second = it->second && one;
  }
  for (entities::ResolvedName& r : resolved) {
    if (r.type == entities::EntityClass::kPerson && lone[r.canonical]) {
      r.type = entities::EntityClass::kOrganisation;
    }
  }
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
    if (overlaps) continue;
    // "told Reuters", "told the Financial Times", "in an interview with Reuters".
    if (a.type == EntityType::kOrganisation) {
      std::string_view before = TrimView(text.substr(base, m.begin - base));
      if (before.ends_with(" the") || before == "the")
        before = TrimView(before.substr(0, before.size() - 3));
      for (std::string_view w : {"told", "tell", "tells", "telling", "interview with"}) {
        if (before.ends_with(w) &&
            (before.size() == w.size() || before[before.size() - w.size() - 1] == ' ')) {
          a.audience = true;
        }
      }
    }
    out[m.sentence].push_back(std::move(a));
  }
  return out;
}

}  // namespace

void ExtendToClosingWords(std::string_view text,
                          const std::vector<std::pair<size_t, size_t>>& sentences,
                          std::vector<entities::Mention>* mentions) {
  // Each organisation the document names whole: its words without company suffixes, and how
  // many words it has with them. (Copies: the mentions change below.)
  struct Organisation {
    std::vector<std::string> core;
    size_t words = 0;
  };
  std::vector<Organisation> organisations;
  for (const entities::Mention& m : *mentions) {
    if (m.type != entities::EntityClass::kOrganisation) continue;
    const std::vector<std::string_view> words = SplitSpaces(m.text);
    size_t n = words.size();
    while (n > 1 && IsCompanySuffix(words[n - 1])) --n;
    if (n >= 2) {
      organisations.push_back(
          {{words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n)}, words.size()});
    }
  }
  if (organisations.empty()) return;
  for (size_t i = 0; i < mentions->size(); ++i) {
    entities::Mention& m = (*mentions)[i];
    // Within the sentence; names the recogniser read apart from it ("LBO" an organisation of
    // its own) are taken in with the words.
    const size_t limit = m.sentence < sentences.size() ? sentences[m.sentence].second : text.size();
    // Up to three capitalised words right after the mention.
    std::vector<std::string_view> next;
    std::vector<size_t> ends;
    size_t at = m.end;
    while (next.size() < 3 && at < limit && text[at] == ' ') {
      size_t b = at + 1, e = b;
      while (e < limit && text[e] != ' ' && text[e] != ',' && text[e] != '.' && text[e] != '\'') {
        ++e;
      }
      if (e == b || !std::isupper(static_cast<unsigned char>(text[b]))) break;
      next.push_back(text.substr(b, e - b));
      ends.push_back(e);
      at = e;
    }
    if (next.empty()) continue;
    const std::vector<std::string_view> own = SplitSpaces(m.text);
    // The longest run after which the mention's words and the run close a longer name.
    for (size_t k = next.size(); k > 0; --k) {
      std::vector<std::string_view> words = own;
      words.insert(words.end(), next.begin(), next.begin() + static_cast<std::ptrdiff_t>(k));
      const bool closes =
          std::any_of(organisations.begin(), organisations.end(), [&](const Organisation& o) {
            // Closing words of a longer name, not the name itself.
            return o.words > words.size() && o.core.size() >= words.size() &&
                   std::equal(words.begin(), words.end(),
                              o.core.end() - static_cast<std::ptrdiff_t>(words.size()));
          });
      if (!closes) continue;
      m.end = static_cast<uint32_t>(ends[k - 1]);
      m.text = std::string(text.substr(m.begin, m.end - m.begin));
      m.type = entities::EntityClass::kOrganisation;
      const uint32_t begin = m.begin, end = m.end;
      mentions->erase(
          std::remove_if(
              mentions->begin() + static_cast<std::ptrdiff_t>(i) + 1, mentions->end(),
              [&](const entities::Mention& x) { return x.begin >= begin && x.end <= end; }),
          mentions->end());
      break;
    }
  }
}

void ExtendToOpeningWord(std::string_view text,
                         const std::vector<std::pair<size_t, size_t>>& sentences,
                         const Lexicon& lexicon, std::vector<entities::Mention>* mentions) {
  static const std::set<std::string, std::less<>> kFunctionWords = {
      "the",        "a",       "an",        "in",    "on",       "at",       "for",       "but",
      "and",        "also",    "as",        "by",    "with",     "from",     "to",        "of",
      "after",      "before",  "when",      "while", "if",       "since",    "under",     "its",
      "their",      "his",     "her",       "our",   "this",     "that",     "these",     "those",
      "both",       "all",     "some",      "many",  "most",     "shares",   "meanwhile", "however",
      "separately", "earlier", "yesterday", "today", "analysts", "officials"};
  for (size_t i = 0; i < mentions->size(); ++i) {
    entities::Mention& m = (*mentions)[i];
    if (m.type == entities::EntityClass::kPlace || !EndsWithCompanySuffix(m.text) ||
        m.sentence >= sentences.size()) {
      continue;
    }
    const size_t begin = sentences[m.sentence].first;
    if (m.begin <= begin + 1 || text[m.begin - 1] != ' ') continue;
    const std::string_view word = text.substr(begin, m.begin - 1 - begin);
    if (word.size() < 2 || !std::isupper(static_cast<unsigned char>(word[0])) ||
        !std::all_of(word.begin(), word.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
      continue;
    }
    if (kFunctionWords.count(AsciiLower(word)) || IsTitle(word) ||
        lexicon.CountryOfNationality(word) || lexicon.IsPlace(word)) {
      continue;
    }
    const bool covered = std::any_of(mentions->begin(), mentions->end(), [&](const auto& x) {
      return x.begin < m.begin && x.end > begin;
    });
    if (covered) continue;
    m.begin = static_cast<uint32_t>(begin);
    m.text = std::string(text.substr(begin, m.end - begin));
    m.type = entities::EntityClass::kOrganisation;
  }
}

void JoinSuffixConjuncts(std::string_view text, std::vector<entities::Mention>* mentions) {
  for (size_t k = 0; k < mentions->size(); ++k) {
    entities::Mention& m = (*mentions)[k];
    for (std::string_view joint : {" and ", " & "}) {
      const size_t at = m.end;
      if (text.substr(at, joint.size()) != joint) continue;
      const size_t b = at + joint.size();
      size_t e = b;
      while (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e]))) ++e;
      // The suffix's letters: its period ends the sentence as often as it abbreviates.
      const std::string_view word = text.substr(b, e - b);
      if (word.empty() || !IsCompanySuffix(word)) continue;
      const auto end = static_cast<uint32_t>(b + word.size());
      m.end = end;
      m.text = std::string(text.substr(m.begin, m.end - m.begin));
      // The suffix read as a mention of its own goes into this one.
      const uint32_t begin = m.begin;
      std::erase_if(*mentions, [&](const entities::Mention& o) {
        return o.begin != begin && o.begin >= b && o.end <= end;
      });
      k = static_cast<size_t>(
          std::find_if(mentions->begin(), mentions->end(),
                       [&](const entities::Mention& o) { return o.begin == begin; }) -
          mentions->begin());
      break;
    }
  }
}

void SplitTitledNames(const Lexicon& lexicon, std::vector<entities::Mention>* mentions) {
  for (size_t k = 0, count = mentions->size(); k < count; ++k) {
    entities::Mention& m = (*mentions)[k];
    const std::vector<std::string_view> words = SplitSpaces(m.text);
    // Where a word starts and ends within m.text.
    auto from = [&](size_t w) { return static_cast<size_t>(words[w].data() - m.text.data()); };
    auto to = [&](size_t w) { return from(w) + words[w].size(); };
    for (size_t t = 1; t + 2 < words.size(); ++t) {
      if (!IsTitle(words[t]) || IsTitle(words[0])) continue;
      const bool name = std::all_of(
          words.begin() + static_cast<std::ptrdiff_t>(t) + 1, words.end(),
          [](std::string_view w) { return std::isupper(static_cast<unsigned char>(w[0])) != 0; });
      if (!name) break;
      entities::Mention person = m;
      person.type = entities::EntityClass::kPerson;
      person.begin = m.begin + static_cast<uint32_t>(from(t + 1));
      person.text = m.text.substr(from(t + 1));
      const std::string before = m.text.substr(0, to(t - 1));
      if (lexicon.IsPlace(before)) m.type = entities::EntityClass::kPlace;
      m.end = m.begin + static_cast<uint32_t>(to(t - 1));
      m.text = before;
      mentions->push_back(std::move(person));
      break;
    }
  }
  std::sort(
      mentions->begin(), mentions->end(),
      [](const entities::Mention& a, const entities::Mention& b) { return a.begin < b.begin; });
}

bool AboutNoEntity(const Extraction& x, const std::map<std::string, EntityType>& types) {
  // The readings the tree most often gets wrong: a relative or adverbial clause's borrowed
  // subject, an oblique taken for the object; and a copula between two kinds ("the way would
  // be retaliation", "the items are machinery"), which says what a kind is, of no entity.
  static const std::set<std::string, std::less<>> kWeak = {"acl-antecedent", "advcl-shared-subject",
                                                           "passive-object", "copula"};
  if (!kWeak.count(x.rule)) return false;
  auto named = [&](const std::string& s) {
    if (auto t = types.find(s); t != types.end() && t->second != EntityType::kConcept) return true;
    return std::any_of(s.begin(), s.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c)) ||
             std::isdigit(static_cast<unsigned char>(c));
    });
  };
  if (named(x.record.subject) || named(x.record.object)) return false;
  for (const Qualifier& q : x.record.qualifiers) {
    // Who said it is no participant: "..., De Croo said" makes no statement about De Croo.
    if (q.role != "polarity" && q.role != "modality" && q.role != "section" &&
        q.role != "according_to" && named(q.value)) {
      return false;
    }
  }
  return true;
}

// The latest organisation, place and person of a sentence's names, in text order.
void UpdateContext(const Annotations& annotations, const Lexicon& lexicon, Context* ctx) {
  std::vector<const Annotation*> order;
  for (const Annotation& a : annotations) order.push_back(&a);
  std::sort(order.begin(), order.end(),
            [](const Annotation* a, const Annotation* b) { return a->begin < b->begin; });
  for (const Annotation* a : order) {
    if (auto c = lexicon.CountryNamed(a->name, a->type)) ctx->last_country = *c;
    switch (a->type) {
      case EntityType::kOrganisation:
        if (!a->audience) ctx->last_organisation = a->name;
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
  // The UD reading parses with weft's own model: Link Grammar's dictionary (its word lists
  // still feed the lexicon) is loaded only for the Link Grammar reading.
  if (options.parser == ParserKind::kLinkGrammar) {
    e->impl_->dict = dictionary_create_lang(dir.c_str());
    if (!e->impl_->dict) e->impl_->dict = dictionary_create_lang("en");
    if (!e->impl_->dict) {
      throw Error("cannot load Link Grammar's English dictionary from " + dir +
                  " (install link-grammar-dictionaries-en)");
    }
  }
  e->lexicon_ = std::make_unique<Lexicon>(dir);
  e->impl_->recogniser = std::make_unique<entities::Recogniser>(entities::SharedModel());
  if (options.parser == ParserKind::kUd) e->impl_->syntax = syntax::SyntaxModel::Shared();
  return e;
}

namespace {

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

// The UD reading of one sentence: parsed once, read by the rules over its tree.
std::vector<Extraction> ExtractUd(const syntax::SyntaxModel& model, const Lexicon& lex,
                                  std::string_view text, Context* ctx, HeadNames* heads,
                                  ParseOutcome* outcome, std::map<std::string, EntityType>* types,
                                  const Annotations& annotations,
                                  std::map<std::string, std::string>* values,
                                  DocumentPeople* people) {
  std::vector<UdWord> words = ParseUd(model, text, &annotations);
  if (words.empty()) {
    *outcome = ParseOutcome::kSkipped;
    return {};
  }
  if (people != nullptr) {
    people->syntax->Put(people->sentence, UdRoles(words));
    ctx->people_pronouns =
        ResolvePeople(*people->model, people->syntax, *people->mentions, people->sentence);
  }
  UdReader reader(lex, text, words, ctx, *heads, annotations);
  std::vector<Extraction> found = reader.Run();
  for (auto& [head, name] : reader.new_heads_) (*heads)[head] = std::move(name);
  for (auto& [name, type] : reader.types_) (*types)[name] = type;
  for (auto& [name, value] : reader.values_) (*values)[name] = value;
  *outcome = ParseOutcome::kFull;
  return found;
}

std::vector<Extraction> ExtractOne(Dictionary dict, const Lexicon& lex, const ExtractorOptions& o,
                                   std::string_view text, Context* ctx, HeadNames* heads,
                                   ParseOutcome* outcome, std::map<std::string, EntityType>* types,
                                   const Annotations& annotations,
                                   std::map<std::string, std::string>* values,
                                   const syntax::SyntaxModel* syntax_model,
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
  if (syntax_model != nullptr) {
    return ExtractUd(*syntax_model, lex, text, ctx, heads, outcome, types, annotations, values,
                     people);
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
      const Parsed& p = parse.Read(i);
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
                    &types, annotations[0], &values, impl_->syntax.get());
}

bool Extractor::ListedPlace(const std::string& word) const {
  const std::string lower = AsciiLower(word);
  if (lexicon_->IsCommonWord(lower) || lexicon_->IsOrganisation(word)) return false;
  const std::vector<uint32_t> mask =
      impl_->recogniser->model().gazetteer().Match({std::string_view(lower)});
  auto single = [&](entities::GazetteerList list) {
    return !mask.empty() && (mask[0] >> (static_cast<unsigned>(list) * 4) & 1u) != 0;
  };
  return single(entities::GazetteerList::kPlace) &&
         !single(entities::GazetteerList::kOrganisation) &&
         !single(entities::GazetteerList::kPerson) && !single(entities::GazetteerList::kFirstName);
}

DocumentExtraction Extractor::ExtractDocument(std::string_view text,
                                              std::optional<entities::CalendarDate> date,
                                              size_t headline_bytes) const {
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
  // The speaker of the last quotation: a quotation that goes on, or a new one right after it
  // with no speaker of its own, is the same speaker's. Quotation marks are counted
  // within a paragraph (one left open does not open every paragraph after it; a quotation that
  // goes on in a new paragraph opens it with a mark).
  // (Counted once: the marks from the paragraph's start up to `counted_to`.)
  std::string last_quote_speaker;
  size_t quote_marks = 0;
  size_t counted_to = 0;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const SentenceSpan& s = doc.sentences[i];
    std::string_view sentence = text.substr(s.begin, s.end - s.begin);
    ParseOutcome outcome = ParseOutcome::kFull;
    if (s.begin >= counted_to) {
      std::string_view gap = text.substr(counted_to, s.begin - counted_to);
      if (const size_t nl = gap.rfind('\n'); nl != std::string_view::npos) {
        quote_marks = 0;
        gap.remove_prefix(nl + 1);
      }
      quote_marks += CountQuotationMarks(gap);
      counted_to = s.begin;
    }
    const size_t own_marks = CountQuotationMarks(sentence);
    ctx.quote_open = quote_marks % 2 == 1;
    ctx.quote_speaker = last_quote_speaker;
    ctx.sentence_speaker.clear();
    // The sentence's organisations count for salience before it is read: "Acme Corp said
    // sales rose" makes the sales Acme's.
    for (const Annotation& a : annotations[i]) {
      if (a.type == EntityType::kOrganisation && !a.audience) ctx.CountOrganisation(a.name);
    }
    ctx.organisation_before = ctx.last_organisation;
    ctx.headline = s.begin < headline_bytes;
    // A row of a table of figures ("Shr 1.20 dlrs vs 1.10 dlrs", "Net 5.5 mln vs 4.9 mln") is
    // no sentence: its words make no statements.
    if (IsTableRow(sentence)) {
      ++doc.table_rows;
      continue;
    }
    parse_timed_out = false;
    DocumentPeople document_people{&syntax, &people, coref.get(), i};
    std::vector<Extraction> found =
        ExtractOne(impl_->dict, *lexicon_, impl_->options, sentence, &ctx, &heads, &outcome, &types,
                   annotations[i], &values, impl_->syntax.get(), &document_people);
    if (parse_timed_out) ++doc.timed_out;
    for (const Extraction& x : found) {
      if ((x.rule == "title-of" || x.rule == "appointed" || x.rule == "appos-role") &&
          x.record.predicate.ends_with(" of")) {
        ctx.holder_of.emplace(x.record.subject, x.record.object);
      }
      // The title's last word: "be president of" -> president, (be, finance minister) ->
      // minister.
      if (auto t = types.find(x.record.subject); t != types.end() &&
                                                 t->second == EntityType::kPerson &&
                                                 (x.rule == "title" || x.rule == "title-of" ||
                                                  x.rule == "appos" || x.rule == "appos-role")) {
        std::string title = x.record.predicate == "be" ? x.record.object : x.record.predicate;
        if (title.ends_with(" of")) title.resize(title.size() - 3);
        if (const size_t sp = title.rfind(' '); sp != std::string::npos) title.erase(0, sp + 1);
        if (!title.empty()) ctx.bearers_of[title].insert(x.record.subject);
      }
    }
    // Every name the sentence mentioned counts for "the company" and pronouns later, also those
    // that were only modifiers ("Royal Dutch Shell chief executive ...").
    UpdateContext(annotations[i], *lexicon_, &ctx);
    // (A quotation's speaker: a report without quotation marks is no quotation to go on.)
    if (!ctx.sentence_speaker.empty() && (own_marks > 0 || ctx.quote_open)) {
      last_quote_speaker = ctx.sentence_speaker;
    } else if (!ctx.quote_open) {
      last_quote_speaker.clear();
    }
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
        doc.skipped_reasons.push_back(
            sentence.size() > impl_->options.max_sentence_bytes
                ? fmt::format("over {} bytes", impl_->options.max_sentence_bytes)
            : FindInvalidUtf8(sentence) ? std::string("invalid UTF-8")
                                        : fmt::format("over {} words", kMaxUdWords));
        break;
    }
    for (Extraction& x : found) {
      if (x.use == Extraction::Use::kSurface) continue;
      // A pronoun that names nobody the document mentioned makes no node, and "we" or "you"
      // never one: a bare "We" would be one node for every speaker of every document.
      // (The UD reading names "we" and "I" itself, and a "mine" it names is the noun.)
      auto unnamed = [&x](const std::string& s) {
        return IsPronoun(s) || (x.rule.empty() && IsFirstOrSecondPerson(s));
      };
      if (unnamed(x.record.subject) || unnamed(x.record.object)) continue;
      // A qualifier that names nobody ("..., he said" where "he" resolves to no one the document
      // names) is left out; what the statement says stays.
      std::erase_if(x.record.qualifiers, [&](const Qualifier& q) { return unnamed(q.value); });
      // A bare unit of time ("rose from a year", "the week", "today"), a reporting verb read
      // as a noun, or the audience of a saying ("told reporters") names nothing the graph can
      // join on.
      if (IsVagueNode(x.record.subject) || IsVagueNode(x.record.object)) continue;
      if (AboutNoEntity(x, types)) continue;
      if (!IsGraphStatement(x.record)) continue;
      // A node without a word is a number (a value) or a misparse ("...", ":").
      bool wordless = false;
      for (const std::string* end : {&x.record.subject, &x.record.object}) {
        if (HasLetter(*end)) continue;
        // A value the recogniser read ("26%", "$40") is one, letters or not.
        if (auto known = types.find(*end); known != types.end() && IsValueType(known->second)) {
          continue;
        }
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
      if (ctx.headline) {
        x.record.qualifiers.push_back({"section", "headline"});
        std::sort(x.record.qualifiers.begin(), x.record.qualifiers.end());
      }
      doc.statements.push_back(std::move(x));
    }
  }
  GiveAgents(*lexicon_, types, &doc.statements);
  std::set<std::string> named;
  for (const Extraction& x : doc.statements) {
    named.insert(x.record.subject);
    named.insert(x.record.object);
    for (const Qualifier& q : x.record.qualifiers) {
      // "negative", "would", "headline": how and where a statement holds, not what it names.
      if (q.role != "polarity" && q.role != "modality" && q.role != "section") {
        named.insert(q.value);
      }
    }
  }
  // What the document says a name does: a company buys, sells, reports and hires. A one-word
  // name that does so, typed a place the lexicon does not know, a product or event, or not typed
  // at all, is a company ("Heineken raised prices", typed a place for its sound; "Vodafone
  // bought a stake in Verizon").
  std::set<std::string> acting;
  for (const Extraction& x : doc.statements) {
    const std::string& p = x.record.predicate;
    if (p == "be" || p.starts_with("be ")) continue;
    acting.insert(x.record.subject);
    const bool owning = p.starts_with("buy") || p.starts_with("acquire") || p.starts_with("own") ||
                        p.starts_with("merge") || p.starts_with("take over") ||
                        p.starts_with("invest");
    if (owning) acting.insert(x.record.object);
    const bool stake = x.record.object == "stake" || x.record.object.ends_with(" stake");
    for (const Qualifier& q : x.record.qualifiers) {
      if (stake && q.role == "in") acting.insert(q.value);
    }
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
      if (std::optional<NumberNode> number = ReadNumberNode(n)) {
        known = number->type;
        if (number->normalised != n) values.try_emplace(n, number->normalised);
      }
    }
    if (common && !IsValueType(known)) known = EntityType::kConcept;
    e.type = known != EntityType::kOther   ? known
             : lexicon_->IsPlace(n)        ? EntityType::kPlace
             : lexicon_->IsOrganisation(n) ? EntityType::kOrganisation
                                           : EntityType::kOther;
    // A one-word name the lexicon knows as a place, or the recogniser's place list holds and
    // no list of organisations or common words does, is that place, whatever the recogniser
    // guessed from its verbs ("Tokyo said", "the Philippines agreed").
    const bool one_word = n.find(' ') == std::string::npos;
    const bool place = one_word && (lexicon_->IsPlace(n) || ListedPlace(n));
    if (e.type == EntityType::kOrganisation && place) e.type = EntityType::kPlace;
    if ((e.type == EntityType::kPlace || e.type == EntityType::kMisc ||
         e.type == EntityType::kOther) &&
        acting.count(n) != 0 && !place && !lexicon_->IsGivenName(n) && one_word) {
      e.type = EntityType::kOrganisation;
    }
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
  const std::string scope = DocumentScope(document_name);
  std::set<std::string, std::less<>> kinds;
  for (const EntityInfo& e : doc->entities) {
    if (e.type == EntityType::kConcept && IsCommonDescription(e.name)) kinds.insert(e.name);
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

Annotations AnnotateSentence(const entities::Recogniser& recogniser, const Lexicon& lexicon,
                             std::string_view sentence) {
  std::vector<Annotations> one =
      Annotate(recogniser, sentence, {SentenceSpan{0, sentence.size()}}, std::nullopt, lexicon);
  return one.empty() ? Annotations{} : std::move(one.front());
}

}  // namespace weft::extract
