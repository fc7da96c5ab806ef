#!/usr/bin/env bash
# bench.smoke (CTest): bench/run --size smoke with the cheap peers, then checks that the report and
# JSON were written with sane counts. Exits 77 (skip) when python3 or the bench binaries are missing.
set -euo pipefail
: "${SOURCE_DIR:?}" "${BUILD_DIR:?}"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rc=0
"$SOURCE_DIR/bench/run" --size smoke --build "$BUILD_DIR" --out "$out" --no-install || rc=$?
[ "$rc" = 77 ] && { echo "skip: bench binaries not built"; exit 77; }
[ "$rc" = 0 ] || { echo "FAIL: bench/run exited $rc"; exit 1; }
[ -s "$out/report.md" ] || { echo "FAIL: no report.md"; exit 1; }
python3 - "$out/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
problems = []
def check(cond, what):
    if not cond:
        problems.append(what)
check(r["size"] == "smoke", "size is smoke")
check("newsindex" in r["engines"] and "xapian" in r["engines"], "newsindex and plain Xapian ran")
step = r["indexing"][0]
check(step["articles"] == 60, f"60 sample articles indexed (got {step['articles']})")
for e in r["engines"]:
    x = step["engines"].get(e)
    check(x is not None and x["seconds"] > 0 and x["bytes"] > 0, f"{e} indexed with a size and a time")
for e in ("newsindex", "xapian"):
    q = r["queries"].get(e)
    check(q is not None and len(q["results"]) == r["query_count"], f"{e} answered all {r['query_count']} queries")
    check(q and q["by_kind"]["all"]["with_results"] >= r["query_count"] * 0.7, f"{e}: most queries have results")
    check(q and q["throughput"] and q["throughput"]["qps"] > 0, f"{e}: throughput measured")
    check(q and all(k in q["by_kind"] for k in ("common", "rare", "compound", "phrase", "boolean", "headline")),
          f"{e}: every query kind ran")
ki = r["quality"]["sample-knownitem"]["engines"]
check(ki["newsindex"]["queries"] == 60 and ki["newsindex"]["recall@10"] >= 0.8,
      f"newsindex finds its own sample articles by headline (recall@10 {ki['newsindex']['recall@10']:.2f})")
check(all(f"newsindex[{a}]" in ki for a in ("no-compounds", "no-fold", "no-stem")), "ablations ran")
if problems:
    print("FAIL: " + "; ".join(problems))
    sys.exit(1)
print(f"ok: {len(r['engines'])} engines, {r['query_count']} queries, notes: {r['notes']}")
PY

# The indexing-throughput script on the sample corpus: baseline, newsindex, newsindex with shards.
if [ -x /usr/bin/time ]; then
  tp=$(SHARDS=2 "$SOURCE_DIR/bench/index_throughput.sh" "$BUILD_DIR" "$SOURCE_DIR/corpus/sample/articles.jsonl" 2>&1) || {
    echo "FAIL: bench/index_throughput.sh: $tp"; exit 1; }
  for name in baseline newsindex sharded; do
    grep -q "^$name .*wall .* MB/s .*compacted" <<<"$tp" ||
      { echo "FAIL: index_throughput.sh printed no figures for $name: $tp"; exit 1; }
  done
  grep -q "newsindex / baseline wall time: newsindex [0-9.]* ([0-9.]*x faster), in place [0-9.]* .*, 2 shards (+ merge) [0-9.]*" <<<"$tp" ||
    { echo "FAIL: index_throughput.sh printed no ratio: $tp"; exit 1; }
  echo "ok: index_throughput.sh on the sample corpus"
else
  echo "note: /usr/bin/time missing, index_throughput.sh not exercised"
fi

# The writer-cost harness on the sample corpus: newsindex documents, and without positions.
for args in "" "--without positions"; do
  wc_out=$("$BUILD_DIR/bench/write_cost" --input "$SOURCE_DIR/corpus/sample/articles.jsonl" --articles 60 $args 2>&1) ||
    { echo "FAIL: write_cost $args: $wc_out"; exit 1; }
  grep -q "articles=60 .*terms/doc [1-9][0-9.]*; build .* write " <<<"$(tr '\n' ' ' <<<"$wc_out")" ||
    { echo "FAIL: write_cost $args printed no figures: $wc_out"; exit 1; }
done
echo "ok: write_cost on the sample corpus"
