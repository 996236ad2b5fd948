// The query AST: what the parser makes of query text, before names are bound to the graph.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weft::query {

// A node of a pattern: ?x, a name, or [] (anonymous).
struct NodeTerm {
  enum class Kind { kVariable, kName, kAnonymous };
  Kind kind = Kind::kAnonymous;
  std::string text;  // variable name without '?', or the entity name
};

// A path expression over edge labels, as in SPARQL 1.1 property paths.
struct PathExpr {
  enum class Kind { kLabel, kLabelVariable, kAnyLabel, kSequence, kAlternative, kInverse, kRepeat };
  Kind kind = Kind::kAnyLabel;
  std::string text;  // label, or variable name
  std::vector<std::unique_ptr<PathExpr>> children;
  uint32_t min = 1, max = 1;  // for kRepeat; max == kUnbounded for * and +
  static constexpr uint32_t kUnbounded = UINT32_MAX;
};

struct QualifierPattern {
  std::string role;
  bool is_variable = false;
  std::string value;  // variable name or constant
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
    kIn
  };
  Kind kind = Kind::kString;
  std::string text;  // variable name, string, function name, or comparison operator
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
};

}  // namespace weft::query
