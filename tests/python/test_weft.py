"""The Python module against a store it builds from text written here."""
import json
import os
import threading

import networkx
import pandas
import pytest

import weft

TEXTS = [
    "Contoso acquired Fabrikam in 2021. Fabrikam makes sensor chips in Eindhoven.",
    "Northwind Systems opened a research hub in Lisbon. Northwind Systems hired 200 engineers.",
]


@pytest.fixture
def store(tmp_path):
    with weft.open(tmp_path / "db") as s:
        report = s.ingest(TEXTS, threads=2)
        assert report["documents"] == 2 and report["statements"] > 0
        yield s


def test_query_rows_columns_and_pandas(store):
    r = store.query("?c -acquire-> ?t return ?c, ?t")
    assert r.columns == ["c", "t"]
    assert list(r) == [("Contoso", "Fabrikam")]
    assert len(r) == 1
    df = r.to_pandas()
    assert isinstance(df, pandas.DataFrame)
    assert df.to_dict("records") == [{"c": "Contoso", "t": "Fabrikam"}]
    # Counts come back as int.
    n = store.query("?x -?p-> ?y return count(*) as n")
    assert isinstance(n.rows[0][0], int) and n.rows[0][0] == store.stats()["statements"]


def test_the_same_text_again_changes_nothing(store):
    before = store.stats()["statements"]
    report = store.ingest(TEXTS)
    assert report["documents"] == 0 and report["unchanged"] == 2
    assert store.stats()["statements"] == before


def test_networkx_graph_has_the_export_attributes(store):
    g = store.to_networkx()
    assert isinstance(g, networkx.MultiDiGraph)
    assert g.number_of_edges() == store.stats()["statements"]
    assert g.nodes["Contoso"]["type"] in ("organisation", "person", "other")
    (_, _, data), = [e for e in g.edges(data=True) if e[0] == "Contoso"]
    assert data["label"] == "acquire"
    assert 0 < data["confidence"] <= 1 and data["support"] == 1
    sub = store.query("?c -acquire-> ?t").subgraph()
    assert sub.number_of_edges() == 1


def test_networkx_graph_equals_the_graphml_export_read_by_networkx(store, tmp_path):
    g = store.to_networkx()
    path = tmp_path / "g.graphml"
    path.write_text(store.export("graphml"), encoding="utf-8")
    h = networkx.read_graphml(path, force_multigraph=True)
    # GraphML names nodes n0, n1, ...: compare by label; edges by statement id.
    label = {n: d["label"] for n, d in h.nodes(data=True)}
    assert sorted(d["label"] for _, d in g.nodes(data=True)) == sorted(label.values())
    for n, d in h.nodes(data=True):
        (mine,) = [a for _, a in g.nodes(data=True) if a["label"] == d["label"]]
        assert mine["type"] == d["type"] and mine["degree"] == d["degree"]
        assert mine["aliases"] == d.get("aliases", "")
    def edges(graph, name):
        return sorted((name(u), name(v), d["label"], float(d["confidence"]), int(d["support"]),
                       int(d["statement"])) for u, v, d in graph.edges(data=True))
    assert edges(g, lambda n: g.nodes[n]["label"]) == edges(h, lambda n: label[n])
    # The maps to_networkx fills agree with a graph built through networkx's public API.
    public = networkx.MultiDiGraph()
    public.add_nodes_from(g.nodes(data=True))
    public.add_edges_from(g.edges(keys=True, data=True))
    assert sorted(public.in_edges(keys=True)) == sorted(g.in_edges(keys=True))
    assert dict(public.in_degree()) == dict(g.in_degree())
    assert networkx.is_isomorphic(public, g)


def test_entity_path_and_neighbors(store):
    e = store.entity("Northwind Systems")
    assert e["name"] == "Northwind Systems" and e["degree"] >= 2
    assert store.entity("Nobody Here") is None
    # Rows of (hop, subject, predicate, object).
    assert store.path("Contoso", "Fabrikam") == [(1, "Contoso", "acquire", "Fabrikam")]
    # Rows of (entity, type, depth).
    assert ("Fabrikam", 1) in [(row[0], row[2]) for row in store.neighbors("Contoso", 1)]


def test_errors_are_python_exceptions(store, tmp_path):
    with pytest.raises(weft.QueryError) as info:
        store.query("?x -acquire-> \n where ?x = ")
    assert info.value.line == 2 and info.value.column > 0
    assert isinstance(info.value, weft.Error)
    with pytest.raises(weft.StorageError):
        weft.open(tmp_path / "missing", read_only=True)
    report = store.ingest([str(tmp_path / "no-such-dir" / "a.txt") + "/"])
    # A string that names no file is text: it becomes a document of its own.
    assert report["documents"] == 1 and not report["problems"]


def test_closed_store_refuses(tmp_path):
    s = weft.open(tmp_path / "db")
    s.close()
    with pytest.raises(weft.Error, match="closed"):
        s.query("?x -?p-> ?y")


def test_read_documents_gives_the_headline_and_extract_marks_it(tmp_path):
    (tmp_path / "news.jsonl").write_text(json.dumps({
        "id": "1", "title": "ALGERIA HIT BY FURTHER GAS RIOTS",
        "text": "Riots over gas prices reached three towns on Monday, officials said."}) + "\n")
    (name, text, date, headline), = weft.read_documents(tmp_path / "news.jsonl")
    assert headline == "Algeria hit by further gas riots" and text.startswith(headline)
    marked = {(r["subject"], r["predicate"], r["object"]): r["qualifiers"].get("section")
              for r in weft.extract(text, name, date, headline) if "subject" in r}
    assert marked[("gas riot", "hit", "Algeria")] == "headline"
    assert marked[("riot", "reach", "three towns")] is None
    # A headline the text does not begin with is refused, not misread.
    with pytest.raises(ValueError, match="beginning"):
        weft.extract(text, name, date, "Something else")
    # A plain text file has none.
    (tmp_path / "plain.txt").write_text("Contoso bought Fabrikam.\n")
    assert weft.read_documents(tmp_path / "plain.txt")[0][3] == ""


def test_extract_records_and_threads():
    records = weft.extract("Microsoft hired engineers in Dublin.", "doc1")
    # A header naming the document and its content hash, the statements, the entities.
    assert records[0]["document"] == "doc1" and records[0]["hash"]
    statements = [r for r in records if "subject" in r]
    assert statements[0]["subject"] == "Microsoft"
    assert statements[0]["qualifiers"] == {"in": "Dublin"}
    assert statements[0]["source"]["document"] == "doc1"
    types = {r["entity"]: r["type"] for r in records if "entity" in r}
    assert types["Microsoft"] == "organisation" and types["Dublin"] == "place"
    # Threads extract in parallel (the GIL is released) and agree with one thread.
    texts = TEXTS * 4
    alone = [weft.extract(t, str(i)) for i, t in enumerate(texts)]
    together = [None] * len(texts)

    def work(i):
        together[i] = weft.extract(texts[i], str(i))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert together == alone


def test_files_and_directories(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text(TEXTS[0])
    with weft.open(tmp_path / "db") as s:
        report = s.ingest([d])
        assert report["documents"] == 1
        docs = s.query("?x -?e: acquire-> ?y return document(?e)").rows
        # Named by the path as given, normalised.
        assert docs[0][0] == os.path.normpath(d / "a.txt")


def test_import_file(tmp_path):
    tsv = tmp_path / "deals.tsv"
    tsv.write_text("Acme\tbuy\tGlobex\tfor=$5m\nbroken line\nGlobex\town\tInitech\n")
    with weft.open(tmp_path / "db") as s:
        r = s.import_file(tsv)
        assert r["status"] == "imported" and r["statements"] == 2 and r["bad_lines"] == 1
        assert r["problems"][0].startswith(str(tsv) + ":2:")
        assert s.import_file(tsv)["status"] == "unchanged"
        assert list(s.query("Acme -buy{for: ?p}-> ?x return ?x, ?p")) == [("Globex", "$5m")]
        with pytest.raises(weft.InputError, match="nothing from this file was kept"):
            s.import_file(tsv, name="strict copy", strict=True)
        # Records as weft.extract returns them import as JSON Lines.
        jl = tmp_path / "x.jsonl"
        jl.write_text("\n".join(json.dumps(r) for r in
                                weft.extract("Microsoft hired engineers in Dublin.", "d1")) + "\n")
        assert s.import_file(jl)["statements"] == 1


def test_documents_and_remove(tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    a.write_text("Acme\tbuy\tGlobex\nAcme\town\tInitech\n")
    b.write_text("Acme\tbuy\tGlobex\n")
    with weft.open(tmp_path / "db") as s:
        s.import_file(a)
        s.import_file(b)
        assert [(d["name"], d["statements"]) for d in s.documents()] == [(str(a), 2), (str(b), 1)]
        assert len(s.query("Acme -own-> ?x")) == 1
        with pytest.raises(weft.InputError, match="no document of that name"):
            s.remove(a, tmp_path / "c.tsv")
        assert len(s.documents()) == 2
        assert s.remove(a) == [str(a)]
        assert [d["name"] for d in s.documents()] == [str(b)]
        assert len(s.query("Acme -own-> ?x")) == 0
        assert list(s.query("Acme -buy-> ?x")) == [("Globex",)]


def test_ingest_query_and_close_from_several_threads(tmp_path):
    """Writers take turns, readers keep the graph they read, a close on another thread frees
    nothing in use: no crash, no abort, no spurious storage error, and every read sees a whole
    store (its count of statements only grows)."""
    s = weft.open(tmp_path / "db")
    s.ingest(TEXTS, threads=1)
    errors = []
    stop = threading.Event()

    def writer(k):
        try:
            for i in range(6):
                s.ingest([f"Company{k}x{i} acquired Target{k}x{i} in 2020."], threads=1)
        except Exception as e:  # noqa: BLE001 - any failure is the test's finding
            errors.append(repr(e))

    def reader():
        last = 0
        try:
            while not stop.is_set():
                n = s.query("?x -?p-> ?y return count(*) as n").rows[0][0]
                if n < last:
                    errors.append(f"count went back from {last} to {n}")
                last = n
                s.query("?c -acquire-> ?t return ?c, ?t order by ?c limit 5")
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))

    writers = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for t in writers + readers:
        t.start()
    for t in writers:
        t.join(timeout=120)
    stop.set()
    for t in readers:
        t.join(timeout=60)
    assert errors == []
    r = s.query("?c -acquire-> ?t return count(*) as n")
    assert r.rows[0][0] >= 12
    # A close while queries run on other threads: they finish or get "closed", never a crash.
    closed_errors = []

    def late_reader():
        for _ in range(50):
            try:
                s.query("?x -?p-> ?y return count(*) as n")
            except weft.Error as e:
                if "closed" not in str(e):
                    closed_errors.append(repr(e))

    late = [threading.Thread(target=late_reader) for _ in range(2)]
    for t in late:
        t.start()
    s.close()
    for t in late:
        t.join(timeout=60)
    assert closed_errors == []


def test_parameters_and_prepared_queries(store):
    r = store.query("$who -acquire-> ?t", params={"who": "Contoso"})
    assert list(r) == [("Fabrikam",)]
    # A value is never query text: quotes, braces, a newline and length change nothing.
    odd = 'Contoso" }, ?a -_-> ?b, {"\n' + "x" * 10000
    assert len(store.query("$who -acquire-> ?t", params={"who": odd})) == 0
    q = store.prepare("?c -$p-> ?t where ?c = $who return ?t")
    assert q.parameters == ["p", "who"]
    assert list(q.query(params={"p": "acquire", "who": "Contoso"})) == [("Fabrikam",)]
    # The same prepared query after the store has changed reads the new statements.
    store.ingest(["Contoso acquired Tailspin Toys in 2022."])
    got = sorted(t for (t,) in q.query(params={"p": "acquire", "who": "Contoso"}))
    assert got == ["Fabrikam", "Tailspin Toys"]
    # Typed values: a number compares as a number.
    assert store.query("?c -acquire-> ?t where $n > 1 return ?c limit 1",
                       params={"n": 2}).rows == [("Contoso",)]
    # The subgraph of a query with parameters is its own.
    sub = store.query("$who -acquire-> ?t", params={"who": "Contoso"}).subgraph()
    assert sub.number_of_edges() == 2
    with pytest.raises(weft.QueryError) as e:
        store.query("$who -acquire-> ?t")
    assert (e.value.line, e.value.column) == (1, 1) and "$who has no value" in str(e.value)
    with pytest.raises(weft.Error, match=r"\$x is not used"):
        store.query("Contoso -acquire-> ?t", params={"x": "y"})
    with pytest.raises(TypeError):
        store.query("$who -acquire-> ?t", params={"who": ["Contoso"]})
