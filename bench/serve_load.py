#!/usr/bin/env python3
"""Loads and attacks `briefing serve` while articles are being edited.

    cargo build --release
    apt-get install wrk            # the load generator (Debian package)
    bench/serve_load.py [--n 1000] [--seconds 30] [--connections 100]

Makes an N-article site (bench/gencorpus.py) in a temporary folder, starts
`briefing serve --port 0` on 127.0.0.1, and runs two phases. Prints one
report; exits 1 if any check failed.

1. Load: `wrk` with C connections for S seconds over the front page, feeds
   and 200 article pages, while an editor rewrites one article every 100 ms
   (in place, as most editors save) and a checker fetches the pages being
   edited over and over, requiring every 200 response to be a whole page
   (ends with `</html>`, parses, has its `<main>`). Reports requests,
   failures (non-2xx/3xx, socket errors), p50/p99 latency, and the
   server's RSS before and after.
2. Attack: while a probe client keeps fetching the front page (each fetch
   timed), sends path-traversal requests, oversized headers, malformed
   requests, requests with foreign `Host` headers, and holds many slow
   connections open (slowloris). Reports what each got and whether the
   probe kept getting quick 200s. Fails when a traversal leaks a file, a
   foreign `Host` is answered (or this machine's is not), the probe misses
   a 200, or a slow client is still connected at the end (the server drops
   one whose headers take over 10 s).

The server is stopped with SIGINT; its temporary folder (under a TMPDIR of
the script's own) must be gone afterwards.
Python 3 standard library plus `wrk`.
"""
import argparse
import html.parser
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import json

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCH = "1752300000"


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def raw_request(host, port, data, timeout=10.0, read_all=True):
    """Sends raw bytes; returns (status line or error, first 300 bytes of
    the response, seconds taken)."""
    started = time.perf_counter()
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(data)
            chunks = []
            while True:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    chunks.append(b"<timeout>")
                    break
                if not chunk:
                    break
                chunks.append(chunk)
                if not read_all:
                    break
            body = b"".join(chunks)
    except OSError as e:
        return (f"error: {e.__class__.__name__}: {e}", b"", time.perf_counter() - started)
    first = body.split(b"\r\n", 1)[0].decode("latin-1") if body else "(connection closed, no response)"
    return (first, body[:300], time.perf_counter() - started)


def get(host, port, path, headers=None, timeout=10.0):
    """A minimal HTTP/1.1 GET with Connection: close: (status, body bytes, seconds)."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    started = time.perf_counter()
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(data)
            chunks = []
            while True:
                chunk = s.recv(262144)
                if not chunk:
                    break
                chunks.append(chunk)
    except OSError as e:
        return (None, str(e).encode(), time.perf_counter() - started)
    response = b"".join(chunks)
    head, _, body = response.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        status = None
    if b"transfer-encoding: chunked" in head.lower():
        body = dechunk(body)
    return (status, body, time.perf_counter() - started)


def dechunk(body):
    out = bytearray()
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            break
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return bytes(out)


class PageCheck(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        self.tags.add("/" + tag)


def whole_page(body):
    text = body.decode("utf-8", "replace")
    if not text.rstrip().endswith("</html>"):
        return False
    checker = PageCheck()
    try:
        checker.feed(text)
        checker.close()
    except Exception:  # noqa: BLE001 - any parser failure is a broken page
        return False
    return {"main", "/main", "/body", "/html"} <= checker.tags


def start_server(binary, site, tmpdir, nofile=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, TMPDIR=tmpdir)

    def limit():
        if nofile:
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, hard))

    server = subprocess.Popen([binary, "serve", "--port", "0", "--root", site],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                              preexec_fn=limit)
    line = server.stdout.readline()
    match = re.search(r"http://([0-9.]+):(\d+)/", line)
    if not match:
        server.kill()
        raise SystemExit(f"serve did not start: {line!r}")
    log = []
    threading.Thread(target=lambda: [log.append(l) for l in server.stdout], daemon=True).start()
    return server, match.group(1), int(match.group(2)), log


def editor(site, sources, stop, counter, edited):
    """Rewrites one article every 100 ms, in place."""
    n = 0
    while not stop.is_set():
        rel = sources[n % len(sources)]
        path = os.path.join(site, rel)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        marker = f"load-edit-{n}"
        target = 1 if len(lines) > 2 else 0
        lines[target] = re.sub(r" load-edit-\d+$", "", lines[target]) + " " + marker
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        edited.append(rel)
        counter[0] += 1
        n += 1
        stop.wait(0.1)


def checker(host, port, pages, stop, result):
    """Fetches pages being edited and checks each is whole."""
    while not stop.is_set():
        for path in pages:
            status, body, _ = get(host, port, path)
            result["fetches"] += 1
            if status == 200 and not whole_page(body):
                result["half"] += 1
                if not result["example"]:
                    result["example"] = f"{path}: ...{body[-200:]!r}"
            elif status != 200:
                result["not_200"] += 1
                result.setdefault("statuses", {}).setdefault(status, 0)
                result["statuses"][status] += 1


def run_wrk(host, port, paths, seconds, connections, workdir):
    script = os.path.join(workdir, "paths.lua")
    with open(script, "w") as f:
        f.write("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n")
        f.write("local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                "  return wrk.format(\"GET\", paths[i])\nend\n")
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script,
                          f"http://{host}:{port}/"], capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": dict(zip(["connect", "read", "write", "timeout"], map(int, sock.groups()))) if sock else {},
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "raw": out,
    }


def probe(host, port, stop, samples):
    while not stop.is_set():
        status, _, took = get(host, port, "/", timeout=10)
        samples.append((status, took))
        stop.wait(0.05)


def summarize_probe(samples):
    """A line about the probe's fetches, and how many were not 200."""
    ok = [t for s, t in samples if s == 200]
    bad = len(samples) - len(ok)
    if not ok:
        return f"{len(samples)} fetches, none 200", bad
    ok.sort()
    return (f"{len(samples)} fetches, {bad} not 200, median {statistics.median(ok) * 1000:.1f} ms, "
            f"p99 {ok[max(int(len(ok) * 0.99) - 1, 0)] * 1000:.1f} ms, max {ok[-1] * 1000:.1f} ms"), bad


def with_probe(host, port, action):
    stop = threading.Event()
    samples = []
    thread = threading.Thread(target=probe, args=(host, port, stop, samples))
    thread.start()
    try:
        result = action()
    finally:
        stop.set()
        thread.join()
    return result, summarize_probe(samples)


def attacks(host, port, report, wrong):
    """One round of attacks; what each got goes to `report`, what a round
    got wrong to `wrong`."""
    h = f"{host}:{port}"
    traversal = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc/passwd",
                 "/articles/..%5c..%5c..%5cetc/passwd", "//etc/passwd", "/%00", "/index.html%00.txt",
                 "/.%2e/.%2e/etc/passwd", "/%252e%252e/etc/passwd"]
    for path in traversal:
        status, body, took = get(host, port, path)
        leaked = b"root:" in body
        if leaked:
            wrong.append(f"traversal {path} leaked /etc/passwd")
        report.append(f"traversal {path}: {status}{' LEAKED /etc/passwd' if leaked else ''} ({took * 1000:.0f} ms)")
    absolute = f"GET http://{h}/../../../etc/passwd HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n".encode()
    first, body, took = raw_request(host, port, absolute)
    report.append(f"traversal absolute-form: {first}{' LEAKED' if b'root:' in body else ''}")

    big = "x" * (1024 * 1024)
    first, _, took = raw_request(host, port, f"GET / HTTP/1.1\r\nHost: {h}\r\nX-Big: {big}\r\n\r\n".encode(), read_all=False)
    report.append(f"one 1 MB header: {first} ({took * 1000:.0f} ms)")
    many = "".join(f"X-H{i}: v\r\n" for i in range(10_000))
    first, _, took = raw_request(host, port, f"GET / HTTP/1.1\r\nHost: {h}\r\n{many}\r\n".encode(), read_all=False)
    report.append(f"10,000 headers: {first} ({took * 1000:.0f} ms)")
    long_uri = "/" + "a" * 100_000
    first, _, took = raw_request(host, port, f"GET {long_uri} HTTP/1.1\r\nHost: {h}\r\n\r\n".encode(), read_all=False)
    report.append(f"100 KB request target: {first} ({took * 1000:.0f} ms)")

    malformed = {
        "garbage bytes": os.urandom(512),
        "unknown method": f"BREW / HTTP/1.1\r\nHost: {h}\r\n\r\n".encode(),
        "HTTP/9.9": f"GET / HTTP/9.9\r\nHost: {h}\r\n\r\n".encode(),
        "no Host header": b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
        "header without colon": f"GET / HTTP/1.1\r\nHost: {h}\r\nNoColonHere\r\n\r\n".encode(),
        "bad chunk size": f"POST / HTTP/1.1\r\nHost: {h}\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nx\r\n0\r\n\r\n".encode(),
        "CL and TE both": f"POST / HTTP/1.1\r\nHost: {h}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n\r\n".encode(),
        "NUL in path": f"GET /\x00 HTTP/1.1\r\nHost: {h}\r\n\r\n".encode(),
        "bare LF line ends": f"GET / HTTP/1.1\nHost: {h}\n\n".encode(),
    }
    for name, data in malformed.items():
        first, _, took = raw_request(host, port, data, timeout=5, read_all=False)
        report.append(f"malformed ({name}): {first} ({took * 1000:.0f} ms)")

    hosts = {"evil.example": False, f"evil.example:{port}": False, "localhost": False,
             f"127.0.0.1:{port + 1}": False, f"localhost:{port}": True, f"127.0.0.1:{port}": True,
             f"[::1]:{port}": True}
    for value, answered in hosts.items():
        data = f"GET / HTTP/1.1\r\nHost: {value}\r\nConnection: close\r\n\r\n".encode()
        first, _, _ = raw_request(host, port, data)
        report.append(f"Host: {value}: {first}")
        if (" 200 " in first) != answered:
            wrong.append(f"Host: {value}: {first}")


def slowloris(host, port, clients, seconds):
    """Opens `clients` connections that each send a header line every two
    seconds and never finish. Returns (opened, [(second, still open)])."""
    socks = []
    for _ in range(clients):
        try:
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n".encode())
            socks.append(s)
        except OSError:
            break
    opened = len(socks)
    started = time.time()
    alive_over_time = []
    while time.time() < started + seconds:
        alive = []
        for s in socks:
            try:
                s.sendall(b"X-a: b\r\n")
                alive.append(s)
            except OSError:
                s.close()
        socks = alive
        alive_over_time.append((round(time.time() - started), len(socks)))
        time.sleep(2)
    for s in socks:
        s.close()
    return opened, alive_over_time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(REPO, "target", "release", "briefing"))
    parser.add_argument("--n", type=int, default=1000, help="articles in the site")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--slow-clients", type=int, default=1000)
    parser.add_argument("--slow-seconds", type=int, default=60)
    parser.add_argument("--attack-seconds", type=int, default=10)
    parser.add_argument("--server-nofile", type=int, help="the server's open-file limit (default: inherited)")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    work = tempfile.mkdtemp(prefix="briefing-load-")
    server = None
    failed = False
    tmpdir = os.path.join(work, "tmp")
    os.makedirs(tmpdir)
    try:
        site = os.path.join(work, "site")
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gencorpus.py"), "--n", str(args.n),
                        "--out", site], check=True)
        server, host, port, log = start_server(os.path.abspath(args.binary), site, tmpdir,
                                               args.server_nofile)
        status, body, _ = get(host, port, "/digest.json")
        digest = json.loads(body)
        articles = digest["articles"]
        to_path = lambda url: "/" + url.split("/", 3)[3]
        txt = [a for a in articles if a["source"].endswith(".txt")]
        edited_articles = txt[:50]
        sources = [a["source"] for a in edited_articles]
        edited_pages = [to_path(a["url"]) for a in edited_articles]
        paths = ["/", "/atom.xml", "/feed.json", "/editions/"] + [to_path(a["url"]) for a in articles[:200]]
        rss_before = rss_mb(server.pid)
        rss_samples = []
        sampling = threading.Event()

        def sample_rss():
            while not sampling.wait(5):
                rss_samples.append(round(rss_mb(server.pid)))

        threading.Thread(target=sample_rss, daemon=True).start()
        print(f"site: {args.n} articles; serving at http://{host}:{port}/; server RSS {rss_before:.0f} MB")

        stop = threading.Event()
        counter = [0]
        edited = []
        result = {"fetches": 0, "half": 0, "not_200": 0, "example": None}
        threads = [threading.Thread(target=editor, args=(site, sources, stop, counter, edited)),
                   threading.Thread(target=checker, args=(host, port, edited_pages, stop, result))]
        for t in threads:
            t.start()
        try:
            load = run_wrk(host, port, paths, args.seconds, args.connections, work)
        finally:
            stop.set()
            for t in threads:
                t.join()
        time.sleep(3)
        sampling.set()
        rss_after = rss_mb(server.pid)
        rebuilds = sum(1 for l in log if l.startswith("rebuilt:"))
        print(f"\n== load: wrk -t2 -c{args.connections} -d{args.seconds}s over {len(paths)} paths, "
              f"editing one of {len(sources)} articles every 100 ms ({counter[0]} edits, {rebuilds} rebuilds reported)")
        print(f"requests {load['requests']} ({load['rps']:.0f}/s); non-2xx/3xx {load['non_2xx_3xx']}; "
              f"socket errors {load['socket_errors']}; latency p50 {load['p50']} p99 {load['p99']}")
        print(f"edited-page checker: {result['fetches']} fetches, {result['half']} half-written, "
              f"{result['not_200']} not 200 {result.get('statuses', '')}"
              + (f"; first half page: {result['example']}" if result["example"] else ""))
        print(f"server RSS: before {rss_before:.0f} MB, after {rss_after:.0f} MB; every 5 s during the load: {rss_samples}")
        failed |= load["non_2xx_3xx"] > 0 or any(load["socket_errors"].values()) or result["half"] > 0

        print("\n== attacks (a probe fetches / every 50 ms throughout)")
        report = []
        wrong = []

        def attack_rounds():
            # One round takes milliseconds: repeat it so that the probe
            # sees the server while it is under attack.
            rounds = 0
            deadline = time.time() + args.attack_seconds
            while rounds == 0 or time.time() < deadline:
                attacks(host, port, report if rounds == 0 else [], wrong)
                rounds += 1
            return rounds

        rounds, (probe_summary, probe_bad) = with_probe(host, port, attack_rounds)
        for line in report:
            print("  " + line)
        print(f"  ({rounds} rounds of these in {args.attack_seconds} s)")
        print(f"  probe during the attacks: {probe_summary}")
        (opened, alive), (slow_summary, slow_bad) = with_probe(
            host, port, lambda: slowloris(host, port, args.slow_clients, args.slow_seconds))
        print(f"  slowloris: {opened} slow connections opened; still open (second, count): {alive}")
        print(f"  probe during slowloris: {slow_summary}")
        for line in sorted(set(wrong)):
            print(f"  WRONG: {line}")
        still_open = alive[-1][1] if alive else 0
        if still_open:
            print(f"  WRONG: {still_open} slow clients still connected after {args.slow_seconds} s")
        failed |= bool(wrong) or probe_bad > 0 or slow_bad > 0 or still_open > 0
        print(f"  server RSS at the end: {rss_mb(server.pid):.0f} MB")
        errors = [l.strip() for l in log if "error" in l.lower() or "panic" in l.lower()]
        if errors:
            print("server said:\n  " + "\n  ".join(errors[:20]))
    finally:
        if server:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            leftover = os.listdir(tmpdir) if os.path.isdir(tmpdir) else []
            if leftover:
                print(f"WRONG: serve left {leftover} in its TMPDIR")
                failed = True
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
