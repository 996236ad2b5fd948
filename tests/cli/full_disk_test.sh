#!/usr/bin/env bash
# A full disk, simulated with a file-size limit: the import fails with a storage error (exit 5),
# nothing of the document remains, and the store checks clean. An unwritable location gets a
# storage error naming it.
# Usage: full_disk_test.sh WEFT_BINARY EXAMPLES_TSV
set -euo pipefail
weft=$1 examples=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$weft" --db db import -q "$examples"
before=$("$weft" --db db stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])')
python3 -c "
import random
r = random.Random(3)
with open('big.tsv', 'w') as f:
    for i in range(200000):
        f.write(f'e{r.randrange(50000)}\tp{r.randrange(30)}\te{r.randrange(50000)}\n')
"
# A new document (the bulk path: table files), then a changed version of a stored one (the
# incremental path: batches through the write-ahead log).
cp "$examples" replaced.tsv
"$weft" --db db import -q replaced.tsv
before=$("$weft" --db db stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])')
for input in big.tsv replaced.tsv; do
  [[ $input == replaced.tsv ]] && cp big.tsv replaced.tsv
  set +e
  (trap '' XFSZ; ulimit -f 2048; WEFT_BATCH_STATEMENTS=20000 "$weft" --db db import -q $input) 2>err.txt
  rc=$?
  set -e
  [[ $rc -eq 5 ]] || { echo "$input: expected exit 5, got $rc"; cat err.txt; exit 1; }
  grep -qE "write failed( \(bulk load: [a-z ]+\))? in db" err.txt || {
    echo "$input: unclear message:"; cat err.txt; exit 1; }
  "$weft" --db db check -q
  after=$("$weft" --db db stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["statements"])')
  [[ "$before" == "$after" ]] || { echo "$input: statements changed: $before -> $after"; exit 1; }
done
set +e
"$weft" --db /proc/weft-test.db import -q big.tsv 2>err2.txt
rc=$?
set -e
[[ $rc -eq 5 ]] && grep -q "cannot open the store at '/proc/weft-test.db'" err2.txt || {
  echo "unwritable location: exit $rc"; cat err2.txt; exit 1; }
echo "1 passed, 0 failed"
