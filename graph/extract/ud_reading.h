// Reading a sentence's UD tree into statements: named rules over Universal Dependencies
// relations (docs/extraction.md has the table), with what the document knows so far for
// pronouns and "the company". Internal to the extractor; the Link Grammar reading is reading.h.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/extract/extractor.h"
#include "graph/extract/lexicon.h"
#include "graph/extract/reading.h"
#include "graph/syntax/model.h"

namespace weft::extract {

// One word of a parsed sentence: byte offsets into the sentence, tags, lemma, and its place in
// the tree (head -1 for the root; children in text order).
// Sentences with more words than this are not parsed for extraction: at that length a
// "sentence" is a table or a list, and the parser's tree says little about it.
constexpr size_t kMaxUdWords = 150;

struct UdWord {
  size_t begin = 0, end = 0;
  std::string form, lower, lemma, upos, xpos, rel;
  int head = -1;
  std::vector<int> kids;
};

// Splits `sentence` into words and parses it with `model`. The capitalised words of the names
// in `annotations` (people, organisations, places, other names; not values) are tagged as
// proper nouns: the recogniser, trained on news, knows "Northwind" at a sentence's start better
// than the tagger does.
std::vector<UdWord> ParseUd(const syntax::SyntaxModel& model, std::string_view sentence,
                            const Annotations* annotations = nullptr);

// The words' parts in their clauses, for the pronoun model.
std::vector<SyntacticWord> UdRoles(const std::vector<UdWord>& words);

class UdReader {
 public:
  UdReader(const Lexicon& lex, std::string_view text, const std::vector<UdWord>& words,
           Context* ctx, const HeadNames& heads, const Annotations& annotations)
      : lex_(lex), text_(text), w_(words), ctx_(ctx), heads_(heads), annotations_(annotations) {}

  std::vector<Extraction> Run();

  // What the reading learnt about the document, as SentenceAnalyser's members.
  std::map<std::string, EntityType> types_;
  std::map<std::string, std::string> values_;
  std::map<std::string, Gender> genders_;
  HeadNames new_heads_;

 private:
  // Rules (each stamps its name on what it makes).
  void ReadClause(int verb, std::vector<Extraction>* out);
  void ReadAppositions(std::vector<Extraction>* out);
  // "Pacific Western appointed Rhys Eaton as chairman": the person holds the office, at the
  // organisation that appoints.
  void ReadAppointments(std::vector<Extraction>* out);
  void ReadTitles(std::vector<Extraction>* out);
  void ReadPlaces(std::vector<Extraction>* out);
  void ReadNominals(std::vector<Extraction>* out);
  // "oil giant BP", "brokerage firm Merrill Lynch", "clearing agencies Cedel and Euroclear": a
  // description written before a name says what the name is.
  void ReadDescriptions(std::vector<Extraction>* out);
  // What follows a person's name between commas or brackets: an age ("Leonard Slutsky, 41,"),
  // a US politician's party and state ("William Proxmire, D-Wis,", "Paul Sarbanes, Maryland
  // Democrat").
  void ReadPersonAsides(std::vector<Extraction>* out);
  // A change written as a noun: "a 0.9 pct surge in consumer prices" is (consumer price, surge,
  // 0.9 pct); "orders fell 5 pct after a 4.8 pct rise in December" is also (order, rise, 4.8
  // pct, in: December).
  void ReadChanges(std::vector<Extraction>* out);
  // The verb's lemma as the graph names relations.
  std::string VerbLemma(int verb) const;

  // The clause's participants.
  std::vector<int> Subjects(int verb, int depth = 0) const;
  std::vector<int> Conjuncts(int w) const;
  std::vector<int> Kids(int w, std::string_view rel) const;  // rel or rel:subtype
  int Kid(int w, std::string_view rel) const;
  bool HasKid(int w, std::string_view rel) const { return Kid(w, rel) >= 0; }
  // Who holds the intention a noun names ("TWA's offer", "an attempt by Icahn", "USAir made an
  // offer"), for the infinitive that says what it is: none for other nouns.
  std::vector<int> IntentionOwners(int noun) const;
  // An infinitive of purpose: "cut jobs to save money" (after a verb that does not hand its
  // object the infinitive), or an adverbial "to" clause.
  bool IsPurpose(int verb) const;
  // A headline's infinitive after a saying verb's object ("Reagan says U.S. to offer missile
  // treaty"): what the object is said to do, the saying verb's subject the source.
  bool HeadlineReport(int verb) const;
  // "called on the Administration to remove barriers": the phrase whose noun does what the
  // verb's infinitive says, or -1.
  int OnWhom(int verb) const;
  // "difficult for the Fed to use monetary policy": the noun of the "for" right before an
  // infinitive's "to", its subject; or -1.
  int ForSubject(int verb) const;
  // The organisation that says, announces or appoints in a clause above word `w` ("Pacific
  // Western said it appointed ..."), not a government office; or "".
  std::string AnnouncingCompany(int w);
  // The organisation named last before byte `at` (in the sentence, else in the document) with
  // `head` in its name ("the bank" → "Peoples National Bank"), or "".
  std::string OrganisationNamed(std::string_view head, size_t at) const;
  // What word w stands for as a participant of verb: a relative pronoun's noun (the one its
  // clause modifies, or where the parser hung the clause elsewhere the noun right before it);
  // any other word itself.
  int Antecedent(int w, int verb) const;
  // The whole a word of quantity stands for ("much of the deficit", "some of the
  // vice-presidents"): its of-phrase; any other word itself.
  int PartOf(int w) const;
  // The name a common noun in apposition describes ("Goodyear, a concern that survived a bid":
  // the concern is Goodyear, for the clause that modifies it); else the noun itself.
  int DescribedName(int noun) const;
  // The first word of w's phrase: of its name parts (compounds, flat parts, a determiner) when
  // `name_only`, else of all but punctuation.
  int FirstWord(int w, bool name_only) const;
  // The name set beside a common noun in apposition ("the port union, FNV"), or -1.
  int AppositiveName(int h) const;
  // A verb with "to" before it: "to transfer".
  bool IsInfinitive(int w) const;
  // What a phrase names: its conjuncts, or the examples it lists ("countries like Ireland and
  // Japan" names Ireland and Japan).
  std::vector<int> Instances(int w) const;
  // The preposition of a phrase, with its fixed words ("such as", "because of"), or "".
  std::string CaseOf(int w) const;
  // The word that opens a clause ("of breaking", "from buying"), lower case, or "": its first
  // `mark`, or a `case` the parser gave it instead.
  std::string MarkOf(int verb) const;
  // Whether word `w` is inside a quotation: the sentence opened inside one, or its quotation
  // marks before the word leave one open.
  bool Quoted(int w) const;
  bool Negated(int verb) const;
  // Whether only a conjunction and adverbs stand between words `a` and `b` (a < b): "make or
  // sell", "buy and then sell".
  bool Adjoined(int a, int b) const;
  std::string Modality(int verb) const;

  // Names and phrases. A common noun's name keeps its compounds and numbers, and of its
  // adjectives those that open a term WordNet lists ("net income", "chief executive"), unless
  // `describe` (an apposition, a copula's complement: "a Chinese giant") keeps them all.
  std::string EntityName(int h, bool describe = false);
  // EntityName of a clause's subject, remembered as the document's last named subject (what
  // "it" and "he" may stand for next).
  std::string NoteSubject(int s);
  bool IsOrganisationName(const std::string& name) const;
  // "its board", "Contoso's directors": the organisation whose board or directors word `s`
  // (named `name`) is, which acts through them; "" otherwise.
  std::string BoardOwner(int s, const std::string& name) const;
  // Who owns a figure ("Shell's profits", "its sales", "GM sales", a bare "net income" in what an
  // organisation said), or "".
  std::string OwnerOf(int h);
  // The figure's words in common words: "net income", "profit".
  std::string FigureWords(int h) const;
  const Annotation* AnnotationAt(int h) const;
  // The first and last words inside an annotation's bytes, or -1 for each when none is.
  std::pair<int, int> WordsOf(const Annotation& a) const;
  // The plural common noun of its sentence that "they", "them" or "their" at `h` follows with
  // no organisation named between (the noun is meant), or -1.
  int PluralNounNearer(int h) const;
  // What "it" as the subject of an adverbial clause names in its own sentence: the named
  // subject of the clause it hangs from when the clause comes first ("Because of the costs it
  // has incurred, the GMB cannot ..."), or that clause's named object when its subject names
  // nothing ("failure to find buyers is damaging Zimbabwe, as it needs foreign exchange"); -1
  // for none.
  int ClauseAntecedent(int h) const;
  // Pronouns name what the document last named of their kind; "it" without a named subject or
  // organisation names nothing (a missing statement beats a wrong one).
  std::string Resolve(std::string_view pronoun, size_t at) const {
    return ctx_->Resolve(pronoun, at, /*any_thing=*/false);
  }
  // Whom a possessive pronoun at word `k` names ("its" the company before, "our" the speaker), or
  // "" when it names no one with a name.
  std::string PronounOwner(int k) const;
  std::string PossessiveOwner(int h) const;
  bool HasDeterminer(int h, std::string_view lemma) const;
  // The modifier of `h` that word `i` is, or is a conjunct or "and" of; -1 when none.
  int ModifierAnchor(int i, int h) const;
  // "International Monetary Fund managing director ...": a participle between a name (or a
  // determiner) and a title, part of the title whatever the tree says.
  bool InTitle(int i) const;
  // "..., buoyed by an economy on the mend": a participle with its agent, said of the clause's
  // subject.
  bool IsAbsoluteParticiple(int verb) const;
  // "were given a coupon and priced at par", "must be registered and shipped": a participle
  // joined to a passive, with no auxiliary or subject of its own, shares the passive's
  // auxiliaries.
  bool JoinedToPassive(int verb) const;
  bool OnlyDefiniteOrBare(int h) const;
  bool IsProper(int h) const { return w_[h].upos == "PROPN"; }
  void RememberTyped(const std::string& name, EntityType t, Gender gender = Gender::kUnknown) {
    ctx_->RememberTyped(name, t, gender);
  }
  void Remember(const std::string& name, int h);
  EntityType TypeOf(const std::string& name, int h) const;
  // The words of the phrase headed by h as written (for Open IE output): its subtree without
  // clauses, coordination kept unless `conjuncts` is false.
  std::string Surface(int h, bool conjuncts = true) const;
  std::string Words(int from, int to) const;  // words from..to inclusive as written
  // Where a noun WordNet lists ends that the adjective at `from` opens, with the next word or
  // with the words up to the head h ("net income", "gross domestic product"), or -1.
  int NounTermEnd(int from, int h) const;

  const Lexicon& lex_;
  std::string_view text_;
  const std::vector<UdWord>& w_;
  Context* ctx_;
  const HeadNames& heads_;
  const Annotations& annotations_;
  std::set<int> read_;          // clause heads already read
  std::string speaker_;         // the organisation whose words the clause being read reports, or ""
  std::string person_speaker_;  // the person whose words it reports ("I", "my"), or ""
  // The subjects a change verb's clause gave its figures, with the figure's words when the
  // subject is its owner ("net income" of (Contoso, net income fall, 5 pct)).
  std::map<int, std::vector<std::pair<std::string, std::string>>> figure_subjects_;
};

}  // namespace weft::extract
