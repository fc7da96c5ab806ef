// Lucene 8 as a benchmark peer: GermanAnalyzer (light stemmer, umlaut normalisation, stop words),
// BM25 (Lucene's default similarity), MultiFieldQueryParser over title and body (OR), a date
// filter as a TermRangeQuery. What a Java developer gets from the stock components.
//
//   java -cp ... LuceneBench index DIR FILE.jsonl          index plain JSONL (id, title, body, date)
//   java -cp ... LuceneBench compact DIR                   forceMerge(1), the "after compaction" size
//   java -cp ... LuceneBench query DIR SET.tsv [threads] [rounds] [seed] [warmups] [ids|page]
//
// "page" makes a results page: each hit's stored title and best body passage highlighted by
// UnifiedHighlighter (analysis offsets, default BreakIterator sentences); "ids" (default) ids only.
// query prints the same per-query JSON lines as bench/query_latency (warm-up, a timed pass in seeded
// order, a throughput pass on `threads` threads sharing one IndexSearcher, which is thread-safe) and
// its parameters and a sanity count on stderr. Compiled by bench/run with javac at benchmark time.
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

public class LuceneBench {
  static String digits(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) if (c >= '0' && c <= '9') b.append(c);
    return b.toString();
  }

  static Map<String, String> parseFlat(JsonFactory f, String line) throws Exception {
    Map<String, String> m = new HashMap<>();
    try (JsonParser p = f.createParser(line)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) m.put(name, p.getText());
        else p.skipChildren();
      }
    }
    return m;
  }

  static void index(String dir, String input) throws Exception {
    JsonFactory f = new JsonFactory();
    IndexWriterConfig cfg = new IndexWriterConfig(new GermanAnalyzer());
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    long t0 = System.nanoTime();
    int n = 0;
    try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(dir)), cfg);
         BufferedReader in = Files.newBufferedReader(Paths.get(input), StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null;) {
        if (line.isEmpty()) continue;
        Map<String, String> a = parseFlat(f, line);
        String id = a.getOrDefault("id", "");
        Document d = new Document();
        d.add(new StringField("id", id, Field.Store.YES));
        d.add(new SortedDocValuesField("id", new BytesRef(id)));  // ids-only reads no stored text
        d.add(new TextField("title", a.getOrDefault("title", ""), Field.Store.YES));  // stored: results pages
        d.add(new TextField("body", a.getOrDefault("body", ""), Field.Store.YES));
        String date = a.getOrDefault("date", "");
        d.add(new StringField("date", digits(date.length() > 10 ? date.substring(0, 10) : date), Field.Store.NO));
        w.updateDocument(new Term("id", id), d);
        ++n;
      }
      w.commit();
      System.err.printf("lucene: indexed %d articles in %.2f s; sanity: index holds %d documents%n", n,
          (System.nanoTime() - t0) / 1e9, w.getDocStats().numDocs);
    }
  }

  static void compact(String dir) throws Exception {
    IndexWriterConfig cfg = new IndexWriterConfig(new GermanAnalyzer());
    try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(dir)), cfg)) {
      w.forceMerge(1);
      w.commit();
    }
  }

  record BenchQuery(String id, String kind, String text, String from, String to) {}

  // The classic parser's syntax characters other than quotes are escaped: the neutral query set uses
  // only words, "phrases" and AND, and headlines contain ':' or '!' that would otherwise be syntax.
  static String escapeExceptQuotes(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\+-!():^[]{}~*?|&/".indexOf(c) >= 0) b.append('\\');
      b.append(c);
    }
    return b.toString();
  }

  static Query build(Analyzer analyzer, BenchQuery q) throws ParseException {
    MultiFieldQueryParser qp = new MultiFieldQueryParser(new String[] {"title", "body"}, analyzer);
    Query query = qp.parse(escapeExceptQuotes(q.text()));
    if (q.from().isEmpty() && q.to().isEmpty()) return query;
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(TermRangeQuery.newStringRange("date", q.from().isEmpty() ? null : digits(q.from()),
             q.to().isEmpty() ? null : digits(q.to()), true, true), BooleanClause.Occur.FILTER)
        .build();
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  // A hit's id from the id doc values, as a Lucene application returns ids: without loading the
  // stored title and body (stored since the results-page mode; loading them made ids-only 7x slower).
  static String idOf(IndexReader reader, int doc) throws java.io.IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues dv = DocValues.getSorted(leaf.reader(), "id");
    return dv.advanceExact(doc - leaf.docBase) ? dv.binaryValue().utf8ToString() : "";
  }

  // The highlighted titles and best body passages of the hits; returns their length (sanity count).
  static long page(UnifiedHighlighter uh, Query query, TopDocs top) throws Exception {
    long chars = 0;
    for (String s : uh.highlight("title", query, top, 1)) chars += s == null ? 0 : s.length();
    for (String s : uh.highlight("body", query, top, 1)) chars += s == null ? 0 : s.length();
    return chars;
  }

  static void query(String dir, String set, int threads, int rounds, long seed, int warmups, boolean pages)
      throws Exception {
    List<BenchQuery> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(set), StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("query_id\t")) continue;
      String[] f = line.split("\t", -1);
      queries.add(new BenchQuery(f[0], f[1], f[2], f.length > 3 ? f[3] : "", f.length > 4 ? f[4] : ""));
    }
    System.err.printf("lucene: db=%s queries=%s (%d) limit=10 threads=%d rounds=%d seed=%d warmups=%d mode=%s%n", dir,
        set, queries.size(), threads, rounds, seed, warmups, pages ? "results-page" : "ids-only");
    Analyzer analyzer = new GermanAnalyzer();
    DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)));
    IndexSearcher searcher = new IndexSearcher(reader);
    UnifiedHighlighter uh = new UnifiedHighlighter(searcher, analyzer);
    long pageChars = 0;
    for (int w = 0; w < warmups; ++w)
      for (BenchQuery q : queries) {
        try {
          Query query = build(analyzer, q);
          TopDocs top = searcher.search(query, 10);
          if (pages) page(uh, query, top);
        } catch (ParseException e) { /* reported below */ }
      }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < queries.size(); ++i) order.add(i);
    Collections.shuffle(order, new Random(seed));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    int withResults = 0, returned = 0;
    for (int i : order) {
      BenchQuery q = queries.get(i);
      long t0 = System.nanoTime();
      List<String> ids = new ArrayList<>();
      long total = 0;
      String error = null;
      try {
        Query query = build(analyzer, q);
        TopDocs top = searcher.search(query, 10);
        total = top.totalHits.value;
        for (ScoreDoc sd : top.scoreDocs) ids.add(idOf(reader, sd.doc));
        if (pages) pageChars += page(uh, query, top);
      } catch (ParseException e) {
        error = e.getMessage().split("\n")[0];
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      if (!ids.isEmpty()) ++withResults;
      returned += ids.size();
      StringBuilder b = new StringBuilder();
      b.append("{\"id\":").append(json(q.id())).append(",\"kind\":").append(json(q.kind()))
          .append(",\"ms\":").append(ms).append(",\"total\":").append(total).append(",\"docs\":[");
      for (int k = 0; k < ids.size(); ++k) b.append(k > 0 ? "," : "").append(json(ids.get(k)));
      b.append("]");
      if (error != null) b.append(",\"error\":").append(json(error));
      out.println(b.append("}"));
    }
    System.err.printf("lucene: sanity: %d of %d queries have results, %d results returned, %d chars of titles and passages%n",
        withResults, queries.size(), returned, pageChars);
    if (threads > 0) {
      int n = queries.size() * Math.max(rounds, 1);
      AtomicInteger next = new AtomicInteger();
      List<Thread> pool = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < threads; ++t) {
        Thread th = new Thread(() -> {
          for (int i; (i = next.getAndIncrement()) < n;) {
            try {
              TopDocs top = searcher.search(build(analyzer, queries.get(i % queries.size())), 10);
              for (ScoreDoc sd : top.scoreDocs) idOf(reader, sd.doc);
            } catch (Exception e) { /* parse errors counted in the timed pass */ }
          }
        });
        pool.add(th);
        th.start();
      }
      for (Thread th : pool) th.join();
      double s = (System.nanoTime() - t0) / 1e9;
      out.printf("{\"throughput\":{\"threads\":%d,\"queries\":%d,\"seconds\":%f,\"qps\":%f}}%n", threads, n, s, n / s);
    }
    out.flush();
    reader.close();
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "index" -> index(args[1], args[2]);
      case "compact" -> compact(args[1]);
      case "query" -> query(args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 2,
          args.length > 4 ? Integer.parseInt(args[4]) : 3, args.length > 5 ? Long.parseLong(args[5]) : 42,
          args.length > 6 ? Integer.parseInt(args[6]) : 1, args.length > 7 && args[7].equals("page"));
      default -> { System.err.println("usage: LuceneBench index|compact|query ..."); System.exit(2); }
    }
  }
}
