"""Opens weft's HTML export in headless Chromium: the page must draw every entity, log no
console error, fetch nothing, and keep hostile names as text.

Usage: viewer_test.py WEFT_BINARY FIXTURE_TSV
"""
import json
import os
import re
import subprocess
import sys
import tempfile

WEFT, FIXTURE = sys.argv[1], sys.argv[2]
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--virtual-time-budget=8000"]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db")
        page = os.path.join(tmp, "graph.html")
        subprocess.run([WEFT, "--db", db, "import", "-q", FIXTURE], check=True)
        subprocess.run([WEFT, "--db", db, "export", "-q", "-F", "html", "-o", page], check=True)
        html = open(page, encoding="utf-8").read()
        # Hostile names travel only as escaped JSON.
        assert "<script>alert(1)" not in html, "a name became markup"
        assert not re.search(r"""(src|href)=["']https?:""", html), "the page fetches something"
        run = subprocess.run(CHROMIUM + [f"--user-data-dir={tmp}/profile", "--enable-logging=stderr",
                                         "--v=0", "--dump-dom", f"file://{page}"],
                             capture_output=True, text=True, timeout=120)
        ready = re.search(r'data-ready="(\d+)"', run.stdout)
        assert ready and ready.group(1) == "6", (ready and ready.group(1), run.stderr[-2000:])
        console = [l for l in run.stderr.splitlines() if "CONSOLE" in l]
        assert not console, console
        # The hostile name is in the page as text (in the graph's data), not as an element.
        assert "alert(1)" in run.stdout and "<script>alert(1)" not in run.stdout
        shot = os.path.join(tmp, "shot.png")
        subprocess.run(CHROMIUM + [f"--user-data-dir={tmp}/profile2", "--window-size=1000,700",
                                   f"--screenshot={shot}", f"file://{page}"],
                       capture_output=True, timeout=120, check=True)
        size = os.path.getsize(shot)
        assert size > 15000, f"screenshot is nearly empty ({size} bytes)"
        # Named entities only (graph.html#named): the page shows exactly the people,
        # organisations, places and misc names of an ingested article.
        article = os.path.join(tmp, "article.txt")
        with open(article, "w", encoding="utf-8") as f:
            f.write("Northwind Systems said on Tuesday it will open a research hub in Lisbon. "
                    "Ana Ribeiro, a former Contoso engineer, will lead 200 engineers there.\n")
        db2 = os.path.join(tmp, "db2")
        subprocess.run([WEFT, "--db", db2, "ingest", "-q", article], check=True)
        subprocess.run([WEFT, "--db", db2, "export", "-q", "-F", "html", "-o", page], check=True)
        named = subprocess.run([WEFT, "--db", db2, "query", "--format", "tsv",
                                "?x -?p-> ?y return ?x, ?y"], capture_output=True, text=True,
                               check=True).stdout
        types = subprocess.run([WEFT, "--db", db2, "rank", "--named", "--top", "1000", "--format",
                                "tsv"], capture_output=True, text=True, check=True).stdout
        expected = len(types.strip().splitlines()) - 1
        assert expected >= 2, (types, named)
        run = subprocess.run(CHROMIUM + [f"--user-data-dir={tmp}/profile3", "--dump-dom",
                                         f"file://{page}#named"],
                             capture_output=True, text=True, timeout=120)
        visible = re.search(r'data-visible="(\d+)"', run.stdout)
        assert visible and int(visible.group(1)) == expected, (visible and visible.group(1), expected)
        # Past --max-nodes: the most important entities, laid out by weft, and a note of what
        # was left out.
        subprocess.run([WEFT, "--db", db, "export", "-q", "-F", "html", "--max-nodes", "3",
                        "-o", page], check=True)
        data = json.loads(re.search(r'<script id="weft-data" type="application/json">(.*?)</script>',
                                    open(page, encoding="utf-8").read(), re.S).group(1))
        assert len(data["nodes"]) == 3 and data["omitted"]["nodes"] == 3, data.get("omitted")
        kept = {n["id"] for n in data["nodes"]}
        assert all(e["source"] in kept and e["target"] in kept for e in data["edges"])
        assert all(isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float))
                   for n in data["nodes"]), "positions missing"
        assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 3, "nodes drawn on each other"
        run = subprocess.run(CHROMIUM + [f"--user-data-dir={tmp}/profile4", "--dump-dom",
                                         f"file://{page}"],
                             capture_output=True, text=True, timeout=120)
        ready = re.search(r'data-ready="(\d+)"', run.stdout)
        assert ready and ready.group(1) == "3", ready and ready.group(1)
        assert "not shown: 3 less connected entities" in run.stdout, run.stdout[-2000:]
    print("1 passed, 0 failed")


main()
