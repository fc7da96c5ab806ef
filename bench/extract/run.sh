#!/usr/bin/env bash
# Extraction benchmark on ../shared/corpus/html_eval (licensed pages, read only): body word-F1,
# title and date agreement from its score.py for `newsindex extract` and, in the same run, Debian's
# python3-readability and Mozilla's Readability (npm @mozilla/readability + jsdom, run by node)
# when installed; then newsindex's speed in one process over all pages (pages/s, MB/s of HTML).
# Usage: bench/extract/run.sh [BUILD_DIR]      VERBOSE=1 for per-page lines; exit 77 without the corpus.
# Mozilla's Readability: npm install --prefix BUILD_DIR/readability-js @mozilla/readability jsdom
set -uo pipefail
SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR=${1:-${BUILD_DIR:-$SOURCE_DIR/build}}
EVAL=${HTML_EVAL:-$SOURCE_DIR/../shared/corpus/html_eval}
NEWSINDEX=$BUILD_DIR/indexer/newsindex
NODE_MODULES=${READABILITY_JS:-$BUILD_DIR/readability-js/node_modules}
[ -f "$EVAL/score.py" ] || { echo "skip: no $EVAL/score.py"; exit 77; }
[ -x "$NEWSINDEX" ] || { echo "skip: $NEWSINDEX is not built"; exit 77; }
# score SYSTEM COMMAND: score.py's summary plus the worst page (per-page lines with VERBOSE=1).
score() {
  local name=$1 cmd=$2
  echo "== $name"
  python3 "$EVAL/score.py" -v --cmd "$cmd" >"$TMP/score.txt"
  [ -n "${VERBOSE:-}" ] && grep " F1 " "$TMP/score.txt" | grep -v "pages:"
  tail -n 1 "$TMP/score.txt"
  grep -v "pages:" "$TMP/score.txt" | awk '{print $7, $1}' | sort -n | head -n 1 | sed 's/^/worst page: F1 /'
}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/extract-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
echo "date $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); corpus $EVAL"
score "newsindex extract" "$NEWSINDEX extract --format html {page}"
if /usr/bin/python3 -c 'import readability' 2>/dev/null; then
  score "python3-readability (Debian)" "/usr/bin/python3 $SOURCE_DIR/bench/extract/readability_py.py {page}"
else
  echo "== python3-readability: not installed (apt-get install python3-readability)"
fi
if command -v node >/dev/null && [ -d "$NODE_MODULES/@mozilla/readability" ] && [ -d "$NODE_MODULES/jsdom" ]; then
  export NODE_PATH=$NODE_MODULES
  score "Mozilla Readability (node, jsdom)" "node $SOURCE_DIR/bench/extract/readability_js.js {page}"
else
  echo "== Mozilla Readability: not installed (npm install --prefix $BUILD_DIR/readability-js @mozilla/readability jsdom)"
fi
# Speed: all pages, decompressed beforehand, in one process; best of 3 runs.
for f in "$EVAL"/*.html.gz; do gunzip -c "$f" >"$TMP/$(basename "${f%.gz}")"; done
pages=$(ls "$TMP"/*.html | wc -l)
bytes=$(cat "$TMP"/*.html | wc -c)
best=
for run in 1 2 3; do
  t0=$(date +%s.%N)
  "$NEWSINDEX" extract --format html "$TMP"/*.html >"$TMP/out.jsonl" 2>/dev/null
  t1=$(date +%s.%N)
  s=$(echo "$t1 - $t0" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$s < $best" | bc -l)" = 1 ]; then best=$s; fi
done
articles=$(wc -l <"$TMP/out.jsonl")
python3 -c "p,b,s,a=$pages,$bytes,$best,$articles; print(f'speed: {p} pages ({b/1e6:.1f} MB of HTML) -> {a} articles in {s:.3f} s (best of 3, one process): {p/s:.0f} pages/s, {b/1e6/s:.1f} MB/s')"
