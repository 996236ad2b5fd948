// The snapshot file's graph brought up to date from the change log must equal a graph built
// from every statement, whatever the order of the writes since.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "graph/snapshot/graph.h"
#include "storage/loader.h"
#include "storage/store.h"
#include "tests/test_util.h"

using namespace weft;
using namespace weft::storage;
using weft::testing::TempDir;

namespace {

struct Entity {
  std::string name;
  EntityType type;
  std::vector<std::string> aliases;
};

struct Doc {
  std::string name;
  std::vector<StatementRecord> records;
  std::vector<Entity> entities;
};

StatementRecord Rec(std::string s, std::string p, std::string o, std::vector<Qualifier> q = {}) {
  StatementRecord r;
  r.subject = std::move(s);
  r.predicate = std::move(p);
  r.object = std::move(o);
  r.qualifiers = std::move(q);
  return r;
}

void Write(Store& store, const Doc& doc) {
  std::string hash;
  for (const auto& r : doc.records) hash += r.subject + r.predicate + r.object + ";";
  for (const auto& e : doc.entities) hash += e.name + ";";
  auto w = store.BeginDocument(doc.name, ContentHash(hash));
  for (const auto& r : doc.records) w->Add(r);
  for (const auto& e : doc.entities) w->SetEntity(e.name, e.type, e.aliases);
  w->Commit();
}

// The graph as text, without its numbering, after checking the indexes agree with the edges.
std::vector<std::string> Canonical(const graph::Graph& g) {
  std::vector<std::string> out;
  size_t in_total = 0;
  for (graph::VertexId v = 0; v < g.num_vertices(); ++v) {
    std::vector<std::string> aliases;
    for (std::string_view a : g.VertexAliases(v)) aliases.emplace_back(a);
    std::sort(aliases.begin(), aliases.end());
    std::string line = "V " + std::string(g.VertexTerm(v)) + " type " +
                       std::to_string(static_cast<int>(g.VertexType(v))) + " [";
    for (const auto& a : aliases) line += a + ";";
    out.push_back(line + "]");
    CHECK(g.OutDegree(v) + g.InDegree(v) > 0);  // no vertex without an edge
    // Found by its name, its aliases and its name's prefix.
    auto found = [&](std::string_view name) {
      auto all = g.FindVertices(name);
      return std::find(all.begin(), all.end(), v) != all.end();
    };
    CHECK(found(g.VertexName(v)));
    for (const auto& a : aliases) CHECK(found(a));
    auto prefixed = g.VerticesWithPrefix(g.VertexName(v), g.num_vertices());
    CHECK(std::find(prefixed.begin(), prefixed.end(), v) != prefixed.end());
    // Out-edges by (label, target, statement); in-edges by (label, source), all into v.
    auto range = g.OutEdges(v);
    for (graph::EdgeId e = range.begin; e + 1 < range.end; ++e) {
      auto key = [&](graph::EdgeId x) {
        return std::tuple(g.Label(x).value, g.Target(x), g.Statement(x).value);
      };
      CHECK(key(e) < key(e + 1));
    }
    auto in = g.InEdges(v);
    in_total += in.size();
    for (size_t i = 0; i < in.size(); ++i) {
      CHECK(g.Target(in[i]) == v);
      if (i + 1 < in.size()) {
        CHECK(std::pair(g.Label(in[i]).value, g.Source(in[i])) <=
              std::pair(g.Label(in[i + 1]).value, g.Source(in[i + 1])));
      }
    }
  }
  CHECK(in_total == g.num_edges());
  size_t labelled = 0;
  for (uint32_t l = 0; l < g.num_labels(); ++l) {
    const graph::LabelId label(l);
    CHECK(g.LabelCount(label) > 0);  // no label without an edge
    CHECK(g.FindLabel(g.LabelName(label)) == label);
    for (graph::EdgeId e : g.LabelEdges(label)) CHECK(g.Label(e) == label);
    labelled += g.LabelEdges(label).size();
  }
  CHECK(labelled == g.num_edges());
  for (graph::EdgeId e = 0; e < g.num_edges(); ++e) {
    std::vector<std::string> quals;
    for (const auto& q : g.Qualifiers(e)) {
      quals.push_back(std::string(g.String(q.role)) + "=" + std::string(g.String(q.value)));
    }
    std::sort(quals.begin(), quals.end());
    std::string line = "E " + std::string(g.VertexTerm(g.Source(e))) + " -" +
                       std::string(g.LabelName(g.Label(e))) + "-> " +
                       std::string(g.VertexTerm(g.Target(e))) + " #" +
                       std::to_string(g.Statement(e).value) + " c" +
                       std::to_string(g.Confidence(e)) + " s" + std::to_string(g.Support(e));
    for (const auto& q : quals) line += " " + q;
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Rebuilt(const Store& store) {
  LoadOptions fresh;
  fresh.use_snapshot_file = false;
  return Canonical(*LoadGraph(store, fresh));
}

const Doc kBase1{
    "d1",
    {Rec("Microsoft", "acquire", "Activision"), Rec("Satya Nadella", "lead", "Microsoft"),
     Rec("United States", "border", "Canada", {{"since", "1867"}})},
    {{"Microsoft", EntityType::kOrganisation, {"MSFT"}},
     {"Satya Nadella", EntityType::kPerson, {}},
     {"United States", EntityType::kPlace, {"U.S."}}}};
const Doc kBase2{
    "d2", {Rec("Tencent", "recruit", "researcher")}, {{"Tencent", EntityType::kOrganisation, {}}}};

// Writes after the snapshot: each a named step.
struct Step {
  const char* what;
  std::function<void(Store&)> run;
  bool logged;  // the change log describes it (else the graph is built again)
};

std::vector<Step> Steps() {
  return {
      {"a fuller name joins an entity and renames its node",
       [](Store& s) {
         Write(s, {"d3",
                   {Rec("Microsoft Corp", "hire", "engineer", {{"to", "Ireland"}})},
                   {{"Microsoft Corp", EntityType::kOrganisation, {}}}});
       },
       true},
      {"a document replaced by other content",
       [](Store& s) {
         Doc d = kBase1;
         d.records = {Rec("Microsoft", "acquire", "Activision"),
                      Rec("Canada", "trade", "United States", {{"in", "2024"}})};
         Write(s, d);
       },
       true},
      {"a document removed: its only entity goes",
       [](Store& s) { REQUIRE(s.RemoveDocument("d2")); }, true},
      {"an alias given joins a new name to an entity",
       [](Store& s) {
         Write(s, {"d4",
                   {Rec("Nadella", "visit", "Ireland")},
                   {{"Satya Nadella", EntityType::kPerson, {"Nadella"}},
                    {"Nadella", EntityType::kPerson, {}}}});
       },
       true},
      {"a statement stated again: more support",
       [](Store& s) {
         Write(s, {"d5", {Rec("Microsoft", "acquire", "Activision"), Rec("x", "y", "z")}, {}});
       },
       true},
  };
}

void RunOrder(const std::vector<size_t>& order, size_t rewrite_after) {
  TempDir dir;
  auto store = Store::Open(dir / "db", OpenOptions());
  Write(*store, kBase1);
  Write(*store, kBase2);
  LoadReport report;
  LoadOptions options;
  options.report = &report;
  options.rewrite_after = rewrite_after;
  LoadGraph(*store, options);
  REQUIRE(report.file_written);
  const std::vector<Step> steps = Steps();
  for (size_t i : order) {
    const Step& step = steps[i];
    INFO("after: " << step.what);
    step.run(*store);
    auto g = LoadGraph(*store, options);
    CHECK(g->sequence() == store->Sequence());
    if (step.logged) CHECK(report.source == LoadReport::Source::kUpdated);
    CHECK(Canonical(*g) == Rebuilt(*store));
    // Read back: the file's graph (when written) or the same update again.
    CHECK(Canonical(*LoadGraph(*store, options)) == Rebuilt(*store));
  }
}

}  // namespace

TEST_CASE("a snapshot brought up to date equals a build, in every order of writes",
          "[storage][snapshot]") {
  std::vector<size_t> order(Steps().size());
  std::iota(order.begin(), order.end(), 0);
  size_t orders = 0;
  do {
    INFO("order " << orders);
    RunOrder(order, SIZE_MAX);  // every load applies all changes since the first file
    // Every load writes the file, so changes apply to updated graphs (half the orders).
    if (orders % 2 == 0) RunOrder(order, 1);
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(orders == 120);
}

TEST_CASE("writes the change log cannot describe make the next load build the graph",
          "[storage][snapshot]") {
  TempDir dir;
  auto store = Store::Open(dir / "db", OpenOptions());
  Write(*store, kBase1);
  LoadReport report;
  LoadOptions options;
  options.report = &report;
  LoadGraph(*store, options);
  CHECK(report.source == LoadReport::Source::kBuilt);
  LoadGraph(*store, options);
  CHECK(report.source == LoadReport::Source::kFile);

  store->SetMerge("MSFT", "Satya Nadella");
  auto g = LoadGraph(*store, options);
  CHECK(report.source == LoadReport::Source::kBuilt);
  CHECK(Canonical(*g) == Rebuilt(*store));
  REQUIRE(store->RemoveMerge("MSFT"));
  g = LoadGraph(*store, options);
  CHECK(report.source == LoadReport::Source::kBuilt);
  CHECK(Canonical(*g) == Rebuilt(*store));

  // A merge stored before its names exist applies when a document brings them.
  store->SetMerge("Baidu Inc", "Baidu");
  LoadGraph(*store, options);
  CHECK(report.source == LoadReport::Source::kBuilt);
  Write(*store, {"d6", {Rec("Baidu Inc", "invest", "chip"), Rec("Baidu", "hire", "engineer")}, {}});
  g = LoadGraph(*store, options);
  CHECK(report.source == LoadReport::Source::kUpdated);
  CHECK(Canonical(*g) == Rebuilt(*store));
  CHECK(g->VertexName(*g->FindVertex("Baidu Inc")) == "Baidu");

  // A pruned log: the records since the file's graph are gone.
  Write(*store, kBase2);
  store->PruneChanges(store->LastChange());
  g = LoadGraph(*store, options);
  CHECK(report.source == LoadReport::Source::kBuilt);
  CHECK(Canonical(*g) == Rebuilt(*store));

  // A document stored again unchanged changes nothing the graph shows.
  Write(*store, kBase2);
  g = LoadGraph(*store, options);
  CHECK(report.source != LoadReport::Source::kBuilt);
  CHECK(Canonical(*g) == Rebuilt(*store));
}

TEST_CASE("the change log names what each write changed", "[storage]") {
  TempDir dir;
  auto store = Store::Open(dir / "db", OpenOptions());
  CHECK(store->LastChange() == 0);
  CHECK(store->ChangesSince(0).has_value());
  Write(*store, kBase2);
  const uint64_t first = store->LastChange();
  CHECK(first >= 1);
  auto all = store->ChangesSince(0);
  REQUIRE(all.has_value());
  CHECK(all->statements.size() == 1);
  CHECK(all->entities.size() == 1);
  CHECK(store->ChangesSince(first)->statements.empty());
  CHECK(!store->ChangesSince(first + 1).has_value());  // past the end: another store's graph
  REQUIRE(store->RemoveDocument("d2"));
  auto removed = store->ChangesSince(first);
  REQUIRE(removed.has_value());
  CHECK(removed->statements == all->statements);
  // Reopened, the log goes on where it stopped.
  store.reset();
  store = Store::Open(dir / "db", OpenOptions());
  const uint64_t last = store->LastChange();
  CHECK(last > first);
  Write(*store, kBase1);
  CHECK(store->LastChange() == last + 1);
  CHECK(store->ChangesSince(last)->statements.size() == 3);
  store->PruneChanges(last);
  CHECK(!store->ChangesSince(0).has_value());
  CHECK(store->ChangesSince(last).has_value());
}

TEST_CASE("pruning the change log writes only when there is something to drop",
          "[storage][snapshot]") {
  TempDir dir;
  auto store = Store::Open(dir / "db", OpenOptions());
  Write(*store, kBase1);
  LoadGraph(*store);  // the file, at the last change
  PruneChangeLog(*store);
  CHECK(!store->ChangesSince(0).has_value());  // dropped
  const uint64_t sequence = store->Sequence();
  PruneChangeLog(*store);  // as every writer's open does: nothing left to drop
  CHECK(store->Sequence() == sequence);
  LoadReport report;
  LoadOptions options;
  options.report = &report;
  LoadGraph(*store, options);  // the pruning write changed no statement: nothing to apply
  CHECK(report.source == LoadReport::Source::kUpdated);
  CHECK(report.changed_statements == 0);
  CHECK(!report.file_written);
}

TEST_CASE(
    "a store's snapshot file with any one byte flipped loads right or is rebuilt, and the "
    "check mends it",
    "[storage][snapshot]") {
  TempDir dir;
  auto store = Store::Open(dir / "db", {});
  Write(*store, {"a",
                 {Rec("Tencent", "recruit", "Li Wei", {{"as", "researcher"}}),
                  Rec("Li Wei", "work_at", "OpenAI"), Rec("Alibaba", "invest_in", "chips")},
                 {{"Tencent", EntityType::kOrganisation, {"Tencent Holdings"}}}});
  const std::vector<std::string> right = Rebuilt(*store);
  LoadGraph(*store);  // writes the file
  const std::string path = SnapshotPath(*store);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  REQUIRE(bytes.size() > 100);
  auto put = [&](const std::string& b) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(b.data(), static_cast<std::streamsize>(b.size()));
  };
  for (size_t at = 0; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x01);
    put(damaged);
    INFO("byte " << at << " of " << bytes.size());
    CHECK(Canonical(*LoadGraph(*store)) == right);
    if (at % 61 == 0) {
      put(damaged);
      CheckSnapshot(*store, /*repair=*/true);
      CHECK(CheckSnapshot(*store, false).empty());
      CHECK(Canonical(*LoadGraph(*store)) == right);
    }
  }
}
