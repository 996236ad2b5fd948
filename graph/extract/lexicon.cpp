#include "graph/extract/lexicon.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "graph/base/names.h"
#include "graph/base/text.h"

namespace weft::extract {

namespace {

// Calls fn with the lemma of each entry of a WordNet index file (Debian wordnet-base: "index.verb",
// "index.noun"), words joined by '_'; false when the file is not there.
bool ForEachWordNetLemma(const char* file, const std::function<void(std::string)>& fn) {
  std::ifstream in(std::string(kWordNetDir) + "/" + file);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;  // the licence header
    fn(line.substr(0, line.find(' ')));
  }
  return true;
}

// Irregular past forms and participles that the word lists do not map to a base form.
constexpr std::pair<const char*, const char*> kIrregular[] = {
    {"was", "be"},
    {"were", "be"},
    {"been", "be"},
    {"is", "be"},
    {"are", "be"},
    {"am", "be"},
    {"being", "be"},
    {"had", "have"},
    {"has", "have"},
    {"having", "have"},
    {"did", "do"},
    {"does", "do"},
    {"done", "do"},
    {"went", "go"},
    {"gone", "go"},
    {"goes", "go"},
    {"made", "make"},
    {"took", "take"},
    {"taken", "take"},
    {"bought", "buy"},
    {"sold", "sell"},
    {"said", "say"},
    {"says", "say"},
    {"told", "tell"},
    {"got", "get"},
    {"gotten", "get"},
    {"gave", "give"},
    {"given", "give"},
    {"found", "find"},
    {"thought", "think"},
    {"knew", "know"},
    {"known", "know"},
    {"saw", "see"},
    {"seen", "see"},
    {"came", "come"},
    {"left", "leave"},
    {"led", "lead"},
    {"paid", "pay"},
    {"held", "hold"},
    {"brought", "bring"},
    {"built", "build"},
    {"began", "begin"},
    {"begun", "begin"},
    {"won", "win"},
    {"lost", "lose"},
    {"met", "meet"},
    {"kept", "keep"},
    {"spent", "spend"},
    {"sent", "send"},
    {"became", "become"},
    {"grew", "grow"},
    {"grown", "grow"},
    {"rose", "rise"},
    {"risen", "rise"},
    {"fell", "fall"},
    {"fallen", "fall"},
    {"ran", "run"},
    {"sought", "seek"},
    {"wrote", "write"},
    {"written", "write"},
    {"chose", "choose"},
    {"chosen", "choose"},
    {"drove", "drive"},
    {"driven", "drive"},
    {"spoke", "speak"},
    {"spoken", "speak"},
    {"stood", "stand"},
    {"understood", "understand"},
    {"struck", "strike"},
    {"fought", "fight"},
    {"caught", "catch"},
    {"taught", "teach"},
    {"bore", "bear"},
    {"borne", "bear"},
    {"shook", "shake"},
    {"shaken", "shake"},
    {"forbade", "forbid"},
    {"withdrew", "withdraw"},
    {"withdrawn", "withdraw"},
    {"overtook", "overtake"},
    {"undertook", "undertake"},
    {"felt", "feel"},
    {"heard", "hear"},
    {"meant", "mean"},
    {"lent", "lend"},
    {"dealt", "deal"},
    {"hung", "hang"},
    {"flew", "fly"},
    {"flown", "fly"},
    {"ate", "eat"},
    {"eaten", "eat"},
    {"drew", "draw"},
    {"drawn", "draw"},
    {"sank", "sink"},
    {"swore", "swear"},
    {"woke", "wake"},
    {"broke", "break"},
    {"broken", "break"},
    {"froze", "freeze"},
    {"stole", "steal"},
    {"stolen", "steal"},
    {"rode", "ride"},
    {"hid", "hide"},
    {"slid", "slide"},
    {"bid", "bid"},
    {"cut", "cut"},
    {"set", "set"},
    {"put", "put"},
    {"let", "let"},
    {"hit", "hit"},
    {"cost", "cost"},
    {"quit", "quit"},
    {"shut", "shut"},
    {"split", "split"},
    {"spread", "spread"},
    {"hurt", "hurt"},
    {"read", "read"},
    {"sued", "sue"},
    {"ties", "tie"},
};

// Aliases: canonical name first.
const std::vector<std::vector<const char*>> kAliases = {
    {"United States", "U.S.", "US", "USA", "U.S.A.", "America", "United States of America",
     "the United States", "the U.S.", "the US"},
    {"United Kingdom", "U.K.", "UK", "Britain", "Great Britain", "the United Kingdom", "the U.K.",
     "the UK"},
    {"European Union", "EU", "E.U.", "the EU", "the European Union"},
    {"United Nations", "UN", "U.N.", "the UN", "the United Nations"},
    {"China", "PRC", "People's Republic of China", "mainland China"},
    {"United Arab Emirates", "UAE", "U.A.E."},
    {"South Korea", "Korea", "Republic of Korea"},
    {"Russia", "Russian Federation"},
    {"Netherlands", "the Netherlands", "Holland"},
    {"Hong Kong", "HK"},
    {"New Zealand", "NZ"},
    {"Australia", "AU"},
    {"Japan", "JP"},
    {"Germany", "Federal Republic of Germany"},
    {"Taiwan", "Republic of China"},
    // Institutions news names by their short forms.
    {"Federal Reserve", "Fed", "the Fed", "U.S. Federal Reserve", "Federal Reserve System"},
    {"European Community", "EC", "E.C.", "the EC", "European Economic Community", "EEC"},
    {"Organisation for Economic Cooperation and Development", "OECD",
     "Organization for Economic Cooperation and Development",
     "Organisation for Economic Co-operation and Development",
     "Organization for Economic Co-operation and Development"},
    {"International Monetary Fund", "IMF", "the IMF", "the International Monetary Fund"},
    {"Securities and Exchange Commission", "SEC", "the SEC",
     "U.S. Securities and Exchange Commission"},
    {"General Agreement on Tariffs and Trade", "GATT"},
    {"OPEC", "Opec", "Organization of Petroleum Exporting Countries",
     "Organisation of Petroleum Exporting Countries"},
    // US states as news agencies abbreviate them after a city ("Dallas, Tex.", "Armonk, N.Y.").
    {"Alabama", "Ala."},
    {"Arizona", "Ariz."},
    {"Arkansas", "Ark."},
    {"California", "Calif."},
    {"Colorado", "Colo."},
    {"Connecticut", "Conn."},
    {"Delaware", "Del."},
    {"Florida", "Fla."},
    {"Georgia", "Ga."},
    {"Illinois", "Ill."},
    {"Indiana", "Ind."},
    {"Kansas", "Kan.", "Kans."},
    {"Kentucky", "Ky."},
    {"Louisiana", "La."},
    {"Maine", "Me."},
    {"Maryland", "Md."},
    {"Massachusetts", "Mass."},
    {"Michigan", "Mich."},
    {"Minnesota", "Minn."},
    {"Missouri", "Mo."},
    {"Montana", "Mont."},
    {"Nebraska", "Neb.", "Nebr."},
    {"Nevada", "Nev."},
    {"New Hampshire", "N.H."},
    {"New Jersey", "N.J."},
    {"New Mexico", "N.M."},
    {"New York", "N.Y."},
    {"North Carolina", "N.C."},
    {"North Dakota", "N.D."},
    {"Oklahoma", "Okla."},
    {"Oregon", "Ore.", "Oreg."},
    {"Pennsylvania", "Pa.", "Penn."},
    {"Rhode Island", "R.I."},
    {"South Carolina", "S.C."},
    {"South Dakota", "S.D."},
    {"Tennessee", "Tenn."},
    {"Texas", "Tex."},
    {"Vermont", "Vt."},
    {"Virginia", "Va."},
    {"Washington State", "Wash."},
    {"West Virginia", "W.Va.", "W.Va"},
    {"Wisconsin", "Wis.", "Wisc."},
    {"Wyoming", "Wyo."},
    {"Microsoft", "Microsoft Corp", "Microsoft Corporation", "Microsoft Corp."},
    {"Alphabet", "Alphabet Inc"},
    {"Google", "Google LLC"},
    {"Apple", "Apple Inc", "Apple Inc."},
    {"Amazon", "Amazon.com", "Amazon.com Inc"},
    {"Meta", "Meta Platforms", "Facebook"},
    {"Nvidia", "NVIDIA", "Nvidia Corp"},
    {"OpenAI", "Open AI"},
    {"Tencent", "Tencent Holdings"},
    {"Alibaba", "Alibaba Group", "Alibaba Group Holding"},
    {"Baidu", "Baidu Inc"},
    {"ByteDance", "Bytedance"},
    {"Huawei", "Huawei Technologies"},
    {"Samsung", "Samsung Electronics"},
    {"TSMC", "Taiwan Semiconductor Manufacturing", "Taiwan Semiconductor Manufacturing Co"},
};

// Last words that make a name an organisation's, besides the company suffixes (IsCompanySuffix).
constexpr const char* kOrganisationHeads[] = {
    "Bank",     "Capital",    "Systems",   "Technologies",    "Labs",
    "Partners", "Ventures",   "Agency",    "Ministry",        "Commission",
    "Council",  "University", "Institute", "Association",     "Authority",
    "Toys",     "Motors",     "Airlines",  "Pharmaceuticals", "Energy"};

void ReadTokens(const std::filesystem::path& file,
                const std::function<void(std::string_view)>& fn) {
  std::ifstream in(file);
  std::string tok;
  while (in >> tok) fn(tok);
}

}  // namespace

std::optional<std::string> Lexicon::CountryOfNationality(std::string_view adjective) const {
  if (adjective.empty() || !std::isupper(static_cast<unsigned char>(adjective[0]))) {
    return std::nullopt;
  }
  // Forms no suffix rule reaches.
  static const std::pair<const char*, const char*> kIrregularForms[] = {
      {"French", "France"},          {"Dutch", "Netherlands"},      {"Swiss", "Switzerland"},
      {"Greek", "Greece"},           {"Thai", "Thailand"},          {"Soviet", "Soviet Union"},
      {"American", "United States"}, {"British", "United Kingdom"}, {"Danish", "Denmark"},
      {"Filipino", "Philippines"}};
  for (auto [form, country] : kIrregularForms) {
    if (adjective == form) return Canonical(country).value_or(country);
  }
  // Suffix rules, each guess kept only if the place lists know it: Brazil-ian, Canad-ian(a),
  // Ital-ian(y), Japan-ese, Chin-ese(a), Mexic-an(o), German(y), Korea-n, Argentin-e(a),
  // Swed-ish(en), Turk-ish(ey), Pol-ish(and), Philippine(s).
  static const std::pair<const char*, const char*> kRules[] = {
      {"ian", "ia"}, {"ian", ""},    {"ian", "a"},   {"ian", "y"}, {"ese", ""}, {"ese", "a"},
      {"an", "o"},   {"an", "a"},    {"", "y"},      {"n", ""},    {"e", "a"},  {"ish", "en"},
      {"ish", "ey"}, {"ish", "and"}, {"ish", "ain"}, {"", "s"},    {"i", ""},   {"ian", "e"}};
  const std::string word(adjective);
  for (auto [suffix, ending] : kRules) {
    const std::string_view sv(suffix);
    if (!word.ends_with(sv) || word.size() <= sv.size() + 2) continue;
    const std::string guess = word.substr(0, word.size() - sv.size()) + ending;
    if (guess != word && IsPlace(guess)) return Canonical(guess).value_or(guess);
  }
  return std::nullopt;
}

Lexicon::Lexicon(const std::string& dict_dir) {
  namespace fs = std::filesystem;
  fs::path words = fs::path(dict_dir) / "words";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(words, ec)) {
    std::string name = entry.path().filename().string();
    // Verb forms live in words.v.N.*; base and third-person forms carry ".v".
    if (name.starts_with("words.v.")) {
      ReadTokens(entry.path(), [&](std::string_view t) {
        size_t dot = t.rfind(".v");
        if (dot != std::string_view::npos) verbs_.insert(AsciiLower(t.substr(0, dot)));
      });
    }
    auto strip = [](std::string_view t) {
      size_t dot = t.find('.');
      std::string s(dot == std::string_view::npos ? t : t.substr(0, dot));
      for (char& c : s) {
        if (c == '_') c = ' ';
      }
      return s;
    };
    // Common nouns and adjectives ("western", "general"): a name that is also one needs the
    // recogniser's word that it is a name.
    if (name.starts_with("words.n.") || name.starts_with("words.adj.")) {
      ReadTokens(entry.path(), [&](std::string_view t) {
        if (!t.empty() && std::islower(static_cast<unsigned char>(t[0]))) {
          common_words_.insert(std::string(t.substr(0, t.find('.'))));
        }
      });
    }
    if (name.starts_with("entities.locations") || name.starts_with("entities.national") ||
        name.starts_with("entities.us-states")) {
      const bool nations = name.starts_with("entities.national");
      ReadTokens(entry.path(), [&](std::string_view t) {
        places_.insert(AsciiLower(strip(t)));
        if (nations) countries_.insert(AsciiLower(strip(t)));
      });
    } else if (name.starts_with("entities.organizations")) {
      ReadTokens(entry.path(),
                 [&](std::string_view t) { organisations_.insert(AsciiLower(strip(t))); });
    } else if (name.starts_with("entities.given")) {
      const bool female = name.starts_with("entities.given-female");
      const bool male = name.starts_with("entities.given-male");
      ReadTokens(entry.path(), [&](std::string_view t) {
        std::string n = AsciiLower(strip(t));
        given_names_.insert(n);
        if (female) female_names_.insert(n);
        if (male) male_names_.insert(n);
      });
    }
  }
  // Inline verb definitions in the main dictionary: tokens like "offer.v".
  ReadTokens(fs::path(dict_dir) / "4.0.dict", [&](std::string_view t) {
    while (!t.empty() && (t.back() == ':' || t.back() == ';')) t.remove_suffix(1);
    if (t.size() > 2 && t.ends_with(".v") && std::islower(static_cast<unsigned char>(t[0]))) {
      std::string base(t.substr(0, t.size() - 2));
      if (base.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string::npos) {
        verbs_.insert(base);
      }
    }
  });
  for (auto [form, base] : kIrregular) irregular_.emplace(form, base);
  // WordNet's verbs of one word, beside the dictionary's: "hurt", "jawbone", "recapitalize".
  wordnet_verbs_ = ForEachWordNetLemma("index.verb", [&](std::string lemma) {
    if (lemma.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string::npos) {
      verbs_.insert(std::move(lemma));
    }
  });
  // WordNet's nouns of two or three words ("net income", "chief executive", "central bank"):
  // an adjective that opens one is part of the term, not a description of it.
  ForEachWordNetLemma("index.noun", [&](std::string term) {
    const auto parts = std::count(term.begin(), term.end(), '_');
    if (parts < 1 || parts > 2) return;
    std::replace(term.begin(), term.end(), '_', ' ');
    noun_terms_.insert(std::move(term));
  });
  for (const auto& group : kAliases) {
    std::string canonical = group[0];
    for (const char* a : group) {
      alias_to_canonical_.emplace(AsciiLower(a), canonical);
      if (canonical != a) aliases_[canonical].push_back(a);
    }
  }
  places_.insert({"washington state"});
  places_.insert({"united states",  "united kingdom", "european union", "china",     "ireland",
                  "australia",      "new zealand",    "malaysia",       "singapore", "india",
                  "japan",          "netherlands",    "hong kong",      "taiwan",    "south korea",
                  "europe",         "asia",           "africa",         "beijing",   "shanghai",
                  "shenzhen",       "hangzhou",       "london",         "brussels",  "washington",
                  "silicon valley", "dublin",         "lisbon",         "warsaw",    "eindhoven",
                  "oceania",        "portugal",       "brazil",         "canada",    "mexico"});
  organisations_.insert({"microsoft", "openai",    "tencent", "alibaba", "baidu",
                         "nvidia",    "google",    "apple",   "amazon",  "meta",
                         "huawei",    "bytedance", "tsmc",    "samsung", "intel",
                         "amd",       "ibm",       "oracle",  "reuters", "bloomberg"});
}

std::optional<std::string> Lexicon::VerbOfNoun(std::string_view noun) const {
  static const std::unordered_map<std::string, std::string> kIrregular = {
      {"acquisition", "acquire"},
      {"purchase", "purchase"},
      {"sale", "sell"},
      {"investment", "invest"},
      {"expansion", "expand"},
      {"departure", "depart"},
      {"hire", "hire"},
      {"deal", "deal"},
      {"offer", "offer"},
      {"takeover", "take over"},
      {"buyout", "buy out"},
      {"entry", "enter"},
      {"growth", "grow"},
      {"loss", "lose"},
      {"defection", "defect"},
      {"partnership", "partner"},
      {"merger", "merge"},
      {"bid", "bid"},
      {"repurchase", "repurchase"},
      {"buyback", "buy back"}};
  std::string w = AsciiLower(noun);
  if (auto it = kIrregular.find(w); it != kIrregular.end()) return it->second;
  auto known = [&](const std::string& s) { return s.size() > 2 && verbs_.count(s) > 0; };
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.ends_with(suffix);
  };
  auto stem = [&](size_t n) { return w.substr(0, w.size() - n); };
  std::vector<std::string> candidates;
  if (ends("ment")) candidates.push_back(stem(4));  // recruitment, development
  if (ends("ation")) {
    candidates.push_back(stem(5) + "ate");  // relocation
    candidates.push_back(stem(5));          // transformation
    candidates.push_back(stem(5) + "e");    // organisation -> organise
  }
  if (ends("ition")) candidates.push_back(stem(5) + "ire");  // acquisition
  if (ends("sion")) {
    candidates.push_back(stem(4) + "d");   // expansion
    candidates.push_back(stem(4) + "de");  // decision -> decide
  }
  if (ends("ion")) {
    candidates.push_back(stem(3));        // election
    candidates.push_back(stem(3) + "e");  // production -> produce? (validated below)
  }
  if (ends("al")) candidates.push_back(stem(2) + "e");  // approval, removal
  if (ends("ure")) candidates.push_back(stem(3));       // departure
  for (const std::string& c : candidates) {
    if (known(c)) return c;
  }
  return std::nullopt;
}

std::string Lexicon::VerbLemma(std::string_view word) const {
  std::string w = AsciiLower(word);
  if (auto it = irregular_.find(w); it != irregular_.end()) return it->second;
  auto known = [&](const std::string& s) { return !s.empty() && verbs_.count(s) > 0; };
  std::vector<std::string> candidates;
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 1 && w.ends_with(suffix);
  };
  auto stem = [&](size_t n) { return w.substr(0, w.size() - n); };
  if (ends("ies")) candidates.push_back(stem(3) + "y");
  if (ends("ied")) candidates.push_back(stem(3) + "y");
  if (ends("ing")) {
    std::string s = stem(3);
    candidates.push_back(s);
    candidates.push_back(s + "e");
    if (s.size() > 2 && s[s.size() - 1] == s[s.size() - 2])
      candidates.push_back(s.substr(0, s.size() - 1));
  }
  if (ends("ed")) {
    std::string s = stem(2);
    candidates.push_back(s);
    candidates.push_back(stem(1));  // "relocated" -> "relocate"
    if (s.size() > 2 && s[s.size() - 1] == s[s.size() - 2])
      candidates.push_back(s.substr(0, s.size() - 1));
  }
  if (ends("es")) candidates.push_back(stem(2));
  if (ends("s") && !ends("ss")) candidates.push_back(stem(1));
  for (const std::string& c : candidates) {
    if (known(c)) return c;
  }
  if (known(w)) return w;
  // A prefixed verb ("co-managed", "debt-rescheduling"): its last part's lemma, prefix kept.
  if (const size_t dash = w.rfind('-'); dash != std::string::npos && dash + 3 < w.size()) {
    return w.substr(0, dash + 1) + VerbLemma(w.substr(dash + 1));
  }
  // Unknown to the lists: the plainest guess, with the silent e English spelling drops before
  // -ed and -ing ("criticised" -> "criticise", "reintroduced" -> "reintroduce").
  auto restore_e = [](std::string s) {
    static const char* const kBeforeE[] = {"is", "iz", "ys", "at", "uc", "ag", "ac", "ud",
                                           "ut", "ov", "iv", "ir", "ur", "bl", "pl", "gl",
                                           "dl", "tl", "cl", "rg", "rs", "ns", "ng"};
    for (const char* e : kBeforeE) {
      if (s.size() > 3 && s.ends_with(e)) return s + "e";
    }
    return s;
  };
  if (ends("ing")) return restore_e(stem(3));
  if (ends("ied")) return stem(3) + "y";
  if (ends("ed")) return restore_e(stem(2));
  if (ends("s") && !ends("ss")) return stem(1);
  return w;
}

std::string Lexicon::NounLemma(std::string_view word) const {
  std::string w(word);
  if (w.empty() || std::isupper(static_cast<unsigned char>(w[0]))) return w;
  // Same in both numbers, or singular despite the s.
  static const std::unordered_set<std::string> kInvariant = {
      "series", "species", "news",      "means",     "headquarters", "crossroads", "analysis",
      "basis",  "crisis",  "thesis",    "diagnosis", "physics",      "economics",  "politics",
      "status", "campus",  "consensus", "bus",       "gas",          "lens",       "plus"};
  if (kInvariant.count(w)) return w;
  if (w.size() > 4 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 4 &&
      (w.ends_with("ses") || w.ends_with("xes") || w.ends_with("ches") || w.ends_with("shes"))) {
    return w.substr(0, w.size() - 2);
  }
  if (w.size() > 3 && w.ends_with("s") && !w.ends_with("ss") && !w.ends_with("us") &&
      !w.ends_with("is")) {
    return w.substr(0, w.size() - 1);
  }
  return w;
}

std::optional<std::string> Lexicon::Canonical(std::string_view name) const {
  auto it = alias_to_canonical_.find(AsciiLower(name));
  // Parsers split a final period off "U.S.": try it with the period back.
  if (it == alias_to_canonical_.end()) it = alias_to_canonical_.find(AsciiLower(name) + ".");
  if (it == alias_to_canonical_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Lexicon::AliasesOf(std::string_view canonical) const {
  auto it = aliases_.find(std::string(canonical));
  if (it == aliases_.end()) return {};
  std::vector<std::string> out;
  for (const std::string& a : it->second) {
    if (!a.starts_with("the ")) out.push_back(a);
  }
  return out;
}

bool Lexicon::IsPlace(std::string_view name) const { return places_.count(AsciiLower(name)) > 0; }

bool Lexicon::IsCountry(std::string_view name) const {
  if (countries_.count(AsciiLower(name)) > 0) return true;
  // (The canonical name of an alias, and the countries of the 1980s the list no longer has.)
  const std::string canonical = AsciiLower(Canonical(name).value_or(std::string(name)));
  static const std::set<std::string, std::less<>> kFormer = {
      "soviet union", "west germany", "east germany",  "burma",
      "zaire",        "yugoslavia",   "czechoslovakia"};
  return countries_.count(canonical) > 0 || kFormer.count(canonical) > 0;
}

std::optional<std::string> Lexicon::CountryNamed(std::string_view name, EntityType type) const {
  if (type == EntityType::kPlace) {
    return IsCountry(name) ? std::optional<std::string>(name) : std::nullopt;
  }
  if (name.find(' ') != std::string_view::npos) return std::nullopt;
  return CountryOfNationality(name);
}

bool Lexicon::IsOrganisation(std::string_view name) const {
  if (organisations_.count(AsciiLower(name))) return true;
  size_t sp = name.rfind(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view last = name.substr(sp + 1);
  if (IsCompanySuffix(last)) return true;
  for (const char* s : kOrganisationHeads) {
    if (last == s) return true;
  }
  return false;
}

bool Lexicon::IsGivenName(std::string_view word) const {
  return given_names_.count(AsciiLower(word)) > 0;
}

Gender Lexicon::GenderOf(std::string_view name, const std::vector<std::string>& variants) const {
  static const std::set<std::string, std::less<>> kFemaleTitles = {"ms",   "mrs",  "miss",
                                                                   "lady", "dame", "madame"};
  static const std::set<std::string, std::less<>> kMaleTitles = {"mr", "sir", "lord", "monsieur"};
  auto title_of = [](std::string_view n) -> std::string {
    std::string first = AsciiLower(n.substr(0, n.find(' ')));
    if (!first.empty() && first.back() == '.') first.pop_back();
    return first;
  };
  // A title in any of the forms the document used decides; then the first name.
  for (std::string_view n : variants) {
    if (kFemaleTitles.count(title_of(n))) return Gender::kFemale;
    if (kMaleTitles.count(title_of(n))) return Gender::kMale;
  }
  // A name of one word is a surname as news writes it ("Reagan said", "Carter"), not the first
  // name that some lists share with it.
  if (name.find(' ') == std::string_view::npos) return Gender::kUnknown;
  std::string first = AsciiLower(name.substr(0, name.find(' ')));
  const bool f = female_names_.count(first) > 0, m = male_names_.count(first) > 0;
  if (f && !m) return Gender::kFemale;
  if (m && !f) return Gender::kMale;
  return Gender::kUnknown;
}

}  // namespace weft::extract
