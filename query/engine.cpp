#include "query/engine.h"

#include <algorithm>

#include "query/binder/binder.h"
#include "query/parser/parser.h"
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

}  // namespace

QueryResult RunQuery(std::string_view text, const graph::Graph& g, const ExecOptions& options,
                     size_t max_query_bytes) {
  // One budget for every stage: the time limit counts from here.
  Budget budget(options.timeout, options.cancel);
  std::unique_ptr<Query> parsed = ParseQuery(text, max_query_bytes, &budget);
  BindParameters(parsed.get(), text, ParamsOf(options));
  return Run(*parsed, g, options, budget);
}

std::shared_ptr<const PreparedQuery> PreparedQuery::Prepare(std::string_view text,
                                                            size_t max_query_bytes) {
  std::shared_ptr<PreparedQuery> p(new PreparedQuery());
  p->text_ = std::string(text);
  p->query_ = ParseQuery(p->text_, max_query_bytes);
  return p;
}

QueryResult PreparedQuery::Execute(const graph::Graph& g, const ExecOptions& options) const {
  Budget budget(options.timeout, options.cancel);
  const Params& params = ParamsOf(options);
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
  for (const ParamUse& u : query_->params) {
    if (std::find(out.begin(), out.end(), u.name) == out.end()) out.push_back(u.name);
  }
  return out;
}

Params PreparedQuery::ValuesFor(const Params& all) const {
  Params own;
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
