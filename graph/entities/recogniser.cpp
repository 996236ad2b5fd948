#include "graph/entities/recogniser.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>

#include "graph/base/data_files.h"
#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::entities {

std::vector<std::string> ModelSearchPath() {
#ifdef WEFT_SOURCE_MODEL
  return weft::ModelSearchPath("WEFT_NER_MODEL", "weft-ner.model", WEFT_SOURCE_MODEL);
#else
  return weft::ModelSearchPath("WEFT_NER_MODEL", "weft-ner.model", nullptr);
#endif
}

std::shared_ptr<const Model> SharedModel() {
  static std::mutex mutex;
  static std::shared_ptr<const Model> model;
  std::lock_guard<std::mutex> lock(mutex);
  if (model) return model;
  std::vector<std::string> paths = ModelSearchPath();
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) continue;
    model = Model::Load(p);
    return model;
  }
  std::string looked;
  for (const std::string& p : paths) looked += (looked.empty() ? "" : ", ") + p;
  throw Error("no entity model found (looked at " + looked +
              "); build one with 'weft train ner --data ../shared/data/conll2003/train.txt "
              "--out graph/entities/weft-ner.model' or set WEFT_NER_MODEL");
}

std::vector<TokenSpan> Recogniser::TagSentence(const std::vector<std::string_view>& words) const {
  SentenceFeatures f;
  ExtractFeatures(words, model_->gazetteer(), model_->cases(), nullptr, &f);
  return SpansOfTags(model_->pass(Pass::kSentence).Decode(f));
}

std::vector<std::vector<TokenSpan>> Recogniser::TagDocument(
    const std::vector<std::vector<std::string_view>>& sentences,
    const std::vector<ContextRange>& contexts) const {
  std::vector<std::vector<TokenSpan>> first(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) first[i] = TagSentence(sentences[i]);
  std::vector<std::vector<TokenSpan>> out(sentences.size());
  // A whole-document context is counted once for all sentences, not once per sentence.
  const bool whole = std::all_of(contexts.begin(), contexts.end(), [&](const ContextRange& c) {
    return c.begin == 0 && c.end == sentences.size();
  });
  std::optional<DocumentCounts> counts;
  if (whole) counts.emplace(sentences, first);
  SentenceFeatures f;
  for (size_t i = 0; i < sentences.size(); ++i) {
    History h = whole ? counts->Evidence(i) : DocumentHistory(sentences, first, i, contexts[i]);
    ExtractFeatures(sentences[i], model_->gazetteer(), model_->cases(), &h, &f);
    out[i] = SpansOfTags(model_->pass(Pass::kDocument).Decode(f));
  }
  return out;
}

std::vector<Mention> Recogniser::Recognise(
    std::string_view text, const std::vector<std::pair<size_t, size_t>>& sentences) const {
  std::vector<std::vector<Token>> tokens(sentences.size());
  std::vector<std::vector<std::string_view>> words(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) {
    auto [b, e] = sentences[s];
    tokens[s] = Tokenize(text.substr(b, e - b), static_cast<uint32_t>(b));
    for (const Token& t : tokens[s]) words[s].push_back(t.text);
  }
  std::vector<ContextRange> contexts(sentences.size(), ContextRange{0, sentences.size()});
  std::vector<std::vector<TokenSpan>> tagged = TagDocument(words, contexts);
  std::vector<Mention> out;
  // Folded name -> votes per class, for the majority rule.
  std::map<std::string, std::array<int, kClasses>> votes;
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (TokenSpan span : tagged[s]) {
      // "Coastal Bancorp <CSBK>", "<Airbus Industrie>": a bracket that marks a ticker or a
      // company's name is no word of the name; the name ends before a ticker.
      const auto bracket = [&](size_t k) { return tokens[s][k].text == "<"; };
      while (span.begin < span.end && bracket(span.begin)) ++span.begin;
      for (size_t k = span.begin; k < span.end; ++k) {
        if (bracket(k)) span.end = k;
      }
      if (span.begin >= span.end) continue;
      Mention m;
      m.begin = tokens[s][span.begin].begin;
      m.end = tokens[s][span.end - 1].end;
      m.text = std::string(text.substr(m.begin, m.end - m.begin));
      m.sentence = static_cast<uint32_t>(s);
      m.type = span.type;
      ++votes[AsciiLower(m.text)][static_cast<int>(span.type)];
      out.push_back(std::move(m));
    }
  }
  for (Mention& m : out) {
    const std::array<int, kClasses>& v = votes[AsciiLower(m.text)];
    int best = static_cast<int>(m.type);
    for (int c = 0; c < kClasses; ++c) {
      if (v[c] > v[best]) best = c;
    }
    m.type = static_cast<EntityClass>(best);
  }
  return out;
}

}  // namespace weft::entities
