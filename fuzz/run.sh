#!/usr/bin/env bash
# Runs the fuzz targets, each for FUZZ_SECONDS (default 60), seeded from the
# test fixtures and the bundled site; new inputs go to fuzz/corpus/TARGET,
# crashes to fuzz/artifacts/TARGET. Needs nightly and cargo-fuzz.
#
#   fuzz/run.sh                   every target
#   FUZZ_SECONDS=600 fuzz/run.sh title entities
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(front_matter plain_text title entities article)
fi
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  echo "fuzz/run.sh: $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" \
    tests/fixtures/hostile/seeds seeds tests/fixtures/entities \
    -- -max_total_time="$seconds" -timeout=10 -print_final_stats=1
done
