#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png): the front
# page, an article and an entity page at 1280 and 390 px, light and dark.
# The site is the bundled one plus the reader fixture's published stories
# (tests/fixtures/reader), built with a fixed clock and served on a free
# local port; the browser is Debian's chromium, driven by playwright-core
# from .ci/tools/a11y (installed here when missing, as .ci/run does).
set -euo pipefail
cd "$(dirname "$0")/../.."

A11Y=.ci/tools/a11y
if [ ! -d "$A11Y/node_modules/playwright-core" ]; then
  version=$(sed -n 's/^PLAYWRIGHT_CORE_VERSION=//p' .ci/run)
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$A11Y" --no-save --no-audit --no-fund \
    --silent "playwright-core@$version"
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

site="$work/site"
mkdir -p "$site"
cp -r site.toml seeds templates static "$site"/
cp tests/fixtures/reader/seeds/* "$site/seeds/"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/"
cargo build --quiet
(cd "$site" && SOURCE_DATE_EPOCH=1752300000 "$OLDPWD/target/debug/briefing" build \
  --base-url "$base" --output "$work/public" >/dev/null)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  curl -fs "$base" >/dev/null 2>&1 && break
  sleep 0.1
done

node .ci/a11y/screenshots.mjs "$base" docs/screenshots \
  front= \
  article=articles/dockers-walk-out-in-rotterdam/ \
  entity=people/kim-jong-un/
