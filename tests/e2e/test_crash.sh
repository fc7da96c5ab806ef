#!/usr/bin/env bash
# Never lose an article: kill -9 at any moment leaves a database that opens and holds every
# committed article; re-running the same add completes the job. Readers keep working while a
# writer indexes. A read-only database folder and a full disk give a clear error, no corruption.
. "$(dirname "$0")/lib.sh"
DB="$WORK/db"
TOTAL=6000

# 6,000 small articles of our own, recombined from the sample corpus, with unique ids.
python3 - "$SAMPLE" "$WORK/gen.jsonl" "$TOTAL" <<'PY'
import json, sys
src, out, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
arts = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
with open(out, "w", encoding="utf-8") as f:
    for i in range(total):
        a, b = arts[i % len(arts)], arts[(i * 7 + 3) % len(arts)]
        body = a["body"][:250] + " " + b["body"][-100:]
        f.write(json.dumps({"id": f"crash-{i:05d}", "title": a["title"], "body": body,
                            "source": a.get("source", ""), "date": a.get("date", "")}, ensure_ascii=False) + "\n")
PY
count() { "$NEWSINDEX" stats --db "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])' 2>/dev/null || echo -1; }

# 1. Killed while waiting for more input: the first 4,000 articles arrive, then the input stalls
#    (a pipe held open), so the kill lands mid-run deterministically, with a batch pending.
mkfifo "$WORK/fifo"
"$NEWSINDEX" add --quiet --batch 500 --db "$DB" - <"$WORK/fifo" 2>"$WORK/err1" &
WRITER=$!
exec 3>"$WORK/fifo"
head -n 4000 "$WORK/gen.jsonl" >&3
n=0
for _ in $(seq 1 240); do
  n=$(count "$DB")
  [ "$n" -ge 2500 ] && break
  sleep 0.5
done
# A reader searches while the writer holds the lock and has uncommitted documents.
expect_exit 0 "a reader searches while the writer is running" -- "$NEWSQUERY" --db "$DB" --json --limit 1 Artikel
expect_exit 4 "a second writer gets the lock message" -- "$NEWSINDEX" add --db "$DB" "$SAMPLE"
expect_contains "$ERR" "locked by another writer" "lock message"
kill -9 "$WRITER"
wait "$WRITER" 2>/dev/null
exec 3>&-
n=$(count "$DB")
# (The last lines may still sit in read buffers; at least five batches were committed.)
if [ "$n" -ge 2500 ] && [ "$n" -le 4000 ]; then pass "after kill -9: the database opens and holds the committed $n articles"
else fail "after kill -9 (stalled input): $n articles, wanted 2500..4000"; fi

# 2. Killed while busy indexing (small batches, so commits happen all the time).
"$NEWSINDEX" add --quiet --batch 200 --db "$DB" "$WORK/gen.jsonl" 2>"$WORK/err2" &
WRITER=$!
sleep 1.5
kill -9 "$WRITER" 2>/dev/null
wait "$WRITER" 2>/dev/null
n=$(count "$DB")
if [ "$n" -ge 0 ] && [ "$n" -le "$TOTAL" ]; then pass "after kill -9 while busy: database opens, $n <= $TOTAL articles"
else fail "after kill -9 while busy: stats gave $n"; fi
expect_exit 0 "search works after the crash" -- "$NEWSQUERY" --db "$DB" --json --limit 3 Artikel

# 3. Re-running the same add completes the job; once more changes nothing (idempotent).
expect_exit 0 "re-run after the crashes" -- "$NEWSINDEX" add --db "$DB" "$WORK/gen.jsonl"
expect_contains "$ERR" "now holds $TOTAL articles" "every article is there after the re-run"
expect_exit 0 "the same add again" -- "$NEWSINDEX" add --db "$DB" "$WORK/gen.jsonl"
expect_contains "$ERR" "(0 new, $TOTAL replaced)" "re-adding replaces, never duplicates"
[ "$(count "$DB")" -eq "$TOTAL" ] && pass "count is exactly $TOTAL" || fail "count is $(count "$DB"), wanted $TOTAL"

# 4. Sharded: kill -9 and re-run, the shards together hold every article exactly once.
head -n 2000 "$WORK/gen.jsonl" >"$WORK/part.jsonl"
"$NEWSINDEX" add --quiet --batch 300 --shards 3 --db "$WORK/sharded" "$WORK/part.jsonl" 2>/dev/null &
WRITER=$!
sleep 1
kill -9 "$WRITER" 2>/dev/null
wait "$WRITER" 2>/dev/null
expect_exit 0 "sharded re-run after kill -9" -- "$NEWSINDEX" add --batch 300 --shards 3 --db "$WORK/sharded" "$WORK/part.jsonl"
expect_contains "$ERR" "now holds 2000 articles in 3 shards" "all shards complete"

# 5. A read-only database folder: a clear error, and the database is unharmed.
"$NEWSINDEX" add --quiet --db "$WORK/ro" "$SAMPLE"
chmod -R a-w "$WORK/ro"
if [ "$(id -u)" -eq 0 ]; then
  AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  chmod a+rx "$WORK"
else
  AS_USER=()
fi
expect_exit 4 "adding to a read-only database" -- "${AS_USER[@]}" "$NEWSINDEX" add --db "$WORK/ro" "$WORK/part.jsonl"
expect_contains "$ERR" "$WORK/ro" "the message names the database"
chmod -R u+w "$WORK/ro"
expect_exit 0 "the read-only database still opens" -- "$NEWSINDEX" stats --db "$WORK/ro" --json
expect_json "$OUT" "assert j['articles']==60, j['articles']" "and still holds its articles"

# 7. Into a new database from files, add writes parallel segments and merges them at the end: a
#    kill -9 leaves the database as it was (empty, it opens) or complete, never half-merged; its
#    lock refuses a second writer meanwhile; the result is the same as committing in place (--batch).
SEG="$WORK/seg"
mkfifo "$WORK/feed.jsonl"
"$NEWSINDEX" add --quiet --db "$SEG" "$WORK/feed.jsonl" 2>"$WORK/err7" &
WRITER=$!
exec 3>"$WORK/feed.jsonl"
head -n 3000 "$WORK/gen.jsonl" >&3
sleep 1
expect_exit 4 "segments: a second writer gets the lock message" -- "$NEWSINDEX" add --db "$SEG" "$SAMPLE"
expect_contains "$ERR" "locked by another writer" "segments: lock message"
kill -9 "$WRITER"
wait "$WRITER" 2>/dev/null
exec 3>&-
[ "$(count "$SEG")" -eq 0 ] && pass "segments: after kill -9 the new database opens, empty" || fail "segments: after kill -9: $(count "$SEG") articles"
for delay in 1 2 4; do
  rm -rf "$SEG"
  "$NEWSINDEX" add --quiet --db "$SEG" "$WORK/gen.jsonl" 2>/dev/null &
  WRITER=$!
  sleep "$delay"
  kill -9 "$WRITER" 2>/dev/null
  wait "$WRITER" 2>/dev/null
  n=$(count "$SEG")
  if [ "$n" -eq 0 ] || [ "$n" -eq "$TOTAL" ]; then pass "segments: kill -9 after ${delay} s leaves $n articles (none or all)"
  else fail "segments: kill -9 after ${delay} s: $n articles, wanted 0 or $TOTAL"; fi
done
expect_exit 0 "segments: re-run after the kill" -- "$NEWSINDEX" add --db "$SEG" "$WORK/gen.jsonl" "$WORK/part.jsonl"
expect_contains "$ERR" "now holds $TOTAL articles" "segments: every article once"
[ -e "$SEG.segments" ] && fail "segments: temporary folder left behind" || pass "segments: temporary folder removed"
rm -rf "$SEG" "$WORK/inplace"
expect_exit 0 "segments: a new database with ids given twice" -- "$NEWSINDEX" add --db "$SEG" "$WORK/gen.jsonl" "$WORK/part.jsonl"
expect_contains "$ERR" "($TOTAL new, 2000 replaced)" "segments: ids given twice replace"
"$NEWSINDEX" add --quiet --batch 500 --db "$WORK/inplace" "$WORK/gen.jsonl" "$WORK/part.jsonl"
for q in Artikel "Regierung Berlin" Polizei; do
  a=$("$NEWSQUERY" --db "$SEG" --json --limit 50 "$q" | python3 -c 'import json,sys; print([(h["id"], round(h["score"], 9)) for h in json.load(sys.stdin)["results"]])' 2>&1)
  b=$("$NEWSQUERY" --db "$WORK/inplace" --json --limit 50 "$q" | python3 -c 'import json,sys; print([(h["id"], round(h["score"], 9)) for h in json.load(sys.stdin)["results"]])' 2>&1)
  [ "$a" = "$b" ] && pass "segments: '$q' ranks as committed in place" || fail "segments: '$q' differs: ${a:0:200} vs ${b:0:200}"
done

# 6. A full disk (a 1 MB tmpfs; needs root and mount, else skipped with a note).
mkdir -p "$WORK/small"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=1m tmpfs "$WORK/small" 2>/dev/null; then
  trap 'umount "$WORK/small" 2>/dev/null; rm -rf "$WORK"' EXIT
  expect_exit 4 "disk full while indexing" -- "$NEWSINDEX" add --batch 500 --db "$WORK/small/db" "$WORK/gen.jsonl"
  expect_contains "$ERR" "No space left on device" "says the disk is full"
  expect_contains "$ERR" "last committed batch" "says what was kept"
  expect_exit 0 "the database on the full disk still opens" -- "$NEWSINDEX" stats --db "$WORK/small/db" --json
  expect_json "$OUT" "assert 0 <= j['articles'] < $TOTAL" "holds its committed articles"
  umount "$WORK/small"
else
  echo "note - disk-full check skipped: needs root and permission to mount a tmpfs"
fi
finish
