// Bulk loads into the store: the collected records written as sorted table files and added
// to RocksDB in one atomic step (Store::Impl::IngestBulk), and what a dead one leaves removed.
#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "graph/base/error.h"
#include "graph/base/parallel.h"
#include "storage/bulk_load.h"
#include "storage/key_encoding.h"
#include "storage/records.h"
#include "storage/store_impl.h"

namespace weft::storage {

namespace {

// Writes one column family's keys into table files of about kBulkFileBytes each.
class TableFileSink : public TableSink {
 public:
  TableFileSink(const Store::Impl& impl, Cf cf, std::string prefix)
      : impl_(impl),
        options_(impl.db_options, impl.cf_options[cf]),
        cf_(cf),
        prefix_(std::move(prefix)) {}

  void Put(std::string_view key, std::string_view value) override {
    if (!writer_) Start();
    impl_.Check(writer_->Put(rocksdb::Slice(key.data(), key.size()),
                             rocksdb::Slice(value.data(), value.size())),
                "write failed (bulk load: a table file)");
    // The size is looked at every kSizeEvery keys: asked on every key it cost 2-3% of writing.
    if (++puts_ % kSizeEvery == 0 && writer_->FileSize() >= kBulkFileBytes) Finish();
  }
  void Merge(std::string_view key, std::string_view value) override {
    if (!writer_) Start();
    impl_.Check(writer_->Merge(rocksdb::Slice(key.data(), key.size()),
                               rocksdb::Slice(value.data(), value.size())),
                "write failed (bulk load: a table file)");
  }
  void Delete(std::string_view key) {
    if (!writer_) Start();
    impl_.Check(writer_->Delete(rocksdb::Slice(key.data(), key.size())),
                "write failed (bulk load: a table file)");
  }
  void Finish() {
    if (!writer_) return;
    impl_.Check(writer_->Finish(), "write failed (bulk load: finishing a table file)");
    writer_.reset();
  }
  const std::vector<std::string>& files() const { return files_; }

 private:
  void Start() {
    files_.push_back(fmt::format("{}-{:03}.sst", prefix_, files_.size()));
    writer_ = std::make_unique<rocksdb::SstFileWriter>(
        rocksdb::EnvOptions(), options_, impl_.cfs[cf_], /*invalidate_page_cache=*/false);
    impl_.Check(writer_->Open(files_.back()), "write failed (bulk load: creating a table file)");
  }

  static constexpr uint64_t kSizeEvery = 1024;

  const Store::Impl& impl_;
  rocksdb::Options options_;
  Cf cf_;
  std::string prefix_;
  uint64_t puts_ = 0;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  std::vector<std::string> files_;
};

}  // namespace

void Store::Impl::IngestBulk(BulkLoad& load, DocumentInfo doc) {
  namespace fs = std::filesystem;
  const size_t threads = std::max(1u, std::thread::hardware_concurrency());
  // Into a store that holds data, the terms and statements it has keep their ids.
  const bool empty = !load.into_stored();
  StoredLookup lookup;
  lookup.terms = [this](const std::vector<std::string_view>& names, std::vector<uint64_t>* ids) {
    MultiGetIds(kTermsByName, names, ids);
  };
  lookup.statements = [this](const std::vector<std::string>& keys, std::vector<uint64_t>* ids) {
    std::vector<std::string_view> views(keys.begin(), keys.end());
    MultiGetIds(kStatementKeys, views, ids);
  };
  lookup.load = [this](StatementId id) {
    std::optional<StoredStatement> st = LoadStatement(id);
    if (!st)
      throw StorageError("statement " + std::to_string(id.value) + " vanished during a load");
    return *st;
  };
  const fs::path dir = fs::path(path) / kBulkDirectory;
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (!fs::create_directory(dir, ec)) {
    throw StorageError("bulk load: cannot create " + dir.string() + ": " + ec.message());
  }
  // Gone on every way out: ingestion links the files into the store, a failure drops them.
  struct RemoveOnExit {
    const fs::path& dir;
    ~RemoveOnExit() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } remove_dir{dir};
  std::vector<std::unique_ptr<TableFileSink>> sinks(kNumCfs);
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto write = [&](Cf cf) {
    try {
      if (cf == kMeta) sinks[cf]->Delete(kBulkMarker);  // sorts before "next_..."
      load.WriteTable(cf, doc, *sinks[cf]);
      sinks[cf]->Finish();
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };

  // Into an empty store the terms' ids are final once interned: the dictionary's two families
  // are written on a thread of their own while the statements are grouped, which leaves a core
  // idle for much of its time.
  load.InternPending();
  std::vector<Cf> early;
  if (empty) {
    for (Cf cf : {kTermsByName, kTermsById}) {
      if (!load.HasTable(cf)) continue;
      early.push_back(cf);
      sinks[cf] = std::make_unique<TableFileSink>(*this, cf, (dir / kCfNames[cf]).string());
    }
  }
  std::thread dictionary([&] {
    for (Cf cf : early) write(cf);
  });
  struct JoinOnExit {
    std::thread& thread;
    ~JoinOnExit() {
      if (thread.joinable()) thread.join();
    }
  } join_dictionary{dictionary};

  load.Finish(threads, empty ? nullptr : &lookup);
  doc.state = DocumentState::kComplete;
  doc.statements = load.statements();
  doc.sources = load.sources();

  // The largest families first, so that the threads finish together.
  std::vector<Cf> tables;
  for (Cf cf : {kStatementKeys, kStatements, kDocStatements, kTermsByName, kTermsById, kSentences,
                kUsage, kDocuments, kDocumentsByName, kMeta}) {
    if (!load.HasTable(cf) || std::find(early.begin(), early.end(), cf) != early.end()) continue;
    tables.push_back(cf);
    sinks[cf] = std::make_unique<TableFileSink>(*this, cf, (dir / kCfNames[cf]).string());
  }
  ParallelFor(tables.size(), static_cast<unsigned>(threads), [&](size_t i) { write(tables[i]); });
  dictionary.join();
  if (failure) std::rethrow_exception(failure);
  tables.insert(tables.end(), early.begin(), early.end());

  std::vector<rocksdb::IngestExternalFileArg> args;
  for (Cf cf : tables) {
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cfs[cf];
    arg.external_files = sinks[cf]->files();
    arg.options.move_files = true;
    arg.options.write_global_seqno = false;
    args.push_back(std::move(arg));
  }
  {
    rocksdb::WriteBatch marker;
    marker.Put(cfs[kMeta], kBulkMarker, doc.name);
    if (empty) {
      AppendReset(&marker);  // a graph of the empty store has nothing to update
    } else {
      ChangeRecord change;
      change.statements = load.StatementIds();
      AppendChange(&marker, std::move(change));
    }
    Write(&marker);
  }
  const uint64_t before = db->GetLatestSequenceNumber();
  Check(db->IngestExternalFiles(args), "write failed (bulk load: adding the table files)");
  next_term += load.new_terms();
  next_statement += load.new_statements();
  next_document = std::max(next_document, doc.id.value + 1);
  if (db->GetLatestSequenceNumber() <= before) {
    // The sequence number keys derived files; it must move past the marker's write.
    Check(db->Put(write_options, cfs[kMeta], "next_document", Be64(next_document)), "write failed");
  }
}

void Store::Impl::RemoveBulkLeftovers() {
  // A bulk load that died before its files were added leaves its directory and its marker.
  std::error_code ec;
  std::filesystem::remove_all(std::filesystem::path(path) / kBulkDirectory, ec);
  std::string v;
  if (Get(kMeta, kBulkMarker, &v)) {
    Check(db->Delete(write_options, cfs[kMeta], kBulkMarker), "write failed");
  }
}

}  // namespace weft::storage
