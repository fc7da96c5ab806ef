#!/usr/bin/env bash
# Every input format through the real `newsindex add` (by name, forced, and sniffed on stdin),
# searched with `newsquery --json`; broken inputs reported with file:line and exit 3.
. "$(dirname "$0")/lib.sh"
FIX="$SOURCE_DIR/tests/data/readers"
DB="$WORK/db"

# ids of the results of a query, comma-separated, in rank order
ids() { python3 -c "import json,sys; print(','.join(r['id'] for r in json.load(sys.stdin)['results']))"; }

expect_exit 0 "CSV with header" -- "$NEWSINDEX" add --db "$DB" "$FIX/articles.csv"
expect_contains "$ERR" "articles.csv:6: date \"irgendwann im Herbst\" not understood" "unparsable date is a warning with file:line"
expect_contains "$ERR" "indexed 3 articles" "three CSV articles"
expect_exit 0 "CSV article searchable" -- "$NEWSQUERY" --db "$DB" --json Fernwärme
expect_json "$OUT" "r=j['results'][0]; assert r['id']=='csv-1' and r['source']=='rheinkurier.de' and r['date']=='2026-11-20T08:15:00+01:00', r" \
  "CSV fields, source from the URL, date normalised"

expect_exit 0 "10kGNAD-style CSV: --csv-columns, --csv-quote" -- "$NEWSINDEX" add --db "$DB" --format csv \
  --csv-columns category,body --csv-quote "'" "$FIX/gnad_style.csv"
expect_contains "$ERR" "indexed 3 articles" "three headerless CSV rows"
expect_exit 0 "headerless CSV searchable by category" -- "$NEWSQUERY" --db "$DB" --json "kategorie:Sport Tor"
expect_json "$OUT" "assert j['total']==1 and 'Nachspielzeit' in j['results'][0]['snippet'], j" "category column mapped"

printf 'nr|ueberschrift|inhalt\n9|Neuer Wochenmarkt|Der Wochenmarkt am Rathaus öffnet künftig auch samstags.\n' >"$WORK/mapped.csv"
expect_exit 0 "--map and --csv-delimiter" -- "$NEWSINDEX" add --db "$DB" --map id=nr,title=ueberschrift,body=inhalt \
  --csv-delimiter '|' "$WORK/mapped.csv"
expect_exit 0 "mapped CSV searchable" -- "$NEWSQUERY" --db "$DB" --json "titel:Wochenmarkt"
expect_json "$OUT" "assert [r['id'] for r in j['results']]==['9'], j" "mapped id and title"
expect_exit 2 "--map with an unknown field is a usage error" -- "$NEWSINDEX" add --db "$DB" --map autor=x "$WORK/mapped.csv"
expect_contains "$ERR" "unknown field \"autor\"" "names the bad field"
expect_exit 2 "unknown --format lists the known ones" -- "$NEWSINDEX" add --db "$DB" --format pdf "$WORK/mapped.csv"
expect_contains "$ERR" "warc" "lists the formats"

expect_exit 3 "RSS: the item without text is skipped" -- "$NEWSINDEX" add --db "$DB" "$FIX/feed.rss"
expect_contains "$ERR" "feed.rss:25: feed item without text" "file:line of the empty item"
expect_exit 0 "RSS item searchable" -- "$NEWSQUERY" --db "$DB" --json "Deich"
expect_json "$OUT" "r=j['results'][0]; assert r['id']=='elbpost-4711' and 'RSS Feed' not in r['snippet'], r" "RSS item without its footer"
expect_exit 0 "syndication footer not indexed" -- "$NEWSQUERY" --db "$DB" --json '"öffentlicher RSS Feed"'
expect_json "$OUT" "assert j['total']==0, j" "footer text is not searchable"

expect_exit 0 "Atom feed" -- "$NEWSINDEX" add --db "$DB" "$FIX/feed.atom"
expect_exit 0 "Atom entry searchable" -- "$NEWSQUERY" --db "$DB" --json Tarifeinigung
expect_json "$OUT" "assert j['results'][0]['url']=='https://www.rheinkurier.de/wirtschaft/tarifeinigung', j" "Atom alternate link"

expect_exit 0 "HTML page" -- "$NEWSINDEX" add --db "$DB" "$FIX/article.html"
expect_exit 0 "HTML article searchable" -- "$NEWSQUERY" --db "$DB" --json Stahlträger
expect_json "$OUT" "r=j['results'][0]; assert r['title']=='Brückensanierung dauert länger als geplant' and r['date']=='2026-11-24T16:05:00+01:00', r" \
  "HTML title and date from meta tags"
for word in Meistgelesen Impressum Suchen Bildunterschrift tracking; do
  expect_exit 0 "page furniture '$word' not indexed" -- "$NEWSQUERY" --db "$DB" --json "$word"
  expect_json "$OUT" "assert j['total']==0, j" "no hit for '$word'"
done

expect_exit 0 "plain text" -- "$NEWSINDEX" add --db "$DB" "$FIX/article.txt" "$FIX/english.txt"
expect_exit 0 "WARC (gzip members)" -- "$NEWSINDEX" add --db "$DB" "$FIX/crawl.warc.gz"
expect_contains "$ERR" "7 WARC records, 2 articles; not articles: 1 metadata, 1 non-2xx responses, 1 non-HTML responses, 1 request, 1 warcinfo" \
  "one summary line for the skipped records"
expect_exit 0 "WARC article searchable" -- "$NEWSQUERY" --db "$DB" --json "Baumschutzsatzung"
expect_json "$OUT" "assert j['results'][0]['url']=='https://www.elbpost.de/lokales/baumschutz', j" "url from WARC-Target-URI"
expect_exit 0 "Latin-1 page from the WARC" -- "$NEWSQUERY" --db "$DB" --json "Kindertagesstätte"
expect_json "$OUT" "assert j['total']==1, j" "charset converted"

# Agency and language as stored fields and index terms.
expect_exit 0 "stats" -- "$NEWSINDEX" stats --db "$DB" --json
expect_json "$OUT" "assert j['articles']==16, j" "every article of every format indexed once"
if command -v delve >/dev/null 2>&1 || command -v xapian-delve >/dev/null 2>&1; then
  DELVE=$(command -v xapian-delve || command -v delve)
  expect_exit 0 "agency terms in the index" -- "$DELVE" -a "$DB"
  expect_contains "$OUT" "XAGdpa" "XAGdpa term"
  expect_contains "$OUT" "XAGafp" "XAGafp term"
  expect_contains "$OUT" "XAGapa" "XAGapa term"
  expect_contains "$OUT" "XAGkna" "XAGkna term"
  expect_contains "$OUT" "XAGepd" "XAGepd term"
  expect_contains "$OUT" "Lde" "Lde term"
  expect_contains "$OUT" "Len" "Len term"
else
  echo "skip - xapian-delve not installed: term checks"
fi

# stdin: the format is sniffed from the first bytes.
SDB="$WORK/stdin-db"
for f in article.html feed.atom crawl.warc.gz article.txt; do
  expect_exit 0 "stdin, sniffed: $f" -- "$NEWSINDEX" add --db "$SDB" - <"$FIX/$f"
done
expect_exit 0 "JSONL on stdin" -- "$NEWSINDEX" add --db "$SDB" - <"$SAMPLE"
expect_exit 0 "stdin articles searchable" -- "$NEWSQUERY" --db "$SDB" --json "Stahlträger OR Tarifeinigung OR Baumschutzsatzung OR Elektrobusse"
expect_json "$OUT" "t={r['title'] for r in j['results']}; assert {'Brückensanierung dauert länger als geplant','Tarifeinigung im Nahverkehr','Stadtrat beschließt Baumschutzsatzung','Landkreis stellt neue Busse in Dienst'} <= t, t" \
  "four sniffed inputs found"
expect_exit 0 "forced format on stdin" -- "$NEWSINDEX" add --db "$SDB" --format csv --csv-columns category,body --csv-quote "'" - <"$FIX/gnad_style.csv"
expect_contains "$ERR" "indexed 3 articles" "forced CSV on stdin"

# Broken inputs: reported with file:line, the rest indexed, exit 3.
BDB="$WORK/broken-db"
expect_exit 3 "broken CSV" -- "$NEWSINDEX" add --db "$BDB" "$FIX/broken.csv"
expect_contains "$ERR" "broken.csv:3: expected 3 fields, found 4" "wrong field count with line"
expect_contains "$ERR" "broken.csv:5: unterminated quoted field" "unterminated quote with line"
expect_contains "$ERR" "indexed 2 articles" "good rows around the bad ones indexed"
expect_exit 3 "malformed XML" -- "$NEWSINDEX" add --db "$BDB" "$FIX/malformed.rss"
expect_contains "$ERR" "malformed.rss:14: malformed XML" "XML error with line"
expect_exit 0 "entity bomb does not blow up" -- timeout 20 "$NEWSINDEX" add --db "$BDB" "$FIX/entity_bomb.rss"
python3 -c "import sys; d=open(sys.argv[1],'rb').read(); sys.stdout.buffer.write(d[:d.index(b'Stadtrat hat am')])" "$FIX/crawl.warc" >"$WORK/truncated.warc"
expect_exit 3 "truncated WARC" -- "$NEWSINDEX" add --db "$BDB" "$WORK/truncated.warc"
expect_contains "$ERR" "truncated.warc:record 3: truncated record" "truncated record named"
head -c 4096 /dev/urandom >"$WORK/garbage.bin"
expect_exit 3 "binary garbage" -- "$NEWSINDEX" add --db "$BDB" "$WORK/garbage.bin"
expect_contains "$ERR" "cannot tell the input format" "says why"
printf 'Titel\nKaputtes Byte \xff im Text, aber der Rest des Artikels ist lesbar.\n' >"$WORK/bad-utf8.txt"
expect_exit 0 "invalid UTF-8 repaired" -- "$NEWSINDEX" add --db "$BDB" "$WORK/bad-utf8.txt"
expect_contains "$ERR" "warning: $WORK/bad-utf8.txt: 1 invalid UTF-8 sequence(s) replaced" "repair is a warning"
finish
