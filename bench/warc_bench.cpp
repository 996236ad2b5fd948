// Reading a web archive: how fast weft's WARC reader gets records out of a .warc.gz (gzip member
// per record, as Common Crawl writes them), and how fast pages become article text after it,
// beside zlib's own inflate over the same file (the floor any reader of the file stands on), and
// how fast pages already in memory become article text (decoding and reading, no archive).
//
// Usage: weft_bench_warc [PAGES_DIR] [COPIES]
//   PAGES_DIR: .html or .html.gz pages (default ../shared/data/article-extraction/html), each
//   written COPIES times (default 20) as a response record into a temporary .warc.gz.
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "graph/reading/article.h"
#include "graph/reading/charset.h"
#include "graph/reading/warc.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::string Gunzip(const std::string& in) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return {};
  std::string out;
  char buf[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
  }
  inflateEnd(&z);
  return out;
}

std::string Gzip(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, in.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

std::string Record(const std::string& uri, const std::string& html) {
  std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-05-06T07:08:09Z\r\nContent-Type: application/http; "
         "msgtype=response\r\nContent-Length: " +
         std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "../shared/data/article-extraction/html";
  const int copies = argc > 2 ? std::atoi(argv[2]) : 20;
  std::vector<std::string> pages;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    if (e.path().extension() == ".gz") bytes = Gunzip(bytes);
    if (!bytes.empty()) pages.push_back(std::move(bytes));
  }
  if (pages.empty()) {
    std::cerr << "weft_bench_warc: no pages in " << dir << '\n';
    return 2;
  }
  const std::string path = (std::filesystem::temp_directory_path() / "weft-bench.warc.gz").string();
  uint64_t raw_bytes = 0;
  {
    std::ofstream out(path, std::ios::binary);
    for (int c = 0; c < copies; ++c) {
      for (size_t i = 0; i < pages.size(); ++i) {
        std::string r =
            Record("https://example.com/" + std::to_string(c) + "/" + std::to_string(i), pages[i]);
        raw_bytes += r.size();
        out << Gzip(r);
      }
    }
  }
  const uint64_t file_bytes = std::filesystem::file_size(path);
  const double mb = static_cast<double>(raw_bytes) / 1e6;

  // zlib alone: inflate every member of the file, nothing else.
  auto t = Clock::now();
  {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string all = ss.str();
    z_stream z{};
    inflateInit2(&z, 15 + 16);
    std::vector<char> buf(1 << 16);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(all.data()));
    z.avail_in = static_cast<uInt>(all.size());
    while (z.avail_in > 0) {
      z.next_out = reinterpret_cast<Bytef*>(buf.data());
      z.avail_out = static_cast<uInt>(buf.size());
      int rc = inflate(&z, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        inflateReset(&z);
      } else if (rc != Z_OK) {
        break;
      }
    }
    inflateEnd(&z);
  }
  const double zlib_s = Seconds(t);

  // weft's reader: records out, whole.
  t = Clock::now();
  size_t records = 0;
  {
    std::ifstream in(path, std::ios::binary);
    weft::reading::WarcReader reader(in, path);
    weft::reading::WarcRecord r;
    while (reader.Next(&r)) ++records;
  }
  const double warc_s = Seconds(t);

  // And each page's article, as ingest reads it before extraction.
  t = Clock::now();
  size_t chars = 0;
  {
    std::ifstream in(path, std::ios::binary);
    weft::reading::WarcReader reader(in, path);
    weft::reading::WarcRecord r;
    while (reader.Next(&r)) {
      auto http = weft::reading::ParseHttpResponse(r.block);
      if (!http) continue;
      weft::reading::DecodedPage page = weft::reading::DecodePage(http->body, http->content_type);
      chars += weft::reading::ReadArticle(page.text).Body().size();
    }
  }
  const double article_s = Seconds(t);
  std::filesystem::remove(path);

  // Pages in memory: their encoding and article only, as `weft read` does for each file.
  t = Clock::now();
  size_t page_chars = 0;
  uint64_t page_bytes = 0;
  for (int c = 0; c < copies; ++c) {
    for (const std::string& html : pages) {
      weft::reading::DecodedPage page = weft::reading::DecodePage(html);
      page_chars += weft::reading::ReadArticle(page.text).Body().size();
      page_bytes += html.size();
    }
  }
  const double pages_s = Seconds(t);

  std::printf("web archive: %zu records, %.1f MB of records in a %.1f MB .warc.gz\n", records, mb,
              static_cast<double>(file_bytes) / 1e6);
  std::printf("zlib inflate alone        %7.3f s  %7.1f MB/s\n", zlib_s, mb / zlib_s);
  std::printf("weft WARC reader          %7.3f s  %7.1f MB/s  (%.2f x zlib's time)\n", warc_s,
              mb / warc_s, warc_s / zlib_s);
  std::printf("reader + page articles    %7.3f s  %7.1f MB/s  %7.0f pages/s  (%zu chars of text)\n",
              article_s, mb / article_s, static_cast<double>(records) / article_s, chars);
  std::printf("pages in memory, articles %7.3f s  %7.1f MB/s  %7.0f pages/s  (%zu chars of text)\n",
              pages_s, static_cast<double>(page_bytes) / 1e6 / pages_s,
              static_cast<double>(pages.size() * static_cast<size_t>(copies)) / pages_s,
              page_chars);
  return 0;
}
