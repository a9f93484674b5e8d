#!/usr/bin/env bash
# `npm run bench`: builds the wasm package (pkg/) and the release CLI, then runs scripts/bench.mjs,
# which prints one table with every figure of issue 6 (and writes target/bench/report.md).
set -euo pipefail
cd "$(dirname "$0")/.."
MARSAD_NEED_BROWSER=${MARSAD_NEED_BROWSER:-1} bash scripts/setup.sh
bash scripts/build.sh
cargo build --release --quiet --bin marsad
command -v /usr/bin/time >/dev/null || { echo "[bench] /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
exec node scripts/bench.mjs "$@"
