#!/usr/bin/env bash
# Index the sample corpus, re-index idempotently, query (human, JSON, batch, TREC), delete, stats.
. "$(dirname "$0")/lib.sh"
DB="$WORK/db"
N=$(grep -c . "$SAMPLE")

expect_exit 0 "index the sample corpus" -- "$NEWSINDEX" add --db "$DB" "$SAMPLE"
expect_contains "$ERR" "indexed $N articles ($N new, 0 replaced)" "summary counts every article"
expect_exit 0 "index it again" -- "$NEWSINDEX" add --db "$DB" "$SAMPLE"
expect_contains "$ERR" "(0 new, $N replaced)" "re-adding replaces"
expect_exit 0 "stats --json" -- "$NEWSINDEX" stats --db "$DB" --json
expect_json "$OUT" "assert j['articles']==$N, j['articles']
assert len(j['sources'])>=3 and j['first_date'] and j['last_date'] and j['bytes_on_disk']>0 and j['distinct_terms']>100" "stats: same count after re-adding, sources, dates, size"
expect_exit 0 "stats text" -- "$NEWSINDEX" stats --db "$DB"
expect_contains "$OUT" "articles:     $N" "stats text shows the count"

# Default database from $NEWSINDEX_DB, stdin input and .gz input.
gzip -c "$SAMPLE" >"$WORK/sample.jsonl.gz"
expect_exit 0 "index a .gz file into the default database" -- "$NEWSINDEX" add "$WORK/sample.jsonl.gz"
expect_exit 0 "index from stdin" -- sh -c "'$NEWSINDEX' add - <'$SAMPLE'"
expect_exit 0 "query the default database" -- "$NEWSQUERY" "Oracle"
expect_contains "$OUT" "Oracle" "default database answers"

# Human output.
expect_exit 0 "query: Übernahme Oracle" -- "$NEWSQUERY" --db "$DB" --limit 3 "Übernahme Oracle"
expect_contains "$OUT" "  1. " "ranked list"
expect_contains "$OUT" "score " "score shown"
expect_contains "$OUT" "[Oracle]" "matched words marked when not a terminal"

# JSON shape and ranking facts of our own corpus.
expect_exit 0 "query --json" -- "$NEWSQUERY" --db "$DB" --json --limit 5 "Übernahme Oracle"
expect_json "$OUT" "
assert set(j) >= {'query','parsed','total','results'}, j.keys()
r=j['results']; assert len(r)==5
assert set(r[0]) >= {'rank','id','score','title','date','source','url','snippet'}, r[0].keys()
assert [x['rank'] for x in r]==[1,2,3,4,5]
assert all(r[i]['score']>=r[i+1]['score'] for i in range(4))
assert {'sample-001','sample-014','sample-037'} <= {x['id'] for x in r[:4]}, [x['id'] for x in r]" "JSON shape; the TikTok/Oracle story ranks on top"

# Umlaut spelling, stemming of capitalised nouns, exact before folded.
expect_exit 0 "Uebernahme finds Übernahme" -- "$NEWSQUERY" --db "$DB" --json "Uebernahme"
expect_json "$OUT" "assert 'sample-001' in [x['id'] for x in j['results']]" "Uebernahme = Übernahme"
expect_exit 0 "Übernahmen (plural, capitalised) finds Übernahme" -- "$NEWSQUERY" --db "$DB" --json --limit 20 "Übernahmen"
expect_json "$OUT" "ids=[x['id'] for x in j['results']]; assert 'sample-001' in ids and 'sample-026' in ids, ids" "stemming applies to capitalised nouns"

# Boolean operators and phrases.
expect_exit 0 "AND" -- "$NEWSQUERY" --db "$DB" --json --limit 50 "Oracle AND TikTok"
expect_json "$OUT" "ids=[x['id'] for x in j['results']]; assert ids and all(i in ('sample-001','sample-014','sample-037') for i in ids), ids" "AND keeps only articles with both"
expect_exit 0 "NOT" -- "$NEWSQUERY" --db "$DB" --json --limit 50 "Oracle NOT TikTok"
expect_json "$OUT" "ids=[x['id'] for x in j['results']]; assert not set(ids)&{'sample-001','sample-014','sample-037'}, ids" "NOT excludes"
expect_exit 0 "phrase" -- "$NEWSQUERY" --db "$DB" --json "\"Sabine Müller\""
expect_json "$OUT" "assert j['results'] and all('Müller' in (x['snippet']+x['title']) for x in j['results'])" "phrase finds the name"
expect_exit 0 "source filter" -- "$NEWSQUERY" --db "$DB" --json --limit 100 "quelle:elbpost.de"
expect_json "$OUT" "assert j['results'] and all(x['source']=='elbpost.de' for x in j['results'])" "quelle: filters"

# Paging is stable.
expect_exit 0 "page 1" -- "$NEWSQUERY" --db "$DB" --json --limit 4 "Daten"
P1=$OUT
expect_exit 0 "page 2" -- "$NEWSQUERY" --db "$DB" --json --limit 4 --offset 4 "Daten"
P2=$OUT
expect_exit 0 "pages 1+2 at once" -- "$NEWSQUERY" --db "$DB" --json --limit 8 "Daten"
expect_json "$(printf '[%s,%s,%s]' "$P1" "$P2" "$OUT")" "a=[x['id'] for x in j[0]['results']+j[1]['results']]; b=[x['id'] for x in j[2]['results']]; assert a==b, (a,b)" "offset/limit pages agree"

# Sorting by date.
expect_exit 0 "sort by date" -- "$NEWSQUERY" --db "$DB" --json --limit 20 --sort date "Daten"
expect_json "$OUT" "d=[x['date'] for x in j['results'] if x['date']]; assert d==sorted(d, reverse=True), d" "newest first"

# Batch mode: JSON lines and TREC.
printf 'q1\tÜbernahme Oracle\nq2\tBahn-Streik\nDatenschutz\n' >"$WORK/queries.tsv"
expect_exit 0 "batch JSON" -- "$NEWSQUERY" --db "$DB" --queries "$WORK/queries.tsv"
expect_json "[$(echo "$OUT" | paste -sd,)]" "assert [x['query_id'] for x in j]==['q1','q2','3'] and all(x['results'] for x in j)" "one JSON line per query with query_id"
expect_exit 0 "batch TREC" -- "$NEWSQUERY" --db "$DB" --queries "$WORK/queries.tsv" --trec myrun
LINE1=$(echo "$OUT" | head -n 1)
if [[ "$LINE1" =~ ^q1\ Q0\ sample-[0-9]+\ 1\ [0-9.]+\ myrun$ ]]; then pass "TREC line format"; else fail "TREC line format: $LINE1"; fi

# Delete.
expect_exit 0 "delete" -- "$NEWSINDEX" delete --db "$DB" sample-001
expect_exit 0 "stats after delete" -- "$NEWSINDEX" stats --db "$DB" --json
expect_json "$OUT" "assert j['articles']==$N-1" "one article fewer"
expect_exit 0 "deleted article gone" -- "$NEWSQUERY" --db "$DB" --json --limit 100 "Oracle"
expect_json "$OUT" "assert 'sample-001' not in [x['id'] for x in j['results']]" "deleted article not found"
expect_exit 3 "delete unknown id" -- "$NEWSINDEX" delete --db "$DB" no-such-id
expect_contains "$ERR" "no-such-id" "names the missing id"
finish
