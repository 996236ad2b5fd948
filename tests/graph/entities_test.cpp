// The entity recogniser: tokeniser, model file, training, scoring.
#include <catch2/catch.hpp>

#include "graph/entities/tokenizer.h"

using namespace weft;
using namespace weft::entities;

TEST_CASE("the tokeniser splits as CoNLL-2003's text is split", "[entities]") {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    for (const Token& t : Tokenize(s)) out.push_back(t.text);
    return out;
  };
  CHECK(words("Shell's profit rose 15% to $1.04bn.") ==
        std::vector<std::string>{"Shell", "'s", "profit", "rose", "15", "%", "to", "$", "1.04bn", "."});
  CHECK(words("\"The U.S.-based firm,\" he said (again).") ==
        std::vector<std::string>{"\"", "The", "U.S.-based", "firm", ",", "\"", "he", "said", "(", "again", ")", "."});
  CHECK(words("Mr. Smith joined Acme Inc. in the U.S.") ==
        std::vector<std::string>{"Mr.", "Smith", "joined", "Acme", "Inc.", "in", "the", "U.S."});
}
