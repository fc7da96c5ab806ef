#!/usr/bin/env bash
# Indexing throughput: newsindex against the plain-Xapian baseline (bench/plain_xapian_index.cpp,
# single-thread TermGenerator + german2) on the same input in one run: newsindex with its defaults
# (into a new database: parallel segments merged into one compacted database, reading the corpus
# as given, .zst included), committing in place as before 2026-12-01 (--batch 500: one writer),
# and with one shard per core (SHARDS, default nproc) merged by `newsindex compact`; CONFIGS picks
# which (default "newsindex inplace sharded").
# Prints, for each: wall time, MB/s of uncompressed input, peak RSS (/usr/bin/time -v), index size
# before and after compaction (and how long that took), and the machine's load (these 2-core
# machines are shared: run it when quiet).
#   [SHARDS=K] [CONFIGS="newsindex inplace sharded"] bench/index_throughput.sh [BUILD_DIR=build] [CORPUS=../shared/corpus/fang_covid.jsonl.zst] [NEWSINDEX_ARGS...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
corpus=${2:-$root/../shared/corpus/fang_covid.jsonl.zst}
shift 2 2>/dev/null || shift $#
extra=("$@")
[ -f "$corpus" ] || { echo "index_throughput: $corpus not found" >&2; exit 77; }
[ -x /usr/bin/time ] || { echo "index_throughput: needs /usr/bin/time (Debian time)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/index-throughput.XXXXXX")
trap 'rm -rf "$work"' EXIT
input="$work/input.jsonl"
case "$corpus" in
  *.zst) zstd -dc "$corpus" >"$input" ;;
  *.gz) gzip -dc "$corpus" >"$input" ;;
  *) cp "$corpus" "$input" ;;
esac
mb=$(python3 -c "import os; print(os.path.getsize('$input')/1e6)")
articles=$(wc -l <"$input")
echo "date: $(date -u +%FT%TZ)  host: $(hostname)  cores: $(nproc)  input: $corpus ($articles lines, ${mb} MB)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

run() {  # NAME DB COMMAND...
  local name=$1 db=$2
  shift 2
  /usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.time" || { cat "$work/$name.time" >&2; exit 1; }
  local wall rss size
  wall=$(python3 - "$work/$name.time" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
print(sum(float(x) * 60 ** i for i, x in enumerate(reversed(m))))
PY
)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$name.time")
  size=$(du -sb "$db" | cut -f1)
  printf '%-12s wall %7.1f s  %6.2f MB/s  peak RSS %6.0f MB  index %7.1f MB' "$name" "$wall" \
    "$(python3 -c "print($mb/$wall)")" "$(python3 -c "print($rss/1024)")" "$(python3 -c "print($size/1e6)")"
  eval "${name}_wall=$wall"
}

run baseline "$work/plain" "$build/bench/plain_xapian_index" --db "$work/plain" "$input"
xapian-compact "$work/plain" "$work/plain-compact" >/dev/null
printf '  compacted %7.1f MB\n' "$(python3 -c "print($(du -sb "$work/plain-compact" | cut -f1)/1e6)")"
grep -h "plain_xapian_index:" "$work/baseline.out" | sed 's/^/             /'
rm -rf "$work/plain" "$work/plain-compact"

# newsindex as installed (from the corpus file as given), committing in place (--batch 500), and
# with one writer per core (--shards = nproc) merged by `newsindex compact --output`.
shards=${SHARDS:-$(nproc)}
newsindex_wall=0 inplace_wall=0 sharded_wall=0
for config in ${CONFIGS:-newsindex inplace sharded}; do
  args=() from=$input
  [ "$config" = newsindex ] && from=$corpus
  [ "$config" = inplace ] && args=(--batch 500)
  [ "$config" = sharded ] && args=(--shards "$shards")
  run "$config" "$work/$config" "$build/indexer/newsindex" add --db "$work/$config" "${args[@]}" "${extra[@]}" "$from"
  t0=$(date +%s.%N)
  "$build/indexer/newsindex" compact --db "$work/$config" --output "$work/$config-compact" 2>"$work/$config-compact.err"
  t1=$(date +%s.%N)
  printf '  compacted %7.1f MB (compact%s: %.1f s)\n' "$(python3 -c "print($(du -sb "$work/$config-compact" | cut -f1)/1e6)")" \
    "$([ "$config" = sharded ] && echo ", merging $shards shards")" "$(python3 -c "print($t1 - $t0)")"
  grep -h "newsindex:" "$work/$config.out" "$work/$config-compact.err" | sed 's/^/             /' || true
  rm -rf "$work/$config" "$work/$config-compact"
done
python3 - "$baseline_wall" "$newsindex_wall" "$inplace_wall" "$sharded_wall" "$shards" <<'PY'
import sys
base, new, inplace, sharded, k = (float(x) for x in sys.argv[1:])
parts = [f"{name} {w / base:.3f} ({base / w:.2f}x faster)" for name, w in
         (("newsindex", new), ("in place", inplace), (f"{k:.0f} shards (+ merge)", sharded)) if w > 0]
print("newsindex / baseline wall time: " + ", ".join(parts))
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
