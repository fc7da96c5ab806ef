// Every input format through open_reader(), on our fixtures in tests/data/readers/.
#include <chrono>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "reader.h"
#include "test_support.h"

using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

const std::string kDir = std::string(NEWSINDEX_TEST_DATA_DIR) + "/readers/";

struct Read {
  std::vector<Article> articles;
  std::vector<ReadProblem> problems;
  const Article& by_id(const std::string& id) const {
    for (const Article& a : articles)
      if (a.id == id) return a;
    FAIL("no article " << id);
    return articles.front();
  }
  std::size_t skipped() const {
    return static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(), [](auto& p) { return p.skipped; }));
  }
};

Read read_with(const std::string& path, const ReaderOptions& options) {
  Read r;
  auto reader = open_reader(path, options, [&](const ReadProblem& p) { r.problems.push_back(p); });
  Article a;
  while (reader->next(a)) r.articles.push_back(a);
  return r;
}

Read read(const std::string& path, const std::string& format = "auto") {
  ReaderOptions options;
  options.format = format;
  return read_with(path, options);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("format detection: by name (compression stripped), then by content", "[corpus][readers]") {
  struct Row {
    const char* name;
    const char* format;
  };
  const Row names[] = {{"a.jsonl", "jsonl"},   {"a.ndjson.gz", "jsonl"}, {"b.CSV", "csv"},      {"b.tsv.zst", "tsv"},
                       {"feed.rss", "rss"},    {"feed.xml", "rss"},      {"feed.atom", "atom"}, {"p.html", "html"},
                       {"p.htm.gz", "html"},   {"t.txt", "text"},        {"c.warc.gz", "warc"}, {"noext", ""},
                       {"-", ""},              {"x.pdf", ""}};
  for (const Row& r : names) {
    INFO(r.name);
    CHECK(format_from_name(r.name) == r.format);
  }
  const Row heads[] = {{"{\"id\":1}", "jsonl"},
                       {"\xEF\xBB\xBF  {\"id\":1}", "jsonl"},
                       {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "rss"},
                       {"<feed xmlns=\"http://www.w3.org/2005/Atom\">", "rss"},
                       {"<!DOCTYPE html>\n<html>", "html"},
                       {"<html lang=de>", "html"},
                       {"WARC/1.0\r\nWARC-Type: warcinfo", "warc"},
                       {"Eine Überschrift\n\nDer Text.", "text"},
                       {"\x7f" "ELF\x02\x01\x01\x00\x00", ""},
                       {"<?xml version=\"1.0\"?><svg/>", ""},
                       {"", ""}};
  for (const Row& r : heads) {
    INFO(r.name);
    CHECK(sniff_format(r.name) == r.format);
  }
}

TEST_CASE("CSV with a header: default column names, quoted newlines, doubled quotes, metadata", "[corpus][readers][csv]") {
  Read r = read(kDir + "articles.csv");
  REQUIRE(r.articles.size() == 3);
  const Article& a = r.by_id("csv-1");
  CHECK(a.title == "Stadtwerke senken Fernwärmepreise");
  CHECK(contains(a.body, "um durchschnittlich acht Prozent.\n\nEin Sprecher"));
  CHECK(contains(a.body, "\"gesunkene Einkaufskosten\""));
  CHECK(a.date == "2026-11-20T08:15:00+01:00");
  CHECK(a.source == "rheinkurier.de");  // from the URL
  CHECK(a.agency == "dpa");
  CHECK(a.lang == "de");
  CHECK(a.category == "Wirtschaft");
  CHECK(a.origin.ends_with("articles.csv:2"));
  CHECK(r.by_id("csv-2").origin.ends_with("articles.csv:5"));  // the record after a 3-line one
  CHECK(r.by_id("csv-2").date == "2026-11-20");
  CHECK(r.by_id("csv-3").date.empty());
  REQUIRE(r.problems.size() == 1);  // the date of csv-3: a warning, the article kept
  CHECK_FALSE(r.problems[0].skipped);
  CHECK(r.problems[0].where.ends_with("articles.csv:6"));
}

TEST_CASE("CSV: --map renames columns and unknown columns are an error for the file", "[corpus][readers][csv]") {
  TempDir dir;
  write_file(dir.file("x.csv"), "nr;schlagzeile;inhalt;zeit\n7;Titel;Der Inhalt steht hier.;2026-01-02\n");
  ReaderOptions options;
  options.field_map = parse_field_map("id=nr, title=schlagzeile,body=inhalt,date=zeit");
  Read r = read_with(dir.file("x.csv"), options);
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].id == "7");
  CHECK(r.articles[0].title == "Titel");
  CHECK(r.articles[0].body == "Der Inhalt steht hier.");
  CHECK(r.articles[0].date == "2026-01-02");

  options.field_map = parse_field_map("body=fehlt");
  CHECK_THROWS_WITH(read_with(dir.file("x.csv"), options), Catch::Contains("no column \"fehlt\""));
  CHECK_THROWS_WITH(read(dir.file("x.csv")), Catch::Contains("no body column"));
  CHECK_THROWS_AS(parse_field_map("autor=x"), UsageError);
  CHECK_THROWS_AS(parse_field_map("body"), UsageError);
}

TEST_CASE("CSV without a header in 10kGNAD style with quote characters as in the original", "[corpus][readers][csv]") {
  ReaderOptions options;
  options.format = "csv";
  options.csv_columns = {"category", "body"};
  options.csv_quote = '\'';
  Read r = read_with(kDir + "gnad_style.csv", options);
  REQUIRE(r.articles.size() == 3);
  CHECK(r.problems.empty());
  CHECK(r.articles[0].category == "Sport");
  CHECK(contains(r.articles[1].body, "von einer 'angespannten Lage'."));
  CHECK(r.articles[1].agency == "apa");
  CHECK(contains(r.articles[2].body, "Klassikers.\nDie Premiere"));
  CHECK(r.articles[2].origin.ends_with(":3"));
}

TEST_CASE("CSV: bad rows reported with file:line, reading goes on", "[corpus][readers][csv]") {
  Read r = read(kDir + "broken.csv");
  std::vector<std::string> ids;
  for (auto& a : r.articles) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"b-1", "b-5"});
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].where.ends_with("broken.csv:3"));
  CHECK(contains(r.problems[0].message, "expected 3 fields, found 4"));
  CHECK(r.problems[1].where.ends_with("broken.csv:4"));
  CHECK(contains(r.problems[1].message, "empty body"));
  CHECK(r.problems[2].where.ends_with("broken.csv:5"));
  CHECK(contains(r.problems[2].message, "unterminated"));
  CHECK(r.by_id("b-5").origin.ends_with("broken.csv:6"));
}

TEST_CASE("TSV: tab-separated by extension", "[corpus][readers][csv]") {
  TempDir dir;
  write_file(dir.file("x.tsv"), "title\tbody\turl\nEin Titel\tEin Text, mit Komma; und Semikolon.\thttps://www.elbpost.de/x\n");
  Read r = read(dir.file("x.tsv"));
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body == "Ein Text, mit Komma; und Semikolon.");
  CHECK(r.articles[0].source == "elbpost.de");
}

TEST_CASE("RSS 2.0: fields, content:encoded as text, syndication footer dropped", "[corpus][readers][feed]") {
  Read r = read(kDir + "feed.rss");
  REQUIRE(r.articles.size() == 2);
  const Article& a = r.articles[0];
  CHECK(a.id == "elbpost-4711");
  CHECK(a.title == "Hochwasserschutz: Deich wird erhöht");
  CHECK(a.url == "https://elbpost.de/region/deich-erhoehung");
  CHECK(a.date == "2026-11-26T07:45:00+01:00");
  CHECK(a.category == "Region");
  CHECK(a.source == "elbpost.de");
  CHECK(a.body ==
        "Der Deich an der Elbe wird auf drei Kilometern um einen halben Meter erhöht. Das Land & der Bund teilen sich "
        "die Kosten von 14 Millionen Euro.\n\nDie Arbeiten sollen im Sommer beginnen – nach der Brutzeit der Vögel.");
  const Article& b = r.articles[1];
  CHECK(b.body == "Bonn (KNA) - Die beiden großen Kirchen haben zu Spenden für die Betroffenen der Überschwemmungen aufgerufen.");
  CHECK(b.agency == "kna");
  CHECK(b.origin.ends_with("feed.rss:19"));
  REQUIRE(r.problems.size() == 1);  // the item without text
  CHECK(r.problems[0].where.ends_with("feed.rss:25"));
}

TEST_CASE("Atom: xhtml and html content, alternate link, published date, category label", "[corpus][readers][feed]") {
  Read r = read(kDir + "feed.atom");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.problems.empty());
  const Article& a = r.articles[0];
  CHECK(a.title == "Tarifeinigung im Nahverkehr");
  CHECK(a.url == "https://www.rheinkurier.de/wirtschaft/tarifeinigung");
  CHECK(a.id == "tag:rheinkurier.de,2026:tarifeinigung");
  CHECK(a.date == "2026-11-26T09:30:00+01:00");
  CHECK(a.category == "Wirtschaft");
  CHECK(a.agency == "afp,dpa");
  CHECK(contains(a.body, "geeinigt.\n\nDie Beschäftigten"));
  CHECK(r.articles[1].date == "2026-11-25T16:20:00Z");
  CHECK(r.articles[1].url == "https://www.rheinkurier.de/kultur/schenkung");
  CHECK(r.articles[1].body == "Ein Sammler hat dem Stadtmuseum dreißig Gemälde geschenkt. Die Werke sollen ab Frühjahr gezeigt werden.");
}

TEST_CASE("feeds: entities in a DOCTYPE are never expanded (entity bomb, external entity)", "[corpus][readers][feed]") {
  const auto t0 = std::chrono::steady_clock::now();
  Read r = read(kDir + "entity_bomb.rss");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(seconds < 5.0);  // an expansion would be a billion "lol"s
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body.size() < 300);
  CHECK(contains(r.articles[0].body, "&lol9;"));
  CHECK_FALSE(contains(r.articles[0].body, "lollol"));
  CHECK_FALSE(contains(r.articles[0].body, "root:"));
}

TEST_CASE("feeds: malformed XML reported with its line, complete items kept", "[corpus][readers][feed]") {
  Read r = read(kDir + "malformed.rss");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].url == "https://elbpost.de/a/vollstaendig");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].skipped);
  CHECK(contains(r.problems[0].message, "malformed XML"));
  CHECK(r.problems[0].where.ends_with("malformed.rss:14"));
}

TEST_CASE("HTML page: title, date, canonical url, article text without page furniture", "[corpus][readers][html]") {
  Read r = read(kDir + "article.html");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.problems.empty());
  const Article& a = r.articles[0];
  CHECK(a.title == "Brückensanierung dauert länger als geplant");
  CHECK(a.url == "https://www.rheinkurier.de/verkehr/brueckensanierung");
  CHECK(a.date == "2026-11-24T16:05:00+01:00");
  CHECK(a.source == "rheinkurier.de");
  CHECK(a.agency == "dpa");
  CHECK(a.lang == "de");
  CHECK(a.body ==
        "Köln (dpa) – Die Sanierung der Rheinbrücke verzögert sich um mindestens ein Jahr.\n\n"
        "Grund seien Schäden an den Stahlträgern, die erst bei den Bauarbeiten entdeckt wurden, teilte die Stadt am "
        "Dienstag mit. Pendler müssen sich auf weitere Umleitungen einstellen.\n\n"
        "Die Kosten steigen nach Angaben der Verwaltung von 80 auf 95 Millionen Euro – der Stadtrat muss zustimmen. "
        "„Wir haben keine Wahl“, sagte der Baudezernent.");  // the date line alone is page furniture (issue 14)
}

TEST_CASE("HTML page without <article>: link lists and boilerplate dropped, <title> as fallback", "[corpus][readers][html]") {
  TempDir dir;
  write_file(dir.file("p.htm"),
             "<html><head><title>Neue Buslinie</title></head><body>"
             "<div><a href='/a'>Start</a> | <a href='/b'>Lokales</a></div>"
             "<div><p>Ab Montag fährt eine neue Buslinie durch das Gewerbegebiet.</p>"
             "<p>Lesen Sie auch: Alles zum Nahverkehr</p></div></body></html>");
  Read r = read(dir.file("p.htm"));
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Neue Buslinie");
  CHECK(r.articles[0].body == "Ab Montag fährt eine neue Buslinie durch das Gewerbegebiet.");
  CHECK(r.articles[0].url.empty());
  CHECK(r.articles[0].date.empty());
}

TEST_CASE("plain text: first line title, rest body, English detected", "[corpus][readers][text]") {
  Read r = read(kDir + "article.txt");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Landkreis stellt neue Busse in Dienst");
  CHECK(r.articles[0].body.starts_with("Der Landkreis hat zwölf"));
  CHECK(r.articles[0].body.ends_with("Quelle: epd"));
  CHECK(r.articles[0].agency == "epd");
  CHECK(r.articles[0].lang == "de");
  Read en = read(kDir + "english.txt");
  REQUIRE(en.articles.size() == 1);
  CHECK(en.articles[0].lang == "en");
  TempDir dir;
  write_file(dir.file("only-title.txt"), "\n  Nur ein Titel  \n\n");
  Read t = read(dir.file("only-title.txt"));
  CHECK(t.articles.empty());
  REQUIRE(t.problems.size() == 1);
  CHECK(contains(t.problems[0].message, "no text after the title"));
}

TEST_CASE("WARC: HTML responses become articles, the rest is counted once", "[corpus][readers][warc]") {
  for (const char* name : {"crawl.warc", "crawl.warc.gz"}) {
    INFO(name);
    Read r = read(kDir + name);
    REQUIRE(r.articles.size() == 2);
    const Article& a = r.articles[0];
    CHECK(a.title == "Stadtrat beschließt Baumschutzsatzung");
    CHECK(a.url == "https://www.elbpost.de/lokales/baumschutz");
    CHECK(a.source == "elbpost.de");
    CHECK(a.date == "2026-11-23T12:00:00+01:00");  // the page's date, not the crawl time
    CHECK(a.agency == "afp,dpa");
    CHECK(a.origin.ends_with(":record 3"));
    CHECK_FALSE(contains(a.body, "Impressum"));
    const Article& b = r.articles[1];
    CHECK(b.title == "Gemeinde erweitert Kita");
    CHECK(contains(b.body, "Kindertagesstätte um zwei Gruppen aus. Damit entstehen dreißig"));  // Latin-1 decoded
    CHECK(b.date == "2026-11-24T02:00:05Z");  // no date in the page: the crawl time
    REQUIRE(r.problems.size() == 1);
    CHECK_FALSE(r.problems[0].skipped);
    CHECK(r.problems[0].message ==
          "7 WARC records, 2 articles; not articles: 1 metadata, 1 non-2xx responses, 1 non-HTML responses, 1 request, 1 warcinfo");
  }
}

TEST_CASE("WARC: truncated file and garbage reported, readable records kept", "[corpus][readers][warc]") {
  TempDir dir;
  const std::string warc = slurp(kDir + "crawl.warc");
  const std::size_t cut = warc.find("Gemeinde erweitert Kita");
  REQUIRE(cut != std::string::npos);
  write_file(dir.file("cut.warc"), warc.substr(0, cut));
  Read r = read(dir.file("cut.warc"));
  CHECK(r.articles.size() == 1);
  CHECK(r.skipped() == 1);
  CHECK(contains(r.problems[0].message, "truncated record"));
  CHECK(r.problems[0].where.ends_with("cut.warc:record 7"));

  write_file(dir.file("junk.warc"), "kein WARC\n\x01\x02\x03\n" + warc);
  Read j = read(dir.file("junk.warc"));
  CHECK(j.articles.size() == 2);
  CHECK(j.skipped() == 1);
  CHECK(contains(j.problems[0].message, "non-WARC data"));
}

TEST_CASE("binary garbage: no format, a clear error for the file", "[corpus][readers]") {
  TempDir dir;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 251);
  write_file(dir.file("garbage"), garbage);
  CHECK_THROWS_WITH(read(dir.file("garbage")), Catch::Contains("cannot tell the input format"));
  write_file(dir.file("garbage.html"), garbage);
  Read r = read(dir.file("garbage.html"));  // forced by the name: read, found nothing, said so
  CHECK(r.articles.size() <= 1);
}

TEST_CASE("forced format and sniffing of extension-less files", "[corpus][readers]") {
  TempDir dir;
  write_file(dir.file("feed-without-extension"), slurp(kDir + "feed.atom"));
  CHECK(read(dir.file("feed-without-extension")).articles.size() == 2);
  write_file(dir.file("data.dat"), slurp(kDir + "gnad_style.csv"));
  ReaderOptions options;
  options.format = "csv";
  options.csv_columns = {"category", "body"};
  options.csv_quote = '\'';
  options.csv_delimiter = ';';
  CHECK(read_with(dir.file("data.dat"), options).articles.size() == 3);
  CHECK_THROWS_AS(read(dir.file("data.dat"), "pdf"), InputError);
}
