#!/usr/bin/env bash
# Checks that two builds return the same results: each build indexes the same corpus into its own
# database, answers the same queries with `newsquery --queries --json`, and the two runs are
# compared hit by hit (ids, scores to 1e-9 relative, highlighted title and snippet, totals,
# "Meinten Sie" suggestions). For refactorings and speed work that must not change results.
#
#   bench/same_results.sh OLD_BIN_DIR NEW_BIN_DIR CORPUS QUERIES [WORK] [-- NEWSQUERY_ARGS...]
#
# OLD_BIN_DIR / NEW_BIN_DIR hold newsindex and newsquery (e.g. a saved copy and build/…/);
# CORPUS is anything `newsindex add` reads (.zst ok); QUERIES is QUERY or ID<TAB>QUERY per line
# (a known-item TSV's extra columns are cut off). Exit 0 same, 1 different (first differences shown).
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,12p' "$0"; exit 2; }
old=$1 new=$2 corpus=$3 queries=$4 work=${5:-$(mktemp -d)}
shift 4; [ $# -gt 0 ] && [ "$1" != "--" ] && shift
[ "${1:-}" = "--" ] && shift
mkdir -p "$work"
python3 - "$queries" "$work/queries.tsv" <<'PY'
import sys
# ID<TAB>QUERY per line; a header naming query_id and query picks those columns; # lines skipped.
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
cols = (0, 1)
if rows and "query_id" in rows[0] and "query" in rows[0]:
    cols = (rows[0].index("query_id"), rows[0].index("query"))
    rows = rows[1:]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for r in rows:
        out.write(r[0] + "\t" + r[-1] + "\n" if len(r) == 1 else r[cols[0]] + "\t" + r[cols[1]] + "\n")
PY
for side in old new; do
  bin=${!side}
  rm -rf "$work/db-$side"
  "$bin/newsindex" add --quiet --db "$work/db-$side" "$corpus"
  NEWSQUERY_TODAY=2026-01-01 "$bin/newsquery" --db "$work/db-$side" --queries "$work/queries.tsv" --json "$@" \
    > "$work/run-$side.jsonl" || true
done
python3 - "$work/run-old.jsonl" "$work/run-new.jsonl" <<'PY'
import json, sys
old = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
new = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
problems = []
if len(old) != len(new):
    problems.append(f"{len(old)} vs {len(new)} answers")
def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
def view(hit):
    return {k: hit.get(k) for k in ("id", "title_highlighted", "snippet", "highlights", "duplicates") if k in hit}
hits = 0
for o, n in zip(old, new):
    qid = o.get("query_id")
    for key in ("total", "suggestion", "error"):
        if o.get(key) != n.get(key):
            problems.append(f"query {qid}: {key} {o.get(key)!r} vs {n.get(key)!r}")
    ro, rn = o.get("results", []), n.get("results", [])
    if [r["id"] for r in ro] != [r["id"] for r in rn]:
        problems.append(f"query {qid}: ids {[r['id'] for r in ro][:5]} vs {[r['id'] for r in rn][:5]}")
        continue
    for a, b in zip(ro, rn):
        hits += 1
        if not close(a.get("score", 0), b.get("score", 0)):
            problems.append(f"query {qid} {a['id']}: score {a.get('score')} vs {b.get('score')}")
        if {k: v for k, v in a.items() if k != "score"} != {k: v for k, v in b.items() if k != "score"}:
            problems.append(f"query {qid} {a['id']}: fields differ: {view(a)} vs {view(b)}")
print(f"{len(old)} queries, {hits} hits compared, {len(problems)} differences")
for p in problems[:20]:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
