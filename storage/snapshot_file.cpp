// The snapshot file: every array of a Graph, back to back, so that opening a store whose
// contents have not changed costs a sequential read instead of a rebuild from RocksDB.
//
// Layout (little-endian, as the machine that wrote it; the header records the byte order):
//   header   magic "WEFTSNAP", u32 format, u32 byte-order mark, u64 sequence,
//            u32 tag length, tag bytes, u64 change number
//   arrays   per array: u64 element count, u32 element size, the elements: the graph's, then
//            the term map's (term_vertex, resolved)
//   trailer  u64 checksum (XXH3-64) of everything before it, magic "SNAPDONE"
// The name hash maps are not stored: they are rebuilt from the folded names on open.
#include "storage/snapshot_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "graph/base/atomic_file.h"
#include "graph/base/error.h"
#include "graph/base/hash.h"
#include "graph/snapshot/graph.h"

namespace weft::storage {

namespace {

constexpr char kMagic[8] = {'W', 'E', 'F', 'T', 'S', 'N', 'A', 'P'};
constexpr char kDone[8] = {'S', 'N', 'A', 'P', 'D', 'O', 'N', 'E'};
constexpr uint32_t kFormat = 6;  // 5: the change number and the term map; 6: XXH3-64
constexpr uint32_t kByteOrder = 0x01020304;

// Writes the snapshot's bytes through an AtomicFile, checksumming them on the way.
class Writer {
 public:
  explicit Writer(AtomicFile& file) : file_(file) {}

  void Bytes(const void* data, size_t n) {
    sum_.Update(data, n);
    file_.Write(data, n);
  }
  template <typename T>
  void Value(const T& v) {
    Bytes(&v, sizeof v);
  }
  template <typename T>
  void Array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Value<uint64_t>(v.size());
    Value<uint32_t>(sizeof(T));
    Bytes(v.data(), v.size() * sizeof(T));
  }
  void Array(const std::string& s) {
    Value<uint64_t>(s.size());
    Value<uint32_t>(1);
    Bytes(s.data(), s.size());
  }
  void Finish() {
    uint64_t sum = sum_.Digest();
    file_.Write(&sum, sizeof sum);
    file_.Write(kDone, sizeof kDone);
  }

 private:
  AtomicFile& file_;
  StreamHash64 sum_;
};

// Reads straight into the destination arrays; any short read or inconsistency makes the file
// unusable (Ok() false) rather than an error: the caller rebuilds instead.
class Reader {
 public:
  Reader(int fd, uint64_t size) : fd_(fd), left_(size) {}

  bool Bytes(void* data, size_t n) {
    if (!ok_ || n > left_) return ok_ = false;
    auto* p = static_cast<char*>(data);
    size_t want = n;
    while (want > 0) {
      ssize_t r = ::read(fd_, p, want);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return ok_ = false;
      p += r;
      want -= static_cast<size_t>(r);
    }
    left_ -= n;
    sum_.Update(data, n);
    return true;
  }
  template <typename T>
  bool Value(T* v) {
    return Bytes(v, sizeof *v);
  }
  template <typename T>
  bool Array(std::vector<T>* v) {
    uint64_t count = 0;
    uint32_t size = 0;
    if (!Value(&count) || !Value(&size) || size != sizeof(T) || count > left_ / sizeof(T)) {
      return ok_ = false;
    }
    // Room to grow by about 1.5% without moving: an update edits the arrays in place, and
    // memory reserved but never written costs nothing.
    v->reserve(count + count / 64 + 16);
    v->resize(count);
    return Bytes(v->data(), count * sizeof(T));
  }
  bool Array(std::string* s) {
    uint64_t count = 0;
    uint32_t size = 0;
    if (!Value(&count) || !Value(&size) || size != 1 || count > left_) return ok_ = false;
    s->resize(count);
    return Bytes(s->data(), count);
  }
  bool Finish() {
    if (!ok_) return false;
    uint64_t expected = sum_.Digest();
    uint64_t stored = 0;
    char done[sizeof kDone];
    if (!Bytes(&stored, sizeof stored) || !Bytes(done, sizeof done)) return false;
    return stored == expected && std::memcmp(done, kDone, sizeof kDone) == 0 && left_ == 0;
  }
  uint64_t left() const { return left_; }

 private:
  int fd_;
  uint64_t left_;
  bool ok_ = true;
  StreamHash64 sum_;
};

}  // namespace

void SaveSnapshotFile(const Snapshot& snapshot, const std::string& path, std::string_view tag) {
  const graph::Graph& g = *snapshot.graph;
  const SnapshotTerms& terms = snapshot.terms;
  try {
    AtomicFile file(path);  // "PATH.tmp.PID.N" until committed
    Writer w(file);
    w.Bytes(kMagic, sizeof kMagic);
    w.Value(kFormat);
    w.Value(kByteOrder);
    w.Value(g.sequence());
    w.Value(static_cast<uint32_t>(tag.size()));
    w.Bytes(tag.data(), tag.size());
    w.Value(terms.change);
    g.VisitArrays([&](const auto& array) {
      w.Array(array);
      return true;
    });
    w.Array(terms.term_vertex);
    w.Array(terms.resolved);
    w.Finish();
    file.Commit();
  } catch (const FileError& e) {
    throw StorageError(path + ": cannot write snapshot: " + e.reason());
  }
}

namespace {

// Reads the header: true when it is this format's and names `tag`.
bool ReadHeader(Reader& r, std::string_view tag, uint64_t* sequence, uint64_t* change) {
  char magic[sizeof kMagic];
  uint32_t format = 0, order = 0, tag_size = 0;
  if (!(r.Bytes(magic, sizeof magic) && std::memcmp(magic, kMagic, sizeof kMagic) == 0 &&
        r.Value(&format) && format == kFormat && r.Value(&order) && order == kByteOrder &&
        r.Value(sequence) && r.Value(&tag_size) && tag_size == tag.size())) {
    return false;
  }
  std::string stored_tag(tag_size, '\0');
  return r.Bytes(stored_tag.data(), tag_size) && stored_tag == tag && r.Value(change);
}

}  // namespace

Snapshot OpenSnapshotFile(const std::string& path, std::string_view tag) {
  Snapshot out;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return out;
    throw StorageError(path + ": cannot read snapshot: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    throw StorageError(path + ": cannot read snapshot: " + std::strerror(err));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  Reader r(fd, static_cast<uint64_t>(st.st_size));
  uint64_t sequence = 0;
  bool ok = ReadHeader(r, tag, &sequence, &out.terms.change);
  if (ok) {
    // The checksum is verified before any id read from the file is followed.
    out.graph = graph::Graph::Restore(
        sequence, [&](auto& array) { return r.Array(&array); },
        [&] {
          return r.Array(&out.terms.term_vertex) && r.Array(&out.terms.resolved) && r.Finish();
        });
    ok = out.graph != nullptr;
  }
  ::close(fd);
  if (!ok) return {};
  return out;
}

std::optional<uint64_t> ReadSnapshotChange(const std::string& path, std::string_view tag) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  const bool sized = ::fstat(fd, &st) == 0;
  Reader r(fd, sized ? static_cast<uint64_t>(st.st_size) : 0);
  uint64_t sequence = 0, change = 0;
  const bool ok = ReadHeader(r, tag, &sequence, &change);
  ::close(fd);
  if (!ok) return std::nullopt;
  return change;
}

}  // namespace weft::storage
