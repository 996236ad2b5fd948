// Times weft's query classes in-process over a store, with seeded random start entities.
//
// Usage: weft_bench_query --db PATH [--queries N] [--seed S] [--out queries.jsonl]
// Prints one JSON object with load figures and, per query class, the median and p95 in
// microseconds; --out writes every query with its row count for the peer comparison.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "graph/base/error.h"
#include "graph/snapshot/algorithms.h"
#include "query/binder/binder.h"
#include "query/engine.h"
#include "query/planner/planner.h"
#include "storage/loader.h"
#include "storage/store.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
  std::string cls;
  std::string query;
  nlohmann::json params;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, out;
  size_t n = 200;
  uint64_t seed = 7;
  int reps = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    if (!std::strcmp(argv[i], "--queries")) n = std::stoul(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seed")) seed = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--out")) out = argv[i + 1];
    if (!std::strcmp(argv[i], "--reps")) reps = std::stoi(argv[i + 1]);
  }
  if (db.empty()) {
    std::fprintf(stderr, "usage: %s --db PATH [--queries N] [--seed S] [--out FILE]\n", argv[0]);
    return 2;
  }
  try {
    weft::storage::OpenOptions ro;
    ro.read_only = true;
    auto store = weft::storage::Store::Open(db, ro);
    // The graph two ways: rebuilt from the statements (what the first process after a write
    // pays), then from the snapshot file that rebuild leaves (what every later one pays).
    weft::storage::LoadOptions rebuild;
    rebuild.use_snapshot_file = false;
    auto t0 = Clock::now();
    weft::storage::LoadGraph(*store, rebuild);
    double rebuild_s = std::chrono::duration<double>(Clock::now() - t0).count();
    weft::storage::LoadGraph(*store);  // writes the file if it is missing or stale
    t0 = Clock::now();
    auto g = weft::storage::LoadGraph(*store);
    double load_s = std::chrono::duration<double>(Clock::now() - t0).count();

    // Seeded draws: start entities with an out-edge, and the labels along real paths, so every
    // query class has answers and no system gets a hand-picked case.
    std::mt19937_64 rng(seed);
    std::vector<weft::graph::VertexId> starts;
    while (starts.size() < n) {
      weft::graph::EdgeId e = static_cast<weft::graph::EdgeId>(rng() % g->num_edges());
      starts.push_back(g->Source(e));
    }
    auto name = [&](weft::graph::VertexId v) { return std::string(g->VertexName(v)); };
    auto label = [&](weft::graph::EdgeId e) { return std::string(g->LabelName(g->Label(e))); };
    std::vector<Case> cases;
    for (weft::graph::VertexId s : starts) {
      auto r = g->OutEdges(s);
      weft::graph::EdgeId e1 = r.begin + static_cast<weft::graph::EdgeId>(rng() % r.size());
      weft::graph::VertexId mid = g->Target(e1);
      cases.push_back(
          {"1-hop", name(s) + " -" + label(e1) + "-> ?o", {{"s", name(s)}, {"p", label(e1)}}});
      auto r2 = g->OutEdges(mid);
      if (r2.size() > 0) {
        weft::graph::EdgeId e2 = r2.begin + static_cast<weft::graph::EdgeId>(rng() % r2.size());
        cases.push_back({"2-hop",
                         name(s) + " -" + label(e1) + "-> ?a -" + label(e2) + "-> ?b",
                         {{"s", name(s)}, {"p1", label(e1)}, {"p2", label(e2)}}});
      }
      auto in = g->InEdges(mid);
      weft::graph::EdgeId e3 = in[rng() % in.size()];
      cases.push_back({"join",
                       name(s) + " -" + label(e1) + "-> ?a, ?b -" + label(e3) + "-> ?a",
                       {{"s", name(s)}, {"p1", label(e1)}, {"p2", label(e3)}}});
      cases.push_back(
          {"closure", name(s) + " -" + label(e1) + "+-> ?x", {{"s", name(s)}, {"p", label(e1)}}});
      weft::graph::VertexId t = g->Source(static_cast<weft::graph::EdgeId>(rng() % g->num_edges()));
      cases.push_back({"shortest-path",
                       "path " + name(s) + " to " + name(t) + " max 6",
                       {{"s", name(s)}, {"t", name(t)}}});
    }
    std::map<std::string, std::vector<double>> times;
    // Where a query's time goes, stage by stage, per class: medians of each stage's own time.
    std::map<std::string, std::map<std::string, std::vector<double>>> stages;
    auto micros = [](Clock::time_point a, Clock::time_point b) {
      return std::chrono::duration<double, std::micro>(b - a).count();
    };
    for (const Case& c : cases) {
      if (c.cls == "shortest-path") continue;
      for (int k = 0; k < reps; ++k) {
        weft::query::Budget budget;
        auto t0 = Clock::now();
        auto parsed = weft::query::ParseQuery(c.query, weft::query::kDefaultMaxQueryBytes, &budget);
        auto t1 = Clock::now();
        auto bound = weft::query::Bind(*parsed, *g, &budget);
        auto t2 = Clock::now();
        weft::query::Plan plan;
        if (bound.kind == weft::query::BoundQuery::Kind::kMatch) {
          plan = weft::query::MakePlan(bound.match, *g, &budget);
        }
        auto t3 = Clock::now();
        weft::query::QueryResult r = weft::query::Execute(bound, plan, *g, {}, budget);
        auto t4 = Clock::now();
        // What RunQuery pays in front instead of the parse once the query's shape was seen:
        // lifting its names and strings out and finding the shape's parse.
        auto t5 = Clock::now();
        auto shaped = weft::query::PreparedQuery::FromShape(c.query);
        auto t6 = Clock::now();
        auto& st = stages[c.cls];
        if (shaped != nullptr) st["shape"].push_back(micros(t5, t6));
        st["parse"].push_back(micros(t0, t1));
        st["bind"].push_back(micros(t1, t2));
        st["plan"].push_back(micros(t2, t3));
        st["execute"].push_back(micros(t3, t4));
      }
    }
    // A prepared 1-hop with its start and label as parameters: parsed once, run with new values.
    {
      auto prepared = weft::query::PreparedQuery::Prepare("$s -$p-> ?o");
      std::vector<double> runs;
      for (const Case& c : cases) {
        if (c.cls != "1-hop") continue;
        weft::query::Params params{
            {"s", weft::query::ParamValue::String(c.params["s"].get<std::string>())},
            {"p", weft::query::ParamValue::String(c.params["p"].get<std::string>())}};
        weft::query::ExecOptions options;
        options.params = &params;
        std::vector<double> one;
        for (int k = 0; k < reps; ++k) {
          auto a = Clock::now();
          weft::query::QueryResult r = prepared->Execute(*g, options);
          one.push_back(micros(a, Clock::now()));
        }
        std::sort(one.begin(), one.end());
        runs.push_back(one[one.size() / 2]);
      }
      times["1-hop prepared"] = runs;
    }
    std::ofstream qout;
    if (!out.empty()) qout.open(out);
    for (const Case& c : cases) {
      std::vector<double> runs;
      size_t rows = 0;
      for (int k = 0; k < reps; ++k) {
        auto a = Clock::now();
        weft::query::QueryResult r = weft::query::RunQuery(c.query, *g);
        runs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
        rows = r.rows.size();
      }
      std::sort(runs.begin(), runs.end());
      times[c.cls].push_back(runs[runs.size() / 2]);
      if (qout) {
        nlohmann::json j = c.params;
        j["class"] = c.cls;
        j["rows"] = rows;
        qout << j.dump() << "\n";
      }
    }
    // PageRank over the whole graph (damping 0.85, dangling rank spread evenly), exactly 20
    // iterations so that every system does the same work (networkx's stopping rule, L1 change
    // below n x 1e-6, would stop after a few on a graph this size); three runs, the median. The
    // ten highest-ranked entities go to the peers for comparison.
    {
      std::vector<double> runs, rank;
      for (int k = 0; k < 3; ++k) {
        auto a = Clock::now();
        rank = weft::graph::PageRank(*g, 0.85, 20, 0.0);
        runs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      }
      std::sort(runs.begin(), runs.end());
      times["pagerank"].push_back(runs[1]);
      std::vector<weft::graph::VertexId> order(rank.size());
      for (size_t v = 0; v < order.size(); ++v) order[v] = static_cast<weft::graph::VertexId>(v);
      size_t top = std::min<size_t>(10, order.size());
      std::partial_sort(order.begin(), order.begin() + static_cast<long>(top), order.end(),
                        [&](auto a, auto b) { return rank[a] > rank[b]; });
      nlohmann::json names = nlohmann::json::array();
      for (size_t i = 0; i < top; ++i) names.push_back(name(order[i]));
      if (qout) {
        nlohmann::json j = {{"class", "pagerank"}, {"rows", top}, {"top", names}};
        qout << j.dump() << "\n";
      }
    }
    nlohmann::json report;
    report["vertices"] = g->num_vertices();
    report["edges"] = g->num_edges();
    report["load_seconds"] = load_s;
    report["rebuild_seconds"] = rebuild_s;
    report["load_edges_per_second"] = static_cast<double>(g->num_edges()) / load_s;
    report["bytes_per_edge_excluding_strings"] = g->EdgeBytes();
    report["snapshot_bytes"] = g->MemoryBytes();
    report["peak_rss_kb"] = PeakRssKb();
    for (auto& [cls, v] : times) {
      report["classes"][cls] = {{"queries", v.size()},
                                {"median_us", Percentile(v, 0.5)},
                                {"p95_us", Percentile(v, 0.95)}};
    }
    for (auto& [cls, st] : stages) {
      for (auto& [stage, v] : st) report["stages_median_us"][cls][stage] = Percentile(v, 0.5);
    }
    std::printf("%s\n", report.dump(2).c_str());
  } catch (const weft::Error& e) {
    std::fprintf(stderr, "weft_bench_query: %s\n", e.what());
    return 1;
  }
  return 0;
}
