#!/usr/bin/env python3
"""Generate benchmark query sets from a JSONL corpus, deterministically (seeded).

Kinds (one TSV row each, engine-neutral syntax that every harness translates to its own):
  common     one or two of the most frequent content words          Regierung Bundestag
  rare       one or two capitalised words found in 2-5 articles     Kretschmer
  compound   one long word (>= 14 letters) found in >= 2 articles    Gesundheitsministerium
  phrase     two adjacent content words of a body, quoted             "neue Regeln"
  boolean    two frequent words joined by AND, with a date window     Polizei AND Berlin  2020-03-01 2020-08-31
  headline   a whole headline                                        Oracle bestätigt Gespräche ...

Output columns: query_id, kind, query, date_from, date_to (dates YYYY-MM-DD, empty when none).

  bench/make_queries.py --corpus corpus/sample/articles.jsonl --per-kind 10 --seed 7 --out bench/queries/sample.tsv

The sets for the sample corpus (our own text) are kept in bench/queries/; sets made from licensed
corpora contain their text and are written only into a benchmark's output folder.
"""
import argparse
import collections
import datetime
import io
import json
import random
import re
import subprocess

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# URLs, e-mail addresses and gender suffixes (Politiker*innen, Lehrer:innen) are no query words.
NOT_TEXT = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+|\S+\.(?:de|com|org|net|at|ch)\b\S*|[*:_/](?:innen|in)\b")
# Function words left out of generated queries (a short list: queries only need to avoid them).
STOP = set("""
aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bereits bin bis
bisher bist da dabei damit dann das dass daß dem den denn der des dessen die dies diese diesem diesen dieser
dieses doch dort du durch ein eine einem einen einer eines einige er es etwa euch für gegen gibt hat hatte
hätte haben hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in ins ist ja jede
jedem jeden jeder jetzt kann kein keine können könnte man mehr mit muss müssen nach nicht noch nun nur ob oder
ohne schon sehr sein seine seinem seinen seiner seit sich sie sind so soll sollen sollte sondern sowie um und
uns unter viel vom von vor war waren warum was weil weiter welche wenn wer werden wie wieder will wir wird
wurde wurden zu zum zur zwar zwei über sei seien neue neuen worden habe mal dem diese laut wegen sowie
""".split())


def open_text(path):
    if path.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        return io.TextIOWrapper(proc.stdout, encoding="utf-8")
    return open(path, encoding="utf-8")


def read_articles(paths, limit):
    for path in paths:
        with open_text(path) as f:
            for line in f:
                if not line.strip():
                    continue
                a = json.loads(line)
                yield {"title": a.get("title", "") or "", "body": a.get("body") or a.get("text") or "",
                       "date": (a.get("date") or "")[:10]}
                limit -= 1
                if limit == 0:
                    return


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True, help="JSONL (.zst ok); repeat for several")
    ap.add_argument("--per-kind", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--max-articles", type=int, default=20000, help="read at most this many articles")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rnd = random.Random(args.seed)

    df = collections.Counter()        # lowercase word -> articles containing it
    lower_seen = set()                # words that also occur lowercase (so not names)
    spelling = {}                     # lowercase -> first capitalised spelling
    titles, bodies, dates = [], [], []
    for a in read_articles(args.corpus, args.max_articles):
        words = set()
        for m in WORD.finditer(NOT_TEXT.sub(" ", a["title"] + "\n" + a["body"])):
            w = m.group(0)
            lw = w.lower()
            words.add(lw)
            if w[0].islower():
                lower_seen.add(lw)
            else:
                spelling.setdefault(lw, w)
        df.update(words)
        if len(WORD.findall(a["title"])) >= 3:
            titles.append(" ".join(a["title"].split()))
        bodies.append(a["body"])
        if re.fullmatch(r"\d{4}-\d\d-\d\d", a["date"]):
            dates.append(a["date"])
    n_docs = len(bodies)

    def content(lw):
        return lw not in STOP and len(lw) >= 4 and "-" not in lw

    ranked = sorted((w for w in df if content(w)), key=lambda w: (-df[w], w))
    common = ranked[:max(40, len(ranked) // 200)]
    rare = sorted(w for w in df if content(w) and 2 <= df[w] <= 5 and w not in lower_seen and w in spelling)
    compounds = sorted(w for w in df if content(w) and len(w) >= 14 and df[w] >= 2)
    show = lambda lw: spelling.get(lw, lw)  # noqa: E731 (query words as a writer would type them)

    rows = []

    def add(kind, query, date_from="", date_to=""):
        rows.append((f"{kind}-{sum(1 for r in rows if r[1] == kind) + 1:03d}", kind, query, date_from, date_to))

    for _ in range(args.per_kind):
        add("common", " ".join(show(w) for w in rnd.sample(common, rnd.choice((1, 2)))))
    for _ in range(min(args.per_kind, len(rare))):
        add("rare", " ".join(show(w) for w in rnd.sample(rare, rnd.choice((1, 1, 2)))))
    for w in rnd.sample(compounds, min(args.per_kind, len(compounds))):
        add("compound", show(w))
    tries = 0
    while sum(1 for r in rows if r[1] == "phrase") < args.per_kind and tries < 100 * args.per_kind:
        tries += 1
        toks = WORD.findall(NOT_TEXT.sub(" . ", rnd.choice(bodies)))
        if len(toks) < 3:
            continue
        i = rnd.randrange(len(toks) - 1)
        a, b = toks[i], toks[i + 1]
        if content(a.lower()) and content(b.lower()):
            add("phrase", f'"{a} {b}"')
    if dates:
        for _ in range(args.per_kind):
            a, b = rnd.sample(common[:40], 2)
            centre = datetime.date.fromisoformat(rnd.choice(dates))
            half = datetime.timedelta(days=rnd.choice((30, 91, 182)))
            add("boolean", f"{show(a)} AND {show(b)}", (centre - half).isoformat(), (centre + half).isoformat())
    for t in rnd.sample(titles, min(args.per_kind, len(titles))):
        add("headline", t.replace("\t", " ").replace('"', ""))

    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"# make_queries.py seed={args.seed} per_kind={args.per_kind} articles={n_docs}\n")
        f.write("query_id\tkind\tquery\tdate_from\tdate_to\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    counts = collections.Counter(r[1] for r in rows)
    print(json.dumps({"out": args.out, "articles": n_docs, "seed": args.seed, "queries": len(rows), "kinds": counts}))


if __name__ == "__main__":
    main()
