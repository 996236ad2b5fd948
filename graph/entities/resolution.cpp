#include "graph/entities/resolution.h"

#include <algorithm>
#include <map>
#include <set>

#include "graph/base/names.h"
#include "graph/base/text.h"
#include "graph/base/union_find.h"

namespace weft::entities {
namespace {

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view w : SplitSpaces(s)) out.emplace_back(w);
  return out;
}

// The words that identify a name: titles off the front, company suffixes off the end.
std::vector<std::string> CoreWords(const std::string& name, EntityClass type) {
  std::vector<std::string> w = Words(name);
  while (w.size() > 1 && IsTitle(w.front())) w.erase(w.begin());
  if (type == EntityClass::kOrganisation) {
    while (w.size() > 1 && IsCompanySuffix(w.back())) w.pop_back();
  }
  return w;
}

// The words that identify a name with its company suffixes: titles off the front only.
std::vector<std::string> WithSuffixes(const std::string& name) {
  std::vector<std::string> w = Words(name);
  while (w.size() > 1 && IsTitle(w.front())) w.erase(w.begin());
  return w;
}

std::string Initials(const std::vector<std::string>& words) {
  static const std::set<std::string, std::less<>> kSkip = {"of", "the", "and", "for", "&", "de"};
  std::string out;
  for (const std::string& w : words) {
    if (kSkip.count(AsciiLower(w)) || w.empty()) continue;
    out.push_back(w[0] >= 'a' && w[0] <= 'z' ? static_cast<char>(w[0] - 'a' + 'A') : w[0]);
  }
  return out;
}

bool IsAcronym(std::string_view w) {
  if (w.size() < 2 || w.size() > 6) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::vector<ResolvedName> ResolveNameVariants(const std::vector<NamedMention>& mentions) {
  const size_t n = mentions.size();
  UnionFind sets(n);  // over mentions

  std::vector<std::vector<std::string>> core(n);
  for (size_t i = 0; i < n; ++i) core[i] = CoreWords(mentions[i].name, mentions[i].type);

  // Spacing, case and suffix variants: one folded key, one entity; but two legal forms are two
  // companies ("Pacific Western Airlines Corp" and its unit "Pacific Western Airlines Ltd",
  // "Unilever Plc" and "Unilever NV"). A name without a legal form is the first named with one.
  std::vector<std::set<std::string>> forms(n);
  for (size_t i = 0; i < n; ++i) {
    if (mentions[i].type == EntityClass::kOrganisation) forms[i] = LegalForms(mentions[i].name);
  }
  auto compatible = [](const std::set<std::string>& a, const std::set<std::string>& b) {
    if (a.empty() || b.empty()) return true;
    return std::any_of(a.begin(), a.end(), [&](const std::string& f) { return b.count(f) > 0; });
  };
  // Per folded key, the first mention of each company it names.
  std::map<std::string, std::vector<size_t>> by_fold;
  std::vector<std::string> key_of(n);  // folded key and company: what tells names apart
  for (size_t i = 0; i < n; ++i) {
    std::string key;
    for (const std::string& w : core[i]) key += w;
    key = FoldName(key);
    key_of[i] = key;
    if (key.empty()) continue;
    std::vector<size_t>& firsts = by_fold[key];
    auto same = std::find_if(firsts.begin(), firsts.end(),
                             [&](size_t j) { return compatible(forms[i], forms[j]); });
    if (same == firsts.end()) {
      firsts.push_back(i);
      key_of[i] += "#" + std::to_string(firsts.size());
    } else {
      sets.Unite(i, *same);
      key_of[i] += "#" + std::to_string(same - firsts.begin() + 1);
      // A legal form named later tells which company the bare name was.
      if (forms[*same].empty()) forms[*same] = forms[i];
    }
  }
  // A company named with its suffix somewhere in the document ("Chrysler Corp") is whole: its
  // short form is that company, not a longer name that starts with it ("Chrysler LeBaron
  // Turbo", a car).
  std::vector<bool> whole_company(n, false);
  std::vector<size_t> fold_group(n);
  for (size_t i = 0; i < n; ++i) fold_group[i] = sets.Find(i);
  for (size_t i = 0; i < n; ++i) {
    if (mentions[i].type == EntityClass::kOrganisation && EndsWithCompanySuffix(mentions[i].name)) {
      whole_company[fold_group[i]] = true;
    }
  }

  // Distinct longer names, by type, for the short forms to join.
  // One name only; or companies of one name in two legal forms, which the short form names
  // the first of ("Pacific Western" for the Corp named first, not its unit the Ltd).
  auto distinct_matches = [&](size_t i, auto&& matches) {
    std::set<std::string> names, cores;
    size_t last = n, first = n;
    for (size_t j = 0; j < n; ++j) {
      if (j == i || core[j].size() <= core[i].size() || !matches(j)) continue;
      names.insert(key_of[j]);
      cores.insert(key_of[j].substr(0, key_of[j].rfind('#')));
      last = j;
      if (first == n) first = j;
    }
    if (names.size() == 1) return last;
    return cores.size() == 1 ? first : n;
  };
  for (size_t i = 0; i < n; ++i) {
    const std::vector<std::string>& w = core[i];
    if (w.empty()) continue;
    const EntityClass type = mentions[i].type;
    size_t target = n;
    if (w.size() == 1 && type == EntityClass::kPerson) {
      // A surname, or a first name after a title ("Sir Phil").
      const bool titled = Words(mentions[i].name).size() > 1;
      target = distinct_matches(i, [&](size_t j) {
        return mentions[j].type == EntityClass::kPerson &&
               FoldName(core[j].back()) == FoldName(w[0]);
      });
      if (target == n && titled) {
        target = distinct_matches(i, [&](size_t j) {
          return mentions[j].type == EntityClass::kPerson &&
                 FoldName(core[j].front()) == FoldName(w[0]);
        });
      }
    }
    // An organisation's leading words; a single untitled word the tagger typed otherwise (a
    // person no full name explains) joins too.
    // A place is not the organisation named after it ("Washington", "Washington Post").
    const bool untitled = Words(mentions[i].name).size() == w.size();
    if (target == n && type != EntityClass::kPlace && !whole_company[fold_group[i]] &&
        (type != EntityClass::kPerson || (w.size() == 1 && untitled))) {
      target = distinct_matches(i, [&](size_t j) {
        // Leading words of an organisation, or of a longer name of the mention's own type
        // ("Tailspin" for "Tailspin Toys", "Ana" for the only "Ana ..." of the document).
        if (mentions[j].type != EntityClass::kOrganisation && mentions[j].type != type) {
          return false;
        }
        for (size_t k = 0; k < w.size(); ++k) {
          if (FoldName(core[j][k]) != FoldName(w[k])) return false;
        }
        return true;
      });
      if (target == n && w.size() == 1 && IsAcronym(w[0])) {
        target = distinct_matches(i, [&](size_t j) {
          // With or without its suffix's: "CPC" is Chinese Petroleum Corp.
          return mentions[j].type == EntityClass::kOrganisation && core[j].size() >= 2 &&
                 (Initials(core[j]) == w[0] || Initials(WithSuffixes(mentions[j].name)) == w[0]);
        });
      }
    }
    // "Hutton LBO" for "E.F. Hutton LBO Inc", "Lehman Brothers" for "Shearson Lehman Brothers":
    // an organisation's closing words, two or more of them, whatever the recogniser typed them.
    if (target == n && w.size() >= 2 && type != EntityClass::kPlace &&
        !whole_company[fold_group[i]]) {
      target = distinct_matches(i, [&](size_t j) {
        if (mentions[j].type != EntityClass::kOrganisation) return false;
        const size_t off = core[j].size() - w.size();
        for (size_t k = 0; k < w.size(); ++k) {
          if (FoldName(core[j][off + k]) != FoldName(w[k])) return false;
        }
        return true;
      });
    }
    if (target != n) sets.Unite(i, target);
  }

  // The canonical form of each cluster: its fullest name.
  std::map<size_t, size_t> best;
  for (size_t i = 0; i < n; ++i) {
    size_t root = sets.Find(i);
    auto it = best.find(root);
    if (it == best.end()) {
      best[root] = i;
      continue;
    }
    if (FullerName(mentions[i].name, mentions[it->second].name)) it->second = i;
  }
  std::vector<ResolvedName> out(n);
  for (size_t i = 0; i < n; ++i) {
    size_t c = best[sets.Find(i)];
    out[i] = {mentions[c].name, mentions[c].type};
  }
  return out;
}

}  // namespace weft::entities
