#!/usr/bin/env bash
# Term proximity (sequential dependence, term_scheme.h kOrderedPair / kUnorderedPair): a plain query
# made of a band's or a party's name ranks the article with the whole name above articles that
# only repeat its content words apart from each other. Fixture articles are our own, written here.
. "$(dirname "$0")/lib.sh"
DB="$WORK/db"
python3 - "$WORK/articles.jsonl" <<'PY'
import json, sys
articles = [
    ("band", "Konzert in Düsseldorf",
     "Die Toten Hosen spielten am Samstag vor ausverkauftem Haus in Düsseldorf. Nach dem Konzert "
     "feierten die Fans noch lange vor der Halle."),
    ("trousers", "Modehändler nach dem Hochwasser",
     "Nach dem Hochwasser mit drei Toten verteilte ein Modehändler Hosen. Hosen für Kinder und "
     "Hosen für Erwachsene kamen an."),
    ("party", "Parteitag in Erfurt",
     "Die Linke wählte am Wochenende in Erfurt eine neue Spitze. Die Delegierten stimmten mit "
     "großer Mehrheit für die Kandidatin."),
    ("left", "Abbiegen ohne Blinker",
     "Wer nach links abbiegt, muss blinken. Die Polizei kontrollierte an der Kreuzung, wer links "
     "ohne Blinker abbog; links und rechts standen Beamte. Die Bilanz: zwanzig Verwarnungen."),
    ("filler1", "Wetter", "Am Wochenende wird es regnerisch, im Süden kann es gewittern."),
    ("filler2", "Verkehr", "Die Autobahn war wegen einer Baustelle stundenlang gesperrt."),
    ("filler3", "Schule", "Die Schulen öffnen nach den Ferien wieder mit vollen Klassen."),
    ("filler4", "Bahn", "Die Bahn meldet Verspätungen im Fernverkehr nach einem Sturm."),
]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for id_, title, body in articles:
        f.write(json.dumps({"id": id_, "title": title, "body": body, "date": "2026-11-20"}, ensure_ascii=False) + "\n")
PY
expect_exit 0 "index the fixture articles" -- "$NEWSINDEX" add --db "$DB" "$WORK/articles.jsonl"

first_ids() { python3 -c "import json,sys; print(' '.join(r['id'] for r in json.load(sys.stdin)['results']))"; }

expect_exit 0 "query: Die Toten Hosen" -- "$NEWSQUERY" --db "$DB" --json "Die Toten Hosen"
IDS=$(first_ids <<<"$OUT")
expect_contains "$IDS" "trousers" "the article repeating Toten and Hosen apart still matches"
if [[ "$IDS" == band* ]]; then pass "Die Toten Hosen: the band ranks first ($IDS)"; else
  fail "Die Toten Hosen: wanted band first, got [$IDS]"; fi

# The same words joined by OR are not adjacent plain words, so they get no pairs: the article that
# says "Hosen" three times wins there. That is what proximity changes.
expect_exit 0 "query without pairs: Toten OR Hosen" -- "$NEWSQUERY" --db "$DB" --json "Toten OR Hosen"
IDS=$(first_ids <<<"$OUT")
if [[ "$IDS" == trousers* ]]; then pass "Toten OR Hosen (no pairs): the repeated word wins ($IDS)"; else
  fail "Toten OR Hosen: wanted trousers first without pairs, got [$IDS]"; fi

expect_exit 0 "explain shows the pair" -- "$NEWSQUERY" --db "$DB" --explain "Die Toten Hosen"
expect_contains "$OUT" "ordered pair" "--explain lists the ordered pair"

expect_exit 0 "query in another order: Hosen Toten" -- "$NEWSQUERY" --db "$DB" --json "Hosen Toten"
IDS=$(first_ids <<<"$OUT")
expect_contains "$IDS" "band" "the reversed words still find the band (unordered pair)"

finish
