#!/usr/bin/env python3
"""Times full builds of generated sites: briefing, an I/O floor, Zola, Hugo.

    cargo build --release
    bench/build_bench.py                          # 1k and 10k, 5 runs each
    bench/build_bench.py --sizes 1k,10k,100k --runs 5 --dir /tmp/briefing-bench
    bench/build_bench.py --sizes 10k --no-peers --json results.json
    bench/build_bench.py --corpus DIR             # a corpus made elsewhere
    bench/build_bench.py --baseline /tmp/briefing-main   # before/after, same rounds

For each size it writes a corpus with bench/gencorpus.py --peers (the same
articles as a briefing site, a Zola site and a Hugo site) under --dir, then
times clean builds: a warm-up round (--warmup), then --runs rounds, each
round running every command once, back to back, in an order that rotates
from round to round. Before each run the command's output folder is deleted
and the file system synced, outside the timing. The commands:

    briefing   TARGET/release/briefing build --root SITE --output OUT --quiet
    baseline   the same with --baseline BINARY (say, main's), for before/after
    I/O floor  sh -c: read every input file (cat), then copy briefing's
               output tree (cp -R): the same bytes in the same number of
               files, with no work between reading and writing
    zola       zola --root SITE/zola build --output-dir OUT   (when on PATH)
    hugo       hugo --source SITE/hugo --destination OUT      (when on PATH)

Each run is measured from outside: wall time from just before the child is
started to just after it is reaped, and, from os.wait4, its user and system
CPU time and the peak resident memory of the largest process it waited for.
While a run goes it also reads /proc/stat, to say how much CPU the rest of
the machine used meanwhile ("others", in cores): on a shared machine that
tells a quiet run from a busy one. The tables print medians, the wall time's
range, the output's bytes and files, and ratios against the floor and the
peers: each ratio is the median of the per-round ratios.

Where --dir lives matters (tmpfs against ext4 changes the cost of writing
thousands of files): the default is /dev/shm when it exists; the file system
type is printed. Corpora are regenerated unless one of the same size, seed
and generator is already there; everything written is deleted at the end
unless --keep. Nothing here asserts a time: it measures and prints.
Linux only (os.wait4, /proc); Python 3 standard library only.
"""
import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENCORPUS = os.path.join(REPO, "bench", "gencorpus.py")
FLOOR = "I/O floor"


def parse_size(text):
    text = text.strip().lower()
    scale = 1
    if text.endswith("k"):
        text, scale = text[:-1], 1000
    try:
        n = int(text) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (write 1000 or 1k)") from None
    if n < 1:
        raise argparse.ArgumentTypeError("a size is at least 1")
    return n


def parse_sizes(text):
    return [parse_size(part) for part in text.split(",") if part.strip()]


def default_dir():
    base = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    return os.path.join(base, "briefing-bench")


def fs_type(path):
    """The file system type of the mount that holds path (from /proc)."""
    path = os.path.realpath(path)
    best, kind = "", "unknown"
    with open("/proc/self/mounts", encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            mount = fields[1].replace("\\040", " ")
            inside = path == mount or path.startswith(mount.rstrip("/") + "/")
            if inside and len(mount) >= len(best):
                best, kind = mount, fields[2]
    return f"{kind} ({best})"


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60)
    except OSError:
        return "unknown"
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def version_of(cmd):
    """The first x.y.z in what cmd prints ("zola 0.22.1", "hugo v0.168.0-...")."""
    found = re.search(r"\d+\.\d+\.\d+", first_line(cmd))
    return found.group(0) if found else "(version unknown)"


def describe_binary(path):
    """The path, and a warning when it is a script that starts the binary:
    then the script's interpreter is timed too."""
    real = os.path.realpath(path)
    with open(real, "rb") as f:
        magic = f.read(4)
    if magic == b"\x7fELF":
        return real
    return f"{real} (not a binary but a wrapper script: its start-up is timed too)"


def own_peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def machine():
    """Lines describing the machine and the binaries measured."""
    model = "unknown CPU"
    mem_kib = 0
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    return [
        f"CPU: {os.cpu_count()} cores, {model}",
        f"memory: {mem_kib / 1024 / 1024:.1f} GiB",
        f"kernel: {platform.system()} {platform.release()}",
        f"rustc: {first_line(['rustc', '--version'])}",
    ]


def cpu_busy_seconds():
    """Seconds of CPU time the whole machine has spent busy since boot."""
    with open("/proc/stat", encoding="utf-8") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal ...
    idle = fields[3] + fields[4]
    busy = sum(fields[:8]) - idle
    return busy / os.sysconf("SC_CLK_TCK")


def measure(cmd, cwd, log):
    """Runs cmd once; returns wall, user, sys, peak (bytes), others (cores)."""
    with open(log, "wb") as out:
        busy0 = cpu_busy_seconds()
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        busy = cpu_busy_seconds() - busy0
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        with open(log, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-3000:]
        sys.exit(f"build_bench: `{' '.join(cmd)}` exited {child.returncode}:\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "peak": usage.ru_maxrss * 1024,
        "others": max(0.0, busy - cpu) / wall if wall > 0 else 0.0,
    }


def tree_size(root):
    """Bytes, files and the largest file (bytes, path) under root."""
    total, files, largest = 0, 0, (0, "")
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            size = os.lstat(path).st_size
            total += size
            files += 1
            if size > largest[0]:
                largest = (size, os.path.relpath(path, root))
    return total, files, largest


def remove(path):
    if os.path.lexists(path):
        shutil.rmtree(path)


class Corpus:
    """A generated site of n articles under dir, with its peers' sites."""

    def __init__(self, base, n, seed):
        self.n = n
        self.root = os.path.join(base, f"corpus-{n}")
        self.stamp = os.path.join(self.root, ".bench-stamp")
        with open(GENCORPUS, "rb") as f:
            generator = hashlib.sha256(f.read()).hexdigest()[:16]
        self.key = f"n={n} seed={seed} gencorpus={generator}\n"
        self.seed = seed

    def ensure(self):
        """Generates the corpus unless the same one is already there; returns
        the seconds spent generating (0 when reused)."""
        if os.path.exists(self.stamp):
            with open(self.stamp, encoding="utf-8") as f:
                if f.read() == self.key:
                    return 0.0
        remove(self.root)
        start = time.perf_counter()
        cmd = [sys.executable, GENCORPUS, "--n", str(self.n), "--out", self.root,
               "--seed", str(self.seed), "--peers"]
        subprocess.run(cmd, check=True)
        with open(self.stamp, "w", encoding="utf-8") as f:
            f.write(self.key)
        return time.perf_counter() - start

    def inputs(self):
        """What briefing reads: site.toml and seeds/ (relative to root)."""
        return ["site.toml", "seeds"]


class ExistingCorpus:
    """A corpus made elsewhere (--corpus): DIR/seeds, and DIR/zola and
    DIR/hugo when they exist. Used as it is, never deleted."""

    def __init__(self, root):
        self.root = os.path.abspath(root)
        seeds = os.path.join(self.root, "seeds")
        if not os.path.isdir(seeds):
            sys.exit(f"build_bench: {seeds} is not a folder")
        self.n = sum(
            1
            for _, _, names in os.walk(seeds)
            for name in names
            if name.endswith((".txt", ".md"))
        )

    def ensure(self):
        return 0.0

    def inputs(self):
        return [name for name in ("site.toml", "seeds") if os.path.exists(
            os.path.join(self.root, name))]


def commands(args, corpus, work):
    """(name, argv, cwd, output folder) for each command measured."""
    out = {name: os.path.join(work, name) for name in ("briefing", "floor", "zola", "hugo")}
    reference = os.path.join(work, "reference")
    read_inputs = "find " + " ".join(corpus.inputs()) + " -type f -exec cat {} + >/dev/null"
    floor_script = f'{read_inputs} && cp -R "$1" "$2"'
    runs = [
        ("briefing", [args.briefing, "build", "--root", corpus.root, "--output",
                      out["briefing"], "--quiet"], corpus.root, out["briefing"]),
    ]
    if args.baseline:
        out["baseline"] = os.path.join(work, "baseline")
        runs.append(("baseline", [args.baseline, "build", "--root", corpus.root, "--output",
                                  out["baseline"], "--quiet"], corpus.root, out["baseline"]))
    runs += [
        (FLOOR, ["sh", "-c", floor_script, "floor", reference, out["floor"]],
         corpus.root, out["floor"]),
    ]
    if args.zola and os.path.isdir(os.path.join(corpus.root, "zola")):
        runs.append(("zola", [args.zola, "--root", os.path.join(corpus.root, "zola"), "build",
                              "--output-dir", out["zola"]], corpus.root, out["zola"]))
    if args.hugo and os.path.isdir(os.path.join(corpus.root, "hugo")):
        runs.append(("hugo", [args.hugo, "--source", os.path.join(corpus.root, "hugo"),
                              "--destination", out["hugo"], "--quiet"], corpus.root, out["hugo"]))
    return runs, reference


def bench_size(args, corpus, work):
    """args.warmup rounds, then args.runs timed ones; returns the results.
    The outputs are left in work, for the caller to delete after printing
    (deleting 100,000-file trees can take minutes)."""
    runs, reference = commands(args, corpus, work)
    log = os.path.join(work, "last-run.log")
    results = {name: [] for name, *_ in runs}
    outputs = {}
    total = args.warmup + args.runs
    for round_no in range(total):
        # The first round runs briefing first: the floor copies its output.
        shift = round_no % len(runs)
        for name, cmd, cwd, out in runs[shift:] + runs[:shift]:
            remove(out)
            os.sync()
            result = measure(cmd, cwd, log)
            if name not in outputs:
                outputs[name] = tree_size(out)
            if name == "briefing" and not os.path.exists(reference):
                shutil.copytree(out, reference, symlinks=True)
            timed = round_no >= args.warmup
            if timed:
                result["round"] = round_no
                results[name].append(result)
            what = f"round {round_no - args.warmup + 1}/{args.runs}" if timed else "warm-up"
            print(f"  {name:10} {what}: {result['wall']:.2f} s", file=sys.stderr, flush=True)
    return results, outputs


def median(values):
    return statistics.median(values) if values else float("nan")


def paired_ratio(results, a, b, key):
    """The median over rounds of a's figure divided by b's."""
    by_round = {r["round"]: r for r in results[b]}
    ratios = []
    for r in results[a]:
        other = by_round.get(r["round"])
        if other:
            x, y = figure(r, key), figure(other, key)
            if y > 0:
                ratios.append(x / y)
    return median(ratios)


def figure(result, key):
    return result["user"] + result["sys"] if key == "cpu" else result[key]


def mib(n):
    return f"{n / 1024 / 1024:,.0f} MiB"


def megabytes(n):
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.0f} kB"


def table(n, results, outputs, labels):
    """A Markdown table of one size's medians and ratios."""
    lines = [
        f"| {n:,} articles | wall s (min–max) | CPU s user+sys | peak memory "
        "| output | files | largest file | others' CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        walls = [r["wall"] for r in runs]
        size, files, (largest, largest_path) = outputs[name]
        lines.append(
            f"| {labels.get(name, name)} | {median(walls):.2f} ({min(walls):.2f}–{max(walls):.2f}) "
            f"| {median([figure(r, 'cpu') for r in runs]):.2f} "
            f"({median([r['user'] for r in runs]):.2f}+{median([r['sys'] for r in runs]):.2f}) "
            f"| {mib(median([r['peak'] for r in runs]))} | {megabytes(size)} | {files:,} "
            f"| {megabytes(largest)} `{largest_path}` "
            f"| {median([r['others'] for r in runs]):.2f} cores |"
        )
    base_size, base_files, _ = outputs["briefing"]
    for other in results:
        if other == "briefing":
            continue
        size, files, _ = outputs[other]
        lines.append(
            f"| briefing ÷ {labels.get(other, other)} "
            f"| **{paired_ratio(results, 'briefing', other, 'wall'):.2f}×** "
            f"| {paired_ratio(results, 'briefing', other, 'cpu'):.2f}× "
            f"| {paired_ratio(results, 'briefing', other, 'peak'):.2f}× "
            f"| {base_size / size:.2f}× | {base_files / files:.2f}× | | |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2],
    )
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000],
                        help="comma-separated article counts (default 1k,10k)")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds per size (default 5)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed rounds first (default 1; 0 where a round takes minutes)")
    parser.add_argument("--dir", default=default_dir(),
                        help="where corpora and outputs go (default %(default)s)")
    parser.add_argument("--seed", type=int, default=7, help="gencorpus.py seed (default 7)")
    parser.add_argument("--briefing", default=os.path.join(REPO, "target", "release", "briefing"),
                        help="the binary to time (default target/release/briefing)")
    parser.add_argument("--baseline", metavar="BINARY",
                        help="another briefing binary (say, main's) to time in the same rounds")
    parser.add_argument("--zola", default=shutil.which("zola"), help="zola binary (default: PATH)")
    parser.add_argument("--hugo", default=shutil.which("hugo"), help="hugo binary (default: PATH)")
    parser.add_argument("--corpus", metavar="DIR",
                        help="time an existing corpus (DIR/seeds, DIR/zola, DIR/hugo) "
                        "instead of generating --sizes")
    parser.add_argument("--no-peers", action="store_true", help="time briefing and the floor only")
    parser.add_argument("--keep", action="store_true",
                        help="keep the corpora (reused by the next run) and nothing else")
    parser.add_argument("--json", metavar="FILE", help="also write every run's figures to FILE")
    args = parser.parse_args()
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    if args.no_peers:
        args.zola = args.hugo = None
    if not os.access(args.briefing, os.X_OK):
        parser.error(f"{args.briefing} is not an executable: run `cargo build --release` first")

    labels = {"briefing": "briefing", "baseline": "briefing (baseline)"}
    header = machine()
    os.makedirs(args.dir, exist_ok=True)
    header.append(f"disk: {fs_type(args.dir)} at {args.dir}")
    commit = first_line(["git", "-C", REPO, "describe", "--always", "--dirty"])
    header.append(f"briefing: {first_line([args.briefing, '--version'])}, commit {commit}")
    if args.baseline:
        if not os.access(args.baseline, os.X_OK):
            parser.error(f"{args.baseline} is not an executable")
        header.append(f"briefing (baseline): {describe_binary(args.baseline)}")
    if args.zola:
        labels["zola"] = "Zola " + version_of([args.zola, "--version"])
        header.append(f"{labels['zola']}: {describe_binary(args.zola)}")
    if args.hugo:
        labels["hugo"] = "Hugo " + version_of([args.hugo, "version"])
        header.append(f"{labels['hugo']}: {describe_binary(args.hugo)}")
    header.append(f"peak memory reads at least {mib(own_peak())}: this script's own size, "
                  "which a child has when it starts")
    header.append(f"command: {' '.join(sys.argv)}")
    rounds = "1 round" if args.runs == 1 else f"{args.runs} rounds"
    warmups = "no warm-up" if args.warmup == 0 else f"{args.warmup} warm-up round(s)"
    header.append(f"{rounds} after {warmups}; medians; ratios are medians of per-round ratios")
    print("\n".join(f"- {line}" for line in header), flush=True)

    everything = {"machine": header, "sizes": {}}
    created = []
    try:
        if args.corpus:
            corpora = [ExistingCorpus(args.corpus)]
        else:
            corpora = [Corpus(args.dir, n, args.seed) for n in args.sizes]
        for corpus in corpora:
            n = corpus.n
            fresh = not os.path.exists(corpus.root)
            print(f"\n{n:,} articles: corpus in {corpus.root}", file=sys.stderr, flush=True)
            generated = corpus.ensure()
            if fresh:
                created.append(corpus.root)
            work = tempfile.mkdtemp(prefix=f"out-{n}-", dir=args.dir)
            created.append(work)
            load_before = os.getloadavg()
            results, outputs = bench_size(args, corpus, work)
            load_after = os.getloadavg()
            print(f"\n{table(n, results, outputs, labels)}\n")
            note = (f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after")
            if generated:
                note += f"; corpus generated in {generated:.0f} s"
            print(note, flush=True)
            everything["sizes"][n] = {"runs": results, "outputs": outputs, "load": [
                load_before, load_after]}
            if args.json:
                with open(args.json, "w", encoding="utf-8") as f:
                    json.dump(everything, f, indent=1)
            remove(work)
    finally:
        for path in created:
            if args.keep and os.path.basename(path).startswith("corpus-"):
                continue
            remove(path)
        if not args.keep:
            try:
                os.rmdir(args.dir)
            except OSError:
                pass


if __name__ == "__main__":
    main()
