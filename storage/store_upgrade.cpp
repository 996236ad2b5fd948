// Bringing a store of an older format to the current one, when a writer first opens it.
#include <fmt/format.h>
#include <rocksdb/convenience.h>

#include <unordered_map>

#include "graph/base/statement.h"
#include "storage/key_encoding.h"
#include "storage/store_impl.h"

namespace weft::storage {

namespace {

constexpr size_t kRenamesPerBatch = 100000;

// The scope format 2 gave a document's own nodes: FNV-1a 32 of its name in eight hex digits.
// Kept for this upgrade alone, to find the document each such scope stands for.
std::string Format2Scope(std::string_view document_name) {
  uint32_t h = 2166136261u;
  for (unsigned char c : document_name) {
    h ^= c;
    h *= 16777619u;
  }
  return fmt::format("{:08x}", h);
}

}  // namespace

void Store::Impl::Upgrade(uint32_t from) {
  if (from < 2) {
    // Format 1 kept three covering indexes (SPO, POS, OSP) that nothing reads: emptied, then
    // their files dropped.
    rocksdb::WriteBatch batch;
    for (Cf cf : {kSpo, kPos, kOsp}) batch.DeleteRange(cfs[cf], "", std::string(40, '\xff'));
    Write(&batch);
    for (Cf cf : {kSpo, kPos, kOsp}) {
      Check(rocksdb::DeleteFilesInRange(db.get(), cfs[cf], nullptr, nullptr),
            "write failed (dropping a retired index)");
    }
  }
  rocksdb::WriteBatch batch;
  if (from < 3) {
    // Every document's old scope to its new one; a scope two documents shared stays as it is
    // (their nodes were one node already, and renaming would give it to one of them).
    std::unordered_map<std::string, std::string> scopes;
    {
      auto it = NewIterator(kDocumentsByName);
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const std::string_view name(it->key().data(), it->key().size());
        auto [at, fresh] = scopes.emplace(Format2Scope(name), DocumentScope(name));
        if (!fresh && at->second != DocumentScope(name)) at->second.clear();
      }
      Check(it->status(), "scan failed");
    }
    // Terms are renamed in place: their ids, and so every statement, stay.
    auto it = NewIterator(kTermsByName);
    size_t renamed = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string_view name(it->key().data(), it->key().size());
      const size_t mark = name.rfind(kScopeMark);
      if (mark == std::string_view::npos || name.size() - mark - 1 != 8) continue;
      auto scope = scopes.find(std::string(name.substr(mark + 1)));
      if (scope == scopes.end() || scope->second.empty()) continue;
      const std::string renamed_to = ScopedName(name.substr(0, mark), scope->second);
      batch.Delete(cfs[kTermsByName], it->key());
      batch.Put(cfs[kTermsByName], renamed_to, it->value());
      batch.Put(cfs[kTermsById], it->value(), renamed_to);
      if (++renamed % kRenamesPerBatch == 0) {
        Write(&batch);
        batch.Clear();
      }
    }
    Check(it->status(), "scan failed");
    // A graph built before holds the old names: the change log says it must be built again.
    ChangeRecord reset;
    reset.reset = true;
    AppendChange(&batch, std::move(reset));
  }
  std::string version;
  AppendBigEndian32(&version, kFormatVersion);
  batch.Put(cfs[kMeta], "format_version", version);
  Write(&batch);
}

}  // namespace weft::storage
