"""Reads a weft export back with networkx and prints its edges canonically, one a line:
source|label|target|confidence|support|role=value,... (sorted), for weft's export tests.

Usage: read_export.py graphml|json FILE
"""
import json
import sys

import networkx as nx


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml":
        g = nx.read_graphml(path)
        name = {n: d["label"] for n, d in g.nodes(data=True)}
    else:
        with open(path, encoding="utf-8") as f:
            g = nx.node_link_graph(json.load(f), edges="links") if "edges" in nx.node_link_graph.__code__.co_varnames else nx.node_link_graph(json.load(f))
        name = {n: n for n in g.nodes}
    fixed = {"label", "confidence", "support", "statement", "sources", "key", "id"}
    lines = []
    for u, v, d in g.edges(data=True):
        quals = ",".join(sorted(f"{k}={d[k]}" for k in d if k not in fixed))
        lines.append(f"{name[u]}|{d['label']}|{name[v]}|{float(d['confidence']):g}|{d['support']}|{quals}")
    for line in sorted(lines):
        print(json.dumps(line))


main()
