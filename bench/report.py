"""Turns one bench/run directory into a markdown report with weft/peer ratios.

Usage: report.py DIR   (DIR holds weft.json, peers.json, stats.json and *.time files)
Exits 1 when a peer returned different row counts than weft for any query.
"""
import json
import os
import re
import sys


def time_v(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    secs = 0.0
    if wall:
        h = float(wall.group(1) or 0)
        secs = h * 3600 + float(wall.group(2)) * 60 + float(wall.group(3))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return secs, int(rss.group(1)) if rss else 0


def main():
    d = sys.argv[1]
    weft = json.load(open(os.path.join(d, "weft.json")))
    peers = json.load(open(os.path.join(d, "peers.json")))
    stats = json.load(open(os.path.join(d, "stats.json")))
    import_s, import_rss = time_v(os.path.join(d, "import.time"))
    _, query_rss = time_v(os.path.join(d, "query.time"))
    _, peers_rss = time_v(os.path.join(d, "peers.time"))
    lines = [f"### {weft['edges']:,} edges ({stats['entities']:,} entities, {stats['predicates']} labels)", ""]
    lines.append(f"Load: weft import {import_s:.1f} s ({weft['edges'] / import_s:,.0f} statements/s, "
                 f"peak RSS {import_rss / 1024:.0f} MiB); snapshot load {weft['load_seconds']:.2f} s "
                 f"({weft['load_edges_per_second']:,.0f} edges/s), {weft['bytes_per_edge_excluding_strings']} "
                 f"bytes/edge beyond strings, query process peak RSS {query_rss / 1024:.0f} MiB.")
    k, o = peers["systems"]["kuzu"], peers["systems"]["oxigraph"]
    lines.append(f"Kùzu COPY {k['load_seconds']:.1f} s; Oxigraph load {o['load_seconds']:.1f} s; "
                 f"Node process with both peers peak RSS {peers_rss / 1024:.0f} MiB.")
    lines.append("")
    lines.append("| query class | weft median (µs) | weft p95 | Kùzu median | Oxigraph median | weft/Kùzu | weft/Oxigraph |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for cls, w in sorted(weft["classes"].items()):
        kc = k["classes"].get(cls)
        oc = o["classes"].get(cls)
        km = f"{kc['median_us']:.0f}" if kc else "—"
        om = f"{oc['median_us']:.0f}" if oc else "—"
        kr = f"{w['median_us'] / kc['median_us']:.3f}" if kc and kc["median_us"] else "—"
        orr = f"{w['median_us'] / oc['median_us']:.3f}" if oc and oc["median_us"] else "—"
        lines.append(f"| {cls} | {w['median_us']:.1f} | {w['p95_us']:.1f} | {km} | {om} | {kr} | {orr} |")
    lines.append("")
    bad = k["mismatches"] + o["mismatches"]
    lines.append(f"Result check: {k['mismatches']} mismatches with Kùzu, {o['mismatches']} with Oxigraph "
                 f"over {sum(c['queries'] for c in weft['classes'].values())} queries.")
    for ex in (k["mismatch_examples"] + o["mismatch_examples"])[:4]:
        lines.append(f"- mismatch: {json.dumps(ex)}")
    print("\n".join(lines))
    sys.exit(1 if bad else 0)


main()
