#!/usr/bin/env bash
# Near-duplicate stories, "Meinten Sie" and synonyms through the real binaries on the sample corpus.
# sample-030 (elbpost.de) and sample-031 (mainecho.de) are one dpa story whose last sentence differs.
. "$(dirname "$0")/lib.sh"
DB="$WORK/db"
export XDG_CACHE_HOME="$WORK/cache"   # the synonym cache of this run only

expect_exit 0 "index the sample corpus" -- "$NEWSINDEX" add --db "$DB" "$SAMPLE"

# Collapsing: one result for the story, with the other copy named.
expect_exit 0 "collapsed by default" -- "$NEWSQUERY" --db "$DB" --json --limit 20 "Strompreis Haushalte"
expect_json "$OUT" "ids=[x['id'] for x in j['results']]
assert len({'sample-030','sample-031'} & set(ids))==1, ids
top=[x for x in j['results'] if x['id'] in ('sample-030','sample-031')][0]
other='sample-031' if top['id']=='sample-030' else 'sample-030'
assert top['duplicates']==[{'id': other, 'source': 'mainecho.de' if other=='sample-031' else 'elbpost.de'}], top['duplicates']
assert all(x['duplicates']==[] for x in j['results'] if x is not top)" "the near-duplicate pair is one result listing the other copy"
expect_exit 0 "human output, one result (the collapse count alone would miss the copy)" -- "$NEWSQUERY" --db "$DB" --limit 1 "Strompreis Haushalte"
expect_contains "$OUT" "auch bei: mainecho.de" "human output names the other source"
expect_exit 0 "--no-collapse" -- "$NEWSQUERY" --db "$DB" --json --limit 20 --no-collapse "Strompreis Haushalte"
expect_json "$OUT" "ids=[x['id'] for x in j['results']]; assert {'sample-030','sample-031'} <= set(ids), ids
assert all(x['duplicates']==[] for x in j['results'])" "--no-collapse shows both copies"
expect_exit 0 "re-adding keeps the story" -- "$NEWSINDEX" add --db "$DB" "$SAMPLE"
expect_exit 0 "collapsed after re-adding" -- "$NEWSQUERY" --db "$DB" --json --limit 20 "Strompreis Haushalte"
expect_json "$OUT" "ids=[x['id'] for x in j['results']]; assert len({'sample-030','sample-031'} & set(ids))==1, ids" "still one result after re-adding"
# Separate runs: the second copy added later joins the first one's story.
grep '"sample-030"' "$SAMPLE" >"$WORK/first.jsonl"
grep '"sample-031"' "$SAMPLE" >"$WORK/second.jsonl"
expect_exit 0 "first copy" -- "$NEWSINDEX" add --db "$WORK/db2" "$WORK/first.jsonl"
expect_exit 0 "second copy in a later run" -- "$NEWSINDEX" add --db "$WORK/db2" "$WORK/second.jsonl"
expect_exit 0 "query the two-run index" -- "$NEWSQUERY" --db "$WORK/db2" --json "Strompreis"
expect_json "$OUT" "r=j['results']; assert len(r)==1 and r[0]['duplicates'] and r[0]['duplicates'][0]['id'] in ('sample-030','sample-031'), r" "copies from separate runs collapse"

# Collapse totals: a small result set is counted exactly, a large one (1,200 stories: short bodies
# never join a story) is Xapian's estimate within bounds that hold the true count, said as "about".
python3 - "$WORK/many.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(1200):
        body = f"Neues aus dem Hafen, Folge {i}" + (", mit dem Leuchtturm." if i % 100 == 0 else ".")
        f.write(json.dumps({"id": f"hafen-{i}", "title": f"Meldung {i}", "body": body}) + "\n")
PY
expect_exit 0 "index 1,200 short articles" -- "$NEWSINDEX" add --db "$WORK/db3" "$WORK/many.jsonl"
expect_exit 0 "small collapsed set" -- "$NEWSQUERY" --db "$WORK/db3" --json --limit 5 "Leuchtturm"
expect_json "$OUT" "assert len(j['results'])==5 and j['total']==j['total_lower']==j['total_upper']==12, j" "a small set's total is exact"
expect_exit 0 "large collapsed set" -- "$NEWSQUERY" --db "$WORK/db3" --json "Hafen"
expect_json "$OUT" "assert j['total_lower']<=j['total']<=j['total_upper'] and j['total_lower']<=1200<=j['total_upper'], j
assert j['total_lower']>10, j['total_lower']" "a large set's estimate lies within bounds holding the true count; a next page is known"
expect_exit 0 "human output of a large set" -- "$NEWSQUERY" --db "$WORK/db3" "Hafen"
expect_contains "$OUT" "about " "an estimated total is said to be one"
expect_exit 0 "last page of a large set" -- "$NEWSQUERY" --db "$WORK/db3" --json --offset 1195 "Hafen"
expect_json "$OUT" "assert len(j['results'])==5 and j['total']==j['total_lower']==j['total_upper']==1200, j" "paging to the end gives the short last page and the exact total"

# Spelling.
expect_exit 0 "misspelled compound" -- "$NEWSQUERY" --db "$DB" "Bundesgerihct"
expect_contains "$OUT" "Meinten Sie: Bundesgericht" "a misspelled compound gets a suggestion, capitalised"
expect_exit 0 "suggestion in JSON" -- "$NEWSQUERY" --db "$DB" --json "strompreiss haushalte"
expect_json "$OUT" "assert j['suggestion']=='strompreis haushalte', j['suggestion']" "JSON suggestion keeps lowercase"
expect_exit 0 "known words" -- "$NEWSQUERY" --db "$DB" --json "Strompreis"
expect_json "$OUT" "assert j['suggestion'] is None" "no suggestion for known words"

# Synonyms: "Arbeitsniederlegung" is not in the sample; OpenThesaurus lists it with "Streik".
if [ -r /usr/share/openthesaurus-de/openthesaurus.txt ]; then
  expect_exit 0 "synonym query" -- "$NEWSQUERY" --db "$DB" --json --limit 20 "Arbeitsniederlegung"
  expect_json "$OUT" "ids=[x['id'] for x in j['results']]; assert ids, j
assert not any('Arbeitsniederlegung' in (x['title']+x['snippet']) for x in j['results'])" "a synonym finds articles without the typed word"
  expect_exit 0 "--no-synonyms" -- "$NEWSQUERY" --db "$DB" --json --limit 20 --no-synonyms "Arbeitsniederlegung"
  expect_json "$OUT" "assert j['results']==[], [x['id'] for x in j['results']]" "--no-synonyms finds nothing"
  expect_exit 0 "typed word first" -- "$NEWSQUERY" --db "$DB" --json --limit 20 "Streik"
  expect_json "$OUT" "r=j['results']; assert r and 'treik' in (r[0]['title']+r[0]['snippet']), r[0]" "the typed word ranks above its synonyms"
  expect_exit 0 "help mentions synonyms" -- "$NEWSQUERY" --help
  expect_contains "$OUT" "--no-synonyms" "--help documents --no-synonyms"
else
  echo "skip - openthesaurus-de-text not installed"
fi
finish
