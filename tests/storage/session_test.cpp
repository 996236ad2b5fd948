#include "storage/session.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "graph/base/error.h"
#include "tests/test_util.h"

using namespace weft;
using namespace weft::storage;
using weft::testing::TempDir;

namespace {

StatementRecord Rec(std::string s, std::string p, std::string o) {
  StatementRecord r;
  r.subject = std::move(s);
  r.predicate = std::move(p);
  r.object = std::move(o);
  return r;
}

void AddDocument(Store& store, const std::string& name, const std::string& subject) {
  std::unique_ptr<DocumentWriter> w = store.BeginDocument(name, "hash-" + name + subject);
  w->Add(Rec(subject, "acquire", "Globex"));
  w->Commit();
}

OpenOptions Writer() { return {}; }

OpenOptions Reader() {
  OpenOptions o;
  o.read_only = true;
  o.create_if_missing = false;
  return o;
}

}  // namespace

TEST_CASE("a session's view stays whole while the session writes and reloads", "[session]") {
  TempDir dir;
  auto session = Session::Open(dir / "db", Writer());
  std::shared_ptr<const View> before = session->view();
  CHECK(before->graph->num_edges() == 0);

  session->Write([](Store& store) { AddDocument(store, "a", "Acme"); });
  // Nothing changes under a holder: the old view is as it was until Refresh hands out a new one.
  CHECK(session->view() == before);
  bool changed = false;
  std::shared_ptr<const View> after = session->Refresh({}, &changed);
  CHECK(changed);
  CHECK(after->graph->num_edges() == 1);
  CHECK(before->graph->num_edges() == 0);
  CHECK(session->view() == after);

  // Nothing written since: the same view.
  CHECK(session->Refresh({}, &changed) == after);
  CHECK_FALSE(changed);
}

TEST_CASE("a reader session sees another writer's documents when it looks again", "[session]") {
  TempDir dir;
  { Store::Open(dir / "db", Writer()); }
  auto reader = Session::Open(dir / "db", Reader());
  CHECK(reader->view()->graph->num_edges() == 0);
  {
    std::unique_ptr<Store> writer = Store::Open(dir / "db", Writer());
    AddDocument(*writer, "a", "Acme");
  }
  // Within the interval the view is not looked at again.
  CHECK(reader->Refresh(std::chrono::hours(1))->graph->num_edges() == 0);
  std::shared_ptr<const View> fresh = reader->Refresh();
  CHECK(fresh->graph->num_edges() == 1);
  CHECK(fresh->store->Sequence() == fresh->sequence());
  CHECK_THROWS_AS(reader->Write([](Store&) {}), UsageError);
}

TEST_CASE("a closed session refuses calls and leaves held views readable", "[session]") {
  TempDir dir;
  auto session = Session::Open(dir / "db", Writer());
  session->Write([](Store& store) { AddDocument(store, "a", "Acme"); });
  std::shared_ptr<const View> held = session->Refresh();
  session->Close();
  CHECK_THROWS_AS(session->view(), UsageError);
  CHECK_THROWS_AS(session->Refresh(), UsageError);
  CHECK_THROWS_AS(session->Write([](Store&) {}), UsageError);
  CHECK_THROWS_AS(session->Read([](const Store& s) { return s.Sequence(); }), UsageError);
  CHECK(held->graph->num_edges() == 1);
  CHECK(held->store->FindTerm("Acme").has_value());
  session->Close();  // twice is harmless
}

TEST_CASE("writers on several threads take turns and readers never see a freed graph",
          "[session]") {
  TempDir dir;
  auto session = Session::Open(dir / "db", Writer());
  constexpr int kWriters = 3, kDocuments = 15;
  std::atomic<bool> done{false};
  std::atomic<uint64_t> reads{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kDocuments; ++i) {
        const std::string name = "w" + std::to_string(w) + "-" + std::to_string(i);
        session->Write([&](Store& store) { AddDocument(store, name, "Company " + name); });
      }
    });
  }
  std::atomic<bool> bad{false};
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&] {
      // At least once, however soon the writers finish.
      do {
        std::shared_ptr<const View> v = session->Refresh();
        // Every edge of the view's graph names vertices of that graph (Catch's checks are for
        // the test's own thread: the result is checked after the join).
        for (graph::EdgeId e = 0; e < v->graph->num_edges(); ++e) {
          if (v->graph->Source(e) >= v->graph->num_vertices()) bad = true;
        }
        reads += 1;
      } while (!done);
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  done = true;
  for (size_t t = kWriters; t < threads.size(); ++t) threads[t].join();
  CHECK(reads >= 2);
  CHECK_FALSE(bad);
  std::shared_ptr<const View> last = session->Refresh();
  CHECK(last->graph->num_edges() == kWriters * kDocuments);
  CHECK(session->Read([](const Store& s) { return s.Stats().documents; }) == kWriters * kDocuments);
}

TEST_CASE("a second writer on one store handle is refused, not aborted", "[session]") {
  TempDir dir;
  std::unique_ptr<Store> store = Store::Open(dir / "db", Writer());
  std::unique_ptr<DocumentWriter> first = store->BeginDocument("a", "h1");
  CHECK_THROWS_AS(store->BeginDocument("b", "h2"), UsageError);
  first->Abort();
  // Given back when the first ends: the next one is taken.
  std::unique_ptr<DocumentWriter> second = store->BeginDocument("b", "h2");
  second->Add(Rec("Acme", "buy", "Globex"));
  second->Commit();
  CHECK(store->Stats().documents == 1);
  // An unchanged document makes no writer and keeps none.
  { auto same = store->BeginDocument("b", "h2"); }
  CHECK_NOTHROW(store->BeginDocument("c", "h3")->Abort());
}
