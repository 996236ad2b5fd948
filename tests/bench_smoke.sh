#!/usr/bin/env bash
# Runs weft's half of the benchmark at a tiny size so that the harness never rots.
# Usage: bench_smoke.sh WEFT BENCH_GEN BENCH_QUERY
set -euo pipefail
weft=$1 gen=$2 query=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$gen" 20000 50 1 >"$dir/graph.tsv"
"$weft" --db "$dir/db" import -q "$dir/graph.tsv"
"$query" --db "$dir/db" --queries 20 --reps 1 --out "$dir/queries.jsonl" >"$dir/weft.json"
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
r = json.load(open(f"{d}/weft.json"))
assert r["edges"] > 15000, r
assert set(r["classes"]) == {"1-hop", "1-hop prepared", "2-hop", "join", "closure", "shortest-path",
                             "pagerank"}, r
assert set(r["stages_median_us"]) == {"1-hop", "2-hop", "join", "closure"}, r
assert all(set(s) == {"parse", "shape", "bind", "plan", "execute"} for s in r["stages_median_us"].values()), r
rows = [json.loads(l) for l in open(f"{d}/queries.jsonl")]
assert all(q["rows"] >= 1 for q in rows if q["class"] == "1-hop"), "a 1-hop query found nothing"
print("1 passed, 0 failed")
PY
