#!/usr/bin/env bash
# Dates keep the zone the source gave (issue 14): stored and returned with their offset, while the
# date key, the Y/M/D terms, --since/--until, date sorting and day facets work from the UTC
# instant. An article at 00:30+02:00 on the 27th is the 26th in UTC: filters and facets file it
# under the 26th, the result line shows the 27th as the source wrote it.
. "$(dirname "$0")/lib.sh"
DB="$WORK/db"
export NEWSQUERY_TODAY=2026-11-30
cat >"$WORK/dates.jsonl" <<'EOF'
{"id":"z-night","title":"Nachtsitzung im Stadtrat","body":"Der Stadtrat tagte bis in die Nacht über den Haushalt.","date":"2026-11-27T00:30:00+02:00"}
{"id":"z-newyork","title":"Stadtrat in New York","body":"Der Stadtrat von New York berät über neue Radwege.","date":"Fri, 27 Nov 2026 08:45:00 -0500"}
{"id":"z-utc","title":"Stadtrat vertagt Beschluss","body":"Der Stadtrat hat den Beschluss über die Bäder vertagt.","date":"2026-11-26T12:00:00Z"}
{"id":"z-gmt","title":"Stadtrat in London","body":"Der Stadtrat von London berät über die Busse.","date":"Thu, 26 Nov 2026 06:00:00 GMT"}
{"id":"z-day","title":"Stadtrat ehrt Ehrenamtliche","body":"Der Stadtrat hat zwanzig Ehrenamtliche geehrt.","date":"2026-11-26"}
EOF
expect_exit 0 "index articles with offsets" -- "$NEWSINDEX" add --db "$DB" "$WORK/dates.jsonl"
Q() { "$NEWSQUERY" --db "$DB" "$@"; }
dates() { python3 -c "import json,sys; print(' '.join(r['id'] + '=' + r['date'] for r in json.load(sys.stdin)['results']))"; }
ids() { python3 -c "import json,sys; print(' '.join(r['id'] for r in json.load(sys.stdin)['results']))"; }

expect_exit 0 "newest first" -- Q --json --sort date Stadtrat
expect_json "$OUT" 'got = {r["id"]: r["date"] for r in j["results"]}
assert got == {"z-night": "2026-11-27T00:30:00+02:00", "z-newyork": "2026-11-27T08:45:00-05:00",
               "z-utc": "2026-11-26T12:00:00Z", "z-gmt": "2026-11-26T06:00:00Z", "z-day": "2026-11-26"}, got' \
  "stored dates keep the offset as given (Z for UTC/GMT, RFC 822 -0500 as -05:00)"
expect_json "$OUT" 'assert [r["id"] for r in j["results"]] == ["z-newyork", "z-night", "z-utc", "z-gmt", "z-day"], j["results"]' \
  "--sort date orders by the instant (13:45Z on the 27th, 22:30Z and 12:00Z and 06:00Z on the 26th, the 26th)"

expect_exit 0 "--since the 27th" -- Q --json --since 2026-11-27 Stadtrat
expect_json "$OUT" 'assert sorted(r["id"] for r in j["results"]) == ["z-newyork"], j["results"]' \
  "--since 2026-11-27 leaves out 00:30+02:00 on the 27th (22:30 UTC on the 26th)"
expect_exit 0 "--until the 26th" -- Q --json --until 2026-11-26 Stadtrat
expect_json "$OUT" 'assert sorted(r["id"] for r in j["results"]) == ["z-day", "z-gmt", "z-night", "z-utc"], j["results"]' \
  "--until 2026-11-26 takes 00:30+02:00 on the 27th (the 26th in UTC)"
expect_exit 0 "datum: the 27th" -- Q --json "Stadtrat datum:2026-11-27"
expect_json "$OUT" 'assert sorted(r["id"] for r in j["results"]) == ["z-newyork"], j["results"]' "datum: day filter by UTC day"
expect_exit 0 "--since between the two clocks of one article" -- Q --json --since 2026-11-26 --until 2026-11-26 Nachtsitzung
expect_json "$OUT" 'assert [r["id"] for r in j["results"]] == ["z-night"], j["results"]' "the UTC day is the one that filters"

expect_exit 0 "day facets" -- Q --json --facets day,month,year Stadtrat
expect_json "$OUT" 'assert j["facets"]["day"] == {"2026-11-26": 4, "2026-11-27": 1}, j["facets"]
assert j["facets"]["month"] == {"2026-11": 5} and j["facets"]["year"] == {"2026": 5}, j["facets"]' \
  "day facets count the UTC day, like the filters"

expect_exit 0 "result line" -- Q --limit 1 Nachtsitzung
expect_contains "$OUT" "2026-11-27" "the result line shows the day as the source gave it (local to its offset)"
expect_not_contains "$OUT" "2026-11-26" "not the UTC day"

# Re-adding the article with the date as earlier versions stored it (converted to UTC) gives the
# same key: its place in date order and in filters does not move.
printf '%s\n' '{"id":"z-night","title":"Nachtsitzung im Stadtrat","body":"Der Stadtrat tagte bis in die Nacht über den Haushalt.","date":"2026-11-26T22:30:00Z"}' >"$WORK/old.jsonl"
expect_exit 0 "re-add with the UTC form" -- "$NEWSINDEX" add --db "$DB" "$WORK/old.jsonl"
expect_exit 0 "same order" -- Q --json --sort date Stadtrat
expect_json "$OUT" 'assert [r["id"] for r in j["results"]] == ["z-newyork", "z-night", "z-utc", "z-gmt", "z-day"], j["results"]
assert j["results"][1]["date"] == "2026-11-26T22:30:00Z", j["results"][1]' "the UTC form of the same instant sorts the same"
expect_exit 0 "--until the 26th again" -- Q --json --until 2026-11-26 Stadtrat
expect_json "$OUT" 'assert sorted(r["id"] for r in j["results"]) == ["z-day", "z-gmt", "z-night", "z-utc"], j["results"]' \
  "and filters the same"

# newsserve's timeline: the same UTC days as the day facet.
if [ -n "${NEWSSERVE:-}" ] && [ -x "$NEWSSERVE" ]; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$NEWSSERVE" --listen "127.0.0.1:$PORT" --db "$DB" 2>>"$WORK/server.log" &
  SERVER_PID=$!
  trap 'kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 100); do
    python3 "$(dirname "$0")/http_get.py" "$PORT" GET /api/stats >/dev/null 2>&1 && break
    sleep 0.1
  done
  python3 "$(dirname "$0")/http_get.py" "$PORT" GET "/api/timeline?q=Stadtrat&interval=day" >"$WORK/resp" 2>&1
  expect_json "$(sed '1,/^$/d' "$WORK/resp")" 'got = {b["key"]: b["count"] for b in j["buckets"]}
assert j["interval"] == "day" and got == {"2026-11-26": 4, "2026-11-27": 1}, j' "newsserve timeline by UTC day"
  kill "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
else
  fail "NEWSSERVE not set"
fi

# newsindex extract: the page's offset and its publisher.
cat >"$WORK/page.html" <<'EOF'
<html><head><meta property="og:site_name" content="Elbpost">
<meta property="article:published_time" content="2026-11-27T00:30:00+02:00"><title>Nachtsitzung</title></head>
<body><article><h1>Nachtsitzung im Stadtrat</h1><p>Der Stadtrat tagte bis in die Nacht über den Haushalt der Stadt,
der erst nach langer Debatte beschlossen wurde.</p></article></body></html>
EOF
expect_exit 0 "extract a page with an offset and og:site_name" -- "$NEWSINDEX" extract "$WORK/page.html"
expect_json "$OUT" 'assert j["date"] == "2026-11-27T00:30:00+02:00" and j["publisher"] == "Elbpost", j' \
  "extract prints the date with its offset and the publisher"
finish
