"""Kills `weft import`, `weft ingest` and `weft remove` with SIGKILL at random moments (seeded),
checks the store after each kill, completes the run, and compares the result statement for
statement with a store built without interruption.

Usage: kill_test.py WEFT_BINARY [KILLS]
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
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
rng = random.Random(2026)


def weft(db, *args, env=None, check=True):
    return subprocess.run([WEFT, "--db", db, *args], capture_output=True, text=True, env=env,
                          check=check)


def statements(db):
    out = os.path.join(os.path.dirname(db), os.path.basename(db) + ".json")
    weft(db, "export", "-q", "-F", "json", "-o", out)
    with open(out) as f:
        g = json.load(f)
    rows = []
    for link in g["links"]:
        quals = sorted((k, v) for k, v in link.items()
                       if k not in ("source", "target", "key", "label", "confidence", "support", "statement"))
        rows.append((link["source"], link["label"], link["target"], link["support"], str(quals)))
    return sorted(rows)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        files = [os.path.join(tmp, f"part{n}.tsv") for n in range(3)]

        def write_part(n):
            with open(files[n], "w") as f:
                for i in range(20000):
                    s, o = rng.randrange(3000), rng.randrange(3000)
                    f.write(f"e{s}\tp{rng.randrange(40)}\te{o}\tsrc=part{n}\n")

        texts = os.path.join(tmp, "texts")
        os.mkdir(texts)
        companies = ["Northwind", "Contoso", "Fabrikam", "Litware", "Tailspin", "Adatum"]

        def write_text(d):
            with open(os.path.join(texts, f"doc{d}.txt"), "w") as f:
                for k in range(8):
                    a, b = rng.sample(companies, 2)
                    f.write(f"{a} acquired {b} in {2000 + rng.randrange(30)}. "
                            f"{b} opened a lab in Lisbon.\n")

        for n in range(3):
            write_part(n)
        for d in range(12):
            write_text(d)
        env = dict(os.environ, WEFT_BATCH_STATEMENTS="1500")
        db = os.path.join(tmp, "killed")
        kills = 0
        for k in range(KILLS):
            # Every run has work to do: one input changed since the last run (a replaced
            # document), so a kill lands mid-write rather than after a run of no-ops.
            # Every fifth run removes a part: a removal killed between its batches is finished by
            # the next writer (the final import then adds the part again).
            if k % 5 == 4:
                cmd = ["remove", "-q", files[k % 3]]
            elif k % 3:
                write_part(k % 3)
                cmd = ["import", "-q", *files]
            else:
                write_text(k % 12)
                cmd = ["ingest", "-q", texts]
            proc = subprocess.Popen([WEFT, "--db", db, *cmd], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.02, 0.3))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            if os.path.exists(os.path.join(db, "CURRENT")):
                r = weft(db, "check", check=False)
                assert r.returncode == 0, (k, r.stdout, r.stderr)
        # The test means nothing unless processes were killed mid-write.
        assert kills >= KILLS // 2, f"only {kills} of {KILLS} runs were still going when killed"
        weft(db, "import", "-q", *files, env=env)
        weft(db, "ingest", "-q", texts, env=env)
        reference = os.path.join(tmp, "reference")
        weft(reference, "import", "-q", *files, env=env)
        weft(reference, "ingest", "-q", texts, env=env)
        want = statements(reference)
        r = weft(db, "check", check=False)
        assert r.returncode == 0, r.stderr
        got = statements(db)
        assert got == want, (len(got), len(want))
        print(f"{kills} kills survived, {len(want)} statements, 0 lost")
    print("1 passed, 0 failed")


main()
