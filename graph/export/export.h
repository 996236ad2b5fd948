// Writers of a graph (or part of one) in formats other tools read: GraphML, node-link JSON,
// Cytoscape.js JSON, DOT, Neo4j bulk-import CSV and N-Triples.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "graph/snapshot/graph.h"

namespace weft::graph {

enum class ExportFormat { kGraphMl, kJson, kCytoscape, kDot, kCsv, kNTriples, kHtml };

std::optional<ExportFormat> ParseExportFormat(std::string_view name);

// What to write: every edge (and vertex), or a subset. Vertices of selected edges are always
// written; `vertices` may add isolated ones.
struct ExportSelection {
  const std::vector<EdgeId>* edges = nullptr;       // null: all edges
  const std::vector<VertexId>* vertices = nullptr;  // extra vertices to include
  // VisitNodeLink: join each node's aliases (a reader that shows none saves the work).
  bool aliases = true;
};

struct ExportOptions {
  // For N-Triples: the namespace entity, predicate and statement IRIs are minted under.
  std::string base_iri = "http://weft.local/";
  // The documents supporting a statement, "doc#sentence; ...", for the `sources` attribute;
  // null leaves it out.
  std::function<std::string(StatementId)> sources;
  // The source sentences of a statement, for the HTML viewer's statement panel; may be null.
  std::function<std::vector<std::string>(StatementId)> sentences;
  // The HTML page draws at most this many entities: past it, the most important (people,
  // organisations, places and misc names first, then by PageRank) and the statements among
  // them, and the page says how many were left out. 0: no limit.
  size_t max_html_nodes = 2000;
};

// Writes the selection to `out`, streaming: memory does not grow with the number of edges
// beyond one flag per vertex. Every string is escaped for the format and invalid UTF-8 is
// replaced, so hostile names still give a valid file. For kCsv, `out` receives nodes and
// `relationships` receives the edges.
void WriteGraph(const Graph& g, ExportFormat format, const ExportSelection& selection,
                const ExportOptions& options, std::ostream& out,
                std::ostream* relationships = nullptr);

// A self-contained HTML page drawing the selection with Cytoscape.js (inlined; nothing is
// fetched when it opens). Throws Error if weft was built without the library.
void WriteHtml(const Graph& g, const ExportSelection& selection, const ExportOptions& options,
               std::ostream& out);

// What the node-link JSON export writes for each node and edge of a selection, for callers that
// build a graph in memory instead of text (the Python module's to_networkx).
struct NodeRecord {
  std::string key;  // the node's id: its name ("agreement#3fa2b1c4" for a document's kind)
  std::string_view label;
  EntityType type = EntityType::kOther;
  std::string aliases;  // "; "-joined
  uint64_t degree = 0;
};
struct EdgeRecord {
  EdgeId id = 0;  // the edge's key is "e" and this
  VertexId source = 0, target = 0;
  std::string_view label;
  double confidence = 0;  // rounded to six digits, as the exports write it
  uint64_t support = 0;
  uint64_t statement = 0;
  std::vector<std::pair<std::string, std::string>> qualifiers;  // role, "; "-joined values
};
// Calls node(...) for every vertex of the selection, then edge(...) for every edge.
void VisitNodeLink(const Graph& g, const ExportSelection& selection,
                   const std::function<void(VertexId, const NodeRecord&)>& node,
                   const std::function<void(const EdgeRecord&)>& edge);

// A JSON string literal, quotes included.
std::string JsonQuote(std::string_view s);
// The same, appended to `out` (no allocation of its own).
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace weft::graph
