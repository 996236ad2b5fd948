#include "query/binder/binder.h"

#include <algorithm>
#include <map>
#include <set>

#include "graph/base/error.h"
#include "graph/snapshot/suggest.h"

namespace weft::query {

namespace {

constexpr uint32_t kMaxRepeat = 100;

// Thompson construction with epsilon moves, removed afterwards.
struct NfaBuilder {
  struct Edge {
    uint32_t to;
    graph::LabelId label;
    bool inverse;
    bool epsilon;
  };
  std::vector<std::vector<Edge>> out;
  const graph::Graph& g;
  Budget* budget;
  std::vector<std::string>* notices;
  bool either;  // every hop may be followed both ways

  uint32_t NewState() {
    budget->Tick();
    out.emplace_back();
    return static_cast<uint32_t>(out.size() - 1);
  }
  void Eps(uint32_t a, uint32_t b) { out[a].push_back({b, graph::kAnyLabel, false, true}); }

  // Returns (start, end) of a fragment for `e`, read forwards or inverted.
  std::pair<uint32_t, uint32_t> Build(const PathExpr& e, bool inverse) {
    switch (e.kind) {
      case PathExpr::Kind::kLabelParam:
        throw BindError("$" + e.text + " has no value");
      case PathExpr::Kind::kLabel:
      case PathExpr::Kind::kAnyLabel: {
        uint32_t s = NewState(), t = NewState();
        graph::LabelId label = graph::kAnyLabel;
        if (e.kind == PathExpr::Kind::kLabel) {
          auto l = g.FindLabel(e.text);
          if (!l) {
            notices->push_back("no predicate named '" + e.text + "'" +
                               graph::DidYouMean(graph::SuggestLabels(g, e.text)));
            return {s, t};  // no transition: this branch matches nothing
          }
          label = *l;
        }
        out[s].push_back({t, label, inverse, false});
        if (either) out[s].push_back({t, label, !inverse, false});
        return {s, t};
      }
      case PathExpr::Kind::kLabelVariable:
        throw BindError("a label variable (?" + e.text +
                        ") can only stand alone on an edge, not inside a path expression");
      case PathExpr::Kind::kInverse:
        return Build(*e.children[0], !inverse);
      case PathExpr::Kind::kSequence: {
        std::vector<std::pair<uint32_t, uint32_t>> parts;
        for (const auto& c : e.children) parts.push_back(Build(*c, inverse));
        if (inverse) std::reverse(parts.begin(), parts.end());
        for (size_t i = 0; i + 1 < parts.size(); ++i) Eps(parts[i].second, parts[i + 1].first);
        return {parts.front().first, parts.back().second};
      }
      case PathExpr::Kind::kAlternative: {
        uint32_t s = NewState(), t = NewState();
        for (const auto& c : e.children) {
          auto [cs, ct] = Build(*c, inverse);
          Eps(s, cs);
          Eps(ct, t);
        }
        return {s, t};
      }
      case PathExpr::Kind::kRepeat: {
        if (e.min > kMaxRepeat || (e.max != PathExpr::kUnbounded && e.max > kMaxRepeat)) {
          throw BindError("a repetition bound may be at most " + std::to_string(kMaxRepeat) +
                          "; use * or + for unbounded paths");
        }
        uint32_t s = NewState();
        uint32_t cur = s;
        for (uint32_t i = 0; i < e.min; ++i) {
          auto [cs, ct] = Build(*e.children[0], inverse);
          Eps(cur, cs);
          cur = ct;
        }
        uint32_t t = NewState();
        if (e.max == PathExpr::kUnbounded) {
          auto [cs, ct] = Build(*e.children[0], inverse);
          Eps(cur, cs);
          Eps(ct, cs);
          Eps(ct, t);
          Eps(cur, t);
        } else {
          Eps(cur, t);
          for (uint32_t i = e.min; i < e.max; ++i) {
            auto [cs, ct] = Build(*e.children[0], inverse);
            Eps(cur, cs);
            Eps(ct, t);
            cur = ct;
          }
        }
        return {s, t};
      }
    }
    return {NewState(), NewState()};
  }

  Automaton Finish(uint32_t start, uint32_t end) {
    const size_t n = out.size();
    // Epsilon closures, then transitions and acceptance through them.
    std::vector<std::vector<uint32_t>> closure(n);
    for (uint32_t s = 0; s < n; ++s) {
      std::vector<bool> seen(n, false);
      std::vector<uint32_t> stack = {s};
      seen[s] = true;
      while (!stack.empty()) {
        uint32_t x = stack.back();
        stack.pop_back();
        closure[s].push_back(x);
        for (const Edge& e : out[x]) {
          if (e.epsilon && !seen[e.to]) {
            seen[e.to] = true;
            stack.push_back(e.to);
          }
        }
      }
    }
    // Keep only states reachable from the start through labelled moves.
    std::vector<int> index(n, -1);
    std::vector<uint32_t> order = {start};
    index[start] = 0;
    Automaton a;
    for (size_t i = 0; i < order.size(); ++i) {
      uint32_t s = order[i];
      std::set<std::tuple<uint32_t, graph::LabelId, bool>> moves;
      bool accepting = false;
      for (uint32_t x : closure[s]) {
        if (x == end) accepting = true;
        for (const Edge& e : out[x]) {
          if (e.epsilon) continue;
          if (index[e.to] < 0) {
            index[e.to] = static_cast<int>(order.size());
            order.push_back(e.to);
          }
          moves.emplace(static_cast<uint32_t>(index[e.to]), e.label, e.inverse);
        }
      }
      a.transitions.emplace_back();
      for (auto [to, label, inv] : moves) a.transitions.back().push_back({to, label, inv});
      a.accepting.push_back(accepting);
    }
    a.start = 0;
    return a;
  }
};

bool IsSingle(const PathExpr* p) {
  return p == nullptr || p->kind == PathExpr::Kind::kLabel ||
         p->kind == PathExpr::Kind::kAnyLabel || p->kind == PathExpr::Kind::kLabelVariable ||
         (p->kind == PathExpr::Kind::kInverse && IsSingle(p->children[0].get()) &&
          p->children[0]->kind != PathExpr::Kind::kInverse);
}

const char* KindName(SlotKind k) {
  switch (k) {
    case SlotKind::kVertex:
      return "an entity";
    case SlotKind::kLabel:
      return "a label";
    case SlotKind::kEdge:
      return "an edge";
    case SlotKind::kString:
      return "a qualifier value";
  }
  return "?";
}

// Memory RE2 may use for one compiled expression.
constexpr int64_t kRegexMemory = 8 << 20;

class Binder {
 public:
  Binder(const graph::Graph& g, Budget* budget) : g_(g) {
    if (budget != nullptr) budget_ = *budget;
  }

  BoundQuery Bind(const Query& q) {
    out_.explain = q.explain;
    switch (q.kind) {
      case Query::Kind::kMatch:
        out_.kind = BoundQuery::Kind::kMatch;
        BindMatch(q.match);
        break;
      case Query::Kind::kPath:
        out_.kind = BoundQuery::Kind::kPath;
        BindPath(q.path);
        break;
      case Query::Kind::kNeighbors:
        out_.kind = BoundQuery::Kind::kNeighbors;
        BindNeighbors(q.neighbors);
        break;
    }
    // One notice per unknown name, however often the query uses it.
    std::set<std::string> seen;
    std::erase_if(out_.notices, [&](const std::string& n) { return !seen.insert(n).second; });
    return std::move(out_);
  }

 private:
  std::vector<graph::VertexId> ResolveName(const std::string& name) {
    std::vector<graph::VertexId> v = g_.FindVertices(name);
    if (v.empty()) {
      out_.notices.push_back("no entity named '" + name + "'" +
                             graph::DidYouMean(graph::SuggestVertices(g_, name)));
      out_.unsatisfiable = true;
    }
    return v;
  }

  int SlotFor(const std::string& name, SlotKind kind) {
    auto& slots = out_.match.slots;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i].name.empty() && slots[i].name == name) {
        // A qualifier value that is also used as a node joins as an entity.
        if ((slots[i].kind == SlotKind::kString && kind == SlotKind::kVertex) ||
            (slots[i].kind == SlotKind::kVertex && kind == SlotKind::kString)) {
          slots[i].kind = SlotKind::kVertex;
          return static_cast<int>(i);
        }
        if (slots[i].kind != kind) {
          throw BindError("?" + name + " is used as " + KindName(slots[i].kind) + " and as " +
                          KindName(kind));
        }
        return static_cast<int>(i);
      }
    }
    Slot s;
    s.name = name;
    s.kind = kind;
    s.display = "?" + name;
    slots.push_back(std::move(s));
    return static_cast<int>(slots.size() - 1);
  }

  uint32_t NodeSlot(const NodeTerm& n) {
    budget_.Tick();
    auto& slots = out_.match.slots;
    if (n.kind == NodeTerm::Kind::kVariable)
      return static_cast<uint32_t>(SlotFor(n.text, SlotKind::kVertex));
    Slot s;
    s.kind = SlotKind::kVertex;
    if (n.kind == NodeTerm::Kind::kName) {
      s.constant = true;
      s.candidates = ResolveName(n.text);
      s.display = n.text;
    } else {
      s.display = "[]";
    }
    slots.push_back(std::move(s));
    return static_cast<uint32_t>(slots.size() - 1);
  }

  void BindMatch(const MatchQuery& m) {
    BoundMatch& b = out_.match;
    // Slots are made in the order variables appear in the text, which is the default column
    // order.
    for (const Pattern& p : m.patterns) {
      uint32_t left = NodeSlot(p.nodes[0]);
      if (p.edges.empty()) b.lone_nodes.push_back(left);
      for (size_t i = 0; i < p.edges.size(); ++i) {
        EdgeStep step = BindEdge(p.edges[i], left, 0, p, i);
        step.right = NodeSlot(p.nodes[i + 1]);
        left = step.right;
        b.steps.push_back(std::move(step));
      }
    }
    if (m.where) {
      BoundExpr w = BindExpr(*m.where, /*allow_aggregates=*/false);
      SplitConjuncts(std::move(w), &b.conjuncts);
    }
    b.distinct = m.distinct;
    if (m.projections.empty()) {
      for (size_t i = 0; i < b.slots.size(); ++i) {
        if (b.slots[i].name.empty()) continue;
        BoundExpr e;
        e.kind = BoundExpr::Kind::kSlot;
        e.slot = static_cast<int>(i);
        e.source = "?" + b.slots[i].name;
        b.projections.push_back({std::move(e), b.slots[i].name});
      }
    } else {
      for (const Projection& p : m.projections) {
        BoundExpr e = BindExpr(*p.expr, /*allow_aggregates=*/true);
        std::string name = p.alias;
        if (name.empty()) {
          name = p.expr->kind == Expr::Kind::kVariable ? p.expr->text : p.expr->source;
        }
        if (e.HasAggregate()) b.grouped = true;
        b.projections.push_back({std::move(e), name});
      }
    }
    for (const OrderItem& o : m.order_by) {
      BoundOrder bo;
      bo.descending = o.descending;
      for (size_t i = 0; i < b.projections.size(); ++i) {
        const std::string& src =
            o.expr->kind == Expr::Kind::kVariable ? o.expr->text : o.expr->source;
        if (b.projections[i].name == src || b.projections[i].expr.source == o.expr->source) {
          bo.projection = static_cast<int>(i);
          break;
        }
      }
      if (bo.projection < 0) {
        if (b.grouped) {
          throw BindError("ORDER BY " + o.expr->source +
                          ": a query that aggregates can only order by a returned column");
        }
        bo.expr = BindExpr(*o.expr, /*allow_aggregates=*/false);
      }
      b.order_by.push_back(std::move(bo));
    }
    b.limit = m.limit;
    b.offset = m.offset;
  }

  EdgeStep BindEdge(const EdgePattern& e, uint32_t left, uint32_t right, const Pattern&, size_t) {
    budget_.Tick();
    EdgeStep step;
    step.left = left;
    step.right = right;
    step.direction = e.direction == EdgePattern::Direction::kForward ? EdgeStep::Direction::kForward
                     : e.direction == EdgePattern::Direction::kBackward
                         ? EdgeStep::Direction::kBackward
                         : EdgeStep::Direction::kEither;
    const PathExpr* path = e.path.get();
    step.single = IsSingle(path);
    if (step.single) {
      const PathExpr* p = path;
      if (p && p->kind == PathExpr::Kind::kInverse) {
        p = p->children[0].get();
        if (step.direction == EdgeStep::Direction::kForward) {
          step.direction = EdgeStep::Direction::kBackward;
        } else if (step.direction == EdgeStep::Direction::kBackward) {
          step.direction = EdgeStep::Direction::kForward;
        }
      }
      if (p && p->kind == PathExpr::Kind::kLabel) {
        step.label = g_.FindLabel(p->text);
        step.text = p->text;
        if (!step.label) {
          step.label_unknown = true;
          out_.unsatisfiable = true;
          out_.notices.push_back("no predicate named '" + p->text + "'" +
                                 graph::DidYouMean(graph::SuggestLabels(g_, p->text)));
        }
      } else if (p && p->kind == PathExpr::Kind::kLabelVariable) {
        step.label_slot = SlotFor(p->text, SlotKind::kLabel);
        step.text = "?" + p->text;
      } else {
        step.text = "_";
      }
    } else {
      if (!e.edge_variable.empty()) {
        throw BindError("?" + e.edge_variable +
                        " names an edge, so the edge must be a single label, not a path");
      }
      if (!e.qualifiers.empty()) {
        throw BindError("qualifiers can only be matched on a single-label edge, not a path");
      }
      NfaBuilder nfa{
          {}, g_, &budget_, &out_.notices, step.direction == EdgeStep::Direction::kEither};
      auto [s, t] = nfa.Build(*path, step.direction == EdgeStep::Direction::kBackward);
      step.automaton = nfa.Finish(s, t);
      step.text = "(path)";
    }
    if (!e.edge_variable.empty()) step.edge_slot = SlotFor(e.edge_variable, SlotKind::kEdge);
    for (const QualifierPattern& q : e.qualifiers) {
      QualifierConstraint c;
      c.role = q.role;
      if (q.is_variable) {
        c.value_slot = SlotFor(q.value, SlotKind::kString);
      } else {
        c.value_constant = q.value;
      }
      step.qualifiers.push_back(std::move(c));
    }
    return step;
  }

  void SplitConjuncts(BoundExpr e, std::vector<BoundExpr>* out) {
    if (e.kind == BoundExpr::Kind::kAnd) {
      for (BoundExpr& c : e.children) SplitConjuncts(std::move(c), out);
    } else {
      out->push_back(std::move(e));
    }
  }

  BoundExpr BindExpr(const Expr& e, bool allow_aggregates) {
    budget_.Tick();
    BoundExpr b;
    b.source = e.source;
    switch (e.kind) {
      case Expr::Kind::kParam:
        throw BindError("$" + e.text + " has no value");
      case Expr::Kind::kVariable: {
        auto& slots = out_.match.slots;
        auto it = std::find_if(slots.begin(), slots.end(),
                               [&](const Slot& s) { return s.name == e.text; });
        if (it == slots.end()) throw BindError("?" + e.text + " is not bound by any pattern");
        b.kind = BoundExpr::Kind::kSlot;
        b.slot = static_cast<int>(it - slots.begin());
        return b;
      }
      case Expr::Kind::kString:
        b.kind = BoundExpr::Kind::kConstant;
        b.const_kind = BoundExpr::ConstKind::kString;
        b.text = e.text;
        return b;
      case Expr::Kind::kNumber:
        b.kind = BoundExpr::Kind::kConstant;
        b.const_kind = BoundExpr::ConstKind::kNumber;
        b.number = e.number;
        return b;
      case Expr::Kind::kBool:
        b.kind = BoundExpr::Kind::kConstant;
        b.const_kind = BoundExpr::ConstKind::kBool;
        b.boolean = e.boolean;
        return b;
      case Expr::Kind::kCall: {
        const FunctionInfo* info = FindFunction(e.text);
        if (!info) {
          std::vector<std::string> names;
          for (const FunctionInfo& f : Functions()) {
            if (graph::EditDistance(f.name, e.text, 2) <= 2) names.emplace_back(f.name);
          }
          throw BindError("unknown function " + e.text + "()" + graph::DidYouMean(names));
        }
        int args = static_cast<int>(e.children.size()) + (e.star ? 1 : 0);
        if (args < info->min_args || args > info->max_args ||
            (e.star && info->function != Function::kCount)) {
          throw BindError(
              e.text + "() takes " + std::to_string(info->min_args) +
              (info->max_args != info->min_args ? " or " + std::to_string(info->max_args) : "") +
              " argument" + (info->max_args == 1 ? "" : "s"));
        }
        if (info->aggregate && !allow_aggregates) {
          throw BindError(e.text + "() aggregates, so it cannot appear in WHERE");
        }
        b.kind = info->aggregate ? BoundExpr::Kind::kAggregate : BoundExpr::Kind::kCall;
        b.function = info->function;
        b.distinct = e.distinct;
        b.star = e.star || (info->function == Function::kCount && e.children.empty());
        for (const auto& c : e.children) {
          BoundExpr arg = BindExpr(*c, allow_aggregates);
          if (info->aggregate && arg.HasAggregate()) {
            throw BindError("aggregates cannot be nested: " + e.source);
          }
          b.children.push_back(std::move(arg));
        }
        if (info->provenance) out_.match.needs_provenance = true;
        if (info->aggregate) {
          b.aggregate_index = static_cast<int>(out_.match.aggregates.size());
          out_.match.aggregates.push_back(b);
        }
        return b;
      }
      case Expr::Kind::kCompare:
        if (e.text == "=~") {
          b.kind = BoundExpr::Kind::kRegex;
          b.children.push_back(BindExpr(*e.children[0], allow_aggregates));
          const Expr& pattern = *e.children[1];
          if (pattern.kind != Expr::Kind::kString) {
            throw BindError("the right side of =~ must be a quoted regular expression");
          }
          {
            // RE2: linear time in the text, bounded memory, no backtracking.
            RE2::Options options;
            options.set_log_errors(false);
            options.set_max_mem(kRegexMemory);
            auto re = std::make_shared<const RE2>(pattern.text, options);
            if (!re->ok()) {
              throw BindError("bad regular expression \"" + pattern.text + "\": " + re->error());
            }
            b.regex = std::move(re);
          }
          b.text = pattern.text;
          return b;
        }
        b.kind = BoundExpr::Kind::kCompare;
        if (!ParseCompareOp(e.text, &b.op)) throw BindError("unknown operator " + e.text);
        break;
      case Expr::Kind::kNot:
        b.kind = BoundExpr::Kind::kNot;
        break;
      case Expr::Kind::kAnd:
        b.kind = BoundExpr::Kind::kAnd;
        break;
      case Expr::Kind::kOr:
        b.kind = BoundExpr::Kind::kOr;
        break;
      case Expr::Kind::kContains:
        b.kind = BoundExpr::Kind::kContains;
        break;
      case Expr::Kind::kStartsWith:
        b.kind = BoundExpr::Kind::kStartsWith;
        break;
      case Expr::Kind::kIn:
        b.kind = BoundExpr::Kind::kIn;
        break;
    }
    for (const auto& c : e.children) b.children.push_back(BindExpr(*c, allow_aggregates));
    if (b.kind == BoundExpr::Kind::kIn) b.in_set = ConstantSet(b);
    return b;
  }

  // The list of an 'in' as a set, when every item is a constant of one kind: a hash lookup per
  // row instead of a comparison per item.
  std::shared_ptr<const BoundExpr::InSet> ConstantSet(const BoundExpr& in) const {
    auto set = std::make_shared<BoundExpr::InSet>();
    bool strings = true, numbers = true;
    for (size_t i = 1; i < in.children.size(); ++i) {
      const BoundExpr& c = in.children[i];
      if (c.kind != BoundExpr::Kind::kConstant) return nullptr;
      strings = strings && c.const_kind == BoundExpr::ConstKind::kString;
      numbers = numbers && c.const_kind == BoundExpr::ConstKind::kNumber;
    }
    if (!strings && !numbers) return nullptr;
    for (size_t i = 1; i < in.children.size(); ++i) {
      const BoundExpr& c = in.children[i];
      if (numbers) {
        set->numbers.insert(c.number);
        continue;
      }
      set->strings.insert(c.text);
      for (graph::VertexId v : g_.FindVertices(c.text)) set->vertices.insert(v);
    }
    return set;
  }

  void BindEndpoints(const NodeTerm& n, std::vector<graph::VertexId>* out, std::string* text) {
    if (n.kind != NodeTerm::Kind::kName) {
      throw BindError("PATH and NEIGHBORS take entity names, not variables");
    }
    *text = n.text;
    *out = ResolveName(n.text);
  }

  std::optional<graph::LabelId> BindVia(const PathExpr* via) {
    if (!via) return std::nullopt;
    if (via->kind != PathExpr::Kind::kLabel) {
      throw BindError("VIA takes one predicate label");
    }
    auto l = g_.FindLabel(via->text);
    if (!l) {
      out_.unsatisfiable = true;
      out_.notices.push_back("no predicate named '" + via->text + "'" +
                             graph::DidYouMean(graph::SuggestLabels(g_, via->text)));
    }
    return l;
  }

  void BindPath(const PathQuery& p) {
    BindEndpoints(p.from, &out_.path.from, &out_.path.from_text);
    BindEndpoints(p.to, &out_.path.to, &out_.path.to_text);
    out_.path.options.direction = p.directed ? graph::Direction::kOut : graph::Direction::kBoth;
    out_.path.options.max_hops = p.max_hops;
    out_.path.options.label = BindVia(p.via.get());
  }

  void BindNeighbors(const NeighborsQuery& n) {
    BindEndpoints(n.centre, &out_.neighbors.centre, &out_.neighbors.centre_text);
    out_.neighbors.hops = n.hops;
    out_.neighbors.options.direction =
        n.directed ? graph::Direction::kOut : graph::Direction::kBoth;
    out_.neighbors.options.label = BindVia(n.via.get());
  }

  const graph::Graph& g_;
  Budget budget_;  // a copy: same start, limit and flag
  BoundQuery out_;
};

}  // namespace

bool EdgeStep::per_edge() const { return edge_slot >= 0 || label_slot >= 0 || !qualifiers.empty(); }

void BoundExpr::CollectSlots(std::vector<int>* out) const {
  if (kind == Kind::kSlot) out->push_back(slot);
  for (const BoundExpr& c : children) c.CollectSlots(out);
}

bool BoundExpr::HasAggregate() const {
  if (kind == Kind::kAggregate) return true;
  return std::any_of(children.begin(), children.end(),
                     [](const BoundExpr& c) { return c.HasAggregate(); });
}

Automaton Automaton::Reversed() const {
  // New state i+1 mirrors state i; new state 0 is a start that moves like the reversed moves
  // into every accepting state.
  Automaton r;
  const size_t n = num_states();
  r.transitions.resize(n + 1);
  r.accepting.assign(n + 1, false);
  r.accepting[start + 1] = true;
  for (uint32_t s = 0; s < n; ++s) {
    for (const Transition& t : transitions[s]) {
      Transition back{s + 1, t.label, !t.inverse};
      r.transitions[t.to + 1].push_back(back);
      if (accepting[t.to]) r.transitions[0].push_back(back);
    }
  }
  if (accepting[start]) r.accepting[0] = true;
  r.start = 0;
  return r;
}

BoundQuery Bind(const Query& query, const graph::Graph& g, Budget* budget) {
  if (!query.params.empty() && !query.params_bound) {
    throw BindError("$" + query.params.front().name + " has no value");
  }
  return Binder(g, budget).Bind(query);
}

}  // namespace weft::query
