"""Extraction spread over a Dask cluster.

The client reads the documents (as `weft ingest` reads and names them), cuts them into
partitions, and each Dask task runs `weft.extract` over one partition and writes its records as
one JSON Lines file, `part-NNNNN.jsonl` in the output directory: a header per document, its
statements with their sources, its entities. `weft import` (or `Store.import_file`) then stores
each document as `weft ingest` would have; importing a partition again changes nothing.

A partition file appears whole or not at all (written beside and renamed), so a task that a
killed worker left unfinished, and that Dask runs again elsewhere, leaves no half file behind
(the temporary files of killed workers are removed when all partitions are done).

From a shell:

    python3 -m weft.dask --scheduler tcp://10.0.0.5:8786 articles/ --out parts/
    weft --db news.db import parts/part-*.jsonl

From Python:

    from dask.distributed import Client
    import weft.dask
    parts = weft.dask.extract(["articles/"], "parts/", client=Client("tcp://10.0.0.5:8786"))
"""

import argparse
import json
import os
import sys
import time

import weft

__all__ = ["extract", "extract_partition", "import_parts", "main"]


def _partition_path(out_dir, index):
    return os.path.join(out_dir, "part-%05d.jsonl" % index)


def extract_partition(index, documents, out_dir):
    """Extracts one partition's documents, (name, text, date, headline) each, into
    part-INDEX.jsonl.
    Runs on a worker; returns (path, documents, statements)."""
    path = _partition_path(out_dir, index)
    tmp = "%s.tmp.%d.%d" % (path, os.getpid(), time.monotonic_ns())
    statements = 0
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            for name, text, date, headline in documents:
                for record in weft.extract(text, name, date or None, headline or None):
                    if "subject" in record:
                        statements += 1
                    out.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
                    out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path, len(documents), statements


def _cut(documents, partitions):
    """Contiguous slices of about equal text size, in input order, none empty."""
    n = len(documents)
    partitions = max(1, min(partitions, n))
    total = sum(len(doc[1]) for doc in documents) or 1
    cuts, current, size = [], [], 0
    for i, doc in enumerate(documents):
        current.append(doc)
        size += len(doc[1])
        parts_left = partitions - len(cuts) - 1
        if parts_left > 0 and (size >= total * (len(cuts) + 1) / partitions
                               or n - i - 1 == parts_left):
            cuts.append(current)
            current = []
    if current:
        cuts.append(current)
    return cuts


def extract(inputs, out_dir, client=None, scheduler=None, partitions=None, retries=2):
    """Extracts the documents of `inputs` (paths, as `weft ingest` takes them) on a Dask cluster
    into `out_dir`; returns the partition files in input order. Give a distributed Client, or
    the scheduler's address. `partitions` defaults to four per worker thread. Raises
    weft.InputError for a missing input, before anything runs."""
    from dask.distributed import Client, wait

    documents = weft.read_documents(inputs)
    os.makedirs(out_dir, exist_ok=True)
    own = client is None
    if own:
        if not scheduler:
            raise ValueError("give a dask.distributed Client or a scheduler address")
        client = Client(scheduler)
    try:
        if partitions is None:
            threads = sum(client.nthreads().values()) or 1
            partitions = 4 * threads
        cuts = _cut(documents, int(partitions))
        futures = [
            client.submit(extract_partition, i, cut, os.path.abspath(out_dir),
                          retries=retries, pure=False)
            for i, cut in enumerate(cuts)
        ]
        wait(futures)
        results = client.gather(futures)
    finally:
        if own:
            client.close()
    # A worker killed while writing leaves its temporary file; its partition ran again.
    for name in os.listdir(out_dir):
        if name.startswith("part-") and ".jsonl.tmp." in name:
            os.remove(os.path.join(out_dir, name))
    return [path for path, _, _ in results]


def import_parts(store, parts):
    """Imports partition files into an open weft.Store in order; returns the totals."""
    totals = {"documents": 0, "unchanged": 0, "statements": 0}
    for path in parts:
        r = store.import_file(path)
        totals["documents"] += r.get("documents", 0)
        totals["unchanged"] += r.get("unchanged_documents", 0)
        totals["statements"] += r.get("statements", 0)
    return totals


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m weft.dask",
        description="Extract statements from documents on a Dask cluster, one JSON Lines file "
                    "per partition; `weft import` stores them.")
    parser.add_argument("inputs", nargs="+", help="files, directories or JSON Lines records")
    parser.add_argument("--scheduler", required=True, help="the Dask scheduler, tcp://HOST:PORT")
    parser.add_argument("--out", required=True, help="directory for part-NNNNN.jsonl")
    parser.add_argument("--partitions", type=int, help="default: four per worker thread")
    parser.add_argument("--retries", type=int, default=2, help="reruns of a failed partition")
    parser.add_argument("--db", help="import the partitions into this store afterwards")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        parts = extract(args.inputs, args.out, scheduler=args.scheduler,
                        partitions=args.partitions, retries=args.retries)
    except weft.Error as e:
        print("weft.dask: %s" % e, file=sys.stderr)
        return 3
    print("weft.dask: %d partitions in %s (%.1f s)" % (len(parts), args.out,
                                                        time.monotonic() - start),
          file=sys.stderr)
    if args.db:
        with weft.open(args.db) as store:
            totals = import_parts(store, parts)
        print("weft.dask: %(documents)d documents stored, %(unchanged)d unchanged, "
              "%(statements)d statements" % totals, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
