#include "query/parser/parser.h"

#include <antlr4-runtime.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "WeftQueryLexer.h"
#include "WeftQueryParser.h"
#include "graph/base/error.h"
#include "graph/base/text.h"
#include "query/parser/shape.h"

namespace weft::query {

namespace {

using P = grammar::WeftQueryParser;

// The text of line `line` (1-based) of `text`.
std::string_view LineOf(std::string_view text, size_t line) {
  size_t start = 0;
  for (size_t l = 1; l < line; ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
}

[[noreturn]] void Fail(std::string_view text, size_t line, size_t column, const std::string& what,
                       const char* kind = "syntax error") {
  std::string full(LineOf(text, line));
  // A window of a long line around the caret: the message stays short whatever the query.
  std::vector<size_t> starts;  // byte offset of each code point
  for (size_t i = 0; i < full.size(); ++i) {
    if ((static_cast<unsigned char>(full[i]) & 0xc0) != 0x80) starts.push_back(i);
  }
  size_t first = column > kErrorWindow ? column - kErrorWindow : 0;
  size_t last = std::min(starts.size(), column + kErrorWindow);
  std::string source;
  if (first > 0) source += "...";
  size_t begin = first < starts.size() ? starts[first] : full.size();
  size_t end = last < starts.size() ? starts[last] : full.size();
  source += full.substr(begin, end - begin);
  if (end < full.size()) source += "...";
  // The caret counts code points, as ANTLR's column does.
  std::string caret(first > 0 ? 3 : 0, ' ');
  for (size_t cp = first; cp < column && cp < starts.size(); ++cp) {
    caret.push_back(full[starts[cp]] == '\t' ? '\t' : ' ');
  }
  throw ParseError(std::string(kind) + " at line " + std::to_string(line) + ", column " +
                       std::to_string(column + 1) + ": " + what + "\n  " + source + "\n  " + caret +
                       "^",
                   line, column + 1);
}

std::string Describe(antlr4::Token* token) {
  if (token == nullptr) return "?";
  if (token->getType() == antlr4::Token::EOF) return "end of query";
  return "'" + token->getText() + "'";
}

// Throws on the first syntax error, with what the parser expected at that point.
class ErrorListener : public antlr4::BaseErrorListener {
 public:
  explicit ErrorListener(std::string_view text) : text_(text) {}
  void set_text(std::string_view text) { text_ = text; }

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& message, std::exception_ptr) override {
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser == nullptr || offending == nullptr) Fail(text_, line, column, message);
    std::string what = "unexpected " + Describe(offending);
    antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
    const bool name_expected =
        expected.contains(static_cast<size_t>(grammar::WeftQueryParser::IDENTIFIER));
    std::vector<std::string> names;
    for (size_t type : expected.toList()) {
      // Keywords that may also be names are noise next to "a name".
      if (name_expected && type >= grammar::WeftQueryParser::EXPLAIN &&
          type <= grammar::WeftQueryParser::HOPS && type != grammar::WeftQueryParser::WHERE &&
          type != grammar::WeftQueryParser::RETURN && type != grammar::WeftQueryParser::ORDER &&
          type != grammar::WeftQueryParser::LIMIT && type != grammar::WeftQueryParser::OFFSET) {
        continue;
      }
      std::string n = type == antlr4::Token::EOF ? "end of query"
                                                 : parser->getVocabulary().getDisplayName(type);
      if (n == "IDENTIFIER") n = "a name";
      if (n == "VARIABLE") n = "a ?variable";
      if (n == "PARAM") n = "a $parameter";
      if (n == "STRING") n = "a \"quoted name\"";
      if (n == "INTEGER") n = "a number";
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    if (!names.empty()) {
      what += "; expected ";
      const size_t shown = std::min<size_t>(names.size(), 8);
      for (size_t i = 0; i < shown; ++i) {
        if (i) what += i + 1 == shown && shown == names.size() ? " or " : ", ";
        what += names[i];
      }
      if (shown < names.size()) what += ", ...";
    }
    if (offending->getType() == grammar::WeftQueryParser::IDENTIFIER &&
        offending->getTokenIndex() > 0) {
      auto* stream = dynamic_cast<antlr4::TokenStream*>(parser->getInputStream());
      antlr4::Token* before = stream ? stream->get(offending->getTokenIndex() - 1) : nullptr;
      if (before && before->getType() == grammar::WeftQueryParser::IDENTIFIER) {
        what += " (a name with spaces needs quotes: \"" + before->getText() + " " +
                offending->getText() + "\")";
      }
    }
    Fail(text_, line, column, what);
  }

 private:
  std::string_view text_;
};

// The query's characters for the lexer, decoded here from UTF-8 once (the text is valid UTF-8 by
// then), and token texts cut from the UTF-8 text by the code points' byte offsets: the runtime's
// own stream converts through std::wstring_convert both ways, for every token's text.
class Utf8Input : public antlr4::ANTLRInputStream {
 public:
  void Set(std::string_view text) {
    text_.assign(text);
    _data.clear();
    offsets_.clear();
    for (size_t i = 0; i < text.size();) {
      const auto c = static_cast<unsigned char>(text[i]);
      const size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
      char32_t cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
      for (size_t k = 1; k < n && i + k < text.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
      }
      offsets_.push_back(i);
      _data.push_back(cp);
      i += n;
    }
    offsets_.push_back(text.size());
    reset();
  }
  std::string getText(const antlr4::misc::Interval& interval) override {
    if (interval.a < 0 || interval.b < interval.a || _data.empty()) return "";
    const size_t a = std::min<size_t>(static_cast<size_t>(interval.a), _data.size());
    const size_t b = std::min<size_t>(static_cast<size_t>(interval.b) + 1, _data.size());
    return text_.substr(offsets_[a], offsets_[b] - offsets_[a]);
  }

 private:
  std::string text_;
  std::vector<size_t> offsets_;  // byte offset of each code point, and the end
};

// Ticks the budget for every token the lexer makes.
class BudgetedLexer : public grammar::WeftQueryLexer {
 public:
  BudgetedLexer(antlr4::CharStream* input, Budget* budget)
      : WeftQueryLexer(input), budget_(budget) {}
  void set_budget(Budget* budget) { budget_ = budget; }
  std::unique_ptr<antlr4::Token> nextToken() override {
    budget_->Tick();
    return WeftQueryLexer::nextToken();
  }

 private:
  Budget* budget_;
};

// Ticks the budget for every rule the parser enters, also when it re-reads buffered tokens. (A
// parse listener would do the same at the cost of the runtime's listener calls on every rule
// and token.)
class BudgetedParser : public grammar::WeftQueryParser {
 public:
  explicit BudgetedParser(antlr4::TokenStream* input) : WeftQueryParser(input) {}
  void set_budget(Budget* budget) { budget_ = budget; }
  using WeftQueryParser::enterRecursionRule;
  void enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t rule) override {
    budget_->Tick();
    WeftQueryParser::enterRule(ctx, state, rule);
  }
  void enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t rule,
                          int precedence) override {
    budget_->Tick();
    WeftQueryParser::enterRecursionRule(ctx, state, rule, precedence);
  }

 private:
  Budget* budget_ = nullptr;
};

// `ctx` as the labelled alternative T when it is one. The contexts are the generated parser's
// leaf classes, made in this image: comparing their type_info objects' addresses is exact, and
// spares dynamic_cast's walk and the name comparisons a failed cast costs (a fifth of a short
// query's parse).
template <typename T>
T* As(antlr4::tree::ParseTree* ctx) {
  if (ctx == nullptr || &typeid(*ctx) != &typeid(T)) return nullptr;
  return static_cast<T*>(ctx);
}

// The first child of `ctx` that is exactly a T, or null; every child that is. The generated
// accessors find them by dynamic_cast, whose failures compare type names.
template <typename T>
T* First(antlr4::ParserRuleContext* ctx) {
  for (antlr4::tree::ParseTree* c : ctx->children) {
    if (T* t = As<T>(c)) return t;
  }
  return nullptr;
}

template <typename T>
std::vector<T*> All(antlr4::ParserRuleContext* ctx) {
  std::vector<T*> out;
  for (antlr4::tree::ParseTree* c : ctx->children) {
    if (T* t = As<T>(c)) out.push_back(t);
  }
  return out;
}

// A child that is one of the labelled alternatives Alts of a rule, as that rule's context.
template <typename Base, typename... Alts>
Base* Alternative(antlr4::tree::ParseTree* c) {
  return ((As<Alts>(c) != nullptr) || ...) ? static_cast<Base*>(c) : nullptr;
}

P::NodeContext* AsNode(antlr4::tree::ParseTree* c) {
  return Alternative<P::NodeContext, P::VarNodeContext, P::NameNodeContext, P::AnonNodeContext>(c);
}

P::EdgeContext* AsEdge(antlr4::tree::ParseTree* c) {
  return Alternative<P::EdgeContext, P::ForwardEdgeContext, P::BackwardEdgeContext,
                     P::EitherEdgeContext>(c);
}

class Transformer {
 public:
  explicit Transformer(std::string_view text) : text_(text) {}

  std::unique_ptr<Query> Transform(P::QueryContext* ctx) {
    auto q = std::make_unique<Query>();
    q->explain = ctx->EXPLAIN() != nullptr;
    P::StatementContext* st = First<P::StatementContext>(ctx);
    if (auto* m = First<P::MatchQueryContext>(st)) {
      q->kind = Query::Kind::kMatch;
      TransformMatch(m, &q->match);
    } else if (auto* p = First<P::PathQueryContext>(st)) {
      q->kind = Query::Kind::kPath;
      q->path.from = TransformNode(p->from);
      q->path.to = TransformNode(p->to);
      for (P::PathOptionContext* o : p->pathOption()) {
        if (o->hops) q->path.max_hops = Integer<uint32_t>(o->hops);
        if (o->pathExpr()) q->path.via = TransformPath(o->pathExpr());
        if (o->DIRECTED()) q->path.directed = true;
      }
    } else if (auto* n = First<P::NeighborsQueryContext>(st)) {
      q->kind = Query::Kind::kNeighbors;
      q->neighbors.centre = TransformNode(n->node());
      for (P::PathOptionContext* o : n->pathOption()) {
        if (o->hops) q->neighbors.hops = Integer<uint32_t>(o->hops);
        if (o->pathExpr()) q->neighbors.via = TransformPath(o->pathExpr());
        if (o->DIRECTED()) q->neighbors.directed = true;
      }
    }
    q->params = std::move(uses_);
    return q;
  }

 private:
  template <typename T>
  T Integer(antlr4::Token* token) {
    T value{};
    const std::string s = token->getText();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size()) {
      Fail(text_, token->getLine(), token->getCharPositionInLine(), "number out of range: " + s);
    }
    return value;
  }

  std::string Source(antlr4::ParserRuleContext* ctx) {
    size_t a = ctx->getStart()->getStartIndex();
    size_t b = ctx->getStop() ? ctx->getStop()->getStopIndex() : a;
    // ANTLR indexes code points; convert to byte offsets.
    size_t cp = 0, begin = std::string::npos, end = text_.size();
    for (size_t i = 0; i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xc0) == 0x80) continue;
      if (cp == a) begin = i;
      if (cp == b + 1) {
        end = i;
        break;
      }
      ++cp;
    }
    if (begin == std::string::npos) return ctx->getText();
    return std::string(text_.substr(begin, end - begin));
  }

  // A name is one token: a quoted name, a parameter, or an identifier's word.
  std::string Name(P::NameContext* ctx) {
    antlr4::Token* t = ctx->getStart();
    if (t->getType() == P::STRING) return UnquoteString(t->getText());
    return t->getText();
  }

  // A name, or a parameter's name (without '$') with *param set and its place recorded.
  std::string NameOrParam(P::NameContext* ctx, bool* param) {
    *param = ctx->getStart()->getType() == P::PARAM;
    if (*param) return Use(ctx->getStart());
    return Name(ctx);
  }

  std::string Use(antlr4::Token* token) {
    ParamUse use;
    use.name = token->getText().substr(1);
    use.line = token->getLine();
    use.column = token->getCharPositionInLine() + 1;
    uses_.push_back(use);
    return use.name;
  }

  NodeTerm TransformNode(P::NodeContext* ctx) {
    NodeTerm n;
    if (auto* v = As<P::VarNodeContext>(ctx)) {
      n.kind = NodeTerm::Kind::kVariable;
      n.text = v->getStart()->getText().substr(1);
    } else if (auto* nm = As<P::NameNodeContext>(ctx)) {
      bool param = false;
      n.text = NameOrParam(First<P::NameContext>(nm), &param);
      n.kind = param ? NodeTerm::Kind::kParam : NodeTerm::Kind::kName;
    } else {
      n.kind = NodeTerm::Kind::kAnonymous;
    }
    return n;
  }

  void TransformMatch(P::MatchQueryContext* ctx, MatchQuery* m) {
    for (P::PatternContext* p : All<P::PatternContext>(ctx)) {
      Pattern pattern;
      for (antlr4::tree::ParseTree* c : p->children) {
        if (P::NodeContext* n = AsNode(c)) {
          pattern.nodes.push_back(TransformNode(n));
        } else if (P::EdgeContext* e = AsEdge(c)) {
          pattern.edges.push_back(TransformEdge(e));
        }
      }
      m->patterns.push_back(std::move(pattern));
    }
    if (auto* w = First<P::WhereClauseContext>(ctx)) m->where = TransformExpr(w->expr());
    if (auto* r = First<P::ReturnClauseContext>(ctx)) {
      m->distinct = r->DISTINCT() != nullptr;
      for (P::ProjectionContext* p : r->projection()) {
        Projection proj;
        proj.expr = TransformExpr(p->expr());
        if (p->alias) proj.alias = p->alias->getText();
        m->projections.push_back(std::move(proj));
      }
    }
    if (auto* o = First<P::OrderClauseContext>(ctx)) {
      for (P::OrderItemContext* item : o->orderItem()) {
        OrderItem oi;
        oi.expr = TransformExpr(item->expr());
        oi.descending = item->DESC() != nullptr;
        m->order_by.push_back(std::move(oi));
      }
    }
    if (auto* l = First<P::LimitClauseContext>(ctx)) {
      if (l->limit) m->limit = Integer<uint64_t>(l->limit);
      if (l->offset) m->offset = Integer<uint64_t>(l->offset);
    }
  }

  EdgePattern TransformEdge(P::EdgeContext* ctx) {
    EdgePattern e;
    P::EdgeBodyContext* body = nullptr;
    if (As<P::ForwardEdgeContext>(ctx)) {
      e.direction = EdgePattern::Direction::kForward;
    } else if (As<P::BackwardEdgeContext>(ctx)) {
      e.direction = EdgePattern::Direction::kBackward;
    } else {
      e.direction = EdgePattern::Direction::kEither;
    }
    body = First<P::EdgeBodyContext>(ctx);
    if (body->edgeVar) e.edge_variable = body->edgeVar->getText().substr(1);
    if (auto* path = First<P::PathExprContext>(body)) e.path = TransformPath(path);
    if (auto* qs = First<P::QualifiersContext>(body)) {
      for (P::QualifierContext* q : All<P::QualifierContext>(qs)) {
        QualifierPattern qp;
        qp.role = NameOrParam(q->role, &qp.role_param);
        P::TermContext* term = First<P::TermContext>(q);
        if (term->getStart()->getType() == P::VARIABLE) {
          qp.is_variable = true;
          qp.value = term->getStart()->getText().substr(1);
        } else {
          qp.value = NameOrParam(First<P::NameContext>(term), &qp.value_param);
        }
        e.qualifiers.push_back(std::move(qp));
      }
    }
    return e;
  }

  std::unique_ptr<PathExpr> TransformPath(P::PathExprContext* ctx) {
    std::vector<std::unique_ptr<PathExpr>> alts;
    for (P::PathSeqContext* seq : All<P::PathSeqContext>(ctx)) {
      std::vector<std::unique_ptr<PathExpr>> parts;
      for (P::PathUnaryContext* u : All<P::PathUnaryContext>(seq)) {
        parts.push_back(TransformUnary(u));
      }
      if (parts.size() == 1) {
        alts.push_back(std::move(parts[0]));
      } else {
        auto s = std::make_unique<PathExpr>();
        s->kind = PathExpr::Kind::kSequence;
        s->children = std::move(parts);
        alts.push_back(std::move(s));
      }
    }
    if (alts.size() == 1) return std::move(alts[0]);
    auto a = std::make_unique<PathExpr>();
    a->kind = PathExpr::Kind::kAlternative;
    a->children = std::move(alts);
    return a;
  }

  std::unique_ptr<PathExpr> TransformUnary(P::PathUnaryContext* ctx) {
    std::unique_ptr<PathExpr> primary;
    P::PathPrimaryContext* pc = nullptr;
    P::QuantifierContext* quantifier = nullptr;
    for (antlr4::tree::ParseTree* c : ctx->children) {
      if (!pc) {
        pc = Alternative<P::PathPrimaryContext, P::LabelPathContext, P::LabelVarPathContext,
                         P::AnyLabelPathContext, P::GroupPathContext>(c);
      }
      if (!quantifier) {
        quantifier = Alternative<P::QuantifierContext, P::StarQuantContext, P::PlusQuantContext,
                                 P::OptQuantContext, P::RangeQuantContext, P::UpToQuantContext>(c);
      }
    }
    if (auto* l = As<P::LabelPathContext>(pc)) {
      primary = std::make_unique<PathExpr>();
      bool param = false;
      primary->text = NameOrParam(First<P::NameContext>(l), &param);
      primary->kind = param ? PathExpr::Kind::kLabelParam : PathExpr::Kind::kLabel;
    } else if (auto* v = As<P::LabelVarPathContext>(pc)) {
      primary = std::make_unique<PathExpr>();
      primary->kind = PathExpr::Kind::kLabelVariable;
      primary->text = v->getStart()->getText().substr(1);
    } else if (auto* g = As<P::GroupPathContext>(pc)) {
      primary = TransformPath(First<P::PathExprContext>(g));
    } else {
      primary = std::make_unique<PathExpr>();
      primary->kind = PathExpr::Kind::kAnyLabel;
    }
    if (ctx->INVERSE) {
      auto inv = std::make_unique<PathExpr>();
      inv->kind = PathExpr::Kind::kInverse;
      inv->children.push_back(std::move(primary));
      primary = std::move(inv);
    }
    if (P::QuantifierContext* q = quantifier) {
      auto rep = std::make_unique<PathExpr>();
      rep->kind = PathExpr::Kind::kRepeat;
      if (As<P::StarQuantContext>(q)) {
        rep->min = 0, rep->max = PathExpr::kUnbounded;
      } else if (As<P::PlusQuantContext>(q)) {
        rep->min = 1, rep->max = PathExpr::kUnbounded;
      } else if (As<P::OptQuantContext>(q)) {
        rep->min = 0, rep->max = 1;
      } else if (auto* r = As<P::RangeQuantContext>(q)) {
        rep->min = Integer<uint32_t>(r->min);
        bool comma = r->getText().find(',') != std::string::npos;
        rep->max = r->max ? Integer<uint32_t>(r->max) : comma ? PathExpr::kUnbounded : rep->min;
      } else if (auto* u = As<P::UpToQuantContext>(q)) {
        rep->min = 0;
        rep->max = Integer<uint32_t>(u->max);
      }
      if (rep->max < rep->min) {
        Fail(text_, q->getStart()->getLine(), q->getStart()->getCharPositionInLine(),
             "a repetition's upper bound is below its lower bound");
      }
      rep->children.push_back(std::move(primary));
      primary = std::move(rep);
    }
    return primary;
  }

  std::unique_ptr<Expr> Make(Expr::Kind kind, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->source = Source(ctx);
    return e;
  }

  std::unique_ptr<Expr> TransformExpr(P::ExprContext* ctx) {
    if (auto* n = As<P::NotExprContext>(ctx)) {
      auto e = Make(Expr::Kind::kNot, ctx);
      e->children.push_back(TransformExpr(n->expr()));
      return e;
    }
    if (auto* a = As<P::AndExprContext>(ctx)) {
      auto e = Make(Expr::Kind::kAnd, ctx);
      e->children.push_back(TransformExpr(a->expr(0)));
      e->children.push_back(TransformExpr(a->expr(1)));
      return e;
    }
    if (auto* o = As<P::OrExprContext>(ctx)) {
      auto e = Make(Expr::Kind::kOr, ctx);
      e->children.push_back(TransformExpr(o->expr(0)));
      e->children.push_back(TransformExpr(o->expr(1)));
      return e;
    }
    if (auto* c = As<P::CompareExprContext>(ctx)) {
      auto e = Make(Expr::Kind::kCompare, ctx);
      e->text = c->op->getText();
      e->children.push_back(TransformOperand(c->left));
      e->children.push_back(TransformOperand(c->right));
      return e;
    }
    if (auto* c = As<P::ContainsExprContext>(ctx)) {
      auto e = Make(Expr::Kind::kContains, ctx);
      e->children.push_back(TransformOperand(c->left));
      e->children.push_back(TransformOperand(c->right));
      return e;
    }
    if (auto* s = As<P::StartsExprContext>(ctx)) {
      auto e = Make(Expr::Kind::kStartsWith, ctx);
      e->children.push_back(TransformOperand(s->left));
      e->children.push_back(TransformOperand(s->right));
      return e;
    }
    if (auto* in = As<P::InExprContext>(ctx)) {
      auto e = Make(Expr::Kind::kIn, ctx);
      e->children.push_back(TransformOperand(in->left));
      // One pass over the children: operand(i) searches them from the start each time.
      for (P::OperandContext* item : in->operand()) {
        if (item == in->left) continue;
        e->children.push_back(TransformOperand(item));
      }
      return e;
    }
    return TransformOperand(As<P::OperandExprContext>(ctx)->operand());
  }

  std::unique_ptr<Expr> TransformOperand(P::OperandContext* ctx) {
    if (auto* v = As<P::VarOperandContext>(ctx)) {
      auto e = Make(Expr::Kind::kVariable, ctx);
      e->text = v->VARIABLE()->getText().substr(1);
      return e;
    }
    if (auto* s = As<P::StringOperandContext>(ctx)) {
      auto e = Make(Expr::Kind::kString, ctx);
      e->text = UnquoteString(s->STRING()->getText());
      return e;
    }
    if (auto* p = As<P::ParamOperandContext>(ctx)) {
      auto e = Make(Expr::Kind::kParam, ctx);
      e->text = Use(p->PARAM()->getSymbol());
      return e;
    }
    if (auto* b = As<P::BareOperandContext>(ctx)) {
      auto e = Make(Expr::Kind::kString, ctx);
      e->text = b->IDENTIFIER()->getText();
      return e;
    }
    if (auto* n = As<P::NumberOperandContext>(ctx)) {
      auto e = Make(Expr::Kind::kNumber, ctx);
      e->number = std::stod(n->number->getText());
      return e;
    }
    if (auto* b = As<P::BoolOperandContext>(ctx)) {
      auto e = Make(Expr::Kind::kBool, ctx);
      e->boolean = b->TRUE() != nullptr;
      return e;
    }
    if (auto* c = As<P::CallOperandContext>(ctx)) {
      auto e = Make(Expr::Kind::kCall, ctx);
      e->text = AsciiLower(c->func->getText());
      e->distinct = c->DISTINCT() != nullptr;
      e->star = c->STAR != nullptr;
      for (P::ExprContext* arg : c->expr()) e->children.push_back(TransformExpr(arg));
      return e;
    }
    return TransformExpr(As<P::ParenOperandContext>(ctx)->expr());
  }

  std::string_view text_;
  std::vector<ParamUse> uses_;  // every $name met, in order
};

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '?';
}

// Refuses nesting deep enough to exhaust the parser's stack, before parsing: brackets, runs of
// 'not' and unary minus, and long chains of 'and'/'or'.
void CheckNesting(std::string_view text) {
  size_t depth = 0, line = 1, column = 0, unary_run = 0, booleans = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      column = 0;
      continue;
    }
    if (!quote && IsWordByte(c) && (i == 0 || !IsWordByte(text[i - 1]))) {
      size_t j = i;
      while (j < text.size() && IsWordByte(text[j])) ++j;
      std::string word = AsciiLower(text.substr(i, j - i));
      if (word == "not") {
        if (++unary_run > kMaxNesting) {
          Fail(text, line, column, "more than " + std::to_string(kMaxNesting) + " 'not' in a row");
        }
      } else {
        unary_run = 0;
      }
      if ((word == "and" || word == "or") && ++booleans > kMaxBooleanOperators) {
        Fail(text, line, column,
             "more than " + std::to_string(kMaxBooleanOperators) + " 'and'/'or' operators");
      }
    } else if (!quote && c == '-' && i + 1 < text.size() && text[i + 1] != '>' &&
               text[i + 1] != '[' && text[i + 1] != '-') {
      // A minus sign that is not an arrow: unary minus chains count like 'not'.
      size_t k = i;
      while (k > 0 && std::isspace(static_cast<unsigned char>(text[k - 1]))) --k;
      if (k == 0 || text[k - 1] == '-' || text[k - 1] == '(' || text[k - 1] == ',') {
        if (++unary_run > kMaxNesting) {
          Fail(text, line, column, "more than " + std::to_string(kMaxNesting) + " '-' in a row");
        }
      }
    }
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++column;
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    if (c == '(' || c == '[' || c == '{') {
      if (++depth > kMaxNesting) {
        Fail(text, line, column - 1,
             "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
      }
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace

namespace {

class ParamBinder {
 public:
  ParamBinder(std::string_view text, const Query& q, const Params& params)
      : text_(text), query_(q), params_(params) {}

  const ParamValue& Value(const std::string& name) {
    auto it = params_.find(name);
    if (it != params_.end()) return it->second;
    for (const ParamUse& use : query_.params) {
      if (use.name == name) {
        Fail(text_, use.line, use.column - 1, "$" + name + " has no value", "parameter error");
      }
    }
    throw BindError("$" + name + " has no value");
  }

  void Node(NodeTerm* n) {
    if (n->kind != NodeTerm::Kind::kParam) return;
    n->text = Value(n->text).text;
    n->kind = NodeTerm::Kind::kName;
  }

  void Path(PathExpr* p) {
    if (p == nullptr) return;
    if (p->kind == PathExpr::Kind::kLabelParam) {
      p->text = Value(p->text).text;
      p->kind = PathExpr::Kind::kLabel;
    }
    for (auto& c : p->children) Path(c.get());
  }

  void Expression(Expr* e) {
    if (e == nullptr) return;
    if (e->kind == Expr::Kind::kParam) {
      const ParamValue& v = Value(e->text);
      switch (v.kind) {
        case ParamValue::Kind::kString:
          e->kind = Expr::Kind::kString;
          e->text = v.text;
          break;
        case ParamValue::Kind::kNumber:
          e->kind = Expr::Kind::kNumber;
          e->number = v.number;
          break;
        case ParamValue::Kind::kBool:
          e->kind = Expr::Kind::kBool;
          e->boolean = v.boolean;
          break;
      }
    }
    for (auto& c : e->children) Expression(c.get());
  }

 private:
  std::string_view text_;
  const Query& query_;
  const Params& params_;
};

}  // namespace

void CheckParametersUsed(const Query& q, const Params& params) {
  for (const auto& entry : params) {
    const std::string& name = entry.first;  // a plain name: clang 14 lambdas capture no bindings
    const bool used = std::any_of(q.params.begin(), q.params.end(),
                                  [&](const ParamUse& u) { return u.name == name; });
    if (!used) {
      std::string uses;
      for (const ParamUse& u : q.params) {
        if (uses.find("$" + u.name + ",") == std::string::npos) uses += "$" + u.name + ", ";
      }
      throw BindError("parameter $" + name + " is not used by the query" +
                      (uses.empty() ? std::string(" (it has none)")
                                    : " (it uses " + uses.substr(0, uses.size() - 2) + ")"));
    }
  }
}

void BindParameters(Query* q, std::string_view text, const Params& params) {
  CheckParametersUsed(*q, params);
  if (q->params.empty()) return;
  ParamBinder b(text, *q, params);
  q->params_bound = true;
  MatchQuery& m = q->match;
  for (Pattern& p : m.patterns) {
    for (NodeTerm& n : p.nodes) b.Node(&n);
    for (EdgePattern& e : p.edges) {
      b.Path(e.path.get());
      for (QualifierPattern& qp : e.qualifiers) {
        if (qp.role_param) {
          qp.role = b.Value(qp.role).text;
          qp.role_param = false;
        }
        if (qp.value_param) {
          qp.value = b.Value(qp.value).text;
          qp.value_param = false;
        }
      }
    }
  }
  b.Expression(m.where.get());
  for (Projection& p : m.projections) b.Expression(p.expr.get());
  for (OrderItem& o : m.order_by) b.Expression(o.expr.get());
  b.Node(&q->path.from);
  b.Node(&q->path.to);
  b.Path(q->path.via.get());
  b.Node(&q->neighbors.centre);
  b.Path(q->neighbors.via.get());
}

std::unique_ptr<Query> ParseQuery(std::string_view text, size_t max_bytes, Budget* budget) {
  Budget unlimited;
  if (budget == nullptr) budget = &unlimited;
  if (text.size() > max_bytes) {
    throw ParseError("the query is " + std::to_string(text.size()) + " bytes, over the limit of " +
                         std::to_string(max_bytes) + " (raise it with --max-query-bytes)",
                     1, 1);
  }
  if (std::optional<size_t> bad = FindInvalidUtf8(text)) {
    size_t line = 1 + static_cast<size_t>(
                          std::count(text.begin(), text.begin() + static_cast<long>(*bad), '\n'));
    size_t line_start = text.rfind('\n', *bad == 0 ? 0 : *bad - 1);
    line_start = line_start == std::string_view::npos || *bad == 0 ? 0 : line_start + 1;
    throw ParseError("the query is not valid UTF-8 (line " + std::to_string(line) + ", byte " +
                         std::to_string(*bad - line_start + 1) + ")",
                     line, *bad - line_start + 1);
  }
  CheckNesting(text);
  // The lexer, token stream and parser (and their simulators, whose DFA caches ANTLR shares
  // between instances) are made once per thread and reset for each query: making and freeing
  // them was a third of a short query's parse.
  struct Machinery {
    Utf8Input input;
    BudgetedLexer lexer{&input, nullptr};
    antlr4::CommonTokenStream tokens{&lexer};
    BudgetedParser parser{&tokens};
    ErrorListener listener{""};
    std::shared_ptr<antlr4::BailErrorStrategy> bail = std::make_shared<antlr4::BailErrorStrategy>();
    std::shared_ptr<antlr4::DefaultErrorStrategy> full =
        std::make_shared<antlr4::DefaultErrorStrategy>();
    Machinery() {
      lexer.removeErrorListeners();
      lexer.addErrorListener(&listener);
      parser.removeErrorListeners();
      parser.addErrorListener(&listener);
    }
  };
  thread_local Machinery m;
  m.input.Set(text);
  m.lexer.setInputStream(&m.input);
  m.lexer.set_budget(budget);
  m.tokens.setTokenSource(&m.lexer);
  m.parser.setTokenStream(&m.tokens);
  m.listener.set_text(text);
  m.parser.set_budget(budget);
  // The tree is the parser's until the next query: freed on every way out of this one.
  struct FreeTree {
    BudgetedParser& parser;
    ~FreeTree() { parser.getTreeTracker().reset(); }
  } free_tree{m.parser};
  BudgetedParser& parser = m.parser;
  // SLL first; full LL only when SLL fails, as the ANTLR authors advise.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  P::QueryContext* tree = nullptr;
  try {
    try {
      parser.setErrorHandler(m.bail);
      tree = parser.query();
    } catch (const antlr4::ParseCancellationException&) {
      m.tokens.seek(0);
      parser.reset();
      parser.setErrorHandler(m.full);
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
          antlr4::atn::PredictionMode::LL);
      tree = parser.query();
    }
    return Transformer(text).Transform(tree);
  } catch (const weft::Error&) {
    throw;
  } catch (const std::exception& e) {
    // The runtime's own exceptions (a token stream it cannot read) end the query too.
    throw ParseError(std::string("syntax error: ") + e.what(), 1, 1);
  }
}

}  // namespace weft::query
