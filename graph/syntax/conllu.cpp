#include "graph/syntax/conllu.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <istream>
#include <ostream>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::syntax {
namespace {

constexpr std::array<std::string_view, 37> kRelations = {
    "acl",       "advcl",      "advmod",   "amod",     "appos", "aux",      "case",   "cc",
    "ccomp",     "clf",        "compound", "conj",     "cop",   "csubj",    "dep",    "det",
    "discourse", "dislocated", "expl",     "fixed",    "flat",  "goeswith", "iobj",   "list",
    "mark",      "nmod",       "nsubj",    "nummod",   "obj",   "obl",      "orphan", "parataxis",
    "punct",     "reparandum", "root",     "vocative", "xcomp"};

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Checks the finished sentence: heads in range, no cycle. Lines are the words' file lines.
void CheckTree(const Sentence& s, const std::vector<uint64_t>& lines, const std::string& name,
               bool require_trees) {
  const int n = static_cast<int>(s.words.size());
  for (int i = 0; i < n; ++i) {
    int h = s.words[static_cast<size_t>(i)].head;
    if (h == -1 && !require_trees) continue;
    if (h < 0 || h > n) {
      throw InputError(name, lines[static_cast<size_t>(i)],
                       "head " + std::to_string(h) + " is outside the sentence of " +
                           std::to_string(n) + " words");
    }
  }
  // Following heads from each word must reach the root within n steps.
  std::vector<uint8_t> state(static_cast<size_t>(n) + 1, 0);  // 0 unseen, 1 on path, 2 done
  state[0] = 2;
  for (int i = 1; i <= n; ++i) {
    int w = i;
    std::vector<int> path;
    while (state[static_cast<size_t>(w)] == 0) {
      state[static_cast<size_t>(w)] = 1;
      path.push_back(w);
      int h = s.words[static_cast<size_t>(w) - 1].head;
      if (h < 0) break;
      w = h;
    }
    if (state[static_cast<size_t>(w)] == 1 && s.words[static_cast<size_t>(w) - 1].head >= 0) {
      throw InputError(name, lines[static_cast<size_t>(w) - 1],
                       "word " + std::to_string(w) + " is in a cycle of heads");
    }
    for (int p : path) state[static_cast<size_t>(p)] = 2;
  }
}

}  // namespace

std::string_view BaseRelation(std::string_view relation) {
  size_t colon = relation.find(':');
  return colon == std::string_view::npos ? relation : relation.substr(0, colon);
}

bool KnownRelation(std::string_view relation) {
  std::string_view base = BaseRelation(relation);
  return std::find(kRelations.begin(), kRelations.end(), base) != kRelations.end();
}

std::vector<Sentence> ReadConllu(std::istream& in, const std::string& name,
                                 const ReadConlluOptions& options) {
  std::vector<Sentence> out;
  Sentence current;
  std::vector<uint64_t> lines;
  std::string line;
  uint64_t number = 0;
  auto finish = [&] {
    if (current.words.empty()) {
      if (!current.comments.empty() || !current.other_lines.empty()) {
        throw InputError(name, current.line, "a sentence without words");
      }
      return;
    }
    CheckTree(current, lines, name, options.require_trees);
    out.push_back(std::move(current));
    current = Sentence();
    lines.clear();
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (auto bad = FindInvalidUtf8(line)) {
      throw InputError(name, number, "invalid UTF-8 at byte " + std::to_string(*bad + 1));
    }
    if (line.empty()) {
      finish();
      continue;
    }
    if (current.words.empty() && current.comments.empty() && current.other_lines.empty()) {
      current.line = number;
    }
    if (line[0] == '#') {
      if (!current.words.empty()) throw InputError(name, number, "a comment inside a sentence");
      current.comments.push_back(line);
      continue;
    }
    std::vector<std::string_view> cols = SplitTabs(line);
    if (cols.size() != 10) {
      throw InputError(name, number,
                       "expected 10 tab-separated columns, found " + std::to_string(cols.size()));
    }
    std::string_view id = cols[0];
    if (id.find_first_of("-.") != std::string_view::npos) {
      current.other_lines.emplace_back(current.words.size(), line);
      continue;
    }
    int index = 0;
    if (!ParseInt(id, &index) || index != static_cast<int>(current.words.size()) + 1) {
      throw InputError(name, number,
                       "word ID '" + std::string(id) + "' out of sequence (expected " +
                           std::to_string(current.words.size() + 1) + ")");
    }
    Word w;
    w.form = cols[1];
    w.lemma = cols[2];
    w.upos = cols[3];
    w.xpos = cols[4];
    w.feats = cols[5];
    if (cols[6] == "_") {
      if (options.require_trees) throw InputError(name, number, "no head");
      w.head = -1;
    } else if (!ParseInt(cols[6], &w.head)) {
      throw InputError(name, number, "head '" + std::string(cols[6]) + "' is not a number");
    }
    w.deprel = cols[7];
    if (w.deprel == "_") {
      if (options.require_trees) throw InputError(name, number, "no relation");
    } else if (!KnownRelation(w.deprel)) {
      throw InputError(name, number, "unknown relation '" + w.deprel + "'");
    }
    w.deps = cols[8];
    w.misc = cols[9];
    if (w.form.empty()) throw InputError(name, number, "empty word form");
    current.words.push_back(std::move(w));
    lines.push_back(number);
  }
  finish();
  if (in.bad()) throw InputError(name, number, "read error");
  if (out.empty()) throw InputError(name, 0, "no sentences (an empty CoNLL-U file)");
  return out;
}

std::vector<Sentence> ReadConlluFile(const std::string& path, const ReadConlluOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "cannot open the file");
  return ReadConllu(in, path, options);
}

void WriteConllu(std::ostream& out, const Sentence& sentence) {
  for (const std::string& c : sentence.comments) out << c << '\n';
  size_t other = 0;
  for (size_t i = 0; i <= sentence.words.size(); ++i) {
    while (other < sentence.other_lines.size() && sentence.other_lines[other].first == i) {
      out << sentence.other_lines[other].second << '\n';
      ++other;
    }
    if (i == sentence.words.size()) break;
    const Word& w = sentence.words[i];
    out << (i + 1) << '\t' << w.form << '\t' << w.lemma << '\t' << w.upos << '\t' << w.xpos << '\t'
        << w.feats << '\t' << (w.head < 0 ? std::string("_") : std::to_string(w.head)) << '\t'
        << w.deprel << '\t' << w.deps << '\t' << w.misc << '\n';
  }
  out << '\n';
}

}  // namespace weft::syntax
