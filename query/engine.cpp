#include "query/engine.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "query/binder/binder.h"
#include "query/parser/parser.h"
#include "query/parser/shape.h"
#include "query/planner/planner.h"

namespace weft::query {

namespace {

// Binds, plans and runs a parsed query whose parameters have their values.
QueryResult Run(const Query& q, const graph::Graph& g, const ExecOptions& options, Budget& budget) {
  BoundQuery bound = Bind(q, g, &budget);
  Plan plan;
  if (bound.kind == BoundQuery::Kind::kMatch) plan = MakePlan(bound.match, g, &budget);
  return Execute(bound, plan, g, options, budget);
}

const Params& ParamsOf(const ExecOptions& options) {
  static const Params kNone;
  return options.params ? *options.params : kNone;
}

// The parses of the process's recent shapes, shared by every thread.
PreparedCache& Shapes() {
  static PreparedCache shapes(4096);
  return shapes;
}

// Writes each lifted token back where its "$i" stands in `source`.
void RestoreSource(std::string* source, const std::vector<std::string>& lexemes) {
  if (source->find('$') == std::string::npos) return;
  std::string out;
  for (size_t i = 0; i < source->size(); ++i) {
    const char c = (*source)[i];
    if (c != '$') {
      out.push_back(c);
      continue;
    }
    size_t n = 0, j = i + 1;
    while (j < source->size() && std::isdigit(static_cast<unsigned char>((*source)[j])) != 0) {
      n = n * 10 + static_cast<size_t>((*source)[j] - '0');
      ++j;
    }
    if (n >= 1 && n <= lexemes.size()) {
      out += lexemes[n - 1];
      i = j - 1;
    } else {
      out.push_back(c);
    }
  }
  *source = std::move(out);
}

void RestoreSources(Expr* e, const std::vector<std::string>& lexemes) {
  if (e == nullptr) return;
  RestoreSource(&e->source, lexemes);
  for (auto& c : e->children) RestoreSources(c.get(), lexemes);
}

}  // namespace

QueryResult RunQuery(std::string_view text, const graph::Graph& g, const ExecOptions& options,
                     size_t max_query_bytes) {
  // A query of a shape seen before skips its parse.
  if (options.params == nullptr || options.params->empty()) {
    if (std::shared_ptr<const PreparedQuery> p = PreparedQuery::FromShape(text, max_query_bytes)) {
      return p->Execute(g, options);
    }
  }
  return RunQueryAsWritten(text, g, options, max_query_bytes);
}

QueryResult RunQueryAsWritten(std::string_view text, const graph::Graph& g,
                              const ExecOptions& options, size_t max_query_bytes) {
  // One budget for every stage: the time limit counts from here.
  Budget budget(options.timeout, options.cancel);
  std::unique_ptr<Query> parsed = ParseQuery(text, max_query_bytes, &budget);
  BindParameters(parsed.get(), text, ParamsOf(options));
  return Run(*parsed, g, options, budget);
}

std::shared_ptr<const PreparedQuery> PreparedQuery::FromShape(std::string_view text,
                                                              size_t max_query_bytes) {
  if (text.size() > max_query_bytes) return nullptr;
  std::optional<Shape> shape = LiftLiterals(text);
  if (!shape) return nullptr;
  std::shared_ptr<const PreparedQuery> parsed;
  try {
    parsed = Shapes().Get(shape->text, max_query_bytes);
  } catch (const ParseError&) {
    return nullptr;  // the text's own parse reports it, at its own line and column
  }
  std::shared_ptr<PreparedQuery> p(new PreparedQuery());
  p->text_ = std::string(text);
  p->shape_ = std::move(parsed);
  for (size_t i = 0; i < shape->values.size(); ++i) {
    p->literals_.emplace(std::to_string(i + 1), ParamValue::String(std::move(shape->values[i])));
    p->lexemes_.emplace_back(shape->lexemes[i]);
  }
  return p;
}

std::shared_ptr<const PreparedQuery> PreparedQuery::Prepare(std::string_view text,
                                                            size_t max_query_bytes) {
  if (std::shared_ptr<const PreparedQuery> p = FromShape(text, max_query_bytes)) return p;
  std::shared_ptr<PreparedQuery> p(new PreparedQuery());
  p->text_ = std::string(text);
  p->query_ = ParseQuery(p->text_, max_query_bytes);
  return p;
}

QueryResult PreparedQuery::Execute(const graph::Graph& g, const ExecOptions& options) const {
  Budget budget(options.timeout, options.cancel);
  const Params& params = ParamsOf(options);
  if (shape_ != nullptr) {
    static const Query kNoParameters;
    CheckParametersUsed(kNoParameters, params);
    std::unique_ptr<Query> q = CloneQuery(*shape_->query_);
    BindParameters(q.get(), shape_->text_, literals_);
    MatchQuery& m = q->match;
    RestoreSources(m.where.get(), lexemes_);
    for (Projection& proj : m.projections) RestoreSources(proj.expr.get(), lexemes_);
    for (OrderItem& o : m.order_by) RestoreSources(o.expr.get(), lexemes_);
    return Run(*q, g, options, budget);
  }
  if (query_->params.empty()) {
    CheckParametersUsed(*query_, params);
    return Run(*query_, g, options, budget);
  }
  // The values go into a copy: the prepared tree is shared by every run.
  std::unique_ptr<Query> q = CloneQuery(*query_);
  BindParameters(q.get(), text_, params);
  return Run(*q, g, options, budget);
}

std::vector<std::string> PreparedQuery::parameters() const {
  std::vector<std::string> out;
  if (shape_ != nullptr) return out;
  for (const ParamUse& u : query_->params) {
    if (std::find(out.begin(), out.end(), u.name) == out.end()) out.push_back(u.name);
  }
  return out;
}

Params PreparedQuery::ValuesFor(const Params& all) const {
  Params own;
  if (shape_ != nullptr) return own;
  for (const ParamUse& u : query_->params) {
    if (auto it = all.find(u.name); it != all.end()) own.insert(*it);
  }
  return own;
}

std::shared_ptr<const PreparedQuery> PreparedCache::Get(std::string_view text,
                                                        size_t max_query_bytes) {
  {
    std::lock_guard lock(mu_);
    if (auto it = index_.find(text); it != index_.end()) {
      order_.splice(order_.begin(), order_, it->second);
      return *it->second;
    }
  }
  // Parsed outside the lock: a long parse does not hold up the other threads' lookups.
  std::shared_ptr<const PreparedQuery> prepared = PreparedQuery::Prepare(text, max_query_bytes);
  std::lock_guard lock(mu_);
  if (auto it = index_.find(text); it != index_.end()) return *it->second;  // another thread's
  if (capacity_ == 0) return prepared;
  order_.push_front(prepared);
  index_.emplace(order_.front()->text(), order_.begin());
  while (order_.size() > capacity_) {
    index_.erase(order_.back()->text());
    order_.pop_back();
  }
  return prepared;
}

size_t PreparedCache::size() const {
  std::lock_guard lock(mu_);
  return order_.size();
}

}  // namespace weft::query
