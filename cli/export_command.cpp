// weft export: the graph, or the part a query or neighbourhood selects, in other tools' formats.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/query_output.h"
#include "graph/base/atomic_file.h"
#include "graph/base/error.h"
#include "graph/export/export.h"
#include "graph/snapshot/algorithms.h"
#include "query/engine.h"

namespace weft::cli {

namespace {

struct ExportFlags {
  std::string format = "graphml";
  std::string output = "-";
  std::string query;
  std::string around;
  uint32_t hops = 1;
  std::vector<std::string> predicates;
  std::string base = "http://weft.local/";
  bool sources = false;
  size_t max_nodes = 2000;
};

}  // namespace

void SetupExport(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<ExportFlags>();
  app.add_option("--format,-F", f->format, "graphml, json, cytoscape, dot, csv, ntriples or html");
  app.add_option("-o,--output", f->output, "Output file ('-' for stdout); a directory for csv");
  app.add_option("--query,-Q", f->query, "Export only the subgraph this query matches");
  app.add_option("--around", f->around, "Export the neighbourhood of this entity");
  app.add_option("--hops", f->hops, "Radius for --around");
  app.add_option("--predicate,-p", f->predicates,
                 "Keep only edges with this predicate (repeatable)");
  app.add_option("--base", f->base, "IRI namespace for ntriples");
  app.add_flag("--sources", f->sources, "Add each statement's source documents (slower)");
  app.add_option("--max-nodes", f->max_nodes,
                 "html: entities drawn at most; past it the most important (named entities "
                 "first, then PageRank) and the page says what was left out (0: all)")
      ->capture_default_str();
  app.footer(R"(Formats:
  graphml    GraphML 1.0 with typed keys (Gephi, Cytoscape, yEd, networkx.read_graphml)
  json       node-link JSON (d3, networkx.node_link_graph)
  cytoscape  Cytoscape.js elements JSON
  dot        Graphviz
  csv        nodes.csv + relationships.csv for neo4j-admin import (-o is a directory)
  ntriples   RDF, IRIs under --base, qualifiers on reified statements
  html       one offline page: laid out by weft (force-directed), at most --max-nodes entities,
             legend, search, predicate filters, and the statement, qualifiers and source
             sentences of a clicked edge

Examples:
  weft export -F graphml -o graph.graphml
  weft export -F json --query '?c -invest_in-> ?t' -o investments.json
  weft export -F dot --around Tencent --hops 2 | dot -Tsvg > tencent.svg)");
  app.callback([f, &ctx] {
    auto format = graph::ParseExportFormat(f->format);
    if (!format) throw UsageError("unknown export format '" + f->format + "'");
    std::unique_ptr<storage::Store> store;
    auto g = ctx.LoadGraph(&store);
    std::vector<graph::EdgeId> edges;
    std::vector<graph::VertexId> vertices;
    bool subset = false;
    if (!f->query.empty()) {
      query::QueryResult r = query::RunQuery(f->query, *g);
      for (const std::string& n : r.notices) std::fprintf(stderr, "note: %s\n", n.c_str());
      edges = r.edges;
      vertices = r.vertices;
      subset = true;
    } else if (!f->around.empty()) {
      graph::Subgraph sub = graph::Neighbourhood(*g, ResolveEntity(*g, f->around), f->hops);
      edges = sub.edges;
      vertices = sub.vertices;
      subset = true;
    }
    if (!f->predicates.empty()) {
      std::vector<graph::LabelId> keep;
      for (const std::string& p : f->predicates) keep.push_back(ResolveLabel(*g, p));
      if (!subset) {
        for (graph::LabelId l : keep) {
          auto le = g->LabelEdges(l);
          edges.insert(edges.end(), le.begin(), le.end());
        }
        std::sort(edges.begin(), edges.end());
        subset = true;
      } else {
        std::erase_if(edges, [&](graph::EdgeId e) {
          return std::find(keep.begin(), keep.end(), g->Label(e)) == keep.end();
        });
        vertices.clear();
      }
    }
    graph::ExportSelection selection;
    if (subset) {
      selection.edges = &edges;
      selection.vertices = &vertices;
    }
    graph::ExportOptions options;
    options.base_iri = f->base;
    options.max_html_nodes = f->max_nodes;
    StoreProvenance provenance(*store);
    if (*format == graph::ExportFormat::kHtml) {
      // The viewer's statement panel shows where each statement came from.
      options.sentences = [&](StatementId s) {
        std::vector<std::string> out;
        for (const query::SourceInfo& i : provenance.Sources(s)) {
          if (!i.text.empty()) out.push_back(i.text);
          if (out.size() >= 3) break;
        }
        return out;
      };
      f->sources = true;
    }
    if (f->sources) {
      options.sources = [&](StatementId s) { return query::JoinSources(provenance.Sources(s)); };
    }
    // A target that cannot be created is a bad argument (exit 3, from AtomicFile); a write that
    // fails once it is open (a full disk, a file-size limit) is an output error (exit 5). Either
    // way the temporary file is removed and the old file stays as it was.
    auto write = [&](const auto& fn) {
      try {
        fn();
      } catch (const FileError& e) {
        throw OutputError(e.what());
      }
    };
    if (*format == graph::ExportFormat::kCsv) {
      if (f->output == "-") throw UsageError("csv writes two files: give a directory with -o");
      std::filesystem::create_directories(f->output);
      AtomicFile nodes((std::filesystem::path(f->output) / "nodes.csv").string());
      AtomicFile rels((std::filesystem::path(f->output) / "relationships.csv").string());
      write([&] {
        graph::WriteGraph(*g, *format, selection, options, nodes.stream(), &rels.stream());
        nodes.Commit();
        rels.Commit();
      });
    } else if (f->output == "-") {
      try {
        graph::WriteGraph(*g, *format, selection, options, std::cout);
      } catch (const std::ios_base::failure&) {
        throw OutputError(std::string("standard output: write failed: ") + std::strerror(errno));
      }
      std::cout.flush();
      if (!std::cout) {
        throw OutputError(std::string("standard output: write failed: ") + std::strerror(errno));
      }
    } else {
      AtomicFile out(f->output);
      write([&] {
        graph::WriteGraph(*g, *format, selection, options, out.stream());
        out.Commit();
      });
    }
    if (!ctx.quiet && f->output != "-") {
      std::fprintf(stderr, "wrote %s (%zu statements)\n", f->output.c_str(),
                   subset ? edges.size() : g->num_edges());
    }
  });
}

}  // namespace weft::cli
