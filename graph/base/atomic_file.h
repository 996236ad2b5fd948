// A file written whole or not at all.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "graph/base/error.h"

namespace weft {

// Why a file could not be written: the file and the system's reason. Callers that report to a
// user rethrow it as their own kind of error (a snapshot's is a storage error, an export's bad
// input); its own exit code is an input error's.
class FileError : public Error {
 public:
  FileError(std::string path, std::string reason)
      : Error(path + ": " + reason), path_(std::move(path)), reason_(std::move(reason)) {}
  ExitCode Code() const override { return ExitCode::kInput; }
  const std::string& path() const { return path_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string path_, reason_;
};

// Bytes go to a temporary file beside `path` ("PATH.tmp.PID.N"); Commit() flushes it to disk,
// renames it over `path` and flushes the directory, so that a crash at any moment leaves the old
// file or the new one, never a part. Destroyed without Commit, the temporary file is removed.
// A symbolic link is followed: the file it names is the one replaced. A path that names no
// regular file to replace (a device such as /dev/null or /dev/stdout, a named pipe) is written
// in place, as a stream, and never replaced. Throws FileError.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void Write(const void* data, size_t size);
  // The same file as a stream (buffered; written by Commit at the latest).
  std::ostream& stream();
  void Commit();

  const std::string& path() const { return path_; }
  // Empty when the path is written in place.
  const std::string& temporary_path() const { return tmp_; }

 private:
  class Buffer;
  void Raw(const char* data, size_t size);
  void Flush();

  std::string path_, tmp_;
  std::string target_;  // the file replaced: path_, or the file a link at path_ names
  int fd_ = -1;
  std::string pending_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  bool committed_ = false;
};

}  // namespace weft
