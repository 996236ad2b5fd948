// The error hierarchy: every failure that ends a command derives from weft::Error.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace weft {

// Exit codes of the weft binary, one per error class, so scripts can tell them apart.
enum class ExitCode : int {
  kOk = 0,
  kUsage = 2,      // bad flags or arguments
  kInput = 3,      // some input could not be read or had bad records
  kQuery = 4,      // a query failed to parse or bind
  kStorage = 5,    // the store could not be opened, read or written
  kInternal = 70,  // a bug in weft
};

// Base of all errors weft reports to a user. what() is a complete, one-line message.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  virtual ExitCode Code() const { return ExitCode::kInternal; }
};

// A failure of the store: RocksDB errors are turned into this at storage/'s boundary.
class StorageError : public Error {
 public:
  explicit StorageError(const std::string& message) : Error(message) {}
  ExitCode Code() const override { return ExitCode::kStorage; }
};

// Output that could not be written whole (a full disk, a file-size limit, a closed pipe): the
// command fails with a storage error's exit code rather than report success over a cut file.
class OutputError : public Error {
 public:
  explicit OutputError(const std::string& message) : Error(message) {}
  ExitCode Code() const override { return ExitCode::kStorage; }
};

// Input that cannot be read: names the file and, where known, the line.
class InputError : public Error {
 public:
  InputError(const std::string& file, uint64_t line, const std::string& reason)
      : Error(line > 0 ? file + ":" + std::to_string(line) + ": " + reason : file + ": " + reason),
        file_(file),
        line_(line),
        reason_(reason) {}
  ExitCode Code() const override { return ExitCode::kInput; }
  const std::string& file() const { return file_; }
  uint64_t line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  uint64_t line_;
  std::string reason_;
};

// A query that does not parse: carries the position and a caret line under the bad token.
class ParseError : public Error {
 public:
  ParseError(const std::string& message, size_t line, size_t column)
      : Error(message), line_(line), column_(column) {}
  ExitCode Code() const override { return ExitCode::kQuery; }
  size_t line() const { return line_; }
  size_t column() const { return column_; }

 private:
  size_t line_;
  size_t column_;
};

// A query that parses but cannot be bound (wrong arity, variable misuse, bad regex, ...).
class BindError : public Error {
 public:
  explicit BindError(const std::string& message) : Error(message) {}
  ExitCode Code() const override { return ExitCode::kQuery; }
};

// Bad command-line usage detected after argument parsing.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message) {}
  ExitCode Code() const override { return ExitCode::kUsage; }
};

}  // namespace weft

// Programmer errors: a failed check aborts with the location; it is never a silent fallback.
#define WEFT_CHECK(cond)                                                   \
  do {                                                                     \
    if (!(cond)) ::weft::internal::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (0)

namespace weft::internal {
[[noreturn]] void CheckFailed(const char* cond, const char* file, int line);
}  // namespace weft::internal
