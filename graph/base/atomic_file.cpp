#include "graph/base/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <streambuf>

namespace weft {

namespace {

constexpr size_t kBufferBytes = 1 << 20;

std::string Reason(int err) { return std::strerror(err); }

}  // namespace

// Hands what the stream writes to the file's own buffer.
class AtomicFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(AtomicFile* file) : file_(file) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    char ch = traits_type::to_char_type(c);
    file_->Write(&ch, 1);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    file_->Write(s, static_cast<size_t>(n));
    return n;
  }

 private:
  AtomicFile* file_;
};

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), target_(path_) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_symlink(path_, ec)) {
    // Replacing the link would cut it; the file it names is replaced instead.
    const fs::path resolved = fs::weakly_canonical(path_, ec);
    if (!ec) target_ = resolved.string();
  }
  const fs::file_status status = fs::status(target_, ec);
  if (!ec && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status)) {
    // A device or a pipe: nothing to replace, the bytes go straight to it.
    fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw FileError(path_, "cannot write: " + Reason(errno));
    return;
  }
  static std::atomic<uint64_t> counter{0};
  tmp_ = target_ + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw FileError(path_, "cannot write: " + Reason(errno));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

void AtomicFile::Write(const void* data, size_t size) {
  const auto* p = static_cast<const char*>(data);
  if (pending_.size() + size > kBufferBytes) Flush();
  if (size >= kBufferBytes) {
    Raw(p, size);
  } else {
    pending_.append(p, size);
  }
}

std::ostream& AtomicFile::stream() {
  if (!stream_) {
    buffer_ = std::make_unique<Buffer>(this);
    stream_ = std::make_unique<std::ostream>(buffer_.get());
    stream_->exceptions(std::ios::badbit);
  }
  return *stream_;
}

void AtomicFile::Flush() {
  Raw(pending_.data(), pending_.size());
  pending_.clear();
}

void AtomicFile::Raw(const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw FileError(path_, "cannot write: " + Reason(n < 0 ? errno : ENOSPC));
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void AtomicFile::Commit() {
  if (stream_) stream_->flush();
  Flush();
  if (tmp_.empty()) {
    // Written in place: a device or pipe has nothing to flush to disk or rename.
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) throw FileError(path_, "cannot write: " + Reason(errno));
    committed_ = true;
    return;
  }
  if (::fsync(fd_) != 0) throw FileError(path_, "cannot write: " + Reason(errno));
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) throw FileError(path_, "cannot write: " + Reason(errno));
  if (::rename(tmp_.c_str(), target_.c_str()) != 0) {
    throw FileError(path_, "cannot rename into place: " + Reason(errno));
  }
  committed_ = true;
  // The rename is durable once the directory is.
  std::string dir = std::filesystem::path(target_).parent_path().string();
  if (dir.empty()) dir = ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace weft
