#!/usr/bin/env python3
"""Load test of newsserve on loopback: starts `newsserve --db DB` on a free 127.0.0.1 port, runs
CLIENTS concurrent keep-alive clients for SECONDS (a fixed, seeded mix of searches, searches
with facets, completions and timelines), samples the server's RSS twice a second, stops it and
prints p50/p95/p99/max latency, requests/s, errors and the RSS over the run (one JSON line last).
Bounded: never more than CLIENTS requests in flight, never beyond SECONDS, loopback only.

usage: bench/server_load.py --newsserve build/server/newsserve --db DB [--clients 8] [--seconds 30]"""
import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

# Our own query words (no corpus text): what a newsroom might search in a COVID-era archive.
WORDS = ["Corona", "Impfung", "Lockdown Schulen", "Maskenpflicht", "Inzidenz Berlin", "Pandemie Wirtschaft",
         "Impfstoff", "Kurzarbeit", "Quarantäne", "Intensivstationen", "Testpflicht Reisende", "Gesundheitsamt",
         "Ausgangssperre", "Virus Mutation", "\"zweite Welle\"", "Bundesregierung Maßnahmen", "Kita Notbetreuung",
         "Homeoffice", "Grenzkontrollen", "Impfzentrum Termin"]
PREFIXES = ["Impf", "Pande", "Masken", "Infektionsschu", "Lockd", "Quarant", "Kurzarb", "Gesundheitsa"]


def request_mix(rng, mix):
    kind = rng.random() if mix == "page" else 0.0
    if kind < 0.55:
        return "search", "/api/search?" + urllib.parse.urlencode({"q": rng.choice(WORDS), "limit": 10,
                                                                  "offset": rng.choice([0, 0, 0, 10])})
    if kind < 0.70:
        return "search+facets", "/api/search?" + urllib.parse.urlencode(
            {"q": rng.choice(WORDS), "limit": 10, "facets": "source,category,agency,year"})
    if kind < 0.85:
        return "suggest", "/api/suggest?" + urllib.parse.urlencode({"q": rng.choice(PREFIXES)})
    return "timeline", "/api/timeline?" + urllib.parse.urlencode({"q": rng.choice(WORDS)})


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsserve", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--threads", type=int, default=16, help="newsserve --threads")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mix", choices=["page", "search"], default="page",
                    help="page: what the search page asks (55%% search, 15%% search with facets, 15%% suggest, 15%% "
                         "timeline); search: plain /api/search only")
    ap.add_argument("--warmup", type=float, default=10,
                    help="seconds of the same load before measuring (searcher pool and caches fill)")
    a = ap.parse_args()
    if not 1 <= a.clients <= 64 or not 0 < a.seconds <= 600:
        sys.exit("clients 1..64, seconds up to 600")

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    log = open(os.devnull, "w")
    server = subprocess.Popen([a.newsserve, "--db", a.db, "--listen", f"127.0.0.1:{port}", "--threads", str(a.threads)],
                              stderr=log)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit("newsserve exited")
                time.sleep(0.1)
        # Warm-up: one of each request kind, so the first figures are not start-up costs.
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in ["/api/search?q=Corona", "/api/search?q=Corona&facets=source", "/api/suggest?q=Impf",
                     "/api/timeline?q=Corona"]:
            warm.request("GET", path)
            warm.getresponse().read()
        warm.close()

        print(f"newsserve --db {a.db} --threads {a.threads}; {a.clients} clients, mix {a.mix}, {a.warmup:g} s warm-up "
              f"then {a.seconds:g} s measured on 127.0.0.1:{port}, seed {a.seed}", file=sys.stderr)
        lat, errors, lock = {}, [], threading.Lock()
        rss = []
        stop_at = 0.0

        def client(n):
            rng = random.Random(a.seed * 1000 + n + (500 if measuring else 0))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine = []
            while time.monotonic() < stop_at:
                kind, path = request_mix(rng, a.mix)
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path)
                    r = conn.getresponse()
                    body = r.read()
                    ok = r.status == 200 and body[:1] == b"{"
                except (OSError, http.client.HTTPException) as e:
                    ok, body = False, str(e).encode()
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                dt = (time.perf_counter() - t0) * 1000
                mine.append((kind, dt))
                if not ok:
                    with lock:
                        errors.append(f"{path}: {body[:120]!r}")
            with lock:
                for kind, dt in mine:
                    lat.setdefault(kind, []).append(dt)

        measuring = False
        if a.warmup > 0:
            stop_at = time.monotonic() + a.warmup
            warmers = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
            for t in warmers:
                t.start()
            for t in warmers:
                t.join()
            lat.clear()
            errors_in_warmup = len(errors)
        else:
            errors_in_warmup = 0
        measuring = True
        stop_at = time.monotonic() + a.seconds
        threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
        t_start = time.monotonic()
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            rss.append((round(time.monotonic() - t_start, 1), rss_kb(server.pid)))
            time.sleep(0.5)
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t_start
    finally:
        server.terminate()
        server.wait(timeout=30)

    def pct(xs, p):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]

    everything = [x for xs in lat.values() for x in xs]
    errors = errors[errors_in_warmup:] + [f"(warm-up) {e}" for e in errors[:errors_in_warmup]]
    out = {"clients": a.clients, "mix": a.mix, "warmup_s": a.warmup, "seconds": round(elapsed, 1), "requests": len(everything),
           "req_per_s": round(len(everything) / elapsed, 1), "errors": len(errors),
           "p50_ms": round(pct(everything, 50), 2), "p95_ms": round(pct(everything, 95), 2),
           "p99_ms": round(pct(everything, 99), 2), "max_ms": round(max(everything), 2),
           "by_kind": {k: {"n": len(v), "p50_ms": round(pct(v, 50), 2), "p99_ms": round(pct(v, 99), 2)} for k, v in sorted(lat.items())},
           "rss_mb": {"first": round(rss[0][1] / 1024, 1), "after_5s": round(next((r for t, r in rss if t >= 5), rss[-1][1]) / 1024, 1),
                      "max": round(max(r for _, r in rss) / 1024, 1), "last": round(rss[-1][1] / 1024, 1),
                      "samples": len(rss),
                      "every_5s": [round(r / 1024, 1) for t, r in rss if abs(t / 5 - round(t / 5)) < 0.05]}}
    print(f"{out['requests']} requests in {out['seconds']} s: {out['req_per_s']} req/s, errors {out['errors']}; "
          f"latency p50 {out['p50_ms']} / p95 {out['p95_ms']} / p99 {out['p99_ms']} / max {out['max_ms']} ms; "
          f"RSS MB first {out['rss_mb']['first']}, after 5 s {out['rss_mb']['after_5s']}, max {out['rss_mb']['max']}, last {out['rss_mb']['last']}; "
          f"every 5 s {out['rss_mb']['every_5s']}")
    for k, v in out["by_kind"].items():
        print(f"  {k:14} n {v['n']:6}  p50 {v['p50_ms']:7.2f} ms  p99 {v['p99_ms']:7.2f} ms")
    for e in errors[:5]:
        print("  error:", e)
    print(json.dumps(out))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
