#include "graph/extract/coreference.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <unordered_map>

#include "graph/base/atomic_file.h"
#include "graph/base/data_files.h"
#include "graph/base/error.h"
#include "graph/base/names.h"
#include "graph/base/text.h"
#include "graph/extract/sentences.h"

namespace weft::extract {
namespace {

struct Span {
  size_t begin = 0, end = 0;
};

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c < 0; }

// Whole-word occurrences of `word` in `text`.
std::vector<Span> Occurrences(std::string_view text, std::string_view word) {
  std::vector<Span> out;
  if (word.empty()) return out;
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    if (at > 0 && IsWordByte(text[at - 1])) continue;
    if (end < text.size() && IsWordByte(text[end])) continue;
    out.push_back({at, end});
  }
  return out;
}

std::vector<std::string_view> NameTokens(std::string_view name) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < name.size()) {
    size_t j = name.find(' ', i);
    if (j == std::string_view::npos) j = name.size();
    std::string_view t = name.substr(i, j - i);
    if (t.ends_with("'s")) t.remove_suffix(2);
    while (!t.empty() && !IsWordByte(t.back())) t.remove_suffix(1);
    while (!t.empty() && !IsWordByte(t.front())) t.remove_prefix(1);
    if (!t.empty()) out.push_back(t);
    i = j + 1;
  }
  return out;
}

// The gender a personal pronoun gives (lower case): he/him/his, she/her/hers; else unknown.
Gender PronounGender(std::string_view p) {
  if (p == "he" || p == "him" || p == "his") return Gender::kMale;
  if (p == "she" || p == "her" || p == "hers") return Gender::kFemale;
  return Gender::kUnknown;
}

char RoleLetter(const SyntacticWord* w) {
  if (w == nullptr) return '-';
  switch (w->role) {
    case Role::kSubject:
      return w->main_subject ? 'M' : 'S';
    case Role::kObject:
      return 'O';
    case Role::kPrepObject:
      return 'J';
    case Role::kPossessor:
      return 'P';
    case Role::kNone:
      break;
  }
  return 'N';
}

std::string Bucket(size_t n, std::initializer_list<size_t> bounds) {
  size_t k = 0;
  for (size_t b : bounds) {
    if (n <= b) return std::to_string(k);
    ++k;
  }
  return std::to_string(k);
}

size_t WordsBetween(std::string_view text, size_t from, size_t to) {
  if (to <= from) return 0;
  size_t n = 0;
  for (size_t i = from; i < to; ++i) n += text[i] == ' ';
  return n;
}

}  // namespace

TextSyntax::TextSyntax(const Extractor& extractor, std::string_view text,
                       std::vector<SentenceSpan> sentences)
    : extractor_(extractor), text_(text), sentences_(std::move(sentences)) {}

TextSyntax::TextSyntax(const Extractor& extractor, std::string_view text)
    : TextSyntax(extractor, text, SplitSentences(text)) {}

size_t TextSyntax::SentenceOf(size_t at) const {
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), at,
                             [](size_t x, const SentenceSpan& s) { return x < s.end; });
  if (it == sentences_.end()) return sentences_.empty() ? 0 : sentences_.size() - 1;
  return static_cast<size_t>(it - sentences_.begin());
}

size_t TextSyntax::SentenceBegin(size_t s) const {
  return s < sentences_.size() ? sentences_[s].begin : 0;
}

const SyntacticWord* TextSyntax::WordAt(size_t begin, size_t end) {
  const std::vector<SyntacticWord>& words = Words(SentenceOf(begin));
  const SyntacticWord* any = nullptr;
  const SyntacticWord* best = nullptr;
  for (const SyntacticWord& w : words) {
    if (w.end <= begin || w.begin >= end) continue;
    any = &w;
    if (w.role != Role::kNone) best = &w;
  }
  return best != nullptr ? best : any;
}

void TextSyntax::Put(size_t s, std::vector<SyntacticWord> words) {
  const size_t base = SentenceBegin(s);
  for (SyntacticWord& w : words) {
    w.begin += base;
    w.end += base;
  }
  parsed_[s] = std::move(words);
}

const std::vector<SyntacticWord>& TextSyntax::Words(size_t s) {
  auto it = parsed_.find(s);
  if (it != parsed_.end()) return it->second;
  std::vector<SyntacticWord> words;
  if (s < sentences_.size()) {
    const SentenceSpan& span = sentences_[s];
    words = extractor_.Syntax(text_.substr(span.begin, span.end - span.begin));
    for (SyntacticWord& w : words) {
      w.begin += span.begin;
      w.end += span.begin;
    }
  }
  return parsed_.emplace(s, std::move(words)).first->second;
}

CaseFeatures DescribeCase(const Extractor& extractor, const PronounCase& c) {
  TextSyntax syntax(extractor, c.text);
  std::vector<std::pair<size_t, size_t>> spans, people;
  for (const SentenceSpan& s : syntax.sentences()) spans.emplace_back(s.begin, s.end);
  for (const entities::Mention& m : extractor.recogniser().Recognise(c.text, spans)) {
    if (m.type == entities::EntityClass::kPerson) people.emplace_back(m.begin, m.end);
  }
  CaseFeatures out = DescribeCase(c, &syntax, people);
  const std::string form = AsciiLower(c.text.substr(c.offset, c.length));
  const Gender want = PronounGender(form);
  for (size_t k = 0; k < c.candidates.size(); ++k) {
    const std::string name(c.candidates[k].name);
    const Gender g = extractor.lexicon().GenderOf(name, {name});
    out.excluded[k] =
        out.excluded[k] || (want != Gender::kUnknown && g != Gender::kUnknown && g != want);
  }
  return out;
}

CaseFeatures DescribeCase(const PronounCase& c, TextSyntax* syntax,
                          const std::vector<std::pair<size_t, size_t>>& people) {
  TextSyntax& a = *syntax;
  const Span pronoun{c.offset, c.offset + c.length};
  const size_t ps = a.SentenceOf(c.offset);
  const SyntacticWord* pw = a.WordAt(pronoun.begin, pronoun.end);
  std::string form = AsciiLower(c.text.substr(c.offset, c.length));
  char pr = RoleLetter(pw);
  if (pr == 'M') pr = 'S';
  const bool pronoun_initial = WordsBetween(c.text, a.SentenceBegin(ps), c.offset) == 0 ||
                               c.text.substr(a.SentenceBegin(ps), c.offset - a.SentenceBegin(ps))
                                       .find_first_not_of(" \"'(") == std::string_view::npos;
  const std::string p = std::string("pr=") + pr;

  // Each candidate's mentions: the given one, the whole name elsewhere, and the words of the
  // name no other candidate shares (a surname, a first name), title words aside.
  std::vector<std::vector<Span>> mentions(c.candidates.size());
  for (size_t k = 0; k < c.candidates.size(); ++k) {
    const PronounCase::Candidate& x = c.candidates[k];
    std::set<std::string_view> shared;
    for (size_t j = 0; j < c.candidates.size(); ++j) {
      if (j == k) continue;
      for (std::string_view t : NameTokens(c.candidates[j].name)) shared.insert(t);
    }
    const Span given{x.offset, x.offset + (x.length > 0 ? x.length : x.name.size())};
    std::vector<Span> found = {given};
    for (Span s : Occurrences(c.text, x.name)) found.push_back(s);
    for (std::string_view t : NameTokens(x.name)) {
      if (t.size() < 2 || shared.count(t) || IsTitle(t)) continue;
      if (!std::isupper(static_cast<unsigned char>(t[0]))) continue;
      for (Span s : Occurrences(c.text, t)) found.push_back(s);
    }
    std::sort(found.begin(), found.end(), [](Span l, Span r) {
      return l.begin != r.begin ? l.begin < r.begin : l.end > r.end;
    });
    for (Span s : found) {
      if (!mentions[k].empty() && s.begin < mentions[k].back().end) continue;  // inside the last
      if (s.begin < pronoun.end && s.end > pronoun.begin) continue;
      mentions[k].push_back(s);
    }
  }
  // The other people the text names: a person named between a candidate and the pronoun
  // competes with it.
  std::vector<Span> others;
  for (auto [begin, end] : people) {
    bool candidate = false;
    for (const std::vector<Span>& ms : mentions) {
      for (Span s : ms) candidate = candidate || (begin < s.end && s.begin < end);
    }
    if (!candidate) others.push_back({begin, end});
  }
  // The nearest mention before the pronoun and the first after it, per candidate.
  std::vector<const Span*> before(c.candidates.size(), nullptr);
  std::vector<const Span*> after(c.candidates.size(), nullptr);
  for (size_t k = 0; k < c.candidates.size(); ++k) {
    for (const Span& s : mentions[k]) {
      if (s.end <= c.offset) before[k] = &s;
      if (s.begin >= pronoun.end && after[k] == nullptr) after[k] = &s;
    }
  }

  CaseFeatures out;
  size_t none_before = 0;
  for (size_t k = 0; k < c.candidates.size(); ++k) {
    FeatureList f = {"bias", p};
    const size_t count = mentions[k].size();
    size_t most_other = 0;
    bool first = true;
    for (size_t j = 0; j < c.candidates.size(); ++j) {
      if (j == k) continue;
      most_other = std::max(most_other, mentions[j].size());
      if (!mentions[j].empty() && !mentions[k].empty() &&
          mentions[j].front().begin < mentions[k].front().begin)
        first = false;
    }
    f.push_back("n=" + Bucket(count, {1, 2, 3}));
    f.push_back(std::string("n_vs=") + (count > most_other   ? "more"
                                        : count < most_other ? "fewer"
                                                             : "same"));
    if (first) f.push_back("first");
    if (!mentions[k].empty() && mentions[k].front().begin == 0) f.push_back("text_initial");
    if (NameTokens(c.candidates[k].name).size() > 1) f.push_back("full_name");
    if (const Span* m = before[k]) {
      const size_t ms = a.SentenceOf(m->begin);
      const std::string sd = "sd=" + Bucket(ps - ms, {0, 1, 2});
      const SyntacticWord* xw = a.WordAt(m->begin, m->end);
      const char xr = RoleLetter(xw);
      const std::string x = std::string("xr=") + xr;
      const std::string wd =
          "wd=" + Bucket(WordsBetween(c.text, m->end, c.offset), {2, 5, 10, 20, 40});
      f.push_back(sd);
      f.push_back(wd);
      f.push_back(wd + "|" + sd);
      f.push_back(x);
      f.push_back(x + "|" + sd);
      f.push_back(p + "|" + x);
      f.push_back(p + "|" + x + "|" + sd);
      f.push_back("form=" + form + "|" + x + "|" + sd);
      if (pronoun_initial) f.push_back("pinit|" + x + "|" + sd);
      if (ms == ps && xw != nullptr && pw != nullptr && xw->clause >= 0 && xw->clause == pw->clause)
        f.push_back("clause|" + p + "|" + x);
      if (xr == 'J') f.push_back("prep=" + xw->preposition + "|" + sd);
      if (m->begin == a.SentenceBegin(ms) ||
          c.text.substr(a.SentenceBegin(ms), m->begin - a.SentenceBegin(ms))
                  .find_first_not_of(" \"'(") == std::string_view::npos)
        f.push_back("initial|" + sd);
      // Which candidate the text named last before the pronoun.
      std::string near = "near=only";
      bool between = false;
      for (size_t j = 0; j < c.candidates.size(); ++j) {
        if (j == k || before[j] == nullptr) continue;
        near = before[j]->begin > m->begin ? "near=farther" : "near=nearest";
        between = between || before[j]->begin > m->end;
      }
      f.push_back(near);
      f.push_back(near + "|" + sd);
      f.push_back(near + "|" + x);
      if (between) f.push_back("other_between|" + x);
      const bool person_between = std::any_of(others.begin(), others.end(), [&](Span o) {
        return o.begin >= m->end && o.end <= c.offset;
      });
      if (person_between) f.push_back("person_between|" + sd);
      f.push_back(near + "|" + x + "|" + sd);
      if (m->begin > 0 &&
          (c.text[m->begin - 1] == '(' || (m->begin > 1 && c.text.substr(m->begin - 2, 2) == ", ")))
        f.push_back("after_comma|" + sd);
      if (c.candidates[k].offset != m->begin) f.push_back("given_elsewhere");
    } else {
      ++none_before;
      f.push_back("before=none");
      if (const Span* m = after[k]) {
        const size_t ms = a.SentenceOf(m->begin);
        f.push_back("after|sd=" + Bucket(ms - ps, {0, 1}));
        f.push_back(std::string("after|xr=") + RoleLetter(a.WordAt(m->begin, m->end)) + "|" + p);
      }
    }
    out.candidates.push_back(std::move(f));
  }
  out.excluded.assign(out.candidates.size(), false);
  // A pronoun never names its own clause's other argument: in "he was summoning Max Kampelman"
  // "he" is not Kampelman, in "the formula he agreed upon with Gorbachev" not Gorbachev, in
  // "Reagan praised him" "him" is not Reagan (its reflexive would be).
  if (pw != nullptr && pw->clause >= 0 &&
      (pw->role == Role::kSubject || pw->role == Role::kObject)) {
    for (size_t k = 0; k < c.candidates.size(); ++k) {
      for (const Span& s : mentions[k]) {
        if (a.SentenceOf(s.begin) != ps) continue;
        const SyntacticWord* xw = a.WordAt(s.begin, s.end);
        if (xw == nullptr || xw == pw || xw->clause != pw->clause) continue;
        if ((pw->role == Role::kSubject &&
             (xw->role == Role::kObject || xw->role == Role::kPrepObject)) ||
            (pw->role == Role::kObject && xw->role == Role::kSubject)) {
          out.excluded[k] = true;
        }
      }
    }
  }
  out.none = {"none", "none|form=" + form, "none|" + p,
              "none|unnamed_before=" + std::to_string(none_before)};
  // Someone else named after every candidate and before the pronoun.
  size_t last_candidate = 0;
  for (const Span* m : before) {
    if (m != nullptr) last_candidate = std::max(last_candidate, m->end);
  }
  for (Span o : others) {
    if (o.begin < last_candidate || o.end > c.offset) continue;
    out.none.push_back("none|other_nearest");
    out.none.push_back(std::string("none|other_nearest|") +
                       (a.SentenceOf(o.begin) == ps ? "same" : "earlier") + "|" + p);
    break;
  }
  return out;
}

std::map<size_t, std::string> ResolvePeople(const CorefModel& model, TextSyntax* syntax,
                                            const std::vector<PersonMention>& people, size_t s) {
  constexpr size_t kSentencesBack = 3;
  constexpr size_t kMostCandidates = 4;
  std::map<size_t, std::string> out;
  if (s >= syntax->sentences().size()) return out;
  const std::string_view text = syntax->text();
  const SentenceSpan span = syntax->sentences()[s];
  std::vector<std::pair<size_t, size_t>> spans;
  for (const PersonMention& m : people) spans.emplace_back(m.begin, m.end);
  for (size_t i = span.begin; i < span.end;) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < span.end && IsWordByte(text[j])) ++j;
    const std::string word = AsciiLower(text.substr(i, j - i));
    const size_t at = i;
    i = j;
    const Gender want = PronounGender(word);
    if (want == Gender::kUnknown) continue;
    // Each person's mention nearest before the pronoun, or its first after it in the sentence.
    std::map<std::string, const PersonMention*> chosen;
    for (const PersonMention& m : people) {
      const size_t ms = syntax->SentenceOf(m.begin);
      if (ms > s || ms + kSentencesBack < s) continue;
      if (m.gender != Gender::kUnknown && m.gender != want) continue;
      const PersonMention*& c = chosen[m.name];
      // Mentions come in text order: a later one before the pronoun is nearer.
      if (m.end <= at) {
        c = &m;
      } else if (ms == s && m.begin >= at + word.size() && c == nullptr) {
        c = &m;
      }
    }
    std::vector<const PersonMention*> candidates;
    for (const auto& [name, m] : chosen) {
      if (m != nullptr) candidates.push_back(m);
    }
    if (candidates.empty()) continue;
    // The nearest few to the pronoun.
    auto distance = [at](const PersonMention* m) {
      return m->end <= at ? at - m->end : m->begin - at;
    };
    std::sort(
        candidates.begin(), candidates.end(),
        [&](const PersonMention* x, const PersonMention* y) { return distance(x) < distance(y); });
    if (candidates.size() > kMostCandidates) candidates.resize(kMostCandidates);
    PronounCase c;
    c.text = text;
    c.offset = at;
    c.length = word.size();
    for (const PersonMention* m : candidates) {
      c.candidates.push_back({m->name, m->begin, m->end - m->begin});
    }
    const CaseFeatures features = DescribeCase(c, syntax, spans);
    int choice = model.Choose(features);
    // The only person in reach (not known to be of the other gender) is who it names: news
    // names the people it speaks of, and "none" (learnt from text that often does not) would
    // leave the pronoun naming nobody.
    if (choice < 0 && candidates.size() == 1 && !features.excluded.front()) {
      choice = 0;
    }
    out[at - span.begin] = choice < 0 ? "" : candidates[static_cast<size_t>(choice)]->name;
  }
  return out;
}

double CorefModel::Score(const FeatureList& features) const {
  double s = 0;
  for (const std::string& f : features) {
    auto it = weights.find(f);
    if (it != weights.end()) s += it->second;
  }
  return s;
}

int CorefModel::Choose(const CaseFeatures& c, std::vector<double>* probabilities) const {
  std::vector<double> s;
  for (const FeatureList& f : c.candidates) s.push_back(Score(f));
  s.push_back(Score(c.none));
  const double top = *std::max_element(s.begin(), s.end());
  double sum = 0;
  for (double& v : s) sum += (v = std::exp(v - top));
  for (double& v : s) v /= sum;
  int best = -1;
  double best_p = s.back();
  for (size_t k = 0; k + 1 < s.size(); ++k) {
    if (k < c.excluded.size() && c.excluded[k]) continue;
    if (s[k] > best_p) {
      best_p = s[k];
      best = static_cast<int>(k);
    }
  }
  if (probabilities != nullptr) *probabilities = std::move(s);
  return best;
}

CorefModel CorefModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "cannot open the pronoun model");
  CorefModel m;
  std::string line;
  uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1) {
      if (line != kHeader) {
        throw InputError(path, n, "not a pronoun model (expected '" + std::string(kHeader) + "')");
      }
      continue;
    }
    if (line.empty()) continue;
    size_t tab = line.rfind('\t');
    if (tab == std::string::npos) throw InputError(path, n, "expected FEATURE<TAB>WEIGHT");
    char* end = nullptr;
    const std::string number = line.substr(tab + 1);
    double w = std::strtod(number.c_str(), &end);
    if (end == number.c_str() || *end != '\0' || !std::isfinite(w))
      throw InputError(path, n, "weight '" + number + "' is not a number");
    m.weights[line.substr(0, tab)] = w;
  }
  if (n == 0) throw InputError(path, 0, "empty file: not a pronoun model");
  return m;
}

void CorefModel::Save(const std::string& path) const {
  AtomicFile file(path);
  std::string text = std::string(kHeader) + "\n";
  char buf[64];
  for (const auto& [f, w] : weights) {
    std::snprintf(buf, sizeof buf, "%.6g", w);
    text += f + "\t" + buf + "\n";
  }
  file.Write(text.data(), text.size());
  file.Commit();
}

CorefModel TrainCoref(const std::vector<CaseFeatures>& cases, const std::vector<int>& gold,
                      const CorefTrainOptions& o) {
  // Features as indices, each case's choices as index lists (none last).
  std::unordered_map<std::string, size_t> index;
  std::vector<std::string> names;
  std::vector<std::vector<std::vector<size_t>>> data(cases.size());
  auto id = [&](const std::string& f) {
    auto [it, added] = index.emplace(f, names.size());
    if (added) names.push_back(f);
    return it->second;
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    for (const FeatureList& f : cases[i].candidates) {
      std::vector<size_t> ids;
      for (const std::string& x : f) ids.push_back(id(x));
      data[i].push_back(std::move(ids));
    }
    std::vector<size_t> ids;
    for (const std::string& x : cases[i].none) ids.push_back(id(x));
    data[i].push_back(std::move(ids));
  }
  std::vector<double> w(names.size(), 0), g2(names.size(), 0);
  std::vector<size_t> order(cases.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(o.seed);
  std::vector<double> grad(names.size(), 0);
  std::vector<char> seen(names.size(), 0);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    // Fisher-Yates with the generator's own output: the same order on every standard library.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t i : order) {
      const auto& choices = data[i];
      std::vector<double> s(choices.size(), 0);
      for (size_t k = 0; k < choices.size(); ++k) {
        for (size_t f : choices[k]) s[k] += w[f];
      }
      const double top = *std::max_element(s.begin(), s.end());
      double sum = 0;
      for (double& v : s) sum += (v = std::exp(v - top));
      const size_t right = gold[i] < 0 ? choices.size() - 1 : static_cast<size_t>(gold[i]);
      std::vector<size_t> touched;
      for (size_t k = 0; k < choices.size(); ++k) {
        const double coeff = (k == right ? 1.0 : 0.0) - s[k] / sum;
        for (size_t f : choices[k]) {
          if (!seen[f]) touched.push_back(f);
          seen[f] = 1;
          grad[f] += coeff;
        }
      }
      for (size_t f : touched) {
        const double g = grad[f] - o.l2 * w[f];
        g2[f] += g * g;
        w[f] += o.rate * g / std::sqrt(g2[f] + 1e-8);
        grad[f] = 0;
        seen[f] = 0;
      }
    }
  }
  CorefModel m;
  for (size_t f = 0; f < names.size(); ++f) {
    if (std::abs(w[f]) >= o.prune) m.weights[names[f]] = w[f];
  }
  return m;
}

std::vector<std::string> CorefModelSearchPath() {
#ifdef WEFT_SOURCE_COREF_MODEL
  return ModelSearchPath("WEFT_COREF_MODEL", "weft-coref.model", WEFT_SOURCE_COREF_MODEL);
#else
  return ModelSearchPath("WEFT_COREF_MODEL", "weft-coref.model", nullptr);
#endif
}

std::shared_ptr<const CorefModel> SharedCorefModel() {
  static std::mutex mutex;
  static std::shared_ptr<const CorefModel> model;
  std::lock_guard<std::mutex> lock(mutex);
  if (model) return model;
  std::vector<std::string> paths = CorefModelSearchPath();
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) continue;
    model = std::make_shared<const CorefModel>(CorefModel::Load(p));
    return model;
  }
  std::string looked;
  for (const std::string& p : paths) looked += (looked.empty() ? "" : ", ") + p;
  throw Error("no pronoun model found (looked at " + looked +
              "); build one with 'weft train coref --data "
              "../shared/data/gap/gap-development.tsv --out graph/extract/weft-coref.model' or "
              "set WEFT_COREF_MODEL");
}

}  // namespace weft::extract
