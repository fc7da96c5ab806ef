#!/usr/bin/env bash
# Extraction quality on the shared real pages (../shared/corpus/html_eval, read only; skips when
# absent): body word-F1, title and date agreement from its score.py must not fall below the
# floors reached when issue 14 was done (README, extraction benchmark).
source "$(dirname "$0")/lib.sh"
EVAL="$SOURCE_DIR/../shared/corpus/html_eval"
[ -f "$EVAL/score.py" ] || { echo "skip: $EVAL/score.py absent"; exit 77; }
python3 "$EVAL/score.py" -v --cmd "$NEWSINDEX extract --format html {page}" >"$WORK/score" 2>&1
tail -n 1 "$WORK/score"
expect_json "$(python3 - "$WORK/score" <<'PY'
import json, re, sys
lines = open(sys.argv[1]).read().splitlines()
last = re.search(r"(\d+) pages: .* title ([\d.]+) date ([\d.]+) F1 ([\d.]+)", lines[-1])
worst = min(float(re.search(r"F1 ([\d.]+)", l).group(1)) for l in lines[:-1] if " F1 " in l)
print(json.dumps({"pages": int(last.group(1)), "title": float(last.group(2)), "date": float(last.group(3)), "f1": float(last.group(4)), "worst": worst}))
PY
)" 'assert j["pages"] >= 40, j
assert j["f1"] >= 0.95, j
assert j["worst"] >= 0.70, j
assert j["date"] >= 0.95, j
assert j["title"] >= 0.80, j' "html_eval: mean F1 >= 0.95, no page below 0.70, date >= 0.95, title >= 0.80"
finish
