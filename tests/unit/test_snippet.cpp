#include <catch2/catch.hpp>

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
