#include "graph/export/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <map>
#include <string_view>
#include <type_traits>

#include "graph/base/text.h"

namespace weft::graph {

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "graphml") return ExportFormat::kGraphMl;
  if (n == "json" || n == "node-link") return ExportFormat::kJson;
  if (n == "cytoscape") return ExportFormat::kCytoscape;
  if (n == "dot" || n == "graphviz") return ExportFormat::kDot;
  if (n == "csv" || n == "neo4j") return ExportFormat::kCsv;
  if (n == "ntriples" || n == "nt") return ExportFormat::kNTriples;
  if (n == "html") return ExportFormat::kHtml;
  return std::nullopt;
}

namespace {

// The text itself when it is valid UTF-8, else a repaired copy kept in *repaired.
std::string_view ValidUtf8(std::string_view raw, std::string* repaired) {
  if (!FindInvalidUtf8(raw)) return raw;
  *repaired = SanitiseUtf8(raw);
  return *repaired;
}

constexpr char kHex[] = "0123456789abcdef";
constexpr char kUpperHex[] = "0123456789ABCDEF";

}  // namespace

void AppendJsonQuoted(std::string_view raw, std::string* out, char replace_scope = 0) {
  std::string repaired;
  const std::string_view s = ValidUtf8(raw, &repaired);
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (replace_scope != 0 && c == kScopeMark) {
          out->push_back(replace_scope);
        } else if (static_cast<unsigned char>(c) < 0x20) {
          *out += "\\u00";
          out->push_back(kHex[static_cast<unsigned char>(c) >> 4]);
          out->push_back(kHex[static_cast<unsigned char>(c) & 0xf]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendJsonString(std::string_view raw, std::string* out) { AppendJsonQuoted(raw, out); }

std::string JsonQuote(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() + 2);
  AppendJsonQuoted(raw, &out);
  return out;
}

namespace {

std::string DotQuote(std::string_view raw) {
  std::string s = SanitiseUtf8(raw);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string SafeCsvField(std::string_view raw) { return CsvField(SanitiseUtf8(raw)); }

// Percent-encodes everything but unreserved characters, for IRIs.
void AppendIriPart(std::string_view raw, std::string* out) {
  std::string repaired;
  const std::string_view s = ValidUtf8(raw, &repaired);
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out->push_back(static_cast<char>(c));
    } else {
      out->push_back('%');
      out->push_back(kUpperHex[c >> 4]);
      out->push_back(kUpperHex[c & 0xf]);
    }
  }
}

// An N-Triples literal, quotes included.
std::string NtLiteral(std::string_view raw) {
  std::string repaired;
  const std::string_view s = ValidUtf8(raw, &repaired);
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += "\\u00";
          out.push_back(kUpperHex[static_cast<unsigned char>(c) >> 4]);
          out.push_back(kUpperHex[static_cast<unsigned char>(c) & 0xf]);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string Aliases(const Graph& g, VertexId v) {
  std::string out;
  for (std::string_view a : g.VertexAliases(v)) {
    if (!out.empty()) out += "; ";
    out += a;
  }
  return out;
}

// Iterates the selection: fn(edge) for edges, then the vertex set in ascending order. A chosen
// part (a neighbourhood, a query's edges) keeps its vertices as a sorted list, so that asking for
// a hundred edges costs the hundred, not a pass over every vertex of the graph.
struct Selection {
  std::vector<VertexId> chosen;  // the vertices of a chosen part, sorted, each once
  const std::vector<EdgeId>* edges;
  size_t num_edges;
  const Graph& g;

  Selection(const Graph& graph, const ExportSelection& s) : edges(s.edges), g(graph) {
    num_edges = edges ? edges->size() : g.num_edges();
    if (edges == nullptr) return;
    chosen.reserve(2 * edges->size() + (s.vertices ? s.vertices->size() : 0));
    for (EdgeId e : *edges) {
      chosen.push_back(g.Source(e));
      chosen.push_back(g.Target(e));
    }
    if (s.vertices) chosen.insert(chosen.end(), s.vertices->begin(), s.vertices->end());
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  }
  template <typename Fn>
  void ForEachEdge(Fn&& fn) const {
    if (edges) {
      for (EdgeId e : *edges) fn(e);
    } else {
      for (EdgeId e = 0; e < g.num_edges(); ++e) fn(e);
    }
  }
  template <typename Fn>
  void ForEachVertex(Fn&& fn) const {
    if (edges) {
      for (VertexId v : chosen) fn(v);
    } else {
      for (VertexId v = 0; v < g.num_vertices(); ++v) fn(v);
    }
  }
};

// Formats into a buffer and hands it to the stream in large writes: an ostream's operator<< per
// field costs several times the formatting itself.
class BufferedOut {
 public:
  explicit BufferedOut(std::ostream& out) : out_(out) { buf_.reserve(kFlushBytes + 4096); }
  // Drops what was not handed on: a writer ends with Finish(), and one left by an exception
  // (a failed write among them) must not write again while the stack unwinds.
  ~BufferedOut() = default;
  BufferedOut(const BufferedOut&) = delete;
  BufferedOut& operator=(const BufferedOut&) = delete;

  BufferedOut& operator<<(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kFlushBytes) Flush();
    return *this;
  }
  BufferedOut& operator<<(const char* s) { return *this << std::string_view(s); }
  BufferedOut& operator<<(const std::string& s) { return *this << std::string_view(s); }
  BufferedOut& operator<<(char c) {
    buf_.push_back(c);
    return *this;
  }
  // Appends the pieces with one growth of the buffer (the N-Triples lines, many short pieces).
  BufferedOut& Append(std::initializer_list<std::string_view> pieces) {
    size_t size = 0;
    for (std::string_view piece : pieces) size += piece.size();
    const size_t at = buf_.size();
    buf_.resize(at + size);
    char* to = buf_.data() + at;
    for (std::string_view piece : pieces) {
      std::memcpy(to, piece.data(), piece.size());
      to += piece.size();
    }
    if (buf_.size() >= kFlushBytes) Flush();
    return *this;
  }
  template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, char> &&
           !std::is_same_v<T, bool>) BufferedOut&
  operator<<(T n) {
    const fmt::format_int f(n);
    return *this << std::string_view(f.data(), f.size());
  }
  // A JSON string literal of the text (a node's term with its scope mark written as '#').
  struct Json {
    std::string_view text;
    bool node_key = false;
  };
  BufferedOut& operator<<(Json j) {
    AppendJsonQuoted(j.text, &buf_, j.node_key ? '#' : 0);
    return *this;
  }
  // A confidence as the exports write it: six significant digits.
  struct Conf {
    float value;
  };
  BufferedOut& operator<<(Conf c) {
    const double micro = std::round(static_cast<double>(c.value) * 1e6);
    if (micro == 1e6) return *this << '1';  // the most common confidence
    if (micro >= 100 && micro < 1e6) {
      // 0.0001 to 0.999999: what {:.6g} writes, "0." and the six decimals without trailing
      // zeros, without formatting a double (a tenth of an export's time otherwise).
      auto digits = static_cast<uint32_t>(micro);
      char text[8] = {'0', '.'};
      for (int i = 7; i >= 2; --i) {
        text[i] = static_cast<char>('0' + digits % 10);
        digits /= 10;
      }
      size_t size = 8;
      while (text[size - 1] == '0') --size;
      return *this << std::string_view(text, size);
    }
    fmt::format_to(std::back_inserter(buf_), "{:.6g}", micro / 1e6);
    return *this;
  }
  // Text percent-encoded for an IRI.
  struct Iri {
    std::string_view text;
  };
  BufferedOut& operator<<(Iri i) {
    AppendIriPart(i.text, &buf_);
    return *this;
  }
  // Throws std::ios_base::failure when the stream failed: an export into a full disk or a
  // closed connection stops there instead of formatting the rest for nobody.
  void Flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
    if (!out_) throw std::ios_base::failure("the export's output failed");
  }
  // Hands on the rest and flushes the stream.
  void Finish() {
    Flush();
    out_.flush();
  }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  std::ostream& out_;
  std::string buf_;
};

void WriteGraphMl(const Graph& g, const Selection& sel, const ExportOptions& o, std::ostream& out) {
  // One key per qualifier role present in the selection.
  std::map<std::string, size_t> roles;
  sel.ForEachEdge([&](EdgeId e) {
    for (const QualifierRef& q : g.Qualifiers(e)) roles.emplace(std::string(g.String(q.role)), 0);
  });
  size_t k = 0;
  for (auto& [role, id] : roles) id = k++;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
         "  <key id=\"degree\" for=\"node\" attr.name=\"degree\" attr.type=\"int\"/>\n"
         "  <key id=\"elabel\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"confidence\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\"/>\n"
         "  <key id=\"support\" for=\"edge\" attr.name=\"support\" attr.type=\"int\"/>\n"
         "  <key id=\"statement\" for=\"edge\" attr.name=\"statement\" attr.type=\"long\"/>\n";
  if (o.sources) {
    out << "  <key id=\"sources\" for=\"edge\" attr.name=\"sources\" attr.type=\"string\"/>\n";
  }
  for (const auto& [role, id] : roles) {
    out << "  <key id=\"q" << id << "\" for=\"edge\" attr.name=\"" << XmlEscape(role)
        << "\" attr.type=\"string\"/>\n";
  }
  out << "  <graph id=\"weft\" edgedefault=\"directed\">\n";
  // Nodes and edges are formatted into a buffer written out a megabyte at a time.
  std::string buf;
  buf.reserve(1 << 21);
  auto put = std::back_inserter(buf);
  auto put_xml = [&](std::string_view text) {
    for (unsigned char c : text) {
      if (c >= 0x80 || c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' ||
          c == 0x7f) {
        buf += XmlEscape(text);
        return;
      }
    }
    buf.append(text);
  };
  auto maybe_flush = [&] {
    if (buf.size() >= (1u << 20)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  };
  sel.ForEachVertex([&](VertexId v) {
    fmt::format_to(put, "    <node id=\"n{}\">\n      <data key=\"label\">", v);
    put_xml(g.VertexName(v));
    fmt::format_to(put, "</data>\n      <data key=\"type\">{}</data>\n",
                   EntityTypeName(g.VertexType(v)));
    std::string aliases = Aliases(g, v);
    if (!aliases.empty()) {
      buf += "      <data key=\"aliases\">";
      put_xml(aliases);
      buf += "</data>\n";
    }
    fmt::format_to(put, "      <data key=\"degree\">{}</data>\n    </node>\n",
                   g.InDegree(v) + g.OutDegree(v));
    maybe_flush();
  });
  std::map<size_t, std::string> values;
  sel.ForEachEdge([&](EdgeId e) {
    fmt::format_to(
        put, "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">\n      <data key=\"elabel\">", e,
        g.Source(e), g.Target(e));
    put_xml(g.LabelName(g.Label(e)));
    float c = g.Confidence(e);
    if (c == 1.0f) {
      buf += "</data>\n      <data key=\"confidence\">1";
    } else {
      fmt::format_to(put, "</data>\n      <data key=\"confidence\">{:.6g}",
                     std::round(static_cast<double>(c) * 1e6) / 1e6);
    }
    fmt::format_to(put,
                   "</data>\n      <data key=\"support\">{}</data>\n      <data "
                   "key=\"statement\">{}</data>\n",
                   g.Support(e), g.Statement(e).value);
    if (o.sources) {
      buf += "      <data key=\"sources\">";
      put_xml(o.sources(g.Statement(e)));
      buf += "</data>\n";
    }
    if (!g.Qualifiers(e).empty()) {
      // Several values of one role are joined: GraphML allows one value per key.
      values.clear();
      for (const QualifierRef& q : g.Qualifiers(e)) {
        std::string& v = values[roles.at(std::string(g.String(q.role)))];
        if (!v.empty()) v += "; ";
        v += g.String(q.value);
      }
      for (const auto& [id, v] : values) {
        fmt::format_to(put, "      <data key=\"q{}\">", id);
        put_xml(v);
        buf += "</data>\n";
      }
    }
    buf += "    </edge>\n";
    maybe_flush();
  });
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  out << "  </graph>\n</graphml>\n";
}

std::string QualifierJson(const Graph& g, EdgeId e) {
  std::map<std::string, std::string> values;
  for (const QualifierRef& q : g.Qualifiers(e)) {
    std::string& v = values[std::string(g.String(q.role))];
    if (!v.empty()) v += "; ";
    v += g.String(q.value);
  }
  std::string out;
  for (const auto& [role, v] : values) out += "," + JsonQuote(role) + ":" + JsonQuote(v);
  return out;
}

// Formats that name nodes by their names (node-link JSON, N-Triples) need one name per node: a
// kind scoped to a document is its name, '#' and the scope ("agreement#3fa2b1c4"), the same in
// every export of the store; other nodes are their names.
// Written into `key`, whose buffer is reused.
void AssignNodeKey(const Graph& g, VertexId v, std::string* key) {
  key->assign(g.VertexTerm(v));
  std::replace(key->begin(), key->end(), kScopeMark, '#');
}

}  // namespace

void VisitNodeLink(const Graph& g, const ExportSelection& selection,
                   const std::function<void(VertexId, const NodeRecord&)>& node,
                   const std::function<void(const EdgeRecord&)>& edge) {
  const Selection sel(g, selection);
  NodeRecord r;  // one record, its strings' buffers reused
  sel.ForEachVertex([&](VertexId v) {
    AssignNodeKey(g, v, &r.key);
    r.label = g.VertexName(v);
    r.type = g.VertexType(v);
    if (selection.aliases) r.aliases = Aliases(g, v);
    r.degree = g.InDegree(v) + g.OutDegree(v);
    node(v, r);
  });
  EdgeRecord er;
  sel.ForEachEdge([&](EdgeId e) {
    er.id = e;
    er.source = g.Source(e);
    er.target = g.Target(e);
    er.label = g.LabelName(g.Label(e));
    er.confidence = std::round(static_cast<double>(g.Confidence(e)) * 1e6) / 1e6;
    er.support = g.Support(e);
    er.statement = g.Statement(e).value;
    std::map<std::string, std::string> values;
    for (const QualifierRef& q : g.Qualifiers(e)) {
      std::string& v = values[std::string(g.String(q.role))];
      if (!v.empty()) v += "; ";
      v += g.String(q.value);
    }
    er.qualifiers.assign(values.begin(), values.end());
    edge(er);
  });
}

namespace {

void WriteJson(const Graph& g, const Selection& sel, const ExportOptions& o, std::ostream& stream) {
  BufferedOut out(stream);
  out << "{\"directed\": true, \"multigraph\": true, \"graph\": {\"name\": \"weft\"},\n\"nodes\": "
         "[";
  bool first = true;
  sel.ForEachVertex([&](VertexId v) {
    out << (first ? "\n" : ",\n") << "{\"id\":" << BufferedOut::Json{g.VertexTerm(v), true}
        << ",\"label\":" << BufferedOut::Json{g.VertexName(v)} << ",\"type\":\""
        << EntityTypeName(g.VertexType(v)) << "\",\"aliases\":" << JsonQuote(Aliases(g, v))
        << ",\"degree\":" << g.InDegree(v) + g.OutDegree(v) << "}";
    first = false;
  });
  out << "],\n\"links\": [";
  first = true;
  sel.ForEachEdge([&](EdgeId e) {
    out << (first ? "\n" : ",\n")
        << "{\"source\":" << BufferedOut::Json{g.VertexTerm(g.Source(e)), true}
        << ",\"target\":" << BufferedOut::Json{g.VertexTerm(g.Target(e)), true} << ",\"key\":\"e"
        << e << "\",\"label\":" << BufferedOut::Json{g.LabelName(g.Label(e))}
        << ",\"confidence\":" << BufferedOut::Conf{g.Confidence(e)}
        << ",\"support\":" << g.Support(e) << ",\"statement\":" << g.Statement(e).value;
    if (o.sources) out << ",\"sources\":" << JsonQuote(o.sources(g.Statement(e)));
    out << QualifierJson(g, e) << "}";
    first = false;
  });
  out << "]}\n";
  out.Finish();
}

void WriteCytoscape(const Graph& g, const Selection& sel, const ExportOptions& o,
                    std::ostream& stream) {
  BufferedOut out(stream);
  out << "{\"elements\": {\"nodes\": [";
  bool first = true;
  sel.ForEachVertex([&](VertexId v) {
    out << (first ? "\n" : ",\n") << "{\"data\":{\"id\":\"n" << v
        << "\",\"label\":" << BufferedOut::Json{g.VertexName(v)} << ",\"type\":\""
        << EntityTypeName(g.VertexType(v)) << "\",\"aliases\":" << JsonQuote(Aliases(g, v))
        << ",\"degree\":" << g.InDegree(v) + g.OutDegree(v) << "}}";
    first = false;
  });
  out << "],\n\"edges\": [";
  first = true;
  sel.ForEachEdge([&](EdgeId e) {
    out << (first ? "\n" : ",\n") << "{\"data\":{\"id\":\"e" << e << "\",\"source\":\"n"
        << g.Source(e) << "\",\"target\":\"n" << g.Target(e)
        << "\",\"label\":" << BufferedOut::Json{g.LabelName(g.Label(e))}
        << ",\"confidence\":" << BufferedOut::Conf{g.Confidence(e)}
        << ",\"support\":" << g.Support(e);
    if (o.sources) out << ",\"sources\":" << JsonQuote(o.sources(g.Statement(e)));
    out << ",\"qualifiers\":{" << (QualifierJson(g, e).empty() ? "" : QualifierJson(g, e).substr(1))
        << "}}}";
    first = false;
  });
  out << "]}}\n";
  out.Finish();
}

void WriteDot(const Graph& g, const Selection& sel, std::ostream& stream) {
  BufferedOut out(stream);
  out << "digraph weft {\n  node [shape=box, style=rounded];\n";
  sel.ForEachVertex([&](VertexId v) {
    out << "  n" << v << " [label=" << DotQuote(g.VertexName(v)) << ", type=\""
        << EntityTypeName(g.VertexType(v)) << "\"];\n";
  });
  sel.ForEachEdge([&](EdgeId e) {
    std::string label(g.LabelName(g.Label(e)));
    for (const QualifierRef& q : g.Qualifiers(e)) {
      label += fmt::format("\n{}: {}", g.String(q.role), g.String(q.value));
    }
    out << "  n" << g.Source(e) << " -> n" << g.Target(e) << " [label=" << DotQuote(label)
        << ", confidence=" << BufferedOut::Conf{g.Confidence(e)} << "];\n";
  });
  out << "}\n";
  out.Finish();
}

void WriteCsv(const Graph& g, const Selection& sel, const ExportOptions& o,
              std::ostream& node_stream, std::ostream& rel_stream) {
  BufferedOut nodes(node_stream);
  BufferedOut rels(rel_stream);
  nodes << "id:ID,name,type,aliases,degree:int,:LABEL\n";
  sel.ForEachVertex([&](VertexId v) {
    std::string type(EntityTypeName(g.VertexType(v)));
    std::string label = type == "organisation"         ? "Organisation"
                        : type == "person"             ? "Person"
                        : type == "place"              ? "Place"
                        : type == "misc"               ? "Name"
                        : type == "concept"            ? "Concept"
                        : IsValueType(g.VertexType(v)) ? "Value"
                                                       : "Entity";
    nodes << "n" << v << "," << SafeCsvField(g.VertexName(v)) << "," << type << ","
          << SafeCsvField(Aliases(g, v)) << "," << g.InDegree(v) + g.OutDegree(v) << ",Entity"
          << (label == "Entity" ? "" : ";" + label) << "\n";
  });
  rels << ":START_ID,:END_ID,:TYPE,confidence:float,support:int,statement:long,qualifiers"
       << (o.sources ? ",sources" : "") << "\n";
  sel.ForEachEdge([&](EdgeId e) {
    std::string quals;
    for (const QualifierRef& q : g.Qualifiers(e)) {
      if (!quals.empty()) quals += "; ";
      quals += fmt::format("{}: {}", g.String(q.role), g.String(q.value));
    }
    rels << "n" << g.Source(e) << ",n" << g.Target(e) << ","
         << SafeCsvField(g.LabelName(g.Label(e))) << "," << BufferedOut::Conf{g.Confidence(e)}
         << "," << g.Support(e) << "," << g.Statement(e).value << "," << SafeCsvField(quals);
    if (o.sources) rels << "," << SafeCsvField(o.sources(g.Statement(e)));
    rels << "\n";
  });
  nodes.Finish();
  rels.Finish();
}

void WriteNTriples(const Graph& g, const Selection& sel, const ExportOptions& o,
                   std::ostream& stream) {
  BufferedOut out(stream);
  const std::string& b = o.base_iri;
  const std::string rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  const std::string rdfs = "http://www.w3.org/2000/01/rdf-schema#";
  const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
  // An entity's IRI: its name, and for a document's kind the scope after a '/'. Encoded once per
  // vertex and label (an edge names each endpoint three times).
  std::vector<std::string> vertex_iri(g.num_vertices());
  sel.ForEachVertex([&](VertexId v) {
    std::string& iri = vertex_iri[v];
    const std::string_view term = g.VertexTerm(v);
    const std::string_view name = g.VertexName(v);
    iri = "<" + b + "entity/";
    AppendIriPart(name, &iri);
    if (term.size() > name.size()) {
      iri += '/';
      AppendIriPart(term.substr(term.find(kScopeMark) + 1), &iri);
    }
    iri += '>';
  });
  std::vector<std::string> label_iri(g.num_labels());
  for (uint32_t l = 0; l < g.num_labels(); ++l) {
    label_iri[l] = "<" + b + "predicate/";
    AppendIriPart(g.LabelName(LabelId(l)), &label_iri[l]);
    label_iri[l] += '>';
  }
  // Every constant piece of a line, spelled out once.
  const std::string label_line = " <" + rdfs + "label> ";
  const std::string type_line = " <" + rdf + "type> <" + b + "type/";
  const std::string statement_line = " <" + rdf + "type> <" + rdf + "Statement> .\n";
  const std::string subject_line = " <" + rdf + "subject> ";
  const std::string predicate_line = " <" + rdf + "predicate> ";
  const std::string object_line = " <" + rdf + "object> ";
  const std::string confidence_line = " <" + b + "confidence> \"";
  const std::string double_end = "\"^^<" + xsd + "double> .\n";
  const std::string qualifier_line = " <" + b + "qualifier/";
  constexpr std::string_view kEnd = " .\n";
  sel.ForEachVertex([&](VertexId v) {
    out.Append({vertex_iri[v], label_line, NtLiteral(g.VertexName(v)), kEnd});
    if (g.VertexType(v) != EntityType::kOther) {
      out.Append({vertex_iri[v], type_line, EntityTypeName(g.VertexType(v)), ">", kEnd});
    }
  });
  const std::string statement_prefix = "<" + b + "statement/";
  std::string statement;
  sel.ForEachEdge([&](EdgeId e) {
    const std::string_view subject = vertex_iri[g.Source(e)];
    const std::string_view predicate = label_iri[g.Label(e).value];
    const std::string_view object = vertex_iri[g.Target(e)];
    const fmt::format_int id(g.Statement(e).value);
    statement.assign(statement_prefix);
    statement.append(id.data(), id.size());
    statement += '>';
    // The triple, then the statement as a resource for its qualifiers and confidence (RDF
    // reification).
    out.Append({subject,   " ",
                predicate, " ",
                object,    kEnd,            //
                statement, statement_line,  //
                statement, subject_line,
                subject,   kEnd,  //
                statement, predicate_line,
                predicate, kEnd,  //
                statement, object_line,
                object,    kEnd,  //
                statement, confidence_line});
    out << BufferedOut::Conf{g.Confidence(e)} << double_end;
    for (const QualifierRef& q : g.Qualifiers(e)) {
      out << statement << qualifier_line << BufferedOut::Iri{g.String(q.role)} << "> "
          << NtLiteral(g.String(q.value)) << kEnd;
    }
  });
  out.Finish();
}

}  // namespace

void WriteGraph(const Graph& g, ExportFormat format, const ExportSelection& selection,
                const ExportOptions& options, std::ostream& out, std::ostream* relationships) {
  Selection sel(g, selection);
  switch (format) {
    case ExportFormat::kGraphMl:
      WriteGraphMl(g, sel, options, out);
      break;
    case ExportFormat::kJson:
      WriteJson(g, sel, options, out);
      break;
    case ExportFormat::kCytoscape:
      WriteCytoscape(g, sel, options, out);
      break;
    case ExportFormat::kDot:
      WriteDot(g, sel, out);
      break;
    case ExportFormat::kCsv:
      WriteCsv(g, sel, options, out, relationships ? *relationships : out);
      break;
    case ExportFormat::kNTriples:
      WriteNTriples(g, sel, options, out);
      break;
    case ExportFormat::kHtml:
      WriteHtml(g, selection, options, out);
      break;
  }
}

}  // namespace weft::graph
