#!/usr/bin/env bash
# `newsindex extract`: the articles add would index, as JSON Lines, without a database; the kinds
# of issue 14 end to end on our fixtures (tests/data/extract, tests/data/readers).
source "$(dirname "$0")/lib.sh"
X="$SOURCE_DIR/tests/data/extract"
R="$SOURCE_DIR/tests/data/readers"

expect_exit 0 "extract an HTML page" -- "$NEWSINDEX" extract "$X/teasers.html"
expect_json "$OUT" 'assert j["title"] == "Neue Fähre verbindet die Halligen", j
assert j["id"] == j["url"] == "https://www.kuestenbote.de/region/neue-faehre", j
assert j["date"] == "2026-05-12T09:15:00+02:00" and j["source"] == "kuestenbote.de" and j["lang"] == "de", j
assert j["body"].startswith("Husum – Seit Montag") and j["body"].endswith("Land und Kreis gemeinsam."), j["body"]
for gone in ("Deichbau", "Hafenfest", "Meistgelesen", "Cookies", "Lesezeit", "Jana Petersen", "Newsletter"):
    assert gone not in j["body"], gone' "teaser cards, sidebar, byline, reading time, notices dropped"
[ ! -e "$NEWSINDEX_DB" ] && pass "extract touches no database" || fail "extract created $NEWSINDEX_DB"

expect_exit 0 "JSON-LD page" -- "$NEWSINDEX" extract "$X/jsonld.html"
expect_json "$OUT" 'assert j["title"] == "Stadtwerke senken Preise" and j["date"] == "2026-03-01T00:30:00+01:00", j
assert j["author"] == "Lena Vogt, Tim Berger" and j["publisher"] == "Mainecho", j' \
  "og:title without the publisher name; JSON-LD datePublished (offset kept) wins over meta date and <time>; publisher"

expect_exit 0 "feeds: CDATA-wrapped HTML, feedburner:origLink, dc:date, Atom 0.3" -- \
  "$NEWSINDEX" extract "$X/cdata_feedburner.rss" "$X/atom03.atom"
expect_json "$(echo "$OUT" | python3 -c 'import sys,json; print(json.dumps([json.loads(l) for l in sys.stdin]))')" '
assert len(j) == 6, len(j)
assert all("<" not in a["body"] and "CDATA" not in a["body"] for a in j), [a["body"] for a in j]
assert j[0]["url"] == "https://www.harzblatt.de/region/brockenbahn-faehrt-wieder" and j[0]["source"] == "harzblatt.de", j[0]
assert j[1]["date"] == "2026-05-03T18:30:00+02:00" and j[1]["url"].startswith("https://www.harzblatt.de/"), j[1]
assert j[2]["url"] == "https://www.harzblatt.de/freizeit/wanderkarte", j[2]
assert [a["date"] for a in j[3:]] == ["2026-04-20T10:15:00+02:00", "2026-04-19T07:45:00+02:00", "2026-04-18T09:00:00Z"], j[3:]' \
  "feed kinds come out as text with their dates and original urls"

expect_exit 0 "relative canonical" -- "$NEWSINDEX" extract "$X/relative_canonical.html"
expect_contains "$OUT" '"url":"https://www.elbpost.de/lokales/schwimmbad-oeffnet"' "root-relative canonical resolved against og:url"
expect_exit 0 "bare canonical: a warning, the article kept" -- "$NEWSINDEX" extract "$X/bare_canonical.html"
expect_contains "$ERR" "warning: $X/bare_canonical.html: canonical URL \"/lokales/markt-zieht-um\" is a bare path" "bare path named in a warning"
expect_exit 0 "tiny body: a warning" -- "$NEWSINDEX" extract "$X/tiny_body.html"
expect_contains "$ERR" "only 27 characters of article text extracted from a page with 5 paragraphs" "tiny body warned about"

# WARC: a root-relative canonical resolves against the record's target URI.
python3 - "$WORK/c.warc" <<'PY'
import sys
html = ("<html><head><link rel=canonical href='/kultur/bibliothek'></head><body><article><p>Die Stadtbibliothek "
        "verlängert ihre Öffnungszeiten am Samstag bis achtzehn Uhr, auch im Sommer.</p></article></body></html>")
http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html).encode()
head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.elbpost.de/kultur/bibliothek?utm_source=x\r\n"
        "WARC-Date: 2026-05-01T10:00:00Z\r\nContent-Length: %d\r\n\r\n" % len(http)).encode()
open(sys.argv[1], "wb").write(head + http + b"\r\n\r\n")
PY
expect_exit 0 "WARC record with a relative canonical" -- "$NEWSINDEX" extract "$WORK/c.warc"
expect_contains "$OUT" '"url":"https://www.elbpost.de/kultur/bibliothek"' "relative canonical resolved against the WARC target URI"

# The existing reader fixtures: the same articles, problems and exit code as add.
expect_exit 3 "readers' fixtures: problems reported, exit 3 as add" -- "$NEWSINDEX" extract "$R/feed.rss" "$R/broken.csv" "$R/crawl.warc.gz"
expect_contains "$ERR" "feed.rss:25: feed item without text" "feed problem with file:line"
expect_contains "$ERR" "broken.csv:3: expected 3 fields, found 4" "CSV problem with file:line"
expect_contains "$ERR" "extracted 6 articles, skipped 4, warnings 1" "summary line"
[ "$(echo "$OUT" | wc -l)" -eq 6 ] && pass "one JSON line per article" || fail "wanted 6 lines: $OUT"
expect_exit 3 "missing file" -- "$NEWSINDEX" extract "$WORK/nope.html"
expect_contains "$ERR" "nope.html: no such file or folder" "missing file named"
printf '<html><body><p>Ein Text von der Standardeingabe, gelesen wie jede Seite.</p></body></html>' >"$WORK/stdin.html"
expect_exit 0 "stdin" -- bash -c "\"$NEWSINDEX\" extract - <\"$WORK/stdin.html\""
expect_contains "$OUT" "Standardeingabe" "stdin sniffed as HTML"
finish
