#!/usr/bin/env bash
# Lighthouse (npm `lighthouse` 12.2.3, the last to run on Node 20) in
# Debian's chromium over the sample site's front page and an article (see
# .ci/a11y/sample.sh): prints each category's score and exits 1 unless
# accessibility, best practices and SEO are 100 and performance at least
# 95. Not part of .ci/run (it takes minutes); run it by hand after changing
# templates or styles. Reports go to target/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/a11y/sample.sh

LIGHTHOUSE_VERSION=12.2.3
need_npm lighthouse "$LIGHTHOUSE_VERSION" .ci/tools/lighthouse
serve_sample
mkdir -p target/lighthouse
status=0
for page in front= article=articles/2025-07-10-dockers/; do
  name=${page%%=*}
  url="$base${page#*=}"
  CHROME_PATH=${CHROMIUM:-/usr/bin/chromium} .ci/tools/lighthouse/node_modules/.bin/lighthouse "$url" \
    --quiet --output=json --output-path="target/lighthouse/$name.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu"
  node -e '
    const r = require(process.argv[1]);
    const s = Object.fromEntries(Object.entries(r.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
    console.log(process.argv[2] + ": " + Object.entries(s).map(([k, v]) => k + " " + v).join(", "));
    const ok = s.performance >= 95 && s.accessibility === 100 && s["best-practices"] === 100 && s.seo === 100;
    if (!ok) {
      for (const a of Object.values(r.audits)) {
        if (a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable") {
          console.log("  " + a.id + ": " + a.title + " (" + a.score + ")");
        }
      }
    }
    process.exit(ok ? 0 : 1);
  ' "$PWD/target/lighthouse/$name.json" "$name" || status=1
done
exit $status
