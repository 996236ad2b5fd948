#include "graph/base/data_files.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace weft {

std::vector<std::string> DataFileCandidates(std::string_view name) {
  std::vector<std::filesystem::path> dirs;
  // The object holding this function: the binary, or a shared module that linked weft in.
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&DataFileCandidates), &info) != 0 &&
      info.dli_fname != nullptr && info.dli_fname[0] == '/') {
    dirs.push_back(std::filesystem::path(info.dli_fname).parent_path());
  }
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(exe.parent_path());
  std::vector<std::string> out;
  auto add = [&](const std::filesystem::path& p) {
    std::string s = p.lexically_normal().string();
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  for (const std::filesystem::path& d : dirs) {
    add(d / name);
    add(d.parent_path() / "share" / "weft" / name);
  }
  return out;
}

std::vector<std::string> ModelSearchPath(const char* env, std::string_view name,
                                         const char* source_path) {
  if (const char* set = std::getenv(env); set != nullptr && set[0] != '\0') return {set};
  std::vector<std::string> paths = DataFileCandidates(name);
  if (source_path != nullptr) paths.emplace_back(source_path);
  return paths;
}

}  // namespace weft
