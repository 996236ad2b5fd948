#include "graph/syntax/model.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "graph/base/atomic_file.h"
#include "graph/base/data_files.h"
#include "graph/base/error.h"
#include "graph/base/hash.h"
#include "graph/base/text.h"
#include "graph/syntax/bytes.h"
#include "graph/syntax/features.h"
#include "graph/syntax/tagger.h"

namespace weft::syntax {
namespace {

constexpr char kMagic[8] = {'W', 'E', 'F', 'T', 'U', 'D', 'P', '\n'};
constexpr size_t kHeader = 8 + 4 + 8;  // magic, version, fingerprint
constexpr const char* kRebuild =
    "rebuild it with 'weft train parser --data "
    "../shared/data/ud-english-ewt/en_ewt-ud-train.conllu'";

void PutStrings(std::string* out, const std::vector<std::string>& v) {
  PutU32(out, static_cast<uint32_t>(v.size()));
  for (const std::string& s : v) PutString(out, s);
}
std::vector<std::string> ReadStrings(ByteReader& r) {
  uint32_t n = r.U32();
  std::vector<std::string> v;
  for (uint32_t i = 0; i < n; ++i) v.push_back(r.String());
  return v;
}

}  // namespace

std::unique_ptr<SyntaxModel> SyntaxModel::Build(std::vector<std::string> tags,
                                                std::vector<std::string> labels, WeightTable tagger,
                                                WeightTable second_tagger, WeightTable parser,
                                                Lemmatizer lemmatizer, std::string provenance,
                                                int beam_width) {
  std::unique_ptr<SyntaxModel> m(new SyntaxModel());
  m->beam_width_ = beam_width;
  m->tags_ = std::move(tags);
  m->labels_ = std::move(labels);
  m->root_label_ = -1;
  for (size_t i = 0; i < m->labels_.size(); ++i) {
    if (m->labels_[i] == "root") m->root_label_ = static_cast<int>(i);
  }
  if (m->root_label_ < 0) throw Error("syntax model: the relation labels have no 'root'");
  for (size_t i = 0; i < m->tags_.size(); ++i) {
    if (m->tags_[i] == "PROPN\tNNP") m->proper_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "VERB\tVBD") m->past_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "NOUN\tNN") m->noun_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "VERB\tVBN") m->participle_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "VERB\tVBZ") m->present_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "VERB\tVBP") m->plural_present_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "VERB\tVB") m->base_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "PART\tTO") m->to_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "ADJ\tJJ") m->adjective_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "ADP\tIN") m->preposition_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "ADV\tRB") m->adverb_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "AUX\tVBD") m->aux_past_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "AUX\tVBZ") m->aux_present_tag_ = static_cast<int>(i);
    if (m->tags_[i] == "AUX\tVBP") m->aux_plural_tag_ = static_cast<int>(i);
  }
  m->tagger_ = std::move(tagger);
  m->second_tagger_ = std::move(second_tagger);
  m->parser_ = std::move(parser);
  m->lemmatizer_ = std::move(lemmatizer);
  m->provenance_ = std::move(provenance);
  return m;
}

std::string SyntaxModel::Serialise() const {
  std::string out(kMagic, sizeof(kMagic));
  PutU32(&out, kFormatVersion);
  PutU64(&out, FeatureFingerprint());
  PutString(&out, provenance_);
  PutStrings(&out, tags_);
  PutStrings(&out, labels_);
  PutU32(&out, static_cast<uint32_t>(beam_width_));
  tagger_.Serialise(&out);
  second_tagger_.Serialise(&out);
  parser_.Serialise(&out);
  lemmatizer_.Serialise(&out);
  PutU64(&out, Hash64(out));
  return out;
}

std::unique_ptr<SyntaxModel> SyntaxModel::Pruned(float tagger_min, float parser_min) const {
  return Build(tags_, labels_, tagger_.Pruned(tagger_min), second_tagger_.Pruned(tagger_min),
               parser_.Pruned(parser_min), lemmatizer_, provenance_, beam_width_);
}

void SyntaxModel::Save(const std::string& path) const {
  std::string bytes = Serialise();
  AtomicFile file(path);
  file.Write(bytes.data(), bytes.size());
  file.Commit();
}

std::unique_ptr<SyntaxModel> SyntaxModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open the syntax model " + path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error("cannot read the syntax model " + path);
  return FromBytes(ss.str(), path);
}

std::unique_ptr<SyntaxModel> SyntaxModel::FromBytes(std::string_view bytes,
                                                    const std::string& name) {
  if (bytes.size() < kHeader + 8 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    throw Error(name + ": not a weft syntax model");
  }
  size_t pos = 8;
  ByteReader header(bytes, &pos, name);
  uint32_t version = header.U32();
  if (version > kFormatVersion) {
    throw Error(name + ": syntax model format " + std::to_string(version) +
                " is newer than this weft reads (" + std::to_string(kFormatVersion) + ")");
  }
  if (version != kFormatVersion) {
    throw Error(name + ": syntax model format " + std::to_string(version) + " is no longer read; " +
                kRebuild);
  }
  const size_t body = bytes.size() - 8;
  uint64_t stored = 0;
  for (int i = 0; i < 8; ++i) {
    stored |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[body + i])) << (8 * i);
  }
  if (Hash64(bytes.substr(0, body)) != stored) {
    throw Error(name + ": damaged syntax model (checksum mismatch); " + kRebuild);
  }
  uint64_t fingerprint = header.U64();
  if (fingerprint != FeatureFingerprint()) {
    throw Error(name + ": syntax model trained with other features than this weft computes; " +
                kRebuild);
  }
  std::string_view payload = bytes.substr(0, body);
  ByteReader r(payload, &pos, name);
  std::string provenance = r.String();
  std::vector<std::string> tags = ReadStrings(r);
  std::vector<std::string> labels = ReadStrings(r);
  if (tags.empty() || tags.size() > 65535 || labels.empty() || labels.size() > 32000) {
    throw Error(name + ": damaged syntax model (tag or label count)");
  }
  for (const std::string& t : tags) {
    if (t.find('\t') == std::string::npos) throw Error(name + ": damaged syntax model (tag)");
  }
  const uint32_t beam_width = r.U32();
  if (beam_width < 1 || beam_width > kMaxBeamWidth) {
    throw Error(name + ": damaged syntax model (beam width)");
  }
  WeightTable tagger = WeightTable::Read(payload, &pos, name);
  WeightTable second_tagger = WeightTable::Read(payload, &pos, name);
  WeightTable parser = WeightTable::Read(payload, &pos, name);
  Lemmatizer lemmatizer = Lemmatizer::Read(payload, &pos, name);
  if (pos != payload.size()) throw Error(name + ": damaged syntax model (trailing bytes)");
  return Build(std::move(tags), std::move(labels), std::move(tagger), std::move(second_tagger),
               std::move(parser), std::move(lemmatizer), std::move(provenance),
               static_cast<int>(beam_width));
}

std::shared_ptr<const SyntaxModel> SyntaxModel::Shared() {
  static std::mutex mutex;
  static std::shared_ptr<const SyntaxModel> model;
  std::lock_guard<std::mutex> lock(mutex);
  if (model) return model;
#ifdef WEFT_SOURCE_SYNTAX_MODEL
  std::vector<std::string> paths =
      ModelSearchPath("WEFT_SYNTAX_MODEL", "weft-ud.model", WEFT_SOURCE_SYNTAX_MODEL);
#else
  std::vector<std::string> paths = ModelSearchPath("WEFT_SYNTAX_MODEL", "weft-ud.model", nullptr);
#endif
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) continue;
    model = Load(p);
    return model;
  }
  std::string looked;
  for (const std::string& p : paths) looked += (looked.empty() ? "" : ", ") + p;
  throw Error("no syntax model found (looked at " + looked + "); build one with 'weft train " +
              "parser --data ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu --out " +
              "graph/syntax/weft-ud.model' or set WEFT_SYNTAX_MODEL");
}

std::string_view SyntaxModel::Upos(int tag) const {
  std::string_view t = tags_[static_cast<size_t>(tag)];
  return t.substr(0, t.find('\t'));
}

std::string_view SyntaxModel::Xpos(int tag) const {
  std::string_view t = tags_[static_cast<size_t>(tag)];
  return t.substr(t.find('\t') + 1);
}

bool SyntaxModel::IsCommonWord(std::string_view word) const {
  for (std::string_view upos : {"NOUN", "VERB", "AUX", "ADJ", "ADV", "ADP", "DET", "PRON", "CCONJ",
                                "SCONJ", "PART", "NUM"}) {
    if (lemmatizer_.Knows(word, upos)) return true;
  }
  // WordNet's words ("sells", "raids"), unless the treebank writes the word as a name.
  return lemmatizer_.IsWord(word) && !lemmatizer_.Knows(word, "PROPN");
}

bool SyntaxModel::IsUnknownCapitalised(std::string_view word) const {
  // "Northwind" opening a sentence, where a capital says nothing: a capitalised word neither the
  // treebank nor WordNet knows is a name, whatever its suffix suggests ("-wind" reads as an
  // adverb). Hyphenated words ("China-based"), acronyms in capitals (tagged as nouns as often
  // as names) and single letters are left to the tagger.
  if (word.size() < 2 || word[0] < 'A' || word[0] > 'Z') return false;
  bool small = false;
  for (char c : word) {
    small = small || (c >= 'a' && c <= 'z');
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '&')) {
      return false;
    }
  }
  return small && !lemmatizer_.IsWord(word);
}

namespace {

// "1986", "2004": a year, which ends a subject as often as it is an amount.
bool IsYear(std::string_view w) {
  return w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "mine", "ours": a possessive pronoun that stands for its noun phrase, so that nothing
// describes it.
bool IsIndependentPossessive(std::string_view lower) {
  return lower == "mine" || lower == "yours" || lower == "hers" || lower == "ours" ||
         lower == "theirs";
}

}  // namespace

Analysis SyntaxModel::Analyse(const std::vector<std::string_view>& words,
                              const std::vector<bool>* names) const {
  Analysis a;
  if (words.empty()) return a;
  std::vector<WordKeys> keys = KeysOf(words);
  std::vector<int> fixed;
  if (proper_tag_ >= 0) {
    fixed.assign(words.size(), -1);
    for (size_t i = 0; i < words.size(); ++i) {
      if (names != nullptr && i < names->size() && (*names)[i]) {
        fixed[i] = proper_tag_;
      } else if ((i == 0 || (!words[i - 1].empty() &&
                             std::islower(static_cast<unsigned char>(words[i - 1][0])) != 0)) &&
                 IsUnknownCapitalised(words[i])) {
        // At a sentence's start, or after a word in small letters ("its Stant division"): a
        // capital there is a name's, where a run of capitals may be a title's.
        fixed[i] = proper_tag_;
      }
    }
  }
  const int classes = static_cast<int>(tags_.size());
  const std::vector<int>* known = fixed.empty() ? nullptr : &fixed;
  a.tags = Tag(tagger_, classes, keys, known);
  std::vector<int> ahead(a.tags.size());
  for (size_t i = 0; i < ahead.size(); ++i) ahead[i] = a.tags[i] + 1;
  // A capitalised word tagged with a closed class it is not a member of ("Boeing" an auxiliary
  // for its -ing) is a name: the closed classes' members are all in the treebank.
  if (!fixed.empty()) {
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string_view w = words[i];
      if (fixed[i] >= 0 || w.empty() || w[0] < 'A' || w[0] > 'Z') continue;
      const std::string_view upos = Upos(a.tags[i]);
      const bool closed = upos == "AUX" || upos == "DET" || upos == "PRON" || upos == "ADP" ||
                          upos == "CCONJ" || upos == "SCONJ" || upos == "PART";
      if (closed && !lemmatizer_.Knows(w, upos)) fixed[i] = proper_tag_;
    }
  }
  a.tags = Tag(second_tagger_, classes, keys, known, &ahead);
  // A sentence of three words or more has a finite verb. Without one, a past tense was misread
  // as an adjective or a noun ("a researcher surprised analysts", "Profit rose 5%"): the first
  // such word after the first is fixed as the past tense it can be, and the sentence retagged.
  if (past_tag_ >= 0 && words.size() >= 3) {
    bool finite = false;
    for (int t : a.tags) {
      const std::string_view x = Xpos(t);
      finite = finite || x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD";
    }
    for (size_t i = 1; i < words.size() && !finite; ++i) {
      const std::string_view upos = Upos(a.tags[i]);
      // Its subject before it: a noun, a pronoun, or a first word read as an imperative; or
      // a year ending the subject ("the value of exports in calendar 1986 fell 5.4 pct").
      const std::string_view before = Upos(a.tags[i - 1]);
      const bool subject = before == "NOUN" || before == "PROPN" || before == "PRON" ||
                           (i == 1 && Xpos(a.tags[0]) == "VB") || IsYear(words[i - 1]);
      // A participle the parser would hang from the next noun as a modifier ("The department
      // revised December factory orders"): a past tense where an object follows.
      const std::string_view after = i + 1 < words.size() ? Upos(a.tags[i + 1]) : "";
      const bool participle =
          Xpos(a.tags[i]) == "VBN" && (after == "DET" || after == "NOUN" || after == "PROPN" ||
                                       after == "NUM" || after == "ADJ" || after == "PRON");
      if (!subject || (upos != "ADJ" && upos != "NOUN" && !participle) || words[i].empty() ||
          words[i][0] < 'a' || words[i][0] > 'z') {
        continue;
      }
      // A present tense in -s right before an amount ("The final tranche totals 65.49 mln
      // dlrs"), of a verb the treebank or WordNet knows; else a past tense the treebank knows.
      const std::string third = lemmatizer_.Lemma(words[i], "VERB", "VBZ");
      const bool present = present_tag_ >= 0 && upos == "NOUN" && after == "NUM" &&
                           words[i].back() == 's' && third != words[i] &&
                           lemmatizer_.IsVerbBase(third);
      if (!present && (!lemmatizer_.Knows(words[i], "VERB") ||
                       lemmatizer_.Lemma(words[i], "VERB", "VBD") == words[i])) {
        continue;
      }
      if (fixed.empty()) fixed.assign(words.size(), -1);
      fixed[i] = present ? present_tag_ : past_tag_;
      // Its subject read as an imperative is the noun it can be ("Profit rose").
      if (i == 1 && noun_tag_ >= 0 && Xpos(a.tags[0]) == "VB" &&
          lemmatizer_.Knows(words[0], "NOUN")) {
        fixed[0] = noun_tag_;
      }
      finite = true;
      a.tags = Tag(second_tagger_, classes, keys, &fixed, &ahead);
    }
  }
  // An irregular verb form that is nothing else ("the plan froze prices", "had lent money")
  // read as a noun or an adjective: a participle after a form of "have" or "be", else a past
  // tense; the sentence is retagged around it.
  if (past_tag_ >= 0 && participle_tag_ >= 0) {
    bool changed = false;
    for (size_t i = 1; i < words.size(); ++i) {
      const std::string_view upos = Upos(a.tags[i]);
      if ((upos != "NOUN" && upos != "ADJ") || (!fixed.empty() && fixed[i] >= 0) ||
          words[i].empty() || words[i][0] < 'a' || words[i][0] > 'z') {
        continue;
      }
      // (One that is also a noun, "rose", "fell", between a noun and an amount: "net income
      // rose 12 pct", "sales fell to 4.5 mln dlrs".)
      const auto amount_at = [&](size_t k) { return k < words.size() && Upos(a.tags[k]) == "NUM"; };
      const std::string_view noun_before = Upos(a.tags[i - 1]);
      const bool between =
          (noun_before == "NOUN" || noun_before == "PROPN" || IsYear(words[i - 1])) &&
          lemmatizer_.IsIrregularVerbForm(words[i]) &&
          (amount_at(i + 1) ||
           (i + 2 < words.size() && Upos(a.tags[i + 1]) == "ADP" && amount_at(i + 2)));
      const std::string before = AsciiLower(words[i - 1]);
      // (Or one right after "have": "Peoples had lent money", "lent" a noun too.)
      const bool after_have =
          (before == "have" || before == "has" || before == "had" || before == "having") &&
          lemmatizer_.IsIrregularVerbForm(words[i]);
      if (!between && !after_have && !lemmatizer_.IsOnlyVerbForm(words[i])) continue;
      const bool perfect = before == "have" || before == "has" || before == "had" ||
                           before == "having" || before == "be" || before == "been" ||
                           before == "being" || before == "is" || before == "are" ||
                           before == "was" || before == "were";
      if (fixed.empty()) fixed.assign(words.size(), -1);
      fixed[i] = perfect ? participle_tag_ : past_tag_;
      // ("had" then the auxiliary of the perfect.)
      if (after_have) {
        const int aux = before == "had"    ? aux_past_tag_
                        : before == "has"  ? aux_present_tag_
                        : before == "have" ? aux_plural_tag_
                                           : -1;
        if (aux >= 0) fixed[i - 1] = aux;
      }
      changed = true;
    }
    if (changed) a.tags = Tag(second_tagger_, classes, keys, &fixed, &ahead);
  }
  // ", figures from the Ministry of Agriculture show.": a sentence's last word, a verb's base
  // form the tagger read as a noun, after a comma and a plural noun or a name with no verb
  // between, is that noun's verb, the source of what the sentence said.
  if (plural_present_tag_ >= 0 && words.size() >= 5) {
    size_t last = words.size() - 1;
    while (last > 0 && Upos(a.tags[last]) == "PUNCT") --last;
    const std::string_view w = words[last];
    if (last + 1 < words.size() && Upos(a.tags[last]) == "NOUN" && !w.empty() && w[0] >= 'a' &&
        w[0] <= 'z' && (fixed.empty() || fixed[last] < 0) && lemmatizer_.Knows(w, "VERB") &&
        lemmatizer_.IsVerbBase(w)) {
      bool plural = false;
      size_t k = last;
      while (k > 0 && words[k - 1] != ",") {
        --k;
        const std::string_view u = Upos(a.tags[k]);
        if (u == "VERB" || u == "AUX") break;
        plural = plural || Xpos(a.tags[k]) == "NNS" || u == "PROPN";
      }
      if (k > 1 && words[k - 1] == "," && plural && Upos(a.tags[k]) != "VERB" &&
          Upos(a.tags[k]) != "AUX") {
        if (fixed.empty()) fixed.assign(words.size(), -1);
        fixed[last] = plural_present_tag_;
        a.tags = Tag(second_tagger_, classes, keys, &fixed, &ahead);
      }
    }
  }
  // A word that is only an adjective (WordNet has no noun or verb of it) read as a noun
  // straight after a verb or before a noun: "pleaded guilty to charges", "widespread
  // shortages"; a noun read as an adjective with nothing after it to describe ("its chief
  // executive, Ana Ferreira"); a word that is only a preposition (the treebank has it as nothing
  // else, WordNet not at all) read as another open class: "its first anniversary amid soaring
  // prices". The sentence is retagged around them.
  if (adjective_tag_ >= 0 && preposition_tag_ >= 0) {
    bool changed = false;
    // "Factory inventories rose": a capitalised first word read as an adjective before a noun,
    // that neither the treebank nor WordNet has as an adjective but both or either as a noun,
    // is the noun it is.
    if (noun_tag_ >= 0 && words.size() > 2 && Upos(a.tags[0]) == "ADJ" &&
        Upos(a.tags[1]) == "NOUN" && (fixed.empty() || fixed[0] < 0)) {
      const std::string first = AsciiLower(words[0]);
      if (!lemmatizer_.IsAdjective(first) && lemmatizer_.IsNoun(first)) {
        if (fixed.empty()) fixed.assign(words.size(), -1);
        fixed[0] = noun_tag_;
        changed = true;
      }
    }
    for (size_t i = 1; i < words.size(); ++i) {
      const std::string_view upos = Upos(a.tags[i]);
      if ((!fixed.empty() && fixed[i] >= 0) || words[i].empty() || words[i][0] < 'a' ||
          words[i][0] > 'z') {
        continue;
      }
      const std::string_view before = Upos(a.tags[i - 1]);
      const std::string_view after = i + 1 < words.size() ? Upos(a.tags[i + 1]) : "";
      int tag = -1;
      if (upos == "NOUN" &&
          (before == "VERB" || before == "AUX" || after == "NOUN" || after == "PROPN") &&
          lemmatizer_.IsOnlyAdjective(words[i])) {
        tag = adjective_tag_;
      } else if (upos == "VERB" && after == "NOUN" && lemmatizer_.IsOnlyAdjective(words[i])) {
        // "now has foreign debt", read with "foreign" the participle after "has".
        tag = adjective_tag_;
      } else if ((upos == "NOUN" || upos == "VERB" || upos == "ADJ" || upos == "PROPN") &&
                 lemmatizer_.IsOnlyPreposition(words[i])) {
        tag = preposition_tag_;
      } else if (upos == "ADJ" && noun_tag_ >= 0 && after == "NOUN" &&
                 !lemmatizer_.IsAdjective(words[i]) && lemmatizer_.IsNoun(words[i])) {
        // "the gold mine", "surplus maize": a noun before a noun, which no one has as an
        // adjective.
        tag = noun_tag_;
      } else if (upos == "ADJ" && noun_tag_ >= 0 && before == "ADJ" && i + 1 < words.size() &&
                 (words[i + 1] == "," || AsciiLower(words[i + 1]) == "of") &&
                 lemmatizer_.IsNoun(words[i])) {
        // "Contoso's chief executive, Ana Ferreira,", "chief executive of Contoso": an
        // adjective with no noun after it to describe, in a noun phrase, that is also a noun.
        tag = noun_tag_;
      } else if (upos == "VERB" && adverb_tag_ >= 0 && after == "NUM" &&
                 (AsciiLower(words[i]) == "around" || AsciiLower(words[i]) == "about")) {
        // "to around 2.9 billion dlrs": how near the amount is, no verb (and "to" the
        // preposition before the amount).
        tag = adverb_tag_;
        if (AsciiLower(words[i - 1]) == "to") {
          if (fixed.empty()) fixed.assign(words.size(), -1);
          fixed[i - 1] = preposition_tag_;
        }
      } else if (upos == "VERB" && noun_tag_ >= 0 && before == "VERB" && Xpos(a.tags[i]) == "VB" &&
                 !lemmatizer_.Knows(words[i], "VERB") &&
                 !lemmatizer_.IsVerbBase(AsciiLower(words[i])) &&
                 lemmatizer_.IsNoun(AsciiLower(words[i]))) {
        // "to slash maize production": a word no one has as a verb, read as a verb's base form
        // right after a verb, is the noun it is.
        tag = noun_tag_;
      } else if (upos == "PART" && words[i] == "to") {
        // "could fall to just one pct": "to" before an amount, adverbs between, is the
        // preposition (the treebank has it as nothing else there).
        size_t k = i + 1;
        while (k < words.size() && Upos(a.tags[k]) == "ADV") ++k;
        if (k < words.size() && Upos(a.tags[k]) == "NUM") tag = preposition_tag_;
      } else if (upos == "PRON" && noun_tag_ >= 0 &&
                 (before == "DET" || before == "ADJ" || before == "NOUN") &&
                 IsIndependentPossessive(AsciiLower(words[i])) &&
                 lemmatizer_.IsNoun(AsciiLower(words[i]))) {
        // "the richest gold mine", "its coal mine": a possessive pronoun after a determiner or
        // a modifier, which no pronoun has, and a noun as well.
        tag = noun_tag_;
      }
      if (tag < 0) continue;
      if (fixed.empty()) fixed.assign(words.size(), -1);
      fixed[i] = tag;
      changed = true;
    }
    if (changed) a.tags = Tag(second_tagger_, classes, keys, &fixed, &ahead);
  }
  // "would enable TRC to buy spares for 32 locomotives, overhaul 800 wagons and replace 67,000
  // sleepers", "will buy Fabrikam, close its plant": in a list after a verb's base form, a
  // verb's base form (treebank or WordNet) tagged a noun or an adjective, after a comma or
  // "and" and before what can be its object (a determiner, a possessive, a number), is another
  // base form.
  if (base_tag_ >= 0) {
    bool base_before = false;
    bool changed = false;
    for (size_t i = 1; i + 1 < words.size(); ++i) {
      const std::string_view upos = Upos(a.tags[i]);
      if (Xpos(a.tags[i]) == "VB") base_before = true;
      if (!base_before || (upos != "NOUN" && upos != "ADJ") || (!fixed.empty() && fixed[i] >= 0) ||
          words[i].empty() || words[i][0] < 'a' || words[i][0] > 'z') {
        continue;
      }
      const std::string before = AsciiLower(words[i - 1]);
      const std::string_view next = Xpos(a.tags[i + 1]);
      // (A base form, not "matching" or "recorded", which the treebank knows as verbs too.)
      const std::string lower = AsciiLower(words[i]);
      if ((before != "," && before != "and") || (next != "DT" && next != "PRP$" && next != "CD") ||
          lower.ends_with("ing") || lower.ends_with("ed") || !lemmatizer_.IsVerbBase(lower)) {
        continue;
      }
      if (fixed.empty()) fixed.assign(words.size(), -1);
      fixed[i] = base_tag_;
      changed = true;
    }
    if (changed) a.tags = Tag(second_tagger_, classes, keys, &fixed, &ahead);
  }
  // "Chrysler planned to market a few hundred vehicles": after a verb that takes an
  // infinitive, "to" and a verb's base form (treebank or WordNet), before what can be its object,
  // are an infinitive, not a preposition and its noun.
  if (base_tag_ >= 0 && to_tag_ >= 0) {
    bool changed = false;
    for (size_t i = 2; i + 1 < words.size(); ++i) {
      if (AsciiLower(words[i - 1]) != "to" || Upos(a.tags[i]) != "NOUN" ||
          Upos(a.tags[i - 2]) != "VERB" || (!fixed.empty() && fixed[i] >= 0) ||
          !lemmatizer_.IsVerbBase(AsciiLower(words[i]))) {
        continue;
      }
      // (A quotation mark before it aside: to market "a few hundred vehicles".)
      size_t after = i + 1;
      if (after + 1 < words.size() && (words[after] == "\"" || words[after] == "``")) ++after;
      const std::string_view next = Upos(a.tags[after]);
      if (next != "DET" && next != "NUM" && next != "ADJ" && next != "PRON") continue;
      static const std::set<std::string, std::less<>> kTakeInfinitives = {
          "plan",   "want",    "aim",      "hope",     "intend",  "seek", "try",     "agree",
          "decide", "expect",  "continue", "begin",    "start",   "fail", "refuse",  "propose",
          "need",   "prepare", "attempt",  "threaten", "promise", "vote", "arrange", "move"};
      const std::string verb =
          lemmatizer_.Lemma(words[i - 2], Upos(a.tags[i - 2]), Xpos(a.tags[i - 2]));
      if (!kTakeInfinitives.count(verb)) continue;
      if (fixed.empty()) fixed.assign(words.size(), -1);
      fixed[i] = base_tag_;
      fixed[i - 1] = to_tag_;
      changed = true;
    }
    if (changed) a.tags = Tag(second_tagger_, classes, keys, &fixed, &ahead);
  }
  std::vector<int> ids(a.tags.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = a.tags[i] + 1;
  a.tree = Parse(parser_, static_cast<int>(labels_.size()), root_label_, keys, ids, beam_width_);
  // The sentence tagged again with the tags `fixed` holds, and parsed again.
  auto retag_and_parse = [&]() {
    a.tags = Tag(second_tagger_, classes, keys, &fixed, &ahead);
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = a.tags[i] + 1;
    a.tree = Parse(parser_, static_cast<int>(labels_.size()), root_label_, keys, ids, beam_width_);
  };
  // "Yonnone, who was senior vice president of the bank, faces five years in jail": a plural
  // noun that is the sentence's root with a subject before it and no copula, and a verb too
  // (treebank or WordNet), is the verb in the present; the sentence is retagged and parsed
  // again.
  const auto root = std::find(a.tree.heads.begin(), a.tree.heads.end(), 0);
  if (present_tag_ >= 0 && root != a.tree.heads.begin() && root != a.tree.heads.end()) {
    const size_t r = static_cast<size_t>(root - a.tree.heads.begin());
    const std::string_view w = words[r];
    // (Not right after a word of a noun phrase: "The deputy ministers, who declined ...".)
    const std::string_view before = Upos(a.tags[r - 1]);
    if (Xpos(a.tags[r]) == "NNS" && before != "DET" && before != "ADJ" && before != "NOUN" &&
        before != "NUM" && (fixed.empty() || fixed[r] < 0) && !w.empty() && w[0] >= 'a' &&
        w[0] <= 'z' &&
        (lemmatizer_.Knows(w, "VERB") || lemmatizer_.IsVerbBase(w.substr(0, w.size() - 1)))) {
      bool subject = false;
      bool copula = false;
      for (size_t k = 0; k < words.size(); ++k) {
        if (a.tree.heads[k] != static_cast<int>(r) + 1) continue;
        const std::string_view label = labels_[static_cast<size_t>(a.tree.labels[k])];
        subject = subject || (k < r && label == "nsubj");
        copula = copula || label == "cop";
      }
      if (subject && !copula) {
        if (fixed.empty()) fixed.assign(words.size(), -1);
        fixed[r] = present_tag_;
        retag_and_parse();
      }
    }
  }
  // "The country now has foreign debt totalling 27.8 billion dlrs": "have" read as the
  // auxiliary of a noun that is the sentence's root, with no verb between, is the verb that
  // owns it; the sentence is retagged and parsed again.
  const auto noun_root = std::find(a.tree.heads.begin(), a.tree.heads.end(), 0);
  if (past_tag_ >= 0 && present_tag_ >= 0 && plural_present_tag_ >= 0 &&
      noun_root != a.tree.heads.end() &&
      Upos(a.tags[static_cast<size_t>(noun_root - a.tree.heads.begin())]) == "NOUN") {
    const size_t r = static_cast<size_t>(noun_root - a.tree.heads.begin());
    int have = -1;
    bool copula = false;
    for (size_t k = 0; k < r; ++k) {
      if (a.tree.heads[k] != static_cast<int>(r) + 1) continue;
      const std::string_view label = labels_[static_cast<size_t>(a.tree.labels[k])];
      const std::string lower = AsciiLower(words[k]);
      copula = copula || label == "cop";
      if (label == "aux" && (lower == "has" || lower == "have" || lower == "had")) {
        have = static_cast<int>(k);
      }
    }
    bool verb_between = false;
    for (size_t k = have < 0 ? r : static_cast<size_t>(have) + 1; k < r; ++k) {
      verb_between = verb_between || Upos(a.tags[k]) == "VERB" || Upos(a.tags[k]) == "AUX";
    }
    if (have >= 0 && !copula && !verb_between &&
        (fixed.empty() || fixed[static_cast<size_t>(have)] < 0)) {
      const std::string lower = AsciiLower(words[static_cast<size_t>(have)]);
      if (fixed.empty()) fixed.assign(words.size(), -1);
      fixed[static_cast<size_t>(have)] = lower == "has"    ? present_tag_
                                         : lower == "have" ? plural_present_tag_
                                                           : past_tag_;
      retag_and_parse();
    }
  }
  a.lemmas.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    a.lemmas.push_back(lemmatizer_.Lemma(words[i], Upos(a.tags[i]), Xpos(a.tags[i])));
  }
  return a;
}

void SyntaxModel::Annotate(Sentence* sentence) const {
  std::vector<std::string_view> forms;
  forms.reserve(sentence->words.size());
  for (const Word& w : sentence->words) forms.push_back(w.form);
  Analysis a = Analyse(forms);
  for (size_t i = 0; i < sentence->words.size(); ++i) {
    Word& w = sentence->words[i];
    w.upos = Upos(a.tags[i]);
    w.xpos = Xpos(a.tags[i]);
    w.lemma = a.lemmas[i];
    w.head = a.tree.heads[i];
    w.deprel = labels_[static_cast<size_t>(a.tree.labels[i])];
  }
}

}  // namespace weft::syntax
