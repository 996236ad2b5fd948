#include "query/parser/parser.h"

#include <catch2/catch.hpp>

#include "graph/base/error.h"
#include "query/parser/shape.h"

using namespace weft;
using namespace weft::query;

TEST_CASE("syntax errors give line, column, caret and what was expected", "[query][parser]") {
  try {
    ParseQuery("?x -p-> ?y\nwhere ?x = = 3");
    FAIL("parsed");
  } catch (const ParseError& e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 12);
    std::string m = e.what();
    CHECK_THAT(m, Catch::Contains("line 2, column 12: unexpected '='"));
    CHECK_THAT(m, Catch::Contains("\n  where ?x = = 3\n             ^"));
  }
  CHECK_THROWS_WITH(ParseQuery("Microsoft -relocate->"),
                    Catch::Contains("unexpected end of query"));
  CHECK_THROWS_WITH(ParseQuery("New Zealand -p-> ?x"), Catch::Contains("needs quotes"));
  CHECK_THROWS_WITH(ParseQuery("?x -p{3,1}-> ?y"), Catch::Contains("upper bound is below"));
  CHECK_THROWS_WITH(ParseQuery("?x -p-> ?y limit 99999999999999999999999"),
                    Catch::Contains("number out of range"));
  CHECK_THROWS_WITH(ParseQuery("?x -p-> \"unterminated"), Catch::Contains("syntax error"));
}

TEST_CASE("deep nesting is refused before parsing", "[query][parser]") {
  std::string q = "?x -" + std::string(5000, '(') + "p" + std::string(5000, ')') + "-> ?y";
  CHECK_THROWS_WITH(ParseQuery(q), Catch::Contains("nesting deeper than"));
  std::string ok = "?x -" + std::string(50, '(') + "p" + std::string(50, ')') + "-> ?y";
  CHECK_NOTHROW(ParseQuery(ok));
}

TEST_CASE("the AST keeps directions, qualifiers, quantifiers and clauses", "[query][parser]") {
  auto q = ParseQuery(
      "explain Microsoft -?e: offer{to: ?where, via: \"Dublin\"}-> ?what, ?what <-(a/^b)+- [] "
      "where confidence(?e) >= 0.5 and not ?where = Ireland "
      "return distinct ?where, count(*) as n order by n desc limit 5 offset 2;");
  REQUIRE(q->kind == Query::Kind::kMatch);
  CHECK(q->explain);
  const MatchQuery& m = q->match;
  REQUIRE(m.patterns.size() == 2);
  const EdgePattern& e = m.patterns[0].edges[0];
  CHECK(e.direction == EdgePattern::Direction::kForward);
  CHECK(e.edge_variable == "e");
  REQUIRE(e.qualifiers.size() == 2);
  CHECK(e.qualifiers[0].is_variable);
  CHECK(e.qualifiers[1].value == "Dublin");
  const EdgePattern& back = m.patterns[1].edges[0];
  CHECK(back.direction == EdgePattern::Direction::kBackward);
  CHECK(back.path->kind == PathExpr::Kind::kRepeat);
  CHECK(back.path->min == 1);
  CHECK(back.path->max == PathExpr::kUnbounded);
  CHECK(m.patterns[1].nodes[1].kind == NodeTerm::Kind::kAnonymous);
  CHECK(m.distinct);
  REQUIRE(m.projections.size() == 2);
  CHECK(m.projections[1].alias == "n");
  CHECK(m.order_by[0].descending);
  CHECK(m.limit == 5u);
  CHECK(m.offset == 2u);
  CHECK(m.where->kind == Expr::Kind::kAnd);

  auto p = ParseQuery("PATH Tencent TO \"New Zealand\" MAX 3 VIA recruit DIRECTED");
  CHECK(p->kind == Query::Kind::kPath);
  CHECK(p->path.to.text == "New Zealand");
  CHECK(p->path.max_hops == 3);
  CHECK(p->path.directed);
  auto n = ParseQuery("neighbours Tencent hops 2");
  CHECK(n->kind == Query::Kind::kNeighbors);
  CHECK(n->neighbors.hops == 2);
}

TEST_CASE("invalid UTF-8 in a query is a parse error, not a crash", "[query][parser]") {
  CHECK_THROWS_WITH(ParseQuery("?a -p-> ?b return coa\xa4\x8b\xd7\xd5)"),
                    Catch::Contains("not valid UTF-8 (line 1, byte 22)"));
}

TEST_CASE("a query's shape lifts its names and strings and keeps the rest", "[query][parser]") {
  auto shape = [](std::string_view text) {
    std::optional<query::Shape> s = query::LiftLiterals(text);
    return s ? s->text : std::string("(none)");
  };
  auto values = [](std::string_view text) { return query::LiftLiterals(text)->values; };
  CHECK(shape("Globex -acquire-> ?x") == "$1 -$2-> ?x");
  CHECK(shape("\"Acme Corp\" -acquire-> ?x") == "$1 -$2-> ?x");
  CHECK(values("'O\\'Neil & Co' -acquire-> ?x") ==
        std::vector<std::string>{"O'Neil & Co", "acquire"});
  // A bare word with a dot or an apostrophe inside is one word, as the lexer reads it.
  CHECK(values("U.S. -sanction-> O'Brien") ==
        std::vector<std::string>{"U.S.", "sanction", "O'Brien"});
  // Keywords, '_', functions and aliases stay; numbers stay.
  CHECK(shape("match ?a -_-> ?b where ?b = Acme return count(?a) as n order by n desc limit 5") ==
        "match ?a -_-> ?b where ?b = $1 return count(?a) as n order by $2 desc limit 5");
  CHECK(shape("path Acme to Globex max 4 via owns directed") ==
        "path $1 to $2 max 4 via $3 directed");
  CHECK(shape("NEIGHBOURS Acme HOPS 2") == "NEIGHBOURS $1 HOPS 2");
  CHECK(shape("?a -relocate{to: Ireland}-> ?b") == "?a -$1{to: $2}-> ?b");
  // Comments are not read.
  CHECK(shape("Acme -owns-> ?x # \"Globex\"\n") == "$1 -$2-> ?x # \"Globex\"\n");
  // What the scan cannot read exactly as the lexer would is left to the parser.
  CHECK(shape("$who -acquire-> ?x") == "(none)");
  CHECK(shape("Zürich -in-> ?x") == "(none)");
  CHECK(shape("\"Acme\"x -owns-> ?y") == "(none)");
  CHECK(shape("\"Acme -owns-> ?y") == "(none)");
  CHECK(shape("?a -_-> ?b") == "(none)");
  CHECK(shape("\"Zürich\" -in-> ?x") == "$1 -in-> ?x");
  CHECK(shape("\"\xff\" -in-> ?x") == "(none)");
}
