#!/usr/bin/env bash
# newscorpus: train on the sample corpus, synthesise 2,000 articles (deterministically), index
# them with the real newsindex and find them with newsquery; errors and exit codes.
. "$(dirname "$0")/lib.sh"
: "${NEWSCORPUS:?set by CTest}"
MODEL="$WORK/sample.model"
SYNTH="$WORK/synth.jsonl"
DB="$WORK/db"

expect_exit 0 "--version" -- "$NEWSCORPUS" --version
expect_contains "$OUT" "newscorpus " "version printed"
expect_exit 0 "--help" -- "$NEWSCORPUS" --help
expect_contains "$OUT" "Exit codes" "help lists exit codes and examples"

expect_exit 0 "train on the sample corpus" -- "$NEWSCORPUS" train "$SAMPLE" -o "$MODEL"
expect_contains "$ERR" "learned 60 articles" "training summary"
expect_exit 0 "synthesise 2,000 articles" -- "$NEWSCORPUS" synth --model "$MODEL" --articles 2000 --seed 7 -o "$SYNTH"
lines=$(wc -l <"$SYNTH")
[ "$lines" -eq 2000 ] && pass "2,000 lines" || fail "wanted 2000 lines, got $lines"
"$NEWSCORPUS" synth --model "$MODEL" --articles 2000 --seed 7 >"$WORK/again.jsonl"
cmp -s "$SYNTH" "$WORK/again.jsonl" && pass "same seed, same bytes (file and stdout)" || fail "same seed gave other bytes"
"$NEWSCORPUS" synth --model "$MODEL" --articles 2000 --seed 8 -o "$WORK/other.jsonl"
cmp -s "$SYNTH" "$WORK/other.jsonl" && fail "another seed gave the same bytes" || pass "another seed, other bytes"
expect_exit 0 "the shipped model works" -- "$NEWSCORPUS" synth --model "$SOURCE_DIR/corpus/models/sample.model" --articles 5 --seed 1
expect_contains "$OUT" '"id": "synth-1-5"' "ids synth-<seed>-<n>"

expect_exit 0 "stats of the synthetic corpus" -- "$NEWSCORPUS" stats --at 1000 "$SYNTH"
expect_contains "$OUT" "articles:          2000" "stats counts the articles"
expect_contains "$OUT" "Heaps' law" "stats fits Heaps' law"

expect_exit 0 "index the synthetic corpus" -- "$NEWSINDEX" add --db "$DB" "$SYNTH"
expect_contains "$ERR" "indexed 2000 articles (2000 new, 0 replaced), skipped 0" "every synthetic article indexed"
# Known item: the title of synthetic article 1234 finds it.
title=$(python3 -c "import json,sys
for l in open(sys.argv[1]):
    j=json.loads(l)
    if j['id']=='synth-7-1234': print(j['title'])" "$SYNTH")
expect_exit 0 "query a synthetic title" -- "$NEWSQUERY" --db "$DB" --json --limit 10 "$title"
expect_json "$OUT" "assert j['total']>0
assert 'synth-7-1234' in [r['id'] for r in j['results']], [r['id'] for r in j['results']]" "its article is in the top 10"
expect_exit 0 "query a common word" -- "$NEWSQUERY" --db "$DB" --json --limit 3 "Euro"
expect_json "$OUT" "assert j['total']>20, j['total']" "a common word matches many synthetic articles"

# Errors: usage 2, bad model or corpus 3, each naming the file.
expect_exit 2 "synth without --model" -- "$NEWSCORPUS" synth --articles 3
expect_exit 2 "bad --duplicate-rate" -- "$NEWSCORPUS" synth --model "$MODEL" --articles 3 --duplicate-rate 2
cp "$SAMPLE" "$WORK/not-a-model"
expect_exit 3 "a JSONL file as model" -- "$NEWSCORPUS" synth --model "$WORK/not-a-model" --articles 3
expect_contains "$ERR" "$WORK/not-a-model: not a newscorpus model" "names the file"
head -c 5000 "$MODEL" >"$WORK/cut.model"
expect_exit 3 "a cut model" -- "$NEWSCORPUS" synth --model "$WORK/cut.model" --articles 3
expect_contains "$ERR" "cut.model" "names the cut file"
expect_exit 3 "a missing corpus" -- "$NEWSCORPUS" train "$WORK/missing.jsonl" -o "$WORK/x.model"
printf '{"id": "a", "body": "Ein Satz."}\nnot json\n' >"$WORK/bad.jsonl"
expect_exit 3 "training skips a bad line" -- "$NEWSCORPUS" train "$WORK/bad.jsonl" -o "$WORK/bad.model"
expect_contains "$ERR" "bad.jsonl:2: malformed JSON" "the bad line is named"
finish
