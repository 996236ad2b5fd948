// weft read: what weft reads from its inputs (pages, feeds, web archives, text), as text or
// JSON Lines.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "graph/base/error.h"
#include "graph/base/text.h"
#include "graph/extract/text_input.h"
#include "graph/reading/article.h"
#include "graph/reading/charset.h"
#include "storage/pipeline/documents.h"

namespace weft::cli {

void SetupRead(CLI::App& app, Context& ctx) {
  struct Flags {
    std::vector<std::string> paths;
    std::string format = "text";
  };
  auto f = std::make_shared<Flags>();
  app.add_option("paths", f->paths,
                 "Web pages, feeds, web archives, text files, JSON Lines or directories ('-': an "
                 "HTML page on standard input)")
      ->required();
  app.add_option("--format,-F", f->format, "text or jsonl")
      ->check(CLI::IsMember({"text", "jsonl"}));
  app.footer(
      R"(Prints what weft reads from each web page: the article's headline, publication date,
authors, site, language and canonical address, its body (navigation, headers, footers, asides,
share and subscribe blocks, related lists and captions left out) and its captions apart.
Every other input prints the documents 'weft ingest' would read from it, each with its name,
date and text: a feed's items, a web archive's pages (WARC, gzip or not), a JSON Lines file's
records, text and Markdown files, directories walked.

Examples:
  weft read saved-page.html
  weft read -F jsonl pages/*.html > articles.jsonl
  weft read -F jsonl crawl.warc.gz > articles.jsonl   # then: weft ingest articles.jsonl)");
  app.callback([f, &ctx] {
    auto is_page = [](const std::string& path) {
      return path == "-" || extract::TextFormatFromPath(path) == extract::TextFormat::kHtml;
    };
    for (const std::string& path : f->paths) {
      if (!is_page(path)) {
        pipeline::ReadOptions options;
        options.quiet = ctx.quiet;
        uint64_t problems = 0;
        pipeline::ForEachDocument({path}, options, &problems, [&](pipeline::InputDocument d) {
          if (f->format == "jsonl") {
            nlohmann::json j = {{"name", d.name}, {"date", d.date}, {"text", d.text}};
            std::cout << j.dump() << '\n';
          } else {
            std::cout << "# " << d.name << '\n';
            if (!d.date.empty()) std::cout << "date: " << d.date << '\n';
            std::cout << '\n' << d.text << "\n\n";
          }
        });
        if (problems > 0) ctx.exit_code = static_cast<int>(ExitCode::kInput);
        continue;
      }
      std::string bytes;
      if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        bytes = ss.str();
      } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
          std::cerr << "weft: " << path << ": cannot open\n";
          ctx.exit_code = static_cast<int>(ExitCode::kInput);
          continue;
        }
        std::ostringstream ss;
        ss << in.rdbuf();
        bytes = ss.str();
      }
      reading::Article a = reading::ReadArticle(reading::DecodePage(bytes).text);
      if (f->format == "jsonl") {
        nlohmann::json j = {{"name", path},           {"title", a.title},
                            {"date", a.date},         {"date_source", a.date_source},
                            {"authors", a.authors},   {"site", a.site},
                            {"language", a.language}, {"url", a.canonical_url},
                            {"text", a.Body()},       {"captions", a.captions}};
        std::cout << j.dump() << '\n';
      } else {
        std::cout << "# " << path << '\n';
        if (!a.title.empty()) std::cout << "title: " << a.title << '\n';
        if (!a.date.empty()) std::cout << "date: " << a.date << " (" << a.date_source << ")\n";
        if (!a.authors.empty()) {
          std::string all;
          for (const std::string& x : a.authors) all += (all.empty() ? "" : ", ") + x;
          std::cout << "authors: " << all << '\n';
        }
        if (!a.site.empty()) std::cout << "site: " << a.site << '\n';
        if (!a.language.empty()) std::cout << "language: " << a.language << '\n';
        std::cout << '\n' << a.Body() << "\n\n";
      }
    }
  });
}

}  // namespace weft::cli
