#!/usr/bin/env python3
"""One HTTP request to newsserve on loopback for the e2e tests: prints the status on the first
line, then the headers as "Name: value" lines, a blank line and the body.
usage: http_get.py PORT METHOD TARGET [BODY_FILE|-] [TOKEN] [CONTENT_TYPE]   (TARGET is sent as given, unnormalised)"""
import http.client
import sys

port, method, target = int(sys.argv[1]), sys.argv[2], sys.argv[3]
body = None
if len(sys.argv) > 4 and sys.argv[4] != "-":
    with open(sys.argv[4], "rb") as f:
        body = f.read()
headers = {}
if len(sys.argv) > 5 and sys.argv[5]:
    headers["Authorization"] = "Bearer " + sys.argv[5]
content_type = sys.argv[6] if len(sys.argv) > 6 else "application/x-ndjson"
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
conn.putrequest(method, target, skip_accept_encoding=True)
for k, v in headers.items():
    conn.putheader(k, v)
if body is not None:
    conn.putheader("Content-Type", content_type)
    conn.putheader("Content-Length", str(len(body)))
conn.endheaders()
if body is not None:
    conn.send(body)
res = conn.getresponse()
data = res.read()
out = sys.stdout.buffer
out.write(f"{res.status}\n".encode())
for k, v in res.getheaders():
    out.write(f"{k}: {v}\n".encode())
out.write(b"\n" + data)
