#!/usr/bin/python3
"""Debian's python3-readability (readability-lxml) on one page (.html or .html.gz): prints
{"title","body","date"} as score.py expects. Readability finds no dates: date is always ""."""
import gzip, json, sys
import lxml.html
from readability import Document
path = sys.argv[1]
raw = (gzip.open if path.endswith(".gz") else open)(path, "rb").read()
doc = Document(raw)
summary = doc.summary(html_partial=True)
tree = lxml.html.fromstring(summary) if summary.strip() else None
paragraphs = []
if tree is not None:
    for el in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "td"):
        text = " ".join(el.text_content().split())
        if text: paragraphs.append(text)
    if not paragraphs: paragraphs = [" ".join(tree.text_content().split())]
print(json.dumps({"title": doc.short_title(), "body": "\n\n".join(paragraphs), "date": ""}, ensure_ascii=False))
