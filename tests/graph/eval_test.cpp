// Evaluation scorers on inputs whose scores were worked out by hand.
#include <catch2/catch.hpp>

#include "graph/base/error.h"
#include "graph/eval/carb.h"
#include "graph/eval/gap.h"

using namespace weft;
using namespace weft::eval;

TEST_CASE("the CaRB scorer rewards exact tuples and penalises misses", "[extract][carb]") {
  OpenIeSet gold = {{"s1", {{"acquired", {"Fabrikam", "Litware"}, 1}}},
                    {"s2", {{"sold", {"Contoso", "its lab"}, 1}}}};
  OpenIeSet perfect = {{"s1", {{"acquired", {"Fabrikam", "Litware"}, 0.9}}},
                       {"s2", {{"sold", {"Contoso", "its lab"}, 0.8}}}};
  CarbScore p = ScoreCarb(gold, perfect);
  CHECK(p.precision == Approx(1));
  CHECK(p.recall == Approx(1));
  CHECK(p.f1 == Approx(1));
  OpenIeSet half = {{"s1", {{"acquired", {"Fabrikam", "Litware"}, 0.9}}},
                    {"s2", {{"bought", {"Contoso", "lab"}, 0.8}}}};
  CarbScore h = ScoreCarb(gold, half);
  CHECK(h.recall == Approx(0.5));
  CHECK(h.precision == Approx(1));  // at threshold 0.9 only the right tuple counts
  OpenIeSet none;
  CHECK(ScoreCarb(gold, none).f1 == 0);
}

TEST_CASE("CaRB's matcher: binary view, shared relation words, 'be' for its forms",
          "[extract][carb]") {
  OpenIeSet gold = {{"s", {{"was born in", {"Ana Ribeiro", "Lisbon", "in 1980"}, 1}}}};
  // Arguments after the first are compared joined, whatever their split.
  OpenIeSet split = {{"s", {{"was born in", {"Ana Ribeiro", "Lisbon in 1980"}, 0.9}}}};
  CHECK(ScoreCarb(gold, split).recall == Approx(1));
  // No relation word in common: no match, however good the arguments.
  OpenIeSet other = {{"s", {{"lives", {"Ana Ribeiro", "Lisbon", "in 1980"}, 0.9}}}};
  CHECK(ScoreCarb(gold, other).recall == 0);
  // A first argument that misses still matches under CaRB's matcher, not under the strict one.
  OpenIeSet wrong_arg = {{"s", {{"was born in", {"she", "Lisbon in 1980"}, 0.9}}}};
  CHECK(ScoreCarb(gold, wrong_arg).recall > 0);
  CHECK(ScoreCarb(gold, wrong_arg, CarbMatch::kStrict).recall == 0);
  // A predicted "be" matches any form of it.
  OpenIeSet copula_gold = {{"c", {{"is", {"Tencent", "a Chinese giant"}, 1}}}};
  OpenIeSet copula = {{"c", {{"be", {"Tencent", "a Chinese giant"}, 0.7}}}};
  CHECK(ScoreCarb(copula_gold, copula).recall == Approx(1));
  // Reporting verbs score either argument order.
  OpenIeSet said_gold = {{"r", {{"said", {"Fabrikam", "profits rose"}, 1}}}};
  OpenIeSet swapped = {{"r", {{"said", {"profits rose", "Fabrikam"}, 0.8}}}};
  CHECK(ScoreCarb(said_gold, swapped).recall == Approx(1));
  // Sentences match without spaces and punctuation.
  CHECK(CarbSentenceKey("Fabrikam , Inc. rose .") == CarbSentenceKey("Fabrikam, Inc. rose."));
}

TEST_CASE("GAP: character offsets become byte offsets, and the scorer counts by hand",
          "[eval][gap]") {
  const std::string fixtures = std::string(WEFT_TEST_DATA) + "/graph/fixtures";
  std::vector<GapExample> data = ReadGap(fixtures + "/gap-small.tsv");
  REQUIRE(data.size() == 3);
  // "Zürich" before the pronoun: character 38 is byte 39.
  CHECK(data[0].pronoun_offset == 39);
  CHECK(data[0].text.substr(data[0].pronoun_offset, 3) == "She");
  CHECK(data[0].a_coref);
  CHECK_FALSE(data[0].b_coref);
  // Decisions: t-1 right (A), t-2 wrong (A instead of B), t-3 right (neither).
  GapScore score;
  AddGap(data[0], true, false, &score);
  AddGap(data[1], true, false, &score);
  AddGap(data[2], false, false, &score);
  CHECK(score.overall.tp == 1);
  CHECK(score.overall.fp == 1);
  CHECK(score.overall.fn == 1);
  CHECK(score.overall.F1() == Approx(0.5));
  CHECK(score.feminine.F1() == Approx(1.0));  // t-1, "She"
  CHECK(score.masculine.F1() == 0);           // t-2 and t-3
  CHECK(score.Bias() == 0);
  try {
    ReadGap(fixtures + "/gap-bad.tsv");
    FAIL("a short line was accepted");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("gap-bad.tsv:2: expected 11 tab-separated fields, found 5"));
  }
}
