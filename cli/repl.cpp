// weft repl: an interactive shell over the graph, in the manner of the sqlite3 and duckdb shells.
#include <editline/readline.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/query_output.h"
#include "graph/base/atomic_file.h"
#include "graph/base/error.h"
#include "graph/base/text.h"
#include "graph/export/export.h"
#include "query/engine.h"
#include "query/functions.h"
#include "storage/session.h"

namespace weft::cli {

namespace {

std::atomic<bool> g_cancel{false};
std::atomic<bool> g_interrupted{false};

void OnSigint(int) {
  g_cancel.store(true);
  g_interrupted.store(true);
}

constexpr const char* kKeywords[] = {
    "match",     "where",  "return",  "distinct", "order", "by",  "asc", "desc",
    "limit",     "offset", "and",     "or",       "not",   "as",  "in",  "contains",
    "starts",    "with",   "path",    "shortest", "to",    "max", "via", "directed",
    "neighbors", "hops",   "explain", "true",     "false"};
constexpr const char* kDotCommands[] = {".help",   ".mode",   ".timer",  ".stats",
                                        ".labels", ".entity", ".export", ".read",
                                        ".open",   ".param",  ".quit"};

class Shell;
Shell* g_shell = nullptr;

class Shell {
 public:
  Shell(Context& ctx, bool interactive) : ctx_(ctx), interactive_(interactive) {
    print_.format = OutputFormat::kTable;
    if (ctx.format != "table") print_.format = ctx.ParsedFormat();
    Open(ctx.db_path);
  }

  // Runs the shell until .quit or end of input. Returns the exit code.
  int Run() {
    if (interactive_) return RunInteractive();
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return RunText(all, "stdin") ? 0 : failed_code_;
  }

  // Completion candidates for the word being typed.
  std::vector<std::string> Complete(const std::string& line, const std::string& typed) const {
    std::vector<std::string> out;
    // libedit may hand over the word with the arrow's '-' (or '^', '|', '/', '[') in front:
    // that is a predicate slot, and the candidates keep the lead.
    std::string word = typed;
    std::string lead;
    while (!word.empty() &&
           std::string_view("-^|/[").find(word.front()) != std::string_view::npos) {
      lead.push_back(word.front());
      word.erase(0, 1);
    }
    if (!lead.empty() && !typed.starts_with("?")) {
      if (view_) {
        for (uint32_t i = 0; i < view_->graph->num_labels() && out.size() < 200; ++i) {
          std::string_view n = view_->graph->LabelName(graph::LabelId(i));
          if (AsciiLower(n).starts_with(AsciiLower(word))) out.push_back(lead + std::string(n));
        }
      }
      return out;
    }
    std::string lower = AsciiLower(word);
    if (line.starts_with(".") && line.find(' ') == std::string::npos) {
      for (const char* d : kDotCommands) {
        if (std::string_view(d).starts_with(word)) out.emplace_back(d);
      }
      return out;
    }
    if (word.starts_with("?")) {
      // Variables already used in the line.
      for (size_t i = line.find('?'); i != std::string::npos; i = line.find('?', i + 1)) {
        size_t e = i + 1;
        while (e < line.size() &&
               (std::isalnum(static_cast<unsigned char>(line[e])) || line[e] == '_'))
          ++e;
        std::string v = line.substr(i, e - i);
        if (v.size() > 1 && v != word && v.starts_with(word) &&
            std::find(out.begin(), out.end(), v) == out.end()) {
          out.push_back(v);
        }
      }
      return out;
    }
    std::string prefix = word.starts_with("\"") ? word.substr(1) : word;
    const bool quoted = word.starts_with("\"");
    auto add = [&](std::string candidate) {
      if (std::find(out.begin(), out.end(), candidate) == out.end())
        out.push_back(std::move(candidate));
    };
    auto add_labels = [&] {
      if (!view_) return;
      for (uint32_t i = 0; i < view_->graph->num_labels() && out.size() < 200; ++i) {
        std::string_view n = view_->graph->LabelName(graph::LabelId(i));
        if (AsciiLower(n).starts_with(AsciiLower(prefix))) add(std::string(n));
      }
    };
    // What the word stands for, from the text before it: a predicate after an arrow's '-' or
    // '^' (or inside a path expression), an expression after 'where' or 'return', else a name
    // or a keyword.
    std::string before = line.substr(0, line.size() >= word.size() ? line.size() - word.size() : 0);
    const char last = before.empty() ? 0 : before.back();
    if (last == '-' || last == '^' || last == '|' || last == '/' || last == '[') {
      add_labels();
      return out;
    }
    // A qualifier's role: right after '{' or a ',' inside braces ("-offer{to: ?w, fr<Tab>").
    if (size_t open = before.rfind('{');
        open != std::string::npos &&
        (before.rfind('}') == std::string::npos || before.rfind('}') < open)) {
      size_t comma = before.rfind(',');
      size_t mark = comma != std::string::npos && comma > open ? comma : open;
      if (TrimView(std::string_view(before).substr(mark + 1)).empty()) {
        for (const std::string& role : Roles()) {
          if (AsciiLower(role).starts_with(lower)) add(role);
        }
        return out;
      }
    }
    std::string lower_before = AsciiLower(before);
    const bool expression = lower_before.find(" where ") != std::string::npos ||
                            lower_before.find(" return ") != std::string::npos;
    if (!quoted && !lower.empty()) {
      if (expression) {
        // Functions and aggregates, offered where an expression is typed.
        for (const query::FunctionInfo& f : query::Functions()) {
          if (f.name.starts_with(lower)) add(std::string(f.name));
        }
      }
      for (const char* k : kKeywords) {
        if (std::string_view(k).starts_with(lower)) add(k);
      }
    }
    if (view_ && !prefix.empty()) {
      if (!expression) add_labels();
      for (graph::VertexId v : view_->graph->VerticesWithPrefix(prefix, 100)) {
        std::string n(view_->graph->VertexName(v));
        bool plain = !n.empty() && n.find_first_of(" \t\"'-,;(){}[]<>") == std::string::npos;
        if (plain && !quoted) {
          add(n);
          continue;
        }
        // Quoted, with the quotes and backslashes inside escaped.
        std::string q = "\"";
        for (char c : n) {
          if (c == '"' || c == '\\') q.push_back('\\');
          q.push_back(c);
        }
        add(q + "\"");
      }
    }
    return out;
  }

 private:
  // The qualifier roles of the loaded graph, sorted, read once per snapshot.
  const std::vector<std::string>& Roles() const {
    if (!view_) return roles_;
    if (roles_sequence_ != view_->graph->sequence() || roles_.empty()) {
      std::set<std::string, std::less<>> found;
      for (graph::EdgeId e = 0; e < view_->graph->num_edges(); ++e) {
        for (const graph::QualifierRef& q : view_->graph->Qualifiers(e)) {
          if (found.size() < 1000) found.emplace(view_->graph->String(q.role));
        }
      }
      roles_.assign(found.begin(), found.end());
      roles_sequence_ = view_->graph->sequence();
    }
    return roles_;
  }

  // Opens the store at `path`; when it cannot be opened the current one stays.
  void Open(const std::string& path) {
    storage::OpenOptions read;
    read.read_only = true;
    std::unique_ptr<storage::Session> session = storage::Session::Open(path, read);
    ctx_.db_path = path;
    session_ = std::move(session);
    Use(session_->view());
  }

  // Reloads when another process has written to the store since the view was taken.
  void Refresh() {
    bool changed = false;
    std::shared_ptr<const storage::View> view = session_->Refresh({}, &changed);
    if (!changed) return;
    Use(std::move(view));
    if (interactive_) std::fprintf(stderr, "(the store changed; reloaded)\n");
  }

  void Use(std::shared_ptr<const storage::View> view) {
    view_ = std::move(view);
    provenance_ = std::make_unique<StoreProvenance>(*view_->store);
  }

  int RunInteractive() {
    const char* home = std::getenv("HOME");
    history_ = std::getenv("WEFT_HISTORY") ? std::getenv("WEFT_HISTORY")
                                           : std::string(home ? home : ".") + "/.weft_history";
    using_history();
    read_history(history_.c_str());
    rl_attempted_completion_function = &Shell::CompletionHook;
    static char breaks[] = " \t\n,(){}[]<>=!-";
    rl_completer_word_break_characters = breaks;
    std::printf("weft %s — %zu entities, %zu statements. Enter .help for help.\n", WEFT_VERSION,
                view_->graph->num_vertices(), view_->graph->num_edges());
    std::string pending;
    for (;;) {
      g_interrupted = false;
      char* raw = readline(pending.empty() ? "weft> " : "  ...> ");
      if (raw == nullptr) {
        if (g_interrupted.exchange(false)) {
          pending.clear();
          std::printf("\n");
          continue;
        }
        std::printf("\n");
        break;
      }
      std::string line(raw);
      free(raw);
      if (pending.empty() && TrimView(line).empty()) continue;
      // A query runs at ';' or at an empty line, as in the duckdb, Kuzu and psql shells; a
      // dot-command at the end of its line.
      const bool blank = TrimView(line).empty();
      if (!blank) pending += (pending.empty() ? "" : "\n") + line;
      if (!pending.starts_with(".") && !blank && !EndsStatement(pending)) continue;
      add_history(pending.c_str());
      write_history(history_.c_str());
      std::string text = pending;
      pending.clear();
      if (!Execute(text)) break;
    }
    write_history(history_.c_str());
    return 0;
  }

  // Calls fn(c) for each character of `text` outside quotes ("..." or '...', with backslash
  // escapes), and fn(0) for each inside; returns whether a quote is left open.
  template <typename Fn>
  static bool OutsideQuotes(const std::string& text, Fn&& fn) {
    char quote = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quote) {
        if (c == '\\') {
          ++i;
        } else if (c == quote) {
          quote = 0;
        }
        fn('\0');
        continue;
      }
      if (c == '"' || c == '\'') quote = c;
      fn(c);
    }
    return quote != 0;
  }

  // Whether `text` ends with a ';' outside quotes.
  static bool EndsStatement(const std::string& text) {
    char last = 0;
    const bool open = OutsideQuotes(text, [&](char c) {
      if (c == '\0' || !std::isspace(static_cast<unsigned char>(c))) last = c;
    });
    return !open && last == ';';
  }

  // A query is complete at ';', or at a line end with brackets and quotes balanced and no
  // dangling operator.
  static bool Complete(const std::string& text) {
    int depth = 0;
    const bool quote = OutsideQuotes(text, [&](char c) {
      if (c == '(' || c == '{' || c == '[') ++depth;
      if (c == ')' || c == '}' || c == ']') --depth;
    });
    std::string_view t = TrimView(text);
    if (t.ends_with(";")) return true;
    if (quote || depth > 0 || t.empty()) return false;
    char last = t.back();
    if (std::string_view(",-|/&=<>^").find(last) != std::string_view::npos) return false;
    std::string lower = AsciiLower(t);
    for (const char* k :
         {" where", " and", " or", " not", " return", " by", " order", " to", " via"}) {
      if (lower.ends_with(k)) return false;
    }
    return true;
  }

  static char** CompletionHook(const char* text, int, int) {
    rl_attempted_completion_over = 1;
    if (!g_shell) return nullptr;
    static std::vector<std::string> matches;
    static size_t index;
    matches = g_shell->Complete(rl_line_buffer ? rl_line_buffer : "", text);
    index = 0;
    return rl_completion_matches(text, [](const char*, int state) -> char* {
      if (state == 0) index = 0;
      if (index >= matches.size()) return nullptr;
      return strdup(matches[index++].c_str());
    });
  }

  // Runs every query and command in `text`; returns false if any failed.
  // Errors name `source` and the line each query or command started on.
  bool RunText(const std::string& text, const std::string& source) {
    const std::string saved_source = source_;
    const size_t saved_line = source_line_;
    source_ = source;
    bool ok = true;
    std::istringstream lines(text);
    std::string line, pending;
    auto flush = [&] {
      for (const std::string& q : SplitQueries(pending)) {
        if (TrimView(q).empty() || TrimView(q) == ";") continue;
        if (!Execute(q)) return false;
        ok = ok && last_ok_;
      }
      pending.clear();
      return true;
    };
    std::vector<std::string> all;
    while (std::getline(lines, line)) all.push_back(line);
    // The next non-blank line carries on the query when it starts with a clause or an edge.
    auto continues = [&](size_t i) {
      for (size_t k = i + 1; k < all.size(); ++k) {
        std::string t = AsciiLower(TrimView(all[k]));
        if (t.empty()) return false;
        for (const char* c :
             {"where", "return", "order", "limit", "offset", "and ", "or ", "-", "<-", ",", "{"}) {
          if (t.starts_with(c)) return true;
        }
        return false;
      }
      return false;
    };
    for (size_t i = 0; i < all.size(); ++i) {
      const std::string& l = all[i];
      std::string_view t = TrimView(l);
      if (pending.empty() && t.empty()) continue;
      if (pending.empty()) source_line_ = i + 1;
      if (pending.empty() && t.starts_with(".")) {
        if (!Execute(std::string(t))) return ok;
        ok = ok && last_ok_;
        continue;
      }
      if (t.starts_with("//") || t.starts_with("#")) continue;
      pending += l + "\n";
      if (Complete(pending) && (TrimView(pending).ends_with(";") || !continues(i))) {
        if (!flush()) return ok;
      }
    }
    if (!TrimView(pending).empty()) flush();
    source_ = saved_source;
    source_line_ = saved_line;
    return ok;
  }

  // Executes a query or dot-command; returns false to leave the shell.
  bool Execute(const std::string& text) {
    last_ok_ = true;
    std::string_view t = TrimView(text);
    try {
      if (t.starts_with(".")) return DotCommand(std::string(t));
      Refresh();
      RunQuery(std::string(t));
    } catch (const weft::Error& e) {
      std::string where;
      if (!source_.empty() && source_line_ > 0) {
        // A syntax error's line counts within the query; the file's line is what helps.
        size_t line = source_line_;
        if (const auto* p = dynamic_cast<const ParseError*>(&e)) line += p->line() - 1;
        where = source_ + ":" + std::to_string(line) + ": ";
      }
      std::fprintf(stderr, "Error: %s%s\n", where.c_str(), e.what());
      last_ok_ = false;
      failed_code_ = static_cast<int>(e.Code());
    }
    return true;
  }

  void RunQuery(const std::string& text) {
    query::ExecOptions options;
    options.cancel = &g_cancel;
    options.provenance = provenance_.get();
    options.max_rows = max_rows_;
    g_cancel = false;
    auto start = std::chrono::steady_clock::now();
    // The values of the $names this query uses; the others wait for the queries that use them.
    std::shared_ptr<const query::PreparedQuery> prepared = prepared_.Get(text);
    const query::Params own = prepared->ValuesFor(params_);
    options.params = &own;
    // Ctrl-C sets g_cancel from the signal handler; the executor polls it.
    query::QueryResult result = prepared->Execute(*view_->graph, options);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    print_.max_width = interactive_ ? TerminalWidth() : 0;
    print_.row_count = interactive_;
    // A long table shows its first rows and says how many more there are.
    const size_t total = result.rows.size();
    const bool cut = interactive_ && print_.format == OutputFormat::kTable && shown_rows_ > 0 &&
                     total > shown_rows_;
    if (cut) {
      query::QueryResult shown = result;
      shown.rows.resize(shown_rows_);
      PrintOptions p = print_;
      p.row_count = false;
      PrintResult(shown, *view_->graph, p, /*quiet=*/false);
      std::printf("... %zu more rows (%zu in all; .maxrows N to show more)\n", total - shown_rows_,
                  total);
    } else {
      PrintResult(result, *view_->graph, print_, /*quiet=*/!interactive_);
    }
    if (timer_) std::printf("Run Time: %.3f ms\n", ms);
    last_ = std::move(result);
    last_view_ = view_;
  }

  bool DotCommand(const std::string& line) {
    std::istringstream in(line);
    std::string cmd, arg;
    in >> cmd;
    std::getline(in, arg);
    arg = std::string(TrimView(arg));
    if (cmd == ".quit" || cmd == ".exit") return false;
    if (cmd == ".help") {
      std::printf(
          ".entity NAME         an entity's card: aliases, type, degree, statements and sources\n"
          ".export FILE [FMT]   write the last result's subgraph (graphml, json, cytoscape, dot, "
          "ntriples)\n"
          ".labels              predicates with their statement counts\n"
          ".maxrows [N]         rows a table shows (default 40; 0: all)\n"
          ".mode [table|json|csv|tsv]  output format\n"
          ".open PATH           open another store\n"
          ".param [NAME VALUE]  set $NAME for the queries that use it (the rest of the line, as\n"
          "                     it is); without arguments, list them; .param clear [NAME]\n"
          ".quit                leave (or Ctrl-D)\n"
          ".read FILE           run the queries in a file\n"
          ".stats               counts of the store\n"
          ".timer [on|off]      show each query's run time\n"
          "A query runs at ';' or at an empty line, so it may span lines; a dot-command runs\n"
          "at the end of its line. Without an argument a setting is shown. Ctrl-C cancels a\n"
          "running query. See docs/query-language.md for the language.\n");
    } else if (cmd == ".param") {
      ParamCommand(arg);
    } else if (cmd == ".mode" && arg.empty()) {
      const char* names[] = {"table", "json", "csv", "tsv"};
      std::printf("%s\n", names[static_cast<int>(print_.format)]);
    } else if (cmd == ".timer" && arg.empty()) {
      std::printf("%s\n", timer_ ? "on" : "off");
    } else if (cmd == ".maxrows") {
      if (!arg.empty()) {
        size_t used = 0;
        long long n = -1;
        try {
          n = std::stoll(arg, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != arg.size() || n < 0)
          throw UsageError(".maxrows takes a number of rows, 0 for all");
        shown_rows_ = static_cast<size_t>(n);
      }
      std::printf("%zu\n", shown_rows_);
    } else if (cmd == ".mode") {
      if (arg == "table")
        print_.format = OutputFormat::kTable;
      else if (arg == "json")
        print_.format = OutputFormat::kJson;
      else if (arg == "csv")
        print_.format = OutputFormat::kCsv;
      else if (arg == "tsv")
        print_.format = OutputFormat::kTsv;
      else
        throw UsageError(".mode takes table, json, csv or tsv");
    } else if (cmd == ".timer") {
      if (arg != "on" && arg != "off") throw UsageError(".timer takes on or off");
      timer_ = arg == "on";
    } else if (cmd == ".stats") {
      Refresh();
      storage::StoreStats s = view_->store->Stats();
      std::printf("entities %llu, predicates %llu, statements %llu, sources %llu, documents %llu\n",
                  static_cast<unsigned long long>(s.entities),
                  static_cast<unsigned long long>(s.predicates),
                  static_cast<unsigned long long>(s.statements),
                  static_cast<unsigned long long>(s.sources),
                  static_cast<unsigned long long>(s.documents));
    } else if (cmd == ".labels") {
      Refresh();
      ResultTable t;
      t.columns = {"predicate", "statements"};
      std::vector<graph::LabelId> ls(view_->graph->num_labels());
      for (uint32_t i = 0; i < ls.size(); ++i) ls[i] = graph::LabelId(i);
      std::sort(ls.begin(), ls.end(), [&](auto a, auto b) {
        return view_->graph->LabelCount(a) > view_->graph->LabelCount(b);
      });
      for (graph::LabelId l : ls)
        t.rows.push_back(
            {std::string(view_->graph->LabelName(l)), Cell::Integer(view_->graph->LabelCount(l))});
      PrintOptions p = print_;
      p.max_width = interactive_ ? TerminalWidth() : 0;
      PrintTable(t, p, stdout);
    } else if (cmd == ".entity") {
      Refresh();
      std::string name = arg;
      if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
        name = name.substr(1, name.size() - 2);
      EntityCard(ResolveEntity(*view_->graph, name));
    } else if (cmd == ".export") {
      std::istringstream a(arg);
      std::string file, fmt = "graphml";
      a >> file >> fmt;
      if (file.empty()) throw UsageError(".export takes a file name and an optional format");
      auto format = graph::ParseExportFormat(fmt);
      if (!format || *format == graph::ExportFormat::kCsv)
        throw UsageError("unknown export format '" + fmt + "'");
      if (!last_view_)
        throw UsageError(".export writes the last query's result: run a query first");
      graph::ExportSelection sel;
      sel.edges = &last_.edges;
      sel.vertices = &last_.vertices;
      // Written whole or not at all, on the graph the result was computed on.
      try {
        AtomicFile out(file);
        graph::WriteGraph(*last_view_->graph, *format, sel, {}, out.stream());
        out.Commit();
      } catch (const FileError& e) {
        throw OutputError(e.what());
      }
      std::printf("wrote %zu statements to %s\n", last_.edges.size(), file.c_str());
    } else if (cmd == ".read") {
      std::ifstream in_file(arg);
      if (!in_file) throw InputError(arg, 0, "cannot open");
      std::string all((std::istreambuf_iterator<char>(in_file)), std::istreambuf_iterator<char>());
      bool saved = interactive_;
      RunText(all, arg);
      interactive_ = saved;
    } else if (cmd == ".open") {
      if (arg.empty()) throw UsageError(".open takes a store path");
      Open(arg);
      std::printf("opened %s: %zu entities, %zu statements\n", arg.c_str(),
                  view_->graph->num_vertices(), view_->graph->num_edges());
    } else {
      throw UsageError("unknown command " + cmd + " (try .help)");
    }
    return true;
  }

  // .param: list, set NAME VALUE, or clear [NAME].
  void ParamCommand(const std::string& arg) {
    if (arg.empty()) {
      for (const auto& [name, value] : params_) {
        std::printf("$%s = %s\n", name.c_str(), value.text.c_str());
      }
      return;
    }
    const size_t space = arg.find_first_of(" \t");
    std::string name = arg.substr(0, space);
    const std::string rest = space == std::string::npos
                                 ? ""
                                 : std::string(TrimView(std::string_view(arg).substr(space)));
    if (name == "clear") {
      if (rest.empty()) {
        params_.clear();
      } else if (params_.erase(rest.starts_with('$') ? rest.substr(1) : rest) == 0) {
        throw UsageError("no parameter $" + rest);
      }
      return;
    }
    if (space == std::string::npos) throw UsageError(".param takes NAME VALUE (or clear [NAME])");
    auto [key, value] = query::ParseParamAssignment(name + "=" + rest);
    params_[key] = std::move(value);
  }

  void EntityCard(graph::VertexId v) {
    const graph::Graph& g = *view_->graph;
    std::printf("%s\n  type     %s\n", std::string(g.VertexName(v)).c_str(),
                std::string(EntityTypeName(g.VertexType(v))).c_str());
    auto aliases = g.VertexAliases(v);
    if (!aliases.empty()) {
      std::string a;
      for (auto x : aliases) a += (a.empty() ? "" : ", ") + std::string(x);
      std::printf("  aliases  %s\n", a.c_str());
    }
    std::printf("  degree   %zu out, %zu in\n", g.OutDegree(v), g.InDegree(v));
    std::vector<graph::EdgeId> edges;
    auto out = g.OutEdges(v);
    for (graph::EdgeId e = out.begin; e < out.end; ++e) edges.push_back(e);
    for (graph::EdgeId e : g.InEdges(v)) edges.push_back(e);
    std::sort(edges.begin(), edges.end(),
              [&](auto a, auto b) { return g.Support(a) > g.Support(b); });
    for (size_t i = 0; i < edges.size() && i < 10; ++i) {
      graph::EdgeId e = edges[i];
      std::string quals;
      for (const auto& q : g.Qualifiers(e))
        quals += fmt::format(" {}: {}", g.String(q.role), g.String(q.value));
      std::printf("  %s -%s-> %s%s\n", std::string(g.VertexName(g.Source(e))).c_str(),
                  std::string(g.LabelName(g.Label(e))).c_str(),
                  std::string(g.VertexName(g.Target(e))).c_str(), quals.c_str());
      for (const query::SourceInfo& s : provenance_->Sources(g.Statement(e))) {
        if (!s.text.empty()) std::printf("      \"%s\" (%s)\n", s.text.c_str(), s.document.c_str());
        break;
      }
    }
    if (edges.size() > 10) std::printf("  ... %zu more\n", edges.size() - 10);
  }

  Context& ctx_;
  bool interactive_;
  std::unique_ptr<storage::Session> session_;
  mutable std::vector<std::string> roles_;
  mutable uint64_t roles_sequence_ = 0;
  // The view queries read, and the one the last result was computed on: a reload (.open, or a
  // store another process changed) replaces view_ while the last result still indexes its own.
  std::shared_ptr<const storage::View> view_;
  std::shared_ptr<const storage::View> last_view_;
  std::unique_ptr<StoreProvenance> provenance_;  // over view_'s store
  query::PreparedCache prepared_;                // queries run again skip their parse
  query::Params params_;                         // .param
  PrintOptions print_;
  bool timer_ = false;
  uint64_t max_rows_ = 0;
  size_t shown_rows_ = 40;  // rows an interactive table shows
  query::QueryResult last_;
  std::string history_;
  bool last_ok_ = true;
  std::string source_;      // the file being read (.read, or stdin when not interactive)
  size_t source_line_ = 0;  // the line the current query or command started on
  int failed_code_ = 1;
};

}  // namespace

void SetupRepl(CLI::App& app, Context& ctx) {
  app.footer(
      "An interactive shell: line editing, history in ~/.weft_history (or $WEFT_HISTORY), Tab\n"
      "completion of keywords, entities, labels and variables, and dot-commands (.help).\n"
      "With standard input not a terminal it runs the queries given and exits non-zero if\n"
      "any failed.\n\nExamples:\n  weft repl --db news.db\n  weft repl < queries.txt");
  app.callback([&ctx] {
    bool interactive = isatty(STDIN_FILENO) == 1;
    struct sigaction sa {};
    sa.sa_handler = OnSigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a read at the prompt returns
    sigaction(SIGINT, &sa, nullptr);
    Shell shell(ctx, interactive);
    g_shell = &shell;
    ctx.exit_code = shell.Run();
    g_shell = nullptr;
  });
}

}  // namespace weft::cli
