#!/usr/bin/env python3
"""Known-item evaluation: index a corpus's bodies without titles, query each headline, and report
MRR@10 and Recall@10 (the share of queries whose own article is in the top 10).

Used by the integration test (tests/e2e/test_wmt_knownitem.sh), by benchmarks and, through its
functions, by bench/relevance.py. Reads the shared corpus read-only and writes only into --work.

  bench/knownitem.py --corpus ../shared/corpus/wmt_newstest_de.jsonl.zst \
      --queries ../shared/corpus/eval/wmt_newstest_knownitem.tsv --work /tmp/ki \
      --newsindex build/indexer/newsindex --newsquery build/query/newsquery
"""
import argparse
import io
import json
import os
import random
import subprocess
import sys
import time


def open_text(path):
    if path.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        return io.TextIOWrapper(proc.stdout, encoding="utf-8")
    return open(path, encoding="utf-8")


def strip_titles(corpus, out_path):
    """The corpus with empty titles, as JSONL at out_path (the headline is the query)."""
    with open_text(corpus) as src, open(out_path, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            a = json.loads(line)
            a["title"] = ""
            out.write(json.dumps(a, ensure_ascii=False) + "\n")


def index(newsindex, db, jsonl, extra_args=(), env=None):
    """Builds db from jsonl from scratch; returns the seconds it took."""
    subprocess.run(["rm", "-rf", db], check=True)
    t0 = time.time()
    subprocess.run([newsindex, "add", "--quiet", *extra_args, "--db", db, jsonl], check=True, env=env)
    return time.time() - t0


def fang_halves(sample=4000, seed=42):
    """(tuning half, test half): a seeded sample of eval/fang_knownitem.tsv.zst split by the same seed
    (bench/relevance.py tunes on the first and reports the second; bench/run reports the second)."""
    shared = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus"))
    qs = read_queries(os.path.join(shared, "eval", "fang_knownitem.tsv.zst"))
    rng = random.Random(seed)
    qs = rng.sample(qs, min(sample, len(qs)))
    rng.shuffle(qs)
    half = len(qs) // 2
    return qs[:half], qs[half:]


def read_queries(path):
    """[(query_id, query, doc_id)] from a TSV with a header: query_id, query, doc_id[, label]."""
    queries = []
    with open_text(path) as f:
        header = f.readline()
        assert header.startswith("query_id"), header
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[1].strip():
                queries.append((parts[0], parts[1], parts[2]))
    return queries


def run_queries(newsquery, db, queries, qfile, query_args=(), env=None):
    """Runs [(qid, query, _)] as one newsquery --trec batch; returns ({qid: {doc: rank}}, seconds)."""
    with open(qfile, "w", encoding="utf-8") as f:
        for qid, q, *_ in queries:
            f.write(f"{qid}\t{q.replace(chr(9), ' ')}\n")
    t0 = time.time()
    run = subprocess.run([newsquery, "--db", db, *query_args, "--limit", "10", "--queries", qfile, "--trec", "eval"],
                         check=False, capture_output=True, text=True, env=env)
    seconds = time.time() - t0
    if run.returncode not in (0, 3):
        sys.stderr.write(run.stderr)
        sys.exit(f"newsquery failed with exit {run.returncode}")
    ranks = {}
    for line in run.stdout.splitlines():
        qid, _, doc, rank, _, _ = line.split(" ")
        ranks.setdefault(qid, {})[doc] = int(rank)
    return ranks, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True, help="TSV: query_id, query, doc_id[, label]")
    ap.add_argument("--work", required=True, help="folder for the stripped corpus, the index and the run")
    ap.add_argument("--newsindex", default="build/indexer/newsindex")
    ap.add_argument("--newsquery", default="build/query/newsquery")
    ap.add_argument("--sample", type=int, default=0, help="evaluate a seeded random sample of N queries (0 = all)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--reuse-index", action="store_true", help="keep an existing index in --work")
    ap.add_argument("--query-arg", action="append", default=[],
                    help="extra newsquery argument, repeatable (e.g. --query-arg=--no-synonyms)")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    stripped = os.path.join(args.work, "bodies.jsonl")
    db = os.path.join(args.work, "db")
    t_index = 0.0
    if not (args.reuse_index and os.path.isdir(db)):
        strip_titles(args.corpus, stripped)
        t_index = index(args.newsindex, db, stripped)

    queries = read_queries(args.queries)
    if args.sample and args.sample < len(queries):
        queries = random.Random(args.seed).sample(queries, args.sample)
    ranks, t_query = run_queries(args.newsquery, db, queries, os.path.join(args.work, "queries.tsv"), args.query_arg)
    rr, hits = 0.0, 0
    for qid, _, doc in queries:
        r = ranks.get(qid, {}).get(doc)
        if r is not None and r <= 10:
            hits += 1
            rr += 1.0 / r
    n = len(queries)
    result = {"query_args": args.query_arg, "queries": n, "mrr@10": round(rr / n, 4), "recall@10": round(hits / n, 4),
              "index_seconds": round(t_index, 2), "query_seconds": round(t_query, 2)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
