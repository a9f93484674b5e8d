#!/usr/bin/env bash
# Writes the analysis JSON of the seed, the quotes-dev and the news-train articles to DIR, so that a
# change meant to keep behaviour can be checked with `diff -r BEFORE AFTER`.
# usage: scripts/snapshot.sh DIR   (needs ../shared next to the repository)
set -euo pipefail
out=${1:?usage: scripts/snapshot.sh DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${MARSAD_SHARED:-$here/../shared}
cargo build --release --quiet -p marsad --bin marsad --manifest-path "$here/Cargo.toml"
bin=$here/target/release/marsad
mkdir -p "$out"
for f in "$shared"/examples/*.txt "$shared"/data/quotes-dev/*.txt "$shared"/data/news-train/*.txt; do
  "$bin" analyze "$f" > "$out/$(basename "$f" .txt).json"
done
echo "$(ls "$out" | wc -l) analyses in $out"
