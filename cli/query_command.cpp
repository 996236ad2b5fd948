// weft query: runs one query (or a file of them) over a snapshot of the store.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/query_output.h"
#include "graph/base/error.h"
#include "query/engine.h"

namespace weft::cli {

std::vector<query::SourceInfo> StoreProvenance::Sources(StatementId statement) const {
  std::vector<query::SourceInfo> out;
  std::optional<StoredStatement> st = store_.GetStatement(statement);
  if (!st) return out;
  for (const Source& s : st->sources) {
    query::SourceInfo info;
    if (auto doc = store_.GetDocument(s.document)) {
      info.document = doc->name;
      info.date = doc->date;
    }
    info.sentence = s.evidence.sentence;
    info.text = store_.SentenceText(s.document, s.evidence.sentence).value_or("");
    info.confidence = s.evidence.confidence;
    out.push_back(std::move(info));
  }
  return out;
}

ResultTable ToTable(const query::QueryResult& r, const graph::Graph& g) {
  ResultTable t;
  t.columns = r.columns;
  for (const auto& row : r.rows) {
    std::vector<Cell> cells;
    for (const query::Value& v : row) {
      Cell c(query::ValueText(v, g));
      c.number = v.kind == query::Value::Kind::kNumber;
      if (v.kind == query::Value::Kind::kNull) c.text = "";
      cells.push_back(std::move(c));
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

void PrintResult(const query::QueryResult& r, const graph::Graph& g, const PrintOptions& options,
                 bool quiet) {
  if (!r.plan.empty()) {
    std::fputs(r.plan.c_str(), stdout);
    return;
  }
  PrintTable(ToTable(r, g), options, stdout);
  if (!quiet) {
    for (const std::string& n : r.notices) std::fprintf(stderr, "note: %s\n", n.c_str());
    if (r.truncated) {
      std::fprintf(stderr, "note: the result was cut at %zu rows (raise --max-rows)\n",
                   r.rows.size());
    }
  }
}

namespace {

struct QueryFlags {
  std::string text;
  std::string file;
  uint64_t max_rows = 0;
  uint64_t timeout_ms = 0;
  size_t max_query_bytes = query::kDefaultMaxQueryBytes;
  std::vector<std::string> params;  // NAME=VALUE
};

}  // namespace

std::vector<std::string> SplitQueries(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    cur.push_back(c);
    if (quote) {
      if (c == '\\' && i + 1 < text.size()) {
        cur.push_back(text[++i]);
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ';') {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(cur);
  return out;
}

void SetupQuery(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<QueryFlags>();
  app.add_option("query", f->text, "The query text");
  app.add_option("-f,--file", f->file, "Read queries from a file (separated by ';')");
  app.add_option("--format", ctx.format, "table, json, csv or tsv");
  app.add_option("--max-rows", f->max_rows, "Keep at most this many rows (0: all)");
  app.add_option("--timeout", f->timeout_ms, "Stop a query after this many milliseconds");
  app.add_option("--max-query-bytes", f->max_query_bytes, "Refuse longer queries unparsed")
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  app.add_option("-p,--param", f->params,
                 "NAME=VALUE: the value of $NAME in the query, taken as it is (repeatable)");
  app.footer(R"(Examples:
  weft query 'Microsoft -offer{to: ?where}-> ?what'
  weft query '?c -recruit-> ?p, ?p -work_at-> OpenAI return ?c, count(?p) as n order by n desc'
  weft query 'Tencent -_+-> ?x where type(?x) = "organisation" limit 20'
  weft query 'path Tencent to Nvidia max 3'
  weft query 'explain ?a -invest_in-> ?b, ?b -based_in-> Eindhoven'
  weft query '$who -acquire-> ?x' --param 'who=Shearson Lehman "Brothers"'
See docs/query-language.md for the language.)");
  app.callback([f, &ctx] {
    if (f->text.empty() == f->file.empty()) {
      throw UsageError("give a query or -f FILE (one of them)");
    }
    std::vector<std::string> queries;
    if (!f->file.empty()) {
      std::ifstream in(f->file);
      if (!in) throw InputError(f->file, 0, "cannot open");
      std::stringstream ss;
      ss << in.rdbuf();
      queries = SplitQueries(ss.str());
    } else {
      queries = {f->text};
    }
    std::unique_ptr<storage::Store> store;
    auto g = ctx.LoadGraph(&store);
    StoreProvenance provenance(*store);
    query::ExecOptions options;
    options.max_rows = f->max_rows;
    options.timeout = std::chrono::milliseconds(f->timeout_ms);
    options.provenance = &provenance;
    PrintOptions print;
    print.format = ctx.ParsedFormat();
    print.max_width = TerminalWidth();
    print.row_count = !ctx.quiet;
    query::Params params;
    for (const std::string& a : f->params) {
      auto [name, value] = query::ParseParamAssignment(a);
      if (!params.emplace(name, std::move(value)).second) {
        throw UsageError("--param " + name + " is given twice");
      }
    }
    // A file's queries each take the values of the $names they use; a value no query uses is
    // an error, as it is for one query.
    std::set<std::string> used;
    for (const std::string& text : queries) {
      std::shared_ptr<const query::PreparedQuery> q =
          query::PreparedQuery::Prepare(text, f->max_query_bytes);
      const query::Params own = queries.size() == 1 ? params : q->ValuesFor(params);
      for (const std::string& name : q->parameters()) used.insert(name);
      options.params = &own;
      query::QueryResult r = q->Execute(*g, options);
      PrintResult(r, *g, print, ctx.quiet);
      // A name the graph does not hold is exit 4, as in path and neighbors.
      if (r.unknown_names > 0) ctx.exit_code = static_cast<int>(ExitCode::kQuery);
    }
    if (queries.size() > 1) {
      for (const auto& [name, value] : params) {
        if (!used.count(name)) throw BindError("parameter $" + name + " is used by no query");
      }
    }
  });
}

}  // namespace weft::cli
