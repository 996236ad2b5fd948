"""weft serve through real HTTP clients (http.client, raw sockets) and headless Chromium: every
endpoint and its JSON shape, each kind of bad request, idle and cut-off connections, a store
written by another process while serving, and a clean stop on SIGTERM. Talks only to 127.0.0.1;
every wait is bounded.

Usage: serve_test.py WEFT_BINARY FIXTURES_DIR
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

WEFT, FIXTURES = sys.argv[1], sys.argv[2]
HOSTILE = "Fabrikam <script>alert(1)</script>"


def start(db, *flags):
    proc = subprocess.Popen([WEFT, "--db", db, "serve", "--port", "0", *flags],
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert m, f"no address in {line!r}"
    return proc, int(m.group(1))


def get(port, path, params=None, timeout=30):
    if params:
        path += "?" + urllib.parse.urlencode(params)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", path)
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res.status, res.getheader("Content-Type", ""), body


def get_json(port, path, params=None, status=200):
    code, ctype, body = get(port, path, params)
    assert code == status, (path, params, code, body[:500])
    assert ctype.startswith("application/json"), ctype
    return json.loads(body)


def check_endpoints(port):
    health = get_json(port, "/api/health")
    assert health["status"] == "ok"
    stats = get_json(port, "/api/stats")
    assert stats["statements"] == 4 and stats["entities"] == 6, stats
    assert stats["top"][0]["degree"] >= stats["top"][-1]["degree"]

    search = get_json(port, "/api/search", {"prefix": "fab"})
    assert [m["name"] for m in search["matches"]] == [HOSTILE], search

    card = get_json(port, "/api/entity", {"name": HOSTILE})
    assert card["name"] == HOSTILE and card["degree"] == 2, card
    assert {s["predicate"] for s in card["statements"]} == {"acquire", "join"}, card
    acquire = next(s for s in card["statements"] if s["predicate"] == "acquire")
    assert acquire["qualifiers"] == {"for": "$1 <billion>"} and acquire["confidence"] == 0.75

    # A parameter's value is never query text: the hostile name needs no quoting.
    byp = get_json(port, "/api/query", {"q": "$who -acquire-> ?x", "p.who": HOSTILE})
    assert byp["rows"] == [["Lit\"ware & Co"]], byp
    again = get_json(port, "/api/query", {"q": "$who -acquire-> ?x", "p.who": "Ana"})
    assert again["rows"] == [], again
    unbound = get_json(port, "/api/query", {"q": "?x -acquire-> $who"}, status=400)
    assert (unbound["error"]["line"], unbound["error"]["column"]) == (1, 15), unbound
    assert "$who has no value" in unbound["error"]["message"], unbound
    unused = get_json(port, "/api/query", {"q": "?x -acquire-> ?y", "p.who": "Ana"}, status=400)
    assert "not used" in unused["error"]["message"], unused
    get_json(port, "/api/query", {"q": "$a -acquire-> ?y", "p.a b": "Ana"}, status=400)

    missing = get_json(port, "/api/entity", {"name": "Zurich"}, status=404)
    assert missing["error"]["kind"] == "not_found"
    assert "Zürich" in missing["error"]["suggestions"], missing

    hood = get_json(port, "/api/neighbors", {"name": "Ana", "hops": 2})
    names = {n["data"]["name"] for n in hood["nodes"]}
    assert names == {"Ana", HOSTILE, 'Lit"ware & Co'}, names
    edge_ends = {(e["data"]["source"], e["data"]["target"]) for e in hood["edges"]}
    ids = {n["data"]["id"] for n in hood["nodes"]}
    assert all(s in ids and t in ids for s, t in edge_ends)
    assert len(hood["edges"]) == 2, hood  # join and acquire; the two joins are one statement

    capped = get_json(port, "/api/neighbors", {"name": "Ana", "hops": 2, "limit": 2})
    assert len(capped["nodes"]) + len(capped["edges"]) <= 2 and capped["omitted"], capped

    q = get_json(port, "/api/query", {"q": "?a -join-> ?b"})
    assert q["columns"] == ["a", "b"] and q["rows"] == [["Ana", HOSTILE]], q
    assert len(q["elements"]["edges"]) == 1 and len(q["elements"]["nodes"]) == 2

    statement = q["elements"]["edges"][0]["data"]["statement"]
    sources = get_json(port, "/api/sources", {"statement": statement})
    # The fixture states the join twice (lines 3 and 4): one statement, two sources.
    assert sorted(x["sentence"] for x in sources["sources"]) == [3, 4], sources
    assert all(x["document"].endswith("hostile.tsv") for x in sources["sources"]), sources
    get_json(port, "/api/sources", {"statement": 999999}, status=404)

    bad = get_json(port, "/api/query", {"q": "?a -join ?b"}, status=400)
    assert bad["error"]["kind"] == "query" and bad["error"]["line"] == 1, bad
    assert bad["error"]["column"] > 0 and "^" in bad["error"]["message"], bad
    unknown_fn = get_json(port, "/api/query", {"q": "?a -join-> ?b RETURN nme(?a)"}, status=400)
    assert "did you mean 'name'" in unknown_fn["error"]["message"], unknown_fn
    get_json(port, "/api/neighbors", {"name": "Ana", "hops": "x"}, status=400)
    get_json(port, "/api/neighbors", {"name": "Ana", "hops": 99}, status=400)
    get_json(port, "/api/query", {}, status=400)
    get_json(port, "/api/nothing", status=404)

    code, ctype, body = get(port, "/api/export", {"format": "graphml"})
    assert code == 200 and "graphml" in ctype
    root = ET.fromstring(body)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert len(root.findall(f".//{ns}edge")) == 4
    code, _, body = get(port, "/api/export", {"format": "cytoscape", "q": "?a -join-> ?b"})
    elements = json.loads(body)
    assert code == 200 and len(elements["elements"]["edges"]) == 1, elements
    get_json(port, "/api/export", {"format": "pdf"}, status=400)
    get_json(port, "/api/export", {"format": "csv", "part": "zzz"}, status=400)
    # Counts are JSON integers, as the command line prints them.
    counted = get_json(port, "/api/query", {"q": "?a -?p-> ?b return count(?a) as n"})
    n = counted["rows"][0]["n"] if isinstance(counted["rows"][0], dict) else counted["rows"][0][0]
    assert isinstance(n, int) and n == 4, counted
    # Another method than GET is refused as such, with the methods that are allowed.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", "/api/query", body=b"abc")
    res = conn.getresponse()
    assert res.status == 405 and "GET" in (res.getheader("Allow") or ""), res.status
    assert json.loads(res.read())["error"]["kind"] == "method"
    conn.close()

    code, ctype, page = get(port, "/")
    assert code == 200 and ctype.startswith("text/html") and b"cytoscape" in page
    # Sent as is even to a client that accepts compression (as browsers do): compressing the
    # page or an export costs far more than it saves on a local connection.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/", headers={"Accept-Encoding": "br, gzip, deflate"})
    res = conn.getresponse()
    assert res.getheader("Content-Encoding") is None and res.read() == page
    conn.close()


def raw(port, data, timeout=10):
    """Sends bytes on a fresh connection; returns what comes back before the server closes it."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(data)
    chunks = []
    try:
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
            if b"\r\n\r\n" in b"".join(chunks) and b"Connection: close" not in b"".join(chunks):
                break
    except socket.timeout:
        pass
    s.close()
    return b"".join(chunks)


def status_of(reply):
    m = re.match(rb"HTTP/1\.1 (\d+)", reply)
    return int(m.group(1)) if m else None


def check_hostile_requests(port):
    assert status_of(raw(port, b"GET /api/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n")) in (
        400, 404)
    assert status_of(raw(port, b"GET /api/search?prefix=%zz%ZZ%% HTTP/1.1\r\nHost: x\r\n\r\n")) in (
        200, 400)
    long_query = b"GET /api/query?q=" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    reply = raw(port, long_query)
    assert reply == b"" or 400 <= status_of(reply) < 500, reply[:200]
    assert status_of(raw(port, b"POST /api/query HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")) >= 400
    # A request cut off mid-header, then closed.
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0")
    s.close()
    # 200 connections opened and left idle: the server still answers at once.
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(200)]
    started = time.monotonic()
    assert get_json(port, "/api/health")["status"] == "ok"
    assert time.monotonic() - started < 5, "idle connections held up a request"
    for s in idle:
        s.close()
    assert get_json(port, "/api/health")["status"] == "ok"


def check_reload(port, db, extra):
    before = get_json(port, "/api/stats")["statements"]
    subprocess.run([WEFT, "--db", db, "import", "-q", extra], check=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if get_json(port, "/api/stats")["statements"] > before:
            return
        time.sleep(0.2)
    raise AssertionError("the server did not pick up the new statements")


def check_explorer(port, tmp):
    run = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--no-first-run", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={tmp}/profile", "--enable-logging=stderr", "--v=0",
                          "--virtual-time-budget=10000", "--dump-dom",
                          f"http://127.0.0.1:{port}/"],
                         capture_output=True, text=True, timeout=120)
    ready = re.search(r'data-ready="(\d+)"', run.stdout)
    assert ready and int(ready.group(1)) >= 3, (ready and ready.group(1), run.stderr[-2000:])
    console = [l for l in run.stderr.splitlines() if "CONSOLE" in l]
    assert not console, console
    # The hostile name is on the page as text (the card of the most connected entity).
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in run.stdout, run.stdout[-3000:]
    assert "<script>alert(1)" not in run.stdout


def check_explorer_interactions(port):
    here = os.path.dirname(os.path.abspath(__file__))
    script = os.path.join(here, "explorer", "explorer.mjs")
    assert os.path.isdir(os.path.join(here, "explorer", "node_modules", "puppeteer-core")), \
        "puppeteer-core is missing: scripts/setup-deps --test installs it"
    run = subprocess.run(["node", script, f"http://127.0.0.1:{port}/"], capture_output=True,
                         text=True, timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    print(run.stdout.strip())


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check_export_stops_when_the_client_goes(tmp):
    """An export whose client closes after 2 KB stops: the server spends next to no CPU after."""
    tsv = os.path.join(tmp, "big.tsv")
    with open(tsv, "w") as f:
        for i in range(600000):
            f.write(f"e{i % 150000}\tp{i % 300}\te{(i * 7) % 150000}\n")
    db = os.path.join(tmp, "big.db")
    subprocess.run([WEFT, "--db", db, "import", "-q", tsv], check=True)
    proc, port = start(db)
    try:
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(b"GET /api/export?format=json HTTP/1.1\r\nHost: x\r\n\r\n")
            s.recv(2048)
            s.close()
        time.sleep(1.0)
        before = cpu_seconds(proc.pid)
        time.sleep(2.0)
        spent = cpu_seconds(proc.pid) - before
        # Three abandoned exports of 600,000 statements would keep both cores busy for seconds.
        assert spent < 0.5, f"{spent:.2f} s of CPU after the clients went"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)


def thread_count(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


def check_threads_retire_and_backlog(db):
    """Threads started for a flood of connections that send nothing end once it is over, down to
    the pool's floor; the listening socket's backlog is fit for bursts (ss shows it)."""
    proc, port = start(db, "--threads", "2", "--idle-threads", "0.2")
    try:
        assert get_json(port, "/api/health")["status"] == "ok"
        floor = thread_count(proc.pid)
        idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(40)]
        # Each silent connection holds a thread until the read timeout: the pool grows past 40.
        deadline = time.monotonic() + 10
        while thread_count(proc.pid) < floor + 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        grown = thread_count(proc.pid)
        assert grown >= floor + 30, (floor, grown)
        assert get_json(port, "/api/health")["status"] == "ok"  # answered beside them
        for c in idle:
            c.close()
        deadline = time.monotonic() + 20
        while thread_count(proc.pid) > floor + 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert thread_count(proc.pid) <= floor + 1, (floor, grown, thread_count(proc.pid))
        assert get_json(port, "/api/health")["status"] == "ok"
        ss = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        if ss.returncode == 0 and ss.stdout.strip():
            backlog = int(ss.stdout.split()[2])  # Send-Q of a listening socket: its backlog
            assert backlog >= 128, ss.stdout
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        check_export_stops_when_the_client_goes(tmp)
        db = os.path.join(tmp, "db")
        subprocess.run([WEFT, "--db", db, "import", "-q", os.path.join(FIXTURES, "hostile.tsv")],
                       check=True)
        proc, port = start(db)
        try:
            check_endpoints(port)
            check_hostile_requests(port)
            check_explorer(port, tmp)
            check_explorer_interactions(port)
            extra = os.path.join(tmp, "more.tsv")
            with open(extra, "w", encoding="utf-8") as f:
                f.write("Contoso\tacquire\tNorthwind\nNorthwind\tbased_in\tLisbon\n")
            check_reload(port, db, extra)
            assert proc.poll() is None, "the server died"
            check_threads_retire_and_backlog(db)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise AssertionError("SIGTERM did not stop the server")
        assert code == 0, f"exit {code}: {proc.stderr.read()}"
        # A busy port is a clear error, not a crash.
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        busy = subprocess.run([WEFT, "--db", db, "serve", "--port", str(blocker.getsockname()[1])],
                              capture_output=True, text=True, timeout=30)
        blocker.close()
        assert busy.returncode != 0 and "cannot listen" in busy.stderr, busy.stderr
    print("serve: ok")


if __name__ == "__main__":
    main()
