#!/usr/bin/env python3
"""Regenerates the screenshots and the print-edition PDF in this folder.

Builds the editions fixture (tests/fixtures/editions: three editions of
wire stories) with the debug binary, serves the output on a loopback port
from this process (Python standard library), and has headless Chromium
(Debian's `chromium`, which .ci/run installs) take:

    front-page.png        the front page with its map of the edition's places
    front-page-dark.png   the same in dark mode
    entity-timeline.png   a place's page with its timeline
    email.png             an edition's email.html
    print-edition.pdf     an edition's print/ page printed to PDF

Run from the repository root:  python3 docs/screenshots/make.py
"""
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
EDITION = "2025-07-12"


def build(out, base_url):
    subprocess.run(["cargo", "build", "--quiet"], cwd=REPO, check=True)
    binary = os.path.join(REPO, "target", "debug", "briefing")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1752300000")
    subprocess.run(
        [binary, "build", "--quiet", "--root", os.path.join(REPO, "tests", "fixtures", "editions"),
         "--output", out, "--base-url", base_url],
        check=True, env=env,
    )


def chromium(*args):
    profile = tempfile.mkdtemp(prefix="briefing-shots-")
    try:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", f"--user-data-dir={profile}", *args],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging each request."""

    def log_message(self, *args):
        pass


def main():
    site = tempfile.mkdtemp(prefix="briefing-site-")
    root = os.path.join(site, "www")
    handler = functools.partial(QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    base = f"http://127.0.0.1:{port}/briefing/"
    try:
        build(os.path.join(root, "briefing"), base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        shot = lambda name, url, size: chromium(
            f"--window-size={size}", f"--screenshot={os.path.join(HERE, name)}", url)
        shot("front-page.png", base, "1000,1300")
        chromium("--window-size=1000,1300", "--force-dark-mode",
                 "--blink-settings=preferredColorScheme=0",
                 f"--screenshot={os.path.join(HERE, 'front-page-dark.png')}", base)
        shot("entity-timeline.png", base + "places/india/", "1000,700")
        shot("email.png", base + f"editions/{EDITION}/email.html", "700,1000")
        chromium("--no-pdf-header-footer",
                 f"--print-to-pdf={os.path.join(HERE, 'print-edition.pdf')}",
                 base + f"editions/{EDITION}/print/")
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(site, ignore_errors=True)
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py"):
            print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
