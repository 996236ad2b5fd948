"""Reference answers from networkx for weft's differential graph test.

Usage: networkx_reference.py EDGES PAIRS
EDGES: source<TAB>target per line (a multigraph). PAIRS: a<TAB>b per line.
Prints 'components N', 'pagerank NAME VALUE' per vertex, 'same_component A B 0|1' and
'path A B DIRECTED UNDIRECTED' per pair (-1 when unreachable).
"""
import sys

import networkx as nx


def main():
    g = nx.MultiDiGraph()
    with open(sys.argv[1]) as f:
        for line in f:
            s, o = line.rstrip("\n").split("\t")
            g.add_edge(s, o)
    undirected = g.to_undirected(as_view=True)
    components = list(nx.weakly_connected_components(g))
    print("components", len(components))
    component_of = {v: i for i, c in enumerate(components) for v in c}
    for v, r in nx.pagerank(g, alpha=0.85, tol=1e-10, max_iter=1000).items():
        print("pagerank", v, repr(r))
    with open(sys.argv[2]) as f:
        for line in f:
            a, b = line.rstrip("\n").split("\t")
            print("same_component", a, b, int(component_of[a] == component_of[b]))
            try:
                d = nx.shortest_path_length(g, a, b)
            except nx.NetworkXNoPath:
                d = -1
            try:
                u = nx.shortest_path_length(undirected, a, b)
            except nx.NetworkXNoPath:
                u = -1
            print("path", a, b, d, u)


main()
