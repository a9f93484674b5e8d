#!/usr/bin/env bash
# Throughput of the batch mode (`marsad analyze --jsonl`) on the ANT news corpus: MB/s with 1
# thread and with every core on a sample, then one run over ~1 GB of JSON lines (the corpus as
# {"id", "text"} lines, repeated as needed), with peak RSS from /usr/bin/time -v. The inputs are
# built once under $BENCH_DIR (default /tmp/marsad-bench, never the repository); outputs go to
# /dev/null. Usage: scripts/bench-batch.sh [SAMPLE_MB [BIG_MB]]   (defaults 50 and 1000; 0 skips
# that run). MB = 10^6 bytes of input.
set -euo pipefail
cd "$(dirname "$0")/.."
sample_mb=${1:-50}
big_mb=${2:-1000}
dir=${BENCH_DIR:-/tmp/marsad-bench}
corpus=${ANT:-../shared/data/news/ant-multisource-v2.1.jsonl.xz}
mkdir -p "$dir"
cargo build --release --quiet --bin marsad
bin=target/release/marsad

# The corpus as {"id": docno, "text": text} lines (the other fields would only pad the MB/s).
if [ ! -s "$dir/ant.jsonl" ]; then
  xz -dc "$corpus" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    sys.stdout.write(json.dumps({"id": d.get("docno"), "text": d.get("text", "")}, ensure_ascii=False) + "\n")
' > "$dir/ant.jsonl.tmp"
  mv "$dir/ant.jsonl.tmp" "$dir/ant.jsonl"
fi
# $1 MB of whole lines: the corpus repeated as needed, cut at a line break.
make_input() {
  local mb=$1 out=$2
  [ -s "$out" ] && return
  python3 - "$dir/ant.jsonl" "$mb" "$out.tmp" <<'PY'
import sys
src, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
want, n = mb * 10**6, 0
with open(out, "wb") as o:
    while n < want:
        with open(src, "rb") as f:
            for line in f:
                if n >= want:
                    break
                o.write(line)
                n += len(line)
PY
  mv "$out.tmp" "$out"
}
# One run: the closing count line of marsad, and the peak RSS.
run() {
  local threads=$1 input=$2 log load
  log=$(mktemp)
  load=$(cut -d' ' -f1 /proc/loadavg)
  RAYON_NUM_THREADS=$threads /usr/bin/time -v "$bin" analyze --jsonl "$input" > /dev/null 2> "$log"
  # The machine may be shared: the load average before the run, and the CPU seconds it took
  # (input MB per CPU second does not depend on what else runs).
  printf '%-10s threads=%-2s %s; %s; peak RSS %s MB; load before %s\n' "$(basename "$input")" "$threads" \
    "$(grep '^marsad:' "$log" | sed 's/^marsad: //')" \
    "$(awk -v bytes="$(stat -c %s "$input")" '/User time/{u=$4} /System time/{s=$4} END{printf "%.1f CPU s, %.2f MB per CPU s", u+s, bytes/1e6/(u+s)}' "$log")" \
    "$(awk '/Maximum resident set size/{printf "%.0f", $6/1024}' "$log")" "$load"
  rm -f "$log"
}
cores=$(nproc)
if [ "$sample_mb" -gt 0 ]; then
  make_input "$sample_mb" "$dir/sample-${sample_mb}MB.jsonl"
  run 1 "$dir/sample-${sample_mb}MB.jsonl"
  run "$cores" "$dir/sample-${sample_mb}MB.jsonl"
fi
if [ "$big_mb" -gt 0 ]; then
  make_input "$big_mb" "$dir/big-${big_mb}MB.jsonl"
  run "$cores" "$dir/big-${big_mb}MB.jsonl"
fi
