# Shared helpers for the end-to-end tests: a temp folder, expectations with clear messages.
# Each test runs the real binaries ($NEWSINDEX, $NEWSQUERY) given by CTest.
set -uo pipefail
: "${NEWSINDEX:?set by CTest}" "${NEWSQUERY:?set by CTest}" "${SOURCE_DIR:?set by CTest}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsindex-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export NEWSINDEX_DB="$WORK/default-db"
SAMPLE="$SOURCE_DIR/corpus/sample/articles.jsonl"
FAILURES=0
PASSES=0

pass() { PASSES=$((PASSES + 1)); echo "ok   - $1"; }
fail() { FAILURES=$((FAILURES + 1)); echo "FAIL - $1"; }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, keeps stdout/stderr in $OUT/$ERR.
expect_exit() {
  local want=$1 what=$2
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  OUT=$(cat "$WORK/out")
  ERR=$(cat "$WORK/err")
  if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"; else
    fail "$what: exit $got, wanted $want"
    echo "    stdout: ${OUT:0:600}"
    echo "    stderr: ${ERR:0:600}"
  fi
}

expect_contains() {  # HAYSTACK NEEDLE DESCRIPTION
  if [[ "$1" == *"$2"* ]]; then pass "$3"; else fail "$3: '$2' not in: ${1:0:400}"; fi
}
expect_not_contains() {
  if [[ "$1" != *"$2"* ]]; then pass "$3"; else fail "$3: '$2' unexpectedly in: ${1:0:400}"; fi
}

# py EXPR_FILE: evaluates a Python assertion script on stdin JSON; prints what failed.
expect_json() {  # JSON PYTHON_ASSERTIONS DESCRIPTION   (the JSON is bound to `j`)
  if python3 -c "import json,sys
j=json.loads(sys.stdin.read())
$2" <<<"$1" 2>"$WORK/pyerr"; then pass "$3"; else fail "$3: $(tail -n 3 "$WORK/pyerr")"; fi
}

finish() {
  echo "$PASSES passed, $FAILURES failed"
  [ "$FAILURES" -eq 0 ]
}
