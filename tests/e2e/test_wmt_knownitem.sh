#!/usr/bin/env bash
# Integration test on real news (../shared/corpus, skipped when absent): headline queries must
# find their own article, indexed without its title, in the top 10 for at least 80% of queries.
. "$(dirname "$0")/lib.sh"
CORPUS="$SOURCE_DIR/../shared/corpus"
if [ ! -f "$CORPUS/wmt_newstest_de.jsonl.zst" ] || [ ! -f "$CORPUS/eval/wmt_newstest_knownitem.tsv" ]; then
  echo "skipped: $CORPUS not present"
  exit 77
fi
RESULT=$(python3 "$SOURCE_DIR/bench/knownitem.py" --corpus "$CORPUS/wmt_newstest_de.jsonl.zst" \
  --queries "$CORPUS/eval/wmt_newstest_knownitem.tsv" --work "$WORK/ki" \
  --newsindex "$NEWSINDEX" --newsquery "$NEWSQUERY")
echo "known-item result: $RESULT"
expect_json "$RESULT" "assert j['queries']>=1000, j
assert j['recall@10']>=0.80, j" "WMT known-item recall@10 >= 0.80"
finish
