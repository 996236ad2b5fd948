// The bulk load must leave a store exactly as the incremental writer would, only faster.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "graph/base/error.h"
#include "graph/snapshot/graph.h"
#include "storage/loader.h"
#include "storage/record_block.h"
#include "storage/store.h"
#include "tests/test_util.h"

using namespace weft;
using namespace weft::storage;
using weft::testing::TempDir;

namespace {

StatementRecord Rec(std::string s, std::string p, std::string o, std::vector<Qualifier> q,
                    uint32_t sentence, float confidence = 1.0f) {
  StatementRecord r;
  r.subject = std::move(s);
  r.predicate = std::move(p);
  r.object = std::move(o);
  r.qualifiers = std::move(q);
  NormaliseQualifiers(r.qualifiers);
  r.evidence.sentence = sentence;
  r.evidence.begin = sentence * 3;
  r.evidence.end = sentence * 3 + 2;
  r.evidence.confidence = confidence;
  return r;
}

// Records with repeats, shared terms, qualifier variants, self loops and sentences, several
// intern blocks long.
std::vector<StatementRecord> Records(uint32_t seed, size_t n) {
  std::mt19937 rng(seed);
  auto pick = [&](uint32_t k) { return std::to_string(rng() % k); };
  std::vector<StatementRecord> out;
  out.push_back(Rec("Microsoft", "relocate", "staff", {{"to", "Ireland"}}, 1, 0.9f));
  out.push_back(Rec("Microsoft", "relocate", "staff", {}, 2));
  out.push_back(Rec("Microsoft", "relocate", "staff", {{"to", "Ireland"}}, 3, 0.5f));  // repeat
  out.push_back(Rec("Microsoft", "relocate", "staff", {{"to", "Australia"}, {"to", "Ireland"}}, 4));
  out.push_back(Rec("Microsoft", "relocate", "staff", {{"to", "Australia"}}, 5));
  out.push_back(Rec("Ireland", "to", "Microsoft", {{"staff", "relocate"}}, 6));  // roles reused
  out.push_back(Rec("loop", "is", "loop", {}, 7));
  for (uint32_t i = 0; out.size() < n; ++i) {
    std::vector<Qualifier> q;
    if (rng() % 4 == 0) q.push_back({"in", "y" + pick(5)});
    if (rng() % 8 == 0) q.push_back({"to", "c" + pick(5)});
    out.push_back(Rec("e" + pick(60), "p" + pick(7), "e" + pick(60), q, 8 + i,
                      static_cast<float>(rng() % 100) / 100.0f));
  }
  return out;
}

// `hint`: records announced with ExpectRecords before the first (0: none), and a second, low
// hint after the hundredth record.
void Write(Store& store, const std::string& name, const std::vector<StatementRecord>& records,
           const DocumentOptions& options, bool expect_bulk, uint64_t hint = 0) {
  auto w = store.BeginDocument(name, "hash-" + name, options);
  REQUIRE(w->status() == DocumentStatus::kNew);
  if (hint > 0) w->ExpectRecords(hint);
  for (size_t i = 0; i < records.size(); ++i) {
    const StatementRecord& r = records[i];
    if (r.evidence.sentence % 5 == 0) {
      w->AddSentence(r.evidence.sentence, "sentence " + std::to_string(r.evidence.sentence));
    }
    w->Add(r);
    if (hint > 0 && i == 100) w->ExpectRecords(10);
  }
  w->AddSentence(1, "the first sentence, given again");
  CHECK(w->bulk_loading() == expect_bulk);
  w->Commit();
}

// Everything a store says about its contents, ids included, in one comparable text.
std::vector<std::string> Everything(const Store& store) {
  std::vector<std::string> out;
  store.ForEachTerm([&](TermId id, std::string_view name) {
    out.push_back("term " + std::to_string(id.value) + " " + std::string(name));
    CHECK(store.FindTerm(name) == id);
    return true;
  });
  store.ForEachStatement([&](const StoredStatement& st) {
    std::string line = "st " + std::to_string(st.id.value) + ": " +
                       std::to_string(st.subject.value) + " " + std::to_string(st.predicate.value) +
                       " " + std::to_string(st.object.value);
    for (const auto& q : st.qualifiers) {
      line += " " + std::to_string(q.role.value) + "=" + std::to_string(q.value.value);
    }
    for (const auto& s : st.sources) {
      line += " @" + std::to_string(s.document.value) + ":" + std::to_string(s.evidence.sentence) +
              "," + std::to_string(s.evidence.begin) + "," + std::to_string(s.evidence.end) + "," +
              std::to_string(s.evidence.confidence);
    }
    out.push_back(line);
    // Each index finds it by its bound positions.
    for (int bound = 1; bound < 8; ++bound) {
      std::optional<TermId> s, p, o;
      if (bound & 1) s = st.subject;
      if (bound & 2) p = st.predicate;
      if (bound & 4) o = st.object;
      int found = 0;
      store.Match(s, p, o, [&](StatementId id, TermId, TermId, TermId) {
        found += id == st.id;
        return true;
      });
      CHECK(found == 1);
    }
    return true;
  });
  store.Match(std::nullopt, std::nullopt, std::nullopt,
              [&](StatementId id, TermId s, TermId p, TermId o) {
                out.push_back("spo " + std::to_string(id.value) + " " + std::to_string(s.value) +
                              " " + std::to_string(p.value) + " " + std::to_string(o.value));
                return true;
              });
  store.ForEachDocument([&](const DocumentInfo& d) {
    out.push_back("doc " + std::to_string(d.id.value) + " " + d.name + " " + d.content_hash + " " +
                  std::to_string(d.statements) + " " + std::to_string(d.sources));
    for (uint32_t i = 0; i < 2000; ++i) {
      if (auto text = store.SentenceText(d.id, i)) {
        out.push_back("sentence " + std::to_string(i) + " " + *text);
      }
    }
    return true;
  });
  StoreStats stats = store.Stats();
  out.push_back("stats " + std::to_string(stats.entities) + " " + std::to_string(stats.predicates) +
                " " + std::to_string(stats.statements) + " " + std::to_string(stats.sources) + " " +
                std::to_string(stats.documents) + " " + std::to_string(stats.terms));
  for (const auto& p : stats.top_predicates) {
    out.push_back("top " + p.name + " " + std::to_string(p.statements));
  }
  return out;
}

std::unique_ptr<Store> Writer(const std::string& path, size_t batch = 100000) {
  OpenOptions o;
  o.batch_statements = batch;
  return Store::Open(path, o);
}

DocumentOptions Bulk(size_t memory = 0) {
  DocumentOptions options;
  options.bulk = true;
  options.bulk_memory_bytes = memory;
  return options;
}

}  // namespace

TEST_CASE("a bulk load stores what the incremental writer stores, ids included", "[bulk]") {
  TempDir dir;
  const auto records = Records(7, 1500);
  const auto more = Records(8, 400);  // repeats some of the first document's statements
  auto bulk = Writer((dir.path() / "bulk").string());
  auto incremental = Writer((dir.path() / "incremental").string(), 97);
  Write(*bulk, "first", records, Bulk(), true);
  Write(*incremental, "first", records, {}, false);
  CHECK(Everything(*bulk) == Everything(*incremental));
  Store::CheckReport report = bulk->Check(false);
  CHECK(report.problems.empty());
  CHECK(report.statements > 500);

  // A second document, loaded in bulk into a store that holds data, finds the same ids as the
  // incremental writer: stored terms and statements keep theirs, its repeats add sources.
  Write(*bulk, "second", more, Bulk(), true);
  Write(*incremental, "second", more, {}, false);
  CHECK(Everything(*bulk) == Everything(*incremental));
  CHECK(bulk->Check(false).problems.empty());

  // Removing the bulk-loaded document leaves the same store as well.
  CHECK(bulk->RemoveDocument("first"));
  CHECK(incremental->RemoveDocument("first"));
  CHECK(Everything(*bulk) == Everything(*incremental));
  CHECK(bulk->Check(false).problems.empty());
}

TEST_CASE("a bulk document's membership range is removed over several batches", "[bulk]") {
  // The bulk load records its new statements as one membership range; removing the document in
  // batches of 37 statements cuts the range batch by batch.
  TempDir dir;
  auto bulk = Writer((dir.path() / "bulk").string(), 37);
  auto incremental = Writer((dir.path() / "incremental").string(), 37);
  for (Store* s : {bulk.get(), incremental.get()}) {
    const bool in_bulk = s == bulk.get();
    Write(*s, "first", Records(11, 500), in_bulk ? Bulk() : DocumentOptions{}, in_bulk);
    // Stored statements (single keys) and new ones (a range) in one document.
    Write(*s, "second", Records(12, 300), in_bulk ? Bulk() : DocumentOptions{}, in_bulk);
  }
  REQUIRE(bulk->Check(false).problems.empty());
  for (const char* name : {"second", "first"}) {
    CHECK(bulk->RemoveDocument(name));
    CHECK(incremental->RemoveDocument(name));
    CHECK(Everything(*bulk) == Everything(*incremental));
    CHECK(bulk->Check(false).problems.empty());
  }
  CHECK(bulk->Stats().statements == 0);
}

TEST_CASE("a bulk load survives reopening and leaves no working files", "[bulk]") {
  TempDir dir;
  const std::string path = (dir.path() / "db").string();
  std::vector<std::string> before;
  {
    auto store = Writer(path);
    Write(*store, "doc", Records(3, 300), Bulk(), true);
    before = Everything(*store);
  }
  CHECK_FALSE(std::filesystem::exists(path + "/weft.bulk.tmp"));
  OpenOptions read_only;
  read_only.read_only = true;
  auto reader = Store::Open(path, read_only);
  CHECK(Everything(*reader) == before);
}

TEST_CASE("a bulk load changes the sequence that keys the graph snapshot", "[bulk]") {
  TempDir dir;
  const std::string path = (dir.path() / "db").string();
  auto store = Writer(path);
  // A snapshot of the empty store is saved first; the load must not leave it looking current.
  CHECK(LoadGraph(*store)->num_edges() == 0);
  const uint64_t sequence = store->Sequence();
  Write(*store, "doc", Records(4, 200), Bulk(), true);
  CHECK(store->Sequence() > sequence);
  auto graph = LoadGraph(*store);
  uint64_t statements = 0;
  store->ForEachStatement([&](const StoredStatement&) {
    ++statements;
    return true;
  });
  CHECK(graph->num_edges() == statements);
}

TEST_CASE("a bulk load into a store that holds data stores what the incremental writer does",
          "[bulk]") {
  TempDir dir;
  auto bulk = Writer((dir.path() / "bulk").string());
  auto incremental = Writer((dir.path() / "incremental").string(), 53);
  // Documents sharing terms and statements with each other, in bulk after the first.
  for (uint32_t d = 0; d < 4; ++d) {
    const auto records = Records(20 + d % 2, 300 + 50 * d);
    const std::string name = "doc" + std::to_string(d);
    Write(*bulk, name, records, Bulk(), true);
    Write(*incremental, name, records, {}, false);
    CHECK(Everything(*bulk) == Everything(*incremental));
    CHECK(bulk->Check(false).problems.empty());
  }
  // The graph snapshot follows through the change log, as after any write.
  LoadReport report;
  LoadOptions options;
  options.report = &report;
  LoadGraph(*bulk, options);
  Write(*bulk, "doc4", Records(21, 200), Bulk(), true);
  Write(*incremental, "doc4", Records(21, 200), {}, false);
  auto updated = LoadGraph(*bulk, options);
  CHECK(report.source == LoadReport::Source::kUpdated);
  LoadOptions fresh;
  fresh.use_snapshot_file = false;
  CHECK(updated->num_edges() == LoadGraph(*incremental, fresh)->num_edges());
  CHECK(CheckSnapshot(*bulk, false).empty());
  CHECK(Everything(*bulk) == Everything(*incremental));

  // A store whose only document was removed still holds terms: they keep their ids.
  TempDir other;
  auto emptied = Writer((other.path() / "db").string());
  auto reference = Writer((other.path() / "ref").string());
  for (Store* s : {emptied.get(), reference.get()}) {
    Write(*s, "one", Records(1, 20), {}, false);
    REQUIRE(s->RemoveDocument("one"));
  }
  Write(*emptied, "two", Records(2, 40), Bulk(), true);
  Write(*reference, "two", Records(2, 40), {}, false);
  CHECK(Everything(*emptied) == Everything(*reference));
  CHECK(emptied->Check(false).problems.empty());
}

TEST_CASE("a replaced document does not load in bulk", "[bulk]") {
  TempDir dir;
  auto store = Writer((dir.path() / "db").string());
  Write(*store, "one", Records(1, 20), Bulk(), true);
  auto w = store->BeginDocument("one", "another hash", Bulk());
  CHECK(w->status() == DocumentStatus::kReplaced);
  CHECK_FALSE(w->bulk_loading());
  for (const StatementRecord& r : Records(2, 20)) w->Add(r);
  w->Commit();
  CHECK(store->Check(false).problems.empty());
}

TEST_CASE("a bulk load past its memory bound continues incrementally", "[bulk]") {
  TempDir dir;
  const auto records = Records(5, 700);
  auto bounded = Writer((dir.path() / "bounded").string(), 50);
  auto incremental = Writer((dir.path() / "incremental").string(), 50);
  {
    auto w = bounded->BeginDocument("doc", "h", Bulk(16 << 10));
    for (size_t i = 0; i < records.size(); ++i) {
      w->Add(records[i]);
      if (i == 0) CHECK(w->bulk_loading());
    }
    CHECK_FALSE(w->bulk_loading());
    w->Commit();
  }
  {
    auto w = incremental->BeginDocument("doc", "h");
    for (const auto& r : records) w->Add(r);
    w->Commit();
  }
  CHECK(Everything(*bounded) == Everything(*incremental));
  CHECK(bounded->Check(false).problems.empty());
}

TEST_CASE("a size hint changes neither what a bulk load stores nor its memory bound", "[bulk]") {
  TempDir dir;
  const auto records = Records(6, 900);
  auto hinted = Writer((dir.path() / "hinted").string());
  auto plain = Writer((dir.path() / "plain").string());
  Write(*hinted, "doc", records, Bulk(), true, records.size());
  Write(*plain, "doc", records, Bulk(), true);
  CHECK(Everything(*hinted) == Everything(*plain));
  CHECK(hinted->Check(false).problems.empty());

  // A hint past the memory bound is ignored: the load stays in bulk until the records
  // themselves pass it.
  auto bounded = Writer((dir.path() / "bounded").string());
  auto w = bounded->BeginDocument("doc", "h", Bulk(64 << 10));
  w->ExpectRecords(uint64_t{1} << 30);
  CHECK(w->bulk_loading());
  w->Add(records[0]);
  CHECK(w->bulk_loading());
  w->Commit();
  CHECK(bounded->Check(false).problems.empty());
}

TEST_CASE("a record block hands back the records it was given", "[bulk]") {
  const auto records = Records(10, 200);
  RecordBlock block;
  for (const auto& r : records) block.Add(r);
  REQUIRE(block.size() == records.size());
  StatementRecord out;
  for (size_t i = 0; i < records.size(); ++i) {
    block.Get(i, &out);
    CHECK(out.subject == records[i].subject);
    CHECK(out.predicate == records[i].predicate);
    CHECK(out.object == records[i].object);
    CHECK(out.qualifiers == records[i].qualifiers);
    CHECK(out.evidence.sentence == records[i].evidence.sentence);
    CHECK(out.evidence.confidence == records[i].evidence.confidence);
  }
  block.Clear();
  CHECK(block.empty());
}

TEST_CASE("records added in blocks store what records added one by one store", "[bulk]") {
  TempDir dir;
  const auto first = Records(11, 200);
  const auto records = Records(12, 700);
  // Blocks of uneven sizes, with single records between them (the writer's pending records
  // must go in before a block's).
  auto add_mixed = [&](DocumentWriter& w) {
    RecordBlock block;
    size_t i = 0;
    for (size_t size : {1, 2, 63, 64, 65, 300, 7}) {
      w.Add(records[i++]);
      block.Clear();
      for (size_t k = 0; k < size && i < records.size(); ++k) block.Add(records[i++]);
      w.Add(block);
    }
    block.Clear();
    while (i < records.size()) block.Add(records[i++]);
    w.Add(block);
  };
  for (bool into_stored : {false, true}) {
    for (size_t memory : {size_t{0}, size_t{48} << 10}) {
      DYNAMIC_SECTION("into a store " << (into_stored ? "with data" : "empty") << ", memory bound "
                                      << memory) {
        auto blocks = Writer((dir.path() / "blocks").string(), 50);
        auto single = Writer((dir.path() / "single").string(), 50);
        if (into_stored) {
          for (Store* store : {blocks.get(), single.get()}) {
            Write(*store, "first", first, Bulk(), true);
          }
        }
        auto w = blocks->BeginDocument("doc", "h", Bulk(memory));
        add_mixed(*w);
        CHECK(w->bulk_loading() == (memory == 0));
        CHECK(w->statements_added() == records.size());
        w->Commit();
        auto v = single->BeginDocument("doc", "h", Bulk(memory));
        for (const auto& r : records) v->Add(r);
        v->Commit();
        CHECK(Everything(*blocks) == Everything(*single));
        CHECK(blocks->Check(false).problems.empty());
      }
    }
  }
  SECTION("the incremental writer takes blocks too") {
    auto blocks = Writer((dir.path() / "blocks").string(), 50);
    auto single = Writer((dir.path() / "single").string(), 50);
    auto w = blocks->BeginDocument("doc", "h");
    CHECK_FALSE(w->bulk_loading());
    add_mixed(*w);
    w->Commit();
    auto v = single->BeginDocument("doc", "h");
    for (const auto& r : records) v->Add(r);
    v->Commit();
    CHECK(Everything(*blocks) == Everything(*single));
  }
}

TEST_CASE("entity records move a bulk load to the incremental path", "[bulk]") {
  TempDir dir;
  const auto records = Records(9, 300);
  auto bulk = Writer((dir.path() / "bulk").string());
  auto incremental = Writer((dir.path() / "incremental").string());
  auto write = [&](Store& store, const DocumentOptions& options) {
    auto w = store.BeginDocument("doc", "h", options);
    for (size_t i = 0; i < records.size(); ++i) {
      w->Add(records[i]);
      if (i == 100) w->SetEntity("Microsoft", EntityType::kOrganisation, {"MSFT"});
    }
    CHECK_FALSE(w->bulk_loading());
    w->Commit();
  };
  write(*bulk, Bulk());
  write(*incremental, {});
  CHECK(Everything(*bulk) == Everything(*incremental));
  int entities = 0;
  bulk->ForEachEntity(
      [&](TermId id, EntityType type, const std::vector<std::string>& aliases, uint64_t documents) {
        CHECK(documents == 1);
        CHECK(bulk->TermName(id) == "Microsoft");
        CHECK(type == EntityType::kOrganisation);
        CHECK(aliases == std::vector<std::string>{"MSFT"});
        ++entities;
        return true;
      });
  CHECK(entities == 1);
}

TEST_CASE("an aborted or killed bulk load leaves the store empty and loadable", "[bulk]") {
  TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    auto store = Writer(path);
    auto w = store->BeginDocument("doc", "h", Bulk());
    for (const auto& r : Records(6, 100)) w->Add(r);
    w->Abort();
    CHECK_FALSE(store->FindDocument("doc"));
    CHECK(store->Stats().statements == 0);
  }
  // A writer killed mid-load, with a half-written working directory left behind.
  std::filesystem::create_directories(path + "/weft.bulk.tmp");
  std::ofstream(path + "/weft.bulk.tmp/spo-000.sst") << "half a table file";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto store = Writer(path);
    auto w = store->BeginDocument("doc", "h", Bulk());
    for (const auto& r : Records(6, 100)) w->Add(r);
    _exit(0);  // dies before the load is added
  }
  int status = 0;
  waitpid(pid, &status, 0);
  auto store = Writer(path);
  CHECK_FALSE(std::filesystem::exists(path + "/weft.bulk.tmp"));
  CHECK(store->Stats().statements == 0);
  Write(*store, "doc", Records(6, 100), Bulk(), true);
  CHECK(store->Check(false).problems.empty());
  CHECK(store->Stats().documents == 1);
}
