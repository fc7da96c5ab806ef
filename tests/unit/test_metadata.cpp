#include <catch2/catch.hpp>

#include "analyzer.h"
#include "document_builder.h"
#include "html_text.h"
#include "index_contract.h"
#include "metadata.h"

using namespace newsindex;

TEST_CASE("detect_agencies: credit patterns only", "[corpus][metadata]") {
  struct Row {
    const char* text;
    const char* agencies;
  };
  const Row rows[] = {
      // Datelines at the start.
      {"Berlin (dpa) - Die Bundesregierung hat am Mittwoch einen Entwurf vorgelegt.", "dpa"},
      {"Berlin (dpa) – Die Bundesregierung hat am Mittwoch einen Entwurf vorgelegt.", "dpa"},
      {"Frankfurt/Main (dpa/lhe) - Der Flughafen meldet wieder mehr Passagiere.", "dpa"},
      {"WASHINGTON (AFP) — Der Kongress hat den Haushalt verabschiedet.", "afp"},
      {"New York (Reuters) - Die Börsen schlossen uneinheitlich.", "reuters"},
      {"Paris (AFP/dpa) - Frankreich und Deutschland wollen enger zusammenarbeiten.", "afp,dpa"},
      {"Bonn (KNA) - Die Bischöfe haben sich auf ein Papier geeinigt.", "kna"},
      {"Köln (SID) - Der Bundestrainer hat seinen Kader benannt.", "sid"},
      // Closing credit lines.
      {"Die Verhandlungen gehen am Freitag weiter.\nbri/kle (afp, dpa)", "afp,dpa"},
      {"Die Verhandlungen gehen am Freitag weiter. ch/se (dpa, rtr)", "dpa,reuters"},
      {"Die Ausstellung läuft bis Ende Jänner. (APA, 12.11.2026)", "apa"},
      {"Die Polizei ermittelt.\n(epd)", "epd"},
      {"„Wir machen weiter“ (AP)", "ap"},
      // Source lines.
      {"Die Zahl stieg auf 1200.\nQuelle: dpa", "dpa"},
      {"Die Werte wurden korrigiert (Quelle: AFP, Reuters).", "afp,reuters"},
      {"Mit Material von dpa und AFP", "afp,dpa"},
      // Not credits: agency names in other roles.
      {"Sid erzählt, wie er als Kind nach Berlin kam. Sid ist heute 43 Jahre alt.", ""},
      {"Das Unternehmen AP Møller-Maersk meldet Gewinne.", ""},
      {"Er arbeitete früher für die Nachrichtenagentur Associated Press (AP).", ""},
      {"Die dpa berichtete zuerst darüber, später auch AFP.", ""},
      {"Der Spieler (23) wechselt nach München.", ""},
      {"Der Kanzler sagte am Rande des Gipfels in Brüssel (Belgien) - das sei nötig.", ""},
      {"Quelle: eigene Recherche", ""},
      {"", ""},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(detect_agencies(r.text) == r.agencies);
  }
}

TEST_CASE("detect_language: stop-word ratio", "[corpus][metadata]") {
  struct Row {
    const char* text;
    const char* lang;
  };
  const Row rows[] = {
      {"Die Bundesregierung hat am Mittwoch einen Entwurf vorgelegt, der die Förderung von Wärmepumpen neu regeln "
       "soll. Die Opposition kritisiert, dass die Mittel nicht ausreichen.",
       "de"},
      {"The government presented a draft on Wednesday that is meant to change the support for heat pumps. The "
       "opposition says that the money is not enough.",
       "en"},
      {"Le gouvernement a présenté mercredi un projet qui doit modifier les aides pour les pompes à chaleur. "
       "L'opposition estime que les fonds ne sont pas suffisants pour les ménages.",
       "fr"},
      {"El gobierno presentó el miércoles un proyecto que debe cambiar las ayudas para las bombas de calor. La "
       "oposición dice que el dinero no es suficiente para los hogares.",
       "es"},
      {"Il governo ha presentato mercoledì un progetto che deve cambiare gli aiuti per le pompe di calore. "
       "L'opposizione dice che i fondi non sono sufficienti per le famiglie.",
       "it"},
      {"De regering heeft woensdag een ontwerp gepresenteerd dat de steun voor warmtepompen moet veranderen. De "
       "oppositie zegt dat het geld niet genoeg is voor de huishoudens.",
       "nl"},
      {"Wärmepumpen Förderung Entwurf", ""},  // too short to tell
      {"1:0 2:1 3:3 4:2", ""},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(detect_language(r.text) == r.lang);
  }
}

TEST_CASE("domain_of: host without www and port", "[corpus][metadata]") {
  CHECK(domain_of("https://www.zeit.de/politik/x") == "zeit.de");
  CHECK(domain_of("http://Elbpost.DE:8080/a?b#c") == "elbpost.de");
  CHECK(domain_of("https://user@news.example.org") == "news.example.org");
  CHECK(domain_of("kein link") == "");
  CHECK(domain_of("file:///tmp/x") == "");
}

TEST_CASE("finish_metadata: dates, source, agency, language, UTF-8", "[corpus][metadata]") {
  std::vector<ReadProblem> problems;
  ProblemSink sink = [&](const ReadProblem& p) { problems.push_back(p); };
  Article a;
  a.origin = "x.csv:4";
  a.url = "https://www.rheinkurier.de/a";
  a.date = "Thu, 26 Nov 2026 07:45:00 +0100";
  a.body = "Köln (dpa) - Der Rat hat die neue Satzung beschlossen, die ab dem kommenden Jahr gilt und für alle "
           "Bürger der Stadt wichtig ist.";
  finish_metadata(a, sink);
  CHECK(a.date == "2026-11-26T07:45:00+01:00");  // the offset kept
  CHECK(a.source == "rheinkurier.de");
  CHECK(a.agency == "dpa");
  CHECK(a.lang == "de");
  CHECK(problems.empty());

  Article b;
  b.origin = "y.txt";
  b.date = "bald";
  b.source = "Eigene Quelle";
  b.body = "Text mit kaputtem Byte \xFF am Ende";
  finish_metadata(b, sink);
  CHECK(b.date.empty());  // never "now"
  CHECK(b.source == "Eigene Quelle");
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].where == "y.txt");
  CHECK_FALSE(problems[0].skipped);
  CHECK(problems[0].message.find("UTF-8") != std::string::npos);
  CHECK(problems[1].message.find("\"bald\"") != std::string::npos);

  Article c;
  c.body = "Ohne Datum.";
  finish_metadata(c, sink);
  CHECK(c.date.empty());
  CHECK(problems.size() == 2);
}

TEST_CASE("is_boilerplate_line: syndication footers and prompts, not article text", "[corpus][html]") {
  struct Row {
    const char* paragraph;
    bool boilerplate;
  };
  const Row rows[] = {
      {"Dieser Beitrag ist ein öffentlicher RSS Feed. Sie finden uns auch auf example.de.", true},
      {"Empfehlung: Lesen Sie auch unseren Liveblog.", true},
      {"Lesen Sie auch: Wie sicher sind unsere Brücken?", true},
      {"Teilen", true},
      {"Anzeige", true},
      {"Mehr zum Thema:", true},
      {"© 2026 Rheinkurier. Alle Rechte vorbehalten.", true},
      {"Der Beitrag erschien zuerst auf Elbpost.", true},
      {"Folgen Sie uns auf allen Kanälen.", true},
      {"", true},
      {"Teilen sich die Parteien die Macht, wird es schwierig.", false},
      {"Die Anzeige gegen den Bürgermeister wurde zurückgezogen.", false},
      {"Empfehlungen der Kommission sollen bis Ende des Jahres vorliegen.", false},
      {"Der Stadtrat hat die Sanierung beschlossen. Die Kosten liegen bei 95 Millionen Euro.", false},
  };
  for (const Row& r : rows) {
    INFO(r.paragraph);
    CHECK(is_boilerplate_line(r.paragraph) == r.boilerplate);
  }
}

TEST_CASE("decode_entities: named, numeric, Windows-1252 range, unknown kept", "[corpus][html]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"Gr&uuml;&szlig;e &amp; K&uuml;sse", "Grüße & Küsse"},
      {"&bdquo;Ja&ldquo; &ndash; &hellip;", "„Ja“ – …"},
      {"&#228;&#xF6;&#XFC;", "äöü"},
      {"&#150; &#8364;", "– €"},
      {"&lol9; &amp &#xZZ; &", "&lol9; &amp &#xZZ; &"},
      {"&#0;", "\xEF\xBF\xBD"},
      {"a&nbsp;b", "a b"},
  };
  for (const Row& r : rows) {
    INFO(r.in);
    CHECK(decode_entities(r.in) == r.out);
  }
}

TEST_CASE("html_to_text: paragraphs, dropped elements, boilerplate", "[corpus][html]") {
  struct Row {
    const char* html;
    const char* text;
  };
  const Row rows[] = {
      {"<p>Erster Absatz.</p><p>Zweiter<br>Absatz.</p>", "Erster Absatz.\n\nZweiter\n\nAbsatz."},
      {"Text <b>fett</b> und <a href='x'>Link</a>.", "Text fett und Link."},
      {"<p>Text</p><script>var x = '<p>nein</p>';</script><style>p{}</style>", "Text"},
      {"<p>Text</p><p>Empfehlung: Lesen Sie mehr.</p>", "Text"},
      {"<div>A<!-- <p>Kommentar</p> --> B</div>", "A B"},
      {"<p>Unclosed <i>italic<p>Next", "Unclosed italic\n\nNext"},
      {"<p>5 < 7 & 8 > 3</p>", "5 < 7 & 8 > 3"},
      {"<![CDATA[Roh <text>]]>", "Roh <text>"},
  };
  for (const Row& r : rows) {
    INFO(r.html);
    CHECK(html_to_text(r.html) == r.text);
  }
}

TEST_CASE("charsets: declared charset read, Latin-1 converted", "[corpus][html]") {
  CHECK(declared_charset("<meta charset=\"ISO-8859-1\">") == "iso-8859-1");
  CHECK(declared_charset("<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>") == "windows-1252");
  CHECK(declared_charset("<p>nichts</p>") == "");
  CHECK(to_utf8("Gr\xFC\xDF" "e \x96 ok", "iso-8859-1") == "Grüße – ok");
  CHECK(to_utf8("unverändert", "utf-8") == "unverändert");
  CHECK(to_utf8("abc", "no-such-charset") == "abc");
}

TEST_CASE("DocumentBuilder: agency and language as boolean terms and value slots", "[corpus][metadata][indexer]") {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  Article a;
  a.id = "m1";
  a.body = "Ein kurzer Text.";
  a.agency = "afp,dpa";
  a.lang = "en";
  Xapian::Document doc = builder.build(a);
  std::vector<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
    if ((*it).starts_with(contract::kAgency) || (*it).starts_with(contract::kLanguage)) terms.push_back(*it);
  CHECK(terms == std::vector<std::string>{"Len", "XAGafp", "XAGdpa"});
  CHECK(doc.get_value(contract::kSlotAgency) == "afp,dpa");
  CHECK(doc.get_value(contract::kSlotLanguage) == "en");

  Article none;
  none.id = "m2";
  none.body = "Ohne Agentur.";
  Xapian::Document plain = builder.build(none);
  CHECK(plain.get_value(contract::kSlotAgency).empty());
  CHECK(plain.get_value(contract::kSlotLanguage).empty());
}
