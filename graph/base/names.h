// Keys under which different spellings of one entity's name meet, across documents.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "graph/base/statement.h"

namespace weft {

// Lower case, without spaces, periods, commas and hyphens: "Time-Warner" -> "timewarner".
std::string FoldName(std::string_view s);

// "Inc", "Corp.", "plc", "Group", "AG", ... (case and final period ignored).
bool IsCompanySuffix(std::string_view word);

// Whether a name of two words or more ends in a company suffix ("Continental Corp",
// "Woolworth Holdings Plc"): a company named whole.
bool EndsWithCompanySuffix(std::string_view name);

// Whether a name is nothing but company suffixes and tickers ("Ltd", "Co Inc", "Ltd <HSGH.HK>"):
// what is left when a name is cut from the suffix that ends it.
bool OnlyCompanySuffixes(std::string_view name);

// A title or office written in front of a name: "Mr", "Dr.", "Sir", "President", "Judge", ...
// (case and periods ignored).
bool IsTitle(std::string_view word);

// Whether `a` is a fuller form than `b` of one entity's name, for the name that stands for
// several: a ticker in angle brackets ("BankAmerica <BAC> Corp") never makes a name fuller;
// then more words, a title in front not counted; then more bytes; then, so that the choice never
// depends on the order names come in, the greater ("Texaco Inc" over "TEXACO INC").
bool FullerName(std::string_view a, std::string_view b);

// The legal forms a company's name ends with, one word each ("Corporation" is "corp", "Ltd."
// "ltd", "Incorporated" "inc", "Company" "co", "Limited" "ltd"); "Group" and "Holdings" name no
// legal form. Two names of one key with no legal form in common are two companies ("Unilever
// Plc" and "Unilever NV").
std::set<std::string> LegalForms(std::string_view name);

// The key two names of one entity share: lower case, without spaces, periods, commas and
// hyphens, and for an organisation without its company suffixes ("Shearson Lehman Brothers
// Inc." and "Shearson Lehman Brothers" → "shearsonlehmanbrothers"; "WEDGE Group Inc" and "Wedge
// Group Inc" → "wedge"). An organisation named only by a suffix keeps it.
std::string EntityKey(std::string_view name, EntityType type);

}  // namespace weft
