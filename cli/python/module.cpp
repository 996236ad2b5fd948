// weft._weft: the C++ side of the Python module. The package (weft/__init__.py) wraps it; this
// file only converts: Python values in, the same libraries the binary uses, Python values out.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "cli/query_output.h"
#include "graph/base/error.h"
#include "graph/entities/values.h"
#include "graph/export/export.h"
#include "graph/extract/extractor.h"
#include "query/engine.h"
#include "storage/loader.h"
#include "storage/pipeline/import.h"
#include "storage/pipeline/ingest.h"
#include "storage/session.h"
#include "storage/store.h"

namespace py = pybind11;

namespace weft::python {

namespace {

// One extractor per process: loading Link Grammar's dictionary and the entity model is the slow
// part, and the extractor is thread-safe.
const extract::Extractor& SharedExtractor() {
  static std::unique_ptr<extract::Extractor> extractor = extract::Extractor::Create();
  return *extractor;
}

unsigned Threads(std::optional<unsigned> threads) {
  return threads.value_or(std::max(1u, std::thread::hardware_concurrency()));
}

py::object ToPython(const query::Value& v, const graph::Graph& g) {
  switch (v.kind) {
    case query::Value::Kind::kNull:
      return py::none();
    case query::Value::Kind::kBool:
      return py::bool_(v.number != 0);
    case query::Value::Kind::kNumber:
      // Counts and degrees come back as int, as pandas and people expect.
      if (v.number == static_cast<double>(static_cast<int64_t>(v.number)) &&
          std::abs(v.number) < 9.0e15) {
        return py::int_(static_cast<int64_t>(v.number));
      }
      return py::float_(v.number);
    default:
      return py::str(query::ValueText(v, g));
  }
}

// A query's parameter values from a Python dict: str, int, float or bool each.
query::Params ToParams(const std::optional<py::dict>& d) {
  query::Params out;
  if (!d) return out;
  for (const auto& [key, value] : *d) {
    std::string name = py::str(key);
    if (!name.empty() && name.front() == '$') name.erase(0, 1);
    if (!query::IsParamName(name)) {
      throw UsageError("'" + name + "' is not a parameter name (letters, digits and _)");
    }
    query::ParamValue v;
    if (py::isinstance<py::bool_>(value)) {
      v = query::ParamValue::Bool(value.cast<bool>());
    } else if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value)) {
      v = query::ParamValue::Number(value.cast<double>());
    } else if (py::isinstance<py::str>(value)) {
      v = query::ParamValue::String(value.cast<std::string>());
    } else {
      throw py::type_error("parameter $" + name + ": a str, int, float or bool, not " +
                           std::string(py::str(value.get_type().attr("__name__"))));
    }
    out.emplace(std::move(name), std::move(v));
  }
  return out;
}

// A query parsed once (store.prepare), run with new values by Store.run_prepared.
struct Prepared {
  std::shared_ptr<const query::PreparedQuery> query;
};

// A store and the graph read from it (a storage::Session), reloaded when the store has changed.
class Store {
 public:
  Store(const std::string& path, bool read_only) {
    storage::OpenOptions o;
    o.read_only = read_only;
    o.create_if_missing = !read_only;
    py::gil_scoped_release release;
    session_ = storage::Session::Open(path, o);
  }

  // Threads: every call may come from any Python thread. A call holds the session's view (store
  // and graph together) for as long as it reads it, so a close or a reload on another thread
  // never frees what it uses; the session serialises writes. The session's locks are taken only
  // with the GIL released, so that a thread waiting for one never holds the GIL another needs.
  void Close() {
    py::gil_scoped_release release;
    session_->Close();
  }

  py::dict Stats() {
    storage::StoreStats s;
    {
      py::gil_scoped_release release;
      s = session_->Read([](const storage::Store& store) { return store.Stats(); });
    }
    py::dict d;
    for (const auto& [name, n] : s.Counts()) d[name] = n;
    py::list top;
    for (const auto& p : s.top_predicates) top.append(py::make_tuple(p.name, p.statements));
    d["top_predicates"] = top;
    return d;
  }

  // Paths (files, directories) and in-memory documents (name, text). Releases the GIL.
  py::dict Ingest(const std::vector<std::string>& paths,
                  const std::vector<std::pair<std::string, std::string>>& texts,
                  std::optional<unsigned> threads) {
    std::vector<std::string> problems;
    pipeline::IngestTotals total;
    {
      py::gil_scoped_release release;
      session_->Write([&](storage::Store& store) {
        pipeline::IngestOptions options;
        options.threads = Threads(threads);
        options.read.quiet = true;
        options.read.report = [&](const InputError& e) { problems.emplace_back(e.what()); };
        const extract::Extractor& extractor = SharedExtractor();
        if (!paths.empty()) total = pipeline::Ingest(store, extractor, paths, options);
        if (!texts.empty()) {
          std::vector<pipeline::InputDocument> docs;
          for (const auto& [name, text] : texts) {
            pipeline::InputDocument d;
            d.name = name;
            d.text = text;
            docs.push_back(std::move(d));
          }
          pipeline::IngestTotals t =
              pipeline::IngestDocuments(store, extractor, std::move(docs), options);
          total.documents += t.documents;
          total.unchanged += t.unchanged;
          total.not_english += t.not_english;
          total.foreign_lines += t.foreign_lines;
          total.table_rows += t.table_rows;
          total.sentences += t.sentences;
          total.statements += t.statements;
          total.problems += t.problems;
        }
      });
    }
    py::dict d;
    d["documents"] = total.documents;
    d["unchanged"] = total.unchanged;
    d["not_english"] = total.not_english;
    d["foreign_lines"] = total.foreign_lines;
    d["table_rows"] = total.table_rows;
    d["sentences"] = total.sentences;
    d["statements"] = total.statements;
    d["problems"] = problems;
    return d;
  }

  // One file of pre-extracted statements as a document. Releases the GIL.
  py::dict Import(const std::string& path, const std::string& format, const std::string& name,
                  bool strict) {
    std::vector<std::string> problems;
    pipeline::ImportResult r;
    {
      py::gil_scoped_release release;
      pipeline::ImportOptions options;
      options.format = format;
      options.name = name;
      options.strict = strict;
      options.bad_line = [&](const InputError& e) { problems.emplace_back(e.what()); };
      r = session_->Write(
          [&](storage::Store& store) { return pipeline::ImportFile(store, path, options); });
    }
    static const char* kStatus[] = {"imported", "replaced", "unchanged"};
    py::dict d;
    d["document"] = r.document;
    d["status"] = kStatus[static_cast<int>(r.status)];
    d["statements"] = r.records;
    d["bad_lines"] = r.bad_lines;
    if (r.extraction) {
      d["documents"] = r.documents;
      d["unchanged_documents"] = r.unchanged_documents;
    }
    d["problems"] = problems;
    return d;
  }

  // The complete documents, by name: each as a dict of name, statements, sources, written
  // (seconds since the epoch) and hash.
  py::list Documents() {
    py::list out;
    std::vector<storage::DocumentInfo> documents;
    {
      py::gil_scoped_release release;
      documents = session_->Read(
          [](const storage::Store& store) { return pipeline::StoredDocuments(store); });
    }
    for (const storage::DocumentInfo& d : documents) {
      py::dict doc;
      doc["name"] = d.name;
      doc["statements"] = d.statements;
      doc["sources"] = d.sources;
      doc["written"] = d.time;
      doc["hash"] = d.content_hash;
      doc["published"] = d.date.empty() ? py::object(py::none()) : py::object(py::str(d.date));
      out.append(doc);
    }
    return out;
  }

  // Removes documents (names or paths) as `weft remove` does; the names removed. Releases the
  // GIL.
  std::vector<std::string> Remove(const std::vector<std::string>& names) {
    std::vector<storage::DocumentInfo> removed;
    {
      py::gil_scoped_release release;
      removed = session_->Write(
          [&](storage::Store& store) { return pipeline::RemoveDocuments(store, names); });
    }
    std::vector<std::string> out;
    for (const auto& d : removed) out.push_back(d.name);
    return out;
  }

  // The prepared form of `text`, from the store's cache of them. Releases the GIL to parse.
  Prepared Prepare(const std::string& text) {
    py::gil_scoped_release release;
    return {prepared_.Get(text)};
  }

  // (columns, rows, notices, truncated). Releases the GIL while the query runs.
  py::tuple Query(const std::string& text, std::optional<double> timeout, uint64_t max_rows,
                  const std::optional<py::dict>& params) {
    return RunPrepared(Prepare(text), timeout, max_rows, params);
  }

  py::tuple RunPrepared(const Prepared& prepared, std::optional<double> timeout, uint64_t max_rows,
                        const std::optional<py::dict>& params) {
    const query::Params values = ToParams(params);
    std::shared_ptr<const storage::View> view = View();
    const graph::Graph& g = *view->graph;
    cli::StoreProvenance provenance(*view->store);
    query::ExecOptions options;
    options.max_rows = max_rows;
    options.provenance = &provenance;
    options.params = &values;
    if (timeout) {
      options.timeout = std::chrono::milliseconds(static_cast<int64_t>(*timeout * 1000));
    }
    query::QueryResult r;
    double engine_seconds = 0;
    {
      py::gil_scoped_release release;
      const auto start = std::chrono::steady_clock::now();
      r = prepared.query->Execute(g, options);
      engine_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    py::list rows;
    for (const auto& row : r.rows) {
      py::tuple t(row.size());
      for (size_t i = 0; i < row.size(); ++i) t[i] = ToPython(row[i], g);
      rows.append(t);
    }
    py::list edges;
    for (graph::EdgeId e : r.edges) edges.append(e);
    return py::make_tuple(r.columns, rows, r.notices, r.truncated, r.plan, edges, engine_seconds);
  }

  // The graph (or a query's subgraph) as networkx keeps a MultiDiGraph: node attributes by node,
  // and successor and predecessor maps that share each edge-key dict, with the attributes the
  // node-link export writes.
  py::tuple GraphDicts(const std::optional<std::string>& query_text,
                       const std::optional<py::dict>& params) {
    const query::Params values = ToParams(params);
    std::shared_ptr<const storage::View> view = View();
    const graph::Graph& g = *view->graph;
    query::QueryResult r;
    const graph::ExportSelection selection = Select(g, query_text, values, &r);
    py::dict nodes, succ, pred;
    std::vector<py::object> keys(g.num_vertices());
    const py::str label_key("label"), type_key("type"), aliases_key("aliases"),
        degree_key("degree"), confidence_key("confidence"), support_key("support"),
        statement_key("statement");
    graph::VisitNodeLink(
        g, selection,
        [&](graph::VertexId v, const graph::NodeRecord& n) {
          py::str key(n.key);
          keys[v] = key;
          py::dict attrs;
          attrs[label_key] = py::str(n.label.data(), n.label.size());
          attrs[type_key] = py::str(std::string(EntityTypeName(n.type)));
          attrs[aliases_key] = py::str(n.aliases);
          attrs[degree_key] = py::int_(n.degree);
          nodes[key] = attrs;
          succ[key] = py::dict();
          pred[key] = py::dict();
        },
        [&](const graph::EdgeRecord& e) {
          const py::object& u = keys[e.source];
          const py::object& v = keys[e.target];
          py::dict out = succ[u];
          py::dict keyed;
          if (out.contains(v)) {
            keyed = out[v];
          } else {
            out[v] = keyed;
            py::dict in = pred[v];
            in[u] = keyed;
          }
          py::dict attrs;
          attrs[label_key] = py::str(e.label.data(), e.label.size());
          attrs[confidence_key] = py::float_(e.confidence);
          attrs[support_key] = py::int_(e.support);
          attrs[statement_key] = py::int_(e.statement);
          for (const auto& [role, value] : e.qualifiers) attrs[py::str(role)] = py::str(value);
          keyed[py::str("e" + std::to_string(e.id))] = attrs;
        });
    return py::make_tuple(nodes, succ, pred);
  }

  // The graph (or a query's subgraph) in an export format, as text.
  std::string Export(const std::string& format, const std::optional<std::string>& query_text,
                     const std::optional<py::dict>& params) {
    const query::Params values = ToParams(params);
    std::shared_ptr<const storage::View> view = View();
    const graph::Graph& g = *view->graph;
    std::optional<graph::ExportFormat> f = graph::ParseExportFormat(format);
    if (!f || *f == graph::ExportFormat::kCsv || *f == graph::ExportFormat::kHtml) {
      throw UsageError("unknown export format '" + format +
                       "' (graphml, json, cytoscape, dot or ntriples)");
    }
    query::QueryResult r;
    const graph::ExportSelection selection = Select(g, query_text, values, &r);
    std::ostringstream out;
    graph::WriteGraph(g, *f, selection, {}, out);
    return out.str();
  }

 private:
  // The whole graph, or what a query touched (its result kept in *r, which the selection points
  // into).
  graph::ExportSelection Select(const graph::Graph& g, const std::optional<std::string>& query_text,
                                const query::Params& params, query::QueryResult* r) {
    graph::ExportSelection selection;
    if (query_text) {
      py::gil_scoped_release release;
      query::ExecOptions options;
      options.params = &params;
      *r = prepared_.Get(*query_text)->Execute(g, options);
      selection.edges = &r->edges;
      selection.vertices = &r->vertices;
    }
    return selection;
  }

  // The store and graph as they are now, loaded again when the store has moved on (a read-only
  // store is looked at again at most once a second); the caller keeps the view for as long as it
  // reads it.
  std::shared_ptr<const storage::View> View() {
    py::gil_scoped_release release;
    return session_->Refresh(std::chrono::milliseconds(1000));
  }

  std::unique_ptr<storage::Session> session_;
  query::PreparedCache prepared_;  // query texts run again skip their parse
};

// JSON Lines records, one per statement, as `weft extract` prints them. Releases the GIL.
// The documents `weft ingest` would read from paths: (name, text, date, headline) each, the
// headline the text's first line when the document has one (else ""). The first problem (a
// missing file, a bad record) is thrown as InputError.
std::vector<std::tuple<std::string, std::string, std::string, std::string>> ReadDocuments(
    const std::vector<std::string>& paths) {
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> out;
  py::gil_scoped_release release;
  std::optional<InputError> first;
  pipeline::ReadOptions options;
  options.quiet = true;
  options.report = [&](const InputError& e) {
    if (!first) first = e;
  };
  uint64_t problems = 0;
  pipeline::ForEachDocument(paths, options, &problems, [&](pipeline::InputDocument d) {
    std::string headline = d.text.substr(0, std::min(d.headline_bytes, d.text.size()));
    out.emplace_back(std::move(d.name), std::move(d.text), std::move(d.date), std::move(headline));
  });
  if (first) throw *first;
  return out;
}

// `headline`: the text's opening headline, read and marked as one (empty: none).
std::vector<std::string> Extract(const std::string& text, const std::string& document,
                                 const std::string& date, const std::string& headline) {
  if (!headline.empty() && !std::string_view(text).starts_with(headline)) {
    throw std::invalid_argument("the headline must be the text's beginning");
  }
  py::gil_scoped_release release;
  extract::DocumentExtraction d =
      SharedExtractor().ExtractDocument(text, entities::ParseDocumentDate(date), headline.size());
  return pipeline::ExtractionJson(document, text, d);
}

}  // namespace

}  // namespace weft::python

PYBIND11_MODULE(_weft, m) {
  using weft::python::Prepared;
  using weft::python::Store;
  m.doc() = "weft's C++ core; use the weft package";
  // Errors: the package turns these into weft.QueryError, weft.InputError, weft.StorageError.
  static py::exception<weft::Error> error(m, "Error");
  static py::exception<weft::ParseError> query_error(m, "QueryError", error.ptr());
  static py::exception<weft::InputError> input_error(m, "InputError", error.ptr());
  static py::exception<weft::StorageError> storage_error(m, "StorageError", error.ptr());
  // pybind11 fixes the translator's signature: the exception_ptr comes by value.
  py::register_exception_translator(
      [](std::exception_ptr p) {  // NOLINT(performance-unnecessary-value-param)
        try {
          if (p) std::rethrow_exception(p);
        } catch (const weft::ParseError& e) {
          PyErr_SetObject(query_error.ptr(), py::make_tuple(e.what(), e.line(), e.column()).ptr());
        } catch (const weft::BindError& e) {
          PyErr_SetObject(query_error.ptr(), py::make_tuple(e.what(), 0, 0).ptr());
        } catch (const weft::query::QueryInterrupted& e) {
          PyErr_SetObject(query_error.ptr(), py::make_tuple(e.what(), 0, 0).ptr());
        } catch (const weft::InputError& e) {
          input_error(e.what());
        } catch (const weft::StorageError& e) {
          storage_error(e.what());
        } catch (const weft::Error& e) {
          error(e.what());
        }
      });
  py::class_<Store>(m, "Store")
      .def(py::init<const std::string&, bool>(), py::arg("path"), py::arg("read_only") = false)
      .def("close", &Store::Close)
      .def("stats", &Store::Stats)
      .def("documents", &Store::Documents)
      .def("remove", &Store::Remove, py::arg("names"))
      .def("ingest", &Store::Ingest, py::arg("paths"), py::arg("texts"),
           py::arg("threads") = py::none())
      .def("import_file", &Store::Import, py::arg("path"), py::arg("format") = "",
           py::arg("name") = "", py::arg("strict") = false)
      .def("query", &Store::Query, py::arg("text"), py::arg("timeout") = py::none(),
           py::arg("max_rows") = 0, py::arg("params") = py::none())
      .def("prepare", &Store::Prepare, py::arg("text"))
      .def("run_prepared", &Store::RunPrepared, py::arg("prepared"),
           py::arg("timeout") = py::none(), py::arg("max_rows") = 0, py::arg("params") = py::none())
      .def("export", &Store::Export, py::arg("format"), py::arg("query") = py::none(),
           py::arg("params") = py::none())
      .def("graph_dicts", &Store::GraphDicts, py::arg("query") = py::none(),
           py::arg("params") = py::none());
  py::class_<Prepared>(m, "Prepared")
      .def_property_readonly("text", [](const Prepared& p) { return p.query->text(); })
      .def_property_readonly("parameters", [](const Prepared& p) { return p.query->parameters(); });
  m.def("extract", &weft::python::Extract, py::arg("text"), py::arg("document"),
        py::arg("date") = "", py::arg("headline") = "");
  m.def("read_documents", &weft::python::ReadDocuments, py::arg("paths"));
}
