#!/usr/bin/env bash
# The search page in a real browser: headless Chromium driven by python3-selenium against
# newsserve on a free loopback port (tests/e2e/browser_check.py). Skips (77) when Chromium or
# Selenium is missing or cannot start. SCREENSHOT=docs/newsserve.png refreshes the README's picture.
. "$(dirname "$0")/lib.sh"
: "${NEWSSERVE:?set by CTest}"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { echo "skip: Debian chromium and chromium-driver not installed"; exit 77; }
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
"$NEWSINDEX" add --quiet --db "$WORK/db" "$SAMPLE" || { echo "FAIL - sample index"; exit 1; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$NEWSSERVE" --db "$WORK/db" --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1',$PORT),0.2)" 2>/dev/null && break
  sleep 0.1
done
export HOME="$WORK"  # Chromium wants a writable profile folder
# Debian's python3-selenium lives in the system Python, which may not be the first python3 on PATH.
PY=python3
/usr/bin/python3 -c 'import selenium' 2>/dev/null && PY=/usr/bin/python3
"$PY" "$(dirname "$0")/browser_check.py" "http://127.0.0.1:$PORT" "${SCREENSHOT:-$WORK/newsserve.png}"
rc=$?
[ $rc -ne 0 ] && [ $rc -ne 77 ] && { echo "server log:"; tail -n 20 "$WORK/server.log"; }
exit $rc
