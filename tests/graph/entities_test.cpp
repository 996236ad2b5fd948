// The entity recogniser: tokeniser, model file, training, scoring.
#include <catch2/catch.hpp>

#include "graph/base/error.h"
#include "graph/entities/conll.h"
#include "graph/entities/document.h"
#include "graph/entities/recogniser.h"
#include "graph/entities/resolution.h"
#include "graph/entities/tokenizer.h"
#include "graph/entities/trainer.h"
#include "graph/entities/values.h"
#include "graph/eval/conll.h"

using namespace weft;
using namespace weft::entities;

TEST_CASE("the tokeniser splits as CoNLL-2003's text is split", "[entities]") {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    for (const Token& t : Tokenize(s)) out.push_back(t.text);
    return out;
  };
  CHECK(words("Shell's profit rose 15% to $1.04bn.") ==
        std::vector<std::string>{"Shell", "'s", "profit", "rose", "15", "%", "to", "$", "1.04bn",
                                 "."});
  CHECK(words("\"The U.S.-based firm,\" he said (again).") ==
        std::vector<std::string>{"\"", "The", "U.S.-based", "firm", ",", "\"", "he", "said", "(",
                                 "again", ")", "."});
  CHECK(words("Mr. Smith joined Acme Inc. in the U.S.") ==
        std::vector<std::string>{"Mr.", "Smith", "joined", "Acme", "Inc.", "in", "the", "U.S."});
}

namespace {

// "normalised (kind)" of each value in `text`.
std::vector<std::string> ValuesOf(std::string_view text,
                                  std::optional<CalendarDate> date = std::nullopt) {
  std::vector<std::string> out;
  for (const Value& v : FindValues(Tokenize(text), text, date)) {
    out.push_back(v.normalised + " (" + std::string(ValueKindName(v.kind)) + ")");
  }
  return out;
}

}  // namespace

TEST_CASE("values: money, percentages, dates and quantities, normalised", "[entities][values]") {
  using V = std::vector<std::string>;
  CHECK(ValuesOf("It paid $1.04bn.") == V{"1040000000 USD (money)"});
  CHECK(ValuesOf("a loss of £546m") == V{"546000000 GBP (money)"});
  CHECK(ValuesOf("worth 253m euros") == V{"253000000 EUR (money)"});
  CHECK(ValuesOf("for 1.2 billion dollars") == V{"1200000000 USD (money)"});
  CHECK(ValuesOf("profit of 15 mln dlrs") == V{"15000000 USD (money)"});
  CHECK(ValuesOf("sold for 40 Swiss francs") == V{"40 CHF (money)"});
  CHECK(ValuesOf("up 15%") == V{"15% (percent)"});
  CHECK(ValuesOf("a 20-25% rise") == V{"20-25% (percent)"});
  CHECK(ValuesOf("fell 15 pct") == V{"15% (percent)"});
  CHECK(ValuesOf("rose 3.5 per cent") == V{"3.5% (percent)"});
  // Market fractions: whole and eighths before a percentage; a bare fraction is no value.
  CHECK(ValuesOf("cut by 1-1/4 pct to 7-3/4 pct") == V{"1.25% (percent)", "7.75% (percent)"});
  CHECK(ValuesOf("up 7/8 pct") == V{"0.875% (percent)"});
  CHECK(ValuesOf("due on 3/4").empty());
  CHECK(ValuesOf("until 31 December") == V{"--12-31 (date)"});
  CHECK(ValuesOf("in April 2004") == V{"2004-04 (date)"});
  CHECK(ValuesOf("in September, 1984") == V{"1984-09 (date)"});
  CHECK(ValuesOf("on Feb 26, 1987") == V{"1987-02-26 (date)"});
  CHECK(ValuesOf("delayed until 2027") == V{"2027 (date)"});
  CHECK(ValuesOf("sales in January") == V{"--01 (date)"});
  CHECK(ValuesOf("sales in January", CalendarDate{1987, 2, 26}) == V{"1987-01 (date)"});
  CHECK(ValuesOf("May rose").empty());
  // Relative dates need the document's date: 26 February 1987 was a Thursday.
  CalendarDate doc{1987, 2, 26};
  CHECK(ValuesOf("said on Tuesday", doc) == V{"1987-02-24 (date)"});
  CHECK(ValuesOf("said on Tuesday").empty());
  CHECK(ValuesOf("profit last year", doc) == V{"1986 (date)"});
  // A month without its year is the one nearest the document's date: a February report's
  // "December" is the last one, its "April 29" the next.
  CHECK(ValuesOf("orders fell in December", doc) == V{"1986-12 (date)"});
  CHECK(ValuesOf("talks collapsed November 7", doc) == V{"1986-11-07 (date)"});
  CHECK(ValuesOf("the offer expires April 29", doc) == V{"1987-04-29 (date)"});
  CHECK(ValuesOf("sales in August", doc) == V{"1987-08 (date)"});
  CHECK(ValuesOf("hired 200 engineers") == V{"200 engineers (quantity)"});
  CHECK(ValuesOf("12.4 million visitors") == V{"12400000 visitors (quantity)"});
  CHECK(ValuesOf("arrivals of 155,221 bags") == V{"155221 bags (quantity)"});
  CHECK(ValuesOf("a total of 5.93 mln against 5.81") == V{"5930000 (quantity)", "5.81 (quantity)"});
  // Not values: a bare small number, a model name, "May" the name.
  CHECK(ValuesOf("the G7 met in May and chose 3").empty());
}

TEST_CASE("document dates in the forms news feeds use", "[entities][values]") {
  CHECK(ParseDocumentDate("26-FEB-1987 15:01:01.79") == CalendarDate{1987, 2, 26});
  CHECK(ParseDocumentDate(" 2-MAR-1987 08:29:05.15") == CalendarDate{1987, 3, 2});
  CHECK(ParseDocumentDate("2-MAR-1987") == CalendarDate{1987, 3, 2});
  CHECK_FALSE(ParseDocumentDate("2-XYZ-1987").has_value());
  CHECK(ParseDocumentDate("1987-02-26T15:01:01Z") == CalendarDate{1987, 2, 26});
  CHECK(ParseDocumentDate("Feb 26, 1987") == CalendarDate{1987, 2, 26});
  CHECK_FALSE(ParseDocumentDate("yesterday").has_value());
  CHECK_FALSE(ParseDocumentDate("1987-02-30").has_value());
}

namespace {

const std::string kFixtures = std::string(WEFT_TEST_DATA) + "/graph/fixtures";

// "text TYPE" of each mention the shipped model finds in `text` (sentences split at blank lines).
std::vector<std::string> MentionsOf(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> sentences;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find("\n\n", b);
    if (e == std::string::npos) e = text.size();
    sentences.emplace_back(b, e);
    b = e + 2;
  }
  Recogniser r(SharedModel());
  std::vector<std::string> out;
  for (const Mention& m : r.Recognise(text, sentences)) {
    out.push_back(m.text + " " + std::string(EntityClassName(m.type)));
  }
  return out;
}

}  // namespace

TEST_CASE("the shipped model types names in sentences written for weft", "[entities]") {
  using V = std::vector<std::string>;
  // Possessives, titles before names.
  CHECK(MentionsOf("Shell's chief executive Judy Boynton met officials in Washington.") ==
        V{"Shell ORG", "Judy Boynton PER", "Washington LOC"});
  // A headline in capitals.
  auto headline = MentionsOf("SHELL CUTS JOBS IN NIGERIA");
  CHECK(headline == V{"SHELL ORG", "NIGERIA LOC"});
  // A person named like a place, and the place.
  CHECK(MentionsOf("Paris Hilton flew to Paris with Jordan Smith, who visited Jordan.") ==
        V{"Paris Hilton PER", "Paris LOC", "Jordan Smith PER", "Jordan LOC"});
  // Hyphenated adjectives of place, multi-word organisations and events.
  CHECK(MentionsOf("The U.S.-based group met the European Commission before the Olympic Games "
                   "in London.") ==
        V{"U.S.-based MISC", "European Commission ORG", "Olympic Games MISC", "London LOC"});
}

TEST_CASE("CoNLL data: tags, documents, and bad input named by file and line", "[entities]") {
  auto data = ReadConll(kFixtures + "/ner-small.conll");
  REQUIRE(data.size() == 6);
  CHECK(data[0].document == 1);
  CHECK(data[0].spans == std::vector<TokenSpan>{{0, 2, EntityClass::kOrganisation},
                                                {3, 5, EntityClass::kPerson},
                                                {6, 7, EntityClass::kPlace}});
  CHECK(data[3].spans == std::vector<TokenSpan>{{1, 2, EntityClass::kMisc}});
  auto message = [](const std::string& file) {
    try {
      ReadConll(kFixtures + "/" + file);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("ner-bad-columns.conll"),
             Catch::Contains("ner-bad-columns.conll:2: expected 3 columns, found 2"));
  CHECK_THAT(message("ner-bad-tag.conll"),
             Catch::Contains("ner-bad-tag.conll:2: unknown tag 'X-VERB'"));
  CHECK_THAT(message("ner-empty.conll"), Catch::Contains("no tokens"));
  CHECK_THAT(message("missing.conll"), Catch::Contains("cannot open"));
}

TEST_CASE("training is deterministic and the model file refuses damage", "[entities]") {
  auto data = ReadConll(kFixtures + "/ner-small.conll");
  TrainOptions options;
  options.epochs = 5;
  options.folds = 2;
  Gazetteer gazetteer;
  gazetteer.Add("Lisbon", GazetteerList::kPlace);
  std::string first = Train(data, gazetteer, options)->Serialise();
  std::string second = Train(data, gazetteer, options)->Serialise();
  CHECK(first == second);
  options.seed = 7;
  CHECK(Train(data, gazetteer, options)->Serialise() != first);

  // The bytes read back into the same model.
  auto model = Model::FromBytes(first, "m");
  CHECK(model->Serialise() == first);
  auto refused = [](const std::string& bytes) {
    try {
      Model::FromBytes(bytes, "m.model");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused(first.substr(0, first.size() / 2)),
             Catch::Contains("m.model: damaged or truncated"));
  std::string flipped = first;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x10);
  CHECK_THAT(refused(flipped), Catch::Contains("checksum mismatch"));
  std::string newer = first;
  newer[8] = static_cast<char>(Model::kFormatVersion + 1);  // the version follows the magic
  CHECK_THAT(refused(newer), Catch::Contains("newer than this weft reads"));
  CHECK_THAT(refused("PK\x03\x04 not a model"), Catch::Contains("not a weft entity model"));
  CHECK_THAT(refused(""), Catch::Contains("not a weft entity model"));
}

TEST_CASE("the CoNLL scorer counts exact span and type matches", "[eval]") {
  using S = std::vector<TokenSpan>;
  eval::ConllScore score;
  // Gold: ORG [0,2), PER [3,5), LOC [6,7). Predicted: ORG right, PER too short, LOC as PER.
  eval::AddSentence(S{{0, 2, EntityClass::kOrganisation},
                      {3, 5, EntityClass::kPerson},
                      {6, 7, EntityClass::kPlace}},
                    S{{0, 2, EntityClass::kOrganisation},
                      {3, 4, EntityClass::kPerson},
                      {6, 7, EntityClass::kPerson}},
                    8, &score);
  CHECK(score.overall.correct == 1);
  CHECK(score.overall.Precision() == Approx(1.0 / 3));
  CHECK(score.overall.Recall() == Approx(1.0 / 3));
  CHECK(score.overall.F1() == Approx(1.0 / 3));
  const auto& per = score.by_type[static_cast<int>(EntityClass::kPerson)];
  CHECK(per.gold == 1);
  CHECK(per.predicted == 2);
  CHECK(per.F1() == 0);
  CHECK(score.by_type[static_cast<int>(EntityClass::kOrganisation)].F1() == 1);
  // A second sentence with nothing in it changes only the token count.
  eval::AddSentence({}, {}, 4, &score);
  CHECK(score.tokens == 12);
  CHECK(score.overall.F1() == Approx(1.0 / 3));
}

namespace {

// The canonical name of each mention of `names` ("Name/TYPE").
std::vector<std::string> Canonical(const std::vector<std::string>& names) {
  std::vector<NamedMention> mentions;
  for (const std::string& n : names) {
    size_t slash = n.rfind('/');
    mentions.push_back({n.substr(0, slash), *ParseEntityClass(n.substr(slash + 1))});
  }
  std::vector<std::string> out;
  for (const ResolvedName& r : ResolveNameVariants(mentions)) {
    out.push_back(r.canonical + "/" + std::string(EntityClassName(r.type)));
  }
  return out;
}

}  // namespace

TEST_CASE("name variants in a document resolve to the fullest name", "[entities][resolution]") {
  using V = std::vector<std::string>;
  // Surname, title and surname, title and first name.
  CHECK(Canonical({"Judy Boynton/PER", "Ms Boynton/PER", "Boynton/PER"}) ==
        V{"Judy Boynton/PER", "Judy Boynton/PER", "Judy Boynton/PER"});
  CHECK(Canonical({"Sir Phil Watts/PER", "Sir Phil/PER"}) ==
        V{"Sir Phil Watts/PER", "Sir Phil Watts/PER"});
  // Two people who share a surname stay apart, and so does the bare surname.
  CHECK(Canonical({"Judy Boynton/PER", "Tom Boynton/PER", "Boynton/PER"}) ==
        V{"Judy Boynton/PER", "Tom Boynton/PER", "Boynton/PER"});
  // An organisation's short form, its suffix, an acronym, spacing and case.
  CHECK(Canonical({"Northwind Systems/ORG", "Northwind/ORG"}) ==
        V{"Northwind Systems/ORG", "Northwind Systems/ORG"});
  CHECK(Canonical({"Fabrikam Inc/ORG", "Fabrikam/ORG"}) ==
        V{"Fabrikam Inc/ORG", "Fabrikam Inc/ORG"});
  CHECK(Canonical({"World Health Organisation/ORG", "WHO/ORG"}) ==
        V{"World Health Organisation/ORG", "World Health Organisation/ORG"});
  // An acronym with its suffix's initial.
  CHECK(Canonical({"Contoso Petroleum Corp/ORG", "CPC/ORG"}) ==
        V{"Contoso Petroleum Corp/ORG", "Contoso Petroleum Corp/ORG"});
  CHECK(Canonical({"Time Warner/ORG", "TimeWarner/ORG"}) ==
        V{"Time Warner/ORG", "Time Warner/ORG"});
  // A short form the tagger typed as a person joins the organisation it begins.
  CHECK(Canonical({"Northwind Systems/ORG", "Northwind/PER"}) ==
        V{"Northwind Systems/ORG", "Northwind Systems/ORG"});
  // Incompatible types stay apart: a place is not the newspaper named after it.
  CHECK(Canonical({"Washington Post/ORG", "Washington/LOC"}) ==
        V{"Washington Post/ORG", "Washington/LOC"});
  // Two organisations that begin alike leave the short form alone.
  CHECK(Canonical({"Northwind Systems/ORG", "Northwind Traders/ORG", "Northwind/ORG"}) ==
        V{"Northwind Systems/ORG", "Northwind Traders/ORG", "Northwind/ORG"});
  // An organisation's closing words, two or more, typed as the recogniser typed them.
  CHECK(Canonical({"A.B. Contoso Capital Inc/ORG", "Contoso Capital/PER"}) ==
        V{"A.B. Contoso Capital Inc/ORG", "A.B. Contoso Capital Inc/ORG"});
  // One closing word alone is not enough, nor are words two organisations end alike with.
  CHECK(Canonical({"A.B. Contoso Capital Inc/ORG", "Capital/ORG"}) ==
        V{"A.B. Contoso Capital Inc/ORG", "Capital/ORG"});
  CHECK(Canonical({"Fabrikam Contoso Capital/ORG", "Litware Contoso Capital/ORG",
                   "Contoso Capital/ORG"}) ==
        V{"Fabrikam Contoso Capital/ORG", "Litware Contoso Capital/ORG", "Contoso Capital/ORG"});
  // Two legal forms of one name are two companies (a holding and its unit); "Corporation" is
  // "Corp". The short form is the one named first, the bare full name too.
  CHECK(Canonical({"Contoso Airlines Corp/ORG", "Contoso Airlines Ltd./ORG", "Contoso/ORG",
                   "Contoso Airlines/ORG", "Contoso Airlines Corporation/ORG"}) ==
        V{"Contoso Airlines Corporation/ORG", "Contoso Airlines Ltd./ORG",
          "Contoso Airlines Corporation/ORG", "Contoso Airlines Corporation/ORG",
          "Contoso Airlines Corporation/ORG"});
  // "Group" is no legal form: "Contoso Group Inc" and "Contoso Inc" are one.
  CHECK(Canonical({"Contoso Group Inc/ORG", "Contoso Inc/ORG"}) ==
        V{"Contoso Group Inc/ORG", "Contoso Group Inc/ORG"});
}

TEST_CASE("document evidence counted once equals counting per sentence", "[entities]") {
  std::vector<std::vector<std::string>> text = {
      {"Northwind", "Systems", "hired", "Ana", "Ribeiro", "."},
      {"Northwind", "said", "Ribeiro", "starts", "Monday", "."},
      {"Lisbon", "welcomed", "Northwind", "and", "Contoso", "."},
      {"Contoso", "did", "not", "."}};
  using S = std::vector<TokenSpan>;
  std::vector<S> first = {{{0, 2, EntityClass::kOrganisation}, {3, 5, EntityClass::kPerson}},
                          {{0, 1, EntityClass::kPlace}, {2, 3, EntityClass::kPerson}},
                          {{0, 1, EntityClass::kPlace}, {2, 3, EntityClass::kOrganisation}},
                          {}};
  std::vector<std::vector<std::string_view>> sentences;
  for (const auto& s : text) sentences.emplace_back(s.begin(), s.end());
  DocumentCounts counts(sentences, first);
  for (size_t s = 0; s < sentences.size(); ++s) {
    History once = counts.Evidence(s);
    History each = DocumentHistory(sentences, first, s, {0, sentences.size()});
    REQUIRE(once.size() == each.size());
    for (size_t i = 0; i < once.size(); ++i) {
      CHECK(once[i].majority == each[i].majority);
      CHECK(once[i].longer == each[i].longer);
      CHECK(once[i].unlabelled == each[i].unlabelled);
    }
  }
  // "Northwind" in the second sentence: organisation twice elsewhere, once in a longer name.
  History second = counts.Evidence(1);
  CHECK(second[0].majority == 2);
  CHECK(second[0].longer == 2);
  CHECK(counts.Evidence(3)[0].unlabelled == 1);  // "Contoso" untagged mid-sentence before
}
