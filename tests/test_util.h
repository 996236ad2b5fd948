// Helpers shared by weft's tests: temporary directories and running the weft binary.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace weft::testing {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "weft-test-XXXXXX").string();
    char* made = mkdtemp(templ.data());
    if (made == nullptr) std::abort();
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command line in `dir`, capturing stdout and stderr.
inline RunResult RunShell(const std::string& command, const TempDir& dir) {
  std::string out_file = dir / ".stdout";
  std::string err_file = dir / ".stderr";
  std::string line = "cd '" + dir.path().string() + "' && (" + command + ") >'" + out_file +
                     "' 2>'" + err_file + "' </dev/null";
  int status = std::system(line.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out_file);
  r.err = ReadFile(err_file);
  return r;
}

#ifdef WEFT_BINARY
// The binary under test, quoted for a shell.
inline const std::string kWeft = WEFT_BINARY;
// "weft --db db ARGS", for RunShell in a test's directory.
inline std::string Weft(const std::string& args) { return "'" + kWeft + "' --db db " + args; }
#endif

// Writes `text` to the file `name` in `dir`.
inline void Write(const TempDir& dir, const std::string& name, const std::string& text) {
  WriteFile(dir / name, text);
}

}  // namespace weft::testing
