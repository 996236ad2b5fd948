#include "query/parser/shape.h"

#include <cctype>

#include "graph/base/text.h"

namespace weft::query {

namespace {

// The grammar's keywords (grammar/WeftQuery.g4), lower case; NEIGHBORS also with a 'u'.
constexpr std::string_view kKeywords[] = {
    "explain",  "match",  "where",    "return",    "distinct",   "order", "by",       "asc",
    "desc",     "limit",  "offset",   "and",       "or",         "not",   "as",       "in",
    "contains", "starts", "with",     "true",      "false",      "path",  "shortest", "to",
    "max",      "via",    "directed", "neighbors", "neighbours", "hops",  "_"};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '&';
}

bool IsKeyword(std::string_view word) {
  if (word.size() > 10) return false;
  char lower[10];
  for (size_t i = 0; i < word.size(); ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
  }
  const std::string_view w(lower, word.size());
  for (std::string_view k : kKeywords) {
    if (k == w) return true;
  }
  return false;
}

bool IsAs(std::string_view word) {
  return word.size() == 2 && (word[0] == 'a' || word[0] == 'A') &&
         (word[1] == 's' || word[1] == 'S');
}

struct Token {
  enum class Kind { kWord, kString, kOther };
  Kind kind;
  size_t begin;
  size_t end;
};

// Where the IDENTIFIER that starts at `i` ends: [L_] [L N _ &]* ([.'] [L N _ &]+)* '.'?
size_t WordEnd(std::string_view text, size_t i) {
  ++i;
  while (i < text.size() && IsWordChar(text[i])) ++i;
  while (i + 1 < text.size() && (text[i] == '.' || text[i] == '\'') && IsWordChar(text[i + 1])) {
    i += 2;
    while (i < text.size() && IsWordChar(text[i])) ++i;
  }
  if (i < text.size() && text[i] == '.') ++i;
  return i;
}

// The tokens of `text` as the grammar's lexer cuts them, comments and blanks left out; nothing
// when the text holds anything this scan does not read exactly as that lexer would.
std::optional<std::vector<Token>> Tokens(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#' || (c == '/' && i + 1 < text.size() && text[i + 1] == '/')) {
      while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
    } else if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < text.size() && text[j] != c) {
        if (text[j] == '\r' || text[j] == '\n') return std::nullopt;
        j += text[j] == '\\' ? 2 : 1;
      }
      if (j >= text.size()) return std::nullopt;
      ++j;
      // A word run straight on would join the parameter's name: read as the lexer would instead.
      if (j < text.size() && (IsWordChar(text[j]) || static_cast<unsigned char>(text[j]) >= 0x80)) {
        return std::nullopt;
      }
      out.push_back({Token::Kind::kString, i, j});
      i = j;
    } else if (std::isalpha(u) != 0 || c == '_') {
      const size_t j = WordEnd(text, i);
      if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80) return std::nullopt;
      out.push_back({Token::Kind::kWord, i, j});
      i = j;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[j])) != 0 || text[j] == '_')) {
        ++j;
      }
      if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80) return std::nullopt;
      out.push_back({Token::Kind::kOther, i, j});
      i = j;
    } else if (std::isdigit(u) != 0) {
      size_t j = i + 1;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) != 0) ++j;
      if (j + 1 < text.size() && text[j] == '.' &&
          std::isdigit(static_cast<unsigned char>(text[j + 1])) != 0) {
        j += 2;
        while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) != 0) ++j;
      }
      out.push_back({Token::Kind::kOther, i, j});
      i = j;
    } else if (std::string_view(";,[]-><{}:|/^()*+=!~").find(c) != std::string_view::npos) {
      out.push_back({Token::Kind::kOther, i, i + 1});
      ++i;
    } else {
      return std::nullopt;  // '$', a byte outside ASCII, or a character no token begins with
    }
  }
  return out;
}

}  // namespace

std::string UnquoteString(std::string_view s) {
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) {
      const char n = s[++i];
      out.push_back(n == 'n' ? '\n' : n == 't' ? '\t' : n);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::optional<Shape> LiftLiterals(std::string_view text) {
  // Bytes outside ASCII are only read inside strings and comments; the parser refuses invalid
  // UTF-8 there, so the shape must not hide it.
  if (FindInvalidUtf8(text)) return std::nullopt;
  std::optional<std::vector<Token>> tokens = Tokens(text);
  if (!tokens) return std::nullopt;
  Shape shape;
  size_t copied = 0;
  for (size_t k = 0; k < tokens->size(); ++k) {
    const Token& t = (*tokens)[k];
    const std::string_view lexeme = text.substr(t.begin, t.end - t.begin);
    if (t.kind == Token::Kind::kOther) continue;
    if (t.kind == Token::Kind::kWord) {
      if (IsKeyword(lexeme)) continue;
      const bool call = k + 1 < tokens->size() && text[(*tokens)[k + 1].begin] == '(';
      const bool alias =
          k > 0 && (*tokens)[k - 1].kind == Token::Kind::kWord &&
          IsAs(text.substr((*tokens)[k - 1].begin, (*tokens)[k - 1].end - (*tokens)[k - 1].begin));
      if (call || alias) continue;
    }
    shape.text.append(text.substr(copied, t.begin - copied));
    shape.lexemes.push_back(lexeme);
    shape.values.push_back(t.kind == Token::Kind::kString ? UnquoteString(lexeme)
                                                          : std::string(lexeme));
    shape.text += '$';
    shape.text += std::to_string(shape.lexemes.size());
    copied = t.end;
  }
  if (shape.lexemes.empty()) return std::nullopt;
  shape.text.append(text.substr(copied));
  return shape;
}

}  // namespace weft::query
