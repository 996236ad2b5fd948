// The syntax layer: CoNLL-U reading, the tokeniser, projectivisation, training, the model file
// and the UD scorer, on sentences written for weft's tests.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "graph/base/error.h"
#include "graph/eval/ud.h"
#include "graph/syntax/conllu.h"
#include "graph/syntax/model.h"
#include "graph/syntax/parser.h"
#include "graph/syntax/tokenizer.h"
#include "graph/syntax/trainer.h"

namespace {

using weft::syntax::Sentence;

const std::string kTiny = std::string(WEFT_TEST_DATA) + "/graph/fixtures/syntax/tiny.conllu";

std::vector<Sentence> Parse(const std::string& text) {
  std::istringstream in(text);
  return weft::syntax::ReadConllu(in, "x.conllu");
}

std::string ErrorOf(const std::string& text) {
  try {
    Parse(text);
  } catch (const weft::InputError& e) {
    return e.what();
  }
  return "";
}

std::unique_ptr<weft::syntax::SyntaxModel> TrainTiny(uint64_t seed = 7, int beam = 4) {
  weft::syntax::SyntaxTrainOptions o;
  o.tagger_epochs = 8;
  o.parser_epochs = 12;
  o.folds = 1;
  o.seed = seed;
  o.beam_width = beam;
  o.parser_prune = 0;
  return weft::syntax::TrainSyntax(weft::syntax::ReadConlluFile(kTiny), "tiny.conllu", o);
}

}  // namespace

TEST_CASE("CoNLL-U is read with its trees and written back unchanged", "[syntax]") {
  std::vector<Sentence> s = weft::syntax::ReadConlluFile(kTiny);
  REQUIRE(s.size() == 6);
  CHECK(s[1].words[0].deprel == "nsubj:pass");
  CHECK(s[1].words[0].head == 3);
  std::ostringstream out;
  for (const Sentence& x : s) weft::syntax::WriteConllu(out, x);
  std::ifstream in(kTiny);
  std::stringstream original;
  original << in.rdbuf();
  CHECK(out.str() == original.str());
}

TEST_CASE("bad CoNLL-U names the line and the reason", "[syntax]") {
  const std::string ok = "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n";
  CHECK(ErrorOf(ok + "2\tB\tb\tX\tX\t_\t1\n") ==
        "x.conllu:2: expected 10 tab-separated columns, found 7");
  CHECK(ErrorOf(ok + "2\tB\tb\tX\tX\t_\t7\tdep\t_\t_\n") ==
        "x.conllu:2: head 7 is outside the sentence of 2 words");
  CHECK(ErrorOf("1\tA\ta\tX\tX\t_\t2\tdep\t_\t_\n2\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n").find("cycle") !=
        std::string::npos);
  CHECK(ErrorOf(ok + "2\tB\tb\tX\tX\t_\t1\tsubject\t_\t_\n") ==
        "x.conllu:2: unknown relation 'subject'");
  CHECK(ErrorOf(ok + "3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n").find("out of sequence") !=
        std::string::npos);
  CHECK(ErrorOf("") == "x.conllu: no sentences (an empty CoNLL-U file)");
  CHECK(ErrorOf("1\tA\xff\ta\tX\tX\t_\t0\troot\t_\t_\n").find("invalid UTF-8") !=
        std::string::npos);
  // Multiword tokens and empty nodes are kept aside, not counted as words.
  std::vector<Sentence> mw = Parse(
      "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n"
      "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n");
  CHECK(mw[0].words.size() == 2);
  CHECK(mw[0].other_lines.size() == 1);
}

TEST_CASE("the tokeniser splits words as the UD English treebanks do", "[syntax]") {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    for (const auto& t : weft::syntax::TokenizeWords(s)) out.push_back(t.text);
    return out;
  };
  CHECK(words("Shell's chief didn't say (yet).") == std::vector<std::string>{"Shell", "'s", "chief",
                                                                             "did", "n't", "say",
                                                                             "(", "yet", ")", "."});
  CHECK(words("U.S. sales rose 2.5% to $1.13bn, Mr. Smith said.") ==
        std::vector<std::string>{"U.S.", "sales", "rose", "2.5", "%", "to", "$", "1.13bn", ",",
                                 "Mr.", "Smith", "said", "."});
  CHECK(words("\xe2\x80\x9cWe can\xe2\x80\x99t,\xe2\x80\x9d she said") ==
        std::vector<std::string>{"\xe2\x80\x9c", "We", "ca", "n't", ",", "\xe2\x80\x9d", "she",
                                 "said"});
  // "cannot" is "can" and "not"; "canopy" and "Cannon" are words of their own.
  CHECK(words("The board cannot afford it. Cannot.") ==
        std::vector<std::string>{"The", "board", "can", "not", "afford", "it", ".", "Can", "not",
                                 "."});
  CHECK(words("canopy Cannon") == std::vector<std::string>{"canopy", "Cannon"});
  {
    auto split = weft::syntax::TokenizeWords("It cannot.", 5);
    REQUIRE(split.size() == 4);
    CHECK(
        (split[1].begin == 8 && split[1].end == 11 && split[2].begin == 11 && split[2].end == 14));
  }
  // A dash of hyphens is a word of its own; one hyphen stays inside its word.
  CHECK(words("one objective--to position GM -- well-known") ==
        std::vector<std::string>{"one", "objective", "--", "to", "position", "GM", "--",
                                 "well-known"});
  // A quotation mark a missing space ran into the words splits them; one at a word's end stays
  // trailing punctuation.
  CHECK(words("he said\"it is good,\" she said") ==
        std::vector<std::string>{"he", "said", "\"", "it", "is", "good", ",", "\"", "she", "said"});
  auto tokens = weft::syntax::TokenizeWords("Ana didn't.", 10);
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[1].begin == 14);
  CHECK(tokens[2].begin == 17);
  CHECK(tokens[2].end == 20);
  CHECK(words("").empty());
}

TEST_CASE("non-projective arcs are lifted to their head's head", "[syntax]") {
  std::vector<int> projective = {2, 0, 2, 3};  // 2 -> 1, root -> 2, 2 -> 3, 3 -> 4
  CHECK(weft::syntax::Projectivize(&projective) == 0);
  // 3 -> 1 spans word 2, which 3 does not dominate.
  std::vector<int> over_head = {3, 0, 2, 2};
  CHECK(weft::syntax::Projectivize(&over_head) == 1);
  CHECK(over_head == std::vector<int>{2, 0, 2, 2});
  std::vector<int> crossing = {0, 4, 1, 1};  // 1 root; 2 hangs from 4, crossing 1 -> 3
  CHECK(weft::syntax::Projectivize(&crossing) == 1);
  CHECK(crossing == std::vector<int>{0, 1, 1, 1});
}

TEST_CASE("the parser learns its training sentences and gives every word one head", "[syntax]") {
  // Greedy with the dynamic oracle, and a beam with global updates.
  const int beam = GENERATE(1, 4);
  auto model = TrainTiny(7, beam);
  CHECK(model->beam_width() == beam);
  std::vector<Sentence> gold = weft::syntax::ReadConlluFile(kTiny);
  std::vector<Sentence> predicted = gold;
  for (Sentence& s : predicted) model->Annotate(&s);
  weft::eval::UdScores sc = weft::eval::ScoreUd(gold, predicted);
  CHECK(sc.Share(sc.upos) == 1.0);
  CHECK(sc.Share(sc.las) >= 0.95);
  // Any input is parsed into one tree: every word a head, one root.
  std::vector<std::string> many(5000, "word");
  std::vector<std::string_view> views(many.begin(), many.end());
  weft::syntax::Analysis a = model->Analyse(views);
  REQUIRE(a.tree.heads.size() == 5000);
  CHECK(std::count(a.tree.heads.begin(), a.tree.heads.end(), 0) == 1);
  CHECK(model->Analyse({}).tree.heads.empty());
}

TEST_CASE("the same data and seed give the same model file, byte for byte", "[syntax]") {
  CHECK(TrainTiny(7)->Serialise() == TrainTiny(7)->Serialise());
  CHECK(TrainTiny(7, 1)->Serialise() == TrainTiny(7, 1)->Serialise());
}

TEST_CASE("a pruned model keeps its large weights and is read back whole", "[syntax]") {
  auto model = TrainTiny();
  auto same = model->Pruned(0.0f, 0.0f);
  CHECK(same->feature_count() == model->feature_count());
  auto smaller = model->Pruned(0.5f, 0.5f);
  CHECK(smaller->feature_count() < model->feature_count());
  CHECK(smaller->feature_count() > 0);
  auto back = weft::syntax::SyntaxModel::FromBytes(smaller->Serialise(), "pruned.model");
  CHECK(back->feature_count() == smaller->feature_count());
  CHECK(back->beam_width() == model->beam_width());
  CHECK(model->Pruned(1e9f, 1e9f)->feature_count() == 0);
}

TEST_CASE("damaged, newer and other-feature models are refused with a clear error", "[syntax]") {
  const std::string bytes = TrainTiny()->Serialise();
  auto error = [](const std::string& b) {
    try {
      weft::syntax::SyntaxModel::FromBytes(b, "m.model");
    } catch (const weft::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error(bytes).empty());
  CHECK(error(bytes.substr(0, bytes.size() / 2)).find("damaged") != std::string::npos);
  CHECK(error("not a model at all").find("not a weft syntax model") != std::string::npos);
  for (size_t at : {size_t{30}, bytes.size() / 3, bytes.size() - 9}) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
    CHECK(error(flipped).find("checksum") != std::string::npos);
  }
  std::string newer = bytes;
  newer[8] = 99;  // the format version
  CHECK(error(newer).find("newer") != std::string::npos);
  std::string other = bytes;
  other[12] = static_cast<char>(other[12] ^ 1);  // the feature fingerprint
  CHECK(error(other).find("checksum") != std::string::npos);
}

TEST_CASE("the UD scorer counts heads and base relations as the CoNLL 2018 scorer does",
          "[syntax]") {
  std::vector<Sentence> gold = Parse(
      "1\tA\ta\tNOUN\tNN\t_\t2\tnsubj:pass\t_\t_\n"
      "2\tB\tb\tVERB\tVB\t_\t0\troot\t_\t_\n"
      "3\tC\tc\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
      "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n");
  std::vector<Sentence> pred = gold;
  pred[0].words[0].deprel = "nsubj";  // subtype ignored: right
  pred[0].words[2].head = 1;          // wrong head
  pred[0].words[3].deprel = "dep";    // right head, wrong label
  pred[0].words[2].upos = "PROPN";
  weft::eval::UdScores s = weft::eval::ScoreUd(gold, pred);
  CHECK(s.words == 4);
  CHECK(s.uas == 3);
  CHECK(s.las == 2);
  CHECK(s.upos == 3);
  CHECK(s.relations["punct"].gold == 1);
  CHECK(s.relations["punct"].labelled == 0);
  CHECK(s.relations["dep"].predicted == 1);
}

TEST_CASE("the shipped tagger reads unknown capitalised words after small ones as names",
          "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  auto upos = [&](const std::vector<std::string_view>& words, size_t i) {
    return std::string(model->Upos(model->Analyse(words).tags[i]));
  };
  // At the start, and after a word in small letters: a name.
  CHECK(upos({"Zorvex", "set", "up", "a", "lab", "."}, 0) == "PROPN");
  CHECK(upos({"Contoso", "retains", "its", "Brantic", "division", "."}, 3) == "PROPN");
  CHECK(upos({"Contoso", "retains", "its", "Vantive", "division", "."}, 3) == "PROPN");
  // A word the treebank knows keeps its own tag.
  CHECK(upos({"Contoso", "retains", "its", "Small", "division", "."}, 3) != "PROPN");
}

TEST_CASE("a participle before an object in a sentence without a finite verb is its past tense",
          "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  const std::vector<std::string_view> words = {"The",    "agency", "revised", "March",
                                               "export", "sales",  "upward",  "."};
  const weft::syntax::Analysis a = model->Analyse(words);
  CHECK(model->Xpos(a.tags[2]) == "VBD");
  CHECK(a.tree.heads[2] == 0);  // the root
  CHECK(a.tree.heads[1] == 3);  // its subject
  // A participle before a preposition stays one ("Pictures taken at the party").
  const std::vector<std::string_view> caption = {"Pictures", "taken", "at", "the", "party", "."};
  CHECK(model->Xpos(model->Analyse(caption).tags[1]) == "VBN");
}

TEST_CASE("an irregular verb form that is nothing else is never a noun", "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  // "froze" is read as a noun modifying "prices" without the rule.
  const std::vector<std::string_view> words = {
      "Announced", "last",  "February", "28",         "the",        "plan", "froze", "prices",
      ",",         "fixed", "the",      "value",      "of",         "the",  "new",   "Cruzado",
      "currency",  "and",   "ended",    "widespread", "indexation", "."};
  const weft::syntax::Analysis a = model->Analyse(words);
  CHECK(model->Xpos(a.tags[6]) == "VBD");
  CHECK(a.tree.heads[5] == 7);  // "plan", its subject
  CHECK(a.tree.heads[7] == 7);  // "prices", its object
  // A word that is a noun too keeps the tagger's reading ("Prices rose" aside, "a rose").
  const std::vector<std::string_view> flower = {"She", "bought", "a", "rose", "."};
  CHECK(model->Upos(model->Analyse(flower).tags[3]) == "NOUN");
}

TEST_CASE("'to' and a verb after a verb that takes an infinitive are an infinitive", "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  // Read as a preposition and its noun without the rule.
  const std::vector<std::string_view> words = {"Contoso", "planned", "to",      "market",   "\"",
                                               "a",       "few",     "hundred", "vehicles", "\"",
                                               "by",      "year",    "end",     "."};
  const weft::syntax::Analysis a = model->Analyse(words);
  CHECK(model->Xpos(a.tags[2]) == "TO");
  CHECK(model->Xpos(a.tags[3]) == "VB");
  // "moved to market share" keeps its noun: nothing that can be its object follows.
  const std::vector<std::string_view> noun = {"Prices", "moved", "to", "market", "levels", "."};
  CHECK(model->Upos(model->Analyse(noun).tags[3]) == "NOUN");
}

TEST_CASE("a word that is only an adjective is not a noun straight after a verb", "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  // "guilty" is read as the verb's object, a noun, without the rule.
  const std::vector<std::string_view> words = {
      "The",     "former", "chairman", "of",  "the",    "bank", "pleaded", "guilty", "to",
      "charges", "of",     "bribery",  "and", "income", "tax",  "evasion", "."};
  const weft::syntax::Analysis a = model->Analyse(words);
  CHECK(model->Upos(a.tags[7]) == "ADJ");
  CHECK(a.tree.heads[7] == 7);  // "guilty" hangs from "pleaded"
  CHECK(a.tree.heads[9] == 8);  // "charges" from "guilty"
  // A word that is a noun too keeps the tagger's reading.
  const std::vector<std::string_view> noun = {"The", "bank", "lent", "money", "."};
  CHECK(model->Upos(model->Analyse(noun).tags[3]) == "NOUN");
  // Before a noun, and a word that is only a preposition: "amid" and "widespread" are read as
  // nouns without the rule, "anniversary amid" one noun phrase.
  const std::vector<std::string_view> amid = {
      "The",  "plan",    "is",     "limping", "towards",    "its",       "first", "anniversary",
      "amid", "soaring", "prices", ",",       "widespread", "shortages", "."};
  const weft::syntax::Analysis b = model->Analyse(amid);
  CHECK(model->Upos(b.tags[8]) == "ADP");
  CHECK(model->Upos(b.tags[12]) == "ADJ");
}

TEST_CASE("a verb read as a noun after a year, before an amount, or closing a sentence as a source",
          "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  auto xpos = [&](const std::vector<std::string_view>& words, size_t i) {
    return std::string(model->Xpos(model->Analyse(words).tags[i]));
  };
  // "fell" after a year that ends the subject: read as a noun without the rule.
  CHECK(xpos({"Tile", "output", "in", "calendar", "1986", "fell", "4.2", "pct", "to", "8.1", "mln",
              "tonnes", "."},
             5) == "VBD");
  // A present tense in -s before an amount, in a sentence without a finite verb.
  CHECK(xpos({"The", "final", "tranche", "totals", "65.49", "mln", "dlrs", "."}, 3) == "VBZ");
  // ", figures from the ministry show.": the source's verb.
  CHECK(xpos({"Steel", "exports", "rose", "2.1", "pct", "in", "1986", ",", "figures", "from", "the",
              "Ministry", "of", "Trade", "show", "."},
             14) == "VBP");
}

TEST_CASE("a word no one has as an adjective, read as one before a noun, is a noun", "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  auto upos = [&](const std::vector<std::string_view>& words, size_t i) {
    return std::string(model->Upos(model->Analyse(words).tags[i]));
  };
  // Both read as adjectives without the rule, and dropped from the names.
  CHECK(upos({"Factory", "inventories", "rose", "0.5", "pct", "."}, 0) == "NOUN");
  CHECK(upos({"Migrants", "make", "up", "most", "of", "the", "labour", "force", "."}, 6) == "NOUN");
  // An adjective stays one.
  CHECK(upos({"Steel", "output", "rose", "to", "a", "record", "high", "level", "."}, 6) == "ADJ");
  // A word that is only an adjective, read as a participle before a noun.
  CHECK(upos({"The", "country", "now", "has", "foreign", "debt", "totalling", "27.8", "billion",
              "dlrs", "."},
             4) == "ADJ");
  // "mine" after a modifier is the noun, read as the pronoun without the rule; alone it stays
  // the pronoun.
  CHECK(upos({"Contoso", "operates", "the", "copper", "mine", "in", "Chile", "."}, 4) == "NOUN");
  CHECK(upos({"Contoso", "closed", "its", "richest", "gold", "mine", "."}, 5) == "NOUN");
  CHECK(upos({"The", "house", "is", "mine", "."}, 3) == "PRON");
}

TEST_CASE("a plural noun at the root with a subject and no copula is the verb", "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  auto xpos = [&](const std::vector<std::string_view>& words, size_t i) {
    return std::string(model->Xpos(model->Analyse(words).tags[i]));
  };
  // "faces" read as a noun after the relative clause between commas without the rule.
  CHECK(xpos({"Ferreira", ",",    "who",     "was",   "senior", "vice",  "president", "of",
              "the",      "bank", ",",       "faces", "five",   "years", "in",        "jail",
              "and",      "a",    "250,000", "dlr",   "fine",   "."},
             11) == "VBZ");
  // A noun in its noun phrase stays one.
  CHECK(xpos({"The", "deputy", "ministers", ",", "who", "declined", "to", "talk", ",", "later",
              "concluded", "a", "round", "of", "talks", "."},
             2) == "NNS");
}

TEST_CASE("a verb's base form in a list after another, read as a noun before its object, is one",
          "[syntax]") {
  const auto model = weft::syntax::SyntaxModel::Shared();
  auto xpos = [&](const std::vector<std::string_view>& words, size_t i) {
    return std::string(model->Xpos(model->Analyse(words).tags[i]));
  };
  // "close" read as an adjective without the rule.
  CHECK(xpos({"Contoso", "Corp", "will", "buy", "Fabrikam", ",", "close", "its", "Lisbon", "plant",
              "and", "cut", "200", "jobs", "."},
             6) == "VB");
  // A gerund in such a list stays what it was ("matching" is no base form).
  CHECK(xpos({"It", "will", "include", "recording", "data", ",", "checking", ",", "comparison",
              "and", "matching", "any", "new", "elements", "."},
             10) != "VB");
}
