#!/usr/bin/env bash
# Runs marsad's cargo-fuzz targets (fuzz/fuzz_targets: analyze, text) for FUZZ_SECONDS each
# (default 60), starting from the committed seeds in fuzz/seeds/TARGET; new inputs go to
# fuzz/corpus/TARGET, crashes to fuzz/artifacts/TARGET. Needs the nightly toolchain and
# cargo-fuzz (installed here when missing). Prints executions and findings per target and exits
# non-zero when a target crashed. FUZZ_TARGETS="analyze" limits the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"analyze text"}
say() { printf '[fuzz] %s\n' "$*" >&2; }
if ! rustup toolchain list | grep -q '^nightly'; then
  say "the nightly toolchain is missing (rustup toolchain install nightly)"; exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz (1-3 minutes, once)"
  cargo install cargo-fuzz
fi
status=0
summary=()
for t in $targets; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/artifacts/$t/last-run.log"
  say "$t: ${secs}s"
  set +e
  # -max_len 64 KB: long enough for whole articles; -timeout 10 s per input catches hangs.
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -oE '#[0-9]+.*cov: [0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+' || true)
  crashes=$(find "fuzz/artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  summary+=("$t: ${secs}s, ${execs:-?} executions, ${cov:-cov ?}, exit $rc, $crashes crash/timeout/oom files in fuzz/artifacts/$t")
  if [ "$rc" != 0 ]; then status=1; tail -40 "$log" >&2; fi
done
for s in "${summary[@]}"; do say "$s"; done
exit $status
