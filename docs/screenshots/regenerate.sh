#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png): the front
# page, an article and an entity page at 1280 and 390 px, light and dark,
# of the sample site (see .ci/a11y/sample.sh), in Debian's chromium driven
# by playwright-core (installed into .ci/tools/a11y when missing, at the
# version .ci/run pins).
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/a11y/sample.sh

need_npm playwright-core "$(sed -n 's/^PLAYWRIGHT_CORE_VERSION=//p' .ci/run)" .ci/tools/a11y
serve_sample
node .ci/a11y/screenshots.mjs "$base" docs/screenshots \
  front= \
  article=articles/2025-07-10-dockers/ \
  entity=people/kim-jong-un/
