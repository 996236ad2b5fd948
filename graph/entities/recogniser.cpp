#include "graph/entities/recogniser.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "graph/error.h"
#include "graph/text.h"

namespace weft::entities {

std::vector<std::string> ModelSearchPath() {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("WEFT_NER_MODEL"); env != nullptr && env[0] != '\0') {
    paths.emplace_back(env);
  }
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    paths.push_back((exe.parent_path() / "weft-ner.model").string());
    paths.push_back((exe.parent_path().parent_path() / "share" / "weft" / "weft-ner.model").string());
  }
#ifdef WEFT_SOURCE_MODEL
  paths.emplace_back(WEFT_SOURCE_MODEL);
#endif
  return paths;
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
  return SpansOfTags(model_->Decode(f));
}

std::vector<Mention> Recogniser::Recognise(
    std::string_view text, const std::vector<std::pair<size_t, size_t>>& sentences) const {
  std::vector<Mention> out;
  // Folded name -> the type it was first given in this document.
  std::map<std::string, EntityClass> first_type;
  for (size_t s = 0; s < sentences.size(); ++s) {
    auto [b, e] = sentences[s];
    std::vector<Token> tokens =
        Tokenize(text.substr(b, e - b), static_cast<uint32_t>(b));
    std::vector<std::string_view> words;
    words.reserve(tokens.size());
    for (const Token& t : tokens) words.push_back(t.text);
    for (const TokenSpan& span : TagSentence(words)) {
      Mention m;
      m.begin = tokens[span.begin].begin;
      m.end = tokens[span.end - 1].end;
      m.text = std::string(text.substr(m.begin, m.end - m.begin));
      m.sentence = static_cast<uint32_t>(s);
      std::string key = AsciiLower(m.text);
      auto [it, inserted] = first_type.emplace(key, span.type);
      m.type = it->second;
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace weft::entities
