# Sourced by docs/screenshots/regenerate.sh and .ci/a11y/lighthouse.sh:
# `serve_sample` builds the sample site (the bundled site plus the reader
# fixture's published stories and page, tests/fixtures/reader) with a fixed clock,
# serves it on a free local port and sets `base` to its address; the
# server and the temporary folder go away when the calling script exits.
# `need_npm PACKAGE VERSION PREFIX` installs a pinned npm package when
# missing (never a browser: Debian's chromium is used).

need_npm() {
  local package=$1 version=$2 prefix=$3
  if [ "$(node -p "require('./$prefix/node_modules/$package/package.json').version" 2>/dev/null)" != "$version" ]; then
    mkdir -p "$prefix"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$prefix" --no-save --no-audit \
      --no-fund --silent --save-exact "$package@$version"
  fi
}

sample_work=""
sample_server=""
sample_cleanup() {
  if [ -n "$sample_server" ]; then kill "$sample_server" 2>/dev/null || true; fi
  if [ -n "$sample_work" ]; then rm -rf "$sample_work"; fi
}

serve_sample() {
  sample_work=$(mktemp -d)
  trap sample_cleanup EXIT
  local site="$sample_work/site" port
  mkdir -p "$site"
  cp -r site.toml seeds templates static "$site"/
  cp -r tests/fixtures/reader/seeds/. "$site/seeds/"
  cp -r tests/fixtures/reader/pages "$site/"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port/"
  cargo build --quiet
  (cd "$site" && SOURCE_DATE_EPOCH=1752300000 "$OLDPWD/target/debug/briefing" build \
    --base-url "$base" --output "$sample_work/public" >/dev/null)
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$sample_work/public" \
    >/dev/null 2>&1 &
  sample_server=$!
  for _ in $(seq 50); do
    curl -fs "$base" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the sample site did not come up at $base" >&2
  return 1
}
