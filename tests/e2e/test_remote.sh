#!/usr/bin/env bash
# Past one machine: two shards served by xapian-tcpsrv on loopback, searched through Xapian's
# remote backend (tcp:HOST:PORT and a stub file with "remote" lines), must rank exactly like one
# local database holding the same articles: same ids, same scores (global statistics).
. "$(dirname "$0")/lib.sh"
command -v xapian-tcpsrv >/dev/null || { echo "skip: xapian-tcpsrv (Debian xapian-tools) not installed"; exit 77; }
PIDS=()
# xapian-tcpsrv answers SIGTERM with kill(0, SIGTERM) to end its forked children: started in our
# process group it would take this script and ctest with it. So each server gets a session of
# its own (setsid) and is stopped as a group.
trap 'for p in "${PIDS[@]}"; do kill -- "-$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

expect_exit 0 "one database" -- "$NEWSINDEX" add --db "$WORK/single" "$SAMPLE"
expect_exit 0 "the same articles in two shards" -- "$NEWSINDEX" add --shards 2 --db "$WORK/sharded" "$SAMPLE"
expect_contains "$ERR" "in 2 shards" "summary names the shards"
for s in 00 01; do
  n=$("$NEWSINDEX" stats --db "$WORK/sharded/shard-$s" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
  if [ "$n" -gt 0 ] && [ "$n" -lt 60 ]; then pass "shard-$s holds part of the articles ($n)"; else fail "shard-$s holds $n"; fi
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_server() {  # DB -> sets PORT
  for _ in 1 2 3 4 5; do
    PORT=$(free_port)
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$PORT" "$1" >"$WORK/srv-$PORT.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 50); do
      if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$PORT),0.2)" 2>/dev/null; then
        PIDS+=("$pid"); return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -- "-$pid" 2>/dev/null
  done
  return 1
}
start_server "$WORK/sharded/shard-00" && P0=$PORT || { fail "xapian-tcpsrv did not start"; finish; exit 1; }
start_server "$WORK/sharded/shard-01" && P1=$PORT || { fail "xapian-tcpsrv did not start"; finish; exit 1; }
pass "two xapian-tcpsrv on 127.0.0.1:$P0 and :$P1"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$P0" "$P1" >"$WORK/remote.stub"

# id and score (rounded to 4 decimals) of every result, in order.
ranking() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(" ".join("%s:%.4f" % (r["id"], r["score"]) for r in j["results"]))'; }
for q in "Übernahme Oracle" "Daten" "Bahn Streik" "\"Künstliche Intelligenz\"" "Energiepreise OR Inflation"; do
  want=$("$NEWSQUERY" --db "$WORK/single" --json --limit 20 "$q" | ranking)
  [ -n "$want" ] || { fail "no results for $q in the single database"; continue; }
  got=$("$NEWSQUERY" --db "$WORK/sharded" --json --limit 20 "$q" | ranking)
  [ "$got" = "$want" ] && pass "local shards (stub folder) rank '$q' like one database" || fail "local shards, '$q': $got != $want"
  got=$("$NEWSQUERY" --db "$WORK/sharded/shard-00" --db "$WORK/sharded/shard-01" --json --limit 20 "$q" | ranking)
  [ "$got" = "$want" ] && pass "--db A --db B ranks '$q' like one database" || fail "--db A --db B, '$q': $got != $want"
  got=$("$NEWSQUERY" --db "tcp:127.0.0.1:$P0" --db "tcp:127.0.0.1:$P1" --json --limit 20 "$q" | ranking)
  [ "$got" = "$want" ] && pass "remote shards rank '$q' like one database" || fail "remote shards, '$q': $got != $want"
  got=$("$NEWSQUERY" --db "$WORK/remote.stub" --json --limit 20 "$q" | ranking)
  [ "$got" = "$want" ] && pass "a stub file of remote shards ranks '$q' like one database" || fail "remote stub, '$q': $got != $want"
done

# The analysis fingerprint is read over the remote backend too: another chain is refused.
printf 'Haus\nBoot\n' >"$WORK/tiny-lexicon"
expect_exit 4 "remote shard built by another analysis chain is refused" -- env NEWSINDEX_LEXICON="$WORK/tiny-lexicon" "$NEWSQUERY" --db "tcp:127.0.0.1:$P0" Daten
expect_contains "$ERR" "rebuild the index" "says to rebuild"
expect_exit 4 "a port nobody serves" -- "$NEWSQUERY" --db "tcp:127.0.0.1:$(free_port)" Daten
expect_contains "$ERR" "cannot open database" "clear message for an unreachable shard"

# Compaction merges the shards into one database that ranks the same.
expect_exit 0 "compact --output merges the shards" -- "$NEWSINDEX" compact --db "$WORK/sharded" --output "$WORK/merged"
expect_contains "$ERR" "2 shards → 1" "reports the merge"
want=$("$NEWSQUERY" --db "$WORK/single" --json --limit 20 Daten | ranking)
got=$("$NEWSQUERY" --db "$WORK/merged" --json --limit 20 Daten | ranking)
[ "$got" = "$want" ] && pass "the merged database ranks like the single one" || fail "merged: $got != $want"
expect_exit 0 "compact in place" -- "$NEWSINDEX" compact --db "$WORK/sharded"
got=$("$NEWSQUERY" --db "$WORK/sharded" --json --limit 20 Daten | ranking)
[ "$got" = "$want" ] && pass "compacted shards rank the same" || fail "compacted shards: $got != $want"
finish
