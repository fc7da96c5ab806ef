#!/usr/bin/env python3
"""Relevance workbench: ranking quality of one build and analysis variant on fixed query sets,
with a paired randomisation test against another run.

Sets (queries cleaned of quotes as bench/run does; known-item bodies indexed without titles, as
bench/knownitem.py does):
  fang-tune, fang-test  FANG-COVID known-item: a seeded sample (--fang-sample, seed --seed) of
                        eval/fang_knownitem.tsv.zst, split by the same seed into two halves.
                        Tune on fang-tune only; report fang-test.
  wmt                   WMT newstest known-item, all queries.
  xquad                 XQuAD German questions over its 240 passages (titles kept, as bench/run).
  gnad                  10kGNAD test articles (1,028): the lead sentence is the query, the rest of
                        the body is indexed (articles whose lead has fewer than 5 words are left
                        out); nothing of it is written into the repository.

--engine lucene or xapian measures bench/run's peers (Lucene 8 GermanAnalyzer + BM25 through
bench/lucene/LuceneBench.java; plain Xapian through bench/plain_xapian) on the same sets and
corpora, each indexed once into WORK/peers, so a comparison table has their columns from the
same queries.

Each corpus is indexed once per analysis: the cache key is the analysis fingerprint that
`newsindex stats --json` reports for a one-article probe index built with the same build and
environment, so query-side variants (--query-arg, --query-env) reuse the index.

  bench/relevance.py --name baseline                       # runs every set, saves RUNS/baseline.json
  NEWSINDEX_ANALYSIS=… bench/relevance.py --name segwords  # another analysis: indexes once more
  bench/relevance.py --name nosyn --query-arg=--no-synonyms --sets fang-tune
  bench/relevance.py --compare baseline segwords           # table of both with p-values
  bench/relevance.py --name lucene --engine lucene         # the peers' columns

Per query it stores the reciprocal rank, hit@10 and nDCG@10 in --work/runs/NAME.json.
"""
import argparse
import hashlib
import importlib.machinery
import importlib.util
import json
import math
import os
import random
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared", "corpus"))
sys.path.insert(0, HERE)
import knownitem  # noqa: E402


def load_bench_run():
    """bench/run as a module (it has no .py suffix): its article and query cleaning."""
    loader = importlib.machinery.SourceFileLoader("bench_run", os.path.join(HERE, "run"))
    spec = importlib.util.spec_from_loader("bench_run", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


bench_run = load_bench_run()
SETS = ("fang-tune", "fang-test", "wmt", "xquad", "gnad")
GNAD = os.path.join(SHARED, "10kgnad_test.jsonl.zst")


def fang_queries(sample, seed):
    """(tune, test): a seeded sample of the FANG known-item queries split in two halves by the same seed."""
    return knownitem.fang_halves(sample, seed)


# The lead sentence: up to the first . ! or ? followed by a space and a capital letter, digit or quote.
LEAD_END = re.compile(r'[.!?](?=\s+["„“A-ZÄÖÜ0-9])')


def gnad_split(body):
    """(lead sentence, rest of the body) of a 10kGNAD article; (None, body) when the lead is too short."""
    m = LEAD_END.search(body)
    if not m:
        return None, body
    lead, rest = body[:m.end()].strip(), body[m.end():].strip()
    if len(lead.split()) < 5 or len(rest.split()) < 20:
        return None, body
    return lead, rest


def gnad_articles():
    """(queries, articles): 10kGNAD test articles with the lead sentence as the query and the rest indexed."""
    queries, articles = [], []
    for a in bench_run.read_jsonl(GNAD):
        lead, rest = gnad_split(a["body"])
        if lead:
            queries.append((f"gnad-{a['id']}", lead, a["id"]))
        articles.append({"id": a["id"], "title": "", "body": rest})
    return queries, articles


def xquad_queries():
    xq = os.path.join(SHARED, "eval")
    qrels = {}
    with open(os.path.join(xq, "xquad_de_qrels.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            qid, doc, rel = line.rstrip("\n").split("\t")[:3]
            if int(rel) > 0:
                qrels.setdefault(qid, doc)
    out = []
    with open(os.path.join(xq, "xquad_de_queries.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            qid, q = line.rstrip("\n").split("\t")[:2]
            if qid in qrels:
                out.append((qid, q, qrels[qid]))
    return out


def corpus_jsonl(work, corpus):
    """The documents of a corpus as the engine reads them, made once into work/corpora."""
    os.makedirs(os.path.join(work, "corpora"), exist_ok=True)
    path = os.path.join(work, "corpora", f"{corpus}.jsonl")
    if os.path.exists(path):
        return path
    tmp = path + ".tmp"
    if corpus == "fang":
        knownitem.strip_titles(os.path.join(SHARED, "fang_covid.jsonl.zst"), tmp)
    elif corpus == "wmt":
        knownitem.strip_titles(os.path.join(SHARED, "wmt_newstest_de.jsonl.zst"), tmp)
    elif corpus == "gnad":
        bench_run.write_jsonl(tmp, gnad_articles()[1])
    elif corpus == "xquad":
        bench_run.write_jsonl(tmp, (bench_run.plain_article(a) for a in
                                    bench_run.read_jsonl(os.path.join(SHARED, "eval", "xquad_de_passages.jsonl"))))
    os.replace(tmp, path)
    return path


def analysis_key(build, work, env):
    """A short hash of the analysis fingerprint this build and environment write into an index."""
    probe = os.path.join(work, "probe")
    jsonl = os.path.join(work, "probe.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "probe", "title": "", "body": "Probe"}) + "\n")
    knownitem.index(os.path.join(build, "indexer", "newsindex"), probe, jsonl, env=env)
    stats = subprocess.run([os.path.join(build, "indexer", "newsindex"), "stats", "--json", "--db", probe],
                           check=True, capture_output=True, text=True, env=env).stdout
    fingerprint = json.loads(stats)["analysis"]
    return hashlib.sha1(fingerprint.encode()).hexdigest()[:12], fingerprint


def cached_index(build, work, corpus, key, env):
    db = os.path.join(work, "indexes", f"{corpus}-{key}")
    if os.path.isdir(db) and os.path.exists(db + ".done"):
        return db, 0.0
    seconds = knownitem.index(os.path.join(build, "indexer", "newsindex"), db, corpus_jsonl(work, corpus),
                              extra_args=["--shards", "2"] if corpus == "fang" else [], env=env)
    with open(db + ".done", "w") as f:
        f.write(f"{seconds:.1f}\n")
    return db, seconds


def peer_engine(args):
    """bench/run's peer engine object for --engine (its index and query commands)."""
    if args.engine == "lucene":
        return bench_run.Lucene(os.path.join(args.work, "peers"))
    return bench_run.PlainXapian(args.build)


def peer_ranks(args, engine, name, corpus, queries):
    """({qid: {doc: rank}}, index seconds) of a peer engine on one set; its index is built once per corpus."""
    os.makedirs(os.path.join(args.work, "peers"), exist_ok=True)
    db = os.path.join(args.work, "peers", f"{args.engine}-{corpus}")
    index_seconds = 0.0
    if not os.path.exists(db + ".done"):
        index_seconds = engine.index(corpus_jsonl(args.work, corpus), db, compact=False)["seconds"]
        with open(db + ".done", "w") as f:
            f.write(f"{index_seconds:.1f}\n")
    qpath = os.path.join(args.work, "peers", f"queries-{name}.tsv")
    bench_run.write_query_set(qpath, [{"id": qid, "kind": "knownitem", "query": q} for qid, q, _ in queries],
                              f"relevance.py set {name}")
    results, _ = engine.query(db, qpath, 0)
    return {r["id"]: {doc: i + 1 for i, doc in enumerate(r["docs"])} for r in results}, index_seconds


def keep_quotes(text):
    """A query with its quotation marks as phrase syntax (German „…“ and “…” become "…"); tabs become spaces."""
    for q in ("„", "“", "”"):
        text = text.replace(q, '"')
    return " ".join(text.replace("\t", " ").split())


def per_query(queries, ranks):
    """{qid: [rr, hit@10, ndcg@10]} for one-relevant-document queries."""
    out = {}
    for qid, _, doc in queries:
        r = ranks.get(qid, {}).get(doc)
        ok = r is not None and r <= 10
        out[qid] = [1.0 / r if ok else 0.0, 1.0 if ok else 0.0, 1.0 / math.log2(r + 1) if ok else 0.0]
    return out


def summary(pq):
    n = len(pq) or 1
    return {"queries": len(pq), "mrr@10": sum(v[0] for v in pq.values()) / n,
            "recall@10": sum(v[1] for v in pq.values()) / n, "ndcg@10": sum(v[2] for v in pq.values()) / n}


def randomisation_test(a, b, metric=0, permutations=10000, seed=42):
    """Two-sided paired randomisation test (sign flips of per-query differences); p-value of mean(b - a)."""
    diffs = [b[q][metric] - a[q][metric] for q in a if q in b]
    nz = [d for d in diffs if d != 0.0]
    observed = abs(sum(nz))
    if not nz:
        return 1.0
    rng = random.Random(seed)
    at_least = 0
    for _ in range(permutations):
        s = 0.0
        for d in nz:
            s += d if rng.random() < 0.5 else -d
        if abs(s) >= observed - 1e-12:
            at_least += 1
    return (at_least + 1) / (permutations + 1)


def run(args):
    env = dict(os.environ)
    for kv in args.query_env:
        k, _, v = kv.partition("=")
        env[k] = v
    if args.engine == "newsindex":
        key, fingerprint = analysis_key(args.build, args.work, env)
    else:
        key, fingerprint, peer = args.engine, args.engine, peer_engine(args)
    tune, test = fang_queries(args.fang_sample, args.seed)
    sets = {"fang-tune": ("fang", tune), "fang-test": ("fang", test),
            "wmt": ("wmt", knownitem.read_queries(os.path.join(SHARED, "eval", "wmt_newstest_knownitem.tsv"))),
            "xquad": ("xquad", xquad_queries())}
    if "gnad" in args.sets.split(","):
        sets["gnad"] = ("gnad", gnad_articles()[0])
    result = {"name": args.name, "keep_quotes": args.keep_quotes, "fingerprint": fingerprint, "analysis_key": key, "query_args": args.query_arg,
              "query_env": args.query_env, "build": args.build,
              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "sets": {}}
    for name in args.sets.split(","):
        corpus, queries = sets[name]
        queries = [(qid, keep_quotes(q) if args.keep_quotes else bench_run.clean_query(q), doc) for qid, q, doc in queries]
        if args.engine == "newsindex":
            db, index_seconds = cached_index(args.build, args.work, corpus, key, env)
            ranks, seconds = knownitem.run_queries(os.path.join(args.build, "query", "newsquery"), db, queries,
                                                   os.path.join(args.work, f"queries-{name}-{args.name}.tsv"), args.query_arg, env=env)
        else:
            t0 = time.time()
            ranks, index_seconds = peer_ranks(args, peer, name, corpus, queries)
            seconds = time.time() - t0 - index_seconds
        pq = per_query(queries, ranks)
        s = summary(pq)
        s.update(index_seconds=round(index_seconds, 1), query_seconds=round(seconds, 1))
        result["sets"][name] = {"summary": s, "per_query": pq}
        print(f"{args.name:16} {name:10} n={s['queries']:5} MRR@10 {s['mrr@10']:.4f}  recall@10 {s['recall@10']:.4f}  "
              f"nDCG@10 {s['ndcg@10']:.4f}  (index {index_seconds:.0f} s, queries {seconds:.0f} s)", flush=True)
    os.makedirs(os.path.join(args.work, "runs"), exist_ok=True)
    path = os.path.join(args.work, "runs", f"{args.name}.json")
    old = {}
    if os.path.exists(path):  # a run on more sets later keeps the sets measured before
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
        if old.get("fingerprint") == fingerprint and old.get("query_args") == args.query_arg and \
                old.get("query_env") == args.query_env:
            old["sets"].update(result["sets"])
            result["sets"] = old["sets"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f)


def compare(args):
    runs = []
    for name in args.compare:
        with open(os.path.join(args.work, "runs", f"{name}.json"), encoding="utf-8") as f:
            runs.append(json.load(f))
    base = runs[0]
    print("| variant | " + " | ".join(f"{s} MRR@10 / R@10 / nDCG@10 (p)" for s in args.sets.split(",")) + " |")
    print("|---|" + "---|" * len(args.sets.split(",")))
    for r in runs:
        cells = []
        for s in args.sets.split(","):
            if s not in r["sets"] or s not in base["sets"]:
                cells.append("n/a")
                continue
            m = r["sets"][s]["summary"]
            cell = f"{m['mrr@10']:.4f} / {m['recall@10']:.4f} / {m['ndcg@10']:.4f}"
            if r is not base:
                p = randomisation_test(base["sets"][s]["per_query"], r["sets"][s]["per_query"],
                                       permutations=args.permutations, seed=args.seed)
                d = m["mrr@10"] - base["sets"][s]["summary"]["mrr@10"]
                cell += f" ({d:+.4f}, p={p:.3f})"
            cells.append(cell)
        print(f"| {r['name']} | " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", help="name of this run (saved as WORK/runs/NAME.json)")
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--engine", default="newsindex", choices=("newsindex", "lucene", "xapian"),
                    help="lucene / xapian: bench/run's peers on the same sets (indexes in WORK/peers)")
    ap.add_argument("--work", default="/tmp/relevance")
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    ap.add_argument("--fang-sample", type=int, default=4000, help="FANG queries sampled, then halved")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--keep-quotes", action="store_true",
                    help="leave quotation marks in the queries (phrase syntax), as a pasted headline has them")
    ap.add_argument("--query-arg", action="append", default=[], help="extra newsquery argument, repeatable")
    ap.add_argument("--query-env", action="append", default=[], help="KEY=VALUE for newsindex/newsquery, repeatable")
    ap.add_argument("--compare", nargs="+", metavar="NAME", help="print saved runs, the first as the base, with p-values")
    ap.add_argument("--permutations", type=int, default=10000)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.compare:
        compare(args)
    elif args.name:
        run(args)
    else:
        ap.error("give --name (measure) or --compare (report)")


if __name__ == "__main__":
    main()
