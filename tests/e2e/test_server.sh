#!/usr/bin/env bash
# newsserve end to end: started on a free loopback port over the sample index, every endpoint,
# the error shapes, the write token, searches seeing a write without a restart, the writer's lock,
# and hostile requests (huge query, bad UTF-8, script in the query, path traversal, a 10,000-
# character facet list) answered without a crash and without an unescaped echo.
. "$(dirname "$0")/lib.sh"
: "${NEWSSERVE:?set by CTest}"
HTTP="python3 $(dirname "$0")/http_get.py"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export NEWSQUERY_TODAY=2026-11-27

expect_exit 0 "sample index" -- "$NEWSINDEX" add --db "$WORK/db" "$SAMPLE"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_server() {  # ARGS... -> PORT, SERVER_PID; waits until it answers
  PORT=$(free_port)
  "$NEWSSERVE" --listen "127.0.0.1:$PORT" "$@" 2>>"$WORK/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    $HTTP "$PORT" GET /api/stats >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
alive() { if kill -0 "$SERVER_PID" 2>/dev/null; then pass "server still running after $1"; else fail "server died after $1"; fi; }

# req METHOD TARGET [BODY_FILE] [TOKEN] [CONTENT_TYPE] -> STATUS, HEADERS, BODY
req() {
  $HTTP "$PORT" "$1" "$2" "${3:--}" "${4:-}" ${5:+"$5"} >"$WORK/resp" 2>"$WORK/resp.err"
  STATUS=$(head -n 1 "$WORK/resp")
  HEADERS=$(sed -n '2,/^$/p' "$WORK/resp")
  BODY=$(sed '1,/^$/d' "$WORK/resp")
}
expect_status() {  # WANT DESCRIPTION
  if [ "$STATUS" = "$1" ]; then pass "$2 (HTTP $STATUS)"; else fail "$2: HTTP $STATUS, wanted $1: ${BODY:0:300} $(cat "$WORK/resp.err")"; fi
}

start_server --db "$WORK/db" --write-token s3cret || { fail "newsserve did not start: $(cat "$WORK/server.log")"; finish; exit 1; }
pass "newsserve listens on 127.0.0.1:$PORT"

# --- the page and its files ---
req GET /
expect_status 200 "search page"
expect_contains "$BODY" '<html lang="de">' "page is German"
expect_contains "$BODY" 'for="q"' "search box has a label"
expect_contains "$HEADERS" "Content-Security-Policy: default-src 'none'; script-src 'self'" "CSP header"
expect_contains "$HEADERS" "X-Content-Type-Options: nosniff" "nosniff header"
expect_not_contains "$BODY" "http://" "page loads nothing from elsewhere (no http:// URL)"
expect_not_contains "$BODY" "https://" "page loads nothing from elsewhere (no https:// URL)"
req GET /app.js;  expect_status 200 "app.js"
expect_contains "$HEADERS" "text/javascript" "app.js content type"
req GET /app.css; expect_status 200 "app.css"
req GET /api/openapi.json; expect_status 200 "OpenAPI description"
expect_json "$BODY" "assert j['openapi'].startswith('3'); assert all(p in j['paths'] for p in ['/api/search','/api/articles/{id}','/api/stats','/api/suggest','/api/timeline','/api/articles'])" "OpenAPI lists every endpoint"

# --- search: the newsquery --json shape, every parameter ---
req GET "/api/search?q=%C3%9Cbernahme%20Oracle&limit=2"
expect_status 200 "search"
CLI=$("$NEWSQUERY" --db "$WORK/db" --json --limit 2 "Übernahme Oracle")
python3 - "$CLI" "$BODY" <<'PY' && pass "search answers exactly what newsquery --json prints" || fail "search differs from newsquery --json"
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert a == b, (a, b)
PY
req GET "/api/search?q=Berlin&limit=3&offset=3&sort=date&facets=source,category,agency,year,month&collapse=false&synonyms=false&explain=true&snippets=true"
expect_status 200 "search with paging, sort, facets, explain"
expect_json "$BODY" "assert len(j['results'])==3 and j['results'][0]['rank']==4; assert set(j['facets'])=={'source','category','agency','year','month'}; assert 'explain' in j; d=[r['date'] for r in j['results']]; assert d==sorted(d,reverse=True)" "paging, facets, explain and date order"
req GET "/api/search?q=Streik&since=2025-03-01&until=2025-03-31&recency=7d&recency_weight=2"
expect_status 200 "search with dates and recency"
expect_json "$BODY" "assert j['results'] and all(r['date'].startswith('2025-03') for r in j['results'])" "date window applied"
req GET "/api/search?like=sample-030&limit=3"
expect_status 200 "related articles"
expect_json "$BODY" "assert j['results'] and all(r['id']!='sample-030' for r in j['results'])" "like excludes the article itself"
req GET "/api/search?q=Bundesgerihct"
expect_json "$BODY" "assert j['suggestion']=='Bundesgericht', j['suggestion']" "Meinten Sie"

# --- errors: JSON with status and the CLI's message ---
req GET "/api/search?q=Streik&since=gestern-vielleicht"
expect_status 400 "bad since"
CLI_ERR=$("$NEWSQUERY" --db "$WORK/db" --since gestern-vielleicht Streik 2>&1 >/dev/null | sed 's/^newsquery: --//')
expect_json "$BODY" "assert j['error']['status']==400; assert j['error']['message']==$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$CLI_ERR")" "error message is the CLI's (without the --)"
req GET "/api/search?q=Streik&facets=source,bogus"; expect_status 400 "unknown facet"
expect_contains "$BODY" "unknown facet" "facet error names the problem"
req GET "/api/search?q=Streik&sort=random"; expect_status 400 "unknown sort"
req GET "/api/search?q=Streik&limit=100000"; expect_status 400 "page size over the limit"
expect_contains "$BODY" "limit" "page size error names the parameter"
req GET "/api/search?q=Streik&limit=abc"; expect_status 400 "page size not a number"
req GET "/api/search"; expect_status 400 "no query"
req GET "/api/search?q=%21%21%21"; expect_status 400 "nothing to search for"
expect_json "$BODY" "assert j['error']['message']=='the query \"!!!\" has nothing to search for'" "the CLI's message for an empty query"
req GET /api/nothing; expect_status 404 "unknown path"
expect_json "$BODY" "assert j['error']['status']==404" "404 is JSON"

# --- articles, stats, suggest, timeline ---
req GET /api/articles/sample-001; expect_status 200 "article by id"
expect_json "$BODY" "assert j['id']=='sample-001' and 'Oracle' in j['title'] and j['body']" "article fields"
req GET /api/articles/nope-999; expect_status 404 "missing article"
expect_contains "$BODY" 'no article with id \"nope-999\"' "404 names the id"
req GET /api/stats; expect_status 200 "stats"
expect_json "$BODY" "assert j['articles']==60" "stats count the articles"
req GET "/api/suggest?q=Klimaschu"; expect_status 200 "suggest"
expect_json "$BODY" "w=[c['word'] for c in j['completions']]; assert 'Klimaschutz' in w and 'Klimaschutzgesetz' in w, w" "Klimaschu → Klimaschutz, Klimaschutzgesetz"
req GET "/api/suggest?q=Streik%20Bah"
expect_json "$BODY" "assert all(c['query'].startswith('Streik ') for c in j['completions']) and j['completions'], j" "completion keeps the earlier words"
req GET "/api/search?q=Berlin&limit=0&facets=month"
printf '%s' "$BODY" >"$WORK/months.json"
req GET "/api/timeline?q=Berlin"; expect_status 200 "timeline"
expect_json "$BODY" "m=json.load(open('$WORK/months.json')); assert j['interval']=='month', j['interval']; assert sum(b['count'] for b in j['buckets'])==sum(m['facets']['month'].values()); assert {b['key']:b['count'] for b in j['buckets'] if b['count']}==m['facets']['month']" "timeline by month counts what the month facet counts"
req GET "/api/timeline?q=Berlin&interval=year"
expect_json "$BODY" "assert j['interval']=='year' and [b['key'] for b in j['buckets']]==['2025','2026']" "timeline by year"
req GET "/api/timeline?q=Berlin&interval=hourly"; expect_status 400 "bad interval"

# --- writing: token, POST, reopen, DELETE, lock ---
printf '%s\n' '{"id":"srv-1","title":"Zeppelinwerft meldet Rekordauftrag","body":"Die Zeppelinwerft am Bodensee hat einen Rekordauftrag erhalten.","date":"2026-11-20","source":"seeblatt.de"}' \
  'kein JSON' '{"id":"srv-2","title":"Ohne Text"}' >"$WORK/new.jsonl"
req POST /api/articles "$WORK/new.jsonl"; expect_status 401 "POST without token"
req POST /api/articles "$WORK/new.jsonl" wrong; expect_status 403 "POST with a wrong token"
req GET "/api/search?q=Zeppelinwerft"
expect_json "$BODY" "assert j['total']==0" "not there before the write"
req POST /api/articles "$WORK/new.jsonl" s3cret; expect_status 200 "POST with the token"
expect_json "$BODY" "assert j['added']==1 and j['skipped']==2 and j['articles']==61; m=[p['where']+': '+p['message'] for p in j['problems']]; assert m==['request body:2: malformed JSON','request body:3: missing body (fields body, text or content)'], m" "counts and problems as newsindex add reports them"
req GET "/api/search?q=Zeppelinwerft"
expect_json "$BODY" "assert j['total']==1 and j['results'][0]['id']=='srv-1'" "search sees the new article without a restart"
expect_exit 4 "a second writer gets the lock error" -- "$NEWSINDEX" add --db "$WORK/db" "$WORK/new.jsonl"
expect_contains "$ERR" "lock" "lock message"
req POST /api/articles "$SAMPLE" s3cret application/x-www-form-urlencoded
expect_status 200 "the whole sample (> 8 KB) POSTed as curl --data-binary sends it (form content type)"
expect_json "$BODY" "assert j['replaced']==60 and j['skipped']==0, j" "re-adding the sample replaces all 60"
printf '%s\n' '{"title":"Ohne Kennung","body":"Ein Artikel, dessen Identität seine Adresse ist.","url":"https://seeblatt.de/a/b?c=1"}' >"$WORK/url.jsonl"
req POST /api/articles "$WORK/url.jsonl" s3cret; expect_status 200 "article identified by its URL"
req GET "/api/articles/https%3A%2F%2Fseeblatt.de%2Fa%2Fb%3Fc%3D1"; expect_status 200 "GET by a URL id (slashes encoded)"
expect_json "$BODY" "assert j['url']=='https://seeblatt.de/a/b?c=1'" "the URL-identified article"
req DELETE "/api/articles/https%3A%2F%2Fseeblatt.de%2Fa%2Fb%3Fc%3D1" - s3cret; expect_status 200 "DELETE by a URL id"
req DELETE /api/articles/srv-1; expect_status 401 "DELETE without token"
req DELETE /api/articles/srv-1 - s3cret; expect_status 200 "DELETE with the token"
req GET "/api/search?q=Zeppelinwerft"
expect_json "$BODY" "assert j['total']==0" "deleted article is gone from searches"
req DELETE /api/articles/srv-1 - s3cret; expect_status 404 "DELETE of a missing article"

# --- hostile requests ---
BIG=$(python3 -c 'print("Streik%20"*5000)')
req GET "/api/search?q=$BIG"; alive "a 45 KB query"
if [ "$STATUS" = 400 ] || [ "$STATUS" = 414 ]; then pass "huge query refused (HTTP $STATUS)"; else fail "huge query: HTTP $STATUS"; fi
LONG=$(python3 -c 'print("Streik%20"*250)')
req GET "/api/search?q=$LONG"; expect_status 400 "a 1,750-byte query is over the 1,000-byte limit"
expect_contains "$BODY" "q: 1750 bytes is longer than the 1000 allowed" "the query limit is named"
req GET "/api/search?q=Streik%FF%FE%C3"; expect_status 200 "bad UTF-8 in the query is searched, repaired"
expect_json "$BODY" "assert '\ufffd' in j['query']" "invalid bytes replaced by U+FFFD"
req GET "/api/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20Streik"; alive "script in the query"
expect_not_contains "$BODY" "<script>" "no raw <script> in the JSON answer"
expect_json "$BODY" "assert j['query'].startswith('<script>')" "the query comes back intact once decoded"
expect_contains "$HEADERS" "application/json" "answered as JSON, not HTML"
req GET "/api/search?q=Streik&since=%3Cscript%3E"; expect_status 400 "script in since"
expect_not_contains "$BODY" "<script>" "the error does not echo raw markup"
req GET "/api/articles/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"; expect_status 404 "markup as an article id"
expect_not_contains "$BODY" "<img" "404 does not echo raw markup"
req GET "/../../../../etc/passwd"; alive "path traversal"
expect_not_contains "$BODY" "root:" "no file served for ../../etc/passwd"
req GET "/app.js/../../../etc/passwd"; expect_not_contains "$BODY" "root:" "no file served for app.js/../"
req GET "/%2e%2e/%2e%2e/etc/passwd"; expect_not_contains "$BODY" "root:" "no file served for %2e%2e"
FACETS=$(python3 -c 'print(",".join(["source"]*1700))')
req GET "/api/search?q=Streik&facets=$FACETS"; expect_status 414 "10,000-character facet list refused (URI too long)"
expect_json "$BODY" "assert j['error']['status']==414" "414 is a JSON error"
alive "a 10,000-character facet list"
FACETS=$(python3 -c 'print(",".join(["source"]*700))')
req GET "/api/search?q=Streik&facets=$FACETS"; expect_status 400 "4,900-character facet list refused by the parameter limit"
expect_contains "$BODY" "facets: 4899 bytes is longer than the 200 allowed" "the limit is named"
head -c 40000000 /dev/zero | tr '\0' 'x' >"$WORK/huge.jsonl"
req POST /api/articles "$WORK/huge.jsonl" s3cret; expect_status 413 "40 MB body over the 32 MB limit"
alive "an oversized body"
req GET "/api/search?q=Streik"; expect_status 200 "still answering after all that"

# --- the log: one line per request, with time taken ---
if grep -qE '^newsserve: [0-9T:Z-]+ 127\.0\.0\.1 GET /api/search\?q=Streik [0-9]+ [0-9]+ B [0-9.]+ ms$' "$WORK/server.log"; then
  pass "one log line per request with status, size and time"; else fail "log lines: $(tail -n 3 "$WORK/server.log")"; fi
expect_not_contains "$(cat "$WORK/server.log")" $'\xff' "log escapes raw bytes"

# --- read-only by default, loopback by default ---
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
start_server --db "$WORK/db" || fail "read-only newsserve did not start"
req POST /api/articles "$WORK/new.jsonl" s3cret; expect_status 403 "writing is off without --write-token"
expect_contains "$BODY" "--write-token" "the refusal says how to enable writing"
expect_exit 3 "another writer works while a read-only server runs (2 lines skipped)" -- "$NEWSINDEX" add --db "$WORK/db" "$WORK/new.jsonl"
sleep 1.2  # searchers look for other processes' commits once a second
req GET "/api/search?q=Zeppelinwerft"
expect_json "$BODY" "assert j['total']==1" "read-only server sees the other writer's commit"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
"$NEWSSERVE" --help >"$WORK/help" 2>&1
expect_contains "$(cat "$WORK/help")" "127.0.0.1:8080" "listens on loopback by default"
expect_exit 4 "missing database" -- "$NEWSSERVE" --db "$WORK/none" --listen 127.0.0.1:0
expect_exit 2 "bad --listen" -- "$NEWSSERVE" --db "$WORK/db" --listen nonsense
finish
