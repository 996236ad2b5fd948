"""weft serve stops on SIGINT or SIGTERM whenever the signal lands: while the snapshot loads,
between the bind and the listen, and while it serves. Each try starts the server on a store big
enough that loading takes a while, signals it after a delay that sweeps start-up, and requires
an exit within ten seconds. Talks only to 127.0.0.1; every wait is bounded.

Usage: serve_signal_test.py WEFT_BINARY
"""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

WEFT = sys.argv[1]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tsv = os.path.join(tmp, "big.tsv")
        r = random.Random(7)
        with open(tsv, "w") as f:
            for i in range(150000):
                f.write(f"e{r.randrange(40000)}\tp{r.randrange(20)}\te{r.randrange(40000)}\n")
        db = os.path.join(tmp, "db")
        subprocess.run([WEFT, "--db", db, "import", "-q", tsv], check=True)
        # How long start-up takes, to sweep the delays over it.
        start = time.monotonic()
        p = subprocess.Popen([WEFT, "--db", db, "serve", "--port", "0"],
                             stderr=subprocess.PIPE, text=True)
        p.stderr.readline()
        startup = time.monotonic() - start
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=10) == 0
        tries = 40
        for k in range(tries):
            sig = signal.SIGINT if k % 2 else signal.SIGTERM
            delay = startup * 1.5 * k / tries
            p = subprocess.Popen([WEFT, "--db", db, "serve", "--port", "0"],
                                 stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            time.sleep(delay)
            p.send_signal(sig)
            try:
                code = p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                raise AssertionError(f"still serving 10 s after {sig.name} at {delay:.3f} s")
            assert code in (0, -sig), f"exit {code} after {sig.name} at {delay:.3f} s"
        print(f"{tries + 1} passed, 0 failed")


if __name__ == "__main__":
    main()
