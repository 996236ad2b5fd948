// A query bound to a graph snapshot: variables are slots, names are vertex and label ids.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "graph/snapshot/algorithms.h"
#include "graph/snapshot/graph.h"
#include "query/binder/automaton.h"
#include "query/functions.h"

namespace weft::query {

// What a slot holds during matching; every binding is a 32-bit id.
enum class SlotKind { kVertex, kLabel, kEdge, kString };

struct Slot {
  std::string name;  // without '?'; "" for hidden slots (named or anonymous nodes)
  SlotKind kind = SlotKind::kVertex;
  // For a slot that stands for a named node: the vertices the name resolves to.
  bool constant = false;
  std::vector<graph::VertexId> candidates;
  std::string display;  // the name as written, for plans and messages
};

struct QualifierConstraint {
  graph::StringId role_string = graph::kNoString;  // the role's string in the snapshot, if any
  std::string role;
  int value_slot = -1;         // bound or binding variable (kString slot)
  std::string value_constant;  // when value_slot < 0: must equal this (ASCII case-insensitive)
};

// One edge of a pattern: left and right vertex slots joined by a single labelled hop or by a
// path expression.
struct EdgeStep {
  enum class Direction { kForward, kBackward, kEither };
  uint32_t left = 0, right = 0;
  Direction direction = Direction::kForward;
  // A single hop: one label (or any label, or a label variable).
  bool single = true;
  std::optional<graph::LabelId> label;  // single hop with a known label
  bool label_unknown = false;           // the label names nothing: the step matches nothing
  int label_slot = -1;                  // single hop with a label variable
  int edge_slot = -1;                   // the edge is named
  std::vector<QualifierConstraint> qualifiers;
  // A path expression (closures, sequences, alternatives): evaluated on the automaton.
  Automaton automaton;
  std::string text;  // for plans
  // One row per matching edge (edge named, label or qualifier bound); otherwise one row per pair
  // of endpoints.
  bool per_edge() const;
};

struct BoundExpr {
  enum class Kind {
    kSlot,
    kConstant,
    kCall,
    kAggregate,
    kNot,
    kAnd,
    kOr,
    kCompare,
    kRegex,
    kContains,
    kStartsWith,
    kIn
  };
  Kind kind = Kind::kConstant;
  int slot = -1;
  // Constants.
  enum class ConstKind { kString, kNumber, kBool } const_kind = ConstKind::kString;
  std::string text;                     // string constant; a regular expression's pattern
  Function function = Function::kName;  // kCall, kAggregate
  CompareOp op = CompareOp::kEqual;     // kCompare
  double number = 0;
  bool boolean = false;
  bool distinct = false;
  bool star = false;
  std::shared_ptr<const re2::RE2> regex;  // shared: BoundExpr trees are copied into the plan
  // kIn over constants only: the entities, strings or numbers of the list, for a hash lookup.
  struct InSet {
    std::unordered_set<uint32_t> vertices;  // entities the strings name (canonically or by alias)
    std::unordered_set<std::string> strings;
    std::unordered_set<double> numbers;
  };
  std::shared_ptr<const InSet> in_set;
  std::vector<BoundExpr> children;
  std::string source;
  int aggregate_index = -1;  // kAggregate: which accumulator

  // Slots the expression reads.
  void CollectSlots(std::vector<int>* out) const;
  bool HasAggregate() const;
};

struct BoundProjection {
  BoundExpr expr;
  std::string name;
};

struct BoundOrder {
  BoundExpr expr;
  bool descending = false;
  int projection = -1;  // when the key is a projection (by alias or same text)
};

struct BoundMatch {
  std::vector<Slot> slots;
  std::vector<EdgeStep> steps;
  std::vector<uint32_t> lone_nodes;  // patterns of one node and no edge
  std::vector<BoundExpr> conjuncts;  // WHERE split at AND
  std::vector<BoundProjection> projections;
  std::vector<BoundExpr> aggregates;  // the aggregate calls, referenced by aggregate_index
  bool grouped = false;               // some projection aggregates
  bool distinct = false;
  std::vector<BoundOrder> order_by;
  std::optional<uint64_t> limit;
  uint64_t offset = 0;
  bool needs_provenance = false;
};

struct BoundPath {
  std::vector<graph::VertexId> from, to;
  std::string from_text, to_text;
  graph::PathOptions options;
  std::vector<graph::LabelId> via;  // empty: any label
};

struct BoundNeighbors {
  std::vector<graph::VertexId> centre;
  std::string centre_text;
  uint32_t hops = 1;
  graph::PathOptions options;
  std::vector<graph::LabelId> via;
};

struct BoundQuery {
  enum class Kind { kMatch, kPath, kNeighbors };
  Kind kind = Kind::kMatch;
  bool explain = false;
  BoundMatch match;
  BoundPath path;
  BoundNeighbors neighbors;
  // Names that resolved to nothing, each with suggestions, once per name: the result is empty.
  // The binary's commands exit 4 when there is one (docs/cli.md).
  std::vector<std::string> notices;
  bool unsatisfiable = false;
};

}  // namespace weft::query
