#!/usr/bin/env bash
# Integration: the 10kGNAD test split written back into 10kGNAD's original `label;'text'` CSV
# form (in a temp folder) and indexed with --format csv --csv-columns category,body --csv-quote "'".
# Every article must come through, with its category. Skips (77) when the shared corpus is absent.
. "$(dirname "$0")/lib.sh"
CORPUS="$SOURCE_DIR/../shared/corpus/10kgnad_test.jsonl.zst"
if [ ! -r "$CORPUS" ] || ! command -v zstd >/dev/null; then
  echo "skip: $CORPUS not available"
  exit 77
fi
zstd -dc "$CORPUS" | python3 -c '
import json, sys
out = open(sys.argv[1], "w", encoding="utf-8")
n = 0
for line in sys.stdin:
    a = json.loads(line)
    out.write(a["category"] + ";\x27" + a["body"].replace("\x27", "\x27\x27") + "\x27\n")
    n += 1
print(n)' "$WORK/articles.csv" >"$WORK/count"
COUNT=$(cat "$WORK/count")
expect_exit 0 "10kGNAD CSV indexed" -- "$NEWSINDEX" add --db "$WORK/db" --format csv --csv-columns category,body --csv-quote "'" "$WORK/articles.csv"
expect_contains "$ERR" "indexed $COUNT articles" "all $COUNT rows indexed"
expect_exit 0 "stats" -- "$NEWSINDEX" stats --db "$WORK/db" --json
expect_json "$OUT" "assert j['articles']==$COUNT and len(j['categories'])==9, j['categories']" "nine categories, one article per row"
expect_exit 0 "category filter" -- "$NEWSQUERY" --db "$WORK/db" --json "kategorie:Sport Tor"
expect_json "$OUT" "assert j['total']>10 and all(r['category']=='Sport' for r in j['results']), j['total']" "Sport articles found by category"
finish
