// The query engine's front door: text in, rows out; and prepared queries, parsed once and run
// many times with new parameter values.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/snapshot/graph.h"
#include "query/executor/executor.h"
#include "query/params.h"
#include "query/parser/parser.h"

namespace weft::query {

// Parses, binds, plans and runs one query over `g`, with options.params for its $names. Throws
// ParseError, BindError or QueryInterrupted. A query over `max_query_bytes` is refused before
// parsing.
QueryResult RunQuery(std::string_view text, const graph::Graph& g, const ExecOptions& options = {},
                     size_t max_query_bytes = kDefaultMaxQueryBytes);

// RunQuery with the text's own parse, never its shape's (query/parser/shape.h): what RunQuery
// does for a text whose names and strings cannot be lifted. The two give the same answers.
QueryResult RunQueryAsWritten(std::string_view text, const graph::Graph& g,
                              const ExecOptions& options = {},
                              size_t max_query_bytes = kDefaultMaxQueryBytes);

// A query parsed once. A query without $names of its own shares the parse of every query of the
// same shape (the same text but for its names and strings), held for the process's last 4,096
// shapes. Each Execute binds the parameters' values and the names to the graph it
// is given, plans, and runs: a prepared query is not tied to one graph, so it stays right when a
// store is reloaded. Immutable; Execute may run on any number of threads at once.
class PreparedQuery {
 public:
  // Throws ParseError (as RunQuery would).
  static std::shared_ptr<const PreparedQuery> Prepare(
      std::string_view text, size_t max_query_bytes = kDefaultMaxQueryBytes);

  // The query run by its shape (query/parser/shape.h), from the shapes' shared parses; null when
  // its names and strings cannot be lifted or the shape does not parse (Prepare then parses the
  // text itself and reports its errors).
  static std::shared_ptr<const PreparedQuery> FromShape(
      std::string_view text, size_t max_query_bytes = kDefaultMaxQueryBytes);

  QueryResult Execute(const graph::Graph& g, const ExecOptions& options = {}) const;

  const std::string& text() const { return text_; }
  // The $names the query uses, each once, in the order first written (none for a query run by
  // its shape: its names and strings are not parameters the caller gives).
  std::vector<std::string> parameters() const;
  // The values among `all` (a REPL session's, or those given to a file of queries) of the
  // $names this query uses: what its Execute takes.
  Params ValuesFor(const Params& all) const;

 private:
  PreparedQuery() = default;
  std::string text_;
  // Parsed from text_; or, when the text's names and strings were lifted out (query/parser/
  // shape.h), null, and shape_ is the shared parse of the lifted text, run with literals_ as its
  // parameters' values; lexemes_ are the lifted tokens as written, put back into the expressions'
  // source text (column names, messages).
  std::unique_ptr<const Query> query_;
  std::shared_ptr<const PreparedQuery> shape_;
  Params literals_;
  std::vector<std::string> lexemes_;
};

// The prepared queries of the last `capacity` distinct texts run, shared by the threads of a
// server, a REPL or a Python store: a text run again skips its parse. Thread-safe.
class PreparedCache {
 public:
  explicit PreparedCache(size_t capacity = 256) : capacity_(capacity) {}
  // The prepared form of `text`, parsed now when it is not held. A text that does not parse is
  // not kept (its ParseError is thrown each time).
  std::shared_ptr<const PreparedQuery> Get(std::string_view text,
                                           size_t max_query_bytes = kDefaultMaxQueryBytes);
  size_t size() const;
  size_t capacity() const { return capacity_; }

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  // Most recently used first; the map points into it.
  std::list<std::shared_ptr<const PreparedQuery>> order_;
  std::unordered_map<std::string_view, std::list<std::shared_ptr<const PreparedQuery>>::iterator>
      index_;
};

}  // namespace weft::query
