#include "graph/extract/ud_reading.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "graph/base/names.h"
#include "graph/base/text.h"
#include "graph/entities/values.h"
#include "graph/extract/words.h"
#include "graph/syntax/tokenizer.h"

namespace weft::extract {
namespace {

// Confidences of the rules, in the order of how directly the tree states the statement. They
// rank statements for Open IE's precision-recall sweep; they are set by the rule's kind, below
// the Link Grammar reading's 0.9 for a direct clause, and not yet fitted to data.
constexpr float kDirect = 0.9f;      // subject and object of one verb
constexpr float kShared = 0.8f;      // a subject shared by coordination or control
constexpr float kRelative = 0.75f;   // a relative or participial clause's antecedent
constexpr float kPhrase = 0.7f;      // the object is a prepositional phrase
constexpr float kPassive = 0.6f;     // a passive without its agent
constexpr float kApposition = 0.7f;  // "Tencent, a Chinese giant"
constexpr size_t kMaxStatementsPerClause = 32;

bool IsRel(const UdWord& w, std::string_view rel) {
  return w.rel == rel || (w.rel.size() > rel.size() && w.rel.compare(0, rel.size(), rel) == 0 &&
                          w.rel[rel.size()] == ':');
}

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Verbs whose clausal complement is what someone said: its statement is the content.
bool IsSaying(std::string_view lemma) {
  return In(lemma, {"say", "tell", "announce", "report", "add", "state", "note", "claim", "told",
                    "disclose", "confirm", "explain", "argue", "believe", "estimate", "predict",
                    "warn", "indicate"});
}

// A saying, or a verb that introduces a quotation without stating the quoted as its own content:
// "Lutz commented, \"We prefer to export\"" quotes Lutz; "commented on the report" is a fact.
bool IsQuoting(std::string_view lemma) {
  return IsSaying(lemma) ||
         In(lemma, {"comment", "reply", "insist", "remark", "concede", "contend", "testify"});
}

// Verbs that state an intention or an attempt of their subject: "plans to buy" is a buying
// with that modality.
bool IsIntention(std::string_view lemma) {
  return In(lemma, {"plan", "seek", "aim", "try", "want", "intend", "hope", "propose", "attempt",
                    "expect", "consider", "wish", "prepare", "threaten", "offer"});
}

// Nouns of an intention, an attempt or an undertaking: "Trans World Airlines' offer to acquire
// USAir" is an acquiring its owner offers.
bool IsIntentionNoun(std::string_view lemma) {
  return In(lemma, {"offer",     "plan",       "bid",    "proposal",   "attempt",
                    "agreement", "decision",   "move",   "effort",     "intention",
                    "intent",    "commitment", "pledge", "promise",    "willingness",
                    "readiness", "option",     "right",  "obligation", "deal"});
}

// Participles that work as prepositions ("excluding EDS", "starting with 350 this year",
// "the largest recipient, followed by West Germany") or adjectives ("shares outstanding"): no
// clause of their own.
bool IsPrepositionalParticiple(std::string_view lower) {
  return In(lower, {"excluding",   "including", "following", "regarding",   "concerning",
                    "according",   "depending", "compared",  "given",       "beginning",
                    "starting",    "barring",   "pending",   "outstanding", "notwithstanding",
                    "considering", "involving", "ending",    "assuming",    "provided",
                    "effective",   "followed"});
}

// Verbs whose object is an intention of their subject: "made an offer to buy", "announced plans
// to sell", "reached an agreement to merge".
bool IsUndertakingVerb(std::string_view lemma) {
  return In(lemma, {"make", "announce", "launch", "submit", "unveil", "have", "propose", "present",
                    "table", "reach", "sign", "win", "mount", "renew", "raise", "outline"});
}

// The last word of a role a company holds: "lead underwriter", "committee chairman", "financial
// adviser", "co-managers".
bool IsCompanyRole(std::string_view lower) {
  if (lower.starts_with("co-") || lower.starts_with("vice-")) {
    lower.remove_prefix(lower.find('-') + 1);
  }
  return In(lower, {"underwriter", "underwriters", "manager", "managers", "adviser", "advisers",
                    "advisor", "advisors", "agent", "agents", "trustee", "trustees", "auditor",
                    "auditors", "chairman", "chairmen"});
}

// A title an officer holds in a company: "president", "chief executive", "senior vice
// president", "chairman and chief executive" each part.
bool IsCompanyTitle(std::string_view title) {
  for (std::string_view t : {"president", "chairman", "chairwoman", "chief executive", "director",
                             "officer", "treasurer", "executive", "vice-president"}) {
    if (title.size() >= t.size() && title.substr(title.size() - t.size()) == t) return true;
  }
  return false;
}

// Verbs whose object does what their infinitive says: "asked staff to consider", "prompted
// Northwind to offer". After other verbs an object and an infinitive are a purpose: "cut 200
// jobs to save money" is the subject's saving.
bool IsObjectControl(std::string_view lemma) {
  return In(
      lemma,
      {"ask",    "tell",   "urge",     "allow",   "force",      "persuade",  "encourage", "require",
       "invite", "enable", "prompt",   "order",   "permit",     "expect",    "want",      "help",
       "cause",  "lead",   "get",      "advise",  "authorize",  "authorise", "instruct",  "compel",
       "oblige", "press",  "pressure", "call",    "appoint",    "elect",     "name",      "hire",
       "choose", "select", "mandate",  "direct",  "commission", "push",      "drive",     "induce",
       "tempt",  "warn",   "remind",   "teach",   "train",      "need",      "like",      "prefer",
       "leave",  "set",    "pay",      "empower", "entitle"});
}

// Verbs that say what their subject expects or wants of their object, "expected the FDA to
// approve": nothing is said of the object itself.
bool IsExpectation(std::string_view lemma) {
  return In(lemma, {"expect", "want", "need", "like", "prefer", "wish", "intend", "believe",
                    "consider", "mean", "estimate", "forecast", "project", "predict", "plan"});
}

// Verbs whose infinitive says what their subject does, even where the parser hangs it as an
// adverbial clause ("agreed recently to sell its unit").
bool TakesInfinitive(std::string_view lemma) {
  return IsIntention(lemma) ||
         In(lemma,
            {"agree",  "decide", "refuse", "fail",    "continue", "begin", "start",  "need",
             "seem",   "appear", "tend",   "manage",  "promise",  "vow",   "pledge", "undertake",
             "choose", "elect",  "hope",   "decline", "threaten", "move",  "vote",   "opt"});
}

// Verbs that keep their object from what follows "from": "barred the bank from buying shares"
// says it does not buy them.
bool IsPrevention(std::string_view lemma) {
  return In(lemma, {"prevent", "stop", "bar", "ban", "prohibit", "block", "keep", "discourage",
                    "deter", "restrain", "preclude", "forbid", "dissuade", "restrict", "hinder",
                    "inhibit", "exclude", "debar", "enjoin"});
}

// Verbs whose object does the gerund after a preposition: "accused Fabrikam of breaking the
// agreement", "barred the bank from buying shares", "charged him with fixing prices", "fined
// the bank for failing to report". The preposition each takes.
bool IsGerundObjectControl(std::string_view lemma, std::string_view preposition) {
  if (preposition == "from") return IsPrevention(lemma) || In(lemma, {"exempt", "excuse"});
  if (preposition == "of") return In(lemma, {"accuse", "suspect", "convict", "acquit", "clear"});
  if (preposition == "with") return In(lemma, {"charge", "credit"});
  if (preposition == "against") return In(lemma, {"warn", "caution", "advise"});
  if (preposition == "for") {
    return In(lemma, {"blame", "criticise", "criticize", "praise", "thank", "fine", "sue", "punish",
                      "penalise", "penalize", "reward", "commend", "censure", "reprimand",
                      "condemn", "fault", "pay", "compensate"});
  }
  return false;
}

// Verbs that deny their complement: "refused to pay" did not pay.
bool IsDenial(std::string_view lemma) {
  return In(lemma, {"refuse", "fail", "decline", "deny", "stop", "cease", "reject", "defy"});
}

// Verbs of a figure's change or level: "profits rose 26%", "sales totalled $2bn".
bool IsChangeVerb(std::string_view lemma) {
  return In(lemma, {"rise",    "fall",   "increase", "decrease", "climb",  "drop",  "decline",
                    "jump",    "gain",   "slip",     "surge",    "plunge", "soar",  "slump",
                    "grow",    "shrink", "tumble",   "rebound",  "total",  "reach", "double",
                    "triple",  "halve",  "improve",  "widen",    "narrow", "ease",  "advance",
                    "recover", "dip",    "slide",    "edge",     "rally",  "stand"});
}

// Nouns that name a figure of the one who owns them: "Shell's profits", "its sales".
bool IsFigureNoun(std::string_view lemma) {
  return In(lemma, {"profit",   "sale",    "revenue",    "earnings", "income", "loss",
                    "output",   "price",   "share",      "dividend", "debt",   "asset",
                    "export",   "import",  "production", "spending", "cost",   "margin",
                    "turnover", "deficit", "surplus",    "reserve",  "order",  "growth",
                    "capacity", "payroll", "workforce",  "stock",    "value",  "investment"});
}

// A verb and a bare noun that are one verb together, and the preposition of its object: "take
// part in", "hold talks with", "take advantage of"; "" for none.
std::string_view IdiomPreposition(std::string_view verb, std::string_view noun) {
  struct Idiom {
    std::string_view verb, noun, preposition;
  };
  static const Idiom kIdioms[] = {
      {"take", "part", "in"},        {"take", "advantage", "of"}, {"take", "control", "of"},
      {"take", "note", "of"},        {"take", "account", "of"},   {"take", "charge", "of"},
      {"take", "action", "against"}, {"hold", "talks", "with"},   {"hold", "discussions", "with"},
      {"make", "use", "of"},         {"pay", "attention", "to"},  {"keep", "track", "of"},
      {"put", "pressure", "on"},     {"place", "emphasis", "on"}, {"play", "role", "in"}};
  for (const Idiom& i : kIdioms) {
    if (i.verb == verb && i.noun == noun) return i.preposition;
  }
  return "";
}

// Nouns that make a preposition of several words with the ones around them: "in favor of", "on
// the basis of", "on behalf of", "in response to", "in exchange for".
bool IsComplexPrepositionNoun(std::string_view lower) {
  return In(lower, {"favor",      "favour",       "basis",    "behalf", "front",    "view",
                    "terms",      "means",        "light",    "place",  "addition", "response",
                    "respect",    "connection",   "spite",    "wake",   "lieu",     "excess",
                    "accordance", "anticipation", "exchange", "return", "search",   "support"});
}

// Words that are titles even where the tagger calls them proper nouns ("President Reagan").
bool IsTitleWord(std::string_view lower) {
  // "chairman-designate", "president-elect", "vice-chairman", "co-chairman",
  // "secretary-general": a title's part.
  if (const size_t dash = lower.find('-'); dash != std::string_view::npos) {
    const std::string_view first = lower.substr(0, dash), rest = lower.substr(dash + 1);
    // "secretary-general", "director-general", "attorney-general".
    if (In(rest, {"designate", "elect", "general"})) {
      return IsTitleWord(first) || In(first, {"attorney", "solicitor", "postmaster"});
    }
    if (In(first, {"vice", "co", "deputy"})) return IsTitleWord(rest);
    return false;
  }
  return In(lower,
            {"president",  "minister", "secretary",    "chairman",    "chairwoman", "governor",
             "senator",    "sen.",     "rep.",         "gov.",        "judge",      "director",
             "chief",      "officer",  "spokesman",    "spokeswoman", "prime",      "treasurer",
             "ambassador", "analyst",  "economist",    "mayor",       "king",       "queen",
             "prince",     "general",  "commissioner", "executive",   "vice",       "head",
             "leader",     "founder"});
}

// A government department's word, which with a title after it is the title ("Agriculture
// Secretary", "Finance Minister"), held for its country.
bool IsDepartmentWord(std::string_view lower) {
  return In(lower, {"agriculture", "treasury",       "commerce", "defense", "defence",
                    "energy",      "labor",          "labour",   "finance", "trade",
                    "foreign",     "interior",       "justice",  "health",  "education",
                    "transport",   "transportation", "industry", "economy", "economics"});
}

// An organisation that reports others' figures: a government office, a central bank, an
// exchange or an industry body ("Commerce Department", "Bundesbank", "American Petroleum
// Institute"). ("Bank of" names commercial banks as often as central ones: left out.)
bool IsReportingBody(std::string_view name) {
  for (std::string_view word :
       {"Department",       "Ministry",         "Bureau",         "Office",     "Agency",
        "Commission",       "Institute",        "Administration", "Government", "Council",
        "Statistics",       "Authority",        "Reserve",        "Bundesbank", "Central Bank",
        "central bank",     "Association",      "Federation",     "Exchange",   "Board",
        "Organisation for", "Organization for", "Monetary Fund"}) {
    if (name.find(word) != std::string_view::npos) return true;
  }
  return false;
}

// Verbs that give a person an office: "appointed Smith (as) chairman".
bool IsAppointing(std::string_view lemma) {
  return In(lemma, {"appoint", "name", "elect", "promote", "make"});
}

// The sentence's head: its (last) word with no head, or -1.
int SentenceRoot(const std::vector<UdWord>& words) {
  int root = -1;
  for (size_t k = 0; k < words.size(); ++k) {
    if (words[k].head < 0) root = static_cast<int>(k);
  }
  return root;
}

}  // namespace

std::vector<UdWord> ParseUd(const syntax::SyntaxModel& model, std::string_view sentence,
                            const Annotations* annotations) {
  std::vector<syntax::Token> tokens = syntax::TokenizeWords(sentence, 0);
  // Reuters marks a company's name "<Airbus Industrie>" and a ticker after a name "Mitsubishi
  // Motors Corp <MIMT.T>": neither the brackets nor the ticker are words of the sentence, and a
  // parser trained on prose hangs the words after them wrongly.
  auto ticker = [](std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c)) != 0 ||
             std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.';
    });
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].text != "<" || i + 1 >= tokens.size() ||
        std::isalnum(static_cast<unsigned char>(tokens[i + 1].text[0])) == 0) {
      continue;
    }
    for (size_t j = i + 1; j < tokens.size() && j < i + 12; ++j) {
      if (tokens[j].text == "<") break;
      if (tokens[j].text != ">") continue;
      const auto at = [&](size_t k) { return tokens.begin() + static_cast<std::ptrdiff_t>(k); };
      if (j == i + 2 && i > 0 && ticker(tokens[i + 1].text) && !tokens[i - 1].text.empty() &&
          std::isupper(static_cast<unsigned char>(tokens[i - 1].text[0])) != 0) {
        tokens.erase(at(i), at(j + 1));
        --i;
      } else {
        tokens.erase(at(j));
        tokens.erase(at(i));
      }
      break;
    }
  }
  if (tokens.empty() || tokens.size() > kMaxUdWords) return {};
  std::vector<std::string_view> forms;
  forms.reserve(tokens.size());
  for (const syntax::Token& t : tokens) forms.push_back(t.text);
  std::vector<bool> names(tokens.size(), false);
  if (annotations != nullptr) {
    for (size_t i = 0; i < tokens.size(); ++i) {
      const syntax::Token& t = tokens[i];
      if (t.text.empty() || !std::isupper(static_cast<unsigned char>(t.text[0]))) continue;
      // "China-based", "U.S.-led": an adjective made from a name, not a name.
      const size_t dash = t.text.find('-');
      if (dash != std::string_view::npos && dash + 1 < t.text.size() &&
          std::islower(static_cast<unsigned char>(t.text[dash + 1]))) {
        continue;
      }
      // "French industry", "Soviet officials": a nationality before a word in small letters is
      // the adjective the tagger reads, not a name.
      const bool before_lower = i + 1 < tokens.size() && !tokens[i + 1].text.empty() &&
                                std::islower(static_cast<unsigned char>(tokens[i + 1].text[0]));
      for (const Annotation& a : *annotations) {
        if (IsValueType(a.type) || t.begin < a.begin || t.end > a.end) continue;
        if (a.type == EntityType::kMisc && a.begin == t.begin && a.end == t.end && before_lower) {
          continue;
        }
        names[i] = true;
      }
    }
  }
  // "The U.K. Exported 535,460 tonnes", "the U.S. Is ready": Reuters writes the word after an
  // abbreviation in capitals as if a sentence began there. One in no name the recogniser found,
  // capitalised and then in small letters, that is known and no noun (which may be a name's
  // word: "the U.S. Embassy"), is read as the word it is.
  // (Reserved before the first, so the views into it stay valid.)
  std::vector<std::string> lowered;
  for (size_t i = 1; annotations != nullptr && i < tokens.size(); ++i) {
    const std::string_view before = tokens[i - 1].text;
    const std::string_view t = tokens[i].text;
    const bool abbreviation = before.size() >= 4 && before.back() == '.' &&
                              std::all_of(before.begin(), before.end(), [](char c) {
                                return c == '.' || std::isupper(static_cast<unsigned char>(c)) != 0;
                              });
    if (!abbreviation || names[i] || t.size() < 2 ||
        std::isupper(static_cast<unsigned char>(t[0])) == 0 ||
        !std::all_of(t.begin() + 1, t.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; })) {
      continue;
    }
    std::string lower = AsciiLower(t);
    if (!model.IsCommonWord(lower) || model.CanBeNoun(lower)) continue;
    if (lowered.empty()) lowered.reserve(tokens.size());
    lowered.push_back(std::move(lower));
    forms[i] = lowered.back();
  }
  syntax::Analysis a = model.Analyse(forms, annotations != nullptr ? &names : nullptr);
  std::vector<UdWord> words(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    UdWord& w = words[i];
    w.begin = tokens[i].begin;
    w.end = tokens[i].end;
    w.form = tokens[i].text;
    w.lower = AsciiLower(w.form);
    w.lemma = AsciiLower(a.lemmas[i]);
    w.upos = std::string(model.Upos(a.tags[i]));
    w.xpos = std::string(model.Xpos(a.tags[i]));
    w.rel = model.labels()[static_cast<size_t>(a.tree.labels[i])];
    w.head = a.tree.heads[i] - 1;
    // A word in small letters is no name in edited news ("Gorbachev's offer Saturday", with
    // "offer" read as part of a name before a capitalised word); web text's "eBay" keeps a
    // capital.
    // (Nor a name's particle: "bin", "de", "van".)
    if (annotations != nullptr && w.upos == "PROPN" &&
        !In(w.lower, {"bin", "ibn", "al", "el", "de",  "del", "della", "di",  "da",  "dos",
                      "das", "du",  "la", "le", "van", "von", "der",   "den", "ter", "y"}) &&
        std::all_of(w.form.begin(), w.form.end(),
                    [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; })) {
      w.upos = "NOUN";
      w.xpos = w.xpos == "NNPS" ? "NNS" : "NN";
    }
  }
  // Whether word `h` has a dependent of relation `rel` (written `lower`, when given), as the
  // repairs below leave the tree (the kids lists are built after them).
  auto has_kid = [&](size_t h, std::string_view rel, std::string_view lower = {}) {
    return std::any_of(words.begin(), words.end(), [&](const UdWord& k) {
      return k.head == static_cast<int>(h) && k.rel == rel && (lower.empty() || k.lower == lower);
    });
  };
  // Whether word `k` is in the subtree of `h` (at most `depth` heads up), and the first word
  // of `n`'s subtree, punctuation aside, as the repairs below leave the tree.
  auto within = [&](size_t k, int h, int depth) {
    int up = words[k].head;
    for (int steps = 0; steps < depth && up >= 0 && up != h; ++steps) {
      up = words[static_cast<size_t>(up)].head;
    }
    return up == h;
  };
  auto leftmost = [&](size_t n) {
    size_t first = n;
    for (size_t k = 0; k < n; ++k) {
      if (words[k].rel != "punct" && within(k, static_cast<int>(n), 8)) first = std::min(first, k);
    }
    return first;
  };
  // Word k takes word n's place: n's dependents from word `from` on hang from k, k takes n's
  // head and relation, and n hangs from k as `rel`.
  auto raise = [&](int k, int n, const char* rel, size_t from) {
    for (size_t w = from; w < words.size(); ++w) {
      if (words[w].head == n && static_cast<int>(w) != k) words[w].head = k;
    }
    words[static_cast<size_t>(k)].head = words[static_cast<size_t>(n)].head;
    words[static_cast<size_t>(k)].rel = words[static_cast<size_t>(n)].rel;
    words[static_cast<size_t>(n)].head = k;
    words[static_cast<size_t>(n)].rel = rel;
  };
  // "faces five years in jail and a 250,000 dlr fine", read with "fine" an adjective: one with a
  // determiner and a compound or a number of its own, in a noun's place, is the noun (the
  // treebank has no such adjective but a sentence's root).
  for (size_t a = 0; a < words.size(); ++a) {
    UdWord& adjective = words[a];
    if (adjective.upos != "ADJ" ||
        !In(adjective.rel, {"conj", "obj", "nsubj", "nsubj:pass", "obl", "nmod"}) ||
        !has_kid(a, "det") || (!has_kid(a, "compound") && !has_kid(a, "nummod"))) {
      continue;
    }
    adjective.upos = "NOUN";
    adjective.xpos = "NN";
    adjective.lemma = adjective.lower;
  }
  // "two of the cars are being tested", read with "are" the subject and "two" its number: an
  // auxiliary is no participant. One hung as a verb's subject or object, with a number or a
  // noun of its own before it, is the verb's auxiliary, and that word the subject or object.
  for (size_t a = 1; a < words.size(); ++a) {
    UdWord& aux = words[a];
    if (aux.upos != "AUX" || !In(aux.rel, {"nsubj", "nsubj:pass", "obj"}) ||
        aux.head <= static_cast<int>(a)) {
      continue;
    }
    int noun = -1;
    for (size_t k = 0; k < a && noun < 0; ++k) {
      if (words[k].head == static_cast<int>(a) && In(words[k].upos, {"NUM", "NOUN", "PROPN"})) {
        noun = static_cast<int>(k);
      }
    }
    if (noun < 0) continue;
    UdWord& n = words[static_cast<size_t>(noun)];
    n.head = aux.head;
    n.rel = aux.rel;
    for (UdWord& k : words) {
      if (k.head == static_cast<int>(a)) k.head = noun;
    }
    aux.rel = has_kid(static_cast<size_t>(n.head), "aux:pass") || aux.rel != "nsubj:pass"
                  ? "aux"
                  : "aux:pass";
    aux.head = n.head;
  }
  // "will begin exporting vehicles", read with "exporting" an adjective of "vehicles": a
  // gerund right after a verb of aspect is its complement, the noun the gerund's object.
  for (size_t g = 1; g + 1 < words.size(); ++g) {
    UdWord& ger = words[g];
    const UdWord& before = words[g - 1];
    if (ger.xpos != "VBG" || ger.rel != "amod" || ger.head <= static_cast<int>(g) ||
        before.upos != "VERB" ||
        !In(before.lemma, {"begin", "start", "continue", "stop", "keep", "resume", "finish",
                           "consider", "cease", "quit"})) {
      continue;
    }
    UdWord& noun = words[static_cast<size_t>(ger.head)];
    if (noun.head != static_cast<int>(g) - 1 || noun.rel != "obj") continue;
    const int object = ger.head;
    ger.upos = "VERB";
    ger.head = static_cast<int>(g) - 1;
    ger.rel = "xcomp";
    noun.head = static_cast<int>(g);
    // The verb's phrases after the object are the gerund's ("exporting vehicles ... to
    // Europe").
    for (size_t k = static_cast<size_t>(object) + 1; k < words.size(); ++k) {
      if (words[k].head == static_cast<int>(g) - 1 && words[k].rel == "obl") {
        words[k].head = static_cast<int>(g);
      }
    }
  }
  // "to Europe, the world's second largest market, which it left": a description between
  // commas right after a name, hung from the clause as parataxis, is the name's apposition.
  for (size_t n = 3; n < words.size(); ++n) {
    UdWord& d = words[n];
    if (d.rel != "parataxis" || d.upos != "NOUN" || has_kid(n, "nsubj") || has_kid(n, "cop")) {
      continue;
    }
    // Its first word right after a comma, the word before the comma a name's.
    const size_t first = leftmost(n);
    if (first < 2 || words[first - 1].lower != "," || words[first - 2].upos != "PROPN") continue;
    // (A description with its determiner or a name's or noun's possessive: "its size" after
    // a comma is more often a phrase of the clause.)
    const bool described =
        has_kid(n, "det") || std::any_of(words.begin(), words.end(), [&](const UdWord& k) {
          return k.head == static_cast<int>(n) && k.rel == "nmod:poss" && k.upos != "PRON";
        });
    if (!described) continue;
    int name = static_cast<int>(first) - 2;
    if (words[static_cast<size_t>(name)].rel == "flat" &&
        words[static_cast<size_t>(name)].head >= 0) {
      name = words[static_cast<size_t>(name)].head;
    }
    d.head = name;
    d.rel = "appos";
  }
  // "was president of Pacific Western's airline unit, Pacific Western Airlines Ltd", read with
  // the company's name in apposition to "president": an organisation's name right after a
  // comma is the apposition of the noun of a company's kind right before the comma ("unit",
  // "subsidiary"), when that noun is in the phrase of the one the parser chose.
  auto organisation_at = [&](size_t i) {
    if (annotations == nullptr) return false;
    return std::any_of(annotations->begin(), annotations->end(), [&](const Annotation& a) {
      return a.type == EntityType::kOrganisation && a.begin <= words[i].begin &&
             words[i].end <= a.end;
    });
  };
  for (size_t a = 2; a < words.size(); ++a) {
    UdWord& app = words[a];
    if (app.rel != "appos" || app.upos != "PROPN" || app.head < 0 ||
        app.head >= static_cast<int>(a) || !organisation_at(a)) {
      continue;
    }
    const size_t first = leftmost(a);
    if (first < 2 || words[first - 1].lower != ",") continue;
    const int noun = static_cast<int>(first) - 2;
    const UdWord& n = words[static_cast<size_t>(noun)];
    // (One company: "at the request of the companies, the Stock Exchange of Hong Kong said".)
    if (noun <= app.head || n.upos != "NOUN" || n.xpos != "NN" || !IsOrganisationHead(n.lemma)) {
      continue;
    }
    if (within(static_cast<size_t>(noun), app.head, 4)) app.head = noun;
  }
  // "enable TRC to buy spares for 32 locomotives, overhaul 800 wagons and replace 67,000
  // sleepers", read with "overhaul" a clause of its own beside "enable": a base form after a
  // comma, without a subject, hung from a verb whose complement (a base form) comes before it
  // is that complement's conjunct.
  for (size_t p = 2; p < words.size(); ++p) {
    UdWord& verb = words[p];
    if (verb.rel != "parataxis" || verb.xpos != "VB" || verb.head < 0 ||
        words[p - 1].lower != "," || has_kid(p, "nsubj") || has_kid(p, "mark")) {
      continue;
    }
    int first = -1;
    for (size_t k = static_cast<size_t>(verb.head) + 1; k < p; ++k) {
      if (words[k].head == verb.head && words[k].rel == "xcomp" && words[k].xpos == "VB") {
        first = static_cast<int>(k);
      }
    }
    if (first < 0) continue;
    verb.head = first;
    verb.rel = "conj";
  }
  // "allows the airline to acquire the planes", read with the infinitive the airline's own
  // (as "plans to acquire" would be): after a verb that hands its object an action, or expects
  // or wants one of it ("expects the committee to report its findings"), the infinitive is the
  // verb's complement. So is one hung from the verb itself as its adverbial clause, after the
  // object ("should prompt many farmers to plant cotton").
  for (size_t i = 2; i < words.size(); ++i) {
    UdWord& inf = words[i];
    if (inf.upos != "VERB" || !In(inf.rel, {"acl", "advcl"}) || inf.head < 1 ||
        inf.head >= static_cast<int>(i) || !has_kid(i, "mark", "to")) {
      continue;
    }
    int at = inf.head;
    if (inf.rel == "advcl") {
      at = -1;
      for (size_t k = static_cast<size_t>(inf.head) + 1; k < i; ++k) {
        if (words[k].head == inf.head && words[k].rel == "obj") at = static_cast<int>(k);
      }
      if (at < 0) continue;
    }
    const UdWord& object = words[static_cast<size_t>(at)];
    if (object.rel != "obj" || object.head < 0 || object.head >= at) continue;
    // (A plan or a programme does not act: "authorized a program to purchase shares".)
    if (IsIntentionNoun(object.lemma) ||
        In(object.lemma, {"program", "programme", "scheme", "measure", "bill", "fund", "policy",
                          "system", "project", "facility", "loan", "plan"})) {
      continue;
    }
    const UdWord& verb = words[static_cast<size_t>(object.head)];
    if (verb.upos != "VERB" ||
        !In(verb.lemma,
            {"ask",      "tell",   "urge",   "allow",  "force",    "persuade",  "encourage",
             "require",  "invite", "enable", "prompt", "permit",   "authorize", "authorise",
             "instruct", "compel", "oblige", "press",  "pressure", "advise",    "empower",
             "entitle",  "help",   "expect", "want"})) {
      continue;
    }
    inf.head = object.head;
    inf.rel = "xcomp";
  }
  // "The company would have no retail customers", read with "have" as a copula (which it never
  // is): "have" is the verb, the noun its object, and the clause's words are the verb's.
  for (size_t c = 0; c < words.size(); ++c) {
    UdWord& have = words[c];
    if (have.rel != "cop" || !In(have.lower, {"have", "has", "had", "having"}) || have.head < 0) {
      continue;
    }
    const int noun = have.head;
    UdWord& n = words[static_cast<size_t>(noun)];
    if (!In(n.upos, {"NOUN", "PROPN", "PRON", "NUM"})) continue;
    have.head = n.head;
    have.rel = n.rel;
    have.upos = "VERB";
    n.head = static_cast<int>(c);
    n.rel = "obj";
    for (UdWord& k : words) {
      if (k.head == noun && &k != &have &&
          In(k.rel, {"nsubj", "aux", "mark", "cc", "punct", "advmod", "obl", "advcl", "parataxis",
                     "ccomp", "xcomp", "discourse", "expl", "conj"})) {
        k.head = static_cast<int>(c);
      }
    }
  }
  // "the extra aid Perez de Cuellar called for at the weekend": a preposition right after a
  // relative clause's verb, hung as a second case of the next phrase ("for at the weekend"),
  // is stranded: the verb's particle, its object the noun the clause modifies.
  // (Or hung from the verb alone, as a phrase without a noun.)
  for (size_t c = 1; c + 1 < words.size(); ++c) {
    UdWord& prep = words[c];
    const UdWord& verb = words[c - 1];
    if (verb.upos != "VERB" || verb.rel != "acl:relcl" || verb.head < 0 ||
        verb.head >= static_cast<int>(c) - 1) {
      continue;
    }
    if (prep.upos == "ADP" && prep.rel == "obl" && prep.head == static_cast<int>(c) - 1 &&
        !has_kid(c, "case") && !has_kid(c, "det")) {
      prep.rel = "compound:prt";
      continue;
    }
    if (prep.rel != "case" || prep.head <= static_cast<int>(c)) continue;
    const bool second_case =
        std::any_of(words.begin() + static_cast<long>(c) + 1, words.end(),
                    [&](const UdWord& k) { return k.head == prep.head && k.rel == "case"; });
    if (!second_case || words[static_cast<size_t>(prep.head)].head != static_cast<int>(c) - 1) {
      continue;
    }
    prep.head = static_cast<int>(c) - 1;
    prep.rel = "compound:prt";
  }
  // "Canada, Britain, Sweden, Italy and Denmark": a name after a comma that the parser hung
  // from a list's later member as its apposition, with the list still going on ("and
  // Denmark"), is one more member.
  for (size_t i = 0; i < words.size(); ++i) {
    UdWord& w = words[i];
    if (w.rel != "appos" || w.upos != "PROPN" || w.head < 0 || i == 0 ||
        words[i - 1].lower != ",") {
      continue;
    }
    const UdWord& h = words[static_cast<size_t>(w.head)];
    if (h.rel != "conj" || h.upos != "PROPN" || h.head < 0) continue;
    const int first = h.head;
    bool goes_on = false;
    for (size_t j = i + 1; j < words.size() && !goes_on; ++j) {
      if (words[j].rel != "conj" || words[j].head != first) continue;
      for (size_t c = i + 1; c < j; ++c) {
        if (words[c].rel == "cc" && words[c].head == static_cast<int>(j)) goes_on = true;
      }
    }
    if (!goes_on) continue;
    w.rel = "conj";
    w.head = first;
  }
  // "included a decline in investment, increased demand for borrowing which was straining the
  // financial system, a possible increase in inflation and the depressed condition of
  // farmers": a list of common nouns the parser read as a chain of appositions, each hung
  // from a word inside the member before it, closed by "and" or "or". Each member after a
  // comma, and the last after the conjunction, is the first member's conjunct. An apposition
  // that no conjunction closes stays one ("the plant, a 200-worker facility, closed"); a
  // name after a common noun is its apposition too ("its unit, Fabrikam and Litware").
  for (size_t a = 0; a < words.size(); ++a) {
    if (words[a].upos != "NOUN") continue;
    // The first member's words: its subtree without its appositions.
    size_t end = a;
    for (size_t k = a + 1; k < words.size(); ++k) {
      if (words[k].rel == "punct") continue;
      bool through_appos = false;
      int up = static_cast<int>(k);
      for (int steps = 0; steps <= 8 && up >= 0 && up != static_cast<int>(a); ++steps) {
        through_appos = through_appos || words[static_cast<size_t>(up)].rel == "appos";
        up = words[static_cast<size_t>(up)].head;
      }
      if (up == static_cast<int>(a) && !through_appos) end = k;
    }
    // Each later member: the words up to the next comma or list conjunction, with one word
    // hung from outside them, from the list so far, as an apposition or a conjunct.
    std::vector<size_t> members;
    bool closed = false, apposed = false;
    while (!closed && end + 2 < words.size()) {
      size_t open = end + 1;
      if (words[open].lower == "," && open + 1 < words.size() &&
          In(words[open + 1].lower, {"and", "or"})) {
        ++open;
      }
      const std::string& joint = words[open].lower;
      if (joint != "," && joint != "and" && joint != "or") break;
      size_t last = open + 1;
      while (last + 1 < words.size() &&
             !In(words[last + 1].lower, {",", "and", "or", ".", ";", ":"})) {
        ++last;
      }
      int member = -1, outside = 0;
      for (size_t k = open + 1; k <= last; ++k) {
        const int h = words[k].head;
        if (words[k].rel == "punct" ||
            (h > static_cast<int>(open) && h <= static_cast<int>(last))) {
          continue;
        }
        ++outside;
        member = static_cast<int>(k);
      }
      if (outside != 1) break;
      const UdWord& m = words[static_cast<size_t>(member)];
      if (!(m.rel == "appos" || m.rel == "conj") || !In(m.upos, {"NOUN", "PROPN"}) ||
          m.head < static_cast<int>(a) || m.head > static_cast<int>(end)) {
        break;
      }
      // (The first apposition is the first member's own, and a common noun's: a name is the
      // noun's apposition, and "in dealings with Congress, the press and ..." is no list of
      // "dealings".)
      if (m.rel == "appos" && !apposed &&
          ((m.upos != "NOUN" && !has_kid(a, "conj")) || m.head != static_cast<int>(a))) {
        break;
      }
      apposed = apposed || m.rel == "appos";
      members.push_back(static_cast<size_t>(member));
      closed = joint != ",";
      end = last;
    }
    if (!closed || !apposed || members.size() < 2) continue;
    // (Nor where words after the list hang from it: "to discuss the debt crisis, the Chad
    // situation and other issues, Egypt's Minister of State said" is no list of four.)
    const bool hung_after = std::any_of(
        words.begin() + static_cast<std::ptrdiff_t>(end) + 1, words.end(), [&](const UdWord& k) {
          return k.rel != "punct" && k.head >= static_cast<int>(a) &&
                 k.head <= static_cast<int>(end);
        });
    if (hung_after) continue;
    for (size_t y : members) {
      words[y].head = static_cast<int>(a);
      words[y].rel = "conj";
    }
  }
  // "explaining its actions to U.S. Treasury Secretary James Baker, Federal Reserve Board
  // chairman Paul Volcker and International Monetary Fund managing director Michel Camdessus":
  // a list of people each named after a title, which the parser reads as names, parataxis and
  // clauses hung from one another. The people are the list: each name heads its title, the
  // first takes the place of the first title, the others are its conjuncts.
  if (annotations != nullptr) {
    struct Unit {
      size_t start, first, last;  // the title's first word, the name's first and last
    };
    std::vector<std::pair<size_t, size_t>> people;
    for (const Annotation& an : *annotations) {
      if (an.type != EntityType::kPerson) continue;
      size_t f = words.size(), l = 0;
      for (size_t k = 0; k < words.size(); ++k) {
        if (words[k].begin >= an.begin && words[k].end <= an.end) {
          f = std::min(f, k);
          l = std::max(l, k);
        }
      }
      if (f < words.size()) people.emplace_back(f, l);
    }
    std::sort(people.begin(), people.end());
    // The title's words right before a name: nouns, names, adjectives, "managing"; one of them
    // a title.
    auto title_start = [&](size_t first, size_t floor) {
      size_t start = first;
      bool titled = false;
      while (start > floor) {
        // "International Monetary Fund (IMF) head": an abbreviation in brackets is part of it.
        if (start >= floor + 3 && words[start - 1].lower == ")" && words[start - 3].lower == "(") {
          start -= 3;
          continue;
        }
        const UdWord& m = words[start - 1];
        const bool part = In(m.upos, {"NOUN", "PROPN", "ADJ"}) ||
                          (m.upos == "VERB" && m.xpos == "VBG") || m.lower == "u.s.";
        if (!part || m.lower == "and") break;
        titled = titled || IsTitleWord(m.lower);
        --start;
      }
      return titled ? start : first;
    };
    for (size_t i = 0; i + 1 < people.size();) {
      std::vector<Unit> units;
      const size_t s0 = title_start(people[i].first, 0);
      if (s0 == people[i].first) {
        ++i;
        continue;
      }
      units.push_back({s0, people[i].first, people[i].second});
      bool closed = false;
      size_t j = i + 1;
      for (; j < people.size() && !closed; ++j) {
        const size_t after = units.back().last + 1;
        size_t open = after;
        bool last_one = false;
        if (open < words.size() && words[open].lower == ",") ++open;
        if (open < words.size() && In(words[open].lower, {"and", "or"})) {
          last_one = true;
          ++open;
        }
        if (open == after) break;
        const size_t start = title_start(people[j].first, open);
        if (start != open || start == people[j].first) break;
        units.push_back({start, people[j].first, people[j].second});
        closed = last_one;
      }
      if (!closed || units.size() < 2) {
        i = std::max(i + 1, j - 1);
        continue;
      }
      const size_t span_begin = units.front().start, span_end = units.back().last;
      auto inside = [&](int h, const Unit& u) {
        return h >= static_cast<int>(u.start) && h <= static_cast<int>(u.last);
      };
      // Where the list hangs: the first title's head outside the list.
      int top = -1;
      for (size_t k = units.front().start; k <= units.front().last; ++k) {
        if (!inside(words[k].head, units.front()) && top < 0) top = static_cast<int>(k);
      }
      if (top < 0 || (words[static_cast<size_t>(top)].head >= static_cast<int>(span_begin) &&
                      words[static_cast<size_t>(top)].head <= static_cast<int>(span_end))) {
        i = j;
        continue;
      }
      const int list_head = words[static_cast<size_t>(top)].head;
      const std::string list_rel = words[static_cast<size_t>(top)].rel;
      // (Not where the list's head hangs inside the list itself.)
      bool loops = false;
      for (int up = list_head, steps = 0; up >= 0 && steps < 64;
           up = words[static_cast<size_t>(up)].head, ++steps) {
        loops = loops || (up >= static_cast<int>(span_begin) && up <= static_cast<int>(span_end));
      }
      if (loops) {
        i = j;
        continue;
      }
      // The nearest verb above the list, for what the parser hung inside it from after it.
      int clause = list_head;
      while (clause >= 0 && words[static_cast<size_t>(clause)].upos != "VERB") {
        clause = words[static_cast<size_t>(clause)].head;
      }
      for (size_t u = 0; u < units.size(); ++u) {
        const Unit& unit = units[u];
        const int name = static_cast<int>(unit.first);
        for (size_t k = unit.start; k <= unit.last; ++k) {
          if (static_cast<int>(k) == name) continue;
          if (k > unit.first) {
            words[k].head = name;
            words[k].rel = "flat";
          } else if (!inside(words[k].head, unit) || words[k].head == name) {
            words[k].head = name;
            words[k].rel = "compound";
          }
        }
        words[unit.first].head = u == 0 ? list_head : static_cast<int>(units.front().first);
        words[unit.first].rel = u == 0 ? list_rel : "conj";
        // The comma or conjunction before a later member is its own.
        for (size_t k = u == 0 ? unit.start : units[u - 1].last + 1; u > 0 && k < unit.start; ++k) {
          words[k].head = name;
          words[k].rel = words[k].lower == "," ? "punct" : "cc";
        }
      }
      // Words outside the list hung inside it: a preposition before it is the first name's;
      // what follows it is the clause's.
      for (size_t k = 0; k < words.size(); ++k) {
        if (k >= span_begin && k <= span_end) continue;
        const int h = words[k].head;
        if (h < static_cast<int>(span_begin) || h > static_cast<int>(span_end)) continue;
        if (k < span_begin) {
          words[k].head = static_cast<int>(units.front().first);
        } else if (clause >= 0) {
          words[k].head = clause;
          if (In(words[k].rel, {"acl", "acl:relcl"})) words[k].rel = "advcl";
        }
      }
      i = j;
    }
  }
  // "has cost employers more than seven mln guilders", "paid shareholders 20 dlrs", read with
  // the amount hung inside the first object: an amount right after a verb's object is the
  // verb's second object, the first one whom it is for.
  if (annotations != nullptr) {
    for (size_t o = 1; o + 1 < words.size(); ++o) {
      UdWord& first = words[o];
      if (!(first.rel == "obj" || first.rel == "iobj") || first.head < 0 ||
          words[static_cast<size_t>(first.head)].upos != "VERB" ||
          !In(first.upos, {"NOUN", "PROPN", "PRON"}) ||
          !In(words[static_cast<size_t>(first.head)].lemma,
              {"cost", "pay", "owe", "give", "offer", "lend", "loan", "grant", "award", "charge",
               "save", "send", "promise", "earn", "net", "fine", "bring", "guarantee"})) {
        continue;
      }
      size_t start = o + 1;
      if (start + 1 < words.size() && In(words[start].lower, {"more", "less", "fewer"}) &&
          words[start + 1].lower == "than") {
        start += 2;
      } else if (In(words[start].lower, {"about", "nearly", "some", "almost", "around"})) {
        ++start;
      }
      if (start >= words.size()) continue;
      const Annotation* amount = nullptr;
      for (const Annotation& an : *annotations) {
        if ((an.type == EntityType::kMoney || an.type == EntityType::kQuantity) &&
            an.begin == words[start].begin) {
          amount = &an;
        }
      }
      if (amount == nullptr) continue;
      size_t last = start;
      while (last + 1 < words.size() && words[last + 1].end <= amount->end) ++last;
      // The amount's head: the last word of its span hung from outside it.
      int head = -1;
      for (size_t k = start; k <= last; ++k) {
        if (words[k].head < static_cast<int>(start) || words[k].head > static_cast<int>(last)) {
          head = static_cast<int>(k);
        }
      }
      const int verb = first.head;
      if (head < 0 || words[static_cast<size_t>(head)].rel == "obj" ||
          !(within(static_cast<size_t>(head), static_cast<int>(o), 4) ||
            within(static_cast<size_t>(head), verb, 2))) {
        continue;
      }
      // (A verb with an object of its own besides: "gave the board a report worth 20 dlrs".)
      if (first.rel == "iobj" && has_kid(static_cast<size_t>(verb), "obj")) continue;
      first.rel = "iobj";
      words[static_cast<size_t>(head)].head = verb;
      words[static_cast<size_t>(head)].rel = "obj";
      // "about", "more than": the first word qualifies the amount, "than" is fixed to it.
      for (size_t k = o + 1; k < start; ++k) {
        words[k].head = k == o + 1 ? head : static_cast<int>(o) + 1;
        words[k].rel = k == o + 1 ? "advmod" : "fixed";
      }
    }
  }
  // "had proved a much greater success, and praised their flexibility", read with "praised"
  // a conjunct of "success": a finite verb with an object and no subject of its own, hung
  // from a noun as its conjunct, is the conjunct of the verb above it in the same form. (Not
  // "have", "be" or "do", which may be an auxiliary the parser read as the verb: "and has
  // left Wall Street questioning".)
  for (size_t v = 0; v < words.size(); ++v) {
    UdWord& verb = words[v];
    // (A participle with an object and no auxiliary is a past tense too.)
    if (verb.rel != "conj" || verb.upos != "VERB" || verb.head < 0 ||
        !In(verb.xpos, {"VBD", "VBZ", "VBP", "VBN"}) || !has_kid(v, "obj") || has_kid(v, "nsubj") ||
        has_kid(v, "aux") || has_kid(v, "aux:pass") || In(verb.lemma, {"have", "be", "do"}) ||
        !In(words[static_cast<size_t>(verb.head)].upos, {"NOUN", "PROPN"})) {
      continue;
    }
    // (A participle only after ", and": "self-improvement and specialized business programs"
    // is an adjective.)
    if (verb.xpos == "VBN" && !(v >= 2 && words[v - 1].rel == "cc" && words[v - 2].lower == ",")) {
      continue;
    }
    const std::string form = verb.xpos == "VBN" ? "VBD" : verb.xpos;
    int same = -1;
    for (int up = words[static_cast<size_t>(verb.head)].head, steps = 0; up >= 0 && steps < 8;
         up = words[static_cast<size_t>(up)].head, ++steps) {
      const UdWord& u = words[static_cast<size_t>(up)];
      if (same < 0 && u.upos == "VERB" && u.xpos == form) same = up;
    }
    if (same >= 0 && same < static_cast<int>(v)) verb.head = same;
  }
  // "can improve handling and performance", read with "handling" a gerund complement: a
  // gerund without an object, coordinated with a noun, is a noun, the verb's object.
  for (size_t g = 0; g < words.size(); ++g) {
    UdWord& ger = words[g];
    // (Nor one with a phrase of its own: "appearing on early morning, daytime and ...".)
    if (ger.xpos != "VBG" || !In(ger.rel, {"xcomp", "advcl"}) || ger.head < 0 ||
        has_kid(g, "obj") || has_kid(g, "nsubj") || has_kid(g, "mark") || has_kid(g, "obl") ||
        has_kid(g, "advmod") || has_kid(static_cast<size_t>(ger.head), "obj")) {
      continue;
    }
    const bool with_noun = std::any_of(words.begin(), words.end(), [&](const UdWord& k) {
      return k.head == static_cast<int>(g) && k.rel == "conj" && k.upos == "NOUN";
    });
    if (!with_noun) continue;
    ger.upos = "NOUN";
    ger.xpos = "NN";
    ger.lemma = ger.lower;
    ger.rel = "obj";
  }
  // "fell 17 pct in January after increasing by 5.7 pct in December", read with "increasing" a
  // clause of "pct": a verb with a subordinating word ("after", "before", "while", "since",
  // "without") hung from the verb's object or oblique is the verb's adverbial clause. So is an
  // infinitive hung from a word of time the verb takes ("acted late last year to slash maize
  // production"): a word of time has no purpose.
  for (size_t v = 0; v < words.size(); ++v) {
    UdWord& verb = words[v];
    if (verb.rel != "acl" || verb.upos != "VERB" || verb.head < 0 ||
        verb.head > static_cast<int>(v)) {
      continue;
    }
    const bool marked = std::any_of(
        words.begin(), words.begin() + static_cast<std::ptrdiff_t>(v), [&](const UdWord& k) {
          return k.head == static_cast<int>(v) && k.rel == "mark" &&
                 In(k.lower, {"after", "before", "while", "since", "without", "until", "upon"});
        });
    const UdWord& noun = words[static_cast<size_t>(verb.head)];
    const bool timed_purpose =
        verb.xpos == "VB" && has_kid(v, "mark", "to") &&
        In(noun.lemma, {"year", "month", "week", "day", "today", "yesterday", "tomorrow", "monday",
                        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "morning", "afternoon", "evening", "night", "weekend"}) &&
        In(noun.rel, {"obj", "obl:unmarked", "obl:tmod", "nmod:tmod"});
    if ((!marked || !In(noun.rel, {"obj", "obl"})) && !timed_purpose) continue;
    if (noun.head < 0 || words[static_cast<size_t>(noun.head)].upos != "VERB") continue;
    verb.head = noun.head;
    verb.rel = "advcl";
  }
  // "spend more on education", "invest more in Lisbon", read with "more" the object and the
  // phrase its own: "more" says how much; the phrase is the verb's.
  for (size_t m = 1; m < words.size(); ++m) {
    UdWord& more = words[m];
    if (more.rel != "obj" || !In(more.lower, {"more", "less"}) || !In(more.upos, {"ADJ", "ADV"}) ||
        more.head != static_cast<int>(m) - 1 || words[m - 1].upos != "VERB") {
      continue;
    }
    more.rel = "advmod";
    for (UdWord& k : words) {
      if (k.head == static_cast<int>(m) && (k.rel == "obl" || k.rel == "nmod")) {
        k.head = static_cast<int>(m) - 1;
        k.rel = "obl";
      }
    }
  }
  // "would receive 29 dlrs cash, six dlrs in debentures and a warrant", read with "cash" an
  // apposition of "dlrs" (no comma between) and the list hung from it: the list's members are
  // the head's.
  for (size_t a = 1; a < words.size(); ++a) {
    const UdWord& app = words[a];
    if (app.rel != "appos" || app.head != static_cast<int>(a) - 1 || app.upos != "NOUN") continue;
    // (An amount: "agencies Cedel and Euroclear" is a description and its names.)
    if (!has_kid(static_cast<size_t>(app.head), "nummod")) continue;
    for (UdWord& k : words) {
      if (k.head == static_cast<int>(a) && k.rel == "conj") k.head = app.head;
    }
  }
  // "would receive 29 dlrs, six dlrs in notes and a warrant", with the later members hung from
  // the verb as if they were clauses: nouns after the verb's object are the object's list.
  for (size_t c = 1; c < words.size(); ++c) {
    UdWord& member = words[c];
    if (member.rel != "conj" || !In(member.upos, {"NOUN", "PROPN"}) || member.head < 0 ||
        words[static_cast<size_t>(member.head)].upos != "VERB") {
      continue;
    }
    // (Not a clause with its verb left out: "Malaysia was allocated 28,526 tonnes, Indonesia
    // 24,516", a name and a number after it.)
    // Nor a phrase with its preposition ("rejected the offer as ... not in the interests of").
    bool gapped = false;
    for (size_t k = 0; k < words.size() && k < c + 4; ++k) {
      if (words[k].head != static_cast<int>(c)) continue;
      gapped = gapped || (k > c && words[k].upos == "NUM") || (k < c && words[k].rel == "case");
    }
    int object = -1;
    for (size_t k = static_cast<size_t>(member.head) + 1; k < c; ++k) {
      if (words[k].head == member.head && words[k].rel == "obj") object = static_cast<int>(k);
    }
    if (object >= 0 && !gapped) member.head = object;
  }
  // "summoning Max Kampelman and the other top U.S. arms negotiators home", read with
  // "negotiators" the object of "arms": a noun takes no object, and a noun right after it hung
  // so is the head it modifies, in its place. So is a noun phrase right after a noun hung from
  // it as a modifier with neither preposition nor possessive ("The administration's
  // interagency trade policy review group, comprised of officials", with "group" hung from
  // "interagency"; the treebank has such a modifier in 20 of 12,500 sentences).
  for (size_t k = 1; k < words.size(); ++k) {
    UdWord& head = words[k];
    const int n = head.head;
    if (n < 0 || n >= static_cast<int>(k) || head.upos != "NOUN" ||
        words[static_cast<size_t>(n)].upos != "NOUN") {
      continue;
    }
    const bool object = head.rel == "obj" && n == static_cast<int>(k) - 1;
    const bool bare_modifier =
        head.rel == "nmod" && !has_kid(k, "case") && leftmost(k) == static_cast<size_t>(n) + 1;
    if (!object && !bare_modifier) continue;
    raise(static_cast<int>(k), n, "compound", 0);
  }
  // "participate in 56 pct of the earnings of EDS and 67 pct of Hughes' earnings", "2.5 mln
  // shares of class E and 3 mln shares of class H": a noun conjunct hung from the last noun of
  // an of-phrase (or a chain of them) is the phrase's head's, when it is an amount like the
  // head and the nouns between are none (a number on each), or the same noun as the head. (A
  // count of time is no amount: "rise 1.5 pct in the first three months of 1987 and two pct in
  // the half year".)
  for (size_t z = 2; z < words.size(); ++z) {
    UdWord& member = words[z];
    if (member.rel != "conj" || member.upos != "NOUN" || member.head < 0) continue;
    const bool amount = has_kid(z, "nummod");
    int cur = member.head;
    if (words[static_cast<size_t>(cur)].lemma == member.lemma ||
        has_kid(static_cast<size_t>(cur), "nummod")) {
      continue;
    }
    for (int steps = 0; steps < 3 && words[static_cast<size_t>(cur)].rel == "nmod"; ++steps) {
      const int up = words[static_cast<size_t>(cur)].head;
      if (up < 0 || words[static_cast<size_t>(up)].upos != "NOUN") break;
      const bool counted =
          has_kid(static_cast<size_t>(up), "nummod") &&
          !In(words[static_cast<size_t>(up)].lemma,
              {"year", "quarter", "month", "week", "day", "half", "period", "hour"});
      if ((amount && counted) || words[static_cast<size_t>(up)].lemma == member.lemma) {
        member.head = up;
        break;
      }
      if (counted) break;
      cur = up;
    }
  }
  // "Contoso has signed a contract with Litware, a Litware official said", read as "a contract
  // ... said": the phrase after the comma right before the verb of saying is the speaker, and
  // the noun the parser made the speaker is the object of the reported verb before it.
  for (size_t v = 2; v < words.size(); ++v) {
    const UdWord& say = words[v];
    if (say.upos != "VERB" || !IsSaying(say.lemma)) continue;
    int reported = -1, subject = -1;
    for (size_t k = 0; k < v; ++k) {
      if (words[k].head != static_cast<int>(v)) continue;
      if (In(words[k].rel, {"ccomp", "parataxis"}) && words[k].upos == "VERB") {
        reported = static_cast<int>(k);
      }
      if (words[k].rel == "nsubj") subject = static_cast<int>(k);
    }
    if (reported < 0 || subject <= reported) continue;
    if (has_kid(static_cast<size_t>(reported), "obj")) continue;
    // The speaker: an apposition of that noun whose phrase ends right before the verb.
    int speaker = -1;
    // (From the noun or a word of its phrase: "a contract ... for the supply of steel, a
    // Litware official".)
    auto in_subject = [&](int w) {
      for (int steps = 0; w >= 0 && steps < 12; ++steps, w = words[static_cast<size_t>(w)].head) {
        if (w == subject) return true;
        if (w == static_cast<int>(v)) return false;
      }
      return false;
    };
    for (size_t k = static_cast<size_t>(subject) + 1; k < v; ++k) {
      if (words[k].rel != "appos" || !in_subject(words[k].head)) continue;
      // Its phrase opens after a comma: "..., a Litware official".
      size_t first = k;
      while (first > 0 && words[first - 1].head == static_cast<int>(k) &&
             words[first - 1].lower != ",") {
        --first;
      }
      if (first > 0 && words[first - 1].lower == ",") speaker = static_cast<int>(k);
    }
    if (speaker < 0 || speaker + 1 != static_cast<int>(v)) continue;
    // (The comma hangs from the speaker or the verb either way; the noun's own words stay.)
    words[static_cast<size_t>(speaker)].head = static_cast<int>(v);
    words[static_cast<size_t>(speaker)].rel = "nsubj";
    words[static_cast<size_t>(subject)].head = reported;
    words[static_cast<size_t>(subject)].rel = "obj";
  }
  // "agreed in principle to sell its unit", the infinitive hung from "principle": after a verb
  // that takes an infinitive, one hung from a bare noun of a phrase on the verb ("in
  // principle", "at once") is the verb's complement.
  for (size_t v = 2; v < words.size(); ++v) {
    UdWord& inf = words[v];
    if (inf.rel != "acl" || inf.upos != "VERB" || inf.head < 0) continue;
    const UdWord& noun = words[static_cast<size_t>(inf.head)];
    if (noun.rel != "obl" || noun.head < 0 || noun.upos != "NOUN") continue;
    const UdWord& verb = words[static_cast<size_t>(noun.head)];
    if (verb.upos != "VERB" || !TakesInfinitive(verb.lemma)) continue;
    const bool bare = std::none_of(words.begin(), words.end(), [&](const UdWord& k) {
      return k.head == inf.head && In(k.rel, {"det", "nmod:poss", "amod", "nummod", "compound"});
    });
    if (!has_kid(v, "mark", "to") || !bare) continue;
    inf.head = noun.head;
    inf.rel = "xcomp";
  }
  // "welcomed Gorbachev's offer to proceed with a treaty", the infinitive hung from the verb: an
  // infinitive right after an object that names an intention says what is intended, and whose
  // (the noun's owner's), not what the verb's subject does.
  for (size_t v = 2; v < words.size(); ++v) {
    UdWord& inf = words[v];
    if (inf.rel != "xcomp" || inf.upos != "VERB" || inf.head < 0 || !has_kid(v, "mark", "to")) {
      continue;
    }
    for (size_t o = static_cast<size_t>(inf.head) + 1; o < v; ++o) {
      if (words[o].head != inf.head || words[o].rel != "obj" ||
          !(IsIntentionNoun(words[o].lemma) || IsIntentionNoun(words[o].lower))) {
        continue;
      }
      // Only the noun's own words and the infinitive's "to" between.
      bool adjacent = true;
      for (size_t k = o + 1; k < v && adjacent; ++k) {
        adjacent = words[k].head == static_cast<int>(o) || words[k].head == static_cast<int>(v);
      }
      if (!adjacent) continue;
      inf.head = static_cast<int>(o);
      inf.rel = "acl";
      break;
    }
  }
  // "Ana Ferreira has been appointed president", read as "has been an appointed president": a
  // past participle right after "be" is the passive verb, not an adjective of the noun after it;
  // the noun is what the subject is made (an office) or what is done to it.
  for (size_t x = 1; x + 1 < words.size(); ++x) {
    UdWord& verb = words[x];
    if (verb.rel != "amod" || verb.upos != "VERB" || verb.xpos != "VBN" ||
        verb.head <= static_cast<int>(x) || words[x - 1].rel != "cop" ||
        words[x - 1].head != verb.head) {
      continue;
    }
    const int noun_at = verb.head;
    UdWord& noun = words[static_cast<size_t>(noun_at)];
    if (!In(noun.upos, {"NOUN", "PROPN"})) continue;
    for (size_t i = 0; i < static_cast<size_t>(noun_at); ++i) {
      UdWord& k = words[i];
      if (k.head != noun_at || i == x) continue;
      if (k.rel == "cop") {
        k.rel = "aux:pass";
      } else if (k.rel == "nsubj") {
        k.rel = "nsubj:pass";
      } else if (!In(k.rel, {"aux", "advmod", "mark", "punct", "cc"}) && !IsRel(k, "nsubj")) {
        continue;
      }
      k.head = static_cast<int>(x);
    }
    verb.head = noun.head;
    verb.rel = noun.head < 0 ? "root" : noun.rel;
    noun.head = static_cast<int>(x);
    noun.rel = IsAppointing(verb.lemma) ? "xcomp" : "obj";
  }
  // "Contoso said it named Ana Ferreira chief executive", read as "said it (to be) named": what
  // follows a verb of saying is what was said, a clause of its own (never "had it named", with
  // the participle a complement), and the pronoun or noun the parser gave the saying verb as an
  // object before it is the clause's subject.
  for (size_t v = 1; v < words.size(); ++v) {
    UdWord& verb = words[v];
    if (verb.rel != "xcomp" || verb.upos != "VERB" || verb.head < 0 ||
        !In(verb.xpos, {"VBD", "VBZ", "VBP", "VBN"}) ||
        !IsSaying(words[static_cast<size_t>(verb.head)].lemma)) {
      continue;
    }
    for (size_t o = static_cast<size_t>(verb.head) + 1; o < v; ++o) {
      UdWord& obj = words[o];
      if (obj.head != verb.head || obj.rel != "obj" || !In(obj.upos, {"PRON", "NOUN", "PROPN"})) {
        continue;
      }
      obj.head = static_cast<int>(v);
      obj.rel = "nsubj";
      verb.rel = "ccomp";
      break;
    }
  }
  // An agent is always marked "by": an "agent" without it is what the verb acts on.
  for (size_t a = 0; a < words.size(); ++a) {
    UdWord& agent = words[a];
    if (agent.rel != "obl:agent" || agent.head < 0) continue;
    const bool by = std::any_of(words.begin(), words.end(), [&](const UdWord& k) {
      return k.head == static_cast<int>(a) && k.lower == "by";
    });
    if (!by && !has_kid(static_cast<size_t>(agent.head), "obj")) agent.rel = "obj";
  }
  // "Contoso named Murray Sigler president and chief executive": the parser reads the person and
  // the office as one noun phrase, the name a compound of the title, or the name as an indirect
  // object and the office as the object, or the name as the office's owner. After a verb of
  // appointment the name is the object and the title the office, as in "named Sigler
  // president".
  auto person_at = [&](size_t k) {
    if (annotations == nullptr) return false;
    return std::any_of(annotations->begin(), annotations->end(), [&](const Annotation& a) {
      return a.type == EntityType::kPerson && words[k].begin >= a.begin && words[k].end <= a.end;
    });
  };
  for (size_t t = 0; t < words.size(); ++t) {
    UdWord& title = words[t];
    if (title.rel != "obj" || title.head < 0 || title.upos != "NOUN" || !IsTitleWord(title.lower)) {
      continue;
    }
    const UdWord& verb = words[static_cast<size_t>(title.head)];
    if (verb.upos != "VERB" || !IsAppointing(verb.lemma)) continue;
    for (size_t k = static_cast<size_t>(title.head) + 1; k < t; ++k) {
      // (Or the name read as the indirect object: "elected Ana Ferreira chief executive".)
      const bool compound = words[k].head == static_cast<int>(t) && words[k].rel == "compound";
      const bool indirect = words[k].head == title.head && words[k].rel == "iobj";
      // (Or as the title's possessor with no "'s": "named John Smith president".)
      bool owner = words[k].head == static_cast<int>(t) && words[k].rel == "nmod:poss";
      for (size_t c = k + 1; c < t && owner; ++c) {
        owner = !(words[c].head == static_cast<int>(k) && words[c].rel == "case");
      }
      if ((!compound && !indirect && !owner) || words[k].upos != "PROPN" || !person_at(k)) {
        continue;
      }
      words[k].head = title.head;
      words[k].rel = "obj";
      title.rel = "xcomp";
      break;
    }
  }
  // "said it appointed president and chief executive Rhys Eaton as chairman", read as "the
  // appointed president ... Rhys Eaton": a verb the parser hung as a modifier while giving it a
  // subject is a clause. It takes the place of the noun phrase it was hung in (up through
  // descriptions, compounds and names), and the phrase becomes its object.
  for (size_t x = 0; x < words.size(); ++x) {
    UdWord& verb = words[x];
    if (verb.rel != "amod" || verb.upos != "VERB" || verb.head <= static_cast<int>(x)) continue;
    bool subject = false;
    for (size_t k = 0; k < x && !subject; ++k) {
      subject = words[k].head == static_cast<int>(x) && IsRel(words[k], "nsubj");
    }
    if (!subject) continue;
    int top = verb.head;
    for (int steps = 0; steps < 8; ++steps) {
      const UdWord& t = words[static_cast<size_t>(top)];
      if (t.head < 0 || !In(t.rel, {"nmod:desc", "compound", "flat"})) break;
      top = t.head;
    }
    UdWord& phrase = words[static_cast<size_t>(top)];
    verb.head = phrase.head;
    verb.rel = phrase.head < 0 ? "root" : phrase.rel;
    phrase.head = static_cast<int>(x);
    phrase.rel = "obj";
  }
  // "appointed president and chief executive Rhys Eaton as chairman": coordinated titles before
  // a person's name, which the parser reads as the first title and the name coordinated. The
  // name is the phrase's head, the first title its compound (the title rules read the run).
  for (size_t t = 0; t < words.size(); ++t) {
    UdWord& title = words[t];
    if (title.upos != "NOUN" || !IsTitleWord(title.lower) || title.rel == "conj") continue;
    for (size_t c = t + 1; c < words.size() && c < t + 8; ++c) {
      UdWord& name = words[c];
      if (name.head != static_cast<int>(t) || name.rel != "conj" || name.upos != "PROPN" ||
          !person_at(c)) {
        continue;
      }
      // Only "and", titles and the name's own words between.
      bool run = true;
      for (size_t k = t + 1; k < c && run; ++k) {
        const UdWord& x = words[k];
        run = x.rel == "cc" || ((x.rel == "amod" || x.rel == "compound") &&
                                (IsTitleWord(x.lower) || x.upos == "PROPN"));
      }
      if (!run) break;
      name.head = title.head;
      name.rel = title.rel;
      title.head = static_cast<int>(c);
      title.rel = "compound";
      break;
    }
  }
  // "wrote to the minister yesterday": a word of time the parser made the head of the noun
  // before it ("minister" its compound) is a circumstance of the clause; the noun is the head.
  for (size_t w = 1; w < words.size(); ++w) {
    UdWord& time = words[w];
    UdWord& noun = words[w - 1];
    if (!In(time.lower, {"yesterday", "today", "tomorrow", "tonight"}) ||
        noun.head != static_cast<int>(w) || noun.rel != "compound" ||
        (noun.upos != "NOUN" && noun.upos != "PROPN")) {
      continue;
    }
    for (UdWord& k : words) {
      if (k.head == static_cast<int>(w) && &k != &noun) k.head = static_cast<int>(w - 1);
    }
    noun.head = time.head;
    noun.rel = time.head < 0 ? "root" : time.rel;
    time.head = noun.head >= 0 ? noun.head : static_cast<int>(w - 1);
    time.rel = "obl:unmarked";
  }
  // "Employers and the port union, FNV, are to meet": an apposition right after a list's later
  // member names that member, not the list's first.
  for (size_t a = 2; a < words.size(); ++a) {
    UdWord& app = words[a];
    if (app.rel != "appos" || app.head < 0 || app.head >= static_cast<int>(a) ||
        words[a - 1].lower != ",") {
      continue;
    }
    // The word before the comma, up to the conjunct of the appositive's head it belongs to.
    int c = static_cast<int>(a) - 2;
    for (int steps = 0; c >= 0 && steps < 8; ++steps) {
      const UdWord& x = words[static_cast<size_t>(c)];
      if (x.head == app.head && x.rel == "conj") break;
      if (x.head < 0 || x.head == app.head) {
        c = -1;
        break;
      }
      c = x.head;
    }
    if (c < 0 || c > static_cast<int>(a) - 2 || words[static_cast<size_t>(c)].rel != "conj" ||
        words[static_cast<size_t>(c)].head != app.head) {
      continue;
    }
    app.head = c;
  }
  // "pleaded guilty to two counts": the adjective complement of a plea, with a phrase of its
  // own, is read as the rules read an adjective object (the relation "plead guilty to"); the
  // tagger gives such adjectives their class, and the parser the treebank's xcomp. (Other
  // verbs' adjective complements stay attributes: "remain bright", "be quoted unchanged".)
  for (size_t w = 0; w < words.size(); ++w) {
    UdWord& adj = words[w];
    if (adj.rel != "xcomp" || adj.upos != "ADJ" || adj.head < 0 || adj.head > static_cast<int>(w)) {
      continue;
    }
    const UdWord& verb = words[static_cast<size_t>(adj.head)];
    if (verb.upos != "VERB" || verb.lemma != "plead") continue;
    std::vector<size_t> phrases;
    for (size_t k = w + 1; k < words.size(); ++k) {
      if (words[k].head != static_cast<int>(w) || words[k].rel != "obl") continue;
      bool marked = false;
      for (size_t c = w + 1; c < k; ++c) {
        marked = marked || (words[c].head == static_cast<int>(k) && words[c].rel == "case");
      }
      if (marked) phrases.push_back(k);
    }
    if (phrases.empty()) continue;
    adj.rel = "obj";
    for (size_t k : phrases) words[k].rel = "nmod";
  }
  // "the first aid package for TRC, which also carries cargo for Uganda": a relative clause
  // after a comma is about the name right before the comma, not the noun that name hangs from.
  for (size_t v = 0; v < words.size(); ++v) {
    UdWord& verb = words[v];
    if (verb.rel != "acl:relcl" || verb.head < 0) continue;
    int pronoun = -1;
    for (size_t k = 0; k < v; ++k) {
      if (words[k].head == static_cast<int>(v) && In(words[k].lower, {"which", "who"})) {
        pronoun = static_cast<int>(k);
      }
    }
    if (pronoun < 2 || words[static_cast<size_t>(pronoun) - 1].lower != ",") continue;
    int name = pronoun - 2;
    if (words[static_cast<size_t>(name)].upos != "PROPN") continue;
    if (words[static_cast<size_t>(name)].rel == "flat") {
      name = words[static_cast<size_t>(name)].head;
    }
    if (name < 0 || name == verb.head || words[static_cast<size_t>(name)].head != verb.head ||
        words[static_cast<size_t>(name)].upos != "PROPN" ||
        !IsRel(words[static_cast<size_t>(name)], "nmod")) {
      continue;
    }
    verb.head = name;
  }
  // "starts negotiations tomorrow, buoyed by an economy on the mend": a participle after a
  // comma that the parser hung from a word of time is the clause's.
  for (size_t v = 1; v < words.size(); ++v) {
    UdWord& verb = words[v];
    if (!IsRel(verb, "acl") || verb.upos != "VERB" || verb.head < 0 ||
        verb.head >= static_cast<int>(v) || words[v - 1].lower != ",") {
      continue;
    }
    const UdWord& time = words[static_cast<size_t>(verb.head)];
    if (!In(time.lower, {"today", "tomorrow", "yesterday", "monday", "tuesday", "wednesday",
                         "thursday", "friday", "saturday", "sunday", "week", "month", "year"}) ||
        time.head < 0 || !IsRel(time, "obl")) {
      continue;
    }
    verb.head = time.head;
    verb.rel = "advcl";
  }
  // "banks were invited to form a syndicated loan, they added": an infinitive the parser hung
  // from a saying after it, which itself hangs from a verb before the infinitive, completes
  // that verb.
  for (size_t v = 0; v < words.size(); ++v) {
    UdWord& verb = words[v];
    if (verb.rel != "advcl" || verb.upos != "VERB" || verb.head <= static_cast<int>(v)) continue;
    const bool to = has_kid(v, "mark", "to");
    const UdWord& saying = words[static_cast<size_t>(verb.head)];
    if (!to || !IsSaying(saying.lemma) || saying.head < 0 || saying.head >= static_cast<int>(v) ||
        !(saying.rel == "ccomp" || saying.rel == "parataxis") ||
        words[static_cast<size_t>(saying.head)].upos != "VERB") {
      continue;
    }
    verb.head = saying.head;
    verb.rel = "xcomp";
  }
  // "Contoso is committed to keeping the business, its president said", with "keeping" hung
  // from "said": what the parser hung from a saying between the clause said before it and the
  // speaker is that clause's.
  for (size_t v = 0; v < words.size(); ++v) {
    UdWord& d = words[v];
    if (d.head <= static_cast<int>(v) || !In(d.rel, {"advcl", "xcomp", "obl"})) continue;
    const size_t say = static_cast<size_t>(d.head);
    if (!IsSaying(words[say].lemma) || words[say].upos != "VERB") continue;
    int said = -1, speaker = -1;
    for (size_t k = 0; k < words.size(); ++k) {
      if (words[k].head != static_cast<int>(say)) continue;
      if (words[k].rel == "ccomp" && k < v) said = static_cast<int>(k);
      if (words[k].rel == "nsubj" && k > v && speaker < 0) speaker = static_cast<int>(k);
    }
    // (Or the saying hung from what was said: "... but by steering liquidity, he said", with
    // "said" a conjunct of the clause before.)
    if (said < 0 && In(words[say].rel, {"conj", "parataxis"}) && words[say].head >= 0 &&
        words[say].head < static_cast<int>(v)) {
      said = words[say].head;
    }
    if (said < 0 || speaker < 0) continue;
    // The speaker's phrase opens after a comma that closes what was said.
    const size_t opens = leftmost(static_cast<size_t>(speaker));
    if (opens == 0 || words[opens - 1].lower != ",") continue;
    d.head = said;
  }
  // "prices have been rising as companies built up their profits": a noun after "as" (or
  // "because", "while", ...) with a finite verb hung from it is that verb's subject, and the
  // verb the clause the word opens; the parser read the noun as an oblique and the verb as its
  // reduced relative, which no finite verb is.
  for (size_t v = 0; v < words.size(); ++v) {
    UdWord& verb = words[v];
    if (verb.rel != "acl" || verb.upos != "VERB" || verb.head < 0) continue;
    // A participle with an object is a past tense too (a passive participle takes none).
    const bool has_object = has_kid(v, "obj");
    if (!(verb.xpos == "VBD" || verb.xpos == "VBZ" || verb.xpos == "VBP" ||
          (verb.xpos == "VBN" && has_object))) {
      continue;
    }
    const int noun = verb.head;
    UdWord& n = words[static_cast<size_t>(noun)];
    if (!IsRel(n, "obl") || n.head < 0 || noun >= static_cast<int>(v)) continue;
    int mark = -1;
    for (size_t c = 0; c < static_cast<size_t>(noun); ++c) {
      if (words[c].head == noun && words[c].rel == "case" &&
          In(words[c].lower, {"as", "because", "while", "since", "after", "before", "until",
                              "though", "although", "whereas"})) {
        mark = static_cast<int>(c);
      }
    }
    if (mark < 0) continue;
    bool has_subject = false;
    for (const UdWord& k : words) {
      has_subject = has_subject || (k.head == static_cast<int>(v) && IsRel(k, "nsubj"));
    }
    if (has_subject) continue;
    verb.head = n.head;
    verb.rel = "advcl";
    n.head = static_cast<int>(v);
    n.rel = "nsubj";
    words[static_cast<size_t>(mark)].head = static_cast<int>(v);
    words[static_cast<size_t>(mark)].rel = "mark";
  }
  // "William Taggart ... will be chief executive officer of the new company", read with the
  // subject, the copula and the auxiliary hung from "chief": a modifier has no clause of its
  // own, and those are the noun's it modifies.
  for (size_t m = 0; m < words.size(); ++m) {
    const UdWord& modifier = words[m];
    if ((modifier.rel != "amod" && modifier.rel != "compound") ||
        modifier.head <= static_cast<int>(m) || !has_kid(m, "cop")) {
      continue;
    }
    for (UdWord& k : words) {
      if (k.head == static_cast<int>(m) &&
          In(k.rel, {"nsubj", "nsubj:pass", "cop", "aux", "aux:pass", "advmod", "mark", "punct"}) &&
          &k - words.data() < static_cast<std::ptrdiff_t>(m)) {
        k.head = modifier.head;
      }
    }
  }
  // "Another former official of the bank, Samuel Yonnone, 37, pled guilty": a small number
  // between commas right after a name is the name's age. Read as the sentence's head, with the
  // verb joined to it, the verb is the head, with what hung from the number; and the person is
  // no bank's apposition but the official's.
  for (size_t n = 2; n + 1 < words.size(); ++n) {
    UdWord& age = words[n];
    int years = 0;
    if (age.upos != "NUM" || words[n - 1].form != "," || words[n + 1].form != "," ||
        words[n - 2].upos != "PROPN" ||
        std::from_chars(age.form.data(), age.form.data() + age.form.size(), years).ec !=
            std::errc() ||
        years < 16 || years > 110) {
      continue;
    }
    int name = static_cast<int>(n) - 2;
    while (words[static_cast<size_t>(name)].rel == "flat" &&
           words[static_cast<size_t>(name)].head >= 0 &&
           words[static_cast<size_t>(name)].head < name) {
      name = words[static_cast<size_t>(name)].head;
    }
    if (age.rel == "root") {
      int verb = -1;
      for (size_t k = n + 2; k < words.size() && verb < 0; ++k) {
        if (words[k].head == static_cast<int>(n) && words[k].rel == "conj" &&
            words[k].upos == "VERB") {
          verb = static_cast<int>(k);
        }
      }
      if (verb < 0) continue;
      for (size_t k = 0; k < words.size(); ++k) {
        if (words[k].head == static_cast<int>(n) && static_cast<int>(k) != verb && k != n - 1 &&
            k != n + 1) {
          words[k].head = verb;
        }
      }
      words[static_cast<size_t>(verb)].head = -1;
      words[static_cast<size_t>(verb)].rel = "root";
    } else if (std::any_of(words.begin(), words.end(), [&](const UdWord& k) {
                 return k.head == static_cast<int>(n) && k.rel != "punct";
               })) {
      continue;  // (A number with words of its own is more than an age.)
    }
    UdWord& person = words[static_cast<size_t>(name)];
    if (person.rel == "appos" && person.head >= 0) {
      const UdWord& inner = words[static_cast<size_t>(person.head)];
      if (inner.rel == "nmod" && inner.head >= 0 && inner.head < person.head &&
          words[static_cast<size_t>(inner.head)].upos == "NOUN") {
        person.head = inner.head;
      }
    }
    age.head = name;
    age.rel = "appos";
    words[n - 1].head = static_cast<int>(n);
    words[n - 1].rel = "punct";
    words[n + 1].head = static_cast<int>(n);
    words[n + 1].rel = "punct";
  }
  // "A 31.63 mln dlr issue of bonds due 2001 was given a coupon", read with "due" the subject:
  // "due" right after a noun and before its date modifies the noun, and the noun phrase it ends
  // (up its of-phrases) is the subject, the verb the clause's head in the phrase's place.
  for (size_t d = 1; d + 1 < words.size(); ++d) {
    UdWord& due = words[d];
    if (due.lower != "due" || due.upos != "ADJ" || !IsRel(due, "nsubj") ||
        words[d + 1].upos != "NUM" || !In(words[d - 1].upos, {"NOUN", "PROPN"}) ||
        due.head <= static_cast<int>(d)) {
      continue;
    }
    const int verb = due.head;
    int top = static_cast<int>(d) - 1;
    while (words[static_cast<size_t>(top)].rel == "nmod" &&
           words[static_cast<size_t>(top)].head >= 0 &&
           words[static_cast<size_t>(top)].head < top) {
      top = words[static_cast<size_t>(top)].head;
    }
    UdWord& v = words[static_cast<size_t>(verb)];
    UdWord& t = words[static_cast<size_t>(top)];
    // The verb hung inside the phrase, the phrase the clause's head, or a noun joined to the
    // sentence's first clause ("... and a 40 mln dlr offering of bonds due 2006 was given").
    if (v.head < top || v.head >= static_cast<int>(d)) continue;
    const int root = SentenceRoot(words);
    if (t.rel == "root") {
      v.head = t.head;
      v.rel = t.rel;
    } else if (t.rel == "conj" && root >= 0 && root < top &&
               words[static_cast<size_t>(root)].upos == "VERB") {
      v.head = root;
      v.rel = "conj";
    } else {
      continue;
    }
    for (UdWord& k : words) {
      if (k.head == top && (&k - words.data() > verb || k.rel == "cc")) k.head = verb;
    }
    t.head = verb;
    t.rel = due.rel;
    due.head = static_cast<int>(d) - 1;
    due.rel = "amod";
  }
  // "wanted to ban all non-bank activities started after July 1, 1983", read with "started" a
  // clause the verb says: a verb that takes no clause (not a saying, a thought, a wish, a
  // finding) has a noun object, and a form in -ed right after that noun, with no auxiliary,
  // object or complement of its own, is the participle that modifies it.
  for (size_t v = 2; v < words.size(); ++v) {
    UdWord& part = words[v];
    const int n = static_cast<int>(v) - 1;
    if (part.rel != "ccomp" || part.xpos != "VBD" || !part.lower.ends_with("ed") || part.head < 0 ||
        part.head >= n || words[static_cast<size_t>(n)].head != static_cast<int>(v) ||
        words[static_cast<size_t>(n)].rel != "nsubj" ||
        !In(words[static_cast<size_t>(n)].upos, {"NOUN", "PROPN"})) {
      continue;
    }
    UdWord& verb = words[static_cast<size_t>(part.head)];
    // (A verb, not a participle without an auxiliary: "while liquefied natural gas exports
    // dropped", "liquefied" the noun's.)
    const bool participle = verb.xpos == "VBN" && !has_kid(static_cast<size_t>(part.head), "aux") &&
                            !has_kid(static_cast<size_t>(part.head), "aux:pass");
    if (verb.upos != "VERB" || participle || IsQuoting(verb.lemma) || IsIntention(verb.lemma) ||
        In(verb.lemma,
           {"know",       "think",      "see",       "ask",       "find",    "mean",     "feel",
            "guess",      "understand", "remember",  "figure",    "assume",  "show",     "suggest",
            "hear",       "ensure",     "realize",   "wonder",    "decide",  "conclude", "assure",
            "notice",     "inform",     "imagine",   "determine", "learn",   "discover", "admit",
            "advise",     "agree",      "recommend", "prove",     "suspect", "doubt",    "fear",
            "anticipate", "forecast",   "demand",    "order",     "recall",  "reveal",   "forget",
            "make",       "have",       "let",       "help",      "watch"}) ||
        leftmost(static_cast<size_t>(n)) != static_cast<size_t>(part.head) + 1) {
      continue;
    }
    if (std::any_of(words.begin(), words.end(), [&](const UdWord& k) {
          return k.head == static_cast<int>(v) &&
                 In(k.rel, {"aux", "aux:pass", "obj", "iobj", "ccomp", "xcomp", "mark",
                            "nsubj:pass", "expl", "cop"});
        })) {
      continue;
    }
    UdWord& noun = words[static_cast<size_t>(n)];
    noun.head = part.head;
    noun.rel = "obj";
    part.head = n;
    part.rel = "acl";
    part.xpos = "VBN";
  }
  // "He said Gorbachev's new offer ending the linkage of the three areas removed a major
  // barrier", read with the offer what he said and "removed" a clause of "areas": what a saying
  // takes as its object, with a past form that has an object of its own hung inside it (no
  // subject, auxiliary or relative word of its own), is the subject of that verb, and the verb
  // the clause said.
  for (size_t v = 1; v < words.size(); ++v) {
    UdWord& verb = words[v];
    if (!In(verb.rel, {"acl", "acl:relcl"}) || !In(verb.xpos, {"VBD", "VBN"}) ||
        !has_kid(v, "obj") || has_kid(v, "nsubj") || has_kid(v, "aux") || has_kid(v, "aux:pass") ||
        has_kid(v, "mark") || has_kid(v, "nsubj:pass")) {
      continue;
    }
    const auto says = [&](int k) {
      return k >= 0 && In(words[static_cast<size_t>(k)].lemma,
                          {"say", "add", "note", "claim", "believe", "predict", "warn", "argue",
                           "state", "estimate"});
    };
    int object = verb.head;
    while (object >= 0 &&
           !(words[static_cast<size_t>(object)].rel == "obj" &&
             says(words[static_cast<size_t>(object)].head)) &&
           In(words[static_cast<size_t>(object)].rel, {"nmod", "acl", "obj", "appos", "conj"})) {
      object = words[static_cast<size_t>(object)].head;
    }
    if (object < 0 || words[static_cast<size_t>(object)].rel != "obj" ||
        !In(words[static_cast<size_t>(object)].upos, {"NOUN", "PROPN"})) {
      continue;
    }
    const int saying = words[static_cast<size_t>(object)].head;
    if (!says(saying) || saying >= object || has_kid(static_cast<size_t>(saying), "ccomp")) {
      continue;
    }
    // (No verb between the saying and the past form: it is the first the object meets.)
    bool between = false;
    for (int k = object + 1; k < static_cast<int>(v); ++k) {
      between = between || (words[static_cast<size_t>(k)].upos == "VERB" &&
                            words[static_cast<size_t>(k)].xpos != "VBG");
    }
    if (between) continue;
    UdWord& o = words[static_cast<size_t>(object)];
    verb.head = saying;
    verb.rel = "ccomp";
    verb.xpos = "VBD";
    o.head = static_cast<int>(v);
    o.rel = "nsubj";
  }
  // "To seize this new opportunity I have instructed our negotiators to begin", read with
  // "instructed" a relative clause of "opportunity": a sentence opened by an infinitive of
  // purpose, whose object has a clause with a pronoun for subject and an object of its own (so
  // no gap a relative would leave), has that clause for its head; the infinitive is its
  // adverbial clause.
  for (size_t r = 3; r < words.size(); ++r) {
    UdWord& clause = words[r];
    if (clause.rel != "acl:relcl" || clause.head < 1 || clause.upos != "VERB" ||
        !has_kid(r, "obj")) {
      continue;
    }
    const int object = clause.head;
    const int purpose = words[static_cast<size_t>(object)].head;
    const int subject = static_cast<int>(r) - 1;
    if (words[static_cast<size_t>(object)].rel != "obj" || purpose < 1 ||
        words[static_cast<size_t>(purpose)].upos != "VERB" ||
        words[static_cast<size_t>(purpose)].xpos != "VB") {
      continue;
    }
    // (The infinitive's "to" opens the sentence or its quotation.)
    size_t open = 0;
    while (open < words.size() && words[open].upos == "PUNCT") ++open;
    if (open + 1 != static_cast<size_t>(purpose) || words[open].lower != "to" ||
        words[open].head != purpose) {
      continue;
    }
    // (The subject, perhaps with auxiliaries between, a personal pronoun.)
    int s = subject;
    while (s > object && In(words[static_cast<size_t>(s)].rel, {"aux", "aux:pass", "advmod"})) --s;
    if (s <= object || words[static_cast<size_t>(s)].rel != "nsubj" ||
        words[static_cast<size_t>(s)].head != static_cast<int>(r) ||
        !In(words[static_cast<size_t>(s)].lower, {"i", "we", "he", "she", "they", "it"})) {
      continue;
    }
    raise(static_cast<int>(r), purpose, "advcl", r + 1);
  }
  // "the deal increased its stake to 49.4 pct of the voting rights and 14.8 pct of the
  // capital", read with "14.8 pct" a conjunct of "deal": a subject's conjunct comes before its
  // verb. One after it is the conjunct of the nearest noun between of its kind (an amount with
  // an amount) in the verb's clause.
  for (size_t c = 2; c < words.size(); ++c) {
    UdWord& conj = words[c];
    if (conj.rel != "conj" || conj.head < 0 || conj.upos != "NOUN") continue;
    const UdWord& subject = words[static_cast<size_t>(conj.head)];
    const int verb = subject.head;
    if (!In(subject.rel, {"nsubj", "nsubj:pass"}) || verb <= conj.head ||
        verb >= static_cast<int>(c) || words[static_cast<size_t>(verb)].upos != "VERB") {
      continue;
    }
    const bool amount = has_kid(c, "nummod");
    for (int k = static_cast<int>(c) - 1; k > verb; --k) {
      if (words[static_cast<size_t>(k)].upos == "NOUN" &&
          has_kid(static_cast<size_t>(k), "nummod") == amount &&
          within(static_cast<size_t>(k), verb, 8)) {
        conj.head = k;
        break;
      }
    }
  }
  // "With gross domestic product likely to grow 2.1 pct, unemployment could climb to 11.5 pct",
  // read with the clause after the comma hung from "likely": a sentence opened by "With" and a
  // noun with its predicate (an adjective, a verb or an adverb) says under what the clause
  // after it holds. That clause, a verb with a subject, is the head; the predicate its
  // adverbial clause, the noun the predicate's subject.
  if (words.size() > 5 && words[0].lower == "with" && words[0].head > 0) {
    int noun = -1;
    int pred = words[0].head;
    if (words[0].rel == "case" && words[static_cast<size_t>(pred)].rel == "obl") {
      noun = pred;
      pred = words[static_cast<size_t>(noun)].head;
    }
    int clause = -1;
    if (pred > noun && (words[0].rel == "mark" || noun > 0) &&
        In(words[static_cast<size_t>(pred)].upos, {"ADJ", "VERB", "ADV"})) {
      for (size_t k = static_cast<size_t>(pred) + 1; k < words.size() && clause < 0; ++k) {
        if (words[k].head == pred && In(words[k].rel, {"parataxis", "conj"}) &&
            In(words[k].upos, {"VERB", "AUX"}) && has_kid(k, "nsubj")) {
          clause = static_cast<int>(k);
        }
      }
    }
    // (After a comma: the clause's first word follows one.)
    const size_t first = clause > 0 ? leftmost(static_cast<size_t>(clause)) : 0;
    if (clause > 0 && first > 1 && words[first - 1].form == ",") {
      raise(clause, pred, "advcl", static_cast<size_t>(clause) + 1);
      if (noun > 0) {
        words[static_cast<size_t>(noun)].rel = "nsubj";
        words[0].head = pred;
        words[0].rel = "mark";
      }
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].head >= 0)
      words[static_cast<size_t>(words[i].head)].kids.push_back(static_cast<int>(i));
  }
  return words;
}

std::vector<SyntacticWord> UdRoles(const std::vector<UdWord>& words) {
  std::vector<SyntacticWord> out(words.size());
  // The clause a word belongs to: the first verb (or the root) above it.
  auto clause_of = [&](int w) {
    for (int steps = 0; w >= 0 && steps < 64; ++steps) {
      const UdWord& x = words[static_cast<size_t>(w)];
      if (x.upos == "VERB" || x.head < 0) return w;
      w = x.head;
    }
    return -1;
  };
  const int root = SentenceRoot(words);
  for (size_t i = 0; i < words.size(); ++i) {
    const UdWord& w = words[i];
    SyntacticWord& s = out[i];
    s.begin = w.begin;
    s.end = w.end;
    if (IsRel(w, "nsubj")) {
      s.role = Role::kSubject;
      s.clause = w.head;
      s.main_subject = w.head == root;
    } else if (IsRel(w, "obj") || IsRel(w, "iobj")) {
      s.role = Role::kObject;
      s.clause = w.head;
    } else if (w.rel == "nmod:poss") {
      s.role = Role::kPossessor;
      s.clause = clause_of(w.head);
    } else if (IsRel(w, "obl") || IsRel(w, "nmod")) {
      s.role = Role::kPrepObject;
      s.clause = clause_of(w.head);
      for (int k : w.kids) {
        if (words[static_cast<size_t>(k)].rel == "case")
          s.preposition = words[static_cast<size_t>(k)].lower;
      }
    }
  }
  // "Mary and John met Sue": a conjunct has the role of the first.
  for (size_t i = 0; i < words.size(); ++i) {
    const UdWord& w = words[i];
    if (w.rel != "conj" || w.head < 0 || out[i].role != Role::kNone) continue;
    const UdWord& first = words[static_cast<size_t>(w.head)];
    if (first.upos != "PROPN" && first.upos != "PRON" && first.upos != "NOUN") continue;
    const SyntacticWord& f = out[static_cast<size_t>(w.head)];
    out[i].role = f.role;
    out[i].clause = f.clause;
    out[i].main_subject = f.main_subject;
    out[i].preposition = f.preposition;
  }
  return out;
}

std::vector<int> UdReader::Kids(int w, std::string_view rel) const {
  std::vector<int> out;
  for (int k : w_[static_cast<size_t>(w)].kids) {
    if (IsRel(w_[static_cast<size_t>(k)], rel)) out.push_back(k);
  }
  return out;
}

int UdReader::Kid(int w, std::string_view rel) const {
  for (int k : w_[static_cast<size_t>(w)].kids) {
    if (IsRel(w_[static_cast<size_t>(k)], rel)) return k;
  }
  return -1;
}

std::vector<int> UdReader::Conjuncts(int w) const {
  std::vector<int> out = {w};
  const std::vector<int> conj = Kids(w, "conj");
  // "in Lisbon, Portugal", "Coastal Bancorp, Portland, Me.": one or two conjuncts without
  // "and" or "or" that are places are where the first is, not more participants.
  if (!conj.empty() && conj.size() <= 2 && w_[static_cast<size_t>(w)].rel != "conj" &&
      std::all_of(conj.begin(), conj.end(), [&](int k) {
        const Annotation* a = AnnotationAt(k);
        return !HasKid(k, "cc") && !HasKid(k, "conj") && a != nullptr &&
               a->type == EntityType::kPlace;
      })) {
    return out;
  }
  for (int k : conj) {
    const UdWord& c = w_[static_cast<size_t>(k)];
    // A conjoined clause is not a conjoined participant.
    if (c.upos == "VERB" || HasKid(k, "nsubj") || HasKid(k, "cop")) continue;
    for (int x : Conjuncts(k)) out.push_back(x);
  }
  // "clearing agencies Cedel and Euroclear": a plural description stands for its named
  // apposition (below, in EntityName), and the names joined to that one are participants too.
  if (w_[static_cast<size_t>(w)].xpos == "NNS") {
    if (const int named = AppositiveName(w); named >= 0) {
      const std::vector<int> names = Conjuncts(named);
      out.insert(out.end(), names.begin() + 1, names.end());
    }
  }
  return out;
}

std::vector<int> UdReader::IntentionOwners(int noun) const {
  const UdWord& n = w_[static_cast<size_t>(noun)];
  if (!IsIntentionNoun(n.lemma)) return {};
  // "TWA's offer", "its plan": the possessor.
  for (int k : Kids(noun, "nmod:poss")) return {k};
  // "an attempt by Carl Icahn".
  for (int k : Kids(noun, "nmod")) {
    if (CaseOf(k) == "by") return Conjuncts(k);
  }
  // "USAir made an offer", "Fabrikam announced plans": the subject of the verb it is the
  // object of.
  if (IsRel(n, "obj") && n.head >= 0 && IsUndertakingVerb(w_[static_cast<size_t>(n.head)].lemma)) {
    return Subjects(n.head, 1);
  }
  return {};
}

int UdReader::Antecedent(int w, int verb) const {
  if (!IsRelative(w_[static_cast<size_t>(w)].lower)) return w;
  const UdWord& v = w_[static_cast<size_t>(verb)];
  if (IsRel(v, "acl") && v.head >= 0) {
    // "15 pct of Maserati, which may serve as ...": a share's "which" is the company, when the
    // clause comes right after its name.
    const Annotation* value = AnnotationAt(v.head);
    if ((value != nullptr && IsValueType(value->type)) ||
        In(w_[static_cast<size_t>(v.head)].lemma, {"pct", "percent", "stake", "share"})) {
      for (int k : Kids(v.head, "nmod")) {
        const Annotation* name = AnnotationAt(k);
        if (CaseOf(k) == "of" && name != nullptr && !IsValueType(name->type) && k < w &&
            w - k <= 4) {
          return k;
        }
      }
    }
    // "a new drug company, ICI Pharma, which will double its sales": the name in apposition
    // right before the pronoun, wherever the clause hangs.
    int named = w - 1;
    while (named >= 0 && w_[static_cast<size_t>(named)].upos == "PUNCT") --named;
    for (int steps = 0; steps < 4 && named >= 0 &&
                        (IsRel(w_[static_cast<size_t>(named)], "flat") ||
                         IsRel(w_[static_cast<size_t>(named)], "compound")) &&
                        w_[static_cast<size_t>(named)].head > named;
         ++steps) {
      named = w_[static_cast<size_t>(named)].head;
    }
    for (int steps = 0; steps < 4 && named >= 0 && IsRel(w_[static_cast<size_t>(named)], "flat");
         ++steps) {
      named = w_[static_cast<size_t>(named)].head;
    }
    if (named >= 0 && named != v.head && IsRel(w_[static_cast<size_t>(named)], "appos") &&
        IsProper(named)) {
      return named;
    }
    return DescribedName(v.head);
  }
  int before = w - 1;
  while (before >= 0 && w_[static_cast<size_t>(before)].upos == "PUNCT") --before;
  if (before >= 0 && (w_[static_cast<size_t>(before)].upos == "NOUN" ||
                      w_[static_cast<size_t>(before)].upos == "PROPN")) {
    return before;
  }
  return w;
}

int UdReader::PartOf(int w) const {
  if (!In(w_[static_cast<size_t>(w)].lower,
          {"much", "most", "some", "all", "many", "half", "part", "several", "each", "both"})) {
    return w;
  }
  for (int k : Kids(w, "nmod")) {
    if (k > w && CaseOf(k) == "of") return k;
  }
  return w;
}

int UdReader::DescribedName(int noun) const {
  const UdWord& x = w_[static_cast<size_t>(noun)];
  if (!IsRel(x, "appos") || x.head < 0 || x.head > noun || IsProper(noun) ||
      AnnotationAt(noun) != nullptr) {
    return noun;
  }
  const Annotation* a = AnnotationAt(x.head);
  if (a == nullptr || !(a->type == EntityType::kOrganisation || a->type == EntityType::kPerson ||
                        a->type == EntityType::kPlace)) {
    return noun;
  }
  return x.head;
}

int UdReader::FirstWord(int w, bool name_only) const {
  for (bool moved = true; moved;) {
    moved = false;
    for (int d : w_[static_cast<size_t>(w)].kids) {
      const UdWord& x = w_[static_cast<size_t>(d)];
      // "U.S.-based Acme Corp": where it is based is no word of the name.
      const bool part = name_only ? (IsRel(x, "compound") || IsRel(x, "flat") || x.rel == "det") &&
                                        !x.lower.ends_with("-based")
                                  : x.rel != "punct";
      if (d < w && part) {
        w = d;
        moved = true;
      }
    }
  }
  return w;
}

int UdReader::ForSubject(int verb) const {
  if (!IsInfinitive(verb)) return -1;
  const int to = Kid(verb, "mark");
  for (int w = to - 1; w >= 0 && to - w <= 6; --w) {
    const UdWord& c = w_[static_cast<size_t>(w)];
    if (c.lower == "for" && c.rel == "case" && c.head > w && c.head < to) {
      // The phrase must end right before "to".
      int end = c.head;
      for (int k = c.head + 1; k < to; ++k) {
        int up = k;
        for (int steps = 0; up >= 0 && up != c.head && steps < 64; ++steps) {
          up = w_[static_cast<size_t>(up)].head;
        }
        if (up == c.head) end = k;
      }
      // "warrants to buy stock", "policies to increase productivity": an infinitive hung from
      // the noun itself says what the noun is for.
      const std::vector<int> nouns = Conjuncts(c.head);
      const int governor = w_[static_cast<size_t>(verb)].head;
      if (std::find(nouns.begin(), nouns.end(), governor) != nouns.end()) return -1;
      // The noun hangs from the infinitive, from what governs it, or from the adjective that
      // does ("make it difficult for the Fed to ..."); "room for manoeuvre to reflate" does not.
      const int at = w_[static_cast<size_t>(c.head)].head;
      const bool governed = at == verb || at == governor ||
                            (at >= 0 && w_[static_cast<size_t>(at)].upos == "ADJ" &&
                             w_[static_cast<size_t>(at)].head == governor);
      return end == to - 1 && governed ? c.head : -1;
    }
    if (c.upos == "VERB" || c.upos == "PUNCT") return -1;
  }
  return -1;
}

int UdReader::OnWhom(int verb) const {
  if (!In(w_[static_cast<size_t>(verb)].lemma, {"call", "rely", "count", "prevail", "depend"})) {
    return -1;
  }
  for (int k : Kids(verb, "obl")) {
    if (CaseOf(k) == "on" && k > verb) return k;
  }
  return -1;
}

bool UdReader::HeadlineReport(int verb) const {
  const UdWord& v = w_[static_cast<size_t>(verb)];
  return ctx_->headline && v.head >= 0 && (v.rel == "advcl" || v.rel == "xcomp") &&
         IsInfinitive(verb) && IsSaying(VerbLemma(v.head)) && HasKid(v.head, "obj");
}

bool UdReader::IsPurpose(int verb) const {
  const UdWord& v = w_[static_cast<size_t>(verb)];
  if (v.head < 0 || v.upos != "VERB" || !IsInfinitive(verb) || HeadlineReport(verb)) return false;
  if (OnWhom(v.head) >= 0) return false;
  const UdWord& g = w_[static_cast<size_t>(v.head)];
  if (IsObjectControl(g.lemma) && HasKid(v.head, "obj")) return false;
  return (v.rel == "advcl" && !TakesInfinitive(g.lemma)) ||
         (v.rel == "xcomp" && HasKid(v.head, "obj") && !IsObjectControl(g.lemma) &&
          !IsIntention(g.lemma));
}

bool UdReader::IsInfinitive(int w) const {
  if (w_[static_cast<size_t>(w)].xpos != "VB") return false;
  for (int k : Kids(w, "mark")) {
    if (w_[static_cast<size_t>(k)].lower == "to") return true;
  }
  return false;
}

std::string UdReader::CaseOf(int w) const {
  int c = Kid(w, "case");
  if (c < 0) return "";
  // A noun or a number the parser hung as a preposition ("rates the securities Aa-3 and ...")
  // is no role.
  if (In(w_[static_cast<size_t>(c)].upos, {"NOUN", "PROPN", "NUM", "PRON", "PUNCT"})) return "";
  std::string role = w_[static_cast<size_t>(c)].lower;
  for (int f : Kids(c, "fixed")) role += " " + w_[static_cast<size_t>(f)].lower;
  return role;
}

bool UdReader::Quoted(int w) const {
  return (CountQuotationMarks(text_.substr(0, w_[static_cast<size_t>(w)].begin)) +
          (ctx_->quote_open ? 1 : 0)) %
             2 ==
         1;
}

std::string UdReader::MarkOf(int verb) const {
  int m = Kid(verb, "mark");
  if (m < 0) m = Kid(verb, "case");
  return m < 0 || m > verb ? "" : w_[static_cast<size_t>(m)].lower;
}

std::vector<int> UdReader::Instances(int w) const {
  std::vector<int> out;
  for (int c : Conjuncts(w)) {
    std::vector<int> examples;
    for (int k : Kids(c, "nmod")) {
      const std::string role = CaseOf(k);
      if (role == "like" || role == "such as" || role == "including") {
        for (int x : Conjuncts(k)) examples.push_back(x);
      }
    }
    // Only a common noun gives way to its examples: "Contoso, like Fabrikam," is Contoso.
    if (examples.empty() || IsProper(c) || AnnotationAt(c) != nullptr) {
      out.push_back(c);
    } else {
      out.insert(out.end(), examples.begin(), examples.end());
    }
  }
  return out;
}

bool UdReader::JoinedToPassive(int verb) const {
  const UdWord& v = w_[static_cast<size_t>(verb)];
  return v.rel == "conj" && v.xpos == "VBN" && v.head >= 0 && v.head < verb &&
         HasKid(v.head, "aux:pass") && !HasKid(verb, "aux") && !HasKid(verb, "nsubj") &&
         !HasKid(verb, "nsubj:pass");
}

bool UdReader::IsAbsoluteParticiple(int verb) const {
  // A passive participle with its agent that opens the sentence or follows a comma ("Asked by
  // the agency ..., Nazer said", "..., buoyed by an economy on the mend"), not a relative
  // clause the parser hung elsewhere ("the budget approved by Parliament").
  const UdWord& v = w_[static_cast<size_t>(verb)];
  return v.rel == "advcl" && v.xpos == "VBN" && HasKid(verb, "obl:agent") &&
         (verb == 0 || w_[static_cast<size_t>(verb) - 1].lower == ",");
}

bool UdReader::InTitle(int i) const {
  const size_t at = static_cast<size_t>(i);
  return w_[at].xpos == "VBG" && at > 0 && at + 1 < w_.size() && IsTitleWord(w_[at + 1].lower) &&
         !HasKid(i, "aux") && (w_[at - 1].upos == "PROPN" || w_[at - 1].upos == "DET");
}

std::vector<int> UdReader::Subjects(int verb, int depth) const {
  // A title's participle reads no clause, nor lends one its subject.
  if (depth > 8 || InTitle(verb)) return {};
  std::vector<int> subjects;
  for (int s : Kids(verb, "nsubj")) {
    for (int c : Conjuncts(s)) subjects.push_back(c);
  }
  const UdWord& v = w_[static_cast<size_t>(verb)];
  if (subjects.empty() && v.head >= 0) {
    // "asked staff to consider relocating, offering transfers": a participle after a comma,
    // without "and", is said of the sentence's subject however deep the parser hung it.
    if (v.rel == "conj" && v.xpos == "VBG" && !HasKid(verb, "cc")) {
      int top = v.head;
      for (int steps = 0; steps < 8; ++steps) {
        const UdWord& t = w_[static_cast<size_t>(top)];
        if (t.head < 0 || !(t.rel == "xcomp" || t.rel == "conj")) break;
        top = t.head;
      }
      return Subjects(top, depth + 1);
    }
    if (const int f = ForSubject(verb); f >= 0) return Conjuncts(f);
    // "called on the Administration to remove barriers" (or "to be more aggressive in ...").
    if ((v.rel == "advcl" || v.rel == "xcomp") && v.head < verb &&
        (IsInfinitive(verb) || HasKid(verb, "cop"))) {
      if (const int on = OnWhom(v.head); on >= 0 && on < verb) return Conjuncts(on);
    }
    // A headline's "Reagan says U.S. to offer missile treaty": the one said to do it.
    if (HeadlineReport(verb)) return Conjuncts(Kids(v.head, "obj").front());
    // "authorized counsel to explore remedies", the infinitive hung as an adverbial clause.
    if (v.rel == "advcl" && IsInfinitive(verb) &&
        IsObjectControl(w_[static_cast<size_t>(v.head)].lemma) && HasKid(v.head, "obj")) {
      return Conjuncts(Kids(v.head, "obj").front());
    }
    // "..., buying Contoso"; "cut jobs to save money", "announced plans to sell its unit",
    // "the system is designed to aid traders".
    // "the deficit should be reduced but also wanted ...": an active verb does not take the
    // passive's subject, which is what was done to.
    if (v.rel == "conj" && HasKid(v.head, "nsubj:pass") && !HasKid(verb, "aux:pass") &&
        v.xpos != "VBN") {
      return {};
    }
    // "fell to 226 mln from 237 mln, revised from 250 mln": a bare participle after a comma,
    // coordinated with a verb in the past tense, says something of a figure, not of the subject.
    if (v.rel == "conj" && v.xpos == "VBN" && !HasKid(verb, "aux") && !HasKid(verb, "aux:pass") &&
        !HasKid(verb, "obj") && !HasKid(verb, "cc") &&
        In(w_[static_cast<size_t>(v.head)].xpos, {"VBD", "VBZ", "VBP"})) {
      return {};
    }
    // "named Ana Ferreira chief executive, succeeding Robert Roe": the one who succeeds is the
    // one appointed, not the one appointing.
    if (v.rel == "advcl" && v.xpos == "VBG" && In(v.lemma, {"succeed", "replace"})) {
      std::vector<int> clauses = {v.head};
      for (int c : Kids(v.head, "ccomp")) clauses.push_back(c);
      for (int c : clauses) {
        const UdWord& a = w_[static_cast<size_t>(c)];
        if (a.upos == "VERB" && IsAppointing(a.lemma) && HasKid(c, "obj") &&
            !HasKid(c, "aux:pass")) {
          return Conjuncts(Kids(c, "obj").front());
        }
      }
    }
    // "accused Fabrikam of breaking the agreement": the object breaks it; "was barred from
    // buying shares", the passive's subject.
    if (v.rel == "advcl" && v.xpos == "VBG") {
      const std::string mark = MarkOf(verb);
      const UdWord& g = w_[static_cast<size_t>(v.head)];
      if (IsGerundObjectControl(g.lemma, mark)) {
        if (const int o = Kid(v.head, "obj"); o >= 0) return Conjuncts(o);
        if (const int p = Kid(v.head, "nsubj:pass"); p >= 0) return Conjuncts(p);
      }
    }
    if (v.rel == "conj" || (v.rel == "advcl" && (v.xpos == "VBG" || IsInfinitive(verb))))
      return Subjects(v.head, depth + 1);
    // "Ongpin starts talks, buoyed by an economy on the mend": a passive participle with its
    // agent is said of the clause's subject.
    if (IsAbsoluteParticiple(verb)) return Subjects(v.head, depth + 1);
    if (v.rel == "xcomp") {
      std::vector<int> objects = Kids(v.head, "obj");
      if (objects.empty()) objects = Kids(v.head, "iobj");  // "asked staff to consider"
      if (!objects.empty() &&
          (!IsInfinitive(verb) || IsObjectControl(w_[static_cast<size_t>(v.head)].lemma))) {
        return Conjuncts(objects.front());
      }
      return Subjects(v.head, depth + 1);
    }
    // "the opportunity to transfer", "plans to sell": an infinitive says what the noun is
    // about, not what it does; a name's does ("Contoso, the first to ship ...").
    if (IsRel(v, "acl") && IsInfinitive(verb) && !IsProper(v.head) &&
        AnnotationAt(v.head) == nullptr) {
      return IntentionOwners(v.head);
    }
    // "decided in favor of selling wheat": a preposition of several words opens the clause,
    // which is the verb's, done by its subject.
    if (IsRel(v, "acl") && IsComplexPrepositionNoun(w_[static_cast<size_t>(v.head)].lower) &&
        IsRel(w_[static_cast<size_t>(v.head)], "obl")) {
      return Subjects(w_[static_cast<size_t>(v.head)].head, depth + 1);
    }
    if (IsRel(v, "acl")) return {DescribedName(v.head)};
  }
  // A relative pronoun stands for the noun its clause modifies; where the parser did not hang
  // the clause from it ("the mainstream European buyer, who appreciates sporty cars" read as a
  // clause of its own), for the noun right before it.
  for (int& s : subjects) s = Antecedent(s, verb);
  return subjects;
}

bool UdReader::Adjoined(int a, int b) const {
  if (a >= b) return false;
  for (int k = a + 1; k < b; ++k) {
    const UdWord& x = w_[static_cast<size_t>(k)];
    if (!(x.rel == "cc" || (x.rel == "advmod" && x.upos == "ADV"))) return false;
  }
  return true;
}

bool UdReader::Negated(int verb) const {
  auto negates = [&](int w) {
    for (int k : w_[static_cast<size_t>(w)].kids) {
      const UdWord& x = w_[static_cast<size_t>(k)];
      if (x.rel == "advmod" && (x.lemma == "not" || x.lower == "n't" || x.lower == "never")) {
        return true;
      }
      // "can no longer lower rates"; "nor did it say".
      if (x.rel == "advmod" && x.lower == "longer") {
        for (int g : x.kids) {
          if (w_[static_cast<size_t>(g)].lower == "no") return true;
        }
      }
      if (x.rel == "cc" && x.lower == "nor") return true;
    }
    return false;
  };
  if (negates(verb)) return true;
  // "did not plan to buy", "refused to pay": the governing verb's negation or denial.
  const UdWord& v = w_[static_cast<size_t>(verb)];
  if ((v.rel == "xcomp" || (v.rel == "advcl" && IsInfinitive(verb))) && v.head >= 0) {
    if (negates(v.head) || IsDenial(w_[static_cast<size_t>(v.head)].lemma)) return true;
  }
  if (v.head < 0) return false;
  const UdWord& g = w_[static_cast<size_t>(v.head)];
  // "did not make or sell the products": a verb joined to a negated one, with no subject or
  // auxiliary of its own, by "or", or right before their one object.
  if (v.rel == "conj" && v.head < verb && !HasKid(verb, "nsubj") && !HasKid(verb, "aux") &&
      negates(v.head) &&
      (std::any_of(v.kids.begin(), v.kids.end(),
                   [&](int k) {
                     const UdWord& c = w_[static_cast<size_t>(k)];
                     return c.rel == "cc" && (c.lower == "or" || c.lower == "nor");
                   }) ||
       (Adjoined(v.head, verb) && !HasKid(verb, "obj")))) {
    return true;
  }
  // "can no longer be as aggressive in lowering rates", "not optimistic about it changing its
  // view": what a negated adjective is about is not done.
  if (v.xpos == "VBG" && g.upos == "ADJ" && negates(v.head)) return true;
  // "barred the bank from buying shares", "refrained from commenting".
  if (IsRel(v, "advcl") && v.xpos == "VBG" && MarkOf(verb) == "from" &&
      (IsPrevention(g.lemma) || g.lemma == "refrain")) {
    return true;
  }
  // "there are no plans for Funaro to meet bankers", "no intention to sell".
  if (IsInfinitive(verb) && IsRel(v, "acl") && HasDeterminer(v.head, "no")) return true;
  // "acquire the planes without adding to its debt".
  if (IsRel(v, "advcl") && MarkOf(verb) == "without") return true;
  return false;
}

std::string UdReader::Modality(int verb) const {
  for (int k : w_[static_cast<size_t>(verb)].kids) {
    const UdWord& x = w_[static_cast<size_t>(k)];
    if (IsRel(x, "aux") && IsModal(x.lower) && x.lemma != "will") return x.lemma;
  }
  const UdWord& v = w_[static_cast<size_t>(verb)];
  // "could buy or lease the planes": a base form joined to a verb with a modal shares it, as
  // does a participle joined to a passive ("must be registered and shipped").
  if ((v.rel == "conj" && v.xpos == "VB" && v.head >= 0 && v.head < verb &&
       !HasKid(verb, "nsubj") && !HasKid(verb, "aux")) ||
      JoinedToPassive(verb)) {
    for (int k : w_[static_cast<size_t>(v.head)].kids) {
      const UdWord& x = w_[static_cast<size_t>(k)];
      if (IsRel(x, "aux") && IsModal(x.lower) && x.lemma != "will") return x.lemma;
    }
  }
  // "an offer to acquire USAir", "plans to sell": the intention is the modality.
  if (IsRel(v, "acl") && v.head >= 0 && IsInfinitive(verb) &&
      IsIntentionNoun(w_[static_cast<size_t>(v.head)].lemma)) {
    return w_[static_cast<size_t>(v.head)].lemma;
  }
  // "difficult for the Fed to use monetary policy", "important for Japan to open its markets":
  // what is difficult or important, not done.
  const std::vector<int> marks = Kids(verb, "mark");
  const bool for_mark = IsInfinitive(verb) && std::any_of(marks.begin(), marks.end(), [&](int m) {
                          return w_[static_cast<size_t>(m)].lower == "for";
                        });
  if ((ForSubject(verb) >= 0 || for_mark) && v.head >= 0) {
    if (w_[static_cast<size_t>(v.head)].upos == "ADJ") return w_[static_cast<size_t>(v.head)].lemma;
    for (int a : Kids(v.head, "xcomp")) {
      if (w_[static_cast<size_t>(a)].upos == "ADJ") return w_[static_cast<size_t>(a)].lemma;
    }
    return "aim";
  }
  // A purpose ("cut jobs to save money") is aimed at, not done; "announced plans to sell" with
  // the infinitive hung from the verb is the plan's.
  if (IsPurpose(verb)) {
    for (int o : Kids(v.head, "obj")) {
      if (IsIntentionNoun(w_[static_cast<size_t>(o)].lemma))
        return w_[static_cast<size_t>(o)].lemma;
    }
    return "aim";
  }
  if ((v.rel == "xcomp" || (v.rel == "advcl" && IsInfinitive(verb))) && v.head >= 0) {
    const UdWord& g = w_[static_cast<size_t>(v.head)];
    if (IsIntention(g.lemma)) return g.lemma;
    for (int k : g.kids) {
      const UdWord& x = w_[static_cast<size_t>(k)];
      if (IsRel(x, "aux") && IsModal(x.lower) && x.lemma != "will") return x.lemma;
    }
  }
  return "";
}

const Annotation* UdReader::AnnotationAt(int h) const {
  const UdWord& w = w_[static_cast<size_t>(h)];
  for (const Annotation& a : annotations_) {
    if (w.begin < a.end && a.begin < w.end) return &a;
  }
  return nullptr;
}

std::pair<int, int> UdReader::WordsOf(const Annotation& a) const {
  int first = -1, last = -1;
  for (size_t i = 0; i < w_.size(); ++i) {
    if (w_[i].begin < a.begin || w_[i].end > a.end) continue;
    if (first < 0) first = static_cast<int>(i);
    last = static_cast<int>(i);
  }
  return {first, last};
}

std::string UdReader::PronounOwner(int k) const {
  const UdWord& d = w_[static_cast<size_t>(k)];
  if (d.lower == "our") return speaker_;
  if (d.lower == "my") return person_speaker_;
  if (!In(d.lower, {"its", "their", "his", "her"})) return "";
  // "the special committee to report its findings", "French industry is failing to produce
  // the goods its markets need": the subject of the pronoun's clause (or the one a complement
  // takes it from), a thing no name names, before the pronoun and of its number, is what it
  // stands for; no name is.
  if (d.lower == "its" || d.lower == "their") {
    int v = d.head;
    while (v >= 0 && !In(w_[static_cast<size_t>(v)].upos, {"VERB", "AUX"}) && !HasKid(v, "nsubj") &&
           !HasKid(v, "nsubj:pass")) {
      v = w_[static_cast<size_t>(v)].head;
    }
    int subject = -1;
    for (int up = v, steps = 0; up >= 0 && subject < 0 && steps < 4; ++steps) {
      subject = Kid(up, "nsubj");
      if (subject < 0) subject = Kid(up, "nsubj:pass");
      const UdWord& u = w_[static_cast<size_t>(up)];
      if (subject < 0 && u.rel == "xcomp" && u.head >= 0) {
        subject = Kid(u.head, "obj");
        up = u.head;
        continue;
      }
      if (subject < 0 && In(u.rel, {"conj", "xcomp", "acl", "acl:relcl"})) {
        up = u.head;
        continue;
      }
      break;
    }
    if (subject >= 0 && subject < k) {
      const UdWord& s = w_[static_cast<size_t>(subject)];
      const bool plural = s.xpos == "NNS";
      // (Not "the company", which names the company the text is about.)
      if (s.upos == "NOUN" && AnnotationAt(subject) == nullptr && !HasKid(subject, "nmod:poss") &&
          (d.lower == "its") != plural &&
          !(IsOrganisationHead(s.lemma) && !HasDeterminer(subject, "a"))) {
        return "";
      }
    }
  }
  std::string owner = Resolve(d.lower, d.begin);
  if (owner != d.lower && !owner.empty() && std::isupper(static_cast<unsigned char>(owner[0]))) {
    return owner;
  }
  return "";
}

std::string UdReader::PossessiveOwner(int h) const {
  for (int k : Kids(h, "nmod:poss")) {
    if (std::string owner = PronounOwner(k); !owner.empty()) return owner;
  }
  return "";
}

bool UdReader::HasDeterminer(int h, std::string_view lemma) const {
  for (int k : Kids(h, "det")) {
    if (w_[static_cast<size_t>(k)].lower == lemma) return true;
  }
  return false;
}

int UdReader::ModifierAnchor(int i, int h) const {
  // Through "and" and a modifier's conjuncts, nouns and adjectives only, and through a
  // modifier's own compounds and adjectives right before it, without a number of their own
  // ("interagency trade policy review group", "crude oil prices"; not the unit of "a nine month
  // operating loss"), to the word that hangs from `h`.
  int at = i;
  for (int steps = 0; steps < 3 && w_[static_cast<size_t>(at)].head != h; ++steps) {
    const UdWord& m = w_[static_cast<size_t>(at)];
    const bool joins = m.rel == "cc" ||
                       (m.rel == "conj" && (m.upos == "NOUN" || m.upos == "ADJ")) ||
                       ((m.rel == "compound" || m.rel == "amod") && In(m.upos, {"NOUN", "ADJ"}) &&
                        m.head == at + 1 && !HasKid(at, "nummod"));
    if (!joins || m.head < 0 || m.head >= h) return -1;
    at = m.head;
  }
  // Names are coordinated as participants, not as modifiers ("UAW and Japanese automakers").
  if (at != i && (IsProper(at) || AnnotationAt(at) != nullptr)) return -1;
  return w_[static_cast<size_t>(at)].head == h ? at : -1;
}

bool UdReader::OnlyDefiniteOrBare(int h) const {
  for (int k : Kids(h, "det")) {
    if (w_[static_cast<size_t>(k)].lower != "the") return false;
  }
  return !HasKid(h, "nmod:poss");
}

EntityType UdReader::TypeOf(const std::string& name, int h) const {
  if (lex_.IsPlace(name)) return EntityType::kPlace;
  if (lex_.IsOrganisation(name)) return EntityType::kOrganisation;
  size_t sp = name.find(' ');
  if (IsProper(h) && sp != std::string::npos && lex_.IsGivenName(name.substr(0, sp))) {
    return EntityType::kPerson;
  }
  return EntityType::kOther;
}

void UdReader::Remember(const std::string& name, int h) {
  if (!IsProper(h)) return;
  if (auto known = types_.find(name);
      known != types_.end() && known->second != EntityType::kOther) {
    auto g = genders_.find(name);
    RememberTyped(name, known->second, g == genders_.end() ? Gender::kUnknown : g->second);
    return;
  }
  EntityType t = TypeOf(name, h);
  types_[name] = t;
  if (t == EntityType::kOther) ctx_->last_thing = name;
  RememberTyped(name, t);
}

std::string UdReader::Words(int from, int to) const {
  if (from > to) return "";
  size_t b = w_[static_cast<size_t>(from)].begin, e = w_[static_cast<size_t>(to)].end;
  return std::string(TrimView(text_.substr(b, e - b)));
}

std::string UdReader::OrganisationNamed(std::string_view head, size_t at) const {
  auto has_head = [&](std::string_view name) {
    for (size_t b = 0; b < name.size();) {
      const size_t e = std::min(name.find(' ', b), name.size());
      const std::string word = AsciiLower(name.substr(b, e - b));
      if (word == head || word == std::string(head) + "s") return true;
      b = e + 1;
    }
    return false;
  };
  const Annotation* latest = nullptr;
  for (const Annotation& a : annotations_) {
    if (a.type == EntityType::kOrganisation && a.end <= at && !a.audience && has_head(a.name) &&
        (latest == nullptr || a.begin > latest->begin)) {
      latest = &a;
    }
  }
  if (latest != nullptr) return latest->name;
  for (auto it = ctx_->organisation_order.rbegin(); it != ctx_->organisation_order.rend(); ++it) {
    if (has_head(*it)) return *it;
  }
  return "";
}

int UdReader::AppositiveName(int h) const {
  const UdWord& x = w_[static_cast<size_t>(h)];
  if (x.upos != "NOUN" || AnnotationAt(h) != nullptr) return -1;
  // "the northern port of Tanga", "the southern Taiwan city of Kaohsiung": a kind of place and
  // the place's name, also inside a phrase ("a terminal in the city of Kaohsiung").
  if (In(x.lemma, {"port", "city", "town", "village", "state", "province", "island", "region",
                   "county", "district", "capital", "emirate", "territory", "prefecture"})) {
    for (int k : Kids(h, "nmod")) {
      const Annotation* a = AnnotationAt(k);
      if (k == h + 2 && CaseOf(k) == "of" && IsProper(k) &&
          (a == nullptr || a->type == EntityType::kPlace)) {
        return k;
      }
    }
  }
  // Not inside a phrase ("official of the bank, Samuel Yonnone," names the official), unless
  // a company's kind names a company ("president of its airline unit, Pacific Western
  // Airlines Ltd").
  if (IsRel(x, "nmod") && (!IsOrganisationHead(x.lemma) || x.xpos != "NN")) return -1;
  for (int k : Kids(h, "appos")) {
    // After a comma or right after it: "the port union, FNV,", "clearing agencies Cedel and
    // Euroclear"; "extra aid (UN)" is no apposition of aid.
    if (k <= h) continue;
    // The name's first word: "the acquiring company, PC Acquisition Inc," hangs from "Inc".
    const int first = FirstWord(k, /*name_only=*/true);
    const bool comma = first > 0 && w_[static_cast<size_t>(first) - 1].lower == ",";
    const Annotation* a = AnnotationAt(k);
    // Right after it, only a name the recogniser found ("class E" is no apposition).
    if (!comma && (first != h + 1 || a == nullptr)) continue;
    // A person is no company, bank or firm.
    if (a != nullptr && a->type == EntityType::kPerson && IsOrganisationHead(x.lower)) continue;
    if (IsRel(x, "nmod") && (a == nullptr || a->type != EntityType::kOrganisation)) continue;
    if (a == nullptr ? IsProper(k)
                     : a->type == EntityType::kPerson || a->type == EntityType::kOrganisation ||
                           a->type == EntityType::kPlace) {
      return k;
    }
  }
  return -1;
}

int UdReader::NounTermEnd(int from, int h) const {
  std::string words = w_[static_cast<size_t>(from)].lower;
  for (int i = from + 1; i <= h; ++i) {
    const UdWord& x = w_[static_cast<size_t>(i)];
    words += " " + (i == h && x.upos == "NOUN" ? x.lemma : x.lower);
    if (lex_.IsNounTerm(words)) return i;
  }
  return -1;
}

int UdReader::ClauseAntecedent(int h) const {
  const UdWord& x = w_[static_cast<size_t>(h)];
  if (x.lower != "it" || !IsRel(x, "nsubj") || x.head < 0) return -1;
  auto thing = [&](int k) {
    const Annotation* a = AnnotationAt(k);
    return a != nullptr && (a->type == EntityType::kOrganisation || a->type == EntityType::kPlace);
  };
  bool thing_before = false;
  for (int k = 0; k < h; ++k) thing_before = thing_before || thing(k);
  // A clause put first: "Because of the costs it has incurred, the GMB cannot afford ...".
  const int root = SentenceRoot(w_);
  // (A sentence opened by a word that puts a clause or phrase before its subject.)
  if (root > h && !thing_before && x.head != root &&
      In(w_[0].lower, {"because", "while", "after", "as", "although", "though", "since", "when",
                       "if", "before", "despite", "with", "in", "unless", "until", "once"})) {
    const int subject = Kid(root, "nsubj");
    if (subject > h && thing(subject)) return subject;
  }
  // What was done to in a clause joined to one that did something to a thing: "Congress passed
  // a textile bill, but it was vetoed by President Reagan". The passive's "it" is the first
  // clause's object, when that is one thing (not a person, not several).
  if (x.rel == "nsubj:pass") {
    const UdWord& v = w_[static_cast<size_t>(x.head)];
    if (v.rel == "conj" && v.head >= 0 && v.head < h &&
        w_[static_cast<size_t>(v.head)].upos == "VERB" && !HasKid(v.head, "nsubj:pass")) {
      const int object = Kid(v.head, "obj");
      const Annotation* a = object >= 0 ? AnnotationAt(object) : nullptr;
      if (object >= 0 && object < h && w_[static_cast<size_t>(object)].xpos == "NN" &&
          (a == nullptr || a->type != EntityType::kPerson)) {
        return object;
      }
    }
  }
  // A reason after a clause whose subject names nothing: "failure to find buyers is damaging
  // Zimbabwe, as it needs foreign exchange".
  const std::string mark = MarkOf(x.head);
  if (!In(mark, {"as", "because", "since", "while", "although", "though"})) return -1;
  int object = -1;
  for (int k = h - 1; k >= 0 && object < 0; --k) {
    if (thing(k)) object = k;
  }
  if (object < 0 || !IsRel(w_[static_cast<size_t>(object)], "obj")) return -1;
  const int verb = w_[static_cast<size_t>(object)].head;
  const int subject = Kid(verb, "nsubj");
  if (subject >= 0 && (AnnotationAt(subject) != nullptr || IsProper(subject) ||
                       w_[static_cast<size_t>(subject)].upos == "PRON")) {
    return -1;
  }
  return object;
}

int UdReader::PluralNounNearer(int h) const {
  // "lashed out at corporate raiders, accusing them of harming the companies they target":
  // "they" is the plural noun nearer before it, not the company named earlier. Only when no
  // organisation is named between.
  if (!In(w_[static_cast<size_t>(h)].lower, {"they", "them", "their"})) return -1;
  for (int k = h - 1; k >= 0; --k) {
    const UdWord& n = w_[static_cast<size_t>(k)];
    if (const Annotation* a = AnnotationAt(k); a != nullptr) {
      if (a->type == EntityType::kOrganisation) return -1;
      continue;
    }
    if (n.upos == "NOUN" && n.xpos == "NNS" && n.lemma != n.lower &&
        (IsRel(n, "nsubj") || IsRel(n, "obj") || IsRel(n, "obl") || IsRel(n, "nmod") ||
         n.rel == "conj")) {
      return k;
    }
  }
  return -1;
}

std::string UdReader::EntityName(int h, bool describe) {
  const UdWord& x = w_[static_cast<size_t>(h)];
  if (x.upos == "PRON" && IsFirstOrSecondPerson(x.lower)) {
    if (x.lower == "i" || x.lower == "me" || x.lower == "my") return person_speaker_;
    return x.lower == "we" || x.lower == "us" || x.lower == "our" ? speaker_ : "";
  }
  if (x.upos == "PRON") {
    // ("they" and "them" name that noun; "their" leaves the thing it owns unowned.)
    // (Nor the speaker of a saying: "they said" is whoever said it, not a noun before.)
    if (const int noun = PluralNounNearer(h); noun >= 0) {
      const bool speaker = IsRel(x, "nsubj") && x.head >= 0 && IsQuoting(VerbLemma(x.head));
      return x.lower == "their" || speaker ? "" : EntityName(noun);
    }
    if (const int a = ClauseAntecedent(h); a >= 0) return EntityName(a);
    if (IsPronoun(x.lower)) return Resolve(x.form, x.begin);
    return "";  // "that", "something", "which" left unresolved name nothing
  }
  // "the port union, FNV,", "Employers organization chairman, Jacques Schoufour,": the name
  // the description is set beside.
  if (!describe) {
    if (const int a = AppositiveName(h); a >= 0) return EntityName(a);
  }
  // "hundreds of staff", "a number of companies": the of-phrase names it.
  if (In(x.lower, {"hundreds", "thousands", "dozens", "millions", "tens", "number", "handful",
                   "majority", "lot", "lots", "couple"})) {
    for (int k : Kids(h, "nmod")) {
      if (HasKid(k, "case") && w_[static_cast<size_t>(Kid(k, "case"))].lower == "of") {
        return EntityName(k);
      }
    }
  }
  // "Minister Ana Ferreira", "Belgian Trade Minister Herman De Croo", "Shell chief executive
  // Ben van Beurden" parsed with the name hanging from the title, nationality or company: the
  // person is meant.
  if (const Annotation* own = AnnotationAt(h); own == nullptr || own->type != EntityType::kPerson) {
    for (int k : Kids(h, "flat")) {
      if (const Annotation* a = AnnotationAt(k); a != nullptr && a->type == EntityType::kPerson) {
        return EntityName(k);
      }
    }
  }
  // "two of the cars": a count of things is the things, with the count ("two cars").
  if (x.upos == "NUM" && !HasKid(h, "nummod")) {
    const Annotation* a = AnnotationAt(h);
    for (int k : Kids(h, "nmod")) {
      const UdWord& n = w_[static_cast<size_t>(k)];
      if (n.upos == "NOUN" && n.xpos == "NNS" && CaseOf(k) == "of" && k == h + 3 &&
          (a == nullptr ||
           (a->begin == x.begin && a->end == x.end && a->type != EntityType::kDate))) {
        return x.form + " " + (x.lower == "one" ? n.lemma : n.form);
      }
    }
  }
  if (const Annotation* a = AnnotationAt(h)) {
    std::string name = a->name;
    if (!IsValueType(a->type)) {
      if (auto c = lex_.Canonical(name)) name = *c;
    } else if (a->type == EntityType::kDate && !a->normalised.empty()) {
      if (a->normalised != name) values_[a->normalised] = name;
      name = a->normalised;
    } else if (!a->normalised.empty() && a->normalised != name) {
      values_[name] = a->normalised;
    }
    types_[name] = a->type;
    genders_[name] = a->gender;
    RememberTyped(name, a->type, a->gender);
    return name;
  }
  // The phrase's core: the head with the modifiers right before it (compounds, adjectives,
  // numbers, name parts), as one span of the text.
  int first = h;
  auto modifier = [&](int i) {
    const UdWord& m = w_[static_cast<size_t>(i)];
    return m.head == h &&
           (IsRel(m, "compound") || IsRel(m, "amod") || IsRel(m, "nummod") || IsRel(m, "flat"));
  };
  for (;;) {
    int prev = first - 1;
    if (prev < 0) break;
    // "a 15 pct interest", "a 4.3 billion dlr trade surplus": an amount is whole, its number
    // with its unit.
    if (const Annotation* amount = AnnotationAt(prev);
        amount != nullptr && first < h && AnnotationAt(first) == amount &&
        (amount->type == EntityType::kPercent || amount->type == EntityType::kMoney)) {
      first = prev;
      continue;
    }
    // "oil and commodity prices": a modifier's conjuncts and their "and" are modifiers too.
    const int at = ModifierAnchor(prev, h);
    if (at < 0 || !modifier(at)) break;
    first = prev;
  }
  int last = h;
  while (last + 1 < static_cast<int>(w_.size()) && w_[static_cast<size_t>(last) + 1].head == h &&
         IsRel(w_[static_cast<size_t>(last) + 1], "flat")) {
    ++last;
  }
  // A common noun's adjectives describe it ("a prominent OpenAI researcher", "proprietary AI
  // chips", "the new team"): the node is what it is, not how this sentence sees it. One that
  // opens a term WordNet lists stays ("net income", "central bank", "chief executive").
  std::vector<int> kept;
  int term_end = -1;  // the last word of a WordNet term a kept modifier opens
  // Whether the modifier at i that hangs from h is a description to drop.
  auto drops = [&](int i) {
    const UdWord& m = w_[static_cast<size_t>(i)];
    const bool adjective = IsRel(m, "amod") && m.head == h && (m.upos == "ADJ" || m.upos == "VERB");
    // A nationality stays ("French industry", "Soviet officials"): it says whose.
    const Annotation* named = AnnotationAt(i);
    const bool nationality = named != nullptr && named->begin == m.begin && named->end == m.end &&
                             m.form.find('-') == std::string::npos;
    // (A word inside a term an earlier word opens stays too: "gross domestic product".)
    return adjective && !describe && !IsProper(h) && AnnotationAt(h) == nullptr && !nationality &&
           i > term_end && NounTermEnd(i, h) < 0;
  };
  for (int i = first; i < h; ++i) {
    const UdWord& m = w_[static_cast<size_t>(i)];
    // (An amount's words go with it.)
    if (const Annotation* amount = AnnotationAt(i);
        amount != nullptr && m.head != h && i + 1 < h && AnnotationAt(i + 1) == amount &&
        (amount->type == EntityType::kPercent || amount->type == EntityType::kMoney)) {
      kept.push_back(i);
      continue;
    }
    // A coordinated modifier goes with the one it is coordinated to ("short and medium term"),
    // a modifier's own modifier with that modifier ("trade policy review group").
    if (const int at = ModifierAnchor(i, h); at != i) {
      if (at < i ? std::find(kept.begin(), kept.end(), at) != kept.end() : !drops(at)) {
        kept.push_back(i);
      }
      continue;
    }
    if (drops(i)) continue;
    // (Only an adjective's term needs finding: a noun's words are kept anyway.)
    if (term_end < i && IsRel(w_[static_cast<size_t>(i)], "amod")) {
      term_end = std::max(term_end, NounTermEnd(i, h));
    }
    kept.push_back(i);
  }
  std::string prefix;  // the kept modifiers, runs as written
  for (size_t k = 0; k < kept.size();) {
    size_t e = k;
    while (e + 1 < kept.size() && kept[e + 1] == kept[e] + 1) ++e;
    if (!prefix.empty()) prefix += " ";
    prefix += Words(kept[k], kept[e]);
    k = e + 1;
  }
  const bool dropped = static_cast<int>(kept.size()) != h - first;
  if (dropped) first = kept.empty() ? h : kept.front();
  std::string name = !dropped         ? Words(first, last)
                     : prefix.empty() ? Words(h, last)
                                      : prefix + " " + Words(h, last);
  std::string lower_name = AsciiLower(name);
  if (HasDeterminer(h, "the") || HasDeterminer(h, "this") || HasDeterminer(h, "that")) {
    if (IsOrganisationHead(lower_name)) {
      // "the bank" is the last organisation named with "Bank" in its name, before any other.
      std::string org = OrganisationNamed(lower_name, x.begin);
      // Then the organisation a clause before it in the sentence is about ("Contoso agreed to
      // buy Litware, the company said": Contoso), then the last one named.
      for (int k = h - 1; org.empty() && k >= 0; --k) {
        const UdWord& s = w_[static_cast<size_t>(k)];
        const Annotation* a = AnnotationAt(k);
        if (IsRel(s, "nsubj") && a != nullptr && a->type == EntityType::kOrganisation) {
          org = EntityName(k);
        }
      }
      if (org.empty()) org = OrganisationBefore(*ctx_, annotations_, x.begin);
      if (!org.empty()) return org;
    }
    if (IsPlaceHead(lower_name)) {
      // "the state of Delaware": the place it names.
      for (int k : Kids(h, "nmod")) {
        const Annotation* named = AnnotationAt(k);
        if (CaseOf(k) == "of" && named != nullptr && named->type == EntityType::kPlace) {
          return EntityName(k);
        }
      }
      // "the country", "the nation": a country named (or named by its nationality) earlier in
      // the sentence, else the document's last; never a city ("talks in New York ... The
      // country now has foreign debt").
      if (lower_name.ends_with("country") || lower_name.ends_with("nation")) {
        // (One the sentence is about, a subject or its owner, before one in a phrase: "South
        // Korea's surplus with the U.S. is bound to diminish as the country switches purchases"
        // is South Korea.)
        std::string country;
        size_t latest_at = 0;
        bool latest_topic = false;
        for (const Annotation& a : annotations_) {
          if (a.end > x.begin || a.audience) continue;
          std::string c = lex_.CountryNamed(a.name, a.type).value_or("");
          if (c.empty()) continue;
          const auto [first, last] = WordsOf(a);
          bool topic = false;
          for (int k = first; k >= 0 && k <= last; ++k) {
            const UdWord& w = w_[static_cast<size_t>(k)];
            if (w.head >= first && w.head <= last) continue;
            topic = topic || IsRel(w, "nsubj") ||
                    (w.rel == "nmod:poss" && w.head >= 0 &&
                     IsRel(w_[static_cast<size_t>(w.head)], "nsubj"));
          }
          if (!country.empty() && (latest_topic && !topic)) continue;
          if (!country.empty() && topic == latest_topic && a.begin < latest_at) continue;
          country = std::move(c);
          latest_at = a.begin;
          latest_topic = topic;
        }
        if (country.empty()) country = ctx_->last_country;
        if (!country.empty()) return country;
      }
      // A place named earlier in the sentence ("Brazil's committee ... the country's
      // suspension"), else the document's last.
      if (const Annotation* latest = LatestBefore(annotations_, EntityType::kPlace, x.begin)) {
        return latest->name;
      }
      if (!ctx_->last_place.empty()) return ctx_->last_place;
    }
    // "the president said", "the chairman added": the one person the document gave the title;
    // "the Soviet leader" too, a nationality before the title.
    std::string title = lower_name;
    if (const size_t space = title.find(' ');
        space != std::string::npos && first < h && w_[static_cast<size_t>(first)].upos != "NOUN" &&
        lex_.CountryNamed(w_[static_cast<size_t>(first)].form, EntityType::kMisc).has_value() &&
        IsTitleWord(title.substr(space + 1))) {
      title = title.substr(space + 1);
    }
    if (!describe && IsTitleWord(title)) {
      if (auto b = ctx_->bearers_of.find(title);
          b != ctx_->bearers_of.end() && b->second.size() == 1) {
        return *b->second.begin();
      }
    }
  }
  if (auto c = lex_.Canonical(name)) {
    Remember(*c, h);
    return *c;
  }
  if (!IsProper(h)) {
    // The tagger's lemmatiser knows WordNet's exceptions and base forms ("lives" -> "life",
    // "franchises" -> "franchise"); the lexicon's suffix rules are for words it leaves alone.
    std::string head = x.upos == "NOUN" && HasLetter(x.lemma) && x.lemma != x.lower
                           ? x.lemma
                           : lex_.NounLemma(x.lower);
    name = first < h ? (dropped ? prefix : Words(first, h - 1)) + " " + head : head;
    // A sentence's first word is capitalised whatever it is: "Oil prices rose" is "oil price".
    if (!name.empty() && std::isupper(static_cast<unsigned char>(name[0])) &&
        w_[static_cast<size_t>(first)].begin == 0 && !IsProper(first) &&
        AnnotationAt(first) == nullptr) {
      name[0] = AsciiLower(name[0]);
    }
    if (name == head) {
      if (std::string owner = PossessiveOwner(h); !owner.empty()) name = owner + " " + head;
    }
    // "Northwind's costs": a company's figure or part is the company's.
    if (name == head && (IsRelationalNoun(head) || IsFigureNoun(head))) {
      for (int k : Kids(h, "nmod:poss")) {
        const Annotation* a = AnnotationAt(k);
        if (a == nullptr || (a->type != EntityType::kOrganisation && a->type != EntityType::kPlace))
          continue;
        if (std::string owner = EntityName(k); !owner.empty()) name = owner + " " + head;
        break;
      }
    }
    // Not one the sentence described ("uncompetitive relative prices"): that is no company's;
    // nor a deed or figure of what follows ("the growth of money supply", "approval of the
    // regulator"), which is the company's it names ("shares of Contoso"). An office of a part
    // of the company is still the company's ("president of its research unit").
    int of_phrase = -1;
    for (int k : Kids(h, "nmod")) {
      const Annotation* a = AnnotationAt(k);
      if (k > h && CaseOf(k) == "of" && (a == nullptr || !IsValueType(a->type)) &&
          !HasKid(k, "nummod") && w_[static_cast<size_t>(k)].upos != "NUM") {
        of_phrase = k;
        break;
      }
    }
    if (of_phrase >= 0 && name == head && !IsTitleWord(x.lower) &&
        (IsFigureNoun(head) || In(head, {"shareholder", "stockholder", "board", "unit",
                                         "subsidiary", "plant", "employee", "worker"}))) {
      const Annotation* a = AnnotationAt(of_phrase);
      if (a != nullptr && a->type == EntityType::kOrganisation) {
        if (std::string owner = EntityName(of_phrase); !owner.empty()) name = owner + " " + head;
      }
    }
    if (name == head && !dropped && (of_phrase < 0 || IsTitleWord(x.lower)) &&
        IsRelationalNoun(head) && OnlyDefiniteOrBare(h)) {
      // (A figure is no reporting body's own: "prices rose", the Aspen Institute said.)
      if (std::string owner = ctx_->SalientOrganisation();
          !owner.empty() && !(IsFigureNoun(head) && IsReportingBody(owner))) {
        name = owner + " " + head;
      }
    }
    if (name != head) {
      new_heads_[head] = name;
    } else if (HasDeterminer(h, "the")) {
      if (auto it = new_heads_.find(head); it != new_heads_.end()) {
        name = it->second;
      } else if (auto doc = heads_.find(head); doc != heads_.end()) {
        name = doc->second;
      }
    }
  }
  // "Ltd" or "Dlrs" the parser left on its own ("Qintex America (Media) Ltd unit", a sentence
  // cut after "U.S."): no name.
  if (IsProper(h) && (OnlyCompanySuffixes(name) || entities::IsUnitWord(AsciiLower(name)))) {
    return "";
  }
  Remember(name, h);
  return name;
}

std::string UdReader::Surface(int h, bool conjuncts) const {
  // The subtree of h without clauses hanging from it; coordination below h kept on request.
  int lo = h, hi = h;
  std::vector<int> stack = {h};
  while (!stack.empty()) {
    int w = stack.back();
    stack.pop_back();
    lo = std::min(lo, w);
    hi = std::max(hi, w);
    for (int k : w_[static_cast<size_t>(w)].kids) {
      const UdWord& c = w_[static_cast<size_t>(k)];
      if (IsRel(c, "acl") || IsRel(c, "parataxis") || IsRel(c, "advcl") || c.rel == "punct" ||
          c.rel == "ccomp" || c.rel == "appos") {
        continue;
      }
      if (!conjuncts && (c.rel == "conj" || c.rel == "cc") && w == h) continue;
      stack.push_back(k);
    }
  }
  return Words(lo, hi);
}

std::string UdReader::VerbLemma(int verb) const {
  const UdWord& v = w_[static_cast<size_t>(verb)];
  // The model's lemma when the lexicon knows it as a verb; else the lexicon's own reading of
  // the form ("outstanding" is not "outstande").
  if (lex_.IsVerb(v.lemma)) return v.lemma;
  std::string guess = lex_.VerbLemma(v.lower);
  // A verb the lexicon lists only as written ("hurting", with no "hurt"): the model's lemma.
  if (guess == v.lower && In(v.xpos, {"VBD", "VBG", "VBN", "VBZ"}) && HasLetter(v.lemma) &&
      v.lemma != v.lower) {
    return v.lemma;
  }
  return guess;
}

std::string UdReader::BoardOwner(int s, const std::string& name) const {
  const UdWord& sw = w_[static_cast<size_t>(s)];
  if ((sw.lemma != "board" && (sw.lemma != "director" || sw.xpos != "NNS")) ||
      !name.ends_with(" " + sw.lemma)) {
    return "";
  }
  std::string owner = name.substr(0, name.size() - sw.lemma.size() - 1);
  return IsOrganisationName(owner) ? owner : "";
}

std::string UdReader::OwnerOf(int h) {
  // "its", "their", "our": whom the pronoun names.
  if (std::string owner = PossessiveOwner(h); !owner.empty()) return owner;
  for (int k : Kids(h, "nmod:poss")) {
    // A name, or a description that names one ("the company's shares").
    const Annotation* a = AnnotationAt(k);
    if (a != nullptr && IsValueType(a->type)) continue;
    std::string owner = EntityName(k);
    if (!owner.empty() && std::isupper(static_cast<unsigned char>(owner[0]))) return owner;
  }
  // "Shell profits", "GM sales": a name in front.
  for (int k : Kids(h, "compound")) {
    const Annotation* a = AnnotationAt(k);
    if (a != nullptr && (a->type == EntityType::kOrganisation || a->type == EntityType::kPlace)) {
      return EntityName(k);
    }
  }
  // A bare figure in what an organisation said is its own; not one a government office, a
  // central bank or an industry body reports ("New orders fell 4.0 pct, the Commerce
  // Department said": the country's orders, not the department's).
  if (!HasKid(h, "det") && !HasKid(h, "nmod:poss") && !IsReportingBody(speaker_)) {
    return speaker_;
  }
  return "";
}

std::string UdReader::FigureWords(int h) const {
  // The figure's common words before it ("net income", "operating profit"), names left out.
  std::string out;
  for (int k = h - 1; k >= 0 && w_[static_cast<size_t>(k)].head == h; --k) {
    const UdWord& m = w_[static_cast<size_t>(k)];
    if (!(IsRel(m, "amod") || IsRel(m, "compound")) || IsProper(k) || AnnotationAt(k) != nullptr) {
      break;
    }
    out = m.lower + (out.empty() ? "" : " ") + out;
  }
  const std::string& head = w_[static_cast<size_t>(h)].lemma;
  return out.empty() ? head : out + " " + head;
}

bool UdReader::IsOrganisationName(const std::string& name) const {
  auto known = types_.find(name);
  if (known != types_.end()) return known->second == EntityType::kOrganisation;
  return ctx_->organisation_mentions.count(name) != 0 || lex_.IsOrganisation(name);
}

std::string UdReader::NoteSubject(int s) {
  std::string subject = EntityName(s);
  if (IsProper(s) && !subject.empty()) {
    ctx_->last_subject = subject;
    auto known = types_.find(subject);
    ctx_->last_subject_type = known != types_.end() ? known->second : TypeOf(subject, s);
  }
  return subject;
}

void UdReader::ReadClause(int verb, std::vector<Extraction>* out) {
  const UdWord& v = w_[static_cast<size_t>(verb)];
  // A preposition or adverb the tagger took for a verb ("to around 2.9 billion dlrs") heads
  // no clause.
  if (In(v.lower, {"around", "about", "under", "over", "such", "of", "up", "down", "out", "off",
                   "above", "below", "nearly", "almost", "roughly", "some"})) {
    return;
  }
  // Nor does a noun the tagger took for a verb ("industries", "sterling", "sales"): with
  // WordNet's verbs read, a verb is a word one of the lists knows as one.
  if (v.upos == "VERB" && lex_.has_wordnet_verbs() && !HasKid(verb, "cop") &&
      !lex_.IsVerbOrPrefixed(VerbLemma(verb))) {
    return;
  }
  const int cop = Kid(verb, "cop");
  std::vector<int> objects;
  for (int o : Kids(verb, "obj")) {
    for (int c : Conjuncts(o)) objects.push_back(c);
  }
  // "asked AI staff to consider": the one object, taken for an indirect one.
  const std::vector<int> indirect = Kids(verb, "iobj");
  if (objects.empty() && !indirect.empty()) objects = Conjuncts(indirect.front());
  std::vector<int> subjects = Subjects(verb);
  if (subjects.empty()) return;
  // "much of the trade deficit", "some of the vice-presidents": the part is of the whole named.
  for (int& sj : subjects) sj = PartOf(sj);
  // A passive has its auxiliary or a past participle: "the deficit eased to 215 mln" with the
  // subject labelled passive is active.
  // (Not a verb of a figure's change without its auxiliary: "rates eased across the board",
  // "the deficit eased to 215 mln".)
  bool passive = HasKid(verb, "aux:pass") ||
                 (HasKid(verb, "nsubj:pass") && v.xpos == "VBN" && !IsChangeVerb(VerbLemma(verb)));
  // "were given an 8-1/4 pct coupon and priced at par".
  if (JoinedToPassive(verb)) passive = true;
  // A headline's participle after its subject, without an auxiliary, is a passive: "Algeria
  // hit by riots", "wheat bonus called dormant", "banks asked to take part".
  if (ctx_->headline && (v.xpos == "VBD" || v.xpos == "VBN") && !HasKid(verb, "aux") &&
      std::none_of(objects.begin(), objects.end(),
                   [&](int o) {
                     return In(w_[static_cast<size_t>(o)].upos, {"NOUN", "PROPN"});
                   }) &&
      (v.lower.ends_with("ed") || v.xpos == "VBN" || [&] {
        for (int k : Kids(verb, "obl")) {
          if (CaseOf(k) == "by") return true;
        }
        return false;
      }())) {
    passive = true;
  }
  // "a company based in Lisbon": the participle's noun is its object.
  // (Not a relative clause in the perfect: "Manila, which has not made any repayments".)
  // (Nor a figure's change in a clause that has no other verb: "Saudi riyal interbank deposit
  // rates eased across the board, dealers said", the noun read as the root or the said clause.)
  const bool change_after_root =
      IsChangeVerb(VerbLemma(verb)) && v.head >= 0 && v.head == verb - 1 &&
      In(w_[static_cast<size_t>(v.head)].rel, {"root", "ccomp", "parataxis"}) &&
      !HasKid(v.head, "cop");
  if (IsRel(v, "acl") && v.xpos == "VBN" && !HasKid(verb, "aux") && !HasKid(verb, "nsubj") &&
      !change_after_root) {
    passive = true;
  }
  // "..., buoyed by an economy on the mend": a participle with its agent.
  if (IsAbsoluteParticiple(verb)) passive = true;
  // "export to Europe rather than manufacture here", read with "manufacture" the object: what
  // was not done is no participant.
  std::erase_if(objects, [&](int o) {
    return std::any_of(w_[static_cast<size_t>(o)].kids.begin(),
                       w_[static_cast<size_t>(o)].kids.end(), [&](int k) {
                         const UdWord& c = w_[static_cast<size_t>(k)];
                         return k < o && (c.rel == "cc" || c.rel == "case") &&
                                (c.lower == "rather" || c.lower == "instead");
                       });
  });
  // "spend more on education": "more" or "less" right after a verb without an object says how
  // much, and joins the relation ("spend more on").
  std::string degree;
  if (const int m = verb + 1; objects.empty() && m < static_cast<int>(w_.size()) &&
                              w_[static_cast<size_t>(m)].head == verb &&
                              IsRel(w_[static_cast<size_t>(m)], "advmod") &&
                              In(w_[static_cast<size_t>(m)].lower, {"more", "less"})) {
    degree = w_[static_cast<size_t>(m)].lower;
  }
  // "plans to testify tomorrow at a hearing", read with "tomorrow" the object: a word of time
  // is when, not what; so is a date ("opens April 4", below among the phrases).
  std::erase_if(objects, [&](int o) {
    const Annotation* a = AnnotationAt(o);
    return In(w_[static_cast<size_t>(o)].lower, {"tomorrow", "today", "yesterday", "tonight"}) ||
           (a != nullptr && a->type == EntityType::kDate &&
            IsRel(w_[static_cast<size_t>(o)], "obj"));
  });
  // "come into force in April", "take effect on Monday", "put the cuts into effect": the bare
  // noun of a verb of taking effect is part of the verb, never a participant; the phrase or
  // object after it is what the verb is about.
  std::string in_force;
  int in_force_word = -1;
  for (int k : w_[static_cast<size_t>(verb)].kids) {
    const UdWord& n = w_[static_cast<size_t>(k)];
    if (!In(n.lower, {"force", "effect", "operation"}) || HasKid(k, "det") || HasKid(k, "amod")) {
      continue;
    }
    const std::string lemma = VerbLemma(verb);
    if (IsRel(n, "obl") && CaseOf(k) == "into" &&
        In(lemma, {"come", "go", "enter", "put", "bring"})) {
      in_force = "into " + n.lower;
    } else if (n.rel == "obj" && lemma == "take" && n.lower == "effect") {
      in_force = n.lower;
    } else {
      continue;
    }
    in_force_word = k;
    std::erase(objects, k);
    break;
  }
  // "make it difficult for the Fed": an "it" before an adjective is no participant.
  std::erase_if(objects, [&](int o) {
    return w_[static_cast<size_t>(o)].lower == "it" && o + 1 < static_cast<int>(w_.size()) &&
           w_[static_cast<size_t>(o) + 1].upos == "ADJ";
  });
  // "makes and sells the products", "did not make or sell the products": verbs joined right
  // before their one object share it, wherever the parser hung it.
  // (Not a gerund the parser hung as a bare adverbial clause, which is more often an adjective:
  // "manufacture cooling and lubricating systems".)
  const bool bare_gerund = v.xpos == "VBG" && IsRel(v, "advcl") && !HasKid(verb, "mark");
  if (objects.empty() && cop < 0 && !passive && v.upos == "VERB" && !bare_gerund) {
    auto objects_after = [&](int w, int after) {
      std::vector<int> found;
      // (Not a participle's before a noun: "coffee exporting and importing countries".)
      if (IsRel(w_[static_cast<size_t>(w)], "acl") && w_[static_cast<size_t>(w)].xpos == "VBG") {
        return found;
      }
      for (int o : Kids(w, "obj")) {
        if (o <= after) continue;
        for (int c : Conjuncts(o)) found.push_back(c);
      }
      return found;
    };
    if (IsRel(v, "conj") && v.head >= 0 && Adjoined(v.head, verb)) {
      objects = objects_after(v.head, verb);
    } else {
      for (int c : Kids(verb, "conj")) {
        if (w_[static_cast<size_t>(c)].upos != "VERB" || !Adjoined(verb, c)) continue;
        objects = objects_after(c, c);
        break;
      }
    }
  }
  // A relative pronoun as the object: "the firm that Ana founded"; "Europe, ..., which it left"
  // with the clause hung elsewhere: the noun right before it.
  for (int& o : objects) o = PartOf(Antecedent(o, verb));
  // "the shares it held in Fabrikam": a relative clause without a pronoun, whose verb has a
  // subject and nothing that could be its object, has the noun it modifies as its object. Not
  // a noun of time, place or manner ("the day it opened", "the way it works").
  if (objects.empty() && cop < 0 && v.rel == "acl:relcl" && v.head >= 0 && v.head < verb &&
      HasKid(verb, "nsubj") && !passive && !HasKid(verb, "ccomp") && !HasKid(verb, "xcomp") &&
      !HasKid(verb, "mark") && !HasKid(verb, "aux:pass")) {
    const UdWord& n = w_[static_cast<size_t>(v.head)];
    bool pronoun = false;
    for (int k : w_[static_cast<size_t>(verb)].kids) {
      const UdWord& x = w_[static_cast<size_t>(k)];
      pronoun =
          pronoun || (k < verb && (IsRelative(x.lower) ||
                                   In(x.lower, {"whose", "where", "when", "why", "how", "what"})));
    }
    if (!pronoun && In(n.upos, {"NOUN", "PROPN"}) &&
        !In(n.lemma, {"day", "year", "week", "month", "time", "moment", "hour", "period", "way",
                      "reason", "place", "extent", "point", "manner", "date", "night", "morning",
                      "quarter", "season"})) {
      objects.push_back(v.head);
    }
  }

  // Phrases on the verb (preposition and objects), then on its objects ("relocation to
  // Ireland"); the agent of a passive apart.
  struct Phrase {
    std::string role;
    std::vector<int> objects;
    int word;
    int owner = -1;          // the amount it was hung from ("six dlrs in debentures"), or -1
    bool bare_date = false;  // a date without its preposition ("opens April 4")
  };
  std::vector<Phrase> phrases;
  int agent = -1;
  auto role_of = [&](int k) -> std::string {
    std::string role = CaseOf(k);
    return role == "'s" || !HasLetter(role) ? "" : role;
  };
  const int for_subject = ForSubject(verb);
  for (int k : w_[static_cast<size_t>(verb)].kids) {
    const UdWord& o = w_[static_cast<size_t>(k)];
    const Annotation* dated = AnnotationAt(k);
    const bool date_object = o.rel == "obj" && dated != nullptr && dated->type == EntityType::kDate;
    if ((!IsRel(o, "obl") && !date_object) || k == for_subject || k == in_force_word) continue;
    // An amount, a share or a date is no agent: "must be shipped by September 30", "were
    // reduced by 10 pct", "was lowered by 0.37 point" (a count of things may be: "was hit by
    // three earthquakes").
    const Annotation* by_value = AnnotationAt(k);
    const bool value =
        by_value != nullptr &&
        (by_value->type == EntityType::kMoney || by_value->type == EntityType::kPercent ||
         by_value->type == EntityType::kDate ||
         (by_value->type == EntityType::kQuantity &&
          In(o.lemma, {"point", "pct", "percent", "percentage"})));
    if (o.rel == "obl:agent" && !value) {
      agent = k;
      continue;
    }
    std::string role = role_of(k);
    // "will begin Thursday", "opens April 4": a date without a preposition is when, on its day
    // or in its month or year.
    if (role.empty() && value && by_value->type == EntityType::kDate &&
        In(o.rel, {"obl:unmarked", "obl:tmod", "obl:npmod", "obj"})) {
      const std::string& d = by_value->normalised;
      const auto dashes = std::count(d.begin(), d.end(), '-');
      role = (d.starts_with("--") ? dashes >= 3 : dashes >= 2) ? "on" : "in";
    }
    // "are being offered packages by Fabrikam", the agent labelled a plain oblique.
    if (passive && role == "by" && agent < 0 && !value) {
      agent = k;
      continue;
    }
    // "decided in favor of selling", "strengthened on the basis of speculation": a preposition
    // of several words, whose object is the inner phrase's.
    // Only the bare noun ("in favor of", "on the basis of"), no "an exchange of shares", "his
    // support of", "the New York Stock Exchange".
    const bool bare = o.upos == "NOUN" && std::all_of(o.kids.begin(), o.kids.end(), [&](int c) {
                        const UdWord& x = w_[static_cast<size_t>(c)];
                        return x.rel == "case" || x.rel == "punct" || x.rel == "nmod" ||
                               IsRel(x, "acl") || x.rel == "advmod" ||
                               (x.rel == "det" && x.lower == "the");
                      });
    if (!role.empty() && bare && IsComplexPrepositionNoun(o.lower)) {
      // "in favor of selling wheat": a clause, read on its own.
      if (HasKid(k, "acl")) continue;
      bool inner = false;
      for (int m : Kids(k, "nmod")) {
        const std::string second = role_of(m);
        if (second.empty() || m < k || inner) continue;
        const std::string the = HasDeterminer(k, "the") ? "the " : "";
        phrases.push_back({role + " " + the + o.lower + " " + second, Instances(m), m});
        inner = true;
      }
      if (inner) continue;
    }
    if (!role.empty()) {
      const bool bare_date =
          dated != nullptr && dated->type == EntityType::kDate && !HasKid(k, "case");
      phrases.push_back({role, Instances(k), k, -1, bare_date});
    }
  }
  // "come into force in April", with the date hung from "force": the verb's.
  if (in_force_word >= 0) {
    for (int k : Kids(in_force_word, "nmod")) {
      if (std::string role = role_of(k); !role.empty()) phrases.push_back({role, Instances(k), k});
    }
  }
  // An adjective as the verb's complement, without its own copula or "to" ("called on the
  // Administration to be more aggressive"), joins the relation ("pleaded guilty to", "became
  // chairman of"; below), and its phrases are the verb's ("remains committed to the plan",
  // "became interested in Contoso").
  int adjective_complement = Kid(verb, "xcomp");
  if (adjective_complement >= 0 &&
      (w_[static_cast<size_t>(adjective_complement)].upos != "ADJ" ||
       HasKid(adjective_complement, "cop") || HasKid(adjective_complement, "mark"))) {
    adjective_complement = -1;
  }
  if (const int x = adjective_complement; x >= 0) {
    // (Not the subject of an infinitive: "make it difficult for the Fed to lower rates".)
    std::vector<int> infinitive_subjects;
    for (int k : w_[static_cast<size_t>(verb)].kids) {
      if (w_[static_cast<size_t>(k)].upos == "VERB") infinitive_subjects.push_back(ForSubject(k));
    }
    for (int k : Kids(x, "obl")) {
      if (std::find(infinitive_subjects.begin(), infinitive_subjects.end(), k) !=
          infinitive_subjects.end()) {
        continue;
      }
      if (std::string role = role_of(k); !role.empty() && k > x && k != for_subject) {
        phrases.push_back({role, Instances(k), k});
      }
    }
  }
  // "were offered bonuses by Fabrikam" with the agent hung from the object.
  if (passive && agent < 0) {
    for (int o : objects) {
      for (int k : Kids(o, "nmod")) {
        if (role_of(k) == "by" && agent < 0) agent = k;
      }
    }
  }
  // The oblique a verb moves to comes after it; one fronted before the subject ("In a speech
  // ..., Mercer lashed out at raiders") is a circumstance.
  std::stable_partition(phrases.begin(), phrases.end(),
                        [&](const Phrase& p) { return p.word > verb; });
  // A bare date after the verb is when it happened, the verb's object only where no other
  // phrase is ("traded on the call session Thursday": on the call session).
  std::stable_partition(phrases.begin(), phrases.end(),
                        [&](const Phrase& p) { return p.word > verb && !p.bare_date; });
  const size_t verb_phrases = phrases.size();
  // Phrases the parser hung from a participant rather than the verb: "approved by regulators
  // in Brussels", "opened offices in countries like Ireland".
  std::vector<int> holders = objects;
  if (agent >= 0) holders.push_back(agent);
  for (int o : holders) {
    // "opened a series of offices": an object's of-phrase says what it is of; a share's is
    // what the stake is in (below), an agent's is part of its name.
    const Annotation* value = AnnotationAt(o);
    const bool of_phrase = o != agent && (value == nullptr || !IsValueType(value->type));
    const int named = AppositiveName(o);
    for (int k : Kids(o, "nmod")) {
      std::string role = role_of(k);
      // "the port of Tanga" is Tanga: its of-phrase is its name, not a qualifier.
      if (role.empty() || (role == "of" && !of_phrase) || k == agent || k == named) continue;
      // (An amount's own phrase is its alone: "six dlrs in debentures".)
      const bool amount = value != nullptr && IsValueType(value->type);
      phrases.push_back({role, Instances(k), k, o == agent || !amount ? -1 : o});
    }
  }
  // "given the opportunity to transfer to Canada", "provided with the opportunity to ...":
  // where an infinitive about a participant goes.
  for (size_t i = 0; i < verb_phrases; ++i) holders.push_back(phrases[i].word);
  for (int o : holders) {
    for (int a : Kids(o, "acl")) {
      if (!IsInfinitive(a) || HasKid(a, "obj") || HasKid(a, "nsubj")) continue;
      for (int k : Kids(a, "obl")) {
        std::string role = role_of(k);
        if (!role.empty()) phrases.push_back({role, Instances(k), k});
      }
    }
  }
  // "gave the staff bonuses": the indirect object beside a direct one is who receives it.
  if (!Kids(verb, "obj").empty()) {
    for (int i : indirect) phrases.push_back({"to", Conjuncts(i), i});
  }

  // The clause as written, for Open IE: relation words, subject, object or complement, the
  // verb's phrases. Every clause with a subject and a second argument gives one.
  {
    Extraction surface;
    surface.use = Extraction::Use::kSurface;
    std::vector<int> rel_words;
    auto relation_words = [&](int w, bool with_mark) {
      for (int k : w_[static_cast<size_t>(w)].kids) {
        const UdWord& c = w_[static_cast<size_t>(k)];
        if (IsRel(c, "aux") || c.rel == "cop" || c.rel == "compound:prt" ||
            (with_mark && c.rel == "mark" && c.lower == "to") ||
            (c.rel == "advmod" && (c.lemma == "not" || c.lower == "n't" || c.lower == "never"))) {
          rel_words.push_back(k);
        }
      }
    };
    relation_words(verb, v.rel == "xcomp");
    if (cop < 0) rel_words.push_back(verb);
    // "plans to hire": a controlled verb's relation starts at the verb that controls it.
    if (v.rel == "xcomp" && v.head >= 0 && v.head < verb) {
      relation_words(v.head, false);
      rel_words.push_back(v.head);
    }
    std::sort(rel_words.begin(), rel_words.end());
    for (int k : rel_words) {
      if (!surface.relation.empty()) surface.relation += " ";
      surface.relation += w_[static_cast<size_t>(k)].form;
    }
    std::vector<int> subject_heads = Kids(verb, "nsubj");
    surface.arguments.push_back(
        Surface(subject_heads.empty() ? subjects.front() : subject_heads.front()));
    size_t first_phrase = 0;
    if (cop >= 0) {
      surface.arguments.push_back(Surface(verb));
      surface.rule = "copula";
    } else if (!Kids(verb, "obj").empty()) {
      surface.arguments.push_back(Surface(Kids(verb, "obj").front()));
      surface.rule = "nsubj-obj";
    } else if (int x = Kid(verb, "xcomp"); x >= 0 && w_[static_cast<size_t>(x)].upos != "VERB") {
      surface.arguments.push_back(Surface(x));  // "became chairman", "remained weak"
      surface.rule = "xcomp-complement";
    } else if (verb_phrases > 0) {
      // "moved to Ireland": the first phrase's preposition joins the relation.
      const Phrase& p = phrases.front();
      surface.relation += " " + p.role;
      std::string phrase = Surface(p.word);
      size_t sp = phrase.find(' ');
      surface.arguments.push_back(sp == std::string::npos ? phrase : phrase.substr(sp + 1));
      first_phrase = 1;
      surface.rule = "nsubj-obl";
    } else if (agent >= 0) {
      // "was approved by regulators": the preposition joins the relation.
      std::string phrase = Surface(agent);
      size_t sp = phrase.find(' ');
      surface.relation += " by";
      surface.arguments.push_back(sp == std::string::npos ? phrase : phrase.substr(sp + 1));
      surface.rule = "passive-agent";
    } else if (int c = Kid(verb, "ccomp"); c >= 0) {
      // "said that prices would rise": the content is the second argument, "that" joins the
      // relation.
      std::string content = Surface(c);
      if (int m = Kid(c, "mark"); m >= 0 && w_[static_cast<size_t>(m)].lower == "that" &&
                                  content.starts_with(w_[static_cast<size_t>(m)].form + " ")) {
        surface.relation += " " + w_[static_cast<size_t>(m)].form;
        content = content.substr(w_[static_cast<size_t>(m)].form.size() + 1);
      }
      surface.arguments.push_back(content);
      surface.rule = "ccomp";
    }
    for (size_t i = first_phrase; i < verb_phrases; ++i) {
      surface.arguments.push_back(Surface(phrases[i].word));
    }
    surface.record.evidence.confidence = kDirect;
    if (surface.arguments.size() >= 2 && HasLetter(surface.relation) &&
        !surface.arguments[0].empty()) {
      out->push_back(std::move(surface));
    }
  }

  // A participant of the graph is a noun, a name, a pronoun or a number ("bonds due 2001 were
  // given" with "due" taken for the subject is none, nor is a past participle: "Announced last
  // February, the plan froze prices"). A noun the tagger took for a present-tense verb or a
  // gerund stays ("cash flows generated by ...").
  std::erase_if(subjects, [&](int sj) {
    const UdWord& x = w_[static_cast<size_t>(sj)];
    return In(x.upos,
              {"ADJ", "ADV", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "DET", "INTJ"}) ||
           (x.upos == "VERB" && In(x.xpos, {"VBD", "VBN"}));
  });
  if (subjects.empty()) return;

  // The graph's statements. A verb whose complement carries the content ("plans to buy",
  // "said it bought") is read at the complement.
  if (objects.empty() && cop < 0 &&
      (HasKid(verb, "xcomp") || (IsSaying(VerbLemma(verb)) && HasKid(verb, "ccomp")))) {
    if (int x = Kid(verb, "xcomp"); x < 0 || w_[static_cast<size_t>(x)].upos == "VERB") {
      // The speaker is what "it" in what it said stands for ("Boeing said it would cut jobs").
      for (int s : subjects) NoteSubject(s);
      return;
    }
  }
  // "expected the FDA to approve the kits": the object belongs to the infinitive, which says
  // what is expected (read there, with the expectation as modality); the verb says nothing of
  // the object itself. Object-control verbs do ("asked staff to consider").
  if (cop < 0 && !objects.empty() && IsExpectation(VerbLemma(verb))) {
    if (int x = Kid(verb, "xcomp"); x >= 0 && IsInfinitive(x)) {
      for (int s : subjects) NoteSubject(s);
      return;
    }
  }

  std::string rule = "nsubj-obj";
  float confidence = kDirect;
  if (Kids(verb, "nsubj").empty()) {
    confidence = IsRel(v, "acl") ? kRelative : kShared;
    const bool on_whom = v.head >= 0 && OnWhom(v.head) >= 0;
    rule = ForSubject(verb) >= 0                   ? "for-subject"
           : on_whom                               ? "called-on"
           : IsPurpose(verb)                       ? "purpose"
           : v.rel == "xcomp"                      ? "xcomp-control"
           : v.rel == "conj"                       ? "conj-shared-subject"
           : IsRel(v, "acl") && IsInfinitive(verb) ? "intention-noun"
           : IsRel(v, "acl")                       ? "acl-antecedent"
                                                   : "advcl-shared-subject";
  }
  std::string predicate = cop >= 0 ? "be" : VerbLemma(verb);
  // A passive without its agent keeps its participle as written: "be located in", "be given".
  std::string participle = "be " + v.lower;
  if (int prt = Kid(verb, "compound:prt"); prt >= 0) {
    predicate += " " + w_[static_cast<size_t>(prt)].lower;
    participle += " " + w_[static_cast<size_t>(prt)].lower;
  }
  if (adjective_complement >= 0) {
    const std::string& adjective = w_[static_cast<size_t>(adjective_complement)].lower;
    predicate += " " + adjective;
    participle += " " + adjective;  // "was found guilty of"
  }
  if (!degree.empty()) predicate += " " + degree;
  if (!in_force.empty()) {
    predicate += " " + in_force;
    participle += " " + in_force;
  }
  // Sayings are sources, not facts: their content is read at the complement, with the speaker
  // as according_to. A verb that makes its object known, with no content clause ("reported
  // record profits", "announced a merger"), states a fact of its own; "said sales rose" misread
  // with "sales" as the object does not.
  const bool makes_known = In(
      predicate, {"report", "announce", "disclose", "confirm", "estimate", "predict", "explain"});
  // "added 200 jobs", "without adding to its debt": "add" with an object or a to-phrase after
  // it (not "added that", nor what a trailing ", the sources added" was hung with) and no
  // content clause is an addition.
  const bool addition =
      predicate == "add" && !HasKid(verb, "ccomp") && !HasKid(verb, "parataxis") && [&] {
        for (int o : objects) {
          if (o > verb && In(w_[static_cast<size_t>(o)].upos, {"NOUN", "PROPN", "NUM"})) {
            return true;
          }
        }
        for (int o : Kids(verb, "obl")) {
          if (o > verb && CaseOf(o) == "to") return true;
        }
        return false;
      }();
  // "the surplus is estimated at 420 billion yen": a passive saying with an at-phrase and no
  // content clause puts a figure on its subject, a fact.
  const bool valued = passive && !HasKid(verb, "ccomp") && [&] {
    for (int o : Kids(verb, "obl")) {
      if (o > verb && CaseOf(o) == "at") return true;
    }
    return false;
  }();
  if (cop < 0 && IsSaying(predicate) && !addition && !valued &&
      (objects.empty() || HasKid(verb, "ccomp") || !makes_known)) {
    // The speaker is what "it" in what it said stands for ("Boeing said it would cut jobs").
    for (int s : subjects) NoteSubject(s);
    // "Rha told Reuters ...": who was told, when it is a name, is a fact of its own; an audience
    // of common words ("told reporters") is not.
    if (predicate == "tell") {
      for (int s : subjects) {
        for (int o : objects) {
          const Annotation* a = AnnotationAt(o);
          if (a == nullptr || (a->type != EntityType::kOrganisation &&
                               a->type != EntityType::kPerson && a->type != EntityType::kPlace)) {
            continue;
          }
          Extraction x;
          x.use = Extraction::Use::kGraph;
          x.rule = "told";
          x.record.subject = EntityName(s);
          x.record.predicate = "tell";
          x.record.object = EntityName(o);
          x.record.evidence.confidence = kDirect;
          if (!x.record.subject.empty() && !x.record.object.empty() &&
              x.record.subject != x.record.object) {
            out->push_back(std::move(x));
          }
        }
      }
    }
    return;
  }
  std::vector<int> ends = objects;
  if (cop >= 0) {
    // "It is not a credit policy matter", "It's pure fiction", "it is high time": what "it"
    // stands for in a copula is a situation more often than the last thing named.
    for (int sj : Kids(verb, "nsubj")) {
      if (In(w_[static_cast<size_t>(sj)].lower, {"it", "this", "that"})) return;
    }
    if (v.upos == "ADJ" && verb_phrases > 0 && phrases.front().word > verb) {
      // "is suitable for modern plants", "is convertible into common stock": the adjective and
      // its preposition are the relation, the phrase's object the object.
      const Phrase& p = phrases.front();
      predicate = "be " + v.lower + " " + p.role;
      ends = p.objects;
      phrases.erase(phrases.begin());
      confidence = std::min(confidence, kPhrase);
      rule = "copula-adjective";
    } else {
      // Otherwise an adjective is an attribute, not a node; a verb with a copula a misparse.
      if (!In(v.upos, {"NOUN", "PROPN", "NUM", "PRON", "SYM"})) return;
      if (int c = Kid(verb, "case"); c >= 0) predicate += " " + w_[static_cast<size_t>(c)].lower;
      ends = Conjuncts(verb);
      rule = "copula";
      // "Hutton LBO is a subsidiary of E.F. Hutton Group": the role at the name it names.
      if (v.upos == "NOUN" && Kid(verb, "case") < 0) {
        for (int k : Kids(verb, "nmod")) {
          const std::string prep = CaseOf(k);
          const Annotation* a = AnnotationAt(k);
          if (prep != "of" && prep != "at") continue;
          // A name, or a description that names one ("senior vice president of the bank", "of
          // its airline unit, Pacific Western Airlines Ltd").
          if (a == nullptr) {
            if (!HasDeterminer(k, "the") && AppositiveName(k) < 0) continue;
            const std::string named = EntityName(k);
            if (named.empty() || !std::isupper(static_cast<unsigned char>(named[0]))) continue;
          } else if (a->type != EntityType::kOrganisation && a->type != EntityType::kPlace) {
            continue;
          }
          int from = verb;
          while (from > 0 && w_[static_cast<size_t>(from) - 1].head == verb &&
                 (IsRel(w_[static_cast<size_t>(from) - 1], "amod") ||
                  IsRel(w_[static_cast<size_t>(from) - 1], "compound")) &&
                 AnnotationAt(from - 1) == nullptr) {
            --from;
          }
          predicate = "be " + AsciiLower(Words(from, verb)) + " " + prep;
          ends = {k};
          std::erase_if(phrases, [&](const Phrase& ph) { return ph.word == k; });
          rule = "copula-role";
          break;
        }
      }
    }
  } else if (passive && !objects.empty() && agent >= 0 && HasKid(verb, "aux:pass")) {
    // "Hundreds of engineers were offered bonuses by Fabrikam": the subject received it,
    // (Fabrikam, offer, bonus, to: engineer).
    phrases.push_back({"to", subjects, subjects.front()});
    subjects = Conjuncts(agent);
    rule = "passive-dative";
  } else if (passive && !objects.empty() && HasKid(verb, "aux:pass")) {
    // "The engineers were given the opportunity": (engineer, be given, opportunity).
    predicate = participle;
    confidence = std::min(confidence, kPassive);
    rule = "passive-object";
  } else if (passive && agent >= 0) {
    ends = subjects;
    subjects = Conjuncts(agent);
    rule = "passive-agent";
  } else if (ends.empty() && verb_phrases > 0 && phrases.front().word < verb) {
    // "In an effort to trim its debt, Goodyear closed down ...": a phrase fronted before the
    // verb is a circumstance, never what the verb moves to.
    return;
  } else if (ends.empty() && verb_phrases > 0 && phrases.front().bare_date &&
             !In(VerbLemma(verb), {"begin", "start", "end", "expire", "close", "open", "mature",
                                   "finish", "resume", "commence", "run", "last"}) &&
             in_force.empty()) {
    // "the committee will consider the bill Thursday": when a thing is done is no fact of its
    // own; when it begins, ends or takes effect is ("the offer expires April 29").
    return;
  } else if (ends.empty() && verb_phrases > 0) {
    // "moved to Ireland": the first phrase's object is the object, its preposition joins the
    // relation.
    const Phrase& p = phrases.front();
    predicate = (passive ? participle : predicate) + " " + p.role;
    ends = p.objects;
    phrases.erase(phrases.begin());
    confidence = std::min(confidence, passive ? kPassive : kPhrase);
    rule = passive ? "passive-obl" : "nsubj-obl";
  } else if (passive) {
    return;
  }
  if (ends.empty()) return;

  const bool negated = Negated(verb);
  const std::string modality = Modality(verb);
  // Reported speech: the saying's subject is the source, whether the content is the saying's
  // complement ("X said it would") or the saying hangs from the content ("Sales rose, X said").
  std::vector<std::string> according_to;
  int saying = -1;
  // "we will buy Contoso and we will hire engineers": the first conjunct's; "we did not want to
  // preempt the committee": the controlling verb's.
  int content = verb;
  for (int steps = 0; steps < 8 &&
                      (w_[static_cast<size_t>(content)].rel == "conj" ||
                       w_[static_cast<size_t>(content)].rel == "xcomp") &&
                      w_[static_cast<size_t>(content)].head >= 0;
       ++steps) {
    content = w_[static_cast<size_t>(content)].head;
  }
  const UdWord& c = w_[static_cast<size_t>(content)];
  if (HeadlineReport(verb)) {
    saying = v.head;
  } else if ((c.rel == "ccomp" || c.rel == "parataxis") && c.head >= 0 &&
             IsQuoting(VerbLemma(c.head))) {
    saying = c.head;
  } else {
    // "..., Fabrikam said.": a saying verb after the clause, hanging from it or from one of its
    // words (the parser often takes it for a relative clause of the last noun), with a subject
    // and no content of its own.
    for (int k = content + 1; k < static_cast<int>(w_.size()) && saying < 0; ++k) {
      const UdWord& x = w_[static_cast<size_t>(k)];
      if (x.upos != "VERB" || !IsQuoting(VerbLemma(k)) || !HasKid(k, "nsubj") ||
          HasKid(k, "ccomp") || HasKid(k, "obj")) {
        continue;
      }
      // Its subject must be able to speak: a name, or a speaker's noun ("officials said").
      const int who = Kid(k, "nsubj");
      const Annotation* named = AnnotationAt(who);
      const UdWord& sw = w_[static_cast<size_t>(who)];
      const bool speaker =
          (named != nullptr &&
           (named->type == EntityType::kOrganisation || named->type == EntityType::kPerson)) ||
          IsProper(who) ||
          In(sw.lemma, {"official", "spokesman", "spokeswoman", "analyst", "economist", "banker",
                        "source", "executive", "trader", "dealer", "company", "firm", "bank",
                        "government", "ministry", "he", "she", "they", "it"});
      if (!speaker) continue;
      int up = x.head;
      for (int steps = 0; steps < 3 && up >= 0 && up != content; ++steps) {
        up = w_[static_cast<size_t>(up)].head;
      }
      if (up == content) saying = k;
    }
  }
  if (saying >= 0) {
    for (int s : Subjects(saying)) according_to.push_back(EntityName(s));
    // "12 pct, Fabrikam Corp said" with the name misread as an apposition: the name right
    // before the saying verb is its speaker.
    if (according_to.empty() && saying > 0) {
      const Annotation* a = AnnotationAt(saying - 1);
      if (a != nullptr &&
          (a->type == EntityType::kOrganisation || a->type == EntityType::kPerson)) {
        according_to.push_back(EntityName(saying - 1));
      }
    }
  }
  // "And we are here to stay.": a quotation that goes on from one its speaker was named for.
  // (Not in a sentence that names a speaker of its own, found or not: "Tower told a press
  // conference, \"The president clearly did not understand\"".)
  auto own_saying = [&] {
    return std::any_of(w_.begin(), w_.end(), [&](const UdWord& x) {
      return x.upos == "VERB" && IsQuoting(x.lemma) &&
             std::any_of(x.kids.begin(), x.kids.end(),
                         [&](int k) { return w_[static_cast<size_t>(k)].rel == "nsubj"; });
    });
  };
  if (according_to.empty() && !ctx_->quote_speaker.empty() && Quoted(verb) && !own_saying()) {
    according_to.push_back(ctx_->quote_speaker);
  }
  if (according_to.size() == 1) ctx_->sentence_speaker = according_to.front();
  // "I", "me" and "my" in what a person said are that person: "'I remain committed to these
  // objectives,' Reagan said".
  person_speaker_.clear();
  if (according_to.size() == 1) {
    auto known = types_.find(according_to.front());
    if ((known != types_.end() && known->second == EntityType::kPerson) ||
        ctx_->holder_of.count(according_to.front()) != 0) {
      person_speaker_ = according_to.front();
    }
  }
  // "We", "us" and "our" in what an organisation said are that organisation.
  speaker_.clear();
  if (according_to.size() == 1 && IsOrganisationName(according_to.front())) {
    speaker_ = according_to.front();
  } else if (according_to.size() == 1) {
    // "'We didn't want to preempt the committee,' Sandner said": the organisation the speaker
    // holds a title at.
    if (auto h = ctx_->holder_of.find(according_to.front()); h != ctx_->holder_of.end()) {
      speaker_ = h->second;
    }
  }

  // Each phrase's values; a coordinated one ("transfers to the U.S., Ireland and Australia")
  // gives one statement per value.
  std::vector<std::pair<std::string, std::vector<std::string>>> all_phrase_values;
  std::vector<int> phrase_owners;
  for (const Phrase& p : phrases) {
    std::vector<std::string> values;
    for (int po : p.objects) {
      std::string value = EntityName(po);
      if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end()) {
        values.push_back(std::move(value));
      }
    }
    if (!values.empty()) {
      all_phrase_values.emplace_back(p.role, std::move(values));
      phrase_owners.push_back(p.owner);
    }
  }
  size_t emitted = 0;
  const int last = *std::max_element(ends.begin(), ends.end());
  for (int s : subjects) {
    std::string subject = NoteSubject(s);
    // "Shell's profits rose 26%", "its sales fell", "Net income fell 5 pct, Contoso said": the
    // owner is the subject and the figure joins the relation, (Shell, profit rise, 26%).
    std::string relation = predicate;
    std::string statement_rule = rule;
    // (Also when it moves to a level: "New Zealand's deficit narrowed to 180 mln", (New
    // Zealand, deficit narrow to, 180 mln).)
    const bool to_level =
        rule == "nsubj-obl" &&
        (predicate.ends_with(" to") || predicate.ends_with(" by") || predicate.ends_with(" at"));
    std::string figure_words;
    if ((rule == "nsubj-obj" || to_level) && IsChangeVerb(VerbLemma(verb)) &&
        IsFigureNoun(w_[static_cast<size_t>(s)].lemma)) {
      if (std::string owner = OwnerOf(s); !owner.empty()) {
        subject = owner;
        figure_words = FigureWords(s);
        relation = figure_words + " " + predicate;
        statement_rule = "figure";
      }
    }
    // "its board rejected the offer", "Contoso's directors approved it": the company acts
    // through its board.
    std::string organ;
    if (std::string owner = statement_rule != "figure" ? BoardOwner(s, subject) : "";
        !owner.empty()) {
      subject = std::move(owner);
      organ = w_[static_cast<size_t>(s)].lemma == "board" ? "board" : "directors";
    }
    if ((rule == "nsubj-obj" || to_level) && IsChangeVerb(VerbLemma(verb)) && !subject.empty()) {
      auto& known = figure_subjects_[verb];
      if (std::find(known.begin(), known.end(), std::pair(subject, figure_words)) == known.end()) {
        known.emplace_back(subject, figure_words);
      }
    }
    for (int o : ends) {
      if (++emitted > kMaxStatementsPerClause) return;
      // "receive 29 dlrs cash, six dlrs in debentures and a warrant": a phrase of one amount
      // before the last is not said of the others. The last one's may be all of theirs
      // ("pays 10 dlrs and 20 dlrs in cash").
      std::vector<std::pair<std::string, std::vector<std::string>>> phrase_values;
      for (size_t i = 0; i < all_phrase_values.size(); ++i) {
        const int owner = phrase_owners[i];
        if (owner >= 0 && owner != o && owner != last &&
            std::find(ends.begin(), ends.end(), owner) != ends.end()) {
          continue;
        }
        phrase_values.push_back(all_phrase_values[i]);
      }
      Extraction x;
      x.use = Extraction::Use::kGraph;
      x.rule = statement_rule;
      x.record.subject = subject;
      x.record.predicate = relation;
      x.record.object = EntityName(o, rule == "copula");
      // A bare number does nothing: as a subject it is an age or a figure misread ("Samuel
      // Yonnone, 37, pled guilty" with 37 taken for the subject).
      if (x.record.subject.empty() || x.record.object.empty() || !HasLetter(predicate) ||
          !HasLetter(x.record.subject) || x.record.subject == x.record.object) {
        continue;  // "he agreed upon with Gorbachev", with "he" taken for Gorbachev
      }
      // "acquired 29 pct of CMP": the company is the object, the share a stake in it.
      if (const Annotation* share = AnnotationAt(o);
          share != nullptr && share->type == EntityType::kPercent) {
        for (int k : Kids(o, "nmod")) {
          const int c = Kid(k, "case");
          const Annotation* named = AnnotationAt(k);
          if (c < 0 || w_[static_cast<size_t>(c)].lower != "of" || named == nullptr ||
              IsValueType(named->type)) {
            continue;
          }
          std::string owned = EntityName(k);
          if (owned.empty()) continue;
          x.record.qualifiers.push_back({"stake", x.record.object});
          x.record.object = std::move(owned);
          x.rule = "stake";
          break;
        }
      }
      std::vector<std::vector<Qualifier>> variants = {x.record.qualifiers};
      for (const auto& [role, values] : phrase_values) {
        if (values.size() == 1 || variants.size() * values.size() > kMaxStatementsPerClause) {
          for (auto& q : variants) {
            for (const std::string& value : values) q.push_back({role, value});
          }
          continue;
        }
        std::vector<std::vector<Qualifier>> split;
        for (const auto& q : variants) {
          for (const std::string& value : values) {
            split.push_back(q);
            split.back().push_back({role, value});
          }
        }
        variants = std::move(split);
      }
      x.record.qualifiers.clear();
      for (const std::string& a : according_to) {
        if (!a.empty() && a != subject) x.record.qualifiers.push_back({"according_to", a});
      }
      // "no final decision had been made": a participant with "no" denies the clause; "by
      // steering liquidity, not interest rates": a conjunct with "not" is not done to.
      const bool not_this = o != s && w_[static_cast<size_t>(o)].rel == "conj" &&
                            std::any_of(w_[static_cast<size_t>(o)].kids.begin(),
                                        w_[static_cast<size_t>(o)].kids.end(), [&](int k) {
                                          return k < o &&
                                                 w_[static_cast<size_t>(k)].lower == "not" &&
                                                 IsRel(w_[static_cast<size_t>(k)], "advmod");
                                        });
      if (negated || not_this || HasDeterminer(s, "no") || HasDeterminer(o, "no")) {
        x.record.qualifiers.push_back({"polarity", "negative"});
      }
      if (!modality.empty()) x.record.qualifiers.push_back({"modality", modality});
      if (!organ.empty()) x.record.qualifiers.push_back({"through", organ});
      x.record.evidence.confidence = confidence;
      // "pleaded guilty to two counts": an adjective read as the object joins the relation with
      // the first phrase's preposition, and the phrase is the object.
      // The tagger takes the adjectives of pleas and standing for nouns ("pleaded guilty").
      const UdWord& ow = w_[static_cast<size_t>(o)];
      // One with a determiner is a noun the tagger misread ("building an LNG receiving
      // terminal").
      const bool adjective =
          (ow.upos == "ADJ" && !HasKid(o, "det")) ||
          (ow.upos == "NOUN" && ow.kids.empty() &&
           In(ow.lower, {"guilty", "innocent", "liable", "insolvent", "bankrupt"}));
      // "took part in the loan", "held talks with Argentina", "took advantage of the rates": a
      // verb and a bare noun that together are one verb; the phrase is its object.
      const std::string_view idiom =
          ow.upos == "NOUN" && !HasKid(o, "det") && !HasKid(o, "nmod:poss") && !HasKid(o, "amod")
              ? IdiomPreposition(VerbLemma(verb), ow.lower)
              : "";
      // The object joins the relation with the first phrase's preposition, that phrase's
      // objects are the statement's, the other phrases its qualifiers.
      auto fold = [&]() {
        for (const std::string& value : phrase_values.front().second) {
          Extraction folded = x;
          folded.rule = "light-verb";
          folded.record.predicate = predicate + " " + ow.lower + " " + phrase_values.front().first;
          folded.record.object = value;
          for (size_t p = 1; p < phrase_values.size(); ++p) {
            for (const std::string& v : phrase_values[p].second) {
              folded.record.qualifiers.push_back({phrase_values[p].first, v});
            }
          }
          NormaliseQualifiers(folded.record.qualifiers);
          if (folded.record.object != subject) out->push_back(std::move(folded));
        }
      };
      if (!idiom.empty() && !passive && cop < 0) {
        // The phrase of the idiom's preposition first, the others stay qualifiers.
        auto it = std::find_if(phrase_values.begin(), phrase_values.end(),
                               [&](const auto& p) { return p.first == idiom; });
        if (it != phrase_values.end()) {
          std::rotate(phrase_values.begin(), it, it + 1);
          fold();
          continue;
        }
      }
      if (adjective && rule == "nsubj-obj" && !phrase_values.empty() &&
          phrase_values.front().first != "according_to") {
        fold();
        continue;
      }
      // "held talks with Congressmen", "took a stake in Novo": a bare common-noun object with a
      // phrase naming an entity is read as the relation to that entity too.
      const bool bare_object =
          !HasKid(o, "nmod:poss") &&
          std::all_of(w_[static_cast<size_t>(o)].kids.begin(),
                      w_[static_cast<size_t>(o)].kids.end(), [&](int k) {
                        const UdWord& d = w_[static_cast<size_t>(k)];
                        // (Nor one of a named or working kind:
                        // "an LNG receiving terminal".)
                        if (d.rel == "compound" && (d.upos == "PROPN" || d.upos == "VERB")) {
                          return false;
                        }
                        return d.rel != "det" || d.lower == "a" || d.lower == "an";
                      });
      if (rule == "nsubj-obj" && w_[static_cast<size_t>(o)].upos == "NOUN" &&
          AnnotationAt(o) == nullptr && bare_object) {
        for (int k : Kids(o, "nmod")) {
          int c = Kid(k, "case");
          const Annotation* named = AnnotationAt(k);
          if (c < 0 || named == nullptr || IsValueType(named->type)) continue;
          const std::string prep = w_[static_cast<size_t>(c)].lower;
          if (prep == "of") continue;
          Extraction light = x;
          for (const std::vector<Qualifier>& q : variants) {
            for (const Qualifier& y : q) {
              if (std::none_of(
                      light.record.qualifiers.begin(), light.record.qualifiers.end(),
                      [&](const Qualifier& z) { return z.role == y.role && z.value == y.value; })) {
                light.record.qualifiers.push_back(y);
              }
            }
          }
          light.rule = "light-verb";
          light.record.predicate = predicate + " " + w_[static_cast<size_t>(o)].lower + " " + prep;
          light.record.object = EntityName(k);
          std::erase_if(light.record.qualifiers, [&](const Qualifier& q) {
            return q.role == prep && q.value == light.record.object;
          });
          NormaliseQualifiers(light.record.qualifiers);
          out->push_back(std::move(light));
        }
      }
      const std::vector<Qualifier> how = std::move(x.record.qualifiers);
      for (std::vector<Qualifier>& q : variants) {
        Extraction one = x;
        one.record.qualifiers = std::move(q);
        one.record.qualifiers.insert(one.record.qualifiers.end(), how.begin(), how.end());
        NormaliseQualifiers(one.record.qualifiers);
        out->push_back(std::move(one));
      }
    }
  }
}

std::string UdReader::AnnouncingCompany(int w) {
  int up = w_[static_cast<size_t>(w)].head;
  for (int steps = 0; up >= 0 && steps < 8; ++steps) {
    const UdWord& v = w_[static_cast<size_t>(up)];
    if (v.upos == "VERB" &&
        In(v.lemma, {"say", "announce", "appoint", "name", "elect", "report", "add"})) {
      for (int s : Kids(up, "nsubj")) {
        const Annotation* a = AnnotationAt(s);
        if (a == nullptr || a->type != EntityType::kOrganisation) continue;
        std::string name = EntityName(s);
        // A government's "president" is not the office's own.
        for (std::string_view office : {"House", "Administration", "Ministry", "Department",
                                        "Government", "Congress", "Senate", "Office", "Embassy"}) {
          if (name.find(office) != std::string::npos) return "";
        }
        return name;
      }
    }
    up = v.head;
  }
  return "";
}

// "Belgian Foreign Trade Minister Herman De Croo", "President Reagan": the words right before a
// person's name that say what its bearer is. Read from the words' tags, not the tree: the parser
// often hangs the name on the title instead of the title on the name.
void UdReader::ReadTitles(std::vector<Extraction>* out) {
  // The run of nouns, adjectives, participles ("managing director") and title words ending
  // right before word `end`; the word next to `end` must be a noun or a title. Returns its first
  // word, or `end` when there is none.
  auto run_before = [&](int end) {
    int from = end;
    while (from > 0) {
      const UdWord& m = w_[static_cast<size_t>(from) - 1];
      // Role words whatever their tag: the tagger reads a rare "underwriter" as a preposition,
      // "lead" before it as an adverb.
      const bool title_word = IsTitleWord(m.lower) || IsCompanyRole(m.lower) ||
                              (In(m.lower, {"lead", "joint", "co-lead"}) && from < end &&
                               IsCompanyRole(w_[static_cast<size_t>(from)].lower));
      const bool part =
          m.upos == "NOUN" || m.upos == "ADJ" || title_word ||
          // "managing director", not the progressive "was summoning Ambassador ...".
          (m.upos == "VERB" && m.xpos == "VBG" && from < end && !HasKid(from - 1, "aux")) ||
          (m.upos == "PROPN" && from < end);
      // A government department before a title is part of the title, though the recogniser
      // may take it for an organisation: "Agriculture Secretary", "Treasury Secretary".
      const Annotation* named = AnnotationAt(from - 1);
      const std::string& next = w_[static_cast<size_t>(from)].lower;
      const bool department =
          from < end && IsDepartmentWord(m.lower) &&
          (IsDepartmentWord(next) || In(next, {"secretary", "minister", "undersecretary",
                                               "under-secretary", "representative"})) &&
          (named == nullptr || named->begin == m.begin) &&
          (named == nullptr || named->end == m.end);
      if (!part || IsVagueNode(m.lower) || (named != nullptr && !department)) break;
      if (from == end && !(m.upos == "NOUN" || title_word)) break;
      --from;
    }
    return from;
  };
  for (const Annotation& a : annotations_) {
    if (a.type != EntityType::kPerson && a.type != EntityType::kOrganisation) continue;
    const auto [first, head] = WordsOf(a);
    if (first <= 0) continue;
    int from = run_before(first);
    if (from == first) continue;
    // "said lead underwriter Salomon Brothers Inc", "committee chairman Citibank": a company
    // holds the roles a company can hold.
    if (a.type == EntityType::kOrganisation &&
        !IsCompanyRole(w_[static_cast<size_t>(first) - 1].lower)) {
      continue;
    }
    // In common words: "President Reagan" and "Trade Minister Hamilton" say what their bearers
    // are ("president", "trade minister"), and a description is a node of its document alone
    // (ScopeKinds), not one every article's president shares. Names the run may not cross.
    // "president and chief executive officer Sigi Ziering": each title of a coordination.
    // "Committee chairman Sen. Paul Sarbanes": an abbreviated honorific next to the name is a
    // title of its own; the rest is held where the run says.
    std::vector<std::string> titles;
    int run_end = first - 1;
    std::string honorific;
    if (run_end > from && In(w_[static_cast<size_t>(run_end)].lower,
                             {"sen.", "rep.", "gov.", "dr.", "prof.", "gen.", "adm.", "col."})) {
      honorific = w_[static_cast<size_t>(run_end)].lower;
      --run_end;
    }
    titles.push_back(AsciiLower(Words(from, run_end)));
    // "said Sen. Paul Sarbanes": an abbreviated honorific alone is the title it abbreviates.
    if (from == run_end && honorific.empty() &&
        In(titles.back(), {"sen.", "rep.", "gov.", "dr.", "prof.", "gen.", "adm.", "col."})) {
      honorific = titles.back();
      titles.clear();
    }
    while (from > 1 && In(w_[static_cast<size_t>(from) - 1].lower, {"and", "&"})) {
      const int earlier = run_before(from - 1);
      if (earlier == from - 1) break;
      titles.insert(titles.begin(), AsciiLower(Words(earlier, from - 2)));
      from = earlier;
    }
    const std::string subject = EntityName(head);
    if (subject.empty()) continue;
    // Where the bearer holds it: the organisation or place named right before the title ("CME
    // chairman Jack Sandner", "Chrysler's chairman Lee Iacocca", "New Mexico Governor Garrey
    // Carruthers"), the organisation a possessive pronoun names ("its president Warren Idsal"),
    // or the country of a nationality ("Brazilian finance minister Dilson Funaro").
    int before = from - 1;
    if (before > 0 && w_[static_cast<size_t>(before)].lower == "'s") --before;
    std::string holder;
    int open = from;  // for Open IE: the title as written, with its holder and adjectives
    if (before >= 0) {
      const UdWord& b = w_[static_cast<size_t>(before)];
      const Annotation* org = AnnotationAt(before);
      if (org != nullptr &&
          (org->type == EntityType::kOrganisation || org->type == EntityType::kPlace)) {
        holder = EntityName(before);
        // "OPEC secretary Ana Ferreira" parsed with the name hanging from "OPEC": the word
        // names the person through the tree, the organisation by its own mention.
        if (holder == subject) {
          holder = org->name;
          if (auto c = lex_.Canonical(holder)) holder = *c;
        }
        // "Philippine Finance Secretary Jaime Ongpin", the adjective read as a name: its
        // country.
        if (holder.find(' ') == std::string::npos) {
          if (std::optional<std::string> country = lex_.CountryOfNationality(holder)) {
            holder = *country;
            RememberTyped(holder, EntityType::kPlace);
            types_[holder] = EntityType::kPlace;
          }
        }
        open = before;
        while (open > 0 && AnnotationAt(open - 1) == org) --open;
        while (open > 0 && w_[static_cast<size_t>(open) - 1].upos == "ADJ" &&
               AnnotationAt(open - 1) == nullptr) {
          --open;
        }
      } else if (In(b.lower, {"its", "their"})) {
        // The organisation named last before it, in the sentence or before.
        const std::string owner = OrganisationBefore(*ctx_, annotations_, b.begin);
        if (!owner.empty() && IsOrganisationName(owner)) holder = owner;
      } else if (org == nullptr || org->type == EntityType::kMisc) {
        if (std::optional<std::string> country = lex_.CountryOfNationality(b.form)) {
          holder = *country;
          RememberTyped(holder, EntityType::kPlace);
          types_[holder] = EntityType::kPlace;
        }
      }
    }
    // "Committee chairman William Proxmire", "committee chairman Citibank": a body named by a
    // common noun before the title holds it.
    if (holder.empty() && titles.size() == 1) {
      const std::vector<std::string_view> words = SplitSpaces(titles.front());
      if (words.size() == 2 &&
          In(words[0], {"committee", "subcommittee", "board", "panel", "commission", "council",
                        "union", "exchange", "party", "bank", "court", "cabinet"}) &&
          (IsTitleWord(words[1]) || IsCompanyRole(words[1]))) {
        holder = std::string(words[0]);
        titles.front() = std::string(words[1]);
      }
    }
    // "Chairman John Smith of Contoso Inc", "Judge Richard Niehaus of Hamilton County Common
    // Pleas Court": an of-phrase right after a person's name that names an organisation, or a
    // branch, division or office of one, holds the title.
    if (holder.empty() && a.type == EntityType::kPerson) {
      for (int w = first; w <= head && holder.empty(); ++w) {
        for (int k : Kids(w, "nmod")) {
          if (k <= head || CaseOf(k) != "of") continue;
          int o = k;
          if (AnnotationAt(o) == nullptr &&
              In(w_[static_cast<size_t>(o)].lemma,
                 {"branch", "division", "office", "unit", "bureau", "department"})) {
            for (int part : Kids(o, "nmod")) {
              if (CaseOf(part) == "of") o = part;
            }
          }
          const Annotation* org = AnnotationAt(o);
          if (org != nullptr && org->type == EntityType::kOrganisation) {
            holder = EntityName(o);
            break;
          }
        }
      }
    }
    // "Canadian Pacific Air Lines said president and chief executive Donald Carty resigned",
    // "Pacific Western said it appointed president Rhys Eaton as chairman": a company's officer
    // named bare in what the company says is its own.
    if (holder.empty() && std::all_of(titles.begin(), titles.end(),
                                      [](const std::string& t) { return IsCompanyTitle(t); })) {
      holder = AnnouncingCompany(head);
    }
    {
      Extraction surface;
      surface.use = Extraction::Use::kSurface;
      surface.rule = "title";
      surface.relation = "be";  // implied, not written: the lemma, as Open IE systems write it
      surface.arguments = {Words(first, head), Words(open, first - 1)};
      surface.record.evidence.confidence = kApposition;
      out->push_back(std::move(surface));
    }
    // "committee vice-chairmen Morgan Guaranty Trust Co and Lloyds Bank Plc": a title in the
    // plural is each listed name's.
    std::vector<std::string> bearers = {subject};
    const std::string last_title = titles.empty() ? std::string() : titles.back();
    if (last_title.size() > 3 && (last_title.ends_with("men") ||
                                  (last_title.ends_with("s") && !last_title.ends_with("ss")))) {
      for (int k = head + 1; k + 1 < static_cast<int>(w_.size());) {
        if (!In(w_[static_cast<size_t>(k)].lower, {",", "and"})) break;
        const Annotation* next = AnnotationAt(k + 1);
        if (next == nullptr || next->type != a.type) break;
        const int next_head = WordsOf(*next).second;
        if (const std::string name = EntityName(next_head); !name.empty()) bearers.push_back(name);
        k = next_head + 1;
      }
    }
    // Each bearer holds one: "vice-chairmen" says "vice-chairman", "co-managers" "co-manager".
    for (std::string& title : titles) {
      if (title.ends_with("men")) {
        title.replace(title.size() - 3, 3, "man");
      } else if (title.ends_with("s") && IsCompanyRole(title.substr(title.rfind(' ') + 1))) {
        title.pop_back();
      }
    }
    for (const std::string& bearer : bearers) {
      for (const std::string& title : titles) {
        if (!HasLetter(title)) continue;
        Extraction x;
        x.use = Extraction::Use::kGraph;
        x.rule = "title";
        x.record.subject = bearer;
        x.record.predicate = "be";
        x.record.object = title;
        x.record.evidence.confidence = kApposition;
        // The title where it is held says all the bare title does.
        if (!holder.empty() && holder != bearer) {
          x.rule = "title-of";
          x.record.predicate = "be " + title + " of";
          x.record.object = holder;
        }
        out->push_back(std::move(x));
      }
    }
    if (!honorific.empty()) {
      static const std::map<std::string, std::string, std::less<>> kHonorifics = {
          {"sen.", "senator"}, {"rep.", "representative"}, {"gov.", "governor"},
          {"dr.", "doctor"},   {"prof.", "professor"},     {"gen.", "general"},
          {"adm.", "admiral"}, {"col.", "colonel"}};
      Extraction x;
      x.use = Extraction::Use::kGraph;
      x.rule = "title";
      x.record.subject = subject;
      x.record.predicate = "be";
      x.record.object = kHonorifics.at(honorific);
      x.record.evidence.confidence = kApposition;
      out->push_back(std::move(x));
    }
  }
}

void UdReader::ReadAppointments(std::vector<Extraction>* out) {
  for (size_t i = 0; i < w_.size(); ++i) {
    const UdWord& v = w_[i];
    const int verb = static_cast<int>(i);
    if (v.upos != "VERB" || !IsAppointing(v.lemma)) continue;
    auto is_person = [&](int w) {
      const Annotation* a = AnnotationAt(w);
      return a != nullptr && a->type == EntityType::kPerson;
    };
    // The titles a word stands for, with those coordinated with it.
    auto titles = [&](int k) {
      std::vector<int> found;
      for (int c : Conjuncts(k)) {
        if (IsTitleWord(w_[static_cast<size_t>(c)].lower)) found.push_back(c);
      }
      return found;
    };
    // Who takes which office: the office "as chairman", or the second object ("elected Smith
    // chairman"); in the passive the subject takes it ("Smith was named president of Contoso").
    std::vector<std::pair<std::vector<int>, std::vector<int>>> appointments;
    std::vector<int> offices;
    for (int k : w_[i].kids) {
      const UdWord& o = w_[static_cast<size_t>(k)];
      const bool office =
          (IsRel(o, "obl") && (CaseOf(k) == "as" || CaseOf(k).empty())) || o.rel == "xcomp";
      if (!office || o.upos != "NOUN" || k < verb) continue;
      for (int t : titles(k)) offices.push_back(t);
    }
    std::vector<int> people;
    for (int o : Kids(verb, "obj")) {
      for (int c : Conjuncts(o)) {
        if (is_person(c)) people.push_back(c);
      }
    }
    const bool passive = HasKid(verb, "aux:pass") || HasKid(verb, "nsubj:pass");
    for (int s : Kids(verb, "nsubj:pass")) {
      for (int c : Conjuncts(s)) {
        if (is_person(c)) people.push_back(c);
      }
    }
    if (!people.empty() && !offices.empty()) appointments.push_back({people, offices});
    // An office in an "as" phrase hung from the person ("appointed Rhys Eaton as chairman").
    auto offices_of = [&](int p) {
      for (int k : w_[static_cast<size_t>(p)].kids) {
        const UdWord& x = w_[static_cast<size_t>(k)];
        if ((IsRel(x, "nmod") || IsRel(x, "obl")) && CaseOf(k) == "as" && !titles(k).empty()) {
          appointments.push_back({{p}, titles(k)});
        }
      }
    };
    if (offices.empty()) {
      for (int p : people) offices_of(p);
    }
    // "appointed Rhys Eaton as chairman, and Murray Sigler as president": the second pair,
    // which the parser hangs as a conjunct of the verb, of the clause above it or of the first
    // name, with its office under it.
    if (!appointments.empty()) {
      std::vector<int> hosts = {verb};
      if (v.head >= 0 && In(v.rel, {"ccomp", "parataxis"})) hosts.push_back(v.head);
      for (int p : people) hosts.push_back(p);
      for (int h : hosts) {
        for (int c : Kids(h, "conj")) {
          if (c > verb && is_person(c)) offices_of(c);
        }
      }
    }
    if (appointments.empty()) continue;
    // Where the office is held: its own "of Contoso", else the company that appoints.
    std::string appointer;
    if (!passive) {
      for (int s : Subjects(verb)) {
        const std::string name = EntityName(s);
        if (!name.empty() && IsOrganisationName(name)) appointer = name;
      }
    }
    for (const auto& [persons, titles_held] : appointments) {
      for (int p : persons) {
        const std::string person = EntityName(p);
        if (person.empty()) continue;
        for (int office : titles_held) {
          int from = office;
          while (from > 0 && w_[static_cast<size_t>(from) - 1].head == office &&
                 (IsRel(w_[static_cast<size_t>(from) - 1], "amod") ||
                  IsRel(w_[static_cast<size_t>(from) - 1], "compound"))) {
            --from;
          }
          std::string holder = appointer;
          for (int k : Kids(office, "nmod")) {
            const Annotation* a = AnnotationAt(k);
            const std::string name = EntityName(k);
            if (In(CaseOf(k), {"of", "at"}) && !name.empty() &&
                ((a != nullptr && a->type == EntityType::kOrganisation) ||
                 IsOrganisationName(name))) {
              holder = name;
            }
          }
          Extraction x;
          x.use = Extraction::Use::kGraph;
          x.rule = "appointed";
          x.record.subject = person;
          x.record.predicate = "be";
          x.record.object = AsciiLower(Words(from, office));
          if (!holder.empty()) {
            x.record.predicate = "be " + x.record.object + " of";
            x.record.object = holder;
          }
          x.record.evidence.confidence = kApposition;
          out->push_back(std::move(x));
        }
      }
    }
  }
}

void UdReader::ReadAppositions(std::vector<Extraction>* out) {
  for (size_t h = 0; h < w_.size(); ++h) {
    // "the port union, FNV,": the description first, the name after it.
    if (const int a = AppositiveName(static_cast<int>(h)); a >= 0) {
      Extraction x;
      x.use = Extraction::Use::kBoth;
      x.rule = "appos";
      x.record.subject = EntityName(a);
      x.record.predicate = "be";
      x.record.object = EntityName(static_cast<int>(h), /*describe=*/true);
      x.record.evidence.confidence = kApposition;
      x.relation = "is";
      x.arguments = {Surface(a), Surface(static_cast<int>(h), false)};
      if (x.record.subject.empty() || x.record.object.empty() ||
          x.record.subject == x.record.object ||
          x.record.object.starts_with(x.record.subject + " ")) {
        continue;
      }
      // "the southern Taiwan city of Kaohsiung": the place the kind of place is in.
      for (int k : Kids(static_cast<int>(h), "compound")) {
        const Annotation* p = AnnotationAt(k);
        if (p == nullptr || p->type != EntityType::kPlace || AnnotationAt(a) == p) continue;
        Extraction in = x;
        in.use = Extraction::Use::kGraph;
        in.rule = "place-kind";
        in.record.predicate = "be in";
        in.record.object = EntityName(k);
        if (!in.record.object.empty()) out->push_back(std::move(in));
      }
      out->push_back(std::move(x));
      continue;
    }
    for (int a : Kids(static_cast<int>(h), "appos")) {
      const UdWord& m = w_[static_cast<size_t>(a)];
      // An apposition follows what it describes; one before it is a misparse ("crops such as
      // oilseeds, Agriculture Minister Moven Mahachi said").
      if (a < static_cast<int>(h)) continue;
      // "29 pct of CMP, a public gold mining company": the description the parser hung from
      // the phrase's head describes the name right before its comma, inside that phrase.
      int named = static_cast<int>(h);
      if (!IsProper(named)) {
        const int first = FirstWord(a, /*name_only=*/false);
        const int before = first - 2;
        int up = before;
        while (up >= 0 && up != static_cast<int>(h)) up = w_[static_cast<size_t>(up)].head;
        const Annotation* b = before >= 0 ? AnnotationAt(before) : nullptr;
        if (up == static_cast<int>(h) && w_[static_cast<size_t>(first) - 1].lower == "," &&
            b != nullptr &&
            (b->type == EntityType::kOrganisation || b->type == EntityType::kPerson ||
             b->type == EntityType::kPlace)) {
          named = before;
        }
      }
      // "Tencent, a Chinese giant": a determined description or a common-noun title of a name;
      // "Leonard Slutsky, 41,": a person's age.
      const bool described = HasKid(a, "det") || HasKid(a, "nmod:poss");
      const Annotation* name = AnnotationAt(named);
      const bool age = m.upos == "NUM" && name != nullptr && name->type == EntityType::kPerson;
      if (!(IsProper(named) && (m.upos == "NOUN" || described || age))) continue;
      // A date or an amount is described by no apposition ("Feb 28, the plan froze prices").
      if (name != nullptr && IsValueType(name->type)) continue;
      // Nor is a person a company or a part of one ("Judge Charles Brieant of the White Plains,
      // N.Y. branch of U.S. District Court", the branch read as the judge's apposition).
      if (name != nullptr && name->type == EntityType::kPerson &&
          !lex_.IsOrganisation(EntityName(named)) &&
          (IsOrganisationHead(m.lower) ||
           In(m.lower, {"branch", "division", "department", "office", "agency"}))) {
        continue;
      }
      Extraction x;
      x.use = Extraction::Use::kBoth;
      x.rule = "appos";
      x.record.subject = EntityName(named);
      x.record.predicate = "be";
      x.record.object = age ? m.form : EntityName(a, /*describe=*/true);
      // Nor does a name say what it is by itself ("Pacific Western Airlines Ltd.", read as
      // the apposition of "president of Pacific Western's airline unit").
      if (x.record.subject.empty() || x.record.object.empty() ||
          x.record.subject == x.record.object ||
          x.record.object.starts_with(x.record.subject + " ")) {
        continue;
      }
      x.record.evidence.confidence = kApposition;
      x.relation = "is";
      x.arguments = {Surface(named, false), Surface(a)};
      const size_t at = out->size();
      out->push_back(x);
      // The role's own words; a participle is how it came about, not what it is ("a wholly
      // owned subsidiary of" is a subsidiary of, "newly appointed president of" a president);
      // with `unnamed`, nor is a name ("Apple chairman").
      auto role_from = [&](bool unnamed) {
        int from = a;
        while (from > 0 && w_[static_cast<size_t>(from) - 1].head == a &&
               (IsRel(w_[static_cast<size_t>(from) - 1], "amod") ||
                IsRel(w_[static_cast<size_t>(from) - 1], "compound")) &&
               w_[static_cast<size_t>(from) - 1].upos != "VERB" &&
               !(unnamed && (IsProper(from - 1) || AnnotationAt(from - 1) != nullptr))) {
          --from;
        }
        return from;
      };
      // "Samuel Yonnone, senior vice president of Peoples National Bank", "Ana Ribeiro,
      // Northwind's chief technology officer": the role at the organisation it names.
      // The parser hangs the phrase as an oblique when it reads the noun as an adjective ("an
      // official with Amtorg").
      std::vector<int> held = Kids(a, "nmod");
      for (int k : Kids(a, "obl")) held.push_back(k);
      for (int k : held) {
        int c = Kid(k, "case");
        const Annotation* org = AnnotationAt(k);
        if (c < 0 || (org != nullptr && IsValueType(org->type))) continue;
        const bool possessive = w_[static_cast<size_t>(k)].rel == "nmod:poss";
        if (possessive && org == nullptr) continue;
        const std::string prep = possessive ? "of" : w_[static_cast<size_t>(c)].lower;
        // "an official with Amtorg", "a spokesman for Contoso": a person's post names where
        // it is held with "with" and "for" too.
        const bool post = IsTitleWord(m.lower) ||
                          In(m.lower, {"official", "analyst", "economist", "trader", "dealer",
                                       "lawyer", "banker", "partner", "consultant"});
        if (prep != "of" && prep != "at" && !(post && (prep == "with" || prep == "for"))) {
          continue;
        }
        // A name, or a description that names one ("president of the company"), or a part of
        // an organisation named by its owner ("director of the central bank's foreign debt
        // department").
        if (org == nullptr) {
          const std::string named = EntityName(k);
          const UdWord& part = w_[static_cast<size_t>(k)];
          const bool owned_part =
              HasKid(k, "nmod:poss") &&
              In(part.lemma, {"department", "division", "unit", "office", "branch", "bureau"});
          if (named.empty() ||
              (!std::isupper(static_cast<unsigned char>(named[0])) && !owned_part)) {
            continue;
          }
        }
        const int from = role_from(/*unnamed=*/false);
        Extraction role = x;
        role.use = Extraction::Use::kGraph;
        role.rule = "appos-role";
        role.record.predicate = "be " + AsciiLower(Words(from, a)) + " " + prep;
        role.record.object = EntityName(k);
        if (!role.record.object.empty() && role.record.object != role.record.subject) {
          out->push_back(std::move(role));
          // The role where it is held says all the bare description does: that one stays
          // for Open IE only.
          (*out)[at].use = Extraction::Use::kSurface;
        }
      }
      // "Robert Lutz, executive vice president, told a news briefing": a company officer's
      // title without its company, in a sentence that names no other organisation, is held at
      // the company the document is about (not a government office or an industry body).
      const std::string company = ctx_->SalientOrganisation();
      if ((*out)[at].use != Extraction::Use::kSurface && name != nullptr &&
          name->type == EntityType::kPerson && !described && m.upos == "NOUN" &&
          IsCompanyTitle(m.lower) &&
          std::none_of(annotations_.begin(), annotations_.end(), [&](const Annotation& o) {
            return o.type == EntityType::kOrganisation && !o.audience &&
                   lex_.Canonical(o.name).value_or(o.name) != company;
          })) {
        // (The company's own name in the title is no word of it: "Apple chairman".)
        const int from = role_from(/*unnamed=*/true);
        if (!company.empty() && !IsReportingBody(company) && company != x.record.subject) {
          Extraction role = x;
          role.use = Extraction::Use::kGraph;
          role.rule = "appos-role";
          role.record.predicate = "be " + AsciiLower(Words(from, a)) + " of";
          role.record.object = company;
          role.record.evidence.confidence = kPhrase;
          out->push_back(std::move(role));
          (*out)[at].use = Extraction::Use::kSurface;
        }
      }
    }
  }
}

// Where a named place or organisation is: "Reykjavik, Iceland" (a name, a comma and a place,
// not inside a list), "Ok Tedi Mining Ltd in Papua New Guinea" (a name's in-phrase naming a
// place) and "Papua New Guinea's Ok Tedi Mining Ltd" (a place owning an organisation).
void UdReader::ReadPlaces(std::vector<Extraction>* out) {
  auto named = [&](int w, bool place_only) {
    const Annotation* a = AnnotationAt(w);
    if (a == nullptr) return false;
    return place_only ? a->type == EntityType::kPlace
                      : a->type == EntityType::kPlace || a->type == EntityType::kOrganisation;
  };
  auto emit = [&](int x, int place, const char* rule, const char* predicate = "be in") {
    Extraction e;
    e.use = Extraction::Use::kGraph;
    e.rule = rule;
    e.record.subject = EntityName(x);
    e.record.predicate = predicate;
    e.record.object = EntityName(place);
    if (e.record.subject.empty() || e.record.object.empty() ||
        e.record.subject == e.record.object) {
      return;
    }
    e.record.evidence.confidence = kApposition;
    out->push_back(std::move(e));
  };
  const int n = static_cast<int>(w_.size());
  auto lower = [&](int i) -> std::string_view {
    return i >= 0 && i < n ? std::string_view(w_[static_cast<size_t>(i)].lower) : "";
  };
  // "Chicago-based Allstate Corp", "New Jersey-based overnight messenger Purolator Courier
  // Corp": the company that follows in the phrase is based in the place.
  for (int i = 0; i < n; ++i) {
    const UdWord& b = w_[static_cast<size_t>(i)];
    if (!b.lower.ends_with("-based") || b.form.size() <= 6 ||
        !std::isupper(static_cast<unsigned char>(b.form[0]))) {
      continue;
    }
    int from = i;
    while (from > 0 &&
           std::isupper(static_cast<unsigned char>(w_[static_cast<size_t>(from) - 1].form[0])) &&
           w_[static_cast<size_t>(from) - 1].upos == "PROPN" && i - from < 3) {
      --from;
    }
    std::string place = from < i ? Words(from, i - 1) + " " : "";
    place += b.form.substr(0, b.form.size() - 6);
    for (int k = i + 1; k < n && k <= i + 5; ++k) {
      const Annotation* org = AnnotationAt(k);
      if (w_[static_cast<size_t>(k)].upos == "PUNCT" || w_[static_cast<size_t>(k)].upos == "VERB") {
        break;
      }
      if (org == nullptr || org->type != EntityType::kOrganisation) continue;
      // "China-based AI staff": the company's name modifies a noun, which is what is based.
      int last = k;
      while (last + 1 < n && AnnotationAt(last + 1) == org) ++last;
      const UdWord& l = w_[static_cast<size_t>(last)];
      if ((IsRel(l, "compound") || IsRel(l, "amod")) && l.head > last && !IsProper(l.head)) break;
      Extraction e;
      e.use = Extraction::Use::kGraph;
      e.rule = "place-based";
      e.record.subject = EntityName(k);
      e.record.predicate = "be based in";
      e.record.object = lex_.Canonical(place).value_or(place);
      e.record.evidence.confidence = kApposition;
      if (!e.record.subject.empty() && e.record.subject != e.record.object) {
        RememberTyped(e.record.object, EntityType::kPlace);
        types_[e.record.object] = EntityType::kPlace;
        out->push_back(std::move(e));
      }
      break;
    }
  }
  // "the Carl C. Icahn-led TWA", "the Exxon-owned refinery company Contoso": a name joined to
  // "-led", "-owned", "-controlled" or "-backed" before an organisation leads, owns, controls
  // or backs it.
  for (int i = 0; i < n; ++i) {
    const UdWord& b = w_[static_cast<size_t>(i)];
    static const std::pair<std::string_view, std::string_view> kJoined[] = {
        {"-led", "lead"}, {"-owned", "own"}, {"-controlled", "control"}, {"-backed", "back"}};
    std::string_view verb;
    size_t cut = 0;
    for (const auto& [suffix, lemma] : kJoined) {
      if (b.lower.ends_with(suffix) && b.form.size() > suffix.size() + 1) {
        verb = lemma;
        cut = b.form.size() - suffix.size();
      }
    }
    if (verb.empty() || !std::isupper(static_cast<unsigned char>(b.form[0]))) continue;
    int from = i;
    while (from > 0 && i - from < 3 &&
           std::isupper(static_cast<unsigned char>(w_[static_cast<size_t>(from) - 1].form[0])) &&
           w_[static_cast<size_t>(from) - 1].upos == "PROPN") {
      --from;
    }
    std::string who = from < i ? Words(from, i - 1) + " " : "";
    who += b.form.substr(0, cut);
    // (A common word or a nationality is no one: "State-owned", "Japanese-owned",
    // "Communist-led", "Democratic-controlled".)
    const std::string first_word = AsciiLower(
        w_[static_cast<size_t>(from)].form.substr(0, from == i ? cut : std::string::npos));
    if (lex_.CountryOfNationality(who) || lex_.IsCommonWord(first_word) ||
        lex_.IsCommonWord(AsciiLower(who))) {
      continue;
    }
    for (int k = i + 1; k < n && k <= i + 5; ++k) {
      const UdWord& w = w_[static_cast<size_t>(k)];
      if (w.upos == "PUNCT" || w.upos == "VERB") break;
      const Annotation* org = AnnotationAt(k);
      if (org == nullptr || org->type != EntityType::kOrganisation) continue;
      Extraction e;
      e.use = Extraction::Use::kGraph;
      e.rule = "joined-participle";
      e.record.subject = lex_.Canonical(who).value_or(who);
      e.record.predicate = std::string(verb);
      e.record.object = EntityName(k);
      e.record.evidence.confidence = kApposition;
      if (!e.record.object.empty() && e.record.subject != e.record.object) {
        out->push_back(std::move(e));
      }
      break;
    }
  }
  for (int i = 0; i + 2 < n; ++i) {
    // i: the last word of a name; i + 2 the first of a place.
    const Annotation* a = AnnotationAt(i);
    if (!named(i, false) || AnnotationAt(i + 1) == a || lower(i + 1) != "," ||
        !named(i + 2, true) || AnnotationAt(i + 2) == a) {
      continue;
    }
    const Annotation* b = AnnotationAt(i + 2);
    int first = i, last = i + 2;
    while (first > 0 && AnnotationAt(first - 1) == a) --first;
    while (last + 1 < n && AnnotationAt(last + 1) == b) ++last;
    // "France, Germany and Italy": a list, not a place and where it is.
    const bool listed_before = lower(first - 1) == "," && named(first - 2, false);
    const bool listed_after = lower(last + 1) == "and" || lower(last + 1) == "or" ||
                              (lower(last + 1) == "," && named(last + 2, false));
    if (listed_before || listed_after) continue;
    // "in the European Community, U.S. trade officials said": the place opens a longer phrase.
    if (last + 1 < n) {
      const std::string& next = w_[static_cast<size_t>(last) + 1].upos;
      if (next == "NOUN" || next == "PROPN" || next == "ADJ" || next == "NUM") continue;
    }
    emit(i, i + 2, "place-apposition");
  }
  for (int h = 0; h < n; ++h) {
    if (!named(h, false)) continue;
    for (int k : Kids(h, "nmod")) {
      int c = Kid(k, "case");
      if (c < 0 || !named(k, true)) continue;
      // "Ok Tedi Mining Ltd in Papua New Guinea"; "Chase Manhattan Asia Ltd of Hong Kong".
      const std::string& prep = w_[static_cast<size_t>(c)].lower;
      // A company "of" a place is based there.
      if (prep == "in") {
        emit(h, k, "place-in");
      } else if (prep == "of" && AnnotationAt(h)->type == EntityType::kOrganisation) {
        emit(h, k, "place-in", "be based in");
      }
    }
    if (AnnotationAt(h)->type != EntityType::kOrganisation) continue;
    for (int k : Kids(h, "nmod:poss")) {
      if (named(k, true)) emit(h, k, "place-possessive");
      // "AMR Corp's American Airlines", "BHP's Utah International Inc": a company's company
      // is its own.
      // (Not a word of a name written with a possessive, "Heinl's Nursery Inc", "People's
      // Finance Corp": the owner is a company the document or the lexicon knows as one.)
      const Annotation* owner = AnnotationAt(k);
      if (owner != nullptr && owner->type == EntityType::kOrganisation &&
          owner != AnnotationAt(h)) {
        const std::string name = EntityName(k);
        const bool known =
            name.find(' ') != std::string::npos || lex_.IsOrganisation(name) ||
            std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (known && !lex_.IsCommonWord(AsciiLower(name))) {
          emit(k, h, "organisation-possessive", "own");
        }
      }
    }
  }
}

void UdReader::ReadPersonAsides(std::vector<Extraction>* out) {
  const int n = static_cast<int>(w_.size());
  auto emit = [&](const char* rule, const std::string& person, const char* predicate,
                  std::string object) {
    if (person.empty() || object.empty()) return;
    Extraction x;
    x.use = Extraction::Use::kGraph;
    x.rule = rule;
    x.record.subject = person;
    x.record.predicate = predicate;
    x.record.object = std::move(object);
    x.record.evidence.confidence = kApposition;
    out->push_back(std::move(x));
  };
  auto state = [&](std::string_view abbreviation) -> std::string {
    std::string a(abbreviation);
    if (!a.empty() && a.back() == '.') a.pop_back();
    if (auto c = lex_.Canonical(a + ".")) return *c;
    if (auto c = lex_.Canonical(a)) return *c;
    return "";
  };
  for (const Annotation& a : annotations_) {
    if (a.type != EntityType::kPerson) continue;
    const int last = WordsOf(a).second;
    if (last < 0 || last + 2 >= n || !In(w_[static_cast<size_t>(last) + 1].lower, {",", "("})) {
      continue;
    }
    const std::string person = EntityName(last);
    const UdWord& t = w_[static_cast<size_t>(last) + 2];
    // "Leonard Slutsky, 41, faces ...": an age between commas, however the parser hung it.
    if (w_[static_cast<size_t>(last) + 1].lower == "," && last + 3 < n &&
        w_[static_cast<size_t>(last) + 3].lower == "," && t.form.size() == 2 &&
        std::isdigit(static_cast<unsigned char>(t.form[0])) != 0 &&
        std::isdigit(static_cast<unsigned char>(t.form[1])) != 0 && t.form[0] >= '1') {
      emit("appos", person, "be", t.form);
      continue;
    }
    // "D-Wis", "R-Kan.": the party's initial and the state's abbreviation.
    if (t.form.size() >= 4 && (t.form[0] == 'D' || t.form[0] == 'R') && t.form[1] == '-' &&
        std::isupper(static_cast<unsigned char>(t.form[2]))) {
      const std::string where = state(std::string_view(t.form).substr(2));
      if (where.empty()) continue;
      emit("party", person, "be member of",
           t.form[0] == 'D' ? "Democratic Party" : "Republican Party");
      emit("party", person, "represent", where);
      continue;
    }
    // "Maryland Democrat": a state's name and the party's member.
    for (int k = last + 2; k < n && k <= last + 4; ++k) {
      const UdWord& m = w_[static_cast<size_t>(k)];
      if (m.lower != "democrat" && m.lower != "republican") continue;
      // The state's words, however the recogniser typed them ("Maryland Democrat" is often one
      // name to it).
      int from = k - 1;
      while (from > last + 2 && IsProper(from - 1)) --from;
      if (from <= last + 1 || !IsProper(k - 1)) break;
      const std::string where = Words(from, k - 1);
      if (!lex_.IsPlace(where)) break;
      emit("party", person, "be member of",
           m.lower == "democrat" ? "Democratic Party" : "Republican Party");
      emit("party", person, "represent", lex_.Canonical(where).value_or(where));
      break;
    }
  }
}

void UdReader::ReadDescriptions(std::vector<Extraction>* out) {
  auto describe = [&](int desc, int name_head) {
    const UdWord& d = w_[static_cast<size_t>(desc)];
    if (d.upos != "NOUN" || IsTitleWord(d.lower) || IsVagueNode(d.lower)) return;
    // The name's annotation, on its head or a word of it ("Sir James Goldsmith").
    const Annotation* a = AnnotationAt(name_head);
    for (int k : w_[static_cast<size_t>(name_head)].kids) {
      if (a == nullptr && IsRel(w_[static_cast<size_t>(k)], "flat")) a = AnnotationAt(k);
    }
    if (a == nullptr || IsValueType(a->type) || a->type == EntityType::kMisc) return;
    // The description's own words: its adjectives and nouns before it, no determiner.
    int from = desc;
    while (from > 0 && w_[static_cast<size_t>(from) - 1].head == desc &&
           (IsRel(w_[static_cast<size_t>(from) - 1], "amod") ||
            IsRel(w_[static_cast<size_t>(from) - 1], "compound"))) {
      --from;
    }
    // "CME special counsel Leo Melamed": held at the organisation that opens it.
    int start = from;
    std::string holder;
    if (const Annotation* org = AnnotationAt(from);
        org != nullptr &&
        (org->type == EntityType::kOrganisation || org->type == EntityType::kPlace)) {
      while (start < desc && AnnotationAt(start) == org) ++start;
      if (start < desc || !IsProper(desc)) holder = EntityName(from);
    }
    // In common words but its names' ("British industrialist"), the head as its lemma.
    std::string description;
    for (int k = start; k < desc; ++k) {
      const UdWord& m = w_[static_cast<size_t>(k)];
      description += (IsProper(k) || AnnotationAt(k) != nullptr ? m.form : m.lower) + " ";
    }
    description += HasLetter(d.lemma) ? d.lemma : d.lower;
    const int apposed = AppositiveName(desc);
    for (int n : Conjuncts(name_head)) {
      // The name an apposition already says the description of (ReadAppositions).
      if (n == apposed) continue;
      const std::string name = EntityName(n);
      if (name.empty()) continue;
      Extraction x;
      x.use = Extraction::Use::kGraph;
      x.rule = "description";
      x.record.subject = name;
      x.record.predicate = "be";
      x.record.object = description;
      if (!holder.empty() && holder != name) {
        x.record.predicate = "be " + description + " of";
        x.record.object = holder;
      }
      x.record.evidence.confidence = kApposition;
      out->push_back(std::move(x));
    }
  };
  for (size_t i = 0; i < w_.size(); ++i) {
    const UdWord& w = w_[i];
    if (w.head < 0) continue;
    // "oil giant BP": the description hung from the name.
    if (w.rel == "nmod:desc" && IsProper(w.head)) describe(static_cast<int>(i), w.head);
    // "clearing agencies Cedel and Euroclear", "industrialist Sir James Goldsmith": the name in
    // apposition right after its description, without a comma (with one, ReadAppositions reads
    // it).
    if (w.rel == "appos" && IsProper(static_cast<int>(i)) &&
        w.head == FirstWord(static_cast<int>(i), /*name_only=*/true) - 1 && !IsProper(w.head)) {
      describe(w.head, static_cast<int>(i));
    }
  }
}

// "Fabrikam's acquisition of Litware" -> (Fabrikam, acquire, Litware): an action noun with a
// named possessor and an of-phrase states the action. "a prominent OpenAI researcher" ->
// (researcher, of, OpenAI): a common noun with a well-known organisation's name before it.
void UdReader::ReadNominals(std::vector<Extraction>* out) {
  for (size_t i = 0; i < w_.size(); ++i) {
    const int h = static_cast<int>(i);
    const UdWord& x = w_[i];
    if (x.upos != "NOUN" || AnnotationAt(h) != nullptr) continue;
    for (int k : Kids(h, "compound")) {
      const Annotation* named = AnnotationAt(k);
      // A common word the recogniser typed other than an organisation ("Western aid") is not one.
      if (!IsProper(k) || !lex_.IsOrganisation(w_[static_cast<size_t>(k)].form) ||
          (named != nullptr && named->type != EntityType::kOrganisation &&
           lex_.IsCommonWord(w_[static_cast<size_t>(k)].lower))) {
        continue;
      }
      Extraction e;
      e.rule = "compound-organisation";
      e.record.subject = x.lemma;
      e.record.predicate = "of";
      e.record.object = EntityName(k);
      // A common word named alone ("a Bank spokesman", "the City raise") is no organisation's
      // name.
      if (lex_.IsCommonWord(AsciiLower(e.record.object))) continue;
      e.record.evidence.confidence = kPassive;
      // Open IE annotators write it as possession: (OpenAI, has, researcher).
      e.relation = "has";
      e.arguments = {w_[static_cast<size_t>(k)].form, x.form};
      if (!e.record.object.empty()) out->push_back(std::move(e));
    }
    // "its Litware Corp and Fabrikam Corp subsidiaries": companies named before a noun of what
    // a company is to another are that to the owner.
    if (In(x.lemma, {"subsidiary", "unit", "affiliate", "division"})) {
      std::string owner = PossessiveOwner(h);
      // The parser often hangs "its" from the first name instead.
      for (int k : Kids(h, "compound")) {
        if (owner.empty()) owner = PossessiveOwner(k);
      }
      for (int k : Kids(h, "nmod:poss")) {
        const Annotation* a = AnnotationAt(k);
        if (owner.empty() && a != nullptr && a->type == EntityType::kOrganisation) {
          owner = EntityName(k);
        }
      }
      std::vector<int> units;
      for (int k : owner.empty() ? std::vector<int>{} : Kids(h, "compound")) {
        for (int c : Conjuncts(k)) units.push_back(c);
      }
      // Read from the words when the tree hangs the list elsewhere: "its Electronic Data
      // Systems Corp and Hughes Electronic Corp subsidiaries", the first name the object of
      // something before.
      if (units.empty()) {
        std::vector<int> listed;
        int at = h - 1;
        while (at >= 0) {
          const Annotation* a = AnnotationAt(at);
          if (a == nullptr || a->type != EntityType::kOrganisation) break;
          listed.push_back(at);
          while (at >= 0 && AnnotationAt(at) == a) --at;
          if (at < 0 || !In(w_[static_cast<size_t>(at)].lower, {"and", ","})) break;
          --at;
        }
        if (at >= 0 && !listed.empty() && In(w_[static_cast<size_t>(at)].lower, {"its", "their"})) {
          if (std::string o = PronounOwner(at); !o.empty()) {
            owner = std::move(o);
            units = listed;
          }
        }
      }
      for (int c : units) {
        const Annotation* a = AnnotationAt(c);
        if (a == nullptr || a->type != EntityType::kOrganisation) continue;
        Extraction e;
        e.use = Extraction::Use::kGraph;
        e.rule = "unit-of";
        e.record.subject = EntityName(c);
        e.record.predicate = "be " + x.lemma + " of";
        e.record.object = owner;
        e.record.evidence.confidence = kApposition;
        if (!e.record.subject.empty() && e.record.subject != owner) out->push_back(std::move(e));
      }
    }
    const std::optional<std::string> verb = lex_.VerbOfNoun(x.lemma);
    if (!verb) continue;
    // "Contoso completed the acquisition of Litware", "authorized the repurchase of one mln
    // shares": an action noun without a possessor, the object of a verb that carries it out or
    // sets it going, is the verb's subject's action (with that verb as its modality unless the
    // verb carries it out); an agent in a by-phrase is not the subject's.
    const std::vector<int> phrases = IsRel(x, "obj") ? Kids(h, "nmod") : std::vector<int>{};
    if (!HasKid(h, "nmod:poss") && IsRel(x, "obj") && x.head >= 0 &&
        std::none_of(phrases.begin(), phrases.end(), [&](int k) { return CaseOf(k) == "by"; })) {
      const UdWord& g = w_[static_cast<size_t>(x.head)];
      const bool done = In(g.lemma, {"complete", "finalize", "finalise", "announce", "close"});
      if (g.upos == "VERB" &&
          (done || In(g.lemma, {"authorize", "authorise", "propose", "consider", "plan", "pursue",
                                "launch", "begin", "start", "seek"}))) {
        for (int s : Subjects(x.head)) {
          std::string doer = EntityName(s);
          if (std::string owner = BoardOwner(s, doer); !owner.empty()) doer = std::move(owner);
          if (doer.empty() || !std::isupper(static_cast<unsigned char>(doer[0]))) continue;
          for (int k : phrases) {
            if (CaseOf(k) != "of") continue;
            for (int o : Conjuncts(k)) {
              Extraction e;
              e.use = Extraction::Use::kGraph;
              e.rule = "action-object";
              e.record.subject = doer;
              e.record.predicate = *verb;
              e.record.object = EntityName(PartOf(o));
              e.record.evidence.confidence = kPhrase;
              if (!done) e.record.qualifiers.push_back({"modality", g.lemma});
              if (Negated(x.head)) e.record.qualifiers.push_back({"polarity", "negative"});
              if (!e.record.object.empty() && e.record.subject != e.record.object) {
                out->push_back(std::move(e));
              }
            }
          }
        }
      }
    }
    for (int owner : Kids(h, "nmod:poss")) {
      const Annotation* a = AnnotationAt(owner);
      // A name, or a definite description that names one ("the country's suspension of
      // interest payments", the country named before).
      const bool described = !IsProper(owner) && a == nullptr && HasDeterminer(owner, "the");
      // "completed its acquisition of Litware": the company "its" names, of a name.
      const std::string pronoun_doer = PronounOwner(owner);
      if (!IsProper(owner) && (a == nullptr || IsValueType(a->type)) && !described &&
          pronoun_doer.empty()) {
        continue;
      }
      const std::string doer = pronoun_doer.empty() ? EntityName(owner) : pronoun_doer;
      if (described && (doer.empty() || !std::isupper(static_cast<unsigned char>(doer[0])))) {
        continue;
      }
      for (int k : Kids(h, "nmod")) {
        if (CaseOf(k) != "of") continue;
        for (int o : Conjuncts(k)) {
          const Annotation* named = AnnotationAt(o);
          if (!pronoun_doer.empty() && (named == nullptr || IsValueType(named->type))) continue;
          Extraction e;
          e.rule = "action-noun";
          e.record.subject = doer;
          e.record.predicate = *verb;
          e.record.object = EntityName(o);
          e.record.evidence.confidence = kPhrase;
          e.relation = x.form + " of";
          e.arguments = {Surface(owner), Surface(o)};
          if (e.arguments[0].ends_with(" 's") || e.arguments[0].ends_with("'s")) {
            e.arguments[0].resize(e.arguments[0].size() -
                                  (e.arguments[0].ends_with(" 's") ? 3 : 2));
          }
          if (!e.record.subject.empty() && !e.record.object.empty() &&
              e.record.subject != e.record.object) {
            out->push_back(std::move(e));
          }
        }
      }
    }
  }
}

namespace {

// Nouns of a figure's change and the verb that says the change.
std::string_view ChangeOfNoun(std::string_view lemma) {
  static const std::pair<std::string_view, std::string_view> kNouns[] = {
      {"rise", "rise"},       {"increase", "increase"}, {"fall", "fall"},
      {"drop", "drop"},       {"decline", "decline"},   {"decrease", "decrease"},
      {"surge", "surge"},     {"jump", "jump"},         {"gain", "gain"},
      {"climb", "climb"},     {"slump", "slump"},       {"plunge", "plunge"},
      {"rebound", "rebound"}, {"widening", "widen"},    {"narrowing", "narrow"},
      {"growth", "grow"},     {"dip", "dip"},           {"slide", "slide"},
      {"downturn", "fall"},   {"upturn", "rise"}};
  for (const auto& [noun, verb] : kNouns) {
    if (noun == lemma) return verb;
  }
  return {};
}

}  // namespace

void UdReader::ReadChanges(std::vector<Extraction>* out) {
  auto value_at = [&](int k, bool amount) {
    const Annotation* a = AnnotationAt(k);
    if (a == nullptr) return false;
    return amount ? a->type == EntityType::kPercent || a->type == EntityType::kMoney
                  : a->type == EntityType::kDate;
  };
  for (size_t i = 0; i < w_.size(); ++i) {
    const int h = static_cast<int>(i);
    const UdWord& x = w_[i];
    const std::string_view change = ChangeOfNoun(x.lemma);
    if (x.upos != "NOUN" || change.empty() || AnnotationAt(h) != nullptr) continue;
    // The amount: written before the noun ("a 9.5 pct increase"), or after it ("an increase of
    // 1.6 pct", "a rise of 12 pct", also when the tree hangs it from the thing that rose).
    int amount = -1;
    for (int k = h - 1; k >= 0 && amount < 0; --k) {
      const UdWord& m = w_[static_cast<size_t>(k)];
      if (m.upos == "VERB" || m.upos == "ADP" || m.upos == "PUNCT" || m.upos == "CCONJ") break;
      if (m.head == h && value_at(k, true)) amount = k;
    }
    std::vector<int> things;
    std::vector<Qualifier> qualifiers;
    int to_amount = -1;
    auto amount_after = [&](int at) {
      for (int k : Kids(at, "nmod")) {
        if (amount < 0 && In(CaseOf(k), {"of", "by"}) && value_at(k, true)) amount = k;
        // ("a widening of the trade deficit to 2.9 billion dlrs", hung from the deficit.)
        if (at != h && to_amount < 0 && CaseOf(k) == "to" && value_at(k, true)) to_amount = k;
      }
    };
    amount_after(h);
    // "a 55 pct wage increase": the change is the word's before it, which names no node alone.
    bool compound_noun = false;
    for (int k : Kids(h, "compound")) {
      compound_noun = compound_noun || (w_[static_cast<size_t>(k)].upos == "NOUN" &&
                                        AnnotationAt(k) == nullptr && k > amount);
    }
    if (compound_noun) continue;
    for (int k : Kids(h, "nmod")) {
      const std::string c = CaseOf(k);
      const UdWord& n = w_[static_cast<size_t>(k)];
      if (value_at(k, false) ||
          (c == "in" && In(n.lemma, {"year", "quarter", "month", "week", "period", "half", "day",
                                     "session", "term", "decade", "season"}))) {
        // "in December", "in the third quarter": when, not what.
        std::string when = value_at(k, false) ? EntityName(k) : n.lower;
        if (!value_at(k, false)) {
          for (int m : Kids(k, "amod")) {
            if (m < k) when = w_[static_cast<size_t>(m)].lower + " " + when;
          }
        }
        qualifiers.push_back({c.empty() ? "in" : c, when});
      } else if ((c == "in" || (c == "of" && x.lemma != "increase" && x.lemma != "rise")) &&
                 !value_at(k, true) && AnnotationAt(k) == nullptr &&
                 w_[static_cast<size_t>(k)].upos == "NOUN") {
        // "a rise in oil prices", "a widening of the trade deficit".
        things.push_back(k);
        amount_after(k);
      } else if ((c == "to" || c == "from") && value_at(k, true)) {
        if (c == "to") to_amount = k;
        qualifiers.push_back({c, EntityName(k)});
      }
    }
    // "posted a 12 pct drop in exports", the phrase hung from the verb.
    if (things.empty() && IsRel(x, "obj")) {
      for (int k : Kids(x.head, "obl")) {
        const int c = Kid(k, "case");
        if (c == h + 1 && w_[static_cast<size_t>(c)].lower == "in" && AnnotationAt(k) == nullptr &&
            w_[static_cast<size_t>(k)].upos == "NOUN") {
          things.push_back(k);
        }
      }
    }
    // "a widening of the trade deficit to 2.9 billion dlrs": with no amount of change, the
    // amount it changes to is the object.
    std::string to;
    if (amount < 0 && to_amount < 0 && x.head >= 0 && (IsRel(x, "obj") || IsRel(x, "obl"))) {
      // ("forecast a widening of the deficit to 2.9 billion dlrs", the phrase hung from the
      // verb.)
      for (int k : Kids(x.head, "obl")) {
        if (k > h && CaseOf(k) == "to" && value_at(k, true)) to_amount = k;
      }
    }
    if (amount < 0 && to_amount >= 0 && !things.empty()) {
      amount = to_amount;
      to = " to";
      const std::string value = EntityName(to_amount);
      std::erase_if(qualifiers,
                    [&](const Qualifier& q) { return q.role == "to" && q.value == value; });
    }
    if (amount < 0) continue;
    // "a one mln dlr gain on the sale" is an item of income; a gain in percent is a change.
    if (x.lemma == "gain" && AnnotationAt(amount)->type != EntityType::kPercent) continue;
    // "a 4.8 pct December rise": the month before the noun is its time.
    for (int k : Kids(h, "compound")) {
      if (value_at(k, false)) qualifiers.push_back({"in", EntityName(k)});
    }
    std::vector<std::pair<std::string, std::string>> subjects;
    for (int t : things) {
      std::string owner = PossessiveOwner(t);
      for (int k : Kids(t, "nmod:poss")) {
        const Annotation* a = AnnotationAt(k);
        if (owner.empty() && a != nullptr && !IsValueType(a->type)) owner = EntityName(k);
      }
      for (int k : Kids(t, "compound")) {
        const Annotation* a = AnnotationAt(k);
        if (owner.empty() && a != nullptr &&
            (a->type == EntityType::kOrganisation || a->type == EntityType::kPlace)) {
          owner = EntityName(k);
        }
      }
      // "Contoso reported a 26 pct rise in profits": the profits of the one who reports it.
      if (owner.empty() && IsRel(x, "obj") && !HasKid(t, "det")) {
        for (int k : Subjects(x.head)) {
          const Annotation* a = AnnotationAt(k);
          if (a != nullptr &&
              (a->type == EntityType::kOrganisation || a->type == EntityType::kPlace)) {
            owner = EntityName(k);
          }
        }
      }
      if (!owner.empty() && IsFigureNoun(w_[static_cast<size_t>(t)].lemma)) {
        subjects.emplace_back(owner, FigureWords(t));
      } else {
        subjects.emplace_back(EntityName(t), "");
      }
    }
    // "orders fell 5.2 pct after a 4.8 pct rise": with no thing of its own, the change is of
    // what the clause it follows says changed.
    if (things.empty()) {
      int up = x.head;
      if (up >= 0 && AnnotationAt(up) != nullptr) up = w_[static_cast<size_t>(up)].head;
      if (up >= 0 && w_[static_cast<size_t>(up)].lower == "following") {
        up = w_[static_cast<size_t>(up)].head;
      }
      const std::string c = CaseOf(h);
      const bool follows =
          In(c, {"after", "following"}) ||
          (IsRel(x, "obj") && w_[static_cast<size_t>(x.head)].lower == "following");
      // Only a percentage: "after a one mln dlr extraordinary gain" is an item, not a change.
      const Annotation* a = AnnotationAt(amount);
      if (up >= 0 && follows && a->type == EntityType::kPercent) {
        if (auto f = figure_subjects_.find(up); f != figure_subjects_.end()) subjects = f->second;
      }
    }
    for (const auto& [subject, figure] : subjects) {
      Extraction e;
      e.use = Extraction::Use::kGraph;
      e.rule = "change-noun";
      e.record.subject = subject;
      e.record.predicate =
          (figure.empty() ? std::string(change) : figure + " " + std::string(change)) + to;
      e.record.object = EntityName(amount);
      e.record.qualifiers = qualifiers;
      e.record.evidence.confidence = kPhrase;
      if (!e.record.subject.empty() && !e.record.object.empty() &&
          e.record.subject != e.record.object && HasLetter(e.record.subject)) {
        out->push_back(std::move(e));
      }
    }
  }
}

std::vector<Extraction> UdReader::Run() {
  std::vector<Extraction> out;
  for (size_t i = 0; i < w_.size(); ++i) {
    const UdWord& w = w_[i];
    // A participle before its noun is its adjective ("soaring prices"), never a clause: a
    // clause follows the noun it modifies.
    const bool before_noun = IsRel(w, "acl") && w.head > static_cast<int>(i);
    // "International Monetary Fund managing director Michel Camdessus": a participle between a
    // name (or a determiner) and a title is part of the title, whatever the tree says.
    const bool in_title = InTitle(static_cast<int>(i));
    const bool verb =
        !in_title && w.upos == "VERB" && !IsRel(w, "amod") && !IsRel(w, "compound") &&
        w.rel != "case" && w.rel != "mark" && !before_noun && w.lower != "due" &&
        !((w.xpos == "VBG" || w.xpos == "VBN") && IsPrepositionalParticiple(w.lower) &&
          !HasKid(static_cast<int>(i), "nsubj"));
    const bool nominal_predicate =
        HasKid(static_cast<int>(i), "cop") && HasKid(static_cast<int>(i), "nsubj");
    // A word with a subject and an object is a verb whatever its tag ("can no longer lower
    // rates", with "lower" tagged an adjective).
    const bool transitive = w.upos != "VERB" && HasKid(static_cast<int>(i), "nsubj") &&
                            HasKid(static_cast<int>(i), "obj") &&
                            !HasKid(static_cast<int>(i), "cop");
    if (verb || nominal_predicate || transitive) ReadClause(static_cast<int>(i), &out);
  }
  ReadAppositions(&out);
  ReadTitles(&out);
  ReadAppointments(&out);
  ReadDescriptions(&out);
  ReadPersonAsides(&out);
  ReadPlaces(&out);
  ReadNominals(&out);
  ReadChanges(&out);
  RemoveRepeats(&out);
  return out;
}

}  // namespace weft::extract
