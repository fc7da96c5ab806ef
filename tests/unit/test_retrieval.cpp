// Retrieval-level tests: one-word (or one-sentence) documents, queries through the real chain.
#include <catch2/catch.hpp>

#include "retrieval_fixture.h"

using namespace newsindex;
using newsindex::testing::Ids;
using newsindex::testing::MiniIndex;

TEST_CASE("retrieval: umlauts in two levels", "[query][retrieval]") {
  MiniIndex ix;
  ix.add("uebernahme-umlaut", "Übernahme");
  ix.add("uebernahme-ue", "Uebernahme");
  ix.add("ueber", "über");
  ix.add("uber", "Uber");
  ix.add("mueller", "Müller");
  ix.add("muller", "Muller");
  ix.add("strasse", "Straße");
  CHECK(ix.matches("Uebernahme") == Ids{"uebernahme-ue", "uebernahme-umlaut"});
  CHECK(ix.matches("Übernahme") == Ids{"uebernahme-ue", "uebernahme-umlaut"});
  CHECK(ix.matches("Strasse") == Ids{"strasse"});
  CHECK(ix.matches("Mueller") == Ids{"mueller"});
  CHECK(ix.matches("Uber") == Ids{"uber"});
  CHECK(ix.matches("Muller") == Ids{"muller"});
  // Exact spelling ranks above the folded match.
  CHECK(ix.search("Übernahme").front() == "uebernahme-umlaut");
  CHECK(ix.search("Uebernahme").front() == "uebernahme-ue");
}

TEST_CASE("retrieval: stemming of capitalised words, genitives, feminine plurals", "[query][retrieval]") {
  MiniIndex ix;
  ix.add("singular", "Die Übernahme ist beschlossen");
  ix.add("plural", "Zwei Übernahmen sind beschlossen");
  ix.add("trump", "Trump sprach");
  ix.add("trumps", "Trumps Rede");
  ix.add("merkel", "Merkel sprach");
  ix.add("merkels", "Merkels Rede");
  ix.add("kanzlerin", "Die Kanzlerin sprach");
  ix.add("kanzlerinnen", "Die Kanzlerinnen sprachen");
  CHECK(ix.matches("Übernahme") == Ids{"plural", "singular"});
  CHECK(ix.matches("Übernahmen") == Ids{"plural", "singular"});
  CHECK(ix.search("Übernahmen").front() == "plural");  // exact form first
  CHECK(ix.matches("Trump") == Ids{"trump", "trumps"});
  CHECK(ix.matches("Merkel") == Ids{"merkel", "merkels"});
  CHECK(ix.matches("Kanzlerin") == Ids{"kanzlerin", "kanzlerinnen"});
  CHECK(ix.matches("Kanzlerinnen") == Ids{"kanzlerin", "kanzlerinnen"});
}

TEST_CASE("retrieval: gender forms match feminine and masculine", "[query][retrieval]") {
  MiniIndex ix;
  ix.add("stern", "Politiker*innen");
  ix.add("colon", "Politiker:innen");
  ix.add("binnen", "PolitikerInnen");
  ix.add("under", "Politiker_innen");
  ix.add("fem", "Politikerin");
  ix.add("masc", "Politiker");
  const Ids gendered{"binnen", "colon", "stern", "under"};
  auto fem = ix.matches("Politikerin");
  auto masc = ix.matches("Politiker");
  for (const auto& id : gendered) {
    INFO(id);
    CHECK(std::find(fem.begin(), fem.end(), id) != fem.end());
    CHECK(std::find(masc.begin(), masc.end(), id) != masc.end());
  }
}

TEST_CASE("retrieval: compounds — parts find compounds, compounds need all parts", "[query][retrieval]") {
  MiniIndex ix;
  ix.add("nutzerdaten", "Nutzerdaten");
  ix.add("daten", "Daten");
  ix.add("nutzer", "Nutzer");
  ix.add("both", "Nutzer und Daten");
  ix.add("bundesgericht", "Bundesgericht");
  ix.add("gericht", "Gericht");
  ix.add("tiktok", "Die TikTok-Übernahme");
  ix.add("scheidung", "Scheidung");
  ix.add("entscheidung", "Entscheidung");
  // A word finds compounds containing it, full-word matches first.
  auto daten = ix.search("Daten");
  CHECK(std::find(daten.begin(), daten.end(), "nutzerdaten") != daten.end());
  CHECK(daten.front() == "daten");
  auto gericht = ix.search("Gericht");
  CHECK(std::find(gericht.begin(), gericht.end(), "bundesgericht") != gericht.end());
  CHECK(gericht.front() == "gericht");
  // A compound query means the compound or all its parts, never one part alone.
  CHECK(ix.matches("Nutzerdaten") == Ids{"both", "nutzerdaten"});
  CHECK(ix.search("Nutzerdaten").front() == "nutzerdaten");
  // Hyphenated compounds: parts and joined form.
  CHECK(ix.matches("TikTok") == Ids{"tiktok"});
  CHECK(ix.matches("Übernahme") == Ids{"tiktok"});
  CHECK(ix.matches("TikTokÜbernahme") == Ids{"tiktok"});
  // No pseudo-words from prefix derivations.
  CHECK(ix.matches("Scheidung") == Ids{"scheidung"});
}

TEST_CASE("retrieval: stop words, phrases, boolean operators and fields", "[query][retrieval]") {
  MiniIndex ix;
  ix.add("linke", "Die Linke stellt einen Antrag", "Linke im Bundestag", "elbpost.de");
  ix.add("spiegel", "Der Spiegel berichtet über den Antrag", "Bericht", "rheinkurier.de");
  ix.add("hamlet", "Sein oder nicht sein, das ist hier die Frage", "Theater", "elbpost.de");
  ix.add("nicht", "Das Sein bestimmt das Bewusstsein, nicht umgekehrt", "Philosophie", "rheinkurier.de");
  CHECK(ix.matches("\"Sein oder nicht sein\"") == Ids{"hamlet"});
  CHECK(ix.matches("Die Linke") == Ids{"linke"});
  CHECK(ix.matches("Antrag AND Spiegel") == Ids{"spiegel"});
  CHECK(ix.matches("Antrag UND Spiegel") == Ids{"spiegel"});
  CHECK(ix.matches("Antrag NOT Spiegel") == Ids{"linke"});
  CHECK(ix.matches("Antrag NICHT Spiegel") == Ids{"linke"});
  CHECK(ix.matches("Antrag -Spiegel") == Ids{"linke"});
  CHECK(ix.matches("+Antrag Linke") == Ids{"linke", "spiegel"});
  CHECK(ix.matches("Linke ODER Spiegel") == Ids{"linke", "spiegel"});
  CHECK(ix.matches("(Linke OR Spiegel) AND Bundestag") == Ids{"linke"});
  CHECK(ix.matches("titel:Bundestag") == Ids{"linke"});
  CHECK(ix.matches("titel:Antrag").empty());
  CHECK(ix.matches("Antrag quelle:elbpost.de") == Ids{"linke"});
  CHECK(ix.matches("quelle:rheinkurier.de") == Ids{"nicht", "spiegel"});
  CHECK(ix.matches("Antr*") == Ids{"linke", "spiegel"});
  CHECK(ix.matches("Sein NEAR Frage") == Ids{"hamlet"});
}

TEST_CASE("retrieval: syntax errors fall back to plain words with a warning", "[query][retrieval]") {
  MiniIndex ix;
  ix.add("a", "Energiepreise steigen");
  CHECK(ix.matches("(Energiepreise AND") == Ids{"a"});
  CHECK_FALSE(ix.last_warnings.empty());
  CHECK(ix.matches("\"Energiepreise steigen") == Ids{"a"});
  CHECK_FALSE(ix.last_warnings.empty());
  CHECK(ix.matches("Energiepreise OR") == Ids{"a"});
  CHECK(ix.matches("?!").empty());
}

TEST_CASE("retrieval: hyphenated words — segments as words, scores and numbers alike in text and query",
          "[query][retrieval]") {
  AnalyzerOptions segments_as_words;
  segments_as_words.hyphen_segments_as_words = true;
  MiniIndex ix(segments_as_words);
  ix.add("wahl", "Die Präsidentenwahl wurde verschoben, sagte die Sprecherin am Montag.");
  ix.add("us", "Der US-Präsident wurde am Montag in Berlin empfangen.");
  ix.add("score", "Elbtal gewann das Heimspiel mit 2:1. Ein verdienter Sieg, sagte der Trainer.");
  ix.add("ticket", "Das Ticket für 9 Euro gilt im Juni, sagte die Bahn.");
  ix.add("ticket-other", "Das Ticket kostet 49 Euro im Monat.");
  // A segment is a word: "Präsident" finds "US-Präsident" as the word, above a compound part.
  auto president = ix.search("Präsident");
  REQUIRE(president.size() == 2);
  CHECK(president.front() == "us");
  // The joined form still finds its article.
  CHECK(ix.matches("USPräsident") == Ids{"us"});
  CHECK(ix.search("US-Präsident") == Ids{"us"});  // one segment alone in a compound part is no match
  // Segments keep the word's position: a phrase reaches them.
  CHECK(ix.matches("\"der Präsident\"") == Ids{"us"});
  // "2:1-Sieg" is 2:1 + Sieg, and "2:1" in the text is the same term.
  CHECK(ix.search("2:1-Sieg").front() == "score");
  CHECK(ix.matches("2:1") == Ids{"score"});
  // "9-Euro-Ticket" keeps its 9.
  CHECK(ix.search("9-Euro-Ticket").front() == "ticket");
}
