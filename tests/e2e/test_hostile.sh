#!/usr/bin/env bash
# Hostile input: NUL bytes, a 50 MB line, deeply nested JSON, binary files, truncated .gz/.zst,
# duplicate ids in one batch. Clear messages, bounded memory, every valid article indexed.
. "$(dirname "$0")/lib.sh"
DB="$WORK/db"
articles() { "$NEWSINDEX" stats --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])'; }

python3 - "$WORK" <<'PY'
import json, os, sys
w = sys.argv[1]
ok = lambda i, body: json.dumps({"id": f"ok-{i}", "title": "Gültig", "body": body}, ensure_ascii=False)
with open(f"{w}/nul.jsonl", "wb") as f:
    f.write((ok(1, "Text mit \u0000 maskiertem NUL-Zeichen") + "\n").encode())
    f.write(b'{"id":"raw-nul","body":"roh \x00 im Text"}\n')
    f.write((ok(2, "Danach geht es weiter") + "\n").encode())
with open(f"{w}/huge.jsonl", "w") as f:
    f.write(ok(3, "Vor der langen Zeile") + "\n")
    f.write('{"id":"huge","body":"' + "a" * (50 << 20) + "\n")   # 50 MB, never closed
    f.write(ok(4, "Nach der langen Zeile") + "\n")
with open(f"{w}/deep.jsonl", "w") as f:
    f.write('{"id":"deep","body":' + "[" * 100000 + "]" * 100000 + "}\n")
    f.write(ok(5, "Nach der tiefen Verschachtelung") + "\n")
with open(f"{w}/binary.jsonl", "wb") as f:
    f.write(os.urandom(200000))
with open(f"{w}/dupes.jsonl", "w") as f:
    f.write(json.dumps({"id": "dup", "title": "Erste Fassung", "body": "Zunächst hieß es Sturmflut."}) + "\n")
    f.write(ok(6, "Zwischendurch etwas anderes") + "\n")
    f.write(json.dumps({"id": "dup", "title": "Zweite Fassung", "body": "Später korrigiert: Hochwasser."}) + "\n")
PY

expect_exit 3 "NUL bytes" -- "$NEWSINDEX" add --db "$DB" "$WORK/nul.jsonl"
expect_contains "$ERR" "indexed 2 articles" "an escaped NUL is text: its article is indexed, and the next one"
# JSON forbids raw control characters in strings: that line is malformed, said so, and skipped.
expect_contains "$ERR" "nul.jsonl:2: malformed JSON" "a raw NUL is reported by file:line"

/usr/bin/time -f "%M" -o "$WORK/rss" "$NEWSINDEX" add --db "$DB" "$WORK/huge.jsonl" >"$WORK/out" 2>"$WORK/err"
code=$?
ERR=$(cat "$WORK/err")
[ "$code" -eq 3 ] && pass "50 MB line: exit 3" || fail "50 MB line: exit $code"
expect_contains "$ERR" "huge.jsonl:2: malformed JSON" "50 MB line reported by file:line"
expect_contains "$ERR" "indexed 2 articles" "the lines around it are indexed"
rss=$(tail -n 1 "$WORK/rss")
[ "$rss" -lt 1000000 ] && pass "memory stays bounded (peak ${rss} KB)" || fail "peak RSS ${rss} KB for a 50 MB line"

expect_exit 3 "deeply nested JSON" -- "$NEWSINDEX" add --db "$DB" "$WORK/deep.jsonl"
expect_contains "$ERR" "nested deeper than" "nesting reported"
expect_contains "$ERR" "indexed 1 articles" "the next line is indexed"

expect_exit 3 "a binary file" -- "$NEWSINDEX" add --db "$DB" "$WORK/binary.jsonl"
expect_contains "$ERR" "binary.jsonl:" "binary garbage reported by file:line"

head -n 2 "$WORK/dupes.jsonl" | zstd -q -c >"$WORK/full.jsonl.zst"
cat "$WORK/dupes.jsonl" | zstd -q -c | head -c 60 >"$WORK/truncated.jsonl.zst"
expect_exit 3 "truncated .zst" -- "$NEWSINDEX" add --db "$WORK/trunc" "$WORK/truncated.jsonl.zst" "$WORK/full.jsonl.zst"
expect_contains "$ERR" "truncated zstd" "says the zstd stream is truncated"
expect_contains "$ERR" "indexed 2 articles" "the intact file next to it is indexed"
cat "$WORK/dupes.jsonl" | gzip -c | head -c 70 >"$WORK/truncated.jsonl.gz"
expect_exit 3 "truncated .gz" -- "$NEWSINDEX" add --db "$WORK/trunc" "$WORK/truncated.jsonl.gz"
expect_contains "$ERR" "truncated gzip" "says the gzip stream is truncated"

# The same id twice in one batch (and across worker chunks): the last version wins.
expect_exit 0 "duplicate ids in one batch" -- "$NEWSINDEX" add --db "$DB" --threads 2 "$WORK/dupes.jsonl"
expect_contains "$ERR" "indexed 3 articles" "both versions processed"
expect_exit 0 "search the later version" -- "$NEWSQUERY" --db "$DB" --json Hochwasser
expect_json "$OUT" "assert [r['id'] for r in j['results']]==['dup'], j['results']" "the later version is indexed"
expect_exit 0 "search the earlier version" -- "$NEWSQUERY" --db "$DB" --json Sturmflut
expect_json "$OUT" "assert j['results']==[], j['results']" "the earlier version is gone"
[ "$(articles)" -eq 7 ] && pass "every valid article indexed exactly once (7)" || fail "database holds $(articles), wanted 7"
finish
