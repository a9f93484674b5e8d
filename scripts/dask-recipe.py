#!/usr/bin/env python3
"""Runs `marsad analyze --jsonl` over JSON-lines files on a Dask cluster, one partition at a time.

For a team with several machines: Dask cuts the input into partitions of whole lines (blocks of
--blocksize bytes of each file), sends each to a worker, and the worker pipes it through the
marsad command line, which uses the worker's cores (RAYON_NUM_THREADS=--threads). The results are
written as one JSON-lines file per partition, part-00000.jsonl, part-00001.jsonl, ...: their
concatenation in name order is in input order, one result line per input line. Each result's
`line` counts within its partition; use the input's `id` to join results back.

    # on one machine:   dask scheduler                     (listens on tcp://HOST:8786)
    # on every machine: dask worker tcp://HOST:8786 --nworkers 1 --nthreads 1
    #                   (marsad on the PATH, or give --marsad with a path valid on every worker)
    python3 scripts/dask-recipe.py --scheduler tcp://HOST:8786 'news/*.jsonl' out/
    # or locally, to try it: a LocalCluster of --workers processes
    python3 scripts/dask-recipe.py --workers 2 news.jsonl out/

The input paths (and out/) must be readable (writable) by every worker under the same names:
shared storage (NFS), or any URL fsspec reads (s3://, gs://, hdfs:// with their packages).
Needs `pip install "dask[distributed]"`.
"""

import argparse
import os
import shutil
import subprocess
import sys


def analyze_partition(lines, marsad, threads, options):
    """The marsad results of one partition's lines (strings, with or without their newline)."""
    data = "".join(l if l.endswith("\n") else l + "\n" for l in lines).encode("utf-8")
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    p = subprocess.run([marsad, "analyze", "--jsonl", "-", *options], input=data, capture_output=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"marsad failed ({p.returncode}): {p.stderr.decode('utf-8', 'replace').strip()}")
    out = p.stdout.decode("utf-8").splitlines()
    if len(out) != len(lines):
        raise RuntimeError(f"marsad gave {len(out)} lines for {len(lines)}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSON-lines files or globs (the last argument is the output directory)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://HOST:8786)")
    ap.add_argument("--workers", type=int, default=2, help="without --scheduler: local worker processes (default 2)")
    ap.add_argument("--threads", type=int, default=1, help="marsad threads per partition (default 1: one per worker)")
    ap.add_argument("--blocksize", default="32MB", help="input bytes per partition (default 32MB)")
    ap.add_argument("--marsad", default=shutil.which("marsad") or "marsad", help="the marsad binary, on every worker")
    ap.add_argument("--no-quotes", action="store_true", help="pass --no-quotes to marsad")
    args = ap.parse_args()
    if len(args.inputs) < 2:
        ap.error("give input files and an output directory")
    *inputs, out = args.inputs

    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True))
    print(f"dask: {client}", file=sys.stderr)
    options = ["--no-quotes"] if args.no_quotes else []
    bag = db.read_text(inputs, blocksize=args.blocksize, linedelimiter="\n")
    results = bag.map_partitions(analyze_partition, args.marsad, args.threads, options)
    os.makedirs(out, exist_ok=True)
    paths = results.to_textfiles(os.path.join(out, "part-*.jsonl"), name_function=lambda i: f"{i:05d}", last_endline=True)
    print(f"dask: {bag.npartitions} partitions -> {len(paths)} files in {out}", file=sys.stderr)
    client.close()


if __name__ == "__main__":
    main()
