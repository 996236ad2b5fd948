// libFuzzer target: the readers of the files weft writes and reads back — the snapshot file,
// the entity model, the pronoun model, the syntax model — and the CoNLL-U reader. The first
// byte picks the reader; the rest is the file. Each must refuse what it cannot read with an
// error, never crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>

#include "graph/entities/model.h"
#include "graph/extract/coreference.h"
#include "graph/syntax/conllu.h"
#include "graph/syntax/model.h"
#include "storage/snapshot_file.h"

namespace {

// A file of the given bytes, removed when done.
class TempFile {
 public:
  explicit TempFile(std::string_view bytes) {
    char name[] = "/tmp/weft-fuzz-XXXXXX";
    int fd = ::mkstemp(name);
    if (fd < 0) return;
    path_ = name;
    size_t at = 0;
    while (at < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + at, bytes.size() - at);
      if (n <= 0) break;
      at += static_cast<size_t>(n);
    }
    ::close(fd);
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 5) {
      case 0: {
        TempFile f(bytes);
        if (!f.path().empty()) weft::storage::OpenSnapshotFile(f.path(), "fuzz");
        break;
      }
      case 1:
        weft::entities::Model::FromBytes(bytes, "fuzz.model");
        break;
      case 2: {
        TempFile f(bytes);
        if (!f.path().empty()) weft::extract::CorefModel::Load(f.path());
        break;
      }
      case 3:
        weft::syntax::SyntaxModel::FromBytes(bytes, "fuzz.model");
        break;
      default: {
        std::istringstream in{std::string(bytes)};
        weft::syntax::ReadConllu(in, "fuzz.conllu");
        break;
      }
    }
  } catch (const std::exception&) {
  }
  return 0;
}
