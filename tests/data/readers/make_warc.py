#!/usr/bin/env python3
"""Writes crawl.warc (and crawl.warc.gz, one gzip member per record as CC-NEWS has them):
a small WARC in the CC-NEWS layout, with our own article pages. Run from this folder."""
import gzip
import hashlib

PAGE_1 = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Stadtrat beschließt Baumschutzsatzung</title>
<meta property="article:published_time" content="2026-11-23T12:00:00+01:00"></head>
<body><nav><a href="/">Start</a> <a href="/lokales">Lokales</a></nav>
<article><h1>Stadtrat beschließt Baumschutzsatzung</h1>
<p>Der Stadtrat hat am Montagabend eine neue Baumschutzsatzung beschlossen. Künftig dürfen große Bäume auch auf Privatgrundstücken nur noch mit Genehmigung gefällt werden.</p>
<p>Für jeden gefällten Baum muss ein neuer gepflanzt werden. bri/kle (afp, dpa)</p></article>
<footer>Impressum</footer></body></html>"""

PAGE_2 = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Gemeinde erweitert Kita</title></head><body><div class="content">
<h1>Gemeinde erweitert Kita</h1><p>Die Gemeinde baut ihre Kindertagesstätte um zwei Gruppen aus. Damit entstehen dreißig zusätzliche Plätze für Kinder unter drei Jahren.</p>
</div></body></html>"""


def record(warc_type, uri, date, block, content_type):
    block = block if isinstance(block, bytes) else block.encode("utf-8")
    rid = hashlib.sha1((warc_type + (uri or "")).encode()).hexdigest()[:12]
    head = (f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{rid}>\r\n"
            + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
            + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode("ascii") + block + b"\r\n\r\n"


def http(body, content_type, status="200 OK"):
    body = body if isinstance(body, bytes) else body.encode("utf-8")
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


records = [
    record("warcinfo", None, "2026-11-24T02:00:00Z", "software: newsindex test fixture\r\n", "application/warc-fields"),
    record("request", "https://www.elbpost.de/lokales/baumschutz", "2026-11-24T02:00:01Z",
           "GET /lokales/baumschutz HTTP/1.1\r\nHost: www.elbpost.de\r\n\r\n", "application/http; msgtype=request"),
    record("response", "https://www.elbpost.de/lokales/baumschutz", "2026-11-24T02:00:02Z",
           http(PAGE_1, "text/html; charset=utf-8"), "application/http; msgtype=response"),
    record("metadata", "https://www.elbpost.de/lokales/baumschutz", "2026-11-24T02:00:02Z",
           "fetchTimeMs: 120\r\n", "application/warc-fields"),
    record("response", "https://www.elbpost.de/robots.txt", "2026-11-24T02:00:03Z",
           http("User-agent: *\nDisallow:\n", "text/plain"), "application/http; msgtype=response"),
    record("response", "https://www.elbpost.de/alt", "2026-11-24T02:00:04Z",
           http("", "text/html", "301 Moved Permanently"), "application/http; msgtype=response"),
    record("response", "https://gemeindeblatt.de/kita", "2026-11-24T02:00:05Z",
           http(PAGE_2.encode("latin-1"), "text/html"), "application/http; msgtype=response"),
]
with open("crawl.warc", "wb") as f:
    f.write(b"".join(records))
with open("crawl.warc.gz", "wb") as f:
    for r in records:
        f.write(gzip.compress(r, mtime=0))
