// Web archives: WARC 1.0 and 1.1 files, plain or as gzip members one after another (one a
// record, as Common Crawl writes them), read record by record in constant memory; and the HTTP
// responses their `response` records hold.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace weft::reading {

struct WarcRecord {
  uint64_t number = 0;  // 1-based, in the file
  std::string type;     // WARC-Type: response, request, metadata, warcinfo, ...
  std::string target_uri;
  std::string date;  // WARC-Date as YYYY-MM-DD
  std::string payload_digest;
  std::string content_type;  // the block's
  std::string block;         // the record's content; empty when it was too large to keep
  bool too_large = false;    // the block passed the bound and was skipped unread
};

class WarcReader {
 public:
  // Blocks larger than `max_block_bytes` are skipped (too_large), so memory stays bounded.
  WarcReader(std::istream& in, std::string file, size_t max_block_bytes = 64u << 20);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record; false at the end of the file. Throws InputError naming the file and the
  // record for a record that is not WARC, runs past the end of the file (truncated), or damaged
  // gzip data; the records before it were returned whole.
  bool Next(WarcRecord* record);
  // Bytes of the file consumed so far (compressed, for a .warc.gz), for a progress line.
  uint64_t bytes_read() const { return file_bytes_; }

 private:
  // Makes at least `n` bytes available from pos_; false when the input ends first.
  bool Ensure(size_t n);
  bool ReadLine(std::string* line);
  // Decompresses (or copies) more input into buf_; false at the end of the input.
  bool Fill();

  std::istream& in_;
  std::string file_;
  size_t max_block_;
  uint64_t number_ = 0;
  uint64_t file_bytes_ = 0;
  std::string buf_;  // decoded bytes; those before pos_ are consumed
  size_t pos_ = 0;
  bool gzip_ = false;
  bool sniffed_ = false;
  bool input_done_ = false;
  std::string raw_;  // read from the file, not yet decompressed
  std::string out_;  // inflate's output window
  size_t raw_pos_ = 0;
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
};

struct HttpResponse {
  int status = 0;
  std::string content_type;  // lower case, parameters kept ("text/html; charset=utf-8")
  std::string body;          // de-chunked
};

// The HTTP response in a `response` record's block; nullopt when it is not one.
std::optional<HttpResponse> ParseHttpResponse(std::string_view block);

}  // namespace weft::reading
