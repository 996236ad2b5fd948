"""Drives `weft repl` through a pseudo-terminal: completion, history, Ctrl-C, .mode json.

Usage: repl_pty_test.py WEFT_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import pexpect

WEFT = sys.argv[1]
PROMPT = "weft> "


def spawn(db, home):
    env = dict(os.environ, HOME=home, WEFT_DB=db, TERM="xterm", NO_COLOR="1")
    env.pop("WEFT_HISTORY", None)
    child = pexpect.spawn(WEFT, ["repl"], env=env, encoding="utf-8", timeout=20,
                          dimensions=(40, 200))
    child.expect_exact(PROMPT)
    return child


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db")
        tsv = os.path.join(tmp, "g.tsv")
        with open(tsv, "w") as f:
            f.write("Northwind Systems\topen\tresearch hub\n")
            f.write("Ana Ribeiro\twork_at\tNorthwind Systems\n")
            f.write("Ana Ribeiro\tjoin\tNorthwind Systems\tfrom=Contoso\tas=engineer\n")
            # A dense cycle so that a join of closures runs for a long time.
            for i in range(300):
                f.write(f"n{i}\tlink\tn{(i + 1) % 300}\n")
                f.write(f"n{i}\tlink\tn{(i * 7 + 3) % 300}\n")
        subprocess.run([WEFT, "--db", db, "import", "-q", tsv], check=True)

        # Tab completes an entity whose name has a space, quoting it.
        child = spawn(db, tmp)
        child.send("Northw\t")
        child.expect_exact('ind Systems"')  # the line is redrawn with the quoted name
        child.send(" -open-> ?x;\r")
        child.expect_exact("research hub")
        child.expect_exact(PROMPT)

        # .mode json output parses as JSON.
        child.sendline(".mode json")
        child.expect_exact(PROMPT)
        child.sendline("?p -work_at-> ?c;")
        child.expect_exact(PROMPT)
        out = child.before
        start = out.index("[")
        rows = json.loads(out[start:out.rindex("]") + 1])
        assert rows == [{"p": "Ana Ribeiro", "c": "Northwind Systems"}], rows
        child.sendline(".mode table")
        child.expect_exact(PROMPT)

        # Ctrl-C cancels a long query and the prompt comes back.
        child.sendline("?a -link+-> ?b, ?c -link+-> ?d, ?e -link+-> ?f return count(*);")
        time.sleep(1.0)
        child.sendintr()
        child.expect_exact("query cancelled", timeout=20)
        child.expect_exact(PROMPT)
        child.sendline("Northwind -open-> ?x;")
        child.expect_exact(PROMPT)
        child.sendeof()
        child.expect(pexpect.EOF)

        # A query runs at ';' or at an empty line, so a clause may follow on the next line.
        child = spawn(db, tmp)
        child.sendline("?p -work_at-> ?c")
        child.expect_exact("...> ")
        child.sendline("return ?c as employer;")
        child.expect_exact("employer")
        child.expect_exact(PROMPT)
        assert "Error" not in child.before, child.before
        child.sendline('"Northwind Systems" -open-> ?x')
        child.sendline("")
        child.expect_exact("research hub")
        child.expect_exact(PROMPT)
        # Completion by context: a predicate right after an arrow's '-'.
        child.send("?p -wor\t")
        child.expect_exact("k_at")
        child.send("-> ?c;\r")
        child.expect_exact("Ana Ribeiro")
        child.expect_exact(PROMPT)
        # Completion by context: a qualifier's role right after '{'.
        child.send("?p -join{fr\t")
        child.expect_exact("om")
        child.send(": ?f}-> ?c;\r")
        child.expect_exact("Contoso")
        child.expect_exact(PROMPT)
        # Settings without an argument are shown.
        child.sendline(".mode")
        child.expect_exact("table")
        child.expect_exact(PROMPT)
        child.sendline(".timer")
        child.expect_exact("off")
        child.expect_exact(PROMPT)
        # A failed .open keeps the store that was open.
        child.sendline(".open /nonexistent/store")
        child.expect_exact("no weft store")
        child.expect_exact(PROMPT)
        child.sendline("?p -work_at-> ?c;")
        child.expect_exact("Ana Ribeiro")
        child.expect_exact(PROMPT)
        # Long tables show their first rows.
        child.sendline(".maxrows 3")
        child.expect_exact(PROMPT)
        child.sendline("?a -link-> ?b;")
        child.expect_exact("... 597 more rows (600 in all")
        child.expect_exact(PROMPT)
        child.sendeof()
        child.expect(pexpect.EOF)

        # History survives into a second session: Up arrow recalls the last query.
        child = spawn(db, tmp)
        child.send("\x1b[A")
        child.expect_exact("?a -link-> ?b;")
        child.send("\r")
        child.expect_exact(PROMPT)
        child.sendline(".quit")
        child.expect(pexpect.EOF)
        assert os.path.exists(os.path.join(tmp, ".weft_history"))

        # Batch mode: results only, and the exit code says whether a query failed.
        ok = subprocess.run([WEFT, "--db", db, "repl"], input="Ana Ribeiro -work_at-> ?x\n".replace("Ana Ribeiro", '"Ana Ribeiro"'),
                            capture_output=True, text=True)
        assert ok.returncode == 0 and "Northwind Systems" in ok.stdout, ok
        bad = subprocess.run([WEFT, "--db", db, "repl"], input="?x -open-> ;\n?x -open-> ?y;\n",
                             capture_output=True, text=True)
        assert bad.returncode == 4, bad
        assert "syntax error" in bad.stderr and "research hub" in bad.stdout, bad
    print("1 passed, 0 failed")


main()
