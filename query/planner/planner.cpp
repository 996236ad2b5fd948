#include "query/planner/planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace weft::query {

namespace {

// Rows one step yields per input row, given which of its ends are bound.
double Estimate(const EdgeStep& step, const BoundMatch& m, const graph::Graph& g,
                const std::vector<bool>& bound, std::string* access) {
  if (step.label_unknown) {
    *access = "unknown label: matches nothing";
    return 0;
  }
  const double n = std::max<double>(1, static_cast<double>(g.num_vertices()));
  const double edges = step.label ? g.LabelCount(*step.label) : static_cast<double>(g.num_edges());
  const bool l = bound[step.left], r = bound[step.right];
  auto fanout = [&](uint32_t slot, bool outward) -> double {
    const Slot& s = m.slots[slot];
    if (s.constant) {
      double total = 0;
      for (graph::VertexId v : s.candidates) {
        if (!step.single) return 1000;
        if (step.direction != EdgeStep::Direction::kBackward) {
          total += static_cast<double>(
              outward ? (step.label ? g.OutEdges(v, *step.label).size() : g.OutDegree(v))
                      : (step.label ? g.InEdges(v, *step.label).size() : g.InDegree(v)));
        }
        if (step.direction != EdgeStep::Direction::kForward) {
          total += static_cast<double>(
              outward ? (step.label ? g.InEdges(v, *step.label).size() : g.InDegree(v))
                      : (step.label ? g.OutEdges(v, *step.label).size() : g.OutDegree(v)));
        }
      }
      return total;
    }
    return step.single ? edges / n : 1000;
  };
  if (l && r) {
    *access = "check both ends";
    return step.single ? std::min(1.0, edges / n) : 1;
  }
  if (l) {
    *access = step.single ? (step.label ? "label group of the left end" : "edges of the left end")
                          : "path search from the left end";
    return fanout(step.left, true);
  }
  if (r) {
    *access = step.single ? (step.label ? "label group of the right end" : "edges of the right end")
                          : "path search from the right end";
    return fanout(step.right, false);
  }
  *access = step.single ? (step.label ? "label index scan" : "full edge scan")
                        : "path search from every vertex";
  return step.single ? edges : n * 1000;
}

std::string SlotText(const BoundMatch& m, uint32_t slot) { return m.slots[slot].display; }

std::string StepText(const EdgeStep& s, const BoundMatch& m) {
  std::string body = s.text;
  if (s.edge_slot >= 0) body = SlotText(m, s.edge_slot) + ": " + body;
  if (!s.qualifiers.empty()) {
    body += "{";
    for (size_t i = 0; i < s.qualifiers.size(); ++i) {
      const QualifierConstraint& q = s.qualifiers[i];
      body += (i ? ", " : "") + q.role + ": " +
              (q.value_slot >= 0 ? SlotText(m, q.value_slot) : q.value_constant);
    }
    body += "}";
  }
  const char* open = s.single && s.direction == EdgeStep::Direction::kBackward ? "<-" : "-";
  const char* close = s.single && s.direction == EdgeStep::Direction::kForward ? "->"
                      : !s.single                                              ? "->"
                                                                               : "-";
  return fmt::format("{} {}{}{} {}", SlotText(m, s.left), open, body, close, SlotText(m, s.right));
}

}  // namespace

Plan MakePlan(const BoundMatch& m, const graph::Graph& g, Budget* budget) {
  Budget unlimited;
  Budget& b = budget != nullptr ? *budget : unlimited;
  Plan plan;
  std::vector<bool> bound(m.slots.size(), false);
  // Named nodes first: their candidates are known.
  for (uint32_t i = 0; i < m.slots.size(); ++i) {
    if (!m.slots[i].constant) continue;
    PlanStep s;
    s.kind = PlanStep::Kind::kConstant;
    s.slot = i;
    s.estimate = static_cast<double>(m.slots[i].candidates.size());
    s.access = "named entity";
    plan.steps.push_back(s);
    bound[i] = true;
  }
  std::vector<bool> done(m.steps.size(), false);
  for (size_t k = 0; k < m.steps.size(); ++k) {
    int best = -1;
    double best_cost = std::numeric_limits<double>::infinity();
    bool best_connected = false;
    std::string best_access;
    for (size_t i = 0; i < m.steps.size(); ++i) {
      b.Tick();
      if (done[i]) continue;
      std::string access;
      double cost = Estimate(m.steps[i], m, g, bound, &access);
      bool connected = bound[m.steps[i].left] || bound[m.steps[i].right];
      if (best < 0 || (connected && !best_connected) ||
          (connected == best_connected && cost < best_cost)) {
        best = static_cast<int>(i);
        best_cost = cost;
        best_connected = connected;
        best_access = access;
      }
    }
    done[best] = true;
    PlanStep s;
    s.kind = PlanStep::Kind::kEdge;
    s.edge = best;
    s.estimate = best_cost;
    s.access = best_access;
    plan.steps.push_back(s);
    const EdgeStep& e = m.steps[best];
    bound[e.left] = bound[e.right] = true;
    if (e.label_slot >= 0) bound[e.label_slot] = true;
    if (e.edge_slot >= 0) bound[e.edge_slot] = true;
    for (const QualifierConstraint& q : e.qualifiers) {
      if (q.value_slot >= 0) bound[q.value_slot] = true;
    }
  }
  for (uint32_t slot : m.lone_nodes) {
    if (bound[slot]) continue;
    PlanStep s;
    s.kind = PlanStep::Kind::kAllVertices;
    s.slot = slot;
    s.estimate = static_cast<double>(g.num_vertices());
    s.access = "every entity";
    plan.steps.push_back(s);
    bound[slot] = true;
  }
  // Each WHERE conjunct goes right after the step that binds the last slot it reads.
  std::vector<bool> seen(m.slots.size(), false);
  std::vector<bool> placed(m.conjuncts.size(), false);
  auto place = [&](std::vector<int>* into) {
    for (size_t c = 0; c < m.conjuncts.size(); ++c) {
      b.Tick();
      if (placed[c]) continue;
      std::vector<int> slots;
      m.conjuncts[c].CollectSlots(&slots);
      if (std::all_of(slots.begin(), slots.end(), [&](int s) { return seen[s]; })) {
        into->push_back(static_cast<int>(c));
        placed[c] = true;
      }
    }
  };
  place(&plan.initial_filters);
  for (PlanStep& s : plan.steps) {
    if (s.kind == PlanStep::Kind::kEdge) {
      const EdgeStep& e = m.steps[s.edge];
      seen[e.left] = seen[e.right] = true;
      if (e.label_slot >= 0) seen[e.label_slot] = true;
      if (e.edge_slot >= 0) seen[e.edge_slot] = true;
      for (const QualifierConstraint& q : e.qualifiers) {
        if (q.value_slot >= 0) seen[q.value_slot] = true;
      }
    } else {
      seen[s.slot] = true;
    }
    place(&s.filters);
  }
  return plan;
}

std::string ExplainPlan(const Plan& plan, const BoundMatch& m, const graph::Graph&) {
  std::string out;
  int n = 1;
  for (int f : plan.initial_filters) out += fmt::format("   filter {}\n", m.conjuncts[f].source);
  for (const PlanStep& s : plan.steps) {
    switch (s.kind) {
      case PlanStep::Kind::kConstant:
        out += fmt::format("{:>2}. bind {} ({} {})\n", n++, m.slots[s.slot].display,
                           m.slots[s.slot].candidates.size(),
                           m.slots[s.slot].candidates.size() == 1 ? "entity" : "entities");
        break;
      case PlanStep::Kind::kAllVertices:
        out += fmt::format("{:>2}. scan every entity as {}\n", n++, m.slots[s.slot].display);
        break;
      case PlanStep::Kind::kEdge:
        out += fmt::format("{:>2}. match {}  [{}; ~{:.3g} rows each]\n", n++,
                           StepText(m.steps[s.edge], m), s.access, s.estimate);
        break;
    }
    for (int f : s.filters) out += fmt::format("    filter {}\n", m.conjuncts[f].source);
  }
  if (m.grouped) out += "    group and aggregate\n";
  if (m.distinct) out += "    distinct\n";
  if (!m.order_by.empty()) out += "    sort\n";
  if (m.limit || m.offset) {
    out += fmt::format("    offset {} limit {}\n", m.offset,
                       m.limit ? std::to_string(*m.limit) : std::string("none"));
  }
  out += "    project";
  for (size_t i = 0; i < m.projections.size(); ++i) {
    out += (i ? ", " : " ") + m.projections[i].name;
  }
  return out + "\n";
}

}  // namespace weft::query
