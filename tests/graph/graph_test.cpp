#include "graph/snapshot/graph.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <type_traits>

#include "graph/base/atomic_file.h"
#include "graph/snapshot/algorithms.h"
#include "graph/snapshot/suggest.h"
#include "tests/graph/make_graph.h"
#include "tests/test_util.h"

using namespace weft;
using namespace weft::graph;
using weft::testing::Make;
using weft::testing::Names;

TEST_CASE("labelled hops in both directions use the per-vertex label groups", "[graph]") {
  auto g = Make({{"Tencent", "recruit", "researcher"},
                 {"Tencent", "invest_in", "chips"},
                 {"Alibaba", "invest_in", "chips"},
                 {"researcher", "work_at", "OpenAI"},
                 {"Tencent", "recruit", "engineer"}});
  CHECK(g->num_vertices() == 6);
  CHECK(g->num_edges() == 5);
  CHECK(g->sequence() == 7);
  VertexId tencent = *g->FindVertex("Tencent");
  LabelId recruit = *g->FindLabel("recruit");
  LabelId invest = *g->FindLabel("invest_in");
  auto r = g->OutEdges(tencent, recruit);
  REQUIRE(r.size() == 2);
  std::set<std::string> recruited;
  for (EdgeId e = r.begin; e < r.end; ++e)
    recruited.insert(std::string(g->VertexName(g->Target(e))));
  CHECK(recruited == std::set<std::string>{"researcher", "engineer"});
  CHECK(g->OutEdges(tencent).size() == 3);
  VertexId chips = *g->FindVertex("chips");
  auto in = g->InEdges(chips, invest);
  REQUIRE(in.size() == 2);
  std::set<std::string> investors;
  for (EdgeId e : in) investors.insert(std::string(g->VertexName(g->Source(e))));
  CHECK(investors == std::set<std::string>{"Tencent", "Alibaba"});
  CHECK(g->InEdges(chips, recruit).empty());
  CHECK(g->InEdges(*g->FindVertex("OpenAI")).size() == 1);
  CHECK_FALSE(g->FindLabel("acquire").has_value());
  CHECK(g->LabelCount(recruit) == 2);
}

TEST_CASE("names resolve case-insensitively and through aliases", "[graph]") {
  auto g = Make({{"United States", "border", "Canada"}, {"us", "pronoun_of", "we"}},
                {{"United States", {"U.S.", "US", "America"}}});
  VertexId usa = *g->FindVertex("United States");
  CHECK(g->FindVertex("united states") == usa);
  CHECK(g->FindVertex("U.S.") == usa);
  CHECK(g->FindVertex("america") == usa);
  // "us" is both an entity's own name and an alias: the exact name wins, both are listed.
  CHECK(g->VertexName(*g->FindVertex("us")) == "us");
  CHECK(g->FindVertices("US").size() == 2);
  CHECK(g->VertexType(usa) == EntityType::kPlace);
  CHECK(g->VertexAliases(usa).size() == 3);
  CHECK_FALSE(g->FindVertex("Mexico").has_value());
  CHECK(Names(*g, g->VerticesWithPrefix("UNI", 10)) == std::vector<std::string>{"United States"});
  CHECK(SuggestVertices(*g, "Cnada") == std::vector<std::string>{"Canada"});
  CHECK(SuggestLabels(*g, "bordr") == std::vector<std::string>{"border"});
  CHECK(DidYouMean({"a", "b"}) == "; did you mean 'a' or 'b'?");
}

TEST_CASE("shortest paths follow direction and labels and pass through cycles", "[graph]") {
  auto g = Make({{"A", "p", "B"},
                 {"B", "p", "C"},
                 {"C", "p", "A"},
                 {"C", "q", "D"},
                 {"E", "p", "D"},
                 {"A", "self", "A"}});
  auto v = [&](const char* n) { return *g->FindVertex(n); };
  auto p = ShortestPath(*g, v("A"), v("D"));
  REQUIRE(p);
  CHECK(Names(*g, p->vertices) == std::vector<std::string>{"A", "C", "D"});  // C <-p- ... A
  CHECK(p->forward == std::vector<bool>{false, true});
  PathOptions out;
  out.direction = Direction::kOut;
  p = ShortestPath(*g, v("A"), v("D"), out);
  REQUIRE(p);
  CHECK(Names(*g, p->vertices) == std::vector<std::string>{"A", "B", "C", "D"});
  CHECK_FALSE(ShortestPath(*g, v("D"), v("A"), out).has_value());
  PathOptions in;
  in.direction = Direction::kIn;
  CHECK(ShortestPath(*g, v("D"), v("A"), in)->edges.size() == 3);
  PathOptions only_p;
  only_p.label = *g->FindLabel("p");
  CHECK_FALSE(ShortestPath(*g, v("A"), v("D"), only_p).has_value());  // D joins by q only
  p = ShortestPath(*g, v("A"), v("C"), only_p);
  REQUIRE(p);
  CHECK(Names(*g, p->vertices) == std::vector<std::string>{"A", "C"});
  out.max_hops = 2;
  CHECK_FALSE(ShortestPath(*g, v("A"), v("D"), out).has_value());
  CHECK(ShortestPath(*g, v("A"), v("A"))->edges.empty());
  auto w = WeightedShortestPath(*g, v("A"), v("D"), {});
  REQUIRE(w);
  CHECK(w->vertices.front() == v("A"));
  CHECK(w->vertices.back() == v("D"));
  CHECK(w->cost > 0);
}

TEST_CASE("k-hop neighbourhoods are induced subgraphs", "[graph]") {
  auto g =
      Make({{"A", "p", "B"}, {"B", "p", "C"}, {"C", "p", "D"}, {"B", "q", "A"}, {"X", "p", "Y"}});
  auto sub = Neighbourhood(*g, *g->FindVertex("A"), 1);
  auto names = Names(*g, sub.vertices);
  CHECK(std::set<std::string>(names.begin(), names.end()) == std::set<std::string>{"A", "B"});
  CHECK(sub.edges.size() == 2);  // A->B and B->A
  sub = Neighbourhood(*g, *g->FindVertex("A"), 2);
  CHECK(sub.vertices.size() == 3);
  CHECK(sub.edges.size() == 3);
  PathOptions in;
  in.direction = Direction::kIn;
  sub = Neighbourhood(*g, *g->FindVertex("C"), 5, in);
  CHECK(sub.vertices.size() == 3);  // C, B, A
}

TEST_CASE("components, PageRank and betweenness on a hand-checked graph", "[graph]") {
  // A star into H plus a separate pair.
  auto g = Make({{"a", "p", "H"}, {"b", "p", "H"}, {"c", "p", "H"}, {"x", "p", "y"}});
  uint32_t count = 0;
  auto comp = WeakComponents(*g, &count);
  CHECK(count == 2);
  CHECK(comp[*g->FindVertex("a")] == comp[*g->FindVertex("H")]);
  CHECK(comp[*g->FindVertex("x")] != comp[*g->FindVertex("H")]);
  auto pr = PageRank(*g);
  double sum = 0;
  for (double x : pr) sum += x;
  CHECK(sum == Approx(1.0));
  CHECK(pr[*g->FindVertex("H")] > pr[*g->FindVertex("a")]);
  CHECK(pr[*g->FindVertex("a")] == Approx(pr[*g->FindVertex("b")]));

  auto chain = Make({{"a", "p", "b"}, {"b", "p", "c"}, {"c", "p", "d"}});
  auto bc = Betweenness(*chain);
  CHECK(bc[*chain->FindVertex("a")] == 0);
  CHECK(bc[*chain->FindVertex("b")] == 2);  // a->c, a->d
  CHECK(bc[*chain->FindVertex("c")] == 2);  // a->d, b->d
  auto sampled = Betweenness(*chain, /*exact_limit=*/0, /*samples=*/4000, /*seed=*/3);
  CHECK(sampled[*chain->FindVertex("b")] == Approx(2).epsilon(0.15));
}

TEST_CASE("PageRank, components and path lengths agree with networkx", "[graph][networkx]") {
  // A random multigraph with parallel edges, self-loops and sinks.
  std::mt19937_64 rng(2026);
  std::vector<std::tuple<std::string, std::string, std::string>> triples;
  for (int i = 0; i < 4000; ++i) {
    auto v = [&] {
      return "v" + std::to_string(static_cast<int>(std::pow((rng() % 10000) / 10000.0, 2) * 1500));
    };
    triples.emplace_back(v(), "l" + std::to_string(rng() % 7), v());
  }
  auto g = Make(triples);
  weft::testing::TempDir dir;
  {
    std::ofstream edges(dir / "edges.tsv");
    for (auto& [s, p, o] : triples) edges << s << "\t" << o << "\n";
  }
  std::vector<std::pair<VertexId, VertexId>> pairs;
  {
    std::ofstream q(dir / "pairs.tsv");
    for (int i = 0; i < 200; ++i) {
      VertexId a = static_cast<VertexId>(rng() % g->num_vertices());
      VertexId b = static_cast<VertexId>(rng() % g->num_vertices());
      pairs.emplace_back(a, b);
      q << g->VertexName(a) << "\t" << g->VertexName(b) << "\n";
    }
  }
  std::string script = std::string(WEFT_TEST_DATA) + "/graph/networkx_reference.py";
  auto r = weft::testing::RunShell(
      "/usr/bin/python3 '" + script + "' edges.tsv pairs.tsv > ref.txt", dir);
  REQUIRE(r.exit_code == 0);
  std::ifstream ref(dir / "ref.txt");
  std::string kind;
  auto pr = PageRank(*g, 0.85, 1000, 1e-10);  // the reference's tolerance
  uint32_t count = 0;
  auto comp = WeakComponents(*g, &count);
  size_t checked_pr = 0, checked_paths = 0;
  std::string line;
  while (std::getline(ref, line)) {
    std::istringstream in(line);
    in >> kind;
    if (kind == "components") {
      uint32_t n = 0;
      in >> n;
      CHECK(n == count);
    } else if (kind == "pagerank") {
      std::string name;
      double value = 0;
      in >> name >> value;
      CHECK(pr[*g->FindVertex(name)] == Approx(value).margin(1e-9));
      ++checked_pr;
    } else if (kind == "same_component") {
      std::string a, b;
      int same = 0;
      in >> a >> b >> same;
      CHECK((comp[*g->FindVertex(a)] == comp[*g->FindVertex(b)]) == (same == 1));
    } else if (kind == "path") {
      std::string a, b;
      long directed = 0, undirected = 0;
      in >> a >> b >> directed >> undirected;
      PathOptions out;
      out.direction = Direction::kOut;
      auto d = ShortestPath(*g, *g->FindVertex(a), *g->FindVertex(b), out);
      auto u = ShortestPath(*g, *g->FindVertex(a), *g->FindVertex(b));
      CHECK((d ? static_cast<long>(d->edges.size()) : -1) == directed);
      CHECK((u ? static_cast<long>(u->edges.size()) : -1) == undirected);
      ++checked_paths;
    }
  }
  CHECK(checked_pr == g->num_vertices());
  CHECK(checked_paths == pairs.size());
}

// A copied Graph would keep views into the original's string pools (a use after free once the
// original is gone): copying and moving do not compile.
static_assert(!std::is_copy_constructible_v<weft::graph::Graph>);
static_assert(!std::is_copy_assignable_v<weft::graph::Graph>);
static_assert(!std::is_move_constructible_v<weft::graph::Graph>);
static_assert(!std::is_move_assignable_v<weft::graph::Graph>);

TEST_CASE("an atomic file is whole or absent", "[graph][file]") {
  weft::testing::TempDir dir;
  const std::string path = dir / "out.txt";
  {
    weft::AtomicFile f(path);
    f.stream() << "half";
    CHECK(std::filesystem::exists(f.temporary_path()));
    // Destroyed without Commit: nothing is left, not even the temporary file.
  }
  CHECK(!std::filesystem::exists(path));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 0);
  {
    weft::AtomicFile f(path);
    f.stream() << "whole " << 42;
    f.Write("!", 1);
    f.Commit();
  }
  CHECK(weft::testing::ReadFile(path) == "whole 42!");
  // A link is followed: the file it names is replaced and the link stays.
  std::filesystem::create_symlink(path, dir / "link.txt");
  {
    weft::AtomicFile f(dir / "link.txt");
    f.stream() << "through the link";
    f.Commit();
  }
  CHECK(std::filesystem::is_symlink(dir / "link.txt"));
  CHECK(weft::testing::ReadFile(path) == "through the link");
  // A device or pipe is written in place, never replaced by a file.
  {
    weft::AtomicFile f("/dev/null");
    CHECK(f.temporary_path().empty());
    f.stream() << "nothing";
    f.Commit();
  }
  struct stat null_stat {};
  REQUIRE(::stat("/dev/null", &null_stat) == 0);
  CHECK(S_ISCHR(null_stat.st_mode));
  const std::string fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string through_pipe;
  std::thread reader([&] { through_pipe = weft::testing::ReadFile(fifo); });
  {
    weft::AtomicFile f(fifo);
    f.stream() << "piped";
    f.Commit();
  }
  reader.join();
  CHECK(through_pipe == "piped");
  struct stat fifo_stat {};
  REQUIRE(::stat(fifo.c_str(), &fifo_stat) == 0);
  CHECK(S_ISFIFO(fifo_stat.st_mode));
  try {
    weft::AtomicFile f((dir / "no-such-dir/out.txt"));
    FAIL("opened a file in a missing directory");
  } catch (const weft::FileError& e) {
    CHECK(std::string(e.what()).find("no-such-dir/out.txt: cannot write: No such file") !=
          std::string::npos);
  }
}
