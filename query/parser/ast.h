// The query AST: what the parser makes of query text, before names are bound to the graph.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weft::query {

// Where a parameter ($name) stands in the query text, for its messages.
struct ParamUse {
  std::string name;  // without '$'
  size_t line = 1;
  size_t column = 1;  // 1-based, in code points
};

// A node of a pattern: ?x, a name, $param (a name given when the query runs), or [] (anonymous).
struct NodeTerm {
  enum class Kind { kVariable, kName, kParam, kAnonymous };
  Kind kind = Kind::kAnonymous;
  std::string text;  // variable name without '?', the entity name, or the parameter's name
};

// A path expression over edge labels, as in SPARQL 1.1 property paths.
struct PathExpr {
  enum class Kind {
    kLabel,
    kLabelVariable,
    kLabelParam,
    kAnyLabel,
    kSequence,
    kAlternative,
    kInverse,
    kRepeat
  };
  Kind kind = Kind::kAnyLabel;
  std::string text;  // label, variable name, or parameter name
  std::vector<std::unique_ptr<PathExpr>> children;
  uint32_t min = 1, max = 1;  // for kRepeat; max == kUnbounded for * and +
  static constexpr uint32_t kUnbounded = UINT32_MAX;
};

struct QualifierPattern {
  std::string role;  // or the parameter's name, when role_param
  bool role_param = false;
  bool is_variable = false;
  bool value_param = false;
  std::string value;  // variable name, constant, or parameter name
};

struct EdgePattern {
  enum class Direction { kForward, kBackward, kEither };
  Direction direction = Direction::kForward;
  std::string edge_variable;       // empty when the edge is not named
  std::unique_ptr<PathExpr> path;  // null means any single label
  std::vector<QualifierPattern> qualifiers;
};

// node (edge node)*
struct Pattern {
  std::vector<NodeTerm> nodes;
  std::vector<EdgePattern> edges;
};

struct Expr {
  enum class Kind {
    kVariable,
    kString,
    kNumber,
    kBool,
    kCall,
    kNot,
    kAnd,
    kOr,
    kCompare,
    kContains,
    kStartsWith,
    kIn,
    kParam
  };
  Kind kind = Kind::kString;
  // Variable name, string, function name, comparison operator, or parameter name.
  std::string text;
  double number = 0;
  bool boolean = false;
  bool distinct = false;  // count(DISTINCT ...)
  bool star = false;      // count(*)
  std::vector<std::unique_ptr<Expr>> children;
  std::string source;  // the query text it came from, for column names and messages
};

struct Projection {
  std::unique_ptr<Expr> expr;
  std::string alias;
};

struct OrderItem {
  std::unique_ptr<Expr> expr;
  bool descending = false;
};

struct MatchQuery {
  std::vector<Pattern> patterns;
  std::unique_ptr<Expr> where;
  bool distinct = false;
  std::vector<Projection> projections;  // empty: every named variable
  std::vector<OrderItem> order_by;
  std::optional<uint64_t> limit;
  uint64_t offset = 0;
};

struct PathQuery {
  NodeTerm from, to;
  uint32_t max_hops = 6;
  std::unique_ptr<PathExpr> via;  // only single labels or alternatives of them
  bool directed = false;
};

struct NeighborsQuery {
  NodeTerm centre;
  uint32_t hops = 1;
  std::unique_ptr<PathExpr> via;
  bool directed = false;
};

struct Query {
  enum class Kind { kMatch, kPath, kNeighbors };
  Kind kind = Kind::kMatch;
  bool explain = false;
  MatchQuery match;
  PathQuery path;
  NeighborsQuery neighbors;
  std::vector<ParamUse> params;  // every $name, in the order written
  bool params_bound = false;     // their values put in place (BindParameters)
};

// A deep copy (a prepared query's AST, given its parameters' values for one run).
std::unique_ptr<Query> CloneQuery(const Query& q);

}  // namespace weft::query
