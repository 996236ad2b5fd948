#include "query/parser/ast.h"

namespace weft::query {

namespace {

std::unique_ptr<PathExpr> Clone(const PathExpr* p) {
  if (p == nullptr) return nullptr;
  auto out = std::make_unique<PathExpr>();
  out->kind = p->kind;
  out->text = p->text;
  out->min = p->min;
  out->max = p->max;
  for (const auto& c : p->children) out->children.push_back(Clone(c.get()));
  return out;
}

std::unique_ptr<Expr> Clone(const Expr* e) {
  if (e == nullptr) return nullptr;
  auto out = std::make_unique<Expr>();
  out->kind = e->kind;
  out->text = e->text;
  out->number = e->number;
  out->boolean = e->boolean;
  out->distinct = e->distinct;
  out->star = e->star;
  out->source = e->source;
  for (const auto& c : e->children) out->children.push_back(Clone(c.get()));
  return out;
}

}  // namespace

std::unique_ptr<Query> CloneQuery(const Query& q) {
  auto out = std::make_unique<Query>();
  out->kind = q.kind;
  out->explain = q.explain;
  out->params = q.params;
  out->params_bound = q.params_bound;
  const MatchQuery& m = q.match;
  MatchQuery& om = out->match;
  for (const Pattern& p : m.patterns) {
    Pattern op;
    op.nodes = p.nodes;
    for (const EdgePattern& e : p.edges) {
      EdgePattern oe;
      oe.direction = e.direction;
      oe.edge_variable = e.edge_variable;
      oe.path = Clone(e.path.get());
      oe.qualifiers = e.qualifiers;
      op.edges.push_back(std::move(oe));
    }
    om.patterns.push_back(std::move(op));
  }
  om.where = Clone(m.where.get());
  om.distinct = m.distinct;
  for (const Projection& p : m.projections)
    om.projections.push_back({Clone(p.expr.get()), p.alias});
  for (const OrderItem& o : m.order_by) om.order_by.push_back({Clone(o.expr.get()), o.descending});
  om.limit = m.limit;
  om.offset = m.offset;
  out->path.from = q.path.from;
  out->path.to = q.path.to;
  out->path.max_hops = q.path.max_hops;
  out->path.via = Clone(q.path.via.get());
  out->path.directed = q.path.directed;
  out->neighbors.centre = q.neighbors.centre;
  out->neighbors.hops = q.neighbors.hops;
  out->neighbors.via = Clone(q.neighbors.via.get());
  out->neighbors.directed = q.neighbors.directed;
  return out;
}

}  // namespace weft::query
