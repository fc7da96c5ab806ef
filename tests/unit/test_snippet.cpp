#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "analyzer.h"
#include "query_parser.h"
#include "snippet.h"

using namespace newsindex;

namespace {
std::string snippet_for(const std::string& body, const std::string& query, std::size_t max = 260) {
  Analyzer analyzer;
  QueryBuilder qb(analyzer);
  ParsedQuery pq = qb.parse(query);
  return mark(make_snippet(body, analyzer, pq.match, max), "[", "]");
}
}  // namespace

TEST_CASE("snippets mark words, stems and parts inside compounds", "[query][snippet]") {
  CHECK(snippet_for("Die Nutzerdaten sind sicher.", "Daten") == "Die Nutzer[daten] sind sicher.");
  CHECK(snippet_for("Zwei Übernahmen und eine Übernahme.", "Übernahme") == "Zwei [Übernahmen] und eine [Übernahme].");
  CHECK(snippet_for("Die Uebernahme kommt.", "Übernahme") == "Die [Uebernahme] kommt.");
  CHECK(snippet_for("Die TikTok-Übernahme durch Oracle.", "Oracle TikTok") == "Die [TikTok]-Übernahme durch [Oracle].");
  CHECK(snippet_for("Der Bahn-Streik\nist vorbei.", "Streik") == "Der Bahn-[Streik] ist vorbei.");
  CHECK(snippet_for("Erster Absatz.\n\nDer  Streik endet.", "Streik") == "Erster Absatz. Der [Streik] endet.");
}

TEST_CASE("snippets pick the passage with the most distinct matches", "[query][snippet]") {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "Füllwort ";
  body += "Hier geht es um Oracle. ";
  for (int i = 0; i < 40; ++i) body += "Füllwort ";
  body += "Oracle plant die Übernahme von TikTok. ";
  for (int i = 0; i < 40; ++i) body += "Füllwort ";
  std::string s = snippet_for(body, "Oracle Übernahme TikTok", 120);
  CHECK(s.find("[Oracle] plant die [Übernahme] von [TikTok]") != std::string::npos);
  CHECK(s.rfind("… ", 0) == 0);
  CHECK(s.size() < 200);
}

// Snippets analyse in full only the words that could match (Analyzer::analyze with a WordFilter); an
// analyzer whose cache already holds every word in full must mark exactly the same spans.
TEST_CASE("snippets mark the same with only candidate words analysed (issue 16)", "[query][snippet][issue16]") {
  const struct {
    const char* body;
    const char* query;
  } rows[] = {
      {"Der Schulbus und die Schulleiterinnen und -leiter.", "Schule Leiter"},
      {"Kinder- und Jugendärzte fordern mehr Ärzte in Hausarztpraxen.", "Kinderärzte Arzt"},
      {"Die Masken-Pflicht gilt; Politiker*innen und Lehrer:innen streiten.", "Maskenpflicht Politiker Lehrer"},
      {"US-Präsident Trumps Übernahmen, die Uebernahme und #Übernahme.", "Trump Übernahme"},
      {"Die Straßenbahnhaltestelle am Bundesländer-Gipfel.", "Straße Haltestelle Bundesland"},
  };
  for (const auto& row : rows) {
    INFO(row.body << " / " << row.query);
    Analyzer cold, warm;
    const ParsedQuery pq = QueryBuilder(cold).parse(row.query);
    warm.analyze(row.body);  // every body word analysed in full
    const std::string expected = mark(make_snippet(row.body, warm, pq.match), "[", "]");
    CHECK(mark(make_snippet(row.body, cold, pq.match), "[", "]") == expected);
    CHECK(mark(highlight_all(row.body, cold, pq.match), "[", "]") == mark(highlight_all(row.body, warm, pq.match), "[", "]"));
    CHECK(expected.find('[') != std::string::npos);
  }
}

// Long bodies are analysed only in windows around the places a match can stand (issue 16). The
// windows must give exactly what analysing the whole body gives: bodies made of pieces that
// stress every rule the scan and the analysis cuts rely on (umlauts and ß in both cases,
// hyphenated compounds, coordination ellipses, abbreviations with spaces, gender forms, numbers,
// URLs, e-mail addresses, tags, typographic quotes and dashes, invisible characters, letters
// outside ASCII and the umlauts), seeded, against queries of the same words.
TEST_CASE("snippets from windows equal snippets from the whole body (issue 16)", "[query][snippet][issue16]") {
  const std::vector<std::string> pieces = {
      "Übernahme", "ÜBERNAHME", "Uebernahme", "übernehmen", "Straße", "STRASSE", "Straßenbahn", "Schulbus",
      "Schulleiterinnen und -leiter", "Kinder- und Jugendärzte", "Ein-, Aus- und Durchreise", "Bus-/Bahnfahrer",
      "z. B.", "u. a.", "U.S.", "Lehrer:innen", "Politiker*innen", "Referent/innen", "PolitikerInnen", "1.000,50",
      "2:1-Sieg", "9-Euro-Ticket", "https://example.org/ein-pfad?x=1", "www.beispiel.de/Übernahme",
      "redaktion@example.org", "#Übernahme", "@beispielredaktion", "„Übernahme“", "‚Streik‘", "– Streik –",
      "geht’s", "Merkel's", "Hervé", "José-Übernahme", "Straßen\u00ADbahn", "Bahn\u200Bstreik", "Tarif\u00A0streik",
      "Bahnstreik", "Streiks", "gestreikt", "Warnstreik-Welle", "Gewerkschaft", "Verdi", "Tarifrunde", "Oracle",
      "TikTok-Übernahme", "Nutzerdaten", "Datenschutz", "Ärztinnen", "Ärzte", "Hausarztpraxis", "Maskenpflicht",
      "Masken-Pflicht", "Schule", "Schulen", "und", "oder", "bis", "sowie", "die", "der", "in", "am", "Bund", "Kund",
      "bisher", "Ende.", "Anfang,", "(Streik)", "Streik:", "Straße-", "-Straße", "ça", "ﬁnal", "Ⅻ", "²",
  };
  const std::vector<std::string> separators = {" ", " ", " ", " ", ", ", ". ", "\n", "\n\n", " – ", " - ", "\t", "  "};
  const std::vector<std::string> queries = {
      "Übernahme", "Straße", "Streik", "Schule Leiter", "Kinderärzte Arzt", "Lehrer Politiker", "Oracle TikTok",
      "Daten", "Bahn", "Euro Ticket", "Tarif", "Hervé", "example", "z. B.", "final", "Reise", "Maskenpflicht Schulen",
      "\"Tarif Streik\"", "Übernahm*", "Ärzte", "1.000,50",
  };
  const std::size_t fallbacks_before = snippet_window_fallbacks();
  std::mt19937 rng(20261201);
  for (bool fold : {true, false}) {
    AnalyzerOptions options;
    options.fold_umlauts = fold;
    Analyzer analyzer(options);
    QueryBuilder qb(analyzer);
    for (int round = 0; round < 120; ++round) {
      std::string body;
      const std::size_t words = 60 + rng() % 300;
      for (std::size_t i = 0; i < words; ++i) {
        body += pieces[rng() % pieces.size()];
        body += separators[rng() % separators.size()];
      }
      const std::string& query = queries[rng() % queries.size()];
      const ParsedQuery pq = qb.parse(query);
      for (std::size_t max_bytes : {std::size_t{60}, std::size_t{260}}) {
        INFO("fold " << fold << " round " << round << " query " << query << " max " << max_bytes << "\n" << body);
        const Highlighted windows = make_snippet(body, analyzer, pq.match, max_bytes);
        const Highlighted whole = make_snippet(body, analyzer, pq.match, max_bytes, true);
        REQUIRE(windows.text == whole.text);
        REQUIRE(windows.spans == whole.spans);
      }
    }
  }
  // The scan found every word that matched: no body needed the whole-body guard.
  CHECK(snippet_window_fallbacks() == fallbacks_before);
}

TEST_CASE("analysis cuts never split a token or a coordination ellipsis", "[analyzer][issue16]") {
  const std::string text = "Kinder- und Jugendärzte, z. B. Max Muster und Anna Beispiel sowie Tarifrunde bisher offen";
  std::vector<std::size_t> cuts;
  for (std::size_t p = 0; p <= text.size(); ++p)
    if (analysis_cut_before(text, p) == p) cuts.push_back(p);
  // Only between two ASCII words with no conjunction beside: "Max Muster", "Anna Beispiel",
  // "Tarifrunde bisher" is refused for "bis", "bisher offen" is allowed.
  std::vector<std::string> around;
  for (std::size_t p : cuts)
    if (p > 0 && p < text.size()) around.push_back(text.substr(p - 3, 7));
  CHECK(around == std::vector<std::string>{"Max Mus", "nna Bei", "her off"});
  CHECK(analysis_cut_after(text, 0) == 0);
  CHECK(analysis_cut_after(text, 1) == text.find(" Muster"));
  CHECK(analysis_cut_before(text, text.find("Jugend")) == 0);
  CHECK(analysis_cut_after(text, text.size()) == text.size());
}

TEST_CASE("the letter scan spells words as their folded forms (issue 16)", "[analyzer][issue16]") {
  // The space after a dot goes (an abbreviation may hold it: "z. B."), every other becomes one.
  CHECK(letters_of("Die TikTok-Übernahme, z. B. am 1.000 €", true) == "die tiktokuebernahme zbam 1000 ");
  CHECK(letters_of("Straße\u00A0STRASSE Ärzt:innen", true) == "strasse strasse aerztinnen");
  CHECK(letters_of("Straße Ärzte", false) == "stra\u00DFe \u00E4rzte");
  const LetterScan scan = scan_letters("Kinder- und Hervé – geht’s", true);
  CHECK(scan.letters == "kinder und herv gehts");                  // é is not judged: a space
  CHECK(scan.must_analyse == std::vector<std::uint32_t>{6, 16});  // the ellipsis hyphen, é
  CHECK(scan.offsets.size() == scan.letters.size());
  CHECK(scan.offsets[scan.letters.find("gehts")] == std::string("Kinder- und Hervé – ").size());
}
