// Main-content extraction and the feed/URL kinds of issue 14, on our own fixtures in
// tests/data/extract/ (short original pages and feeds).
#include <catch2/catch.hpp>

#include "html_text.h"
#include "reader.h"
#include "test_support.h"

using namespace newsindex;

namespace {

const std::string kDir = std::string(NEWSINDEX_TEST_DATA_DIR) + "/extract/";

struct Read {
  std::vector<Article> articles;
  std::vector<ReadProblem> problems;
};

// Every article and problem of a file: a name in tests/data/extract, or a path.
Read read(const std::string& name) {
  Read r;
  const std::string path = name.find('/') == std::string::npos ? kDir + name : name;
  auto reader = open_reader(path, "auto", [&](const ReadProblem& p) { r.problems.push_back(p); });
  Article a;
  while (reader->next(a)) r.articles.push_back(a);
  return r;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("extraction: teaser cards, lists of other stories, sidebar, bylines and notices dropped, lead, subheading, paragraphs kept in order",
          "[corpus][extract]") {
  Read r = read("teasers.html");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.problems.empty());
  const Article& a = r.articles[0];
  CHECK(a.title == "Neue Fähre verbindet die Halligen");
  CHECK(a.body ==
        "Husum – Seit Montag pendelt eine elektrisch betriebene Fähre zwischen dem Festland und drei Halligen, die "
        "bisher nur zweimal am Tag erreichbar waren.\n\n"
        "Das Schiff bietet Platz für achtzig Fahrgäste und zwölf Fahrräder, wie die Reederei am Montag mitteilte. Es "
        "lädt während der Liegezeit im Hafen, eine Fahrt dauert knapp vierzig Minuten.\n\n"
        "Mehr Fahrten im Sommer\n\n"
        "Im Sommer sollen vier statt zwei Fahrten am Tag angeboten werden. Die Bewohner der Halligen hatten sich lange "
        "für eine bessere Anbindung eingesetzt, vor allem wegen der Arzttermine auf dem Festland.\n\n"
        "„Für uns ist das ein großer Schritt“, sagte die Bürgermeisterin, die selbst auf einer der Inseln lebt. Die "
        "Kosten von sechs Millionen Euro tragen Land und Kreis gemeinsam.");
  for (const char* gone : {"Deichbau", "Hafenfest", "Meistgelesen", "Wetter", "Cookies", "Lesezeit", "Jana Petersen",
                           "Newsletter", "Impressum", "Anmelden"})
    CHECK_FALSE(contains(a.body, gone));
}

TEST_CASE("metadata: JSON-LD NewsArticle datePublished with its offset, author, publisher before meta and <time>, og:title, then headline",
          "[corpus][extract]") {
  std::string html = "<html><head><script type='application/ld+json'>"
                     "{\"@type\":[\"NewsArticle\"],\"headline\":\"Kopf\",\"datePublished\":\"2026-03-01T00:30:00+01:00\","
                     "\"author\":{\"name\":\"A. Autor\"},\"publisher\":{\"@type\":\"Organization\",\"name\":\"Blatt\"}}"
                     "</script><meta property='og:title' content='OG-Titel'></head><body><p>Text.</p></body></html>";
  HtmlPage page = extract_html_page(html);
  CHECK(page.title == "OG-Titel");  // og:title first: measured closer to the visible headline (README)
  CHECK(extract_html_page("<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":\"Kopf\"}</script><h1>H</h1>").title == "Kopf");
  CHECK(page.date == "2026-03-01T00:30:00+01:00");
  CHECK(page.author == "A. Autor");
  CHECK(page.publisher == "Blatt");
  // The publisher: JSON-LD's, else og:site_name.
  CHECK(extract_html_page("<meta property='og:site_name' content='Elbpost'><p>Text.</p>").publisher == "Elbpost");
  CHECK(extract_html_page("<meta property='og:site_name' content='elbpost.de'><script type='application/ld+json'>"
                          "{\"@type\":\"NewsArticle\",\"publisher\":{\"name\":\"Elbpost\"}}</script><p>Text.</p>")
            .publisher == "Elbpost");
  CHECK(extract_html_page("<p>Text.</p>").publisher.empty());
  // Separator variants of the meta names; a JSON-LD date that does not parse gives way to the next.
  CHECK(extract_html_page("<meta property='article:published:time' content='2026-01-02T10:00:00+01:00'>").date ==
        "2026-01-02T10:00:00+01:00");
  CHECK(extract_html_page("<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"Fri Apr 28 "
                          "19:20:36 CEST 2023\"}</script><time datetime='2023-04-28T19:20:36+0200'>28.4.</time>").date ==
        "2023-04-28T19:20:36+0200");

  Read r = read("jsonld.html");  // @graph, two authors; a <meta name=date> and a <time> that disagree
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Stadtwerke senken Preise");  // og:title without " | Mainecho" (the publisher)
  CHECK(r.articles[0].date == "2026-03-01T00:30:00+01:00");  // the offset as the page gives it
  CHECK(r.articles[0].publisher == "Mainecho");
  CHECK(r.articles[0].url == "https://www.mainecho.de/wirtschaft/stadtwerke-preise");
  CHECK(r.articles[0].author == "Lena Vogt, Tim Berger");
  CHECK(r.articles[0].body.starts_with("Offenbach – Die Stadtwerke"));
  CHECK_FALSE(contains(r.articles[0].body, "27. Februar"));
}

TEST_CASE("URLs: a root-relative canonical is resolved against og:url, <base> or the page's address, a bare path warns",
          "[corpus][extract]") {
  CHECK(resolve_url("/a/b", "https://www.x.de/c/d?e") == "https://www.x.de/a/b");
  CHECK(resolve_url("//cdn.x.de/a", "http://www.x.de/") == "http://cdn.x.de/a");
  CHECK(resolve_url("b.html", "https://www.x.de/c/d.html") == "https://www.x.de/c/b.html");
  CHECK(resolve_url("https://y.de/z", "") == "https://y.de/z");
  CHECK(resolve_url("/a", "/b").empty());
  Read r = read("relative_canonical.html");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].url == "https://www.elbpost.de/lokales/schwimmbad-oeffnet");
  CHECK(r.articles[0].source == "elbpost.de");
  CHECK(r.problems.empty());
  CHECK(extract_html_page("<html><head><base href='https://z.de/x/'><link rel=canonical href='/y'></head><body><p>T</p></body></html>").url ==
        "https://z.de/y");
  CHECK(extract_html_page("<html><head><link rel=canonical href='/y'></head><body><p>T</p></body></html>",
                          "https://w.de/crawled").url == "https://w.de/y");
  Read bare = read("bare_canonical.html");
  REQUIRE(bare.articles.size() == 1);
  CHECK(bare.articles[0].url == "/lokales/markt-zieht-um");
  REQUIRE(bare.problems.size() == 1);
  CHECK_FALSE(bare.problems[0].skipped);
  CHECK(contains(bare.problems[0].message, "bare path"));
}

TEST_CASE("a body of a few dozen characters from a page with many paragraphs warns", "[corpus][extract]") {
  Read r = read("tiny_body.html");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body == "Die Brücke ist wieder frei.");
  REQUIRE(r.problems.size() == 1);
  CHECK_FALSE(r.problems[0].skipped);
  CHECK(contains(r.problems[0].message, "from a page with 5 paragraphs"));
}

TEST_CASE("feeds: CDATA-wrapped HTML after entity decoding is converted, feedburner:origLink is the url, dc:date, relative links",
          "[corpus][extract][feed]") {
  Read r = read("cdata_feedburner.rss");
  REQUIRE(r.articles.size() == 3);
  CHECK(r.problems.empty());
  const Article& a = r.articles[0];
  CHECK(a.body == "Nach dem Sturm ist die Strecke auf den Brocken wieder frei.\n\nDie ersten Züge fahren ab Dienstag nach dem Sommerfahrplan.");
  CHECK(a.url == "https://www.harzblatt.de/region/brockenbahn-faehrt-wieder");
  CHECK(a.source == "harzblatt.de");
  CHECK(a.id == "harzblatt-1201");
  const Article& b = r.articles[1];
  CHECK(b.date == "2026-05-03T18:30:00+02:00");
  CHECK(b.url == "https://www.harzblatt.de/region/talsperre-gut-gefuellt");
  CHECK(b.id == "https://www.harzblatt.de/region/talsperre-gut-gefuellt");
  CHECK(r.articles[2].url == "https://www.harzblatt.de/freizeit/wanderkarte");  // from a redirect link's url= parameter
  CHECK(r.articles[2].source == "harzblatt.de");
}

TEST_CASE("feeds: Atom 0.3 escaped content, issued/created and dc:date dates, CDATA markers in text content",
          "[corpus][extract][feed]") {
  Read r = read("atom03.atom");
  REQUIRE(r.articles.size() == 3);
  CHECK(r.problems.empty());
  CHECK(r.articles[0].date == "2026-04-20T10:15:00+02:00");
  CHECK(r.articles[0].body == "Die neue Fahrradbrücke über die Weser ist eingeweiht.\n\nSie verkürzt den Weg zur Innenstadt um zwei Kilometer.");
  CHECK(r.articles[1].date == "2026-04-19T07:45:00+02:00");
  CHECK(r.articles[1].body == "Wegen Hochwassers fährt die Fähre bis Freitag nicht.");
  CHECK(r.articles[2].date == "2026-04-18T09:00:00Z");
  CHECK(r.articles[2].body == "Die Schleuse ist bis Montag gesperrt.");
  CHECK(looks_like_markup("<p>a</p><p>b</p>"));
  CHECK_FALSE(looks_like_markup("a < b and c > d"));
}

TEST_CASE("extraction: hostile markup never crashes and never loses the text", "[corpus][extract]") {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += "<p>Tief verschachtelter Text, der trotzdem gefunden werden muss, auch wenn die Seite kaputt ist.</p>";
  HtmlPage page = extract_html_page(deep);
  CHECK(contains(page.text, "Tief verschachtelter Text"));
  std::string unclosed = "<html><body>";  // 50,000 unclosed <div>s: no walk may recurse that deep
  for (int i = 0; i < 50000; ++i) unclosed += "<div><script>var geheim = 1;</script><p>Absatz mit genug Text, damit er zählt, Nummer " + std::to_string(i) + ".</p>";
  HtmlPage wide = extract_html_page(unclosed);
  std::size_t kept = 0;
  for (std::size_t at = wide.text.find("Nummer "); at != std::string::npos; at = wide.text.find("Nummer ", at + 1)) ++kept;
  CHECK(kept >= 49000);  // the few outermost levels are ancestors of the best container, not part of it
  CHECK(contains(wide.text, "Nummer 49999."));
  CHECK_FALSE(contains(wide.text, "geheim"));
  CHECK(extract_html_page("").text.empty());
  CHECK(extract_html_page("<p>unclosed <b>bold <i>text").text == "unclosed bold text");
  CHECK(html_to_text("a &lol9; b") == "a &lol9; b");
}

TEST_CASE("a page rendered by script: JSON-LD articleBody is the text when the markup has little", "[corpus][extract]") {
  std::string html = "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Neuer Radweg\","
                     "\"articleBody\":\"Der Radweg zwischen den beiden Dörfern ist fertig. Er ist vier Kilometer lang und beleuchtet.\\n"
                     "Die Gemeinde hat dafür zwei Jahre gebraucht, weil ein Grundstück lange nicht verkauft wurde.\"}</script></head>"
                     "<body><div id='app'><p>Laden …</p></div></body></html>";
  HtmlPage page = extract_html_page(html);
  CHECK(page.title == "Neuer Radweg");
  CHECK(page.text ==
        "Der Radweg zwischen den beiden Dörfern ist fertig. Er ist vier Kilometer lang und beleuchtet.\n\n"
        "Die Gemeinde hat dafür zwei Jahre gebraucht, weil ein Grundstück lange nicht verkauft wurde.");
}

TEST_CASE("a picture or player box with its caption, credit and duration is dropped, a lead next to a picture kept",
          "[corpus][extract]") {
  const std::string para =
      "<div class='text'>Die Stadt hat den Haushalt für das kommende Jahr beschlossen, mit Ausgaben von 1,2 Milliarden Euro "
      "und einem kleinen Überschuss, wie der Kämmerer am Abend sagte.</div>";
  std::string html = "<html><body><main><div class='intro'><img src='a.jpg'><p>Der Stadtrat hat nach langer Debatte "
                     "den Haushalt beschlossen, der Streit um die Bäder bleibt.</p></div>" +
                     para + para + "<div class='player-box'><div><video src='v.mp4'></video></div>"
                     "<span>Der Kämmerer erklärt den Haushalt im Video.</span><span>18.04.2026 | 1:21 min</span></div>" +
                     para + "</main></body></html>";
  HtmlPage page = extract_html_page(html);
  CHECK(page.text.starts_with("Der Stadtrat hat nach langer Debatte"));
  CHECK(page.text.find("im Video") == std::string::npos);
  CHECK(page.text.find("1:21 min") == std::string::npos);
}

TEST_CASE("a pull quote repeating a sentence of the text is dropped, a quotation found only once is kept", "[corpus][extract]") {
  std::string html =
      "<html><body><article><p>Der Trainer sprach nach dem Spiel lange mit der Mannschaft, die Stimmung war gedrückt.</p>"
      "<blockquote class='pullquote'><p>Wir müssen jetzt zusammenhalten und weiter hart arbeiten.</p><div>Der Trainer</div></blockquote>"
      "<p>Er sagte: „Wir müssen jetzt zusammenhalten und weiter hart arbeiten.“ Dann ging er in die Kabine, ohne Fragen.</p>"
      "<blockquote><p>Das Stadion bleibt bis zum Sommer geschlossen, teilte der Verein am Abend schriftlich mit.</p></blockquote>"
      "</article></body></html>";
  HtmlPage page = extract_html_page(html);
  CHECK(page.text.find("Der Trainer\n") == std::string::npos);
  CHECK(page.text.find("\n\nWir müssen") == std::string::npos);
  CHECK(page.text.find("„Wir müssen jetzt zusammenhalten") != std::string::npos);
  CHECK(page.text.find("Das Stadion bleibt bis zum Sommer geschlossen") != std::string::npos);
}

TEST_CASE("WARC: a relative canonical is resolved against the target URI and replaces it on the same host", "[corpus][extract][warc]") {
  newsindex::testing::TempDir dir;
  auto record = [](const std::string& uri, const std::string& html) {
    std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
    return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: 2026-05-01T10:00:00Z\r\n" +
           "Content-Type: application/http; msgtype=response\r\nContent-Length: " + std::to_string(http.size()) +
           "\r\n\r\n" + http + "\r\n\r\n";
  };
  const std::string text = "<p>Die Stadtbibliothek verlängert ihre Öffnungszeiten am Samstag bis achtzehn Uhr, auch im Sommer.</p>";
  newsindex::testing::write_file(
      dir.file("c.warc"),
      record("https://www.elbpost.de/kultur/bibliothek?utm_source=feed",
             "<html><head><link rel=canonical href='/kultur/bibliothek'></head><body><article>" + text + "</article></body></html>") +
          record("https://www.elbpost.de/kultur/kopie",
                 "<html><head><link rel=canonical href='https://www.andere-zeitung.de/x'></head><body>" + text + "</body></html>"));
  Read r = read(dir.file("c.warc"));
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].url == "https://www.elbpost.de/kultur/bibliothek");
  CHECK(r.articles[1].url == "https://www.elbpost.de/kultur/kopie");  // a canonical on another host is not taken
  CHECK(r.problems.empty());
}

TEST_CASE("interface labels of one or two words go, a two-word subheading stays", "[corpus][extract]") {
  const std::string para = "<p>Die Gemeinde hat das alte Rathaus verkauft, ein Investor will dort Wohnungen bauen, wie es heißt.</p>";
  HtmlPage page = extract_html_page("<html><body><article>" + para + "<div>Link kopiert</div><h2>Die Hintergründe</h2>" + para +
                                    "<span>Themen</span></article></body></html>");
  CHECK(page.text.find("Die Hintergründe") != std::string::npos);
  CHECK(page.text.find("Link kopiert") == std::string::npos);
  CHECK(page.text.find("Themen") == std::string::npos);
}

TEST_CASE("feeds: a link that stays a bare path (no site link) is a warning, never silently an id", "[corpus][extract][feed]") {
  newsindex::testing::TempDir dir;
  newsindex::testing::write_file(dir.file("nosite.rss"),
                                 "<rss version='2.0'><channel><title>Ohne Link</title><item><title>Kurz</title>"
                                 "<link>/lokales/kurz</link><description>Ein kurzer Text über den Markt.</description></item>"
                                 "</channel></rss>");
  Read r = read(dir.file("nosite.rss"));
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].url == "/lokales/kurz");
  REQUIRE(r.problems.size() == 1);
  CHECK_FALSE(r.problems[0].skipped);
  CHECK(contains(r.problems[0].message, "bare path"));
}
