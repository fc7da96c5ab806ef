// Mozilla's Readability (npm @mozilla/readability with jsdom) on one page (.html or .html.gz):
// prints {"title","body","date"} as score.py expects. NODE_PATH must reach both packages.
const fs = require("fs"), zlib = require("zlib");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");
const path = process.argv[2];
let raw = fs.readFileSync(path);
if (path.endsWith(".gz")) raw = zlib.gunzipSync(raw);
const dom = new JSDOM(raw, { virtualConsole: new VirtualConsole() });
const article = new Readability(dom.window.document).parse() || {};
const body = (article.textContent || "").split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n\n");
console.log(JSON.stringify({ title: article.title || "", body, date: article.publishedTime || "" }));
