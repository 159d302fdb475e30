#!/usr/bin/env python3
"""Edit storm: does `briefing watch` end where a clean build of the final
state does?

    cargo build --release
    bench/edit_storm.py [--n 1000] [--files 100] [--writes 1000] [--seconds 5]

Makes an N-article site (bench/gencorpus.py) in a temporary folder, starts
`briefing watch` on it (SOURCE_DATE_EPOCH set), waits for the first build,
then makes WRITES writes spread evenly over SECONDS across FILES articles
(each write rewrites one paragraph of one file in place, with a marker
unique to the write; every tenth write to a file goes through a temporary
file and a rename, as some editors save). When the watcher has been quiet
for a while, it builds the final state cleanly into a second folder with
the same SOURCE_DATE_EPOCH and compares the two trees (`diff -r`). Reports
the rebuilds the watcher made, how long it took to settle, the differing
files, and leftover temporary files. Exits 1 if the trees differ.
With --churn, every 20th write creates a new article or deletes one it
created. Python 3 standard library plus `diff`.
"""
import argparse
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCH = "1752300000"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(REPO, "target", "release", "briefing"))
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--quiet-for", type=float, default=5.0, help="seconds without output that count as settled")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--churn", action="store_true",
                        help="make every 20th write create a new article or delete one made earlier")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    rng = random.Random(args.seed)

    work = tempfile.mkdtemp(prefix="briefing-storm-")
    watcher = None
    try:
        site = os.path.join(work, "site")
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gencorpus.py"), "--n", str(args.n),
                        "--out", site], check=True)
        live = os.path.join(work, "live")
        watcher = subprocess.Popen([binary, "watch", "--root", site, "--output", live],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put((time.perf_counter(), l.rstrip())) for l in watcher.stdout],
                         daemon=True).start()
        first = lines.get(timeout=300)[1]
        if "watching" not in first:
            raise SystemExit(f"watch did not start: {first}")
        # Let the file watcher settle before the storm.
        time.sleep(1.0)

        files = sorted(os.path.join(site, "seeds", f) for f in os.listdir(os.path.join(site, "seeds"))
                       if f.endswith(".txt"))
        chosen = rng.sample(files, args.files)
        texts = {}
        for path in chosen:
            with open(path, encoding="utf-8") as f:
                texts[path] = f.read().split("\n")
        interval = args.seconds / args.writes
        started = time.perf_counter()
        created = []
        for n in range(args.writes):
            if args.churn and n % 20 == 19:
                if created and n % 40 == 39:
                    os.remove(created.pop(rng.randrange(len(created))))
                else:
                    new = os.path.join(site, "seeds", f"2025-01-{n % 28 + 1:02d}_{n:03d}_storm{n:06d}.txt")
                    with open(new, "w", encoding="utf-8") as f:
                        f.write(f"A story made during the storm, number {n}, says the harbour reopened.\nIt has a second paragraph.")
                    created.append(new)
                continue
            path = chosen[n % len(chosen)]
            paragraphs = texts[path]
            k = rng.randrange(1, len(paragraphs))
            paragraphs[k] = re.sub(r" storm-\d+$", "", paragraphs[k]) + f" storm-{n}"
            data = "\n".join(paragraphs)
            if n // len(chosen) % 10 == 9:
                temp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.swp")
                with open(temp, "w", encoding="utf-8") as f:
                    f.write(data)
                os.replace(temp, path)
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(data)
            delay = started + (n + 1) * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        storm_end = time.perf_counter()
        print(f"storm: {args.writes} writes to {args.files} of {len(files)} articles in {storm_end - started:.2f} s")

        rebuilt = []
        last = storm_end
        while True:
            try:
                at, line = lines.get(timeout=args.quiet_for)
            except queue.Empty:
                break
            last = at
            if line.startswith("rebuilt:"):
                rebuilt.append(line)
            elif line.strip():
                print(f"watch: {line}")
        print(f"watch: {len(rebuilt)} rebuilds reported; quiet {last - storm_end:.2f} s after the last write")
        if rebuilt:
            print(f"  last: {rebuilt[-1]}")

        clean = os.path.join(work, "clean")
        subprocess.run([binary, "build", "-q", "--root", site, "--output", clean], check=True, env=env)
        diff = subprocess.run(["diff", "-rq", live, clean], capture_output=True, text=True)
        temps = [os.path.join(d, f) for d, _, fs in os.walk(live) for f in fs if f.endswith(".tmp")]
        differing = [l for l in diff.stdout.splitlines() if l]
        print(f"diff -r watch-output clean-build: {len(differing)} differences")
        for line in differing[:20]:
            print("  " + line.replace(work + "/", ""))
        if len(differing) > 20:
            print(f"  … {len(differing) - 20} more")
        if temps:
            print(f"leftover temporary files: {len(temps)}, e.g. {temps[0].replace(work + '/', '')}")
        stale = [p for p in chosen if not _final_marker_served(p, texts[p], live)]
        print(f"articles whose last edit is missing from the watch output: {len(stale)}")
        return 1 if differing or temps else 0
    finally:
        if watcher:
            watcher.send_signal(signal.SIGINT)
            try:
                watcher.wait(timeout=20)
            except subprocess.TimeoutExpired:
                watcher.kill()
                watcher.wait()
        shutil.rmtree(work, ignore_errors=True)


def _final_marker_served(path, paragraphs, live):
    markers = [m for p in paragraphs for m in re.findall(r"storm-\d+", p)]
    if not markers:
        return True
    last = max(markers, key=lambda m: int(m.split("-")[1]))
    for folder, _, files in os.walk(os.path.join(live, "articles")):
        for name in files:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                if last in f.read():
                    return True
    return False


if __name__ == "__main__":
    sys.exit(main())
