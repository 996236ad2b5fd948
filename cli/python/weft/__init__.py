"""weft from Python: open a store, ingest text, query it, and take the graph to networkx or pandas.

    >>> import weft
    >>> with weft.open("news.db") as store:
    ...     store.ingest(["articles/"])
    ...     rows = store.query('?c -acquire-> ?t return ?c, ?t')
    ...     df = rows.to_pandas()
    ...     deals = store.query('$who -acquire-> ?t', params={"who": name})  # never quoted

Errors are weft.QueryError (with .line and .column), weft.InputError and weft.StorageError, all
subclasses of weft.Error.
"""

import hashlib
import json
import os

from . import _weft

Error = _weft.Error
QueryError = _weft.QueryError
InputError = _weft.InputError
StorageError = _weft.StorageError

# A query error carries where it went wrong: args are (message, line, column).
QueryError.line = property(lambda self: self.args[1] if len(self.args) > 1 else 0)
QueryError.column = property(lambda self: self.args[2] if len(self.args) > 2 else 0)
QueryError.__str__ = lambda self: str(self.args[0]) if self.args else ""

__all__ = ["open", "extract", "read_documents", "Store", "Result", "PreparedQuery", "Error",
           "QueryError", "InputError", "StorageError"]


class Result:
    """The rows of a query: iterable tuples, with .columns, len(), .to_pandas(), .subgraph()."""

    def __init__(self, store, columns, rows, notices, truncated, plan, edges, text,
                 engine_seconds=0.0, params=None):
        self.columns = list(columns)
        self.rows = list(rows)
        self.notices = list(notices)
        self.truncated = truncated
        self.plan = plan
        self._edges = list(edges)
        self._store = store
        self._text = text
        self._params = params
        # The engine's own time for the query (parse, plan, run), without the Python around it.
        self.engine_seconds = engine_seconds

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return self.rows[i]

    def __repr__(self):
        return f"<weft.Result {len(self.rows)} rows, columns {self.columns}>"

    def to_pandas(self):
        """A pandas DataFrame of the rows (needs pandas: Debian python3-pandas)."""
        import pandas
        return pandas.DataFrame(self.rows, columns=self.columns)

    def subgraph(self):
        """The statements the query touched, as a networkx MultiDiGraph."""
        return self._store.to_networkx(self._text, params=self._params)


class Store:
    """A weft store. Use weft.open(path) to get one; it is a context manager."""

    def __init__(self, path, read_only=False):
        self._core = _weft.Store(os.fspath(path), read_only)
        self.store_path = os.fspath(path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        self._core.close()

    def ingest(self, paths_or_texts, threads=None):
        """Extracts statements and stores them. Each item is a path (a file or a directory,
        read as `weft ingest` reads it) when such a path exists, else the text of a document
        named by its content ("text:" and a hash), so the same text again changes nothing.
        Returns counts and the problems found (missing files, bad records)."""
        if isinstance(paths_or_texts, (str, os.PathLike)):
            paths_or_texts = [paths_or_texts]
        paths, texts = [], []
        for item in paths_or_texts:
            item = os.fspath(item)
            if os.path.exists(item):
                paths.append(item)
            else:
                digest = hashlib.sha256(item.encode("utf-8")).hexdigest()[:16]
                texts.append(("text:" + digest, item))
        return self._core.ingest(paths, texts, threads)

    def import_file(self, path, format=None, name=None, strict=False):
        """Imports pre-extracted statements (TSV, JSON Lines, N-Triples; the format from the
        extension unless given) as one document, as `weft import` does. The records `weft
        extract` and weft.dask write are stored document by document instead (`documents` and
        `unchanged_documents` in the result). Bad lines come back in `problems` (with `strict`,
        the first raises InputError and nothing is kept)."""
        return self._core.import_file(os.fspath(path), format or "", name or "", strict)

    def query(self, text, timeout=None, max_rows=0, params=None):
        """Runs a query of weft's path language; timeout in seconds. `params` gives the values
        of the query's $names (str, int, float or bool): a value is never parsed as query text,
        so it needs no quoting whatever it holds. The store keeps recent query texts parsed."""
        columns, rows, notices, truncated, plan, edges, engine = self._core.query(
            text, timeout, max_rows, params)
        return Result(self, columns, rows, notices, truncated, plan, edges, text, engine, params)

    def prepare(self, text):
        """A query parsed once, to run many times with new parameter values:
        `q = store.prepare('$who -acquire-> ?t')`, then `q.query(params={"who": name})`."""
        return PreparedQuery(self, self._core.prepare(text))

    def stats(self):
        return self._core.stats()

    def documents(self):
        """The documents the store holds, by name: dicts of name, statements, sources, written
        (seconds since the epoch) and hash, as `weft documents` lists them."""
        return self._core.documents()

    def remove(self, *names):
        """Removes documents, named as stored or by the paths they were read from, with every
        statement only they supported, as `weft remove` does. An unknown name raises InputError
        and removes nothing. Returns the names removed."""
        return self._core.remove([os.fspath(n) for n in names])

    def export(self, format="graphml", query=None, params=None):
        """The graph, or the subgraph a query touched, as text in an export format."""
        return self._core.export(format, query, params)

    def to_networkx(self, query=None, params=None):
        """The graph (or a query's subgraph) as a networkx MultiDiGraph with the attributes the
        exports write: node type, label, aliases; edge label, confidence, support, statement,
        qualifiers."""
        import networkx
        nodes, succ, pred = self._core.graph_dicts(query, params)
        g = networkx.MultiDiGraph()
        # networkx keeps a MultiDiGraph as these three maps (node attributes, successors and
        # predecessors sharing each edge-key dict); filling them whole is many times faster than
        # adding a million edges one by one. Checked against the public API in the tests.
        g._node.update(nodes)
        g._succ.update(succ)
        g._pred.update(pred)
        return g

    def entity(self, name):
        """An entity's type, aliases and degree, or None when the graph has no such name."""
        r = self.query("?x -?p-> ?y where name(?x) = $name or name(?y) = $name"
                       " return ?x, type(?x), aliases(?x), degree(?x), ?y, type(?y),"
                       " aliases(?y), degree(?y) limit 1", params={"name": name})
        if not r.rows:
            return None
        row = r.rows[0]
        x, y = row[0:4], row[4:8]
        name_, type_, aliases, degree = x if x[0] == name else y
        return {"name": name_, "type": type_,
                "aliases": [a for a in (aliases or "").split("; ") if a],
                "degree": degree}

    def path(self, a, b, max_hops=6):
        """The statements of a shortest path from a to b: rows of (hop, subject, predicate,
        object)."""
        r = self.query(f"path $a to $b max {int(max_hops)}", params={"a": a, "b": b})
        return r.rows

    def neighbors(self, name, hops=1):
        """The entities within `hops` of `name`: rows of (entity, type, depth)."""
        return self.query(f"neighbors $name hops {int(hops)}", params={"name": name}).rows


class PreparedQuery:
    """A query parsed once (Store.prepare): .text, .parameters (its $names), and .query() to run
    it on the store as it is now with new values."""

    def __init__(self, store, core):
        self._store = store
        self._core = core

    @property
    def text(self):
        return self._core.text

    @property
    def parameters(self):
        return list(self._core.parameters)

    def query(self, params=None, timeout=None, max_rows=0):
        columns, rows, notices, truncated, plan, edges, engine = self._store._core.run_prepared(
            self._core, timeout, max_rows, params)
        return Result(self._store, columns, rows, notices, truncated, plan, edges, self.text,
                      engine, params)

    def __repr__(self):
        return f"<weft.PreparedQuery {self.text!r}>"


def open(path, read_only=False):  # noqa: A001 - the module's front door, as sqlite3.connect
    """Opens (or, unless read_only, creates) the store at `path`."""
    return Store(path, read_only)


def extract(text, doc_id=None, date=None, headline=None):
    """The extraction of a text as the records `weft extract` prints (dicts): a header naming
    the document and its content hash, the statements with their sources, then the entities
    with types and aliases. `date` (YYYY-MM-DD) anchors relative dates ("on Tuesday");
    `headline`, the text's opening line as `read_documents` gives it, is read as a headline and
    its statements marked `section: headline` (ValueError when the text does not begin with
    it). Parsing releases the GIL, so threads extract in parallel."""
    document = doc_id if doc_id is not None else "text:" + hashlib.sha256(
        text.encode("utf-8")).hexdigest()[:16]
    return [json.loads(line)
            for line in _weft.extract(text, document, date or "", headline or "")]


def read_documents(paths):
    """The documents `weft ingest` reads from paths (files, directories, JSON Lines records), as
    (name, text, date, headline) tuples named as ingest names them; `headline` is the text's
    opening headline (a record's title, a page's or feed item's headline), "" when it has none.
    Raises InputError for the first problem (a missing file, a bad record)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _weft.read_documents([os.fspath(p) for p in paths])
