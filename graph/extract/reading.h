// Reading one linkage of a sentence into statements: the rules over Link Grammar's links
// (clauses, their subjects, objects and phrases; appositions, titles, possessives), with what the
// document knows so far for pronouns and "the company". Internal to the extractor.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/extract/extractor.h"
#include "graph/extract/lexicon.h"
#include "graph/extract/linkage.h"

namespace weft::extract {

// What the document knows so far, for pronouns and "the company".
// Cheap to copy: each linkage a sentence is read with gets its own copy.
struct Context {
  // Where each person the document gave a title holds it ("CME chairman Jack Sandner": CME), for
  // the "we" of what they say.
  std::map<std::string, std::string> holder_of;
  // The people the document gave each title ("president" -> {"Ronald Reagan"}), for "the
  // president said" later.
  std::map<std::string, std::set<std::string>> bearers_of;
  // The sentence being read is the document's headline ("USAir rejects TWA bid", "Algeria hit
  // by riots"): a participle after its subject is a passive.
  bool headline = false;
  // Who speaks a quotation in the sentence that names no speaker of its own (the extractor sets
  // it: the speaker of the quotation or report before it), whether the sentence opens inside a
  // quotation, and whom the sentence being read reports (the reader sets it).
  std::string quote_speaker, sentence_speaker;
  bool quote_open = false;
  std::string last_organisation, last_place, last_thing, last_subject, last_any;
  // The last country named, or named by its nationality ("Philippine officials"): what "the
  // country" names, where the last place may be a city ("in New York").
  std::string last_country;
  EntityType last_subject_type = EntityType::kOther;
  // The latest person who may be "she" (female or unknown) and who may be "he".
  std::string last_she, last_he;
  // The person each "he", "she", "his", "him" or "her" of the sentence being read names (by its
  // byte offset in the sentence), as the pronoun model chose; "" where it chose none of them.
  std::map<size_t, std::string> people_pronouns;
  // Mentions of each organisation in the sentences so far, and the order they were first
  // named in: the most mentioned is the one the document is about; on a tie the first named
  // (news names its subject first).
  std::map<std::string, int> organisation_mentions;
  std::vector<std::string> organisation_order;
  void CountOrganisation(const std::string& name) {
    if (organisation_mentions[name]++ == 0) organisation_order.push_back(name);
  }

  // The last organisation named before the sentence being read began (the extractor sets it).
  std::string organisation_before;

  // Records a typed name as the latest of its kind (values are not remembered).
  void RememberTyped(const std::string& name, EntityType t, Gender gender = Gender::kUnknown);

  // The name a third-person pronoun at byte `at` of the sentence stands for, or the pronoun
  // itself when none fits: the pronoun model's choice, then a person of a compatible gender;
  // for "it" and "they", the last named non-person subject, then the last organisation, and
  // with `any_thing` the last subject, thing or name of any kind after that.
  std::string Resolve(std::string_view pronoun, size_t at, bool any_thing) const;

  // The organisation mentioned most so far (the first named on a tie), or "".
  std::string SalientOrganisation() const {
    std::string best;
    int top = 0;
    for (const std::string& name : organisation_order) {
      const int n = organisation_mentions.at(name);
      if (n > top) {
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

// Leaves one of each statement read twice (two paths to one list member, two rules to one
// clause): the same use, ends, predicate, qualifiers, relation and arguments.
void RemoveRepeats(std::vector<Extraction>* found);

// A named mention or a value the recogniser found in a sentence: byte offsets into the sentence.
struct Annotation {
  size_t begin = 0;
  size_t end = 0;
  EntityType type = EntityType::kOther;
  std::string name;                  // the mention as written, without a possessive
  std::string normalised;            // values: "1200000000 USD"
  Gender gender = Gender::kUnknown;  // people
  // Whom a speaker told ("told Reuters", "in an interview with the Financial Times"): the
  // audience, never "the company" or "it" later.
  bool audience = false;
};
using Annotations = std::vector<Annotation>;

// What "the company" at byte `at` of a sentence names: the sentence's last organisation before
// it, else the last one before the sentence ("She joined the company from Contoso": not
// Contoso, named after it). Empty when there is none.
std::string OrganisationBefore(const Context& ctx, const Annotations& annotations, size_t at);
// The sentence's last name of `type` that ends by byte `at`, or nullptr.
const Annotation* LatestBefore(const Annotations& annotations, EntityType type, size_t at);

// Reads one linkage. Its statements come from Run(); what it learnt about the document (types,
// values, genders, new head nouns) is left in the public members for the caller to keep when it
// chooses this reading.
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

  std::vector<Extraction> Run();

  // Lowers the confidence of readings that show signs of a misparse, so that a threshold can
  // separate them: a relation without a letter, an empty or punctuation-only argument, a
  // relative pronoun left as the subject, very long arguments.
  static void Calibrate(Extraction* x);

 private:
  std::vector<int> Links(int w, std::string_view base, bool rightward) const;
  bool HasLabel(int w, std::string_view prefix, bool rightward, int* other = nullptr) const;
  bool HasBase(int w, std::string_view base, bool rightward, int* other = nullptr) const;
  bool IsConj(int w) const { return w_[w].tag.starts_with("j"); }

  // The conjuncts of a coordination ("Alibaba and Baidu"), or the word itself.
  void Expand(int w, std::vector<int>* out, std::set<int>* seen) const;
  std::vector<int> Conjuncts(int w) const;

  // The members of a list of examples: conjuncts, and the comma-joined names the parser links
  // as appositions ("the U.S., Ireland, Australia, and New Zealand").
  void ListMembers(int w, std::vector<int>* out, std::set<int>* seen) const;

  // The rest of a comma list of names the parser did not link as one ("like the U.S.,
  // Ireland, Australia, and New Zealand" read with Ireland as an apposition elsewhere): from the
  // last member, names separated only by commas and "and"/"or" belong to the list.
  void ListTail(std::vector<int>* members, std::set<int>* seen) const;

  // Words that modify noun head h from the left (adjectives, noun modifiers, name parts,
  // determiners), recursively.
  void Modifiers(int h, std::vector<int>* out, bool core) const;

  bool IsProper(int w) const;
  bool IsProperSpan(int h) const { return IsProper(h); }

  std::pair<size_t, size_t> Span(int h, bool core) const;

  // The words of a noun phrase with its modifiers and attachments ("research at a number of
  // chemical and biotechnology companies"), for Open IE output: the words reachable from the
  // head over phrase-internal links. Clause links (relatives, participles, subjects, objects of
  // verbs) end it; coordination is followed only below the head, so that each conjunct of
  // "Alibaba and Baidu" stays its own phrase.
  std::pair<size_t, size_t> PhraseSpan(int h) const;
  std::string SurfacePhrase(int h) const;

  // The surface of a possibly coordinated phrase: "Dr. Jagan , Janet Jagan and leaders of ...".
  std::string SurfaceAll(const std::vector<int>& heads) const;

  // The canonical name of the entity a noun phrase names.
  std::string EntityName(int h);

  // The recogniser's mention or value that word h is part of.
  const Annotation* AnnotationAt(int h) const;

  void RememberTyped(const std::string& name, EntityType t, Gender gender = Gender::kUnknown) {
    ctx_->RememberTyped(name, t, gender);
  }

  // The named entity a possessive pronoun before h stands for ("its" -> "Purolator"), or "".
  std::string PossessiveOwner(int h) const;

  // No determiner, or "the": "sales", "the shares"; not "a sale", "some shares", "its".
  bool OnlyDefiniteOrBare(int h) const;

  bool IsDemonstrative(int h) const;

  bool HasDefinite(int h) const;

  EntityType TypeOf(const std::string& name, int h) const;

  void Remember(const std::string& name, int h);

  std::string Resolve(std::string_view pronoun, size_t at) const {
    return ctx_->Resolve(pronoun, at, /*any_thing=*/true);
  }

  // A non-restrictive relative parsed as a clause of its own ("a boss, who is ..."): the
  // antecedent is the noun right before the comma.
  int NounBefore(int w) const;

  // The end of the words a clause head governs to its right: its links followed rightward
  // (and leftward within the clause), walls and the final full stop excluded.
  size_t ClauseEnd(int head, int clause_begin) const;

  // One subject-verb link: follows the verb chain, then emits statements.
  void Clause(int subject_word, int finite, std::vector<Extraction>* out);

  void Predicate(const std::vector<int>& subjects, int verb, int finite,
                 std::vector<Extraction>* out, bool participle_passive = false);

  // A phrase on a verb or on its object: the preposition and its objects.
  struct Prep {
    int word;
    std::vector<int> objects;
    std::string role;  // the qualifier's role when it is not the preposition itself
  };
  // One clause as Predicate reads it, stage by stage.
  struct ClauseState {
    std::vector<int> subjects;
    int verb = -1, finite = -1;
    int cur = -1;  // the main verb, at the end of the chain
    bool negated = false, passive = false;
    std::string modality;
    size_t rel_begin = 0, rel_end = 0;
    int object_host = -1;  // the word whose O links are the objects
    std::string lemma, relation;
    std::vector<int> objects;
    bool copula_adjective = false;
    int adj = -1;
    std::vector<Prep> preps;
    std::set<int> prep_words;
    std::set<int> object_preps;  // attached to an object: already inside its surface phrase
    std::vector<std::string> openers;
    std::vector<Prep> opener_preps;
    float confidence = 0;
    std::vector<int> subj, obj;  // the graph statement's
    std::string predicate;
    int object_prep = -1;  // the phrase whose object became the object, or -1
  };
  void ReadVerbChain(ClauseState* st, bool participle_passive);
  void ReadObjects(ClauseState* st, std::vector<Extraction>* out);
  void ReadPhrases(ClauseState* st);
  void ReadOpeners(ClauseState* st, std::vector<Extraction>* out);
  void SurfaceTuples(ClauseState* st, std::vector<Extraction>* out);
  bool GraphRoles(ClauseState* st);
  void EmitGraph(ClauseState* st, std::vector<Extraction>* out);
  std::string RoleOf(const Prep& p) const;
  void Collect(ClauseState* st, int from, std::string_view base) const;
  void ExpandExamples(Prep* p) const;
  // The index of the phrase of `word` in preps; -1 for none.
  static int IndexOf(const std::vector<Prep>& preps, int word);

  // "Tencent, a Chinese giant," -> (Tencent, be, Chinese giant).
  void Appositions(std::vector<Extraction>* out);

  // "Childers's biographer Andrew Boyle", "former U.S. Attorney Todd Graves": a title before a
  // name says what the person is.
  void Titles(std::vector<Extraction>* out);

  // "a prominent OpenAI researcher" -> (researcher, of, OpenAI); "Microsoft's staff" likewise.
  void Modifiers(std::vector<Extraction>* out);

  // "Tencent's recruitment of a prominent OpenAI researcher": an action noun with a possessor
  // and an of-phrase states the action -> (Tencent, recruit, OpenAI researcher).
  void Nominal(int head, int owner, std::vector<Extraction>* out);

  void Emit(int head, int owner, const char* predicate, std::vector<Extraction>* out);

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

}  // namespace weft::extract
