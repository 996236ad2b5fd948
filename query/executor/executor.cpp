#include "query/executor/executor.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "graph/base/text.h"
#include "graph/snapshot/algorithms.h"
#include "query/executor/values.h"
#include "query/planner/planner.h"

namespace weft::query {

namespace {

struct Accumulator {
  uint64_t count = 0;
  double sum = 0;
  std::optional<Value> best;
  std::vector<std::string> collected;
  std::unordered_set<std::string> seen;  // for DISTINCT
};

class Executor {
 public:
  // The edges and vertices a result row was made from (its part of the subgraph).
  struct Selection {
    std::vector<graph::EdgeId> edges;
    std::vector<graph::VertexId> vertices;
  };
  Executor(const BoundQuery& q, const Plan& plan, const graph::Graph& g, const ExecOptions& o,
           Budget& budget)
      : q_(q), m_(q.match), g_(g), opt_(o), budget_(budget), plan_(plan) {}

  QueryResult Run() {
    result_.notices = q_.notices;
    result_.unknown_names = q_.notices.size();
    switch (q_.kind) {
      case BoundQuery::Kind::kMatch:
        RunMatch();
        break;
      case BoundQuery::Kind::kPath:
        RunPath();
        break;
      case BoundQuery::Kind::kNeighbors:
        RunNeighbors();
        break;
    }
    return std::move(result_);
  }

 private:
  // ---- interruption ------------------------------------------------------------------------
  void Tick() { budget_.Tick(); }

  // ---- expressions -------------------------------------------------------------------------
  Value SlotValue(int slot) const {
    uint32_t v = bind_[slot];
    if (v == graph::kNone) return {};
    switch (m_.slots[slot].kind) {
      case SlotKind::kVertex:
        return Value::Vertex(v);
      case SlotKind::kLabel:
        return Value::Label(graph::LabelId(v));
      case SlotKind::kEdge:
        return Value::Edge(v);
      case SlotKind::kString:
        return Value::String(std::string(g_.String(graph::StringId(v))));
    }
    return {};
  }

  std::vector<SourceInfo> Sources(const Value& v) const {
    if (v.kind != Value::Kind::kEdge || !opt_.provenance) return {};
    return opt_.provenance->Sources(g_.Statement(v.id));
  }

  Value Call(const BoundExpr& e, const std::vector<Value>& args) const {
    const Value& a = args[0];
    const bool vertex = a.kind == Value::Kind::kVertex, edge = a.kind == Value::Kind::kEdge;
    switch (e.function) {
      case Function::kName:
      case Function::kStr:
        return a.kind == Value::Kind::kNull ? Value{} : Value::String(ValueText(a, g_));
      case Function::kType:
        return vertex ? Value::String(std::string(EntityTypeName(g_.VertexType(a.id)))) : Value{};
      case Function::kLabel:
        if (edge) return Value::Label(g_.Label(a.id));
        return a.kind == Value::Kind::kLabel ? a : Value{};
      case Function::kSubject:
        return edge ? Value::Vertex(g_.Source(a.id)) : Value{};
      case Function::kObject:
        return edge ? Value::Vertex(g_.Target(a.id)) : Value{};
      case Function::kConfidence:
        return edge ? Value::Number(Decimal(g_.Confidence(a.id))) : Value{};
      case Function::kSupport:
        return edge ? Value::Number(g_.Support(a.id)) : Value{};
      case Function::kQualifier:
        return edge ? Qualifier(a.id, ValueText(args[1], g_)) : Value{};
      case Function::kDocument:
      case Function::kSentence:
      case Function::kSources:
      case Function::kPublished:
        return Provenance(e.function, a);
      case Function::kDegree:
        return vertex ? Count(g_.InDegree(a.id) + g_.OutDegree(a.id)) : Value{};
      case Function::kInDegree:
        return vertex ? Count(g_.InDegree(a.id)) : Value{};
      case Function::kOutDegree:
        return vertex ? Count(g_.OutDegree(a.id)) : Value{};
      case Function::kAliases:
        return vertex ? Aliases(a.id) : Value{};
      case Function::kLower:
      case Function::kUpper:
        return a.kind == Value::Kind::kNull ? Value{} : ChangeCase(ValueText(a, g_), e.function);
      case Function::kLength:
        if (a.kind == Value::Kind::kNull) return {};
        return Count(Utf8Length(ValueText(a, g_)));
      case Function::kCount:
      case Function::kSum:
      case Function::kAvg:
      case Function::kMin:
      case Function::kMax:
      case Function::kCollect:
        break;  // aggregates are accumulated, never called
    }
    return {};
  }

  static Value Count(size_t n) { return Value::Number(static_cast<double>(n)); }

  Value Qualifier(graph::EdgeId edge, const std::string& role) const {
    for (const graph::QualifierRef& q : g_.Qualifiers(edge)) {
      if (g_.String(q.role) == role) return Value::String(std::string(g_.String(q.value)));
    }
    return {};
  }

  Value Provenance(Function f, const Value& a) const {
    std::vector<SourceInfo> sources = Sources(a);
    if (sources.empty()) return {};
    if (f == Function::kDocument) return Value::String(sources[0].document);
    if (f == Function::kSentence) return Value::String(sources[0].text);
    if (f == Function::kPublished) {
      // The first report of it: the earliest date among its sources.
      std::string first;
      for (const SourceInfo& s : sources) {
        if (!s.date.empty() && (first.empty() || s.date < first)) first = s.date;
      }
      return first.empty() ? Value{} : Value::String(first);
    }
    return Value::String(JoinSources(sources));
  }

  Value Aliases(graph::VertexId v) const {
    std::string all;
    for (std::string_view s : g_.VertexAliases(v)) {
      if (!all.empty()) all += ", ";
      all += s;
    }
    return Value::String(all);
  }

  static Value ChangeCase(std::string s, Function f) {
    for (char& c : s) {
      if (f == Function::kLower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (f == Function::kUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return Value::String(std::move(s));
  }

  Value Eval(const BoundExpr& e, const std::vector<Value>* aggregates = nullptr) const {
    switch (e.kind) {
      case BoundExpr::Kind::kSlot:
        return SlotValue(e.slot);
      case BoundExpr::Kind::kConstant:
        switch (e.const_kind) {
          case BoundExpr::ConstKind::kString:
            return Value::String(e.text);
          case BoundExpr::ConstKind::kNumber:
            return Value::Number(e.number);
          case BoundExpr::ConstKind::kBool:
            return Value::Bool(e.boolean);
        }
        return {};
      case BoundExpr::Kind::kAggregate:
        return aggregates ? (*aggregates)[e.aggregate_index] : Value{};
      case BoundExpr::Kind::kCall: {
        std::vector<Value> args;
        for (const BoundExpr& c : e.children) args.push_back(Eval(c, aggregates));
        return Call(e, args);
      }
      case BoundExpr::Kind::kNot:
        return Value::Bool(!Truthy(Eval(e.children[0], aggregates)));
      case BoundExpr::Kind::kAnd:
        return Value::Bool(Truthy(Eval(e.children[0], aggregates)) &&
                           Truthy(Eval(e.children[1], aggregates)));
      case BoundExpr::Kind::kOr:
        return Value::Bool(Truthy(Eval(e.children[0], aggregates)) ||
                           Truthy(Eval(e.children[1], aggregates)));
      case BoundExpr::Kind::kCompare: {
        Value a = Eval(e.children[0], aggregates), b = Eval(e.children[1], aggregates);
        if (e.op == CompareOp::kEqual) return Value::Bool(EqualValues(a, b, g_));
        if (e.op == CompareOp::kNotEqual) {
          return Value::Bool(a.kind != Value::Kind::kNull && b.kind != Value::Kind::kNull &&
                             !EqualValues(a, b, g_));
        }
        if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) return Value::Bool(false);
        int c = CompareValues(a, b, g_);
        switch (e.op) {
          case CompareOp::kLess:
            return Value::Bool(c < 0);
          case CompareOp::kLessEqual:
            return Value::Bool(c <= 0);
          case CompareOp::kGreater:
            return Value::Bool(c > 0);
          default:
            return Value::Bool(c >= 0);
        }
      }
      case BoundExpr::Kind::kRegex: {
        Value a = Eval(e.children[0], aggregates);
        if (a.kind == Value::Kind::kNull) return Value::Bool(false);
        return Value::Bool(RE2::PartialMatch(ValueText(a, g_), *e.regex));
      }
      case BoundExpr::Kind::kContains:
      case BoundExpr::Kind::kStartsWith: {
        Value a = Eval(e.children[0], aggregates), b = Eval(e.children[1], aggregates);
        if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) return Value::Bool(false);
        std::string x = ValueText(a, g_), y = ValueText(b, g_);
        return Value::Bool(e.kind == BoundExpr::Kind::kContains ? x.find(y) != std::string::npos
                                                                : x.starts_with(y));
      }
      case BoundExpr::Kind::kIn: {
        Value a = Eval(e.children[0], aggregates);
        if (e.in_set) {
          const BoundExpr::InSet& set = *e.in_set;
          switch (a.kind) {
            case Value::Kind::kVertex:
              return Value::Bool(set.vertices.count(a.id) > 0);
            case Value::Kind::kLabel:
              return Value::Bool(
                  set.strings.count(std::string(g_.LabelName(graph::LabelId(a.id)))) > 0);
            case Value::Kind::kString:
              if (set.numbers.empty()) return Value::Bool(set.strings.count(a.text) > 0);
              break;
            case Value::Kind::kNumber:
              if (set.strings.empty()) return Value::Bool(set.numbers.count(a.number) > 0);
              break;
            case Value::Kind::kNull:
              return Value::Bool(false);
            default:
              break;
          }
        }
        for (size_t i = 1; i < e.children.size(); ++i) {
          if (EqualValues(a, Eval(e.children[i], aggregates), g_)) return Value::Bool(true);
        }
        return Value::Bool(false);
      }
    }
    return {};
  }

  bool Filters(const std::vector<int>& filters) const {
    for (int f : filters) {
      if (!Truthy(Eval(m_.conjuncts[f]))) return false;
    }
    return true;
  }

  // ---- matching ----------------------------------------------------------------------------
  void Next(size_t i) {
    if (stop_) return;
    const PlanStep& ps = plan_.steps[i - 1];
    if (Filters(ps.filters)) Match(i);
  }

  void Match(size_t i) {
    if (stop_) return;
    Tick();
    if (i == plan_.steps.size()) {
      Emit();
      return;
    }
    const PlanStep& ps = plan_.steps[i];
    switch (ps.kind) {
      case PlanStep::Kind::kConstant:
        for (graph::VertexId v : m_.slots[ps.slot].candidates) {
          bind_[ps.slot] = v;
          Next(i + 1);
        }
        bind_[ps.slot] = graph::kNone;
        return;
      case PlanStep::Kind::kAllVertices:
        for (graph::VertexId v = 0; v < g_.num_vertices() && !stop_; ++v) {
          bind_[ps.slot] = v;
          Next(i + 1);
        }
        bind_[ps.slot] = graph::kNone;
        return;
      case PlanStep::Kind::kEdge: {
        const EdgeStep& step = m_.steps[ps.edge];
        if (step.label_unknown) return;
        if (step.single) {
          MatchSingle(i, step);
        } else {
          MatchPath(i, step, ps.edge);
        }
        return;
      }
    }
  }

  // Binds `slot` to `value` if free, or checks it; calls fn; restores the slot.
  template <typename Fn>
  void WithBinding(int slot, uint32_t value, Fn&& fn) {
    if (slot < 0) {
      fn();
      return;
    }
    uint32_t old = bind_[slot];
    if (old != graph::kNone) {
      if (old == value) fn();
      return;
    }
    bind_[slot] = value;
    fn();
    bind_[slot] = graph::kNone;
  }

  // Matches the step's qualifier constraints against edge e, branching over alternatives.
  template <typename Fn>
  void MatchQualifiers(const EdgeStep& step, graph::EdgeId e, size_t k, Fn&& fn) {
    if (k == step.qualifiers.size()) {
      fn();
      return;
    }
    const QualifierConstraint& c = step.qualifiers[k];
    for (const graph::QualifierRef& q : g_.Qualifiers(e)) {
      if (g_.String(q.role) != c.role) continue;
      if (c.value_slot >= 0 && m_.slots[c.value_slot].kind == SlotKind::kVertex) {
        // The variable is also an entity elsewhere: the value must name one.
        std::optional<graph::VertexId> v = g_.FindVertex(g_.String(q.value));
        if (!v) continue;
        WithBinding(c.value_slot, *v, [&] { MatchQualifiers(step, e, k + 1, fn); });
      } else if (c.value_slot >= 0) {
        uint32_t bound = bind_[c.value_slot];
        if (bound != graph::kNone && g_.String(graph::StringId(bound)) != g_.String(q.value)) {
          continue;
        }
        WithBinding(bound != graph::kNone ? -1 : c.value_slot, q.value.value,
                    [&] { MatchQualifiers(step, e, k + 1, fn); });
      } else if (AsciiLower(g_.String(q.value)) == AsciiLower(c.value_constant) ||
                 (EqualNames(g_.String(q.value), c.value_constant))) {
        MatchQualifiers(step, e, k + 1, fn);
      }
    }
  }

  // A qualifier value names the same entity as the constant (e.g. "U.S." and "United States").
  bool EqualNames(std::string_view value, const std::string& constant) const {
    auto a = g_.FindVertex(value);
    if (!a) return false;
    for (graph::VertexId v : g_.FindVertices(constant)) {
      if (v == *a) return true;
    }
    return false;
  }

  // Follows edge e from `from_slot`'s side to `to_slot`'s side, with the step's constraints.
  void TakeEdge(size_t i, const EdgeStep& step, graph::EdgeId e, int to_slot, graph::VertexId to) {
    if (step.label_slot >= 0 && bind_[step.label_slot] != graph::kNone &&
        bind_[step.label_slot] != g_.Label(e).value) {
      return;
    }
    WithBinding(to_slot, to, [&] {
      WithBinding(step.label_slot, g_.Label(e).value, [&] {
        MatchQualifiers(step, e, 0, [&] {
          WithBinding(step.edge_slot, e, [&] {
            edges_.push_back(e);
            Next(i + 1);
            edges_.pop_back();
          });
        });
      });
    });
  }

  std::optional<graph::LabelId> StepLabel(const EdgeStep& step) const {
    if (step.label) return step.label;
    if (step.label_slot >= 0 && bind_[step.label_slot] != graph::kNone)
      return graph::LabelId(bind_[step.label_slot]);
    return std::nullopt;
  }

  // Calls fn(edge, neighbour) for the edges leaving v along `outward` (true: out-edges).
  template <typename Fn>
  void Adjacent(graph::VertexId v, bool outward, std::optional<graph::LabelId> label, Fn&& fn) {
    if (outward) {
      graph::Graph::EdgeRange r = label ? g_.OutEdges(v, *label) : g_.OutEdges(v);
      for (graph::EdgeId e = r.begin; e < r.end; ++e) fn(e, g_.Target(e));
    } else {
      for (graph::EdgeId e : label ? g_.InEdges(v, *label) : g_.InEdges(v)) fn(e, g_.Source(e));
    }
  }

  void MatchSingle(size_t i, const EdgeStep& step) {
    const bool l = bind_[step.left] != graph::kNone;
    const bool r = bind_[step.right] != graph::kNone;
    const bool fwd = step.direction != EdgeStep::Direction::kBackward;
    const bool bwd = step.direction != EdgeStep::Direction::kForward;
    std::optional<graph::LabelId> label = StepLabel(step);
    if (l || r) {
      // From the bound end; when both are bound, from the left.
      graph::VertexId from = l ? bind_[step.left] : bind_[step.right];
      const int to_slot = l ? static_cast<int>(step.right) : static_cast<int>(step.left);
      // Seen from the right end, a forward edge is an in-edge.
      const bool out_dir = l ? fwd : bwd;
      const bool in_dir = l ? bwd : fwd;
      if (step.per_edge()) {
        if (out_dir)
          Adjacent(from, true, label,
                   [&](graph::EdgeId e, graph::VertexId w) { TakeEdge(i, step, e, to_slot, w); });
        if (in_dir)
          Adjacent(from, false, label,
                   [&](graph::EdgeId e, graph::VertexId w) { TakeEdge(i, step, e, to_slot, w); });
        return;
      }
      // One row per distinct neighbour.
      const uint32_t want = bind_[to_slot];
      std::vector<std::pair<graph::VertexId, graph::EdgeId>> found;
      auto add = [&](graph::EdgeId e, graph::VertexId w) {
        if (want == graph::kNone || w == want) found.emplace_back(w, e);
      };
      if (out_dir) Adjacent(from, true, label, add);
      if (in_dir) Adjacent(from, false, label, add);
      std::sort(found.begin(), found.end());
      for (size_t k = 0; k < found.size() && !stop_; ++k) {
        if (k > 0 && found[k].first == found[k - 1].first) continue;
        TakeEdge(i, step, found[k].second, to_slot, found[k].first);
        Tick();
      }
      return;
    }
    // Neither end bound: scan the label index, or every edge.
    std::unordered_set<uint64_t> pairs;
    auto visit = [&](graph::EdgeId e) {
      graph::VertexId s = g_.Source(e), t = g_.Target(e);
      auto orient = [&](graph::VertexId a, graph::VertexId b) {
        if (!step.per_edge() && !pairs.insert((static_cast<uint64_t>(a) << 32) | b).second) return;
        WithBinding(static_cast<int>(step.left), a, [&] {
          if (step.left == step.right) {
            if (a == b) TakeEdge(i, step, e, -1, b);
          } else {
            TakeEdge(i, step, e, static_cast<int>(step.right), b);
          }
        });
      };
      if (fwd) orient(s, t);
      if (bwd && !(fwd && s == t)) orient(t, s);
      Tick();
    };
    if (label) {
      for (graph::EdgeId e : g_.LabelEdges(*label)) {
        if (stop_) return;
        visit(e);
      }
    } else {
      for (graph::EdgeId e = 0; e < g_.num_edges() && !stop_; ++e) visit(e);
    }
  }

  // Vertices reachable from v along the automaton (each once), stopping early at `target`.
  std::vector<graph::VertexId> Reach(const Automaton& a, graph::VertexId v,
                                     graph::VertexId target) {
    std::vector<graph::VertexId> out;
    const uint64_t states = a.num_states();
    std::unordered_set<uint64_t> visited;
    std::unordered_set<graph::VertexId> emitted;
    std::vector<std::pair<graph::VertexId, uint32_t>> queue = {{v, a.start}};
    visited.insert(static_cast<uint64_t>(v) * states + a.start);
    for (size_t head = 0; head < queue.size(); ++head) {
      auto [x, s] = queue[head];
      if (a.accepting[s] && emitted.insert(x).second) {
        out.push_back(x);
        if (x == target) return out;
      }
      for (const Automaton::Transition& t : a.transitions[s]) {
        std::optional<graph::LabelId> label;
        if (t.label != graph::kAnyLabel) label = t.label;
        Adjacent(x, !t.inverse, label, [&](graph::EdgeId, graph::VertexId w) {
          if (visited.insert(static_cast<uint64_t>(w) * states + t.to).second) {
            queue.emplace_back(w, t.to);
          }
        });
      }
      if (++closure_visits_ > opt_.closure_budget) {
        throw QueryInterrupted(fmt::format(
            "query stopped: a path expression visited more than {} (entity, state) pairs; "
            "bind one end or narrow the labels",
            opt_.closure_budget));
      }
      Tick();
    }
    return out;
  }

  void MatchPath(size_t i, const EdgeStep& step, int index) {
    const bool l = bind_[step.left] != graph::kNone;
    const bool r = bind_[step.right] != graph::kNone;
    if (l) {
      graph::VertexId target = r ? bind_[step.right] : graph::kNone;
      for (graph::VertexId w : Reach(step.automaton, bind_[step.left], target)) {
        if (stop_) return;
        if (step.left == step.right && w != bind_[step.left]) continue;
        WithBinding(static_cast<int>(step.right), w, [&] { Next(i + 1); });
      }
      return;
    }
    if (r) {
      auto it = reversed_.find(index);
      if (it == reversed_.end()) it = reversed_.emplace(index, step.automaton.Reversed()).first;
      for (graph::VertexId w : Reach(it->second, bind_[step.right], graph::kNone)) {
        if (stop_) return;
        WithBinding(static_cast<int>(step.left), w, [&] { Next(i + 1); });
      }
      return;
    }
    for (graph::VertexId v = 0; v < g_.num_vertices() && !stop_; ++v) {
      bind_[step.left] = v;
      for (graph::VertexId w : Reach(step.automaton, v, graph::kNone)) {
        if (stop_) break;
        if (step.left == step.right) {
          if (w == v) Next(i + 1);
          continue;
        }
        WithBinding(static_cast<int>(step.right), w, [&] { Next(i + 1); });
      }
      bind_[step.left] = graph::kNone;
    }
  }

  // ---- output ------------------------------------------------------------------------------
  void Emit() {
    if (m_.grouped) {
      std::vector<Value> keys;
      for (const BoundProjection& p : m_.projections) {
        keys.push_back(p.expr.HasAggregate() ? Value{} : Eval(p.expr));
      }
      std::string k = Key(keys);
      auto [it, fresh] = groups_.try_emplace(k);
      if (fresh) {
        group_order_.push_back(k);
        it->second.keys = std::move(keys);
        it->second.acc.resize(m_.aggregates.size());
      }
      for (size_t a = 0; a < m_.aggregates.size(); ++a)
        Accumulate(m_.aggregates[a], &it->second.acc[a]);
      KeepEdges(&it->second.selection);
      return;
    }
    std::vector<Value> row;
    row.reserve(m_.projections.size());
    for (const BoundProjection& p : m_.projections) row.push_back(Eval(p.expr));
    if (!m_.order_by.empty()) {
      std::vector<Value> keys;
      for (const BoundOrder& o : m_.order_by) {
        keys.push_back(o.projection >= 0 ? row[o.projection] : Eval(o.expr));
      }
      sort_keys_.push_back(std::move(keys));
    }
    if (m_.distinct && !distinct_.insert(Key(row)).second) {
      if (!m_.order_by.empty()) sort_keys_.pop_back();
      return;
    }
    if (opt_.collect_subgraph) {
      row_selections_.emplace_back();
      KeepEdges(&row_selections_.back());
    }
    result_.rows.push_back(std::move(row));
    ++seen_rows_;
    // Sorted rows keep only the best offset + limit (or row cap) of them, sorted in batches:
    // memory is bounded by what the result can show, not by what matched.
    if (!m_.order_by.empty() && top_k_ > 0 && result_.rows.size() - top_k_ >= top_k_) {
      SortRows(top_k_);
    }
    // Without sorting or grouping, rows stream: stop once offset + limit are in hand.
    if (m_.order_by.empty()) {
      const uint64_t need = m_.limit ? SaturatingAdd(m_.offset, *m_.limit) : UINT64_MAX;
      if (result_.rows.size() >= need) stop_ = true;
      if (opt_.max_rows > 0 && result_.rows.size() >= SaturatingAdd(m_.offset, opt_.max_rows)) {
        result_.truncated = result_.rows.size() < need;
        stop_ = true;
      }
    }
  }

  // Sorts the rows (with their sort keys and selections) by the order-by keys, stably, and
  // keeps the first `keep`.
  void SortRows(size_t keep) {
    std::vector<size_t> order(result_.rows.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      for (size_t k = 0; k < m_.order_by.size(); ++k) {
        int c = CompareValues(sort_keys_[a][k], sort_keys_[b][k], g_);
        if (c != 0) return m_.order_by[k].descending ? c > 0 : c < 0;
      }
      return false;
    });
    if (order.size() > keep) order.resize(keep);
    std::vector<std::vector<Value>> rows;
    std::vector<std::vector<Value>> keys;
    rows.reserve(order.size());
    keys.reserve(order.size());
    for (size_t k : order) {
      rows.push_back(std::move(result_.rows[k]));
      keys.push_back(std::move(sort_keys_[k]));
    }
    result_.rows = std::move(rows);
    sort_keys_ = std::move(keys);
    if (opt_.collect_subgraph) {
      std::vector<Selection> selections;
      selections.reserve(order.size());
      for (size_t k : order) selections.push_back(std::move(row_selections_[k]));
      row_selections_ = std::move(selections);
    }
  }

  void KeepEdges(Selection* into) {
    if (!opt_.collect_subgraph) return;
    into->edges.insert(into->edges.end(), edges_.begin(), edges_.end());
    for (size_t s = 0; s < m_.slots.size(); ++s) {
      if (m_.slots[s].kind == SlotKind::kVertex && bind_[s] != graph::kNone)
        into->vertices.push_back(bind_[s]);
    }
  }

  static uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
    return b > UINT64_MAX - a ? UINT64_MAX : a + b;
  }

  void Accumulate(const BoundExpr& agg, Accumulator* acc) {
    if (agg.star) {
      ++acc->count;
      return;
    }
    Value v = Eval(agg.children[0]);
    if (v.kind == Value::Kind::kNull) return;
    if (agg.distinct && !acc->seen.insert(Key({v})).second) return;
    ++acc->count;
    if (auto n = AsNumber(v)) acc->sum += *n;
    switch (agg.function) {
      case Function::kMin:
        if (!acc->best || CompareValues(v, *acc->best, g_) < 0) acc->best = v;
        break;
      case Function::kMax:
        if (!acc->best || CompareValues(v, *acc->best, g_) > 0) acc->best = v;
        break;
      case Function::kCollect:
        acc->collected.push_back(ValueText(v, g_));
        break;
      default:
        break;
    }
  }

  Value Finish(const BoundExpr& agg, const Accumulator& acc) const {
    switch (agg.function) {
      case Function::kCount:
        return Count(acc.count);
      case Function::kSum:
        return Value::Number(acc.sum);
      case Function::kAvg:
        return acc.count ? Value::Number(acc.sum / static_cast<double>(acc.count)) : Value{};
      case Function::kMin:
      case Function::kMax:
        return acc.best.value_or(Value{});
      default:
        break;
    }
    std::string all;
    for (const std::string& s : acc.collected) all += (all.empty() ? "" : ", ") + s;
    return Value::String(all);
  }

  void RunMatch() {
    for (const BoundProjection& p : m_.projections) result_.columns.push_back(p.name);
    if (q_.explain) {
      result_.plan = ExplainPlan(plan_, m_, g_);
      return;
    }
    bind_.assign(m_.slots.size(), graph::kNone);
    if (!m_.order_by.empty() && !m_.grouped) {
      uint64_t k = m_.limit ? SaturatingAdd(m_.offset, *m_.limit) : UINT64_MAX;
      if (opt_.max_rows > 0) k = std::min(k, SaturatingAdd(m_.offset, opt_.max_rows));
      top_k_ = k >= (uint64_t{1} << 40) ? 0 : static_cast<size_t>(k);
    }
    const bool empty_groups_row =
        m_.grouped && std::all_of(m_.projections.begin(), m_.projections.end(),
                                  [](const BoundProjection& p) { return p.expr.HasAggregate(); });
    if (!q_.unsatisfiable && Filters(plan_.initial_filters)) Match(0);
    if (m_.grouped) {
      // A query that only aggregates returns one row even when nothing matched (count = 0).
      if (groups_.empty() && empty_groups_row) {
        group_order_.push_back("");
        groups_[""].acc.resize(m_.aggregates.size());
        groups_[""].keys.resize(m_.projections.size());
      }
      for (const std::string& k : group_order_) {
        Group& grp = groups_[k];
        std::vector<Value> aggs;
        for (size_t a = 0; a < m_.aggregates.size(); ++a)
          aggs.push_back(Finish(m_.aggregates[a], grp.acc[a]));
        std::vector<Value> row;
        for (size_t p = 0; p < m_.projections.size(); ++p) {
          row.push_back(m_.projections[p].expr.HasAggregate() ? Eval(m_.projections[p].expr, &aggs)
                                                              : grp.keys[p]);
        }
        if (m_.distinct && !distinct_.insert(Key(row)).second) continue;
        if (!m_.order_by.empty()) {
          std::vector<Value> keys;
          for (const BoundOrder& o : m_.order_by) keys.push_back(row[o.projection]);
          sort_keys_.push_back(std::move(keys));
        }
        result_.rows.push_back(std::move(row));
        if (opt_.collect_subgraph) row_selections_.push_back(std::move(grp.selection));
      }
    }
    if (!m_.order_by.empty()) SortRows(result_.rows.size());
    // Offset and limit; the subgraph is what the rows that remain were made from.
    auto& rows = result_.rows;
    auto cut_front = [&](uint64_t n) {
      n = std::min<uint64_t>(n, rows.size());
      rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n));
      if (opt_.collect_subgraph) {
        row_selections_.erase(row_selections_.begin(),
                              row_selections_.begin() + static_cast<std::ptrdiff_t>(n));
      }
    };
    auto keep = [&](uint64_t n) {
      if (rows.size() <= n) return;
      rows.resize(n);
      if (opt_.collect_subgraph) row_selections_.resize(n);
    };
    if (m_.offset > 0) cut_front(m_.offset);
    if (m_.limit) keep(*m_.limit);
    if (opt_.max_rows > 0 && rows.size() > opt_.max_rows) {
      keep(opt_.max_rows);
      result_.truncated = true;
    }
    // Rows the top-k sort let go count too: more matched than the cap shows.
    if (top_k_ > 0 && opt_.max_rows > 0 && seen_rows_ > m_.offset) {
      const uint64_t after =
          std::min<uint64_t>(seen_rows_ - m_.offset, m_.limit ? *m_.limit : UINT64_MAX);
      if (after > opt_.max_rows) result_.truncated = true;
    }
    std::vector<graph::VertexId> vertices;
    for (const Selection& sel : row_selections_) {
      result_.edges.insert(result_.edges.end(), sel.edges.begin(), sel.edges.end());
      vertices.insert(vertices.end(), sel.vertices.begin(), sel.vertices.end());
    }
    std::sort(result_.edges.begin(), result_.edges.end());
    result_.edges.erase(std::unique(result_.edges.begin(), result_.edges.end()),
                        result_.edges.end());
    for (graph::EdgeId e : result_.edges) {
      vertices.push_back(g_.Source(e));
      vertices.push_back(g_.Target(e));
    }
    std::sort(vertices.begin(), vertices.end());
    vertices.erase(std::unique(vertices.begin(), vertices.end()), vertices.end());
    result_.vertices = std::move(vertices);
  }

  void RunPath() {
    result_.columns = {"hop", "subject", "predicate", "object"};
    const BoundPath& p = q_.path;
    if (q_.explain) {
      result_.plan =
          fmt::format("bidirectional breadth-first search from {} to {}, at most {} hops\n",
                      p.from_text, p.to_text, p.options.max_hops);
      return;
    }
    if (q_.unsatisfiable) return;
    std::optional<graph::Path> path = graph::ShortestPath(g_, p.from[0], p.to[0], p.options);
    if (!path) {
      result_.notices.push_back(fmt::format("no path from '{}' to '{}' within {} hops", p.from_text,
                                            p.to_text, p.options.max_hops));
      return;
    }
    for (size_t k = 0; k < path->edges.size(); ++k) {
      graph::EdgeId e = path->edges[k];
      result_.rows.push_back({Value::Number(static_cast<double>(k + 1)),
                              Value::Vertex(g_.Source(e)), Value::Label(g_.Label(e)),
                              Value::Vertex(g_.Target(e))});
      result_.edges.push_back(e);
    }
    result_.vertices = path->vertices;
  }

  void RunNeighbors() {
    result_.columns = {"entity", "type", "depth"};
    const BoundNeighbors& n = q_.neighbors;
    if (q_.explain) {
      result_.plan =
          fmt::format("breadth-first search around {}, {} hops\n", n.centre_text, n.hops);
      return;
    }
    if (q_.unsatisfiable) return;
    graph::Subgraph sub = graph::Neighbourhood(g_, n.centre[0], n.hops, n.options);
    for (size_t k = 0; k < sub.vertices.size(); ++k) {
      graph::VertexId v = sub.vertices[k];
      result_.rows.push_back({Value::Vertex(v),
                              Value::String(std::string(EntityTypeName(g_.VertexType(v)))),
                              Value::Number(sub.depth[k])});
    }
    result_.vertices = sub.vertices;
    result_.edges = sub.edges;
  }

  struct Group {
    std::vector<Value> keys;
    std::vector<Accumulator> acc;
    Selection selection;
  };

  const BoundQuery& q_;
  const BoundMatch& m_;
  const graph::Graph& g_;
  const ExecOptions& opt_;
  Budget& budget_;
  const Plan& plan_;
  std::vector<uint32_t> bind_;
  std::vector<graph::EdgeId> edges_;
  std::vector<Selection> row_selections_;  // parallel to result_.rows when collecting
  size_t top_k_ = 0;                       // ordered rows kept while matching (0: all)
  uint64_t seen_rows_ = 0;                 // rows emitted, before any was let go
  std::unordered_set<std::string> distinct_;
  std::unordered_map<std::string, Group> groups_;
  std::vector<std::string> group_order_;
  std::vector<std::vector<Value>> sort_keys_;
  std::unordered_map<int, Automaton> reversed_;
  QueryResult result_;
  size_t closure_visits_ = 0;
  bool stop_ = false;
};

}  // namespace

std::string JoinSources(const std::vector<SourceInfo>& sources) {
  std::string all;
  for (const SourceInfo& s : sources) {
    if (!all.empty()) all += "; ";
    all += fmt::format("{}#{}", s.document, s.sentence);
  }
  return all;
}

QueryResult Execute(const BoundQuery& query, const Plan& plan, const graph::Graph& g,
                    const ExecOptions& options, Budget& budget) {
  return Executor(query, plan, g, options, budget).Run();
}

}  // namespace weft::query
