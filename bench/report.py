"""Turns one bench/run directory into a markdown report with weft/peer ratios and a chart.

Usage: report.py DIR   (DIR holds weft.json, stats.json, peers-SYSTEM.json, *.time files and the
load rounds: import-N.time and load-kuzu-N.json)
Writes DIR/chart.png (gnuplot) when gnuplot is installed. Exits 1 when a peer returned other
row counts than weft for any query.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

CLASSES = ["1-hop", "1-hop prepared", "2-hop", "join", "closure", "shortest-path", "pagerank"]
PEERS = [("kuzu", "Kùzu"), ("oxigraph", "Oxigraph")]


def time_v(path):
    if not os.path.exists(path):
        return 0.0, 0
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    secs = 0.0
    if wall:
        h = float(wall.group(1) or 0)
        secs = h * 3600 + float(wall.group(2)) * 60 + float(wall.group(3))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return secs, int(rss.group(1)) if rss else 0


def load_rounds(d):
    """weft's import times and peak RSS and Kùzu's COPY times, round by round (import-N.time,
    load-kuzu-N.json); a directory without rounds has one import, import.time."""
    weft_s, rss, kuzu_s = [], [], []
    r = 1
    while os.path.exists(os.path.join(d, f"import-{r}.time")):
        secs, kb = time_v(os.path.join(d, f"import-{r}.time"))
        weft_s.append(secs)
        rss.append(kb)
        kuzu = os.path.join(d, f"load-kuzu-{r}.json")
        if os.path.exists(kuzu):
            kuzu_s.append(json.load(open(kuzu))["systems"]["kuzu"]["load_seconds"])
        r += 1
    if not weft_s:
        secs, kb = time_v(os.path.join(d, "import.time"))
        weft_s, rss = [secs], [kb]
    return weft_s, rss, kuzu_s


def rounds_text(values):
    return "" if len(values) < 2 else "; rounds " + ", ".join(f"{v:.1f}" for v in values)


def chart(d, weft, peers, title):
    """A grouped bar chart of median latency per query class, log scale."""
    if not shutil.which("gnuplot"):
        print("(gnuplot not installed: no chart)", file=sys.stderr)
        return
    systems = [("weft", weft["classes"])] + [(label, peers[key]["classes"]) for key, label in PEERS if key in peers]
    with open(os.path.join(d, "chart.dat"), "w") as f:
        f.write("class " + " ".join(name for name, _ in systems) + "\n")
        for cls in CLASSES:
            row = [cls]
            for _, classes in systems:
                row.append(f"{classes[cls]['median_us']:.3f}" if cls in classes else "NaN")
            f.write(" ".join(row) + "\n")
    data = os.path.join(d, "chart.dat")
    series = [f"'{data}' using 2:xtic(1) title columnheader(2)"]
    series += [f"'' using {i + 2} title columnheader({i + 2})" for i in range(1, len(systems))]
    script = f"""
set terminal pngcairo size 900,480 font 'Liberation Sans,11'
set output '{os.path.join(d, "chart.png")}'
set title "{title}: median latency per query class"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set logscale y
set ylabel 'microseconds (log scale; lower is better)'
set grid ytics
set yrange [1:*]
set key top left
plot {", ".join(series)}
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def main():
    d = sys.argv[1]
    weft = json.load(open(os.path.join(d, "weft.json")))
    stats = json.load(open(os.path.join(d, "stats.json")))
    peers = {}
    for key, _ in PEERS:
        path = os.path.join(d, f"peers-{key}.json")
        if os.path.exists(path):
            peers[key] = json.load(open(path))["systems"][key]
            _, peers[key]["rss_kb"] = time_v(os.path.join(d, f"peers-{key}.time"))
    weft_loads, import_rss, kuzu_loads = load_rounds(d)
    import_s, import_rss = statistics.median(weft_loads), max(import_rss)
    if kuzu_loads and "kuzu" in peers:
        peers["kuzu"]["load_rounds"] = kuzu_loads
        peers["kuzu"]["load_seconds"] = statistics.median(kuzu_loads)
    _, query_rss = time_v(os.path.join(d, "query.time"))
    title = f"{weft['edges']:,} edges ({stats['entities']:,} entities, {stats['predicates']} labels)"
    lines = [f"### {title}", ""]
    lines.append("| | weft | " + " | ".join(label for key, label in PEERS if key in peers) + " |")
    lines.append("|---|---:|" + "---:|" * len(peers))
    load_row = (f"| bulk load{' (median)' if len(weft_loads) > 1 else ''} | {import_s:.1f} s "
                f"(`weft import`, {weft['edges'] / import_s:,.0f}/s{rounds_text(weft_loads)}) |")
    rss_row = f"| peak RSS, load + queries | {import_rss / 1024:,.0f} MiB import, {query_rss / 1024:,.0f} MiB queries |"
    for key, _ in PEERS:
        if key in peers:
            ratio = import_s / peers[key]["load_seconds"]
            load_row += (f" {peers[key]['load_seconds']:.1f} s (weft/peer {ratio:.2f}"
                         f"{rounds_text(peers[key].get('load_rounds', []))}) |")
            rss_row += f" {peers[key]['rss_kb'] / 1024:,.0f} MiB (one Node process) |"
    lines += [load_row, rss_row, ""]
    lines.append(f"weft graph load: {weft.get('rebuild_seconds', 0):.2f} s rebuilding from the store, "
                 f"{weft['load_seconds']:.2f} s from the snapshot file "
                 f"({weft['load_edges_per_second']:,.0f} edges/s); "
                 f"{weft['bytes_per_edge_excluding_strings']} bytes/edge beyond strings.")
    if "oxigraph" not in peers:
        lines.append("Oxigraph was not run at this size (see BENCH_OXIGRAPH_MAX_EDGES in bench/run).")
    lines.append("")
    header = "| query class | weft median (µs) | weft p95 |"
    rule = "|---|---:|---:|"
    for key, label in PEERS:
        if key in peers:
            header += f" {label} median | weft/{label} |"
            rule += "---:|---:|"
    lines += [header, rule]
    for cls in CLASSES:
        w = weft["classes"].get(cls)
        if not w:
            continue
        row = f"| {cls} | {w['median_us']:.1f} | {w['p95_us']:.1f} |"
        for key, _ in PEERS:
            if key not in peers:
                continue
            # A prepared 1-hop is weft's 1-hop run again with new values: the peers' 1-hop.
            c = peers[key]["classes"].get("1-hop" if cls == "1-hop prepared" else cls)
            if c and c["median_us"]:
                row += f" {c['median_us']:.0f} | {w['median_us'] / c['median_us']:.3f} |"
            else:
                row += " — | — |"
        lines.append(row)
    if "stages_median_us" in weft:
        lines += ["", "Where weft's time goes (median µs of each stage, per class):", "",
                  "| class | parse (a new shape) | shape (one seen before) | bind | plan | execute |",
                  "|---|---:|---:|---:|---:|---:|"]
        for cls in CLASSES:
            st = weft["stages_median_us"].get(cls)
            if st:
                shape = f"{st['shape']:.1f}" if "shape" in st else "—"
                lines.append(f"| {cls} | {st['parse']:.1f} | {shape} | {st['bind']:.1f} | "
                             f"{st['plan']:.1f} | {st['execute']:.1f} |")
        lines.append("")
    for key, label in PEERS:
        c = peers.get(key, {}).get("classes", {}).get("pagerank")
        if c and "top10_overlap" in c:
            lines.append(f"PageRank: {c['top10_overlap']} of weft's ten highest-ranked entities are "
                         f"in {label}'s ten (weft spreads dangling vertices' rank as networkx does).")
    lines.append("")
    bad = sum(p["mismatches"] for p in peers.values())
    total = sum(c["queries"] for cls, c in weft["classes"].items() if cls != "1-hop prepared")
    lines.append("Result check: " + ", ".join(
        f"{p['mismatches']} mismatches with {label}" for key, label in PEERS if key in peers for p in [peers[key]])
        + f" over {total} queries.")
    for p in peers.values():
        for ex in p["mismatch_examples"][:2]:
            lines.append(f"- mismatch: {json.dumps(ex)}")
    print("\n".join(lines))
    chart(d, weft, peers, title)
    sys.exit(1 if bad else 0)


main()
