// The word rules of extraction: closed word classes, what a phrase's head is, which names are
// numbers, and which statements belong in the graph.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/base/statement.h"

namespace weft::extract {

// may, might, could, would, should, can, will, must, shall.
bool IsModal(std::string_view w);

// The third-person pronouns a statement may hold: he, she, it, they and their other cases.
bool IsPronoun(std::string_view w);
// I, me, my, we, us, our, you, your and their -s and -self forms (any case): a speaker or an
// audience, never a node of their own.
bool IsFirstOrSecondPerson(std::string_view w);
// A row of a table of figures, as news wires print results: a short line with "vs" between
// figures ("Shr 1.20 dlrs vs 1.10 dlrs", "Avg shrs 51.7 mln vs 43.4 mln").
bool IsTableRow(std::string_view line);

// Head nouns that, after "the", name an organisation or a place mentioned before.
bool IsOrganisationHead(std::string_view w);

// Nouns that name a part, a figure or an act of a company: without an owner of their own they
// are the company's the document is about.
bool IsRelationalNoun(std::string_view w);

// Head nouns that, after "the", name a place mentioned before ("the country").
bool IsPlaceHead(std::string_view w);

struct NumberNode {
  EntityType type;
  std::string normalised;
};

// A name made of a number: a year ("1985", "1985/86") is a date; a count, price or fraction
// ("437", "15-1/2", "5/8") a quantity, normalised as a decimal. nullopt when it is no number.
std::optional<NumberNode> ReadNumberNode(std::string_view t);

// Words that name no thing of their own as a node: units of time ("year", "today"),
// quantifiers ("some", "most"), a reporting verb read as a noun ("said").
bool IsVagueNode(std::string_view name);

// A kind without an owner or a modifier: one lower-case word ("company", "agreement"). It says
// which kind of thing, not which thing.
bool IsBareKind(std::string_view name);

// A description in common words: lower-case words, hyphens and single spaces ("vice president",
// "pct stake", "export quota"). Like a bare kind it says what sort of thing, not which: two
// articles' "vice president" are not one person.
bool IsCommonDescription(std::string_view name);

// Whether a statement belongs in the graph. Two kinds do not:
// - a relation that is a unit ("ct", "dlr", "mln": "20 cts a share" read as a verb): a misparse;
// - a saying's manner ("say in statement", "tell in interview"): the saying is the statement.
// A relation between two bare kinds ("banks bid for funds") stays: each is a node of its document
// alone (ScopeKinds), so no document's "bank" becomes every document's hub.
bool IsGraphStatement(const StatementRecord& r);

// which, that, who, whom.
bool IsRelative(std::string_view w);

// A relation or argument without a letter ("'s", ",", a stray quote) is a misparse.
bool HasLetter(std::string_view t);

// Articles, possessives, demonstratives and quantifiers that open a noun phrase.
bool IsDeterminer(std::string_view w);

// The last word of a noun phrase: "relocation opportunity" -> "opportunity".
std::string_view HeadWord(std::string_view phrase);

}  // namespace weft::extract
