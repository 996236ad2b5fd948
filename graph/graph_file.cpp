// The snapshot file: every array of a Graph, back to back, so that opening a store whose
// contents have not changed costs a sequential read instead of a rebuild from RocksDB.
//
// Layout (little-endian, as the machine that wrote it; the header records the byte order):
//   header   magic "WEFTSNAP", u32 format, u32 byte-order mark, u64 sequence,
//            u32 tag length, tag bytes
//   arrays   per array: u64 element count, u32 element size, the elements
//   trailer  u64 checksum of everything before it, magic "SNAPDONE"
// The name hash maps are not stored: they are rebuilt from the folded names on open.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "graph/atomic_file.h"
#include "graph/error.h"
#include "graph/graph.h"

namespace weft::graph {

namespace {

constexpr char kMagic[8] = {'W', 'E', 'F', 'T', 'S', 'N', 'A', 'P'};
constexpr char kDone[8] = {'S', 'N', 'A', 'P', 'D', 'O', 'N', 'E'};
constexpr uint32_t kFormat = 2;  // 2: names joined across documents, scoped kinds
constexpr uint32_t kByteOrder = 0x01020304;

// A 64-bit checksum fast enough not to show next to the read itself: four independent lanes of
// multiply-rotate over 8-byte words, folded at the end.
class Checksum {
 public:
  void Update(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    // Finish a partial word left by the previous call.
    while (n > 0 && pending_len_ != 0) {
      Byte(*p++);
      --n;
    }
    while (n >= 32) {
      uint64_t w[4];
      std::memcpy(w, p, 32);
      for (int i = 0; i < 4; ++i) lane_[i] = Mix(lane_[i], w[i]);
      p += 32;
      n -= 32;
    }
    while (n > 0) {
      Byte(*p++);
      --n;
    }
  }
  uint64_t Final() {
    uint64_t h = total_;
    if (pending_len_ != 0) h = Mix(h, pending_);
    for (uint64_t l : lane_) h = Mix(h, l);
    return h;
  }

 private:
  static uint64_t Mix(uint64_t h, uint64_t w) {
    h ^= w * 0x9E3779B97F4A7C15ull;
    h = (h << 31) | (h >> 33);
    return h * 0xC2B2AE3D27D4EB4Full;
  }
  void Byte(unsigned char c) {
    pending_ |= static_cast<uint64_t>(c) << (8 * pending_len_);
    if (++pending_len_ == 8) {
      lane_[0] = Mix(lane_[0], pending_);
      pending_ = 0;
      pending_len_ = 0;
    }
    ++total_;
  }
  uint64_t lane_[4] = {1, 2, 3, 4};
  uint64_t pending_ = 0;
  unsigned pending_len_ = 0;
  uint64_t total_ = 0;
};

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
    uint64_t sum = sum_.Final();
    file_.Write(&sum, sizeof sum);
    file_.Write(kDone, sizeof kDone);
  }

 private:
  AtomicFile& file_;
  Checksum sum_;
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
    uint64_t expected = sum_.Final();
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
  Checksum sum_;
};

}  // namespace

template <typename G, typename F>
bool Graph::ForEachArray(G& g, F&& f) {
  return f(g.strings_.data_) && f(g.strings_.offsets_) && f(g.vertex_name_) && f(g.vertex_type_) &&
         f(g.alias_offsets_) && f(g.aliases_) && f(g.label_name_) && f(g.folded_.data_) &&
         f(g.folded_.offsets_) && f(g.sorted_by_name_) && f(g.edge_source_) && f(g.edge_label_) &&
         f(g.edge_statement_) && f(g.edge_confidence_) && f(g.edge_support_) &&
         f(g.label_offsets_) && f(g.label_edges_) && f(g.qual_edges_) && f(g.qual_start_) &&
         f(g.qualifiers_) && f(g.in_offsets_) && f(g.in_edges_) && f(g.csr_.m_forward.m_rowstart) &&
         f(g.csr_.m_forward.m_column);
}

void Graph::Save(const std::string& path, std::string_view tag) const {
  try {
    AtomicFile file(path);  // "PATH.tmp.PID.N" until committed
    Writer w(file);
    w.Bytes(kMagic, sizeof kMagic);
    w.Value(kFormat);
    w.Value(kByteOrder);
    w.Value(sequence_);
    w.Value(static_cast<uint32_t>(tag.size()));
    w.Bytes(tag.data(), tag.size());
    ForEachArray(*this, [&](const auto& array) {
      w.Array(array);
      return true;
    });
    w.Finish();
    file.Commit();
  } catch (const FileError& e) {
    throw StorageError(path + ": cannot write snapshot: " + e.reason());
  }
}

std::unique_ptr<Graph> Graph::Open(const std::string& path, std::string_view tag,
                                   uint64_t sequence) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return nullptr;
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
  auto g = std::unique_ptr<Graph>(new Graph());
  char magic[sizeof kMagic];
  uint32_t format = 0, order = 0, tag_size = 0;
  bool ok = r.Bytes(magic, sizeof magic) && std::memcmp(magic, kMagic, sizeof kMagic) == 0 &&
            r.Value(&format) && format == kFormat && r.Value(&order) && order == kByteOrder &&
            r.Value(&g->sequence_) && g->sequence_ == sequence && r.Value(&tag_size) &&
            tag_size == tag.size();
  if (ok) {
    std::string stored_tag(tag_size, '\0');
    ok = r.Bytes(stored_tag.data(), tag_size) && stored_tag == tag;
  }
  if (ok) {
    ok = ForEachArray(*g, [&](auto& array) { return r.Array(&array); }) && r.Finish();
  }
  ::close(fd);
  if (!ok || !g->Consistent()) return nullptr;
  g->csr_.vertex_properties().resize(g->vertex_name_.size());
  g->IndexNames();
  return g;
}

// The shape checks that keep a file written by a buggy or different build from being used:
// array lengths agree and every offset array ends where its data does. Ids inside the arrays
// are covered by the checksum, which only this code's Save computes.
bool Graph::Consistent() const {
  const size_t n = vertex_name_.size(), m = edge_label_.size();
  auto ends_at = [](const auto& offsets, size_t size) {
    return !offsets.empty() && offsets.front() == 0 && offsets.back() == size &&
           std::is_sorted(offsets.begin(), offsets.end());
  };
  return ends_at(strings_.offsets_, strings_.data_.size()) &&
         ends_at(folded_.offsets_, folded_.data_.size()) && vertex_type_.size() == n &&
         alias_offsets_.size() == n + 1 && ends_at(alias_offsets_, aliases_.size()) &&
         folded_.size() == n + aliases_.size() && sorted_by_name_.size() == n &&
         edge_source_.size() == m && edge_statement_.size() == m && edge_confidence_.size() == m &&
         edge_support_.size() == m && label_offsets_.size() == label_name_.size() + 1 &&
         ends_at(label_offsets_, m) && label_edges_.size() == m &&
         qual_start_.size() == qual_edges_.size() + 1 && ends_at(qual_start_, qualifiers_.size()) &&
         in_offsets_.size() == n + 1 && ends_at(in_offsets_, m) && in_edges_.size() == m &&
         csr_.m_forward.m_rowstart.size() == n + 1 && ends_at(csr_.m_forward.m_rowstart, m) &&
         csr_.m_forward.m_column.size() == m;
}

}  // namespace weft::graph
