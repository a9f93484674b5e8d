#!/usr/bin/env bash
# Accuracy, measured by ../shared/tools/score.py (the project's scorer):
#   1. entities on ANERcorp test (CoNLL, conlleval-style), 2. entities and quotes on the 20
#   quotes-dev articles, 3. the seed article. Needs ../shared (or MARSAD_SHARED).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MARSAD_SHARED:-../shared}
[ -d "$shared/data" ] || { echo "eval: $shared/data not found (set MARSAD_SHARED)" >&2; exit 2; }
cargo build --release --quiet --bin marsad
bin=target/release/marsad
out=target/eval && rm -rf "$out" && mkdir -p "$out/dev"

echo "== ANERcorp test (tokens joined by spaces, sentences by newlines), score.py conll"
python3 - "$shared/data/anercorp/test.txt" > "$out/anercorp-test.txt" <<'PY'
import sys
sents, cur = [], []
for line in open(sys.argv[1], encoding='utf-8'):
    line = line.rstrip('\n')
    if not line.strip():
        if cur: sents.append(cur)
        cur = []
    else:
        cur.append(line.rsplit(' ', 1)[0])
if cur: sents.append(cur)
sys.stdout.write('\n'.join(' '.join(s) for s in sents))
PY
"$bin" analyze --no-quotes "$out/anercorp-test.txt" > "$out/anercorp-test.json"
python3 "$shared/tools/score.py" conll "$shared/data/anercorp/test.txt" "$out/anercorp-test.json"

echo; echo "== quotes-dev (20 articles), score.py docs"
for f in "$shared"/data/quotes-dev/*.txt; do "$bin" analyze "$f" > "$out/dev/$(basename "$f" .txt).json"; done
python3 "$shared/tools/score.py" docs "$shared/data/quotes-dev" "$out/dev"

echo; echo "== seed article, score.py doc"
"$bin" analyze "$shared/examples/seed-sana-moscow.txt" > "$out/seed.json"
python3 "$shared/tools/score.py" doc "$shared/examples/seed-sana-moscow.txt" "$shared/examples/seed-sana-moscow.gold.json" "$out/seed.json"
