"""Kills readers with SIGKILL while they bring the snapshot file up to date from the change log
and write it again (seeded random moments), with writes in between; after each kill `weft
check` (which verifies the file with the changes since it against the statements) must pass,
and at the end the graph must equal one built without the file.

Usage: snapshot_kill_test.py WEFT_BINARY [KILLS]
"""
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

WEFT = sys.argv[1]
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 16
rng = random.Random(2027)


def weft(db, *args, check=True):
    return subprocess.run([WEFT, "--db", db, *args], capture_output=True, text=True, check=check)


def graph(db, out):
    weft(db, "export", "-q", "-F", "json", "-o", out)
    with open(out) as f:
        g = json.load(f)
    nodes = sorted((n["id"], n.get("type", ""), tuple(sorted(n.get("aliases", []))))
                   for n in g["nodes"])
    links = sorted((link["source"], link["label"], link["target"], link["statement"],
                    link["support"]) for link in g["links"])
    return nodes, links


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db")
        base = os.path.join(tmp, "base.tsv")
        with open(base, "w") as f:
            for i in range(150000):
                f.write(f"e{rng.randrange(20000)}\tp{rng.randrange(30)}\te{rng.randrange(20000)}\n")
        weft(db, "import", "-q", base)
        weft(db, "query", "-q", "e1 -?p-> ?x")  # the first snapshot file

        def write(k):
            # Enough changed statements that the next load writes the file again (10,000).
            part = os.path.join(tmp, f"part{k % 3}.tsv")
            with open(part, "w") as f:
                for i in range(12000):
                    f.write(f"e{rng.randrange(20000)}\tp{rng.randrange(30)}\t"
                            f"e{rng.randrange(20000)}\tround={k}\n")
            weft(db, "import", "-q", part)  # from the fourth round on, replaces a document

        # How long an update and its file take here: the kills land anywhere in that span.
        write(-1)
        started = time.monotonic()
        weft(db, "query", "-q", "e1 -?p-> ?x")
        span = time.monotonic() - started
        kills = 0
        for k in range(KILLS):
            write(k)
            proc = subprocess.Popen([WEFT, "--db", db, "query", "-q", "e1 -?p-> ?x"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 2 * span))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            r = weft(db, "check", check=False)
            assert r.returncode == 0, (k, r.stdout, r.stderr)
        assert kills >= KILLS // 4, f"only {kills} of {KILLS} readers were still going when killed"
        loaded = graph(db, os.path.join(tmp, "loaded.json"))
        os.remove(os.path.join(db, "weft.snapshot"))
        built = graph(db, os.path.join(tmp, "built.json"))
        assert loaded == built, (len(loaded[1]), len(built[1]))
        print(f"{kills} kills while updating the snapshot, {len(built[1])} edges, equal to a build")
    print("1 passed, 0 failed")


main()
