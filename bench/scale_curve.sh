#!/usr/bin/env bash
# Scale curve (issues 15 and 16): for each article count N, a synthetic corpus from `newscorpus synth`
# (made once, cached in the work folder and reused), indexed with `newsindex add` as a user would (the
# default: parallel segments merged into one compacted database) under /usr/bin/time -v, then 300
# seeded queries (bench/make_queries.py --per-kind 50 --seed 7 on that corpus) through
# build/bench/query_latency --threads 0, ids only and as a results page (--snippets).
# Prints per N: indexing wall time, articles/s, CPU, peak RSS, index size, peak disk use during the
# run, and p50/p99 ms per query kind in both modes (percentiles as bench/run computes them), with the
# load average at each step (these 2-core machines are shared). Ends with two markdown tables, also
# written to WORK/scale_curve.md; per-size figures stay in WORK/result-N.json.
#
#   bench/scale_curve.sh [--build DIR] [--work DIR] [--sizes "10000 100000 1000000"] [--model FILE]
#                        [--train-articles 5000] [--seed 42] [--reindex] [--drop-index] [--reserve-gb 2]
#                        [--report-only]
#
# The model defaults to WORK/fang5000.model, trained once by `newscorpus train` on the first
# --train-articles articles of ../shared/corpus/fang_covid.jsonl.zst (the sample model
# corpus/models/sample.model when that corpus is absent). The work folder (default /tmp/scale) must
# lie outside the repository and ../shared. Before each size the script checks free disk space: the
# estimate is N x the peak bytes per article (segments + merged database, as measured on the largest
# size indexed earlier in WORK; 35 KB + 21 KB per article until one was measured) plus the corpus
# if it is not cached yet (its bytes per article measured likewise; 7 KB until then), plus
# --reserve-gb; a size that does not fit is skipped with the arithmetic. An index already built
# for N (WORK/idx-N with WORK/result-N.json) is reused unless --reindex; --drop-index removes each
# index after its queries (the corpus stays). --report-only prints the tables of what WORK holds.
# Exit 0 ok (sizes skipped for disk are reported, not failures), 2 usage, 77 not built, 1 failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build work=/tmp/scale sizes="10000 100000 1000000" model="" train_articles=5000 seed=42
reindex=0 drop_index=0 reserve_gb=2 report_only=0
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --train-articles) train_articles=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --reindex) reindex=1; shift ;;
    --drop-index) drop_index=1; shift ;;
    --reserve-gb) reserve_gb=$2; shift 2 ;;
    --report-only) report_only=1; shift ;;
    -h|--help) usage ;;
    *) echo "scale_curve: unknown argument $1" >&2; usage ;;
  esac
done
for n in $sizes; do [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "scale_curve: --sizes: not a count: $n" >&2; exit 2; }; done
build=$(cd "$build" 2>/dev/null && pwd) || { echo "scale_curve: no build folder" >&2; exit 77; }
newsindex=$build/indexer/newsindex newscorpus=$build/corpus/newscorpus latency=$build/bench/query_latency
for b in "$newsindex" "$newscorpus" "$latency"; do
  [ -x "$b" ] || { echo "scale_curve: not built: $b" >&2; exit 77; }
done
[ -x /usr/bin/time ] || { echo "scale_curve: needs /usr/bin/time (Debian package time)" >&2; exit 2; }
mkdir -p "$work"
work=$(cd "$work" && pwd -P)
shared=$(cd "$root/.." && pwd -P)/shared
case "$work/" in
  "$(cd "$root" && pwd -P)/"*|"$shared/"*) echo "scale_curve: --work $work must lie outside the repository and ../shared" >&2; exit 2 ;;
esac
fang=$shared/corpus/fang_covid.jsonl.zst

load() { cut -d' ' -f1-3 /proc/loadavg; }
log() { echo "scale_curve: $*" >&2; }

# The model: given, cached, trained once on fang_covid's first articles, or the sample model.
if [ -z "$model" ]; then
  if [ -f "$fang" ]; then
    model=$work/fang${train_articles}.model
    if [ ! -s "$model" ]; then
      log "training $model on the first $train_articles articles of $fang"
      zstd -dc "$fang" | head -n "$train_articles" >"$work/fang-train.jsonl" || true
      "$newscorpus" train "$work/fang-train.jsonl" -o "$model.tmp" >&2
      mv "$model.tmp" "$model"
      rm -f "$work/fang-train.jsonl"
    fi
  else
    model=$root/corpus/models/sample.model
    log "$fang not found: using $model"
  fi
fi
[ -s "$model" ] || { echo "scale_curve: model $model missing" >&2; exit 2; }

# Python helpers (bench/run's percentiles): figures from time -v, result files, the estimate, tables.
helpers=$(cat <<'PY'
import glob, importlib.machinery, importlib.util, json, os, re, sys
KINDS = ["common", "rare", "compound", "phrase", "boolean", "headline"]

def bench_run(root):
    loader = importlib.machinery.SourceFileLoader("bench_run", os.path.join(root, "bench", "run"))
    spec = importlib.util.spec_from_loader("bench_run", loader)
    m = importlib.util.module_from_spec(spec)
    loader.exec_module(m)
    return m

def timev(path):
    t = open(path).read()
    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(
        re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":"))))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", t).group(1)) for k in ("User", "System"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    return wall, cpu, rss

def record_index(n, timefile, corpus_bytes, size, peak, seg, load_before, load_after, date, out):
    wall, cpu, rss = timev(timefile)
    n = int(n)
    json.dump({"articles": n, "corpus_bytes": int(corpus_bytes), "index_wall_s": wall, "index_cpu_s": cpu,
               "articles_per_s": n / wall, "peak_rss_mb": rss, "index_bytes": int(size),
               "peak_disk_bytes": int(peak), "segments_peak_bytes": int(seg),
               "load_index": [load_before, load_after], "date": date}, open(out, "w"), indent=1)

def add_latency(result, mode, root, lines, load, qset):
    br = bench_run(root)
    results, _ = br.parse_result_lines(open(lines).read())
    lat = {k: br.latency_stats([x for x in results if x["kind"] == k]) for k in KINDS
           if any(x["kind"] == k for x in results)}
    lat["all"] = br.latency_stats(results)
    r = json.load(open(result))
    r["latency_" + mode], r["load_" + mode], r["queries"] = lat, load, qset
    json.dump(r, open(result, "w"), indent=1)

def estimate(n, work):
    """Bytes N articles need at the indexer's peak, from the largest size measured in work."""
    best = None
    for f in glob.glob(os.path.join(work, "result-*.json")):
        r = json.load(open(f))
        if r.get("peak_disk_bytes") and (best is None or r["articles"] > best["articles"]):
            best = r
    if best:
        a = best["articles"]
        peak = best["peak_disk_bytes"] / a
        src = (f"{peak / 1e3:.1f} KB/article at the peak, segments and the merged copy together; "
               f"{best['index_bytes'] / a / 1e3:.1f} KB/article merged; measured at {a:,} articles")
    else:
        peak, src = 35e3 + 21e3, "35 KB segments + 21 KB merged per article, the default (none measured yet)"
    corpus = best["corpus_bytes"] / best["articles"] if best else 7000  # JSONL bytes per synthetic article
    print(int(int(n) * peak), int(int(n) * corpus), src)

def gb(b):
    return f"{int(b) / 1e9:.1f}"

def summary(result):
    r = json.load(open(result))
    print(f"{r['articles']:>9,} articles: index {r['index_wall_s']:.1f} s wall ({r['articles_per_s']:.0f}/s, "
          f"cpu {r['index_cpu_s']:.1f} s), peak RSS {r['peak_rss_mb']:.0f} MB, index {r['index_bytes'] / 1e6:.1f} MB "
          f"(peak on disk {r['peak_disk_bytes'] / 1e6:.1f} MB), load {r['load_index'][0]}; "
          + "; ".join(f"{m}: all p50 {r['latency_' + m]['all']['p50']:.2f} / p99 {r['latency_' + m]['all']['p99']:.2f} ms"
                      for m in ("ids", "page")))

def tables(work, sizes):
    L = ["| articles | index wall s | articles/s | CPU s | peak RSS MB | index MB | KB/article | peak disk MB | load (1/5/15 min) |",
         "|---|---|---|---|---|---|---|---|---|"]
    Q = ["| articles | mode | " + " | ".join(KINDS + ["all"]) + " | load |", "|---|---|" + "---|" * (len(KINDS) + 2)]
    skipped = []
    for n in sizes.split():
        f, s = os.path.join(work, f"result-{n}.json"), os.path.join(work, f"skipped-{n}.json")
        if os.path.exists(s) or not os.path.exists(f):
            skipped.append(f"{int(n):,} articles: " + (json.load(open(s))["skipped"] if os.path.exists(s) else "not run"))
            continue
        r = json.load(open(f))
        if "latency_page" not in r:
            skipped.append(f"{int(n):,} articles: no query figures")
            continue
        L.append(f"| {r['articles']:,} | {r['index_wall_s']:.1f} | {r['articles_per_s']:.0f} | {r['index_cpu_s']:.1f} | "
                 f"{r['peak_rss_mb']:.0f} | {r['index_bytes'] / 1e6:.1f} | {r['index_bytes'] / r['articles'] / 1e3:.1f} | "
                 f"{r['peak_disk_bytes'] / 1e6:.0f} | {r['load_index'][0]} |")
        for m, name in (("ids", "ids only"), ("page", "results page")):
            lat = r["latency_" + m]
            cells = [f"{lat[k]['p50']:.2f} / {lat[k]['p99']:.2f}" if k in lat else "n/a" for k in KINDS + ["all"]]
            Q.append(f"| {r['articles']:,} | {name} | " + " | ".join(cells) + f" | {r['load_' + m].split()[0]} |")
    md = "\n".join(L) + "\n\np50 / p99 ms per query kind (query_latency --threads 0):\n\n" + "\n".join(Q) + "\n"
    if skipped:
        md += "\nNot measured: " + "; ".join(skipped) + "\n"
    open(os.path.join(work, "scale_curve.md"), "w").write(md)
    print()
    print(md, end="")
PY
)
py() { python3 -c "$helpers
$1" "${@:2}"; }

# Bytes of the database and everything the run puts beside it (DB.segments/, the merge target).
db_bytes() { du -sb "$1" "$1".* 2>/dev/null | awk '{s += $1} END {printf "%.0f\n", s}'; }  # not %g past 2^31

echo "date: $(date -u +%FT%TZ)  host: $(hostname)  cores: $(nproc)  cpu: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "build: $build  work: $work  model: $model  sizes: $sizes  synth seed: $seed"
echo "load: $(load)"
[ $report_only = 1 ] && sizes_run="" || sizes_run=$sizes
for n in $sizes_run; do
  corpus=$work/synth-$n.jsonl db=$work/idx-$n result=$work/result-$n.json
  reuse=0
  [ $reindex = 0 ] && [ -f "$result" ] && [ -d "$db" ] && reuse=1
  if [ $reuse = 0 ]; then
    # Disk check before anything is written for this size.
    read -r need corpus_need src < <(py 'estimate(*sys.argv[1:])' "$n" "$work")
    [ -s "$corpus" ] && corpus_need=0
    avail=$(df -B1 --output=avail "$work" | tail -1 | tr -d ' ')
    total=$((need + corpus_need + reserve_gb * 1000000000))
    if [ "$total" -gt "$avail" ]; then
      msg=$(py 'print(f"needs ~{gb(sys.argv[1])} GB (index at its peak {gb(sys.argv[2])} GB: {sys.argv[3]}; corpus {gb(sys.argv[4])} GB; '\
'reserve {sys.argv[5]} GB), {gb(sys.argv[6])} GB free in {sys.argv[7]}")' "$total" "$need" "$src" "$corpus_need" "$reserve_gb" "$avail" "$work")
      echo "scale_curve: SKIPPED $n articles: $msg"
      py 'json.dump({"articles": int(sys.argv[1]), "skipped": "disk: " + sys.argv[2]}, open(sys.argv[3], "w"))' \
        "$n" "$msg" "$work/skipped-$n.json"
      continue
    fi
    rm -f "$work/skipped-$n.json"
  fi

  if [ ! -s "$corpus" ]; then
    log "newscorpus synth $n articles (seed $seed)"
    "$newscorpus" synth --model "$model" --articles "$n" --seed "$seed" -o "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
  fi

  if [ $reuse = 1 ]; then
    log "$n articles: reusing $db and its indexing figures ($result)"
  else
    rm -rf "$db" "$db".* "$result"
    load_before=$(load)
    log "indexing $n articles (load $load_before)"
    # Poll the disk use of the database and what the run writes beside it (DB.segments/: segments, then the merge).
    ( set +e; peak=0 seg=0
      while :; do
        b=$(db_bytes "$db"); [ "$b" -gt "$peak" ] && peak=$b
        s=$(du -sb "$db.segments" 2>/dev/null | cut -f1); [ "${s:-0}" -gt "$seg" ] && seg=$s
        echo "$peak $seg" >"$work/disk-$n.tmp"
        sleep 2
      done ) &
    poller=$!
    rc=0
    /usr/bin/time -v "$newsindex" add --quiet --db "$db" "$corpus" >"$work/index-$n.out" 2>"$work/index-$n.time" || rc=$?
    kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null || true
    [ $rc = 0 ] || { cat "$work/index-$n.time" >&2; echo "scale_curve: newsindex add failed ($rc) at $n articles" >&2; exit 1; }
    load_after=$(load)
    peak=0 seg=0
    [ -f "$work/disk-$n.tmp" ] && read -r peak seg <"$work/disk-$n.tmp"
    rm -f "$work/disk-$n.tmp"
    size=$(du -sb "$db" | cut -f1)
    # The merge writes DB.segments/merged beside the segments, so the segments folder holds the peak;
    # a 2 s poll can miss the last moments of the merge by a few percent.
    [ "$seg" -le "$peak" ] || peak=$seg
    [ "$size" -le "$peak" ] || peak=$size
    py 'record_index(*sys.argv[1:])' "$n" "$work/index-$n.time" "$(stat -c %s "$corpus")" "$size" "$peak" "$seg" \
      "$load_before" "$load_after" "$(date -u '+%F %H:%M UTC')" "$result"
  fi

  qset=$work/q-$n.tsv
  if [ ! -s "$qset" ]; then
    python3 "$root/bench/make_queries.py" --corpus "$corpus" --per-kind 50 --seed 7 --out "$qset.tmp" >/dev/null
    mv "$qset.tmp" "$qset"
  fi
  for mode in ids page; do
    flag=(); [ $mode = page ] && flag=(--snippets)
    load_q=$(load)
    log "$n articles: queries, $mode (load $load_q)"
    "$latency" --db "$db" --queries "$qset" --threads 0 "${flag[@]}" >"$work/lat-$n-$mode.jsonl" 2>"$work/lat-$n-$mode.err" ||
      { cat "$work/lat-$n-$mode.err" >&2; echo "scale_curve: query_latency failed at $n articles" >&2; exit 1; }
    py 'add_latency(*sys.argv[1:])' "$result" "$mode" "$root" "$work/lat-$n-$mode.jsonl" "$load_q" "$qset"
  done
  py 'summary(sys.argv[1])' "$result"
  [ $drop_index = 1 ] && rm -rf "$db"
done

# The tables, for every size of this run (measured now or reused).
py 'tables(*sys.argv[1:])' "$work" "$sizes"
