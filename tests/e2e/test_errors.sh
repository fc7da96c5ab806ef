#!/usr/bin/env bash
# Bad input, missing and locked databases, mismatched analysis, empty queries.
. "$(dirname "$0")/lib.sh"
DB="$WORK/db"

printf '%s\n' '{"id":"a","title":"Gut","body":"Ein gültiger Artikel über Energiepreise."}' \
  '{"id":"b","body": nope}' \
  '{"id":"c","title":"Ohne Text"}' \
  '{"id":"d","body":"Noch ein gültiger Artikel."}' >"$WORK/bad.jsonl"
expect_exit 3 "malformed lines: indexed the rest, exit 3" -- "$NEWSINDEX" add --db "$DB" "$WORK/bad.jsonl"
expect_contains "$ERR" "bad.jsonl:2: malformed JSON" "file:line for malformed JSON"
expect_contains "$ERR" "bad.jsonl:3: missing body" "file:line for missing body"
expect_contains "$ERR" "indexed 2 articles" "valid articles indexed"
expect_contains "$ERR" "skipped 2" "skipped counted"

expect_exit 3 "unreadable file among good ones" -- "$NEWSINDEX" add --db "$DB" "$WORK/nonexistent.jsonl"
expect_contains "$ERR" "nonexistent.jsonl" "names the missing file"

head -c 300 <(gzip -c "$SAMPLE") >"$WORK/truncated.jsonl.gz"
expect_exit 3 "truncated .gz" -- "$NEWSINDEX" add --db "$DB" "$WORK/truncated.jsonl.gz"
expect_contains "$ERR" "truncated gzip" "says the stream is truncated"

expect_exit 4 "query a missing database" -- "$NEWSQUERY" --db "$WORK/nope" "x"
expect_contains "$ERR" "no such database" "clear message"
expect_exit 4 "stats of a missing database" -- "$NEWSINDEX" stats --db "$WORK/nope"
expect_exit 4 "delete from a missing database" -- "$NEWSINDEX" delete --db "$WORK/nope" x
if [ -e "$WORK/nope" ]; then fail "delete created a database"; else pass "delete did not create a database"; fi

expect_exit 2 "empty query" -- "$NEWSQUERY" --db "$DB" "   "
expect_contains "$ERR" "nothing to search" "empty query message"
expect_exit 2 "punctuation-only query" -- "$NEWSQUERY" --db "$DB" "?!"
expect_exit 2 "a malformed ablation weight is a usage error" -- env NEWSINDEX_TUNE_STOPWORDS=viel "$NEWSQUERY" --db "$DB" "Energiepreise"
expect_contains "$ERR" 'NEWSINDEX_TUNE_STOPWORDS="viel"' "the variable and its value are named"
expect_exit 0 "stop-word-only query still searches" -- "$NEWSQUERY" --db "$DB" --json "Ein"
expect_json "$OUT" "assert j['results']" "stop words searched when nothing else is left"
expect_exit 0 "syntax error falls back to plain words" -- "$NEWSQUERY" --db "$DB" --json "(Energiepreise AND"
expect_json "$OUT" "assert j['warnings'] and j['results'], j" "fallback with a warning"

# A database built by a different analysis chain is refused with its own exit code.
"$NEWSINDEX" add --db "$WORK/other" "$WORK/bad.jsonl" >/dev/null 2>&1
printf 'Haus\nBoot\n' >"$WORK/tiny-lexicon"
expect_exit 4 "index built with another lexicon is refused" -- env NEWSINDEX_LEXICON="$WORK/tiny-lexicon" "$NEWSQUERY" --db "$WORK/other" "Artikel"
expect_contains "$ERR" "rebuild the index" "says to rebuild"
expect_exit 4 "adding with another chain is refused too" -- env NEWSINDEX_LEXICON="$WORK/tiny-lexicon" "$NEWSINDEX" add --db "$WORK/other" "$WORK/bad.jsonl"

# Two writers: the second gets a clear lock message. The first holds the lock while it waits
# for input on a FIFO, so the test does not depend on timing.
mkfifo "$WORK/fifo"
"$NEWSINDEX" add --quiet --db "$WORK/locked" - <"$WORK/fifo" &
WRITER=$!
exec 3>"$WORK/fifo"
for _ in $(seq 1 100); do [ -e "$WORK/locked/flintlock" ] && break; sleep 0.05; done
expect_exit 4 "second writer" -- "$NEWSINDEX" add --db "$WORK/locked" "$SAMPLE"
expect_contains "$ERR" "locked by another writer" "lock message"
head -n 3 "$SAMPLE" >&3
exec 3>&-
wait $WRITER
expect_exit 0 "first writer finished its work" -- "$NEWSINDEX" stats --db "$WORK/locked" --json
expect_json "$OUT" "assert j['articles']==3" "first writer indexed its articles"
finish
