#include "graph/reading/warc.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "graph/base/error.h"
#include "graph/base/text.h"

namespace weft::reading {

namespace {

constexpr size_t kChunk = 256u << 10;
constexpr size_t kMaxHeaderLine = 64u << 10;

std::string Lower(std::string_view s) { return AsciiLower(s); }

}  // namespace

struct WarcReader::Inflater {
  z_stream z{};
  bool live = false;
  Inflater() {
    // 15 + 32: a gzip or zlib header, detected.
    if (inflateInit2(&z, 15 + 32) != Z_OK) throw std::bad_alloc();
    live = true;
  }
  ~Inflater() {
    if (live) inflateEnd(&z);
  }
};

WarcReader::WarcReader(std::istream& in, std::string file, size_t max_block_bytes)
    : in_(in), file_(std::move(file)), max_block_(max_block_bytes) {}

WarcReader::~WarcReader() = default;

bool WarcReader::Fill() {
  if (raw_pos_ >= raw_.size()) {
    if (input_done_) return false;
    raw_.resize(kChunk);
    in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
    raw_.resize(static_cast<size_t>(in_.gcount()));
    raw_pos_ = 0;
    file_bytes_ += raw_.size();
    if (raw_.empty()) {
      input_done_ = true;
      return false;
    }
  }
  if (!sniffed_) {
    sniffed_ = true;
    gzip_ = raw_.size() >= 2 && static_cast<unsigned char>(raw_[0]) == 0x1f &&
            static_cast<unsigned char>(raw_[1]) == 0x8b;
    if (gzip_) inflater_ = std::make_unique<Inflater>();
  }
  if (!gzip_) {
    buf_.append(raw_, raw_pos_, std::string::npos);
    raw_pos_ = raw_.size();
    return true;
  }
  z_stream& z = inflater_->z;
  const size_t before = buf_.size();
  out_.resize(kChunk);
  char* out = out_.data();
  while (raw_pos_ < raw_.size() && buf_.size() == before) {
    z.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
    z.avail_in = static_cast<uInt>(raw_.size() - raw_pos_);
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = static_cast<uInt>(out_.size());
    const int rc = inflate(&z, Z_NO_FLUSH);
    raw_pos_ = raw_.size() - z.avail_in;
    buf_.append(out, out_.size() - z.avail_out);
    if (rc == Z_STREAM_END) {
      // One member ends; the next (a record of its own) starts a fresh stream.
      inflateReset(&z);
    } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR) {
      throw InputError(file_, number_ + 1,
                       "damaged gzip data in record " + std::to_string(number_ + 1) + ": " +
                           (z.msg ? z.msg : "inflate failed"));
    } else if (rc == Z_BUF_ERROR && z.avail_in > 0) {
      throw InputError(file_, number_ + 1, "damaged gzip data");
    }
  }
  return true;
}

bool WarcReader::Ensure(size_t n) {
  if (pos_ > kChunk && pos_ * 2 > buf_.size()) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  while (buf_.size() - pos_ < n) {
    if (!Fill()) return buf_.size() - pos_ >= n;
  }
  return true;
}

bool WarcReader::ReadLine(std::string* line) {
  size_t scanned = 0;
  for (;;) {
    const size_t nl = buf_.find('\n', pos_ + scanned);
    if (nl != std::string::npos) {
      line->assign(buf_, pos_, nl - pos_);
      if (!line->empty() && line->back() == '\r') line->pop_back();
      pos_ = nl + 1;
      return true;
    }
    scanned = buf_.size() - pos_;
    if (scanned > kMaxHeaderLine) {
      throw InputError(file_, number_,
                       "record " + std::to_string(number_) + ": a header line longer than 64 KiB");
    }
    if (!Ensure(scanned + 1)) return false;
  }
}

bool WarcReader::Next(WarcRecord* record) {
  std::string line;
  // Records are apart by blank lines; the end of the file may come among them.
  do {
    if (!ReadLine(&line)) {
      if (buf_.size() > pos_ && !TrimView(std::string_view(buf_).substr(pos_)).empty()) {
        throw InputError(file_, number_ + 1,
                         "record " + std::to_string(number_ + 1) + " is cut short");
      }
      return false;
    }
  } while (TrimView(line).empty());
  ++number_;
  *record = WarcRecord();
  record->number = number_;
  const std::string where = "record " + std::to_string(number_);
  if (!line.starts_with("WARC/1.")) {
    throw InputError(file_, number_, where + " does not start with a WARC version line");
  }
  std::optional<uint64_t> length;
  for (;;) {
    if (!ReadLine(&line)) throw InputError(file_, number_, where + " is cut short (headers)");
    if (line.empty()) break;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string name = Lower(TrimView(std::string_view(line).substr(0, colon)));
    const std::string value(TrimView(std::string_view(line).substr(colon + 1)));
    if (name == "warc-type") record->type = value;
    if (name == "warc-target-uri") record->target_uri = value;
    if (name == "warc-date" && value.size() >= 10) record->date = value.substr(0, 10);
    if (name == "warc-payload-digest") record->payload_digest = value;
    if (name == "content-type") record->content_type = Lower(value);
    if (name == "content-length") {
      uint64_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size()) {
        throw InputError(file_, number_, where + ": Content-Length '" + value + "' is no number");
      }
      length = n;
    }
  }
  if (!length) throw InputError(file_, number_, where + " has no Content-Length");
  if (*length > max_block_) {
    record->too_large = true;
    uint64_t left = *length;
    while (left > 0) {
      if (buf_.size() == pos_ && !Fill()) {
        throw InputError(file_, number_, where + " runs past the end of the file");
      }
      const size_t take = static_cast<size_t>(std::min<uint64_t>(left, buf_.size() - pos_));
      pos_ += take;
      left -= take;
      if (pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
      }
    }
    return true;
  }
  const size_t n = static_cast<size_t>(*length);
  if (!Ensure(n)) throw InputError(file_, number_, where + " runs past the end of the file");
  record->block.assign(buf_, pos_, n);
  pos_ += n;
  return true;
}

std::optional<HttpResponse> ParseHttpResponse(std::string_view block) {
  const size_t head_end = block.find("\r\n\r\n");
  const size_t lf_end = block.find("\n\n");
  size_t end = head_end, sep = 4;
  if (end == std::string_view::npos || (lf_end != std::string_view::npos && lf_end < end)) {
    end = lf_end;
    sep = 2;
  }
  if (end == std::string_view::npos || !block.starts_with("HTTP/")) return std::nullopt;
  std::string_view head = block.substr(0, end);
  HttpResponse r;
  const size_t sp = head.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  std::from_chars(head.data() + sp + 1, head.data() + std::min(head.size(), sp + 4), r.status);
  bool chunked = false;
  size_t at = head.find('\n');
  while (at != std::string_view::npos && at < head.size()) {
    const size_t next = head.find('\n', at + 1);
    std::string_view h =
        head.substr(at + 1, (next == std::string_view::npos ? head.size() : next) - at - 1);
    if (!h.empty() && h.back() == '\r') h.remove_suffix(1);
    const size_t colon = h.find(':');
    if (colon != std::string_view::npos) {
      const std::string name = Lower(TrimView(h.substr(0, colon)));
      const std::string value = Lower(TrimView(h.substr(colon + 1)));
      if (name == "content-type") r.content_type = value;
      if (name == "transfer-encoding" && value.find("chunked") != std::string::npos) {
        chunked = true;
      }
    }
    at = next;
  }
  std::string_view body = block.substr(end + sep);
  if (!chunked) {
    r.body.assign(body);
    return r;
  }
  // Chunked: hex size, CRLF, data, CRLF, until a zero size; a cut-off body keeps what it has.
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    if (nl == std::string_view::npos) break;
    size_t size = 0;
    std::from_chars(body.data(), body.data() + nl, size, 16);
    body.remove_prefix(nl + 1);
    if (size == 0) break;
    size = std::min(size, body.size());
    r.body.append(body.substr(0, size));
    body.remove_prefix(size);
    if (body.starts_with("\r\n")) body.remove_prefix(2);
  }
  return r;
}

}  // namespace weft::reading
