// The ingest pipeline in process: documents stored whole, unchanged ones skipped, progress
// reported to the end, problems named with their file and line.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "graph/base/text.h"
#include "storage/pipeline/documents.h"
#include "storage/pipeline/import.h"
#include "storage/pipeline/ingest.h"
#include "tests/test_util.h"

using namespace weft;
using weft::testing::TempDir;
using weft::testing::Write;

TEST_CASE("ingest stores documents once and reports progress and problems", "[pipeline]") {
  TempDir dir;
  Write(dir, "a.txt", "Contoso acquired Fabrikam in 2021. Fabrikam makes sensor chips.\n");
  Write(dir, "b.txt", "Northwind Systems opened a research hub in Lisbon.\n");
  Write(dir, "long.txt", "Short first line.\n\n" + std::string(3000, 'x') + " ends here.\n");
  const std::vector<std::string> paths = {dir / "a.txt", dir / "b.txt", dir / "long.txt",
                                          dir / "missing.txt"};
  auto store = storage::Store::Open(dir / "db", {});
  auto extractor = extract::Extractor::Create();

  std::vector<std::string> problems;
  uint64_t last_bytes = 0, last_statements = 0;
  pipeline::IngestOptions options;
  options.threads = 2;
  options.read.report = [&](const InputError& e) { problems.emplace_back(e.what()); };
  options.progress = [&](uint64_t bytes, uint64_t statements) {
    CHECK(bytes >= last_bytes);
    last_bytes = bytes;
    last_statements = statements;
  };
  pipeline::IngestTotals t = pipeline::Ingest(*store, *extractor, paths, options);
  CHECK(t.documents == 3);
  CHECK(t.unchanged == 0);
  CHECK(t.statements >= 3);
  CHECK(t.statements == last_statements);
  CHECK(last_bytes == pipeline::TotalInputBytes(paths));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("missing.txt: no such file or directory") != std::string::npos);
  CHECK(problems[1].find("long.txt:3: sentence of") != std::string::npos);
  CHECK(t.problems == 2);
  const uint64_t stored = store->Stats().statements;
  CHECK(stored > 0);

  // Again: every document is unchanged and skipped before extraction; nothing changes.
  problems.clear();
  last_bytes = 0;
  t = pipeline::Ingest(*store, *extractor, {dir / "a.txt", dir / "b.txt"}, options);
  CHECK(t.documents == 0);
  CHECK(t.unchanged == 2);
  CHECK(store->Stats().statements == stored);

  // New content under a known name replaces only that document's statements.
  Write(dir, "b.txt", "Tailspin Toys hired engineers in Porto.\n");
  last_bytes = 0;
  t = pipeline::Ingest(*store, *extractor, {dir / "b.txt"}, options);
  CHECK(t.documents == 1);
  CHECK(store->FindDocument(pipeline::DocumentNameOf(dir / "b.txt")));
}

namespace {

// Runs the enclosing scope in `dir`, as a user's shell would.
class InDirectory {
 public:
  explicit InDirectory(const std::filesystem::path& dir)
      : previous_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~InDirectory() { std::filesystem::current_path(previous_); }
  InDirectory(const InDirectory&) = delete;
  InDirectory& operator=(const InDirectory&) = delete;

 private:
  std::filesystem::path previous_;
};

}  // namespace

TEST_CASE("documents are named by the path as given, so a store moves with its files",
          "[pipeline]") {
  namespace fs = std::filesystem;
  TempDir dir;
  const fs::path site = fs::path(dir.path()) / "site";
  fs::create_directories(site / "news");
  weft::testing::WriteFile((site / "news" / "a.txt").string(),
                           "Contoso acquired Fabrikam in 2021.\n");
  auto extractor = extract::Extractor::Create();
  pipeline::IngestOptions options;
  options.threads = 1;
  uint64_t statements = 0;
  {
    InDirectory in(site);
    auto store = storage::Store::Open("db", {});
    pipeline::IngestTotals t = pipeline::Ingest(*store, *extractor, {"./news//"}, options);
    CHECK(t.documents == 1);
    CHECK(store->FindDocument("news/a.txt"));
    statements = store->Stats().statements;
    CHECK(statements > 0);
  }
  // The site (store and files) copied elsewhere: the same names, and a re-ingest of the same
  // relative paths changes nothing.
  const fs::path moved = fs::path(dir.path()) / "moved";
  fs::copy(site, moved, fs::copy_options::recursive);
  fs::remove_all(site);
  {
    InDirectory in(moved);
    auto store = storage::Store::Open("db", {});
    CHECK(store->FindDocument("news/a.txt"));
    pipeline::IngestTotals t = pipeline::Ingest(*store, *extractor, {"news/a.txt"}, options);
    CHECK(t.documents == 0);
    CHECK(t.unchanged == 1);
    CHECK(store->Stats().statements == statements);
    CHECK(store->Stats().documents == 1);
  }
  // A store that named the document by its absolute path (as stores once did) finds it again
  // under the relative path: unchanged content stays a no-op, changed content replaces it.
  {
    InDirectory in(moved);
    auto store = storage::Store::Open("legacy", {});
    const std::string absolute = fs::weakly_canonical(moved / "news" / "a.txt").string();
    pipeline::Ingest(*store, *extractor, {absolute}, options);
    REQUIRE(store->FindDocument(absolute));
    pipeline::IngestTotals t = pipeline::Ingest(*store, *extractor, {"news/a.txt"}, options);
    CHECK(t.unchanged == 1);
    weft::testing::WriteFile((moved / "news" / "a.txt").string(),
                             "Northwind Systems opened a research hub in Lisbon.\n");
    t = pipeline::Ingest(*store, *extractor, {"news/a.txt"}, options);
    CHECK(t.documents == 1);
    CHECK(store->Stats().documents == 1);
    CHECK(store->FindDocument(absolute));
    CHECK(!store->FindDocument("news/a.txt"));
  }
}

TEST_CASE("a large import sized from its first lines stores every line", "[pipeline]") {
  // Past the first batch of lines the importer estimates the file's records and the bulk load
  // sizes its arrays once; the estimate must not change what is stored.
  TempDir dir;
  std::string tsv;
  size_t distinct = 0;
  for (int i = 0; i < 20000; ++i) {
    // Every seventh line repeats the line before it: a second source, not a new statement.
    const int n = i % 7 == 6 ? i - 1 : i;
    distinct += n == i;
    tsv += "e" + std::to_string(n % 3001) + "\tp" + std::to_string(n % 13) + "\te" +
           std::to_string(n) + (n % 5 == 0 ? "\tat=q" + std::to_string(n % 11) : "") + "\n";
  }
  Write(dir, "big.tsv", tsv);
  const std::string path = (dir.path() / "big.tsv").string();
  auto store = storage::Store::Open((dir.path() / "db").string(), {});
  uint64_t last_bytes = 0, last_records = 0;
  pipeline::ImportOptions options;
  options.progress = [&](uint64_t bytes, uint64_t records) {
    last_bytes = bytes;
    last_records = records;
  };
  pipeline::ImportResult result = pipeline::ImportFile(*store, path, options);
  CHECK(result.records == 20000);
  CHECK(last_records == 20000);
  CHECK(last_bytes == tsv.size());
  CHECK(store->Stats().statements == distinct);
  CHECK(store->Stats().sources == 20000);
  CHECK(store->Check(false).problems.empty());
}

TEST_CASE("an import of a file that grows while it is read stores what it read, and no more",
          "[pipeline]") {
  // The file's first line is bad: its report comes while the file is being read, and appends
  // lines to it. What is stored, and the hash it is stored under, are of the file as it was when
  // the import began; the next import sees the rest as a change.
  TempDir dir;
  std::string first = "not a triple\n";
  for (int i = 0; i < 50; ++i) first += "a" + std::to_string(i) + "\tp\tb\n";
  Write(dir, "growing.tsv", first);
  const std::string path = (dir.path() / "growing.tsv").string();
  auto store = storage::Store::Open((dir.path() / "db").string(), {});
  pipeline::ImportOptions options;
  options.name = "growing";
  bool grown = false;
  options.bad_line = [&](const InputError&) {
    if (grown) return;
    grown = true;
    std::ofstream out(path, std::ios::app);
    for (int i = 50; i < 80; ++i) out << "a" << i << "\tp\tb\n";
  };
  pipeline::ImportResult r = pipeline::ImportFile(*store, path, options);
  REQUIRE(grown);
  CHECK(r.records == 50);
  CHECK(store->Stats().statements == 50);
  CHECK(store->FindDocument("growing")->content_hash == storage::ContentHash(first));

  options.bad_line = nullptr;
  r = pipeline::ImportFile(*store, path, options);
  CHECK(r.status == pipeline::ImportResult::Status::kReplaced);
  CHECK(store->Stats().statements == 80);
  r = pipeline::ImportFile(*store, path, options);
  CHECK(r.status == pipeline::ImportResult::Status::kUnchanged);
}

TEST_CASE("a JSON Lines record over the line limit is reported and skipped, the rest read",
          "[pipeline]") {
  TempDir dir;
  const std::string huge(kMaxLineBytes + 10, 'x');
  Write(dir, "feed.jsonl",
        "{\"id\": \"a\", \"text\": \"Contoso acquired Fabrikam.\"}\n{\"id\": \"b\", \"text\": \"" +
            huge + "\"}\n{\"id\": \"c\", \"text\": \"Northwind opened a hub.\"}\n");
  std::vector<std::string> problems, names;
  pipeline::ReadOptions options;
  options.report = [&](const InputError& e) { problems.emplace_back(e.what()); };
  uint64_t counted = 0;
  pipeline::ForEachDocument({dir / "feed.jsonl"}, options, &counted,
                            [&](pipeline::InputDocument d) { names.push_back(d.name); });
  REQUIRE(names.size() == 2);
  CHECK(names[0].ends_with("#a"));
  CHECK(names[1].ends_with("#c"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("feed.jsonl:2: record longer than 1 MiB") != std::string::npos);
  CHECK(counted == 1);
}

TEST_CASE("an extraction header without its hash is an error that says so, as a numeric one is",
          "[pipeline]") {
  TempDir dir;
  auto store = storage::Store::Open((dir.path() / "db").string(), {});
  for (const std::string header : {R"({"document": "x"})", R"({"document": "x", "hash": 5})"}) {
    Write(dir, "records.jsonl",
          header + "\n" + R"({"subject": "a", "predicate": "p", "object": "b"})" + "\n");
    std::vector<std::string> problems;
    pipeline::ImportOptions options;
    options.bad_line = [&](const InputError& e) { problems.emplace_back(e.what()); };
    pipeline::ImportResult r = pipeline::ImportFile(*store, dir / "records.jsonl", options);
    INFO(header);
    CHECK(r.extraction);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].find("records.jsonl:1: a document header needs \"hash\"") !=
          std::string::npos);
    CHECK(store->Stats().statements == 0);
  }
}

TEST_CASE("a feed is read item by item: each a document named by its link, dated by the item",
          "[pipeline][feed]") {
  TempDir dir;
  Write(dir, "news.xml",
        R"(<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Contoso buys Fabrikam</title><link>https://example.com/a</link>
<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
<description>&lt;p&gt;Contoso acquired Fabrikam on Monday.&lt;/p&gt;
&lt;nav&gt;&lt;a href="/"&gt;Home&lt;/a&gt;&lt;/nav&gt;</description></item>
<item><title>Northwind hires</title><guid>urn:item:2</guid>
<description>Northwind Systems hired 200 engineers in Lisbon.</description></item>
</channel></rss>)");
  Write(dir, "links.rss",
        "<rss><channel><item><title>A</title><link>https://x/1</link></item></channel></rss>");
  Write(dir, "broken.rss", "<rss><channel><item><title>cut");
  std::vector<pipeline::InputDocument> docs;
  std::vector<std::string> problems;
  pipeline::ReadOptions options;
  options.report = [&](const InputError& e) { problems.emplace_back(e.what()); };
  uint64_t counted = 0;
  pipeline::ForEachDocument({dir / "broken.rss", dir / "links.rss", dir / "news.xml"}, options,
                            &counted,
                            [&](pipeline::InputDocument d) { docs.push_back(std::move(d)); });
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].name == "https://x/1");
  CHECK(docs[0].text == "A\n\n");
  CHECK(docs[1].name == "https://example.com/a");
  CHECK(docs[1].date == "2003-06-10");
  CHECK(docs[1].text.starts_with("Contoso buys Fabrikam\n\nContoso acquired Fabrikam on Monday."));
  CHECK(docs[1].text.find("Home") == std::string::npos);  // the item's menu is not its text
  CHECK(docs[2].name == "urn:item:2");
  CHECK(docs[2].text.find("Northwind Systems hired 200 engineers in Lisbon.") != std::string::npos);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("broken.rss:1: not a well-formed feed") != std::string::npos);
  CHECK(problems[1].find("links.rss: the feed's 1 items carry no text of their own") !=
        std::string::npos);
  CHECK(counted == 2);
}

namespace {

// One WARC record, as a gzip member of its own when `gzip`.
std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& block,
                       const std::string& digest = "", bool gzip = true) {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
                  "\r\nWARC-Date: 2024-05-06T07:08:09Z\r\n" +
                  (digest.empty() ? "" : "WARC-Payload-Digest: " + digest + "\r\n") +
                  "Content-Type: application/http; msgtype=response\r\nContent-Length: " +
                  std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  if (!gzip) return r;
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, r.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(r.data());
  z.avail_in = static_cast<uInt>(r.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

std::string Page(const std::string& body, const std::string& extra_header = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + extra_header + "\r\n" +
         "<html><head><title>T</title></head><body><article><p>" + body +
         "</p></article></body></html>";
}

}  // namespace

TEST_CASE("a web archive's HTML pages are documents, and other records are skipped and counted",
          "[pipeline][warc]") {
  TempDir dir;
  const std::string chunked_body =
      "<html><body><article><p>Northwind hired engineers.</p>"
      "</article></body></html>";
  char size[16];
  std::snprintf(size, sizeof(size), "%zx", chunked_body.size());
  const std::string warc =
      WarcRecord("warcinfo", "", "software: test") +
      WarcRecord("request", "https://example.com/a", "GET /a HTTP/1.1\r\n\r\n") +
      WarcRecord("response", "https://example.com/a", Page("Contoso acquired Fabrikam."), "d1") +
      WarcRecord("response", "https://example.com/moved",
                 "HTTP/1.1 302 Found\r\nLocation: /a\r\n\r\n") +
      WarcRecord("response", "https://example.com/r.pdf",
                 "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4") +
      WarcRecord("response", "https://example.com/a-again", Page("Contoso acquired Fabrikam."),
                 "d1") +
      WarcRecord(
          "response", "https://example.com/b",
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
              std::string(size) + "\r\n" + chunked_body + "\r\n0\r\n\r\n",
          "d2");
  // A last record cut in the middle.
  const std::string last = WarcRecord("response", "https://example.com/c", Page("Cut."), "d3",
                                      /*gzip=*/false);
  Write(dir, "crawl.warc.gz", warc);
  // Cut inside its block: the headers promise more than the file holds.
  Write(dir, "plain.warc", last + last.substr(0, last.size() - 20));
  std::vector<pipeline::InputDocument> docs;
  std::vector<std::string> problems;
  pipeline::ReadOptions options;
  options.quiet = true;
  options.report = [&](const InputError& e) { problems.emplace_back(e.what()); };
  uint64_t counted = 0;
  pipeline::ForEachDocument({dir / "crawl.warc.gz", dir / "plain.warc"}, options, &counted,
                            [&](pipeline::InputDocument d) { docs.push_back(std::move(d)); });
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].name == "https://example.com/a");
  CHECK(docs[0].text.find("Contoso acquired Fabrikam.") != std::string::npos);
  CHECK(docs[0].date == "2024-05-06");  // the page has none: the record's
  CHECK(docs[1].name == "https://example.com/b");
  CHECK(docs[1].text.find("Northwind hired engineers.") != std::string::npos);
  CHECK(docs[2].name == "https://example.com/c");
  REQUIRE(problems.size() == 1);
  INFO(problems[0]);
  CHECK(problems[0].find("plain.warc:2: record 2 runs past the end of the file") !=
        std::string::npos);
  CHECK(counted == 1);
  // Cut inside its headers.
  Write(dir, "headers.warc", last + last.substr(0, 40));
  problems.clear();
  docs.clear();
  pipeline::ForEachDocument({dir / "headers.warc"}, options, &counted,
                            [&](pipeline::InputDocument d) { docs.push_back(std::move(d)); });
  CHECK(docs.size() == 1);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("headers.warc:2: record 2 is cut short (headers)") != std::string::npos);
}

TEST_CASE("damaged gzip in a web archive keeps the records before it", "[pipeline][warc]") {
  TempDir dir;
  std::string first = WarcRecord("response", "https://example.com/a", Page("Contoso grew."), "d1");
  std::string second = WarcRecord("response", "https://example.com/b", Page("Litware shrank."));
  second[second.size() / 2] = static_cast<char>(second[second.size() / 2] ^ 0xff);
  Write(dir, "damaged.warc.gz", first + second);
  std::vector<std::string> names, problems;
  pipeline::ReadOptions options;
  options.quiet = true;
  options.report = [&](const InputError& e) { problems.emplace_back(e.what()); };
  uint64_t counted = 0;
  pipeline::ForEachDocument({dir / "damaged.warc.gz"}, options, &counted,
                            [&](pipeline::InputDocument d) { names.push_back(d.name); });
  CHECK(names == std::vector<std::string>{"https://example.com/a"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("damaged.warc.gz:2:") != std::string::npos);
}

TEST_CASE("a web archive's page in ISO-8859-1 is decoded by its HTTP header", "[pipeline][warc]") {
  TempDir dir;
  const std::string page =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n"
      "<html><body><article><p>Nestl\xE9 bought a stake in Soci\xE9t\xE9 G\xE9n\xE9rale.</p>"
      "</article></body></html>";
  Write(dir, "latin.warc.gz", WarcRecord("response", "https://example.com/n", page));
  pipeline::ReadOptions options;
  std::vector<std::string> problems;
  options.report = [&](const InputError& e) { problems.push_back(e.what()); };
  uint64_t counted = 0;
  std::vector<pipeline::InputDocument> docs;
  pipeline::ForEachDocument({dir / "latin.warc.gz"}, options, &counted,
                            [&](pipeline::InputDocument d) { docs.push_back(std::move(d)); });
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].text.find(
            "Nestl\xC3\xA9 bought a stake in Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale") !=
        std::string::npos);
  CHECK(problems.empty());  // declared: decoded without a word
  CHECK(counted == 0);
}
