#!/usr/bin/env python3
"""Measures `briefing build --cache` as a scheduled CI rebuild sees it.

    cargo build --release
    bench/cache_bench.py [--n 10000] [--runs 5] [--dir /tmp] [--changed 0.01]

Generates a site with bench/gencorpus.py, then times release builds into a
fresh output folder (as a CI runner has none), alternating three kinds:

  cold       no cache at all (the baseline);
  warm       the cache of the previous build, nothing changed;
  changed    the cache of the previous build, and --changed of the articles
             (1% by default, different ones each run) edited since.

Prints the median wall time and CPU time (user + system) of each, their
ratios to the cold medians of the same run (on a busy machine the CPU
ratio is the steadier one), and the cache file's size. After the runs it checks that the last
cached build's output is byte-identical to a cold build of the same files.
Python 3 standard library only.
"""
import argparse
import filecmp
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCH = "1752300000"


def build(binary, site, out, cache=None):
    shutil.rmtree(out, ignore_errors=True)
    cmd = [binary, "build", "-q", "--root", site, "--output", out]
    if cache:
        cmd += ["--cache", cache]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def edit(paths, rng, count, run):
    """Appends a sentence to the last paragraph of `count` articles."""
    for path in rng.sample(paths, count):
        with open(path, encoding="utf-8") as f:
            text = f.read().rstrip("\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"{text} The figures were revised in update {run}.\n")


def same_tree(a, b):
    """Whether two folders hold the same files with the same bytes."""
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changed", type=float, default=0.01)
    parser.add_argument("--dir", default=None, help="where to put the site (default: a temp folder)")
    parser.add_argument("--binary", default=os.path.join(REPO, "target", "release", "briefing"))
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="briefing-cache-bench-", dir=args.dir)
    try:
        site = os.path.join(work, "site")
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gencorpus.py"),
                        "--n", str(args.n), "--out", site, "--seed", "1"], check=True)
        seeds = os.path.join(site, "seeds")
        articles = sorted(os.path.join(seeds, f) for f in os.listdir(seeds)
                          if f.endswith((".txt", ".md")))
        out = os.path.join(work, "public")
        cache = os.path.join(work, "cache")
        rng = random.Random(1)
        count = max(1, round(len(articles) * args.changed))

        build(args.binary, site, out)  # warm-up: the file cache, not ours
        build(args.binary, site, out, cache)
        times = {"cold": [], "warm": [], "changed": []}
        for run in range(args.runs):
            times["cold"].append(build(args.binary, site, out))
            times["warm"].append(build(args.binary, site, out, cache))
            edit(articles, rng, count, run)
            times["changed"].append(build(args.binary, site, out, cache))

        reference = os.path.join(work, "public-cold")
        build(args.binary, site, reference)
        identical = same_tree(out, reference)
        size = os.path.getsize(os.path.join(cache, "articles.pack"))

        cold_wall = statistics.median(w for w, _ in times["cold"])
        cold_cpu = statistics.median(c for _, c in times["cold"])
        print(f"site: {len(articles)} articles, {count} changed per 'changed' run; "
              f"{args.runs} runs each, medians; cache file {size / 1e6:.1f} MB")
        for name, samples in times.items():
            wall = statistics.median(w for w, _ in samples)
            cpu = statistics.median(c for _, c in samples)
            print(f"{name:8} wall {wall * 1000:6.0f} ms ({wall / cold_wall:.3f} of cold)  "
                  f"cpu {cpu * 1000:6.0f} ms ({cpu / cold_cpu:.3f} of cold)")
        print(f"last cached output identical to a cold build: {identical}")
        return 0 if identical else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
