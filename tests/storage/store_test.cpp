#include "storage/store.h"

#include <rocksdb/db.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "graph/base/error.h"
#include "storage/loader.h"
#include "storage/records.h"
#include "tests/test_util.h"

using namespace weft;
using namespace weft::storage;
using weft::testing::TempDir;

namespace {

StatementRecord Rec(std::string s, std::string p, std::string o, std::vector<Qualifier> q = {},
                    uint32_t sentence = 0) {
  StatementRecord r;
  r.subject = std::move(s);
  r.predicate = std::move(p);
  r.object = std::move(o);
  r.qualifiers = std::move(q);
  r.evidence.sentence = sentence;
  return r;
}

std::unique_ptr<Store> OpenWriter(const std::string& path, size_t batch = 100000) {
  OpenOptions o;
  o.batch_statements = batch;
  return Store::Open(path, o);
}

// A canonical text form of every statement with its sources' documents, for equality checks.
std::multiset<std::string> Dump(const Store& store) {
  std::multiset<std::string> out;
  store.ForEachStatement([&](const StoredStatement& st) {
    std::string line = *store.TermName(st.subject) + "|" + *store.TermName(st.predicate) + "|" +
                       *store.TermName(st.object);
    for (const auto& q : st.qualifiers) {
      line += "|" + *store.TermName(q.role) + "=" + *store.TermName(q.value);
    }
    for (const auto& s : st.sources) {
      line +=
          " @" + store.GetDocument(s.document)->name + ":" + std::to_string(s.evidence.sentence);
    }
    out.insert(line);
    return true;
  });
  return out;
}

void WriteDoc(Store& store, const std::string& name, const std::string& hash,
              const std::vector<StatementRecord>& records) {
  auto w = store.BeginDocument(name, hash);
  for (const auto& r : records) w->Add(r);
  w->Commit();
}

}  // namespace

TEST_CASE("statements survive close and reopen and match through every index", "[storage]") {
  TempDir dir;
  std::string db = dir / "db";
  {
    auto store = OpenWriter(db);
    WriteDoc(*store, "a.txt", "h1",
             {Rec("Microsoft", "relocate", "staff", {{"to", "Ireland"}}),
              Rec("Microsoft", "relocate", "staff", {{"to", "Australia"}}),
              Rec("Tencent", "recruit", "researcher"), Rec("researcher", "of", "OpenAI")});
  }
  OpenOptions ro;
  ro.read_only = true;
  auto store = Store::Open(db, ro);
  TermId ms = *store->FindTerm("Microsoft");
  TermId rel = *store->FindTerm("relocate");
  TermId staff = *store->FindTerm("staff");
  CHECK(store->TermName(ms) == "Microsoft");
  CHECK_FALSE(store->FindTerm("Apple").has_value());

  auto count = [&](std::optional<TermId> s, std::optional<TermId> p, std::optional<TermId> o) {
    int n = 0;
    store->Match(s, p, o, [&](StatementId, TermId ms_, TermId mp, TermId mo) {
      if (s) CHECK(ms_ == *s);
      if (p) CHECK(mp == *p);
      if (o) CHECK(mo == *o);
      ++n;
      return true;
    });
    return n;
  };
  CHECK(count(ms, {}, {}) == 2);
  CHECK(count(ms, rel, {}) == 2);
  CHECK(count(ms, rel, staff) == 2);
  CHECK(count({}, rel, {}) == 2);
  CHECK(count({}, rel, staff) == 2);
  CHECK(count({}, {}, staff) == 2);
  CHECK(count(ms, {}, staff) == 2);
  CHECK(count({}, {}, {}) == 4);
  CHECK(count(*store->FindTerm("Tencent"), {}, staff) == 0);

  StoreStats stats = store->Stats();
  CHECK(stats.statements == 4);
  CHECK(stats.sources == 4);
  CHECK(stats.documents == 1);
  CHECK(stats.entities == 5);  // Microsoft staff Tencent researcher OpenAI
  CHECK(stats.predicates == 3);
  REQUIRE(stats.top_predicates.size() == 3);
  CHECK(stats.top_predicates[0].name == "relocate");
  CHECK(stats.top_predicates[0].statements == 2);
}

TEST_CASE("the same statement from two sources is one statement with two sources", "[storage]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  WriteDoc(*store, "a", "1", {Rec("A", "p", "B", {}, 1), Rec("A", "p", "B", {}, 2)});
  WriteDoc(*store, "b", "2", {Rec("A", "p", "B", {}, 7)});
  StoreStats stats = store->Stats();
  CHECK(stats.statements == 1);
  CHECK(stats.sources == 3);
  CHECK(stats.documents == 2);
  CHECK(Dump(*store) == std::multiset<std::string>{"A|p|B @a:1 @a:2 @b:7"});
  // Qualifiers make a different statement; their order does not.
  WriteDoc(*store, "c", "3",
           {Rec("A", "p", "B", {{"to", "X"}, {"in", "Y"}}),
            Rec("A", "p", "B", {{"in", "Y"}, {"to", "X"}})});
  CHECK(store->Stats().statements == 2);
}

TEST_CASE("re-importing identical content is a no-op", "[storage]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  WriteDoc(*store, "a", "hash", {Rec("A", "p", "B")});
  uint64_t seq = store->Sequence();
  auto w = store->BeginDocument("a", "hash");
  CHECK(w->status() == DocumentStatus::kUnchanged);
  w->Add(Rec("X", "y", "Z"));
  w->Commit();
  CHECK(store->Sequence() == seq);
  CHECK(Dump(*store) == std::multiset<std::string>{"A|p|B @a:0"});
}

TEST_CASE("changed content replaces the document's contribution", "[storage]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db", /*batch=*/3);
  WriteDoc(*store, "a", "v1",
           {Rec("A", "p", "B"), Rec("A", "p", "C"), Rec("S", "shared", "T"), Rec("D", "q", "E"),
            Rec("F", "q", "G")});
  WriteDoc(*store, "b", "v1", {Rec("S", "shared", "T", {}, 9)});
  auto w = store->BeginDocument("a", "v2");
  CHECK(w->status() == DocumentStatus::kReplaced);
  w->Add(Rec("A", "p", "B", {}, 4));
  w->Add(Rec("N", "new", "M", {}, 5));
  w->Commit();
  CHECK(Dump(*store) ==
        std::multiset<std::string>{"A|p|B @a:4", "N|new|M @a:5", "S|shared|T @b:9"});
  StoreStats stats = store->Stats();
  CHECK(stats.statements == 3);
  CHECK(stats.sources == 3);
  CHECK(stats.documents == 2);
  CHECK(stats.entities == 6);
  CHECK(stats.predicates == 3);
  CHECK(store->FindDocument("a")->content_hash == "v2");
}

TEST_CASE("an abandoned document leaves the store as it was, even after flushed batches",
          "[storage]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db", /*batch=*/2);
  WriteDoc(*store, "keep", "1", {Rec("A", "p", "B"), Rec("C", "p", "D")});
  auto before = Dump(*store);
  StoreStats before_stats = store->Stats();
  {
    auto w = store->BeginDocument("keep", "2");  // a replacement that never commits
    for (int i = 0; i < 10; ++i) w->Add(Rec("X" + std::to_string(i), "p", "B"));
    w->Add(Rec("A", "p", "B"));
  }
  CHECK(Dump(*store) == before);
  StoreStats after = store->Stats();
  CHECK(after.statements == before_stats.statements);
  CHECK(after.sources == before_stats.sources);
  CHECK(after.entities == before_stats.entities);
  CHECK(after.documents == before_stats.documents);
}

TEST_CASE("a writer killed mid-document is rolled back when the store next opens", "[storage]") {
  TempDir dir;
  std::string db = dir / "db";
  {
    auto store = OpenWriter(db);
    WriteDoc(*store, "base", "1", {Rec("A", "p", "B")});
  }
  std::multiset<std::string> before;
  {
    OpenOptions ro;
    ro.read_only = true;
    before = Dump(*Store::Open(db, ro));
  }
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto store = OpenWriter(db, /*batch=*/2);
    auto w = store->BeginDocument("half", "x");
    for (int i = 0; i < 9; ++i) w->Add(Rec("N" + std::to_string(i), "p", "B"));
    _exit(0);  // dies with two batches written and the document pending
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  auto store = OpenWriter(db);
  CHECK(Dump(*store) == before);
  CHECK(store->Stats().statements == 1);
  CHECK_FALSE(store->FindDocument("half").has_value());
}

TEST_CASE("a second writer is refused with a clear message while readers still open", "[storage]") {
  TempDir dir;
  auto writer = OpenWriter(dir / "db");
  WriteDoc(*writer, "a", "1", {Rec("A", "p", "B")});
  try {
    OpenWriter(dir / "db");
    FAIL("second writer opened");
  } catch (const StorageError& e) {
    CHECK(std::string(e.what()).find("in use by another weft process") != std::string::npos);
  }
  OpenOptions ro;
  ro.read_only = true;
  auto reader = Store::Open(dir / "db", ro);
  CHECK(reader->Stats().statements == 1);
}

namespace {

// Opens the store's RocksDB directly and hands `damage` the handle of each column family.
void Damage(
    const std::string& db,
    const std::function<void(rocksdb::DB*, std::map<std::string, rocksdb::ColumnFamilyHandle*>&)>&
        damage) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), db, &names).ok());
  for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), db, cfs, &handles, &raw).ok());
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name;
  for (size_t i = 0; i < names.size(); ++i) by_name[names[i]] = handles[i];
  damage(raw, by_name);
  for (auto* h : handles) REQUIRE(raw->DestroyColumnFamilyHandle(h).ok());
  delete raw;
}

// Deletes the first key of a column family.
void DeleteFirst(rocksdb::DB* raw, rocksdb::ColumnFamilyHandle* cf) {
  std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), cf));
  it->SeekToFirst();
  REQUIRE(it->Valid());
  REQUIRE(raw->Delete(rocksdb::WriteOptions(), cf, it->key()).ok());
}

}  // namespace

TEST_CASE("a store written by a newer format is refused", "[storage]") {
  TempDir dir;
  std::string db = dir / "db";
  { OpenWriter(db); }
  {
    // Forge a newer format version with the engine directly.
    Damage(db, [](rocksdb::DB* raw, auto& cf) {
      std::string v("\0\0\0\x09", 4);
      REQUIRE(raw->Put(rocksdb::WriteOptions(), cf["default"], "format_version", v).ok());
    });
  }
  try {
    OpenWriter(db);
    FAIL("newer store opened");
  } catch (const StorageError& e) {
    CHECK(std::string(e.what()).find("newer weft (format 9") != std::string::npos);
  }
}

TEST_CASE("a format 1 store is read as it is and upgraded by the first writer", "[storage]") {
  TempDir dir;
  std::string db = dir / "db";
  std::multiset<std::string> before;
  {
    auto store = OpenWriter(db);
    WriteDoc(*store, "a", "1", {Rec("Acme", "buy", "Globex"), Rec("Globex", "own", "Initech")});
    before = Dump(*store);
  }
  // What format 1 held besides: its version, and covering index entries nothing reads.
  Damage(db, [](rocksdb::DB* raw, auto& cf) {
    REQUIRE(raw->Put(rocksdb::WriteOptions(), cf["default"], "format_version",
                     std::string("\0\0\0\x01", 4))
                .ok());
    for (const char* index : {"spo", "pos", "osp"}) {
      for (uint64_t id = 1; id <= 2; ++id) {
        REQUIRE(raw->Put(rocksdb::WriteOptions(), cf[index],
                         records::Be64(1) + records::Be64(2) + records::Be64(3) + records::Be64(id),
                         "")
                    .ok());
      }
    }
  });
  {
    OpenOptions ro;
    ro.read_only = true;
    auto reader = Store::Open(db, ro);
    CHECK(Dump(*reader) == before);
  }
  auto store = OpenWriter(db);
  CHECK(Dump(*store) == before);
  CHECK(store->Check(false).problems.empty());
  store.reset();
  Damage(db, [](rocksdb::DB* raw, auto& cf) {
    std::string version;
    REQUIRE(raw->Get(rocksdb::ReadOptions(), cf["default"], "format_version", &version).ok());
    CHECK(version == std::string("\0\0\0\x03", 4));
    for (const char* index : {"spo", "pos", "osp"}) {
      std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), cf[index]));
      it->SeekToFirst();
      CHECK_FALSE(it->Valid());
    }
  });
}

TEST_CASE("a format 2 store's document scopes are renamed to XXH3 scopes by the first writer",
          "[storage]") {
  TempDir dir;
  std::string db = dir / "db";
  // Format 2 scoped a document's nodes by FNV-1a 32 of its name: "a" is e40c292c.
  const std::string old_a = ScopedName("company", "e40c292c");
  const std::string orphan = ScopedName("deal", "deadbeef");  // no document's scope
  TermId company;
  {
    auto store = OpenWriter(db);
    WriteDoc(*store, "a", "1", {Rec(old_a, "buy", "Globex"), Rec(orphan, "with", "Globex")});
    company = *store->FindTerm(old_a);
    CHECK(LoadGraph(*store)->FindVertex("company"));  // and the snapshot file written
  }
  Damage(db, [](rocksdb::DB* raw, auto& cf) {
    REQUIRE(raw->Put(rocksdb::WriteOptions(), cf["default"], "format_version",
                     std::string("\0\0\0\x02", 4))
                .ok());
  });
  {
    OpenOptions ro;
    ro.read_only = true;
    CHECK(Store::Open(db, ro)->FindTerm(old_a) == company);  // a reader leaves it be
  }
  auto store = OpenWriter(db);
  const std::string new_a = ScopedName("company", DocumentScope("a"));
  CHECK(DocumentScope("a").size() == 16);
  CHECK(store->FindTerm(new_a) == company);
  CHECK_FALSE(store->FindTerm(old_a));
  CHECK(store->TermName(company) == new_a);
  CHECK(store->FindTerm(orphan));
  CHECK(store->Check(false).problems.empty());
  // The graph file written before holds the old name: the graph is built again.
  std::unique_ptr<graph::Graph> g = LoadGraph(*store);
  REQUIRE(g->FindVertex("company"));
  CHECK(g->VertexTerm(*g->FindVertex("company")) == new_a);
}

TEST_CASE("opening a missing store for reading names the path", "[storage]") {
  TempDir dir;
  OpenOptions ro;
  ro.read_only = true;
  CHECK_THROWS_WITH(Store::Open(dir / "nothing", ro), Catch::Contains("no weft store at"));
}

TEST_CASE("documents record name, hash, and statement counts, and sentences are kept",
          "[storage]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  auto w = store->BeginDocument("news.txt", "abc");
  w->AddSentence(3, "Microsoft offered staff relocation to Ireland.");
  w->Add(Rec("Microsoft", "offer", "relocation", {{"to", "Ireland"}}, 3));
  w->Commit();
  auto doc = store->FindDocument("news.txt");
  REQUIRE(doc);
  CHECK(doc->content_hash == "abc");
  CHECK(doc->statements == 1);
  CHECK(doc->state == DocumentState::kComplete);
  CHECK(store->SentenceText(doc->id, 3) == "Microsoft offered staff relocation to Ireland.");
  CHECK_FALSE(store->SentenceText(doc->id, 4).has_value());
  CHECK(store->RemoveDocument("news.txt"));
  CHECK_FALSE(store->SentenceText(doc->id, 3).has_value());
  CHECK(store->Stats().statements == 0);
  CHECK(store->Stats().documents == 0);
  CHECK_FALSE(store->RemoveDocument("news.txt"));
}

TEST_CASE("content hashes differ for different content and agree incrementally", "[storage]") {
  CHECK(ContentHash("abc") != ContentHash("abd"));
  CHECK(ContentHash("") != ContentHash("a"));
  ContentHasher h;
  h.Update("ab");
  h.Update("c");
  CHECK(h.Finish() == ContentHash("abc"));
}

TEST_CASE("the graph snapshot reflects the store and is rebuilt after a write",
          "[storage][snapshot]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  {
    auto w = store->BeginDocument("a", "1");
    w->Add(Rec("United States", "border", "Canada"));
    w->Add(Rec("Microsoft", "offer", "transfer", {{"to", "United States"}}));
    w->SetEntity("United States", EntityType::kPlace, {"U.S.", "US", "America"});
    w->SetEntity("United States", EntityType::kOther, {"USA"});  // merges, keeps the type
    w->Commit();
  }
  auto g = LoadGraph(*store);
  CHECK(g->num_vertices() == 4);
  CHECK(g->num_edges() == 2);
  CHECK(g->sequence() == store->Sequence());
  graph::VertexId us = *g->FindVertex("u.s.");
  CHECK(g->VertexName(us) == "United States");
  CHECK(g->VertexType(us) == EntityType::kPlace);
  CHECK(g->VertexAliases(us).size() == 4);
  graph::VertexId ms = *g->FindVertex("Microsoft");
  auto e = g->OutEdges(ms);
  REQUIRE(e.size() == 1);
  REQUIRE(g->Qualifiers(e.begin).size() == 1);
  CHECK(g->String(g->Qualifiers(e.begin)[0].role) == "to");
  CHECK(g->String(g->Qualifiers(e.begin)[0].value) == "United States");

  WriteDoc(*store, "b", "1", {Rec("Microsoft", "hire", "engineer")});
  CHECK(store->Sequence() != g->sequence());
  auto g2 = LoadGraph(*store);
  CHECK(g2->num_edges() == 3);
  CHECK(g2->sequence() == store->Sequence());
}

TEST_CASE("the snapshot file is reused while the store is unchanged and replaced after a write",
          "[storage][snapshot]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  WriteDoc(*store, "a", "1", {Rec("Tencent", "recruit", "researcher")});
  const std::string file = SnapshotPath(*store);
  CHECK(!std::filesystem::exists(file));
  auto g1 = LoadGraph(*store);
  REQUIRE(std::filesystem::exists(file));
  auto written = std::filesystem::last_write_time(file);
  auto g2 = LoadGraph(*store);  // read from the file
  CHECK(g2->num_edges() == 1);
  CHECK(g2->sequence() == g1->sequence());
  CHECK(std::filesystem::last_write_time(file) == written);

  WriteDoc(*store, "b", "1", {Rec("Alibaba", "invest", "chip")});
  auto g3 = LoadGraph(*store);
  CHECK(g3->num_edges() == 2);
  CHECK(g3->FindVertex("Alibaba").has_value());
  auto g4 = LoadGraph(*store);
  CHECK(g4->num_edges() == 2);
  CHECK(g4->sequence() == store->Sequence());

  // A damaged file is ignored and rewritten.
  std::filesystem::resize_file(file, 100);
  auto g5 = LoadGraph(*store);
  CHECK(g5->num_edges() == 2);
  CHECK(std::filesystem::file_size(file) > 100);

  // Without the file: the same graph from the statements.
  LoadOptions no_file;
  no_file.use_snapshot_file = false;
  CHECK(LoadGraph(*store, no_file)->num_edges() == 2);

  // Temporary files left by a writer that died are removed; the live process's are not touched.
  std::ofstream(file + ".tmp.999999999.0") << "partial";
  WriteDoc(*store, "c", "1", {Rec("Baidu", "invest", "chip")});
  LoadGraph(*store);
  CHECK(!std::filesystem::exists(file + ".tmp.999999999.0"));
}

TEST_CASE("names of one entity meet across documents in the graph", "[storage][snapshot]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  auto doc = [&](const std::string& name, std::vector<StatementRecord> records,
                 std::vector<std::tuple<std::string, EntityType, std::vector<std::string>>> ents) {
    auto w = store->BeginDocument(name, "1");
    for (const auto& r : records) w->Add(r);
    for (const auto& [n, t, a] : ents) w->SetEntity(n, t, a);
    w->Commit();
  };
  const auto kOrg = EntityType::kOrganisation;
  const auto kPerson = EntityType::kPerson;
  struct Doc {
    const char* subject;
    const char* predicate;
    const char* object;
    EntityType type;
    std::vector<std::string> aliases;
  };
  const std::vector<Doc> docs = {
      // Suffix, period and case variants of one company, each in its own document.
      {"Texaco Inc", "sue", "Pennzoil", kOrg, {}},
      {"Texaco", "appeal", "ruling", kOrg, {}},
      {"TEXACO INC.", "pay", "bond", kOrg, {}},
      // An acronym one document gave as an alias joins a later document's bare acronym.
      {"Securities and Exchange Commission", "probe", "Texaco Inc", kOrg, {"SEC"}},
      {"SEC", "fine", "Pennzoil", kOrg, {}},
      // Two groups claim "Mercury": the bare name stays apart.
      {"Mercury Asset Management", "buy", "stake", kOrg, {"Mercury"}},
      {"Mercury Communications", "sell", "stake", kOrg, {"Mercury"}},
      {"Mercury", "rise", "share", kOrg, {}},
      // A person and an organisation of one key stay apart; so do a coordination's parts.
      {"Ford", "speak", "Congress", kPerson, {}},
      {"Ford Motor Co", "build", "plant", kOrg, {}},
      {"Bank of England and Fed", "meet", "today", kOrg, {"Bank of England"}},
      {"Bank of England", "cut", "rate", kOrg, {}},
  };
  for (size_t i = 0; i < docs.size(); ++i) {
    const Doc& d = docs[i];
    doc(std::string(1, static_cast<char>('a' + i)), {Rec(d.subject, d.predicate, d.object)},
        {{d.subject, d.type, d.aliases}});
  }

  auto g = LoadGraph(*store);
  graph::VertexId texaco = *g->FindVertex("Texaco Inc");
  CHECK(g->FindVertex("Texaco") == texaco);
  CHECK(g->FindVertex("TEXACO INC.") == texaco);
  CHECK(g->VertexName(texaco) == "TEXACO INC.");  // the fullest form
  CHECK(g->OutDegree(texaco) == 3);
  CHECK(g->InDegree(texaco) == 1);
  CHECK(g->VertexType(texaco) == kOrg);
  std::vector<std::string> aliases;
  for (std::string_view a : g->VertexAliases(texaco)) aliases.emplace_back(a);
  CHECK(aliases == std::vector<std::string>{"Texaco", "Texaco Inc"});

  graph::VertexId sec = *g->FindVertex("Securities and Exchange Commission");
  CHECK(g->FindVertex("SEC") == sec);
  CHECK(g->OutDegree(sec) == 2);

  CHECK(g->FindVertices("Mercury").size() == 3);  // itself, and the two that call it so
  CHECK(g->VertexName(*g->FindVertex("Mercury")) == "Mercury");
  CHECK(g->FindVertex("Ford") != g->FindVertex("Ford Motor Co"));
  CHECK(g->VertexName(*g->FindVertex("Bank of England")) == "Bank of England");
}

TEST_CASE("the name shown is the fullest most documents write, and acronyms find their company",
          "[storage][snapshot]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  int n = 0;
  auto doc = [&](const std::string& subject, EntityType type, std::vector<std::string> aliases) {
    auto w = store->BeginDocument("d" + std::to_string(n++), "1");
    w->Add(Rec(subject, "act", "thing"));
    w->SetEntity(subject, type, aliases);
    w->SetEntity(subject, type, aliases);  // twice in one document: counted once
    w->Commit();
  };
  const auto kOrg = EntityType::kOrganisation;
  const auto kPerson = EntityType::kPerson;
  // One document misspells the long name it gives OPEC; three write OPEC.
  doc("Organiaation of Petroleum Exporting Countries", kOrg, {"OPEC"});
  for (int i = 0; i < 3; ++i) doc("OPEC", kOrg, {});
  // "Reagan" is given by Ronald Reagan's two documents and by Nancy Reagan's one.
  for (int i = 0; i < 3; ++i) doc("Reagan", kPerson, {});
  for (int i = 0; i < 2; ++i) doc("Ronald Reagan", kPerson, {"Reagan"});
  doc("Nancy Reagan", kPerson, {"Reagan"});
  // An acronym no document explains, spelt by one company's initials with its suffix's.
  doc("American Motors Corp", kOrg, {});
  doc("AMC", kOrg, {});
  // A company named whole is no short form of a longer name that gave its first word.
  doc("Continental Illinois Corp", kOrg, {"Continental"});
  doc("Continental Corp", kOrg, {});
  // Two legal forms of one name are two companies; the bare name is the one more documents
  // write, and "Corporation" is "Corp".
  for (int i = 0; i < 2; ++i) doc("Contoso Plc", kOrg, {});
  doc("Contoso NV", kOrg, {});
  doc("Contoso", kOrg, {});
  doc("Fabrikam Corporation", kOrg, {});
  doc("Fabrikam Corp", kOrg, {});

  std::map<std::string, uint64_t> written;
  store->ForEachEntity([&](TermId id, EntityType, const std::vector<std::string>&, uint64_t docs) {
    written[*store->TermName(id)] = docs;
    return true;
  });
  CHECK(written["OPEC"] == 3);
  CHECK(written["Organiaation of Petroleum Exporting Countries"] == 1);
  CHECK(written["Ronald Reagan"] == 2);
  // A record written before the count was kept (type and aliases only) reads as one document.
  std::string old_record = records::EncodeEntity(kOrg, {"MSFT"}, 7);
  old_record.pop_back();
  EntityType type = EntityType::kOther;
  std::vector<std::string> aliases;
  uint64_t documents = 0;
  records::DecodeEntity(old_record, &type, &aliases, &documents);
  CHECK(type == kOrg);
  CHECK(aliases == std::vector<std::string>{"MSFT"});
  CHECK(documents == 1);
  records::DecodeEntity(records::EncodeEntity(kOrg, {"MSFT"}, 7), &type, &aliases, &documents);
  CHECK(documents == 7);

  auto g = LoadGraph(*store);
  graph::VertexId opec = *g->FindVertex("OPEC");
  CHECK(g->FindVertex("Organiaation of Petroleum Exporting Countries") == opec);
  CHECK(g->VertexName(opec) == "OPEC");
  graph::VertexId reagan = *g->FindVertex("Reagan");
  CHECK(g->FindVertex("Ronald Reagan") == reagan);
  CHECK(g->VertexName(reagan) == "Ronald Reagan");  // a person's full name, not the surname
  CHECK(g->OutDegree(reagan) == 2);                 // "Reagan act thing" once, with three sources
  CHECK(g->FindVertex("Nancy Reagan") != reagan);
  CHECK(g->FindVertex("AMC") == g->FindVertex("American Motors Corp"));
  CHECK(g->VertexName(*g->FindVertex("AMC")) == "American Motors Corp");
  CHECK(g->FindVertex("Continental Corp") != g->FindVertex("Continental Illinois Corp"));
  CHECK(g->FindVertex("Contoso Plc") != g->FindVertex("Contoso NV"));
  CHECK(g->FindVertex("Contoso") == g->FindVertex("Contoso Plc"));
  CHECK(g->FindVertex("Fabrikam Corp") == g->FindVertex("Fabrikam Corporation"));
}

TEST_CASE("manual merges apply to the graph, and check finds and repairs a dangling one",
          "[storage][snapshot]") {
  TempDir dir;
  auto store = OpenWriter(dir / "db");
  WriteDoc(*store, "a", "1",
           {Rec("Royal Dutch Shell", "sell", "stake"), Rec("Shell", "buy", "stake")});
  store->SetMerge("Shell", "Royal Dutch Shell");
  auto g = LoadGraph(*store);
  graph::VertexId rds = *g->FindVertex("Royal Dutch Shell");
  CHECK(g->FindVertex("Shell") == rds);
  CHECK(g->OutDegree(rds) == 2);
  CHECK(g->VertexName(rds) == "Royal Dutch Shell");  // the merge's canonical, not the longest
  // A chain: Royal Dutch Shell into Shell plc moves Shell along.
  WriteDoc(*store, "b", "1", {Rec("Shell plc", "open", "refinery")});
  store->SetMerge("Royal Dutch Shell", "Shell plc");
  g = LoadGraph(*store);
  graph::VertexId plc = *g->FindVertex("Shell plc");
  CHECK(g->FindVertex("Shell") == plc);
  CHECK(g->OutDegree(plc) == 3);
  CHECK(store->Check(false).problems.empty());

  store->SetMerge("Ghost", "Shell plc");
  Store::CheckReport report = store->Check(false);
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0] ==
        "merge of 'Ghost' into 'Shell plc' dangles: 'Ghost' is no name in the store");
  report = store->Check(true);
  CHECK(report.repaired);
  CHECK(store->Check(false).problems.empty());
  CHECK(store->Merges().size() == 2);
  // Undone, Shell is its own node again.
  CHECK(store->RemoveMerge("Shell"));
  CHECK(!store->RemoveMerge("Shell"));
  g = LoadGraph(*store);
  CHECK(g->FindVertex("Shell") != g->FindVertex("Shell plc"));
}

TEST_CASE("weft check finds each kind of damage and --repair mends it", "[storage][check]") {
  struct Kind {
    const char* what;
    std::function<void(rocksdb::DB*, std::map<std::string, rocksdb::ColumnFamilyHandle*>&)> hurt;
  };
  const std::vector<Kind> kinds = {
      {"has no content key",
       [](rocksdb::DB* raw, auto& cf) { DeleteFirst(raw, cf["statement_keys"]); }},
      {"missing from the dictionary by id",
       [](rocksdb::DB* raw, auto& cf) { DeleteFirst(raw, cf["terms_by_id"]); }},
      {"does not cite it",
       [](rocksdb::DB* raw, auto& cf) {
         REQUIRE(raw->Put(rocksdb::WriteOptions(), cf["doc_statements"],
                          records::Be64(1) + records::Be64(999999), "")
                     .ok());
       }},
      {"which does not hold it",
       [](rocksdb::DB* raw, auto& cf) {
         // A content key naming a statement of other content.
         std::unique_ptr<rocksdb::Iterator> it(
             raw->NewIterator(rocksdb::ReadOptions(), cf["statement_keys"]));
         it->SeekToFirst();
         REQUIRE(it->Valid());
         std::string key = it->key().ToString();
         key[key.size() - 1] = static_cast<char>(key.back() + 1);
         REQUIRE(raw->Put(rocksdb::WriteOptions(), cf["statement_keys"], key, it->value()).ok());
       }},
      {"does not list its statement",
       [](rocksdb::DB* raw, auto& cf) { DeleteFirst(raw, cf["doc_statements"]); }},
      {"malformed document membership record",
       [](rocksdb::DB* raw, auto& cf) {
         // A range whose end is not an id.
         REQUIRE(raw->Put(rocksdb::WriteOptions(), cf["doc_statements"],
                          records::Be64(1) + records::Be64(1), "bad")
                     .ok());
       }},
  };
  for (const Kind& kind : kinds) {
    DYNAMIC_SECTION(kind.what) {
      TempDir dir;
      const std::string db = dir / "db";
      std::multiset<std::string> before;
      {
        auto store = OpenWriter(db);
        WriteDoc(*store, "a", "1",
                 {Rec("Acme", "buy", "Globex", {{"for", "$5m"}}), Rec("Globex", "own", "Initech")});
        WriteDoc(*store, "b", "1", {Rec("Acme", "buy", "Globex", {{"for", "$5m"}})});
        before = Dump(*store);
        REQUIRE(store->Check(false).problems.empty());
      }
      Damage(db, kind.hurt);
      auto store = OpenWriter(db);
      Store::CheckReport found = store->Check(false);
      REQUIRE(!found.problems.empty());
      std::string all;
      for (const std::string& p : found.problems) all += p + "\n";
      INFO(all);
      CHECK(all.find(kind.what) != std::string::npos);
      Store::CheckReport repaired = store->Check(true);
      CHECK(repaired.repaired);
      Store::CheckReport after = store->Check(false);
      std::string left;
      for (const std::string& p : after.problems) left += p + "\n";
      INFO(left);
      CHECK(after.problems.empty());
      CHECK(Dump(*store) == before);
    }
  }
}

TEST_CASE("the check finds a snapshot that the change log brings to another graph",
          "[storage][snapshot]") {
  TempDir dir;
  const std::string db = dir / "db";
  std::string file;
  {
    auto store = OpenWriter(db);
    WriteDoc(*store, "a", "1", {Rec("Tencent", "recruit", "researcher")});
    LoadGraph(*store);  // the file, at the store's first write
    file = SnapshotPath(*store);
    WriteDoc(*store, "b", "1", {Rec("Alibaba", "invest", "chip"), Rec("Baidu", "invest", "chip")});
    CHECK(CheckSnapshot(*store, false).empty());
  }
  // The last write's record emptied, as if the writer had failed to name what it changed.
  Damage(db, [](rocksdb::DB* raw, auto& cf) {
    std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), cf["default"]));
    it->SeekForPrev("change/\xff");
    REQUIRE(it->Valid());
    REQUIRE(it->key().starts_with("change/"));
    records::ChangeRecord empty;
    REQUIRE(
        raw->Put(rocksdb::WriteOptions(), cf["default"], it->key(), records::EncodeChange(empty))
            .ok());
  });
  auto store = OpenWriter(db);
  std::vector<std::string> problems = CheckSnapshot(*store, /*repair=*/true);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("differs from the statements: 1 edges, where the statements make 3") !=
        std::string::npos);
  CHECK(!std::filesystem::exists(file));
  CHECK(CheckSnapshot(*store, false).empty());
  CHECK(LoadGraph(*store)->num_edges() == 3);
  CHECK(CheckSnapshot(*store, false).empty());
}
