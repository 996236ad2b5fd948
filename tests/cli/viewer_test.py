"""Opens weft's HTML export in headless Chromium: the page must draw every entity, log no
console error, fetch nothing, and keep hostile names as text.

Usage: viewer_test.py WEFT_BINARY FIXTURE_TSV
"""
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
    print("1 passed, 0 failed")


main()
