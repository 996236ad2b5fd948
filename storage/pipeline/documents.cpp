#include "storage/pipeline/documents.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "graph/base/error.h"
#include "graph/base/text.h"
#include "graph/extract/text_input.h"
#include "graph/reading/article.h"
#include "graph/reading/charset.h"
#include "graph/reading/feed.h"
#include "graph/reading/warc.h"
#include "graph/snapshot/suggest.h"
#include "storage/store.h"

namespace weft::pipeline {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxDocumentBytes = 64u << 20;

void Report(const ReadOptions& options, const InputError& problem) {
  if (options.report) {
    options.report(problem);
  } else {
    std::fprintf(stderr, "%s\n", problem.what());
  }
}

std::string ReadAll(std::istream& in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The document's text: its headline, a sentence of its own before the body, in the case the
// body writes its words and marked as the headline (`headline`: its bytes); a title of several
// lines or of invalid text goes before the body as it is, unmarked.
std::string Headed(std::string_view title, std::string* body, size_t* headline) {
  if (headline != nullptr) *headline = 0;
  const std::string_view t = TrimView(title);
  if (t.empty() || t.find('\n') != std::string_view::npos || FindInvalidUtf8(t) != std::nullopt) {
    return t.empty() ? std::move(*body) : std::string(t) + "\n\n" + *body;
  }
  std::string cased = extract::TrueCaseHeadline(t, *body);
  if (headline != nullptr) *headline = cased.size();
  return cased + "\n\n" + *body;
}

// Prepares raw bytes as text: rejects binary data, repairs invalid UTF-8 (reporting where),
// strips markup.
std::optional<std::string> ToText(const std::string& name, std::string bytes,
                                  extract::TextFormat format, const ReadOptions& options,
                                  uint64_t* problems, std::string* date = nullptr,
                                  std::string_view content_type = {}, size_t* headline = nullptr) {
  const bool quiet = options.quiet;
  if (extract::LooksBinary(bytes)) {
    Report(options, InputError(name, 0, "binary file skipped"));
    ++*problems;
    return std::nullopt;
  }
  std::optional<size_t> bad = FindInvalidUtf8(bytes);
  // A page in a single-byte encoding (declared, or undeclared and not UTF-8) is decoded, not
  // repaired: its accented letters and typographic quotes are text. A valid UTF-8 page is read
  // as it is, whatever it declares.
  if (bad && format == extract::TextFormat::kHtml) {
    reading::DecodedPage page = reading::DecodePage(bytes, content_type);
    if (page.read_as != "utf-8") {
      if (page.declared.empty() && !quiet) {
        Report(options,
               InputError(name, 0, "no encoding declared and not UTF-8: read as " + page.read_as));
      }
      bytes = std::move(page.text);
      bad = std::nullopt;
    } else if (page.repaired && !page.declared.empty() && page.declared != "utf-8" && !quiet) {
      Report(options,
             InputError(name, 0,
                        "encoding '" + page.declared + "' is not one weft decodes: read as UTF-8"));
    }
  }
  if (bad) {
    uint64_t line = 1 + static_cast<uint64_t>(std::count(
                            bytes.begin(), bytes.begin() + static_cast<long>(*bad), '\n'));
    if (!quiet) {
      Report(options, InputError(name, line, "invalid UTF-8 replaced with U+FFFD"));
    }
    ++*problems;
    bytes = SanitiseUtf8(bytes);
  }
  switch (format) {
    case extract::TextFormat::kHtml: {
      // The page's article: its headline first (a sentence of its own), then the body; the
      // page's publication date is the document's.
      reading::Article a = reading::ReadArticle(bytes);
      if (date != nullptr) *date = a.date;
      std::string body = a.Body();
      std::string text = Headed(a.title, &body, headline);
      return text;
    }
    case extract::TextFormat::kMarkdown:
      return extract::StripMarkdown(bytes);
    case extract::TextFormat::kPlain:
      break;
  }
  return bytes;
}

// A feed's items, each a document: named by its link (or guid, or id; else FILE#N), its title
// the first sentence, its content read as a page's article, its date the document's.
void ReadFeedItems(const std::string& file, const std::string& bytes, const ReadOptions& options,
                   uint64_t* problems, const std::function<void(InputDocument)>& fn) {
  reading::Feed feed;
  try {
    feed = reading::ReadFeed(bytes, file);
  } catch (const InputError& e) {
    Report(options, e);
    ++*problems;
    return;
  }
  size_t titles_only = 0;
  const uint64_t share = feed.items.empty() ? 0 : bytes.size() / feed.items.size();
  for (size_t i = 0; i < feed.items.size(); ++i) {
    const reading::FeedItem& item = feed.items[i];
    const std::string name = item.id.empty() ? file + "#" + std::to_string(i + 1) : item.id;
    std::string body;
    if (!item.html.empty()) {
      std::optional<std::string> read =
          ToText(name, item.html, extract::TextFormat::kHtml, options, problems);
      if (read) body = *read;
    }
    if (TrimView(body).empty()) ++titles_only;
    size_t headline = 0;
    std::string text = Headed(item.title, &body, &headline);
    if (TrimView(text).empty()) continue;
    fn({name, std::move(text), {}, item.date, share, headline});
  }
  if (titles_only > 0 && titles_only == feed.items.size()) {
    // weft reads what it is given and fetches nothing: the articles themselves are not here.
    Report(options, InputError(file, 0,
                               "the feed's " + std::to_string(titles_only) +
                                   " items carry no text of their own, only titles and links; "
                                   "weft does not fetch pages (save them and ingest those)"));
    ++*problems;
  }
}

// A web archive's pages, each a document named by its address and dated by the page (else by
// the record), read record by record: any file size in constant memory. Records that are not
// an HTML page answered 200, and a page met again, are skipped and counted.
void ReadWarc(const std::string& file, const ReadOptions& options, uint64_t* problems,
              const std::function<void(InputDocument)>& fn) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Report(options, InputError(file, 0, "cannot open"));
    ++*problems;
    return;
  }
  reading::WarcReader reader(in, file, kMaxDocumentBytes);
  std::set<std::string> seen;
  uint64_t pages = 0, other = 0, failed = 0, not_html = 0, repeated = 0, large = 0, counted = 0;
  reading::WarcRecord record;
  try {
    while (reader.Next(&record)) {
      if (record.type != "response" || record.target_uri.empty()) {
        ++other;
        continue;
      }
      if (record.too_large) {
        ++large;
        continue;
      }
      std::optional<reading::HttpResponse> http = reading::ParseHttpResponse(record.block);
      if (!http || http->status != 200) {
        ++failed;
        continue;
      }
      if (http->content_type.find("html") == std::string::npos) {
        ++not_html;
        continue;
      }
      const std::string& key =
          record.payload_digest.empty() ? record.target_uri : record.payload_digest;
      if (!seen.insert(key).second || !seen.insert("uri " + record.target_uri).second) {
        ++repeated;
        continue;
      }
      std::string date;
      // The file's bytes read since the last page: the progress line counts the file, not the
      // pages it holds decompressed.
      const uint64_t size = reader.bytes_read() - counted;
      counted = reader.bytes_read();
      size_t headline = 0;
      std::optional<std::string> text =
          ToText(record.target_uri, std::move(http->body), extract::TextFormat::kHtml, options,
                 problems, &date, http->content_type, &headline);
      if (!text) continue;
      ++pages;
      fn({record.target_uri,
          std::move(*text),
          {},
          date.empty() ? record.date : date,
          size,
          headline});
    }
  } catch (const InputError& e) {
    // What came before the damage is read; what follows it cannot be found reliably.
    Report(options, e);
    ++*problems;
  }
  if (!options.quiet) {
    std::fprintf(stderr,
                 "%s: %llu pages read; skipped %llu records that are not responses, %llu "
                 "failed or redirected, %llu not HTML, %llu repeated, %llu over 64 MiB\n",
                 file.c_str(), static_cast<unsigned long long>(pages),
                 static_cast<unsigned long long>(other), static_cast<unsigned long long>(failed),
                 static_cast<unsigned long long>(not_html),
                 static_cast<unsigned long long>(repeated), static_cast<unsigned long long>(large));
  }
}

}  // namespace

namespace {

// Files named by `paths`, directories expanded recursively in name order (hidden entries left
// out), "-" kept. A missing path is reported and counted in *problems, unless it is null.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths,
                                     const ReadOptions& options, uint64_t* problems) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (p == "-") {
      files.push_back(p);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string name = it->path().filename().string();
        if (name.starts_with(".")) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else if (problems != nullptr) {
      Report(options, InputError(p, 0, "no such file or directory"));
      ++*problems;
    }
  }
  return files;
}

}  // namespace

uint64_t TotalInputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& f : ExpandPaths(paths, ReadOptions(), nullptr)) {
    if (f == "-") return 0;
    std::error_code ec;
    uint64_t size = fs::file_size(f, ec);
    if (!ec) total += size;
  }
  return total;
}

void ForEachDocument(const std::vector<std::string>& paths, const ReadOptions& options,
                     uint64_t* problems, const std::function<void(InputDocument)>& fn) {
  std::vector<std::string> files = ExpandPaths(paths, options, problems);
  for (const std::string& f : files) {
    std::string bytes;
    std::string name = f == "-" ? "" : DocumentNameOf(f);
    std::string lower = AsciiLower(f);
    extract::TextFormat format = extract::TextFormatFromPath(f);
    if (f == "-") {
      bytes = ReadAll(std::cin);
      if (bytes.size() > kMaxDocumentBytes) {
        Report(options, InputError("stdin", 0, "larger than 64 MiB; skipped"));
        ++*problems;
        continue;
      }
      const std::string& stdin_format = options.stdin_format;
      if (stdin_format == "jsonl") {
        lower = ".jsonl";
        name = options.stdin_name.empty() ? "stdin" : options.stdin_name;
      } else {
        format = stdin_format == "md"     ? extract::TextFormat::kMarkdown
                 : stdin_format == "html" ? extract::TextFormat::kHtml
                                          : extract::TextFormat::kPlain;
        name = StdinDocumentName(options.stdin_name, storage::ContentHash(bytes));
      }
    } else if (lower.ends_with(".warc") || lower.ends_with(".warc.gz")) {
      ReadWarc(f, options, problems, fn);
      continue;
    } else {
      std::error_code ec;
      if (fs::file_size(f, ec) > kMaxDocumentBytes) {
        Report(options, InputError(f, 0, "larger than 64 MiB; skipped"));
        ++*problems;
        continue;
      }
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        Report(options, InputError(f, 0, "cannot open"));
        ++*problems;
        continue;
      }
      bytes = ReadAll(in);
    }
    if (reading::LooksLikeFeed(bytes)) {
      ReadFeedItems(f, bytes, options, problems, fn);
      continue;
    }
    if (lower.ends_with(".jsonl") || lower.ends_with(".ndjson")) {
      std::istringstream lines(bytes);
      LineReader reader(lines, kMaxLineBytes);
      std::string line;
      for (;;) {
        const LineReader::Result got = reader.Next(&line);
        if (got == LineReader::Result::kEnd) break;
        const uint64_t n = reader.line_number();
        if (got == LineReader::Result::kTooLong) {
          Report(options, InputError(f, n,
                                     "record longer than " + std::to_string(kMaxLineBytes >> 20) +
                                         " MiB; skipped"));
          ++*problems;
          continue;
        }
        if (TrimView(line).empty()) continue;
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string()) {
          Report(options, InputError(f, n, "expected {\"id\": ..., \"text\": \"...\"}"));
          ++*problems;
          continue;
        }
        std::string id = j.contains("id")
                             ? (j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump())
                             : std::to_string(n);
        auto text = ToText(f + ":" + std::to_string(n), j["text"].get<std::string>(),
                           extract::TextFormat::kPlain, options, problems);
        std::string date;
        if (j.contains("date") && j["date"].is_string()) date = j["date"].get<std::string>();
        // The headline, a sentence of its own before the body (as a page's is), in the case
        // the body writes its words.
        size_t headline = 0;
        if (text && j.contains("title") && j["title"].is_string()) {
          *text = Headed(j["title"].get<std::string>(), &*text, &headline);
        }
        if (text) {
          fn({name + "#" + id, std::move(*text), {}, std::move(date), line.size() + 1, headline});
        }
      }
      continue;
    }
    const uint64_t size = bytes.size();
    std::string date;
    size_t headline = 0;
    auto text = ToText(f, std::move(bytes), format, options, problems, &date, {}, &headline);
    if (text) fn({name, std::move(*text), {}, std::move(date), size, headline});
  }
}

std::unique_ptr<SpooledInput> SpooledInput::FromStdin() {
  std::unique_ptr<SpooledInput> s(new SpooledInput());
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string pattern = (dir / "weft-stdin-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    throw InputError("stdin", 0, "cannot spool to " + pattern + ": " + std::strerror(errno));
  s->path_ = pattern;
  storage::ContentHasher hasher;
  std::vector<char> buf(1 << 20);
  while (std::cin) {
    std::cin.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    size_t n = static_cast<size_t>(std::cin.gcount());
    if (n == 0) break;
    hasher.Update(std::string_view(buf.data(), n));
    size_t done = 0;
    while (done < n) {
      ssize_t w = ::write(fd, buf.data() + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        int err = errno;
        ::close(fd);
        throw InputError("stdin", 0, "cannot spool to " + s->path_ + ": " + std::strerror(err));
      }
      done += static_cast<size_t>(w);
    }
    s->size_ += n;
  }
  if (std::cin.bad()) {
    ::close(fd);
    throw InputError("stdin", 0, "read error");
  }
  if (::close(fd) != 0) {
    throw InputError("stdin", 0, "cannot spool to " + s->path_ + ": " + std::strerror(errno));
  }
  s->hash_ = hasher.Finish();
  return s;
}

SpooledInput::~SpooledInput() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

std::string StdinDocumentName(const std::string& name, const std::string& hash) {
  if (!name.empty()) return name;
  return "stdin:" + hash.substr(0, 16);
}

std::string DocumentNameOf(const std::string& path) {
  std::string name = fs::path(path).lexically_normal().generic_string();
  return name.empty() ? path : name;
}

std::string StoredDocumentName(const storage::Store& store, const std::string& name) {
  if (name.empty() || fs::path(name).is_absolute() || store.FindDocument(name)) return name;
  std::error_code ec;
  std::string legacy = fs::weakly_canonical(fs::absolute(name, ec), ec).string();
  if (ec || legacy.empty()) return name;
  return store.FindDocument(legacy) ? legacy : name;
}

std::vector<storage::DocumentInfo> StoredDocuments(const storage::Store& store) {
  std::vector<storage::DocumentInfo> docs;
  store.ForEachDocument([&](const storage::DocumentInfo& d) {
    if (d.state == storage::DocumentState::kComplete) docs.push_back(d);
    return true;
  });
  std::sort(docs.begin(), docs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return docs;
}

std::vector<storage::DocumentInfo> RemoveDocuments(storage::Store& store,
                                                   const std::vector<std::string>& names) {
  std::vector<storage::DocumentInfo> found;
  std::vector<storage::DocumentInfo> docs;  // read once, for suggestions
  for (const std::string& given : names) {
    std::optional<storage::DocumentInfo> doc;
    for (const std::string& name : {given, StoredDocumentName(store, DocumentNameOf(given))}) {
      doc = store.FindDocument(name);
      if (doc && doc->state == storage::DocumentState::kComplete) break;
      doc.reset();
    }
    if (!doc) {
      if (docs.empty()) docs = StoredDocuments(store);
      std::vector<std::pair<size_t, std::string>> near;
      for (const auto& d : docs) {
        const size_t distance = graph::EditDistance(given, d.name, 3);
        if (distance <= 3) near.emplace_back(distance, d.name);
      }
      std::sort(near.begin(), near.end());
      std::vector<std::string> nearest;
      for (size_t i = 0; i < near.size() && i < 3; ++i) nearest.push_back(near[i].second);
      throw InputError(given, 0,
                       "no document of that name in the store ('weft documents' lists them)" +
                           graph::DidYouMean(nearest));
    }
    if (std::none_of(found.begin(), found.end(), [&](const auto& f) { return f.id == doc->id; })) {
      found.push_back(std::move(*doc));
    }
  }
  for (const storage::DocumentInfo& d : found) store.RemoveDocument(d.name);
  return found;
}

void CheckStdinName(const std::string& name) {
  std::error_code ec;
  if (name.empty() || !fs::is_regular_file(name, ec)) return;
  throw InputError("stdin", 0,
                   "--name " + name + " is the name of the imported file " + name +
                       "; standard input would replace its statements (choose another name)");
}

}  // namespace weft::pipeline
