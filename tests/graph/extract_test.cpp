// Extraction rules on sentences written for weft, with the exact statements expected: where a
// test lists a Set, the document gives those statements and no others.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "graph/base/error.h"
#include "graph/extract/coreference.h"
#include "graph/extract/extractor.h"
#include "graph/extract/sentences.h"
#include "graph/extract/text_input.h"

using namespace weft;
using namespace weft::extract;

namespace {

const Extractor& Shared() {
  static std::unique_ptr<Extractor> e = Extractor::Create();
  return *e;
}

// Statements of a document as "subject | predicate | object | role: value ...".
std::set<std::string> Statements(const std::string& text) {
  std::set<std::string> out;
  for (const Extraction& x : Shared().ExtractDocument(text).statements) {
    std::string s = x.record.subject + " | " + x.record.predicate + " | " + x.record.object;
    for (const Qualifier& q : x.record.qualifiers) s += " | " + q.role + ": " + q.value;
    out.insert(s);
  }
  return out;
}

bool Has(const std::set<std::string>& s, const std::string& x) { return s.count(x) > 0; }

// The whole set a sentence must give: nothing missing, nothing more.
using Set = std::set<std::string>;

}  // namespace

TEST_CASE("active verbs, particles and noun modifiers", "[extract]") {
  CHECK(Statements("Tencent recruited a prominent OpenAI researcher.") ==
        Set{"Tencent | recruit | OpenAI researcher", "researcher | of | OpenAI"});
  CHECK(Statements("Northwind set up a lab in Lisbon.") ==
        Set{"Northwind | set up | lab | in: Lisbon"});
}

TEST_CASE("coordinated subjects and verbs give one statement each", "[extract]") {
  CHECK(Statements("Alibaba and Baidu have increased investment in proprietary AI chips.") ==
        Set{"Alibaba | increase | investment | in: AI chip",
            "Baidu | increase | investment | in: AI chip"});
  CHECK(Statements("Fabrikam acquired Litware and sold Contoso.") ==
        Set{"Fabrikam | acquire | Litware", "Fabrikam | sell | Contoso"});
}

TEST_CASE("passives take their agent as subject", "[extract]") {
  CHECK(Statements("The deal was approved by regulators in Brussels.") ==
        Set{"regulator | approve | deal | in: Brussels"});
}

TEST_CASE("appositions, negation, modality and pronouns", "[extract]") {
  CHECK(Statements("Tencent, a Chinese giant, did not comment. It may face fines.") ==
        Set{"Tencent | be | Chinese giant", "Tencent | face | fine | modality: may"});
  CHECK(Statements("Regulators could not verify the claims.") ==
        Set{"regulator | verify | claim | modality: could | polarity: negative"});
}

TEST_CASE("abbreviations do not split sentences and titles stay with names", "[extract]") {
  auto s = Statements("Dr. Smith joined Contoso.");
  CHECK(Has(s, "Dr. Smith | join | Contoso"));
  std::string text =
      "Dr. Ng moved to the U.S. in 2019. Shares rose 3.5 percent. \"We agree,\" she said. "
      "Contoso Inc. hired him.\n\nHeadline without a period\n\nNext paragraph.";
  std::vector<std::string> got;
  for (const SentenceSpan& sp : SplitSentences(text))
    got.push_back(text.substr(sp.begin, sp.end - sp.begin));
  CHECK(got == std::vector<std::string>{"Dr. Ng moved to the U.S. in 2019.",
                                        "Shares rose 3.5 percent.", "\"We agree,\" she said.",
                                        "Contoso Inc. hired him.", "Headline without a period",
                                        "Next paragraph."});
  // A ticker with a period inside it, at a sentence's end.
  text = "Contoso sold the unit to Litware SA <LITW.P>. Contoso now owns 24 pct of Fabrikam.";
  got.clear();
  for (const SentenceSpan& sp : SplitSentences(text))
    got.push_back(text.substr(sp.begin, sp.end - sp.begin));
  CHECK(got == std::vector<std::string>{"Contoso sold the unit to Litware SA <LITW.P>.",
                                        "Contoso now owns 24 pct of Fabrikam."});
}

TEST_CASE("statements carry sentence index, offsets and confidence", "[extract]") {
  std::string text = "Northwind opened a lab. Fabrikam acquired Litware.";
  DocumentExtraction d = Shared().ExtractDocument(text);
  REQUIRE(d.sentences.size() == 2);
  bool found = false;
  for (const Extraction& x : d.statements) {
    if (x.record.subject != "Fabrikam") continue;
    found = true;
    CHECK(x.record.evidence.sentence == 1);
    CHECK(text.substr(x.record.evidence.begin, x.record.evidence.end - x.record.evidence.begin) ==
          "Fabrikam acquired Litware.");
    CHECK(x.record.evidence.confidence > 0.5f);
  }
  CHECK(found);
  CHECK(d.parsed == 2);
}

TEST_CASE("degenerate input neither crashes nor hangs and is counted", "[extract]") {
  CHECK(Shared().ExtractDocument("").statements.empty());
  CHECK(Shared().ExtractDocument("\n\n   \n").sentences.empty());
  DocumentExtraction bad = Shared().ExtractDocument("Caf\xff\xfe sold beans.");
  CHECK(bad.skipped == 1);
  std::string long_line(1 << 20, 'a');
  DocumentExtraction big = Shared().ExtractDocument(long_line);
  CHECK(big.skipped == 1);
  std::string words;
  for (int i = 0; i < 500; ++i)
    words += (i % 7 == 0 ? "Contoso bought " : "more ") + std::string("shares ");
  words += ".";
  DocumentExtraction many = Shared().ExtractDocument(words);
  CHECK(many.fallbacks + many.skipped == 1);
  CHECK(
      LooksBinary(std::string("\x7f"
                              "ELF\0\0\1",
                              7)));
}

TEST_CASE("HTML and Markdown become plain text with sentence breaks", "[extract]") {
  std::string t = StripHtml(
      "<html><head><title>T</title><script>var x = '<p>';</script></head><body>"
      "<h1>Deal &amp; more</h1><p>Fabrikam acquired Litware.</p><!-- c --></body></html>");
  CHECK(t.find("var x") == std::string::npos);
  CHECK(t.find("Deal & more") != std::string::npos);
  CHECK(t.find("Fabrikam acquired Litware.") != std::string::npos);
  std::string m =
      StripMarkdown("# Title\n\nSome **bold** [link](http://x) text.\n```\ncode\n```\n");
  CHECK(m.find("Some bold link text.") != std::string::npos);
  CHECK(m.find("code") == std::string::npos);
  CHECK(m.find("http") == std::string::npos);
}

TEST_CASE("a headline in capitals or title case takes the case its body writes each word in",
          "[extract]") {
  const std::string body =
      "Fabrikam Inc said on Monday its board rejected the takeover bid. The USAir-style bid "
      "from Contoso was too low, Fabrikam said. Bids rarely succeed.";
  auto common = [](std::string_view w) { return w != "cftc" && w != "nymex"; };
  CHECK(TrueCaseHeadline("FABRIKAM <FAB> REJECTS CONTOSO'S TAKEOVER BID", body, common) ==
        "Fabrikam rejects Contoso's takeover bid");
  // Words the body lacks: an acronym stays in capitals, a common word is lower case, a word the
  // body writes only at a sentence's start is lower case when it is common.
  CHECK(TrueCaseHeadline("NYMEX TO SUBMIT PROPOSAL TO CFTC", body, common) ==
        "NYMEX to submit proposal to CFTC");
  CHECK(TrueCaseHeadline("BIDS FAIL", body, common) == "Bids fail");
  CHECK(TrueCaseHeadline("U.S. BIDS RISE 4.5 PCT", body, common) == "U.S. bids rise 4.5 pct");
  // A headline in title case is recased as one in capitals, but a word the body lacks keeps its
  // capital unless it is common; one in sentence case is kept as written.
  CHECK(TrueCaseHeadline("Fabrikam Rejects Contoso's Takeover Bid", body, common) ==
        "Fabrikam rejects Contoso's takeover bid");
  CHECK(TrueCaseHeadline("Nymex Bids Further", body, common) == "Nymex bids further");
  CHECK(TrueCaseHeadline("Fabrikam rejects bid from Nymex", body, common) ==
        "Fabrikam rejects bid from Nymex");
}

TEST_CASE("'it' prefers the last organisation, then the last named subject", "[extract]") {
  CHECK(Statements("Fabrikam acquired Litware. It opened a lab in Lisbon.") ==
        Set{"Fabrikam | acquire | Litware", "Fabrikam | open | lab | in: Lisbon"});
}

TEST_CASE("object control, two-object passives, quantities and example lists", "[extract]") {
  auto s = Statements("Recent tensions have prompted Northwind to offer relocation to its staff.");
  CHECK(Has(s, "Northwind | offer | relocation | to: Northwind staff"));  // "its staff"
  CHECK(!Has(s, "tension | offer | relocation | to: staff"));
  s = Statements("Hundreds of engineers were offered bonuses by Fabrikam.");
  CHECK(Has(s, "Fabrikam | offer | bonus | to: engineer"));
  CHECK(Statements("Contoso opened offices in countries like Ireland and Japan.") ==
        Set{"Contoso | open | office | in: Ireland", "Contoso | open | office | in: Japan"});
  // "U.S.," is given to the parser as one word; the entity keeps its canonical name.
  s = Statements("Contoso opened offices in countries like the U.S., Japan and Ireland.");
  CHECK(Has(s, "Contoso | open | office | in: United States"));
}

TEST_CASE("openers qualify the clause and reported clauses are kept whole", "[extract]") {
  CHECK(Statements("In 2023, Fabrikam acquired Litware.") ==
        Set{"Fabrikam | acquire | Litware | in: 2023"});
  auto found = Shared().ExtractSentence("Northwind said that it would open an office in Dublin.");
  bool reported = false;
  for (const Extraction& x : found) {
    if (x.relation == "said that" && x.arguments.size() == 2 && x.arguments[0] == "Northwind" &&
        x.arguments[1] == "it would open an office in Dublin") {
      reported = true;
    }
  }
  CHECK(reported);
}

TEST_CASE("the sentences of weft's brief give the statements it names", "[extract]") {
  auto s = Statements(
      "Microsoft has asked China-based AI staff to consider relocating, offering transfers to the "
      "U.S., Ireland, Australia and New Zealand.");
  CHECK(Has(s, "Microsoft | offer | transfer | to: United States"));
  CHECK(Has(s, "Microsoft | offer | transfer | to: Ireland"));
  CHECK(Has(s, "Microsoft | offer | transfer | to: Australia"));
  CHECK(Has(s, "Microsoft | offer | transfer | to: New Zealand"));
  CHECK(Has(s, "Microsoft | ask | AI staff"));
  // The destinations of an opportunity, listed after "like", each once, and no "to: transfer".
  s = Statements(
      "The engineers were given the opportunity to transfer to countries like the U.S., Ireland, "
      "Australia, and New Zealand.");
  CHECK(s == std::set<std::string>{"engineer | be given | opportunity | to: Australia",
                                   "engineer | be given | opportunity | to: Ireland",
                                   "engineer | be given | opportunity | to: New Zealand",
                                   "engineer | be given | opportunity | to: United States"});
}

TEST_CASE("an action noun with a possessor and an of-phrase states the action", "[extract]") {
  auto s = Statements("Fabrikam's acquisition of Litware was approved.");
  CHECK(Has(s, "Fabrikam | acquire | Litware"));
  s = Statements("Contoso's recruitment of a prominent Northwind researcher surprised analysts.");
  CHECK(Has(s, "Contoso | recruit | Northwind researcher"));
  // Nouns that look plural but are not keep their form.
  s = Statements("Contoso opened a series of offices.");
  CHECK(Has(s, "Contoso | open | series | of: office"));
}

TEST_CASE("a definite bare noun names the longer entity with that head", "[extract]") {
  auto s = Statements(
      "Hundreds of AI staff based in Lisbon are being offered relocation packages by Fabrikam. "
      "The staff were "
      "given the opportunity to transfer to countries like Ireland and Japan.");
  CHECK(Has(s, "Fabrikam | offer | relocation package | to: AI staff"));
  CHECK(Has(s, "AI staff | be given | opportunity | to: Ireland"));
  CHECK(Has(s, "AI staff | be given | opportunity | to: Japan"));
}

TEST_CASE("a title before a name says what the person is (Open IE output)", "[extract]") {
  bool title = false;
  for (const Extraction& x :
       Shared().ExtractSentence("Fabrikam hired former Contoso chief Maria Lopes.")) {
    if (x.relation == "be" &&
        x.arguments == std::vector<std::string>{"Maria Lopes", "former Contoso chief"}) {
      title = true;
    }
  }
  CHECK(title);
}

TEST_CASE("names are typed, values are typed values, pronouns are never nodes", "[extract]") {
  const std::string text =
      "Northwind Systems said it will open a research hub in Lisbon. Ana Ribeiro will lead the "
      "hub. She joined the company from Contoso in 2021. The hub will employ 200 engineers. "
      "Profit rose to £546m.";
  DocumentExtraction doc = Shared().ExtractDocument(text);
  std::map<std::string, EntityInfo> entities;
  for (const EntityInfo& e : doc.entities) entities[e.name] = e;
  REQUIRE(entities.count("Northwind Systems"));
  CHECK(entities["Northwind Systems"].type == EntityType::kOrganisation);
  REQUIRE(entities.count("Ana Ribeiro"));
  CHECK(entities["Ana Ribeiro"].type == EntityType::kPerson);
  REQUIRE(entities.count("£546m"));
  CHECK(entities["£546m"].type == EntityType::kMoney);
  CHECK(entities["£546m"].aliases == std::vector<std::string>{"546000000 GBP"});
  REQUIRE(entities.count("200 engineers"));
  CHECK(entities["200 engineers"].type == EntityType::kQuantity);
  const std::set<std::string> junk = {"$",   "%",   "m",  "bn",   "£",       "it",     "It",
                                      "she", "She", "he", "they", "Systems", "company"};
  for (const Extraction& x : doc.statements) {
    CHECK(junk.count(x.record.subject) == 0);
    CHECK(junk.count(x.record.object) == 0);
    for (const Qualifier& q : x.record.qualifiers) CHECK(junk.count(q.value) == 0);
  }
  // "She" and "the company" are the people and organisation the document named.
  auto s = Statements(text);
  CHECK(Has(s, "Ana Ribeiro | join | Northwind Systems | from: Contoso | in: 2021"));
  CHECK(Has(s, "Northwind Systems profit | rise to | £546m"));  // the document's company
}

TEST_CASE("a pronoun that names nobody makes no statement", "[extract]") {
  auto s = Statements("She opened a lab in Lisbon.");
  for (const std::string& x : s) CHECK(x.find("She") == std::string::npos);
}

TEST_CASE("pronouns agree in gender, and name variants are one entity with aliases", "[extract]") {
  const std::string text =
      "Royal Dutch Shell chief executive Judy Boynton resigned on Monday. Sir Phil Watts, the "
      "chairman, said Ms Boynton had led the company well. He praised her work.";
  DocumentExtraction doc = Shared().ExtractDocument(text);
  std::map<std::string, EntityInfo> entities;
  for (const EntityInfo& e : doc.entities) entities[e.name] = e;
  REQUIRE(entities.count("Judy Boynton"));
  CHECK(entities["Judy Boynton"].aliases == std::vector<std::string>{"Ms Boynton"});
  CHECK(entities.count("Ms Boynton") == 0);
  auto s = Statements(text);
  // "the company", in what Phil Watts said.
  CHECK(Has(s, "Judy Boynton | lead | Royal Dutch Shell | according_to: Phil Watts"));
  CHECK(Has(s, "Phil Watts | praise | Judy Boynton work"));  // "He", "her"
  // A name of one word is a surname, whatever first names lists share it ("Reagan" is one).
  CHECK(Has(Statements("Reagan said he would veto the bill."),
            "Reagan | veto | bill | modality: would"));
}

TEST_CASE("a node without a word is a typed number or no node at all", "[extract]") {
  DocumentExtraction doc = Shared().ExtractDocument(
      "Shares of Acme rose 5/8 to 15-1/2.\n\nThe index fell 11 points to 437.");
  std::map<std::string, EntityInfo> entities;
  for (const EntityInfo& e : doc.entities) entities[e.name] = e;
  REQUIRE(entities.count("15-1/2"));
  CHECK(entities["15-1/2"].type == EntityType::kQuantity);
  CHECK(entities["15-1/2"].aliases == std::vector<std::string>{"15.5"});
  REQUIRE(entities.count("437"));
  CHECK(entities["437"].type == EntityType::kQuantity);
  for (const Extraction& x : doc.statements) {
    for (const std::string& end : {x.record.subject, x.record.object}) {
      bool letter = std::any_of(end.begin(), end.end(), [](char c) { return std::isalpha(c); });
      if (!letter) CHECK(entities.count(end) == 1);
    }
  }
}

TEST_CASE("an agentless passive takes the agent the document gave the same event", "[extract]") {
  std::string text =
      "Contoso offered relocation opportunities to its AI staff. "
      "The staff were provided with the opportunity to transfer to Canada and Japan.";
  auto s = Statements(text);
  CHECK(Has(s, "Contoso | relocate | AI staff | to: Canada"));
  CHECK(Has(s, "Contoso | relocate | AI staff | to: Japan"));
  // Two organisations gave it: nobody is named the agent.
  text =
      "Contoso offered relocation opportunities to its AI staff. Fabrikam offered relocation "
      "opportunities to its AI staff too. The staff were provided with the opportunity to "
      "transfer to Canada.";
  s = Statements(text);
  for (const std::string& st : s) CHECK(st.find("relocate") == std::string::npos);
}

TEST_CASE("Syntax reads subjects, objects, possessors and prepositional objects", "[extract]") {
  const std::string text = "Judy Boynton met Tom Smith at his office.";
  // A name's part is on its head word: the first in a UD tree ("Boynton" hangs from "Judy" as
  // flat), the last in a Link Grammar linkage.
  ExtractorOptions link_grammar;
  link_grammar.parser = ParserKind::kLinkGrammar;
  std::unique_ptr<Extractor> lg = Extractor::Create(link_grammar);
  for (const Extractor* e : {&Shared(), static_cast<const Extractor*>(lg.get())}) {
    const bool ud = e == &Shared();
    std::vector<SyntacticWord> words = e->Syntax(text);
    REQUIRE(!words.empty());
    auto at = [&](std::string_view w) -> const SyntacticWord& {
      const size_t b = text.find(w);
      for (const SyntacticWord& x : words) {
        if (x.begin == b) return x;
      }
      FAIL("no word " << w);
      return words.front();
    };
    const SyntacticWord& judy = at(ud ? "Judy" : "Boynton");
    const SyntacticWord& tom = at(ud ? "Tom" : "Smith");
    CHECK(judy.role == Role::kSubject);
    CHECK(judy.main_subject);
    CHECK(tom.role == Role::kObject);
    CHECK(tom.clause == judy.clause);
    CHECK(tom.clause >= 0);
    CHECK(at("his").role == Role::kPossessor);
    CHECK(at("office").role == Role::kPrepObject);
    CHECK(at("office").preposition == "at");
    CHECK(at(ud ? "Boynton" : "Judy").role == Role::kNone);
    // No parse, no roles.
    CHECK(e->Syntax(std::string(3000, 'a')).empty());
  }
  // A conjunct plays the first's part: both met Sue.
  const std::string two = "Judy Boynton and Tom Smith met Sue Jones.";
  std::vector<SyntacticWord> words = Shared().Syntax(two);
  REQUIRE(!words.empty());
  for (const SyntacticWord& x : words) {
    if (x.begin == two.find("Tom")) CHECK(x.role == Role::kSubject);
  }
}

TEST_CASE("the only person in reach not of the other gender is who a pronoun names", "[extract]") {
  // A model that always chooses none.
  CorefModel none;
  none.weights["none"] = 100;
  const std::string text = "Pierre Peladeau spoke. Analysts said he plans to sell the plant.";
  TextSyntax syntax(Shared(), text);
  const size_t he = text.find("he plans") - text.find("Analysts");
  auto resolve = [&](const std::vector<PersonMention>& people) {
    return ResolvePeople(none, &syntax, people, 1);
  };
  CHECK(resolve({{0, 15, "Pierre Peladeau", Gender::kMale}}).at(he) == "Pierre Peladeau");
  CHECK(resolve({{0, 15, "Pierre Peladeau", Gender::kUnknown}}).at(he) == "Pierre Peladeau");
  // Of the other gender no candidate; one of two, the model's choice stands.
  CHECK(resolve({{0, 15, "Pierre Peladeau", Gender::kFemale}}).count(he) == 0);
  CHECK(resolve({{0, 15, "Pierre Peladeau", Gender::kMale}, {16, 22, "Spoke", Gender::kMale}})
            .at(he)
            .empty());
}

TEST_CASE("a pronoun subject names no one its own clause names after a preposition", "[extract]") {
  // A model that never chooses none.
  CorefModel some;
  some.weights["none"] = -100;
  const std::string text = "Talks ended. He agreed upon the formula with Pierre Peladeau.";
  TextSyntax syntax(Shared(), text);
  const size_t he = text.find("He") - text.find("He");
  const size_t at = text.find("Pierre");
  // Only Peladeau is in reach, and the clause's own oblique: "he" names no one.
  const std::map<size_t, std::string> got =
      ResolvePeople(some, &syntax, {{at, at + 15, "Pierre Peladeau", Gender::kMale}}, 1);
  REQUIRE(got.count(he) == 1);
  CHECK(got.at(he).empty());
}

TEST_CASE("the pronoun model learns a choice, keeps it on disk and is the same every time",
          "[extract]") {
  // Candidate features "near" and "far"; the gold answer is the "near" one, or none when the
  // case says so.
  std::vector<CaseFeatures> cases;
  std::vector<int> gold;
  for (int i = 0; i < 60; ++i) {
    CaseFeatures c;
    const bool flip = i % 2 == 1;
    c.candidates = {{"bias", flip ? "far" : "near"}, {"bias", flip ? "near" : "far"}};
    c.none = {"none", i % 5 == 0 ? "nobody" : "somebody"};
    c.excluded = {false, false};
    cases.push_back(c);
    gold.push_back(i % 5 == 0 ? -1 : flip ? 1 : 0);
  }
  CorefModel m = TrainCoref(cases, gold, {});
  CHECK(m.Choose(cases[1]) == 1);
  CHECK(m.Choose(cases[2]) == 0);
  CHECK(m.Choose(cases[0]) == -1);
  // Excluded candidates are never chosen.
  CaseFeatures excluded = cases[2];
  excluded.excluded = {true, false};
  std::vector<double> p;
  CHECK(m.Choose(excluded, &p) != 0);
  REQUIRE(p.size() == 3);
  CHECK(p[0] + p[1] + p[2] == Approx(1.0));
  CHECK(TrainCoref(cases, gold, {}).weights == m.weights);

  const std::string dir = std::filesystem::temp_directory_path() / "weft-coref-test";
  std::filesystem::create_directories(dir);
  m.Save(dir + "/m.model");
  CorefModel back = CorefModel::Load(dir + "/m.model");
  REQUIRE(back.weights.size() == m.weights.size());
  for (const auto& [f, w] : m.weights) CHECK(back.weights[f] == Approx(w).epsilon(1e-5));
  {
    std::ofstream bad(dir + "/bad.model");
    bad << CorefModel::kHeader << "\nnear\t0.5\nfar\tlots\n";
  }
  try {
    CorefModel::Load(dir + "/bad.model");
    FAIL("loaded a model with a bad weight");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("bad.model:3") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a pronoun names the person the model chooses, never one of the other gender",
          "[extract]") {
  // A sentence-initial "She" continues the previous sentence's subject.
  auto s = Statements("Judy Boynton hired Ana Ribeiro in March. She praised the new team.");
  CHECK(Has(s, "Judy Boynton | praise | team"));
  CHECK(!Has(s, "Ana Ribeiro | praise | team"));
  // Gender rules out the nearer person.
  s = Statements("Ana Ribeiro thanked John Watts in Lisbon. She opened a lab.");
  CHECK(Has(s, "Ana Ribeiro | open | lab"));
  CHECK(!Has(s, "John Watts | open | lab"));
  // A pronoun is never its own clause's other argument ("he" is not the man he summons), and
  // the main verb before a title is no part of it ("summoning Ambassador Max Kampelman").
  s = Statements(
      "President Reagan said the United States would offer a treaty. Reagan also said in a brief "
      "televised appearance in the briefing room that he was summoning Ambassador Max Kampelman "
      "and the other top negotiators home for consultations later this week.");
  CHECK(std::none_of(s.begin(), s.end(),
                     [](const std::string& x) { return x.starts_with("Max Kampelman | summon"); }));
  CHECK(Has(s, "Max Kampelman | be | ambassador"));
  // The text's parse serves the model: the same document twice gives the same statements.
  CHECK(Statements("Judy Boynton hired Ana Ribeiro in March. She praised the new team.") ==
        Statements("Judy Boynton hired Ana Ribeiro in March. She praised the new team."));
}

TEST_CASE("'we', 'our' and 'you' are never nodes of their own", "[extract]") {
  for (const std::string& s :
       Statements("We will buy Contoso. Our profits rose 20 pct. You should sell Litware.")) {
    CHECK(s.rfind("We |", 0) == std::string::npos);
    CHECK(s.rfind("Our |", 0) == std::string::npos);
    CHECK(s.rfind("You |", 0) == std::string::npos);
    CHECK(s.find("| We") == std::string::npos);
  }
}

TEST_CASE("initials before a name end no sentence, except before a word that opens one",
          "[extract]") {
  const std::string text =
      "The unit was formed by E.F. Hutton LBO. Prices rose in the U.S. The company said "
      "so. The U.S. Treasury agreed.";
  std::vector<std::string> got;
  for (const SentenceSpan& sp : SplitSentences(text))
    got.push_back(text.substr(sp.begin, sp.end - sp.begin));
  CHECK(got == std::vector<std::string>{"The unit was formed by E.F. Hutton LBO.",
                                        "Prices rose in the U.S.", "The company said so.",
                                        "The U.S. Treasury agreed."});
}

TEST_CASE("'the bank' is the last organisation with 'Bank' in its name", "[extract]") {
  auto s = Statements(
      "Peoples National Bank lent money to investors. A judge of the U.S. District Court heard "
      "the case. Samuel Yonnone, senior vice president of the bank, pleaded guilty.");
  CHECK(Has(s, "Samuel Yonnone | be senior vice president of | Peoples National Bank"));
}

TEST_CASE("institutions news names short are one entity with their long names", "[extract]") {
  CHECK(Has(Statements("The OECD praised the Fed."),
            "Organisation for Economic Cooperation and Development | praise | Federal Reserve"));
}
