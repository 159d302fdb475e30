#!/usr/bin/env python3
"""Measures how long `briefing serve` takes to show an edit.

    cargo build --release
    bench/gencorpus.py --n 10000 --out /dev/shm/site10k
    bench/serve_latency.py --site /dev/shm/site10k [--edits 20]

Starts `briefing serve --port 0` on the site, then, for each of N articles,
rewrites one of its body paragraphs with a unique marker and polls that
article's page over HTTP until the marker is served: the latency is from the
moment the file write returns to the first response containing the marker.
Before the next edit it waits for the server to report the whole rebuild
done ("rebuilt: ... in N ms"), and records that N too: the time until every
page (front page, entity pages, digest.json, ...) is up to date. With
`--interval S` it instead edits every S seconds whatever the server is
doing (as someone typing and saving would), so edits land while the
whole-site step of the previous one runs; it reports the median and the
worst edit -> page served, and waits for the last whole-site step only
before the template edits. It does the
same for N edits to the article template (each adds a marker comment; the
clock stops when the article page edited last, standing for the page open
in the browser, shows it). Prints the median, minimum and
maximum of each, and, as a baseline measured in the same run, the median of
three clean `briefing build` runs of the same site.
Python 3 standard library only.
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import queue
import re
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url, marker, timeout=60.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if marker in fetch(url):
            return time.perf_counter()
        # Poll often, but leave the CPU to the server being measured.
        time.sleep(0.002)
    raise SystemExit(f"{url} never showed {marker}")


def article_pages(preview, files):
    """Maps each article file to its page URL path by finding its text."""
    wanted = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines = [l for l in f.read().split("\n") if l.strip()]
        wanted[path] = lines[2][:60]
    found = {}
    for page in glob.glob(os.path.join(preview, "articles", "*", "index.html")):
        with open(page, encoding="utf-8") as f:
            html = f.read()
        for path, needle in wanted.items():
            if path not in found and needle in html:
                found[path] = "/" + os.path.relpath(os.path.dirname(page), preview) + "/"
    return found


def rebuilt_ms(lines, timeout=120.0):
    """Waits for the server's next "rebuilt:" line and returns its time."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            break
        found = re.search(r"rebuilt: .* in (\d+) ms", line)
        if found:
            return int(found.group(1)) / 1000
    raise SystemExit("the server never reported a finished rebuild")


def summary(name, samples):
    ms = [s * 1000 for s in samples]
    print(f"{name}: median {statistics.median(ms):.1f} ms, min {min(ms):.1f}, max {max(ms):.1f} (n={len(ms)})")
    return statistics.median(ms)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True)
    parser.add_argument("--binary", default=os.path.join(REPO, "target", "release", "briefing"))
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--interval", type=float, default=None,
                        help="edit every this many seconds without waiting for the whole-site step")
    parser.add_argument("--template-edits", type=int, default=None,
                        help="how many template edits (default: --edits)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the clean builds (slow at 100k)")
    args = parser.parse_args()
    site = os.path.abspath(args.site)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1752300000")

    builds = []
    out = tempfile.mkdtemp(prefix="briefing-bench-", dir=os.path.dirname(site))
    for _ in range(0 if args.no_baseline else 3):
        started = time.perf_counter()
        subprocess.run([args.binary, "build", "-q", "--root", site, "--output", out], check=True, env=env)
        builds.append(time.perf_counter() - started)
    shutil.rmtree(out, ignore_errors=True)

    templates = os.path.join(site, "templates")
    os.makedirs(templates, exist_ok=True)
    template = os.path.join(templates, "article.html")
    shutil.copy(os.path.join(REPO, "templates", "article.html"), template)
    preview = os.path.join(site, ".bench-preview")
    server = subprocess.Popen(
        [args.binary, "serve", "--port", "0", "--root", site, "--output", preview],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    reports = queue.Queue()
    try:
        line = server.stdout.readline()
        base = "http://" + line.split("http://")[1].split("/")[0]
        threading.Thread(target=lambda: [reports.put(l) for l in server.stdout], daemon=True).start()
        txt = sorted(glob.glob(os.path.join(site, "seeds", "*.txt")))
        step = max(1, len(txt) // args.edits)
        chosen = txt[::step][: args.edits]
        pages = article_pages(preview, chosen)
        edits = []
        full = []
        for n, path in enumerate(chosen):
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            marker = f"benchmark-edit-{n}-{time.time_ns()}"
            lines[2] = lines[2] + " " + marker
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            written = time.perf_counter()
            edits.append(wait_for(base + pages[path], marker) - written)
            if args.interval is None:
                full.append(rebuilt_ms(reports))
            else:
                time.sleep(max(0.0, written + args.interval - time.perf_counter()))
        if args.interval is not None:
            # Let the last whole-site step finish before the template edits:
            # the last "rebuilt" line after which the server stays quiet.
            full.append(rebuilt_ms(reports, timeout=600.0))
            while True:
                try:
                    line = reports.get(timeout=5.0)
                except queue.Empty:
                    break
                found = re.search(r"rebuilt: .* in (\d+) ms", line)
                if found:
                    full[-1] = int(found.group(1)) / 1000
        # The page edited last stands for the one open in the browser: the
        # whole-site step renders recently edited pages first.
        probe = base + pages[chosen[-1]]
        template_edits = []
        template_count = args.edits if args.template_edits is None else args.template_edits
        for n in range(template_count):
            with open(template, encoding="utf-8") as f:
                text = f.read()
            marker = f"benchmark-template-{n}-{time.time_ns()}"
            with open(template, "w", encoding="utf-8") as f:
                f.write(text.replace("{% endblock main %}", f"<!-- {marker} -->\n{{% endblock main %}}", 1))
            written = time.perf_counter()
            template_edits.append(wait_for(probe, marker) - written)
            rebuilt_ms(reports, timeout=1200.0)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(preview, ignore_errors=True)
        shutil.rmtree(templates, ignore_errors=True)

    articles = len(glob.glob(os.path.join(site, "seeds", "*.txt"))) + len(glob.glob(os.path.join(site, "seeds", "*.md")))
    print(f"site: {site} ({articles} articles)")
    base_ms = summary("clean build (baseline)", builds) if builds else None
    if args.interval is None:
        edit_ms = summary("single-article edit -> page served", edits)
        summary("single-article edit -> whole site rebuilt (server's own timing)", full)
    else:
        edit_ms = summary(f"article edit every {args.interval:g} s -> page served", edits)
        summary("the last edit -> whole site rebuilt (server's own timing)", full)
    tpl_ms = summary("template edit -> page served", template_edits) if template_edits else None
    if base_ms and tpl_ms:
        print(f"ratios to a clean build: article edit {edit_ms / base_ms:.3f}, template edit {tpl_ms / base_ms:.3f}")


if __name__ == "__main__":
    sys.exit(main())
