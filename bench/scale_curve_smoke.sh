#!/usr/bin/env bash
# bench.scale_curve (CTest): bench/scale_curve.sh at 200 synthetic articles from the sample model, then
# again with the index reused and a second size that cannot fit (--reserve-gb beyond any disk), which
# must be skipped with the disk message. Exits 77 (skip) when python3 or the binaries are missing.
set -euo pipefail
: "${SOURCE_DIR:?}" "${BUILD_DIR:?}"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
[ -x /usr/bin/time ] || { echo "skip: no /usr/bin/time"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/scale-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
run() { "$SOURCE_DIR/bench/scale_curve.sh" --build "$BUILD_DIR" --work "$work" \
          --model "$SOURCE_DIR/corpus/models/sample.model" "$@" 2>&1; }
rc=0
out=$(run --sizes 200) || rc=$?
[ "$rc" = 77 ] && { echo "skip: binaries not built"; exit 77; }
[ "$rc" = 0 ] || { echo "FAIL: scale_curve.sh exited $rc: $out"; exit 1; }
grep -Eq '^\| 200 \| [0-9.]+ \| [0-9]+ \| [0-9.]+ \| [0-9]+ \| [0-9.]+ \|' <<<"$out" ||
  { echo "FAIL: no indexing row for 200 articles: $out"; exit 1; }
for mode in "ids only" "results page"; do
  grep -Eq "^\| 200 \| $mode( \| [0-9.]+ / [0-9.]+){7} \|" <<<"$out" ||
    { echo "FAIL: no p50/p99 for every kind ($mode): $out"; exit 1; }
done
python3 - "$work/result-200.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["articles"] == 200 and r["index_bytes"] > 0 and r["peak_disk_bytes"] >= r["index_bytes"], r
for m in ("ids", "page"):
    assert r["latency_" + m]["all"]["n"] == 300, r["latency_" + m]["all"]
PY
out=$(run --sizes "200 400" --reserve-gb 100000000) || { echo "FAIL: second run: $out"; exit 1; }
grep -q "reusing $work/idx-200" <<<"$out" || { echo "FAIL: the 200-article index was not reused: $out"; exit 1; }
grep -q "SKIPPED 400 articles: needs" <<<"$out" || { echo "FAIL: no disk skip for 400 articles: $out"; exit 1; }
grep -q "^Not measured: 400 articles: disk: needs" <<<"$out" || { echo "FAIL: the table does not name the skipped size: $out"; exit 1; }
[ ! -e "$work/synth-400.jsonl" ] || { echo "FAIL: a skipped size wrote its corpus"; exit 1; }
echo "ok: scale_curve.sh at 200 articles, reuse and disk skip"
