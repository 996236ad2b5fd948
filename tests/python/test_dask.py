"""weft.dask on a real Dask cluster on loopback: a scheduler and two single-threaded workers,
started here and stopped at the end. Its store must equal the one `weft ingest` builds from the
same documents on one machine, statement for statement and source for source, also when a
worker is killed mid-run."""
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

import weft
import weft.dask

distributed = pytest.importorskip("distributed")
from dask.distributed import Client  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples", "news")
WEFT = os.environ.get("WEFT_BINARY", "weft")
STARTUP_SECONDS = 60

COMPANIES = ["Contoso", "Fabrikam", "Northwind Systems", "Tailspin Toys", "Litware",
             "Adventure Works", "Wingtip Toys", "Proseware", "Woodgrove Bank", "Fourth Coffee"]
PEOPLE = [("Ana Ribeiro", "She"), ("Carlos Mendes", "He"), ("Judy Boynton", "She"),
          ("Tom Smith", "He"), ("Maria Lopes", "She"), ("Paul Grant", "He")]
CITIES = ["Lisbon", "Dublin", "Eindhoven", "Madrid", "Oslo", "Porto", "Zurich", "Vienna"]


def generated_documents(directory, count=200, seed=7):
    """Short business news written from templates, the same every run."""
    rng = random.Random(seed)
    os.makedirs(directory, exist_ok=True)
    for i in range(count):
        a, b = rng.sample(COMPANIES, 2)
        person, pronoun = rng.choice(PEOPLE)
        city = rng.choice(CITIES)
        n = rng.randint(2, 900)
        text = (f"{a} acquired {b} for {n} million dollars. "
                f"{person} will lead the combined company from {city}. "
                f"{pronoun} joined {a} in {2000 + i % 24}. "
                f"{b} opened an office in {rng.choice(CITIES)}.\n")
        with open(os.path.join(directory, "doc-%03d.txt" % i), "w", encoding="utf-8") as f:
            f.write(text)
    return directory


def dump(db):
    """Every statement with its types, qualifiers (GraphML) and sources, sorted."""
    with weft.open(db, read_only=True) as s:
        rows = s.query("?a -?e: ?p-> ?b return ?a, type(?a), ?p, ?b, type(?b), sources(?e), "
                       "sentence(?e), confidence(?e), support(?e)").rows
        graph = s.to_networkx()
    edges = sorted(json.dumps([u, v, {k: str(x) for k, x in d.items()}], sort_keys=True)
                   for u, v, d in graph.edges(data=True))
    nodes = sorted(json.dumps([n, {k: str(x) for k, x in d.items()}], sort_keys=True)
                   for n, d in graph.nodes(data=True))
    return sorted(map(repr, rows)), edges, nodes


class Cluster:
    """dask-scheduler and workers as processes of their own (no nanny: a killed worker stays
    dead)."""

    def __init__(self, tmp, workers=2):
        self.tmp = tmp
        self.file = os.path.join(tmp, "scheduler.json")
        env = dict(os.environ)
        self.procs = []
        self.scheduler = subprocess.Popen(
            ["dask-scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", self.file],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        self.procs.append(self.scheduler)
        self.workers = []
        for _ in range(workers):
            w = subprocess.Popen(
                ["dask-worker", "--scheduler-file", self.file, "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--host", "127.0.0.1"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            self.workers.append(w)
            self.procs.append(w)
        deadline = time.monotonic() + STARTUP_SECONDS
        while not os.path.exists(self.file):
            if time.monotonic() > deadline:
                raise RuntimeError("the Dask scheduler did not start")
            time.sleep(0.2)
        self.client = Client(scheduler_file=self.file, timeout=STARTUP_SECONDS)
        self.client.wait_for_workers(workers, timeout=STARTUP_SECONDS)

    def close(self):
        try:
            self.client.close()
        finally:
            for p in self.procs:
                if p.poll() is None:
                    p.terminate()
            for p in self.procs:
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(str(tmp_path))
    yield c
    c.close()


@pytest.fixture
def inputs(tmp_path):
    return [os.path.abspath(EXAMPLES), generated_documents(str(tmp_path / "generated"))]


@pytest.fixture
def ingested(tmp_path, inputs):
    db = str(tmp_path / "ingest.db")
    subprocess.run([WEFT, "--db", db, "-q", "ingest", "--threads", "2"] + inputs, check=True,
                   timeout=600)
    return dump(db)


def test_dask_gives_the_store_ingest_gives(tmp_path, cluster, inputs, ingested):
    out = str(tmp_path / "parts")
    parts = weft.dask.extract(inputs, out, client=cluster.client, partitions=8)
    assert len(parts) == 8 and all(os.path.exists(p) for p in parts)
    assert not [f for f in os.listdir(out) if ".tmp." in f]
    db = str(tmp_path / "dask.db")
    with weft.open(db) as store:
        totals = weft.dask.import_parts(store, parts)
        assert totals["documents"] == 202 and totals["unchanged"] == 0
        # A partition imported again (a rerun) changes nothing.
        again = weft.dask.import_parts(store, parts[:2])
        assert again["documents"] == 0 and again["unchanged"] > 0
    assert dump(db) == ingested
    # `weft import` of the same files into a store that ingest built changes nothing.
    ingest_db = str(tmp_path / "ingest.db")
    r = subprocess.run([WEFT, "--db", ingest_db, "import"] + parts, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stderr.splitlines() if "extraction records" in line]
    assert len(lines) == len(parts)
    assert all(": 0 documents stored with 0 statements" in line for line in lines), r.stderr


def test_a_killed_worker_changes_nothing(tmp_path, cluster, inputs, ingested):
    out = str(tmp_path / "parts")
    result = {}

    def run():
        try:
            result["parts"] = weft.dask.extract(inputs, out, client=cluster.client,
                                                partitions=24)
        except Exception as e:  # reported below
            result["error"] = e

    t = threading.Thread(target=run)
    t.start()
    deadline = time.monotonic() + 300
    while not (os.path.isdir(out) and any(f.endswith(".jsonl") for f in os.listdir(out))):
        assert time.monotonic() < deadline, "no partition was written"
        time.sleep(0.05)
    victim = cluster.workers[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=20)
    t.join(timeout=600)
    assert not t.is_alive()
    assert "error" not in result, result.get("error")
    parts = result["parts"]
    assert len(parts) == 24
    assert not [f for f in os.listdir(out) if ".tmp." in f]
    db = str(tmp_path / "dask.db")
    with weft.open(db) as store:
        weft.dask.import_parts(store, parts)
    assert dump(db) == ingested


def test_entry_point_reports_bad_input(tmp_path):
    r = subprocess.run([sys.executable, "-m", "weft.dask", "--scheduler", "tcp://127.0.0.1:1",
                        str(tmp_path / "missing"), "--out", str(tmp_path / "o")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 3
    assert "missing" in r.stderr


def warc_record(uri, block, kind="response"):
    """One WARC record as a gzip member of its own, as Common Crawl writes them."""
    import gzip
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
            "WARC-Date: 2024-05-06T07:08:09Z\r\nContent-Type: application/http; msgtype=%s\r\n"
            "Content-Length: %d\r\n\r\n" % (kind, uri, kind, len(block))).encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def test_a_web_archive_is_split_by_record(tmp_path, cluster):
    rng = random.Random(11)
    records = [warc_record("https://example.com/robots", b"GET /robots HTTP/1.1\r\n\r\n",
                           kind="request")]
    for i in range(30):
        a, b = rng.sample(COMPANIES, 2)
        page = ("<html><head><title>%s buys %s</title></head><body><nav>Home Markets</nav>"
                "<article><p>%s acquired %s for %d million dollars.</p><p>%s opened an office "
                "in %s.</p></article><footer>All rights reserved.</footer></body></html>"
                % (a, b, a, b, rng.randint(2, 900), b, rng.choice(CITIES)))
        body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page.encode()
        records.append(warc_record("https://example.com/news/%d" % i, body))
    records.append(warc_record("https://example.com/report.pdf",
                               b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4"))
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"".join(records))
    db = str(tmp_path / "ingest.db")
    subprocess.run([WEFT, "--db", db, "-q", "ingest", str(warc)], check=True, timeout=600)
    out = str(tmp_path / "parts")
    parts = weft.dask.extract([str(warc)], out, client=cluster.client, partitions=6)
    assert len(parts) == 6
    dask_db = str(tmp_path / "dask.db")
    with weft.open(dask_db) as store:
        totals = weft.dask.import_parts(store, parts)
    # Each HTML response a document, spread over the partitions; the request and the PDF are not.
    assert totals["documents"] == 30
    assert dump(dask_db) == dump(db)
