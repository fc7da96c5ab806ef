// The whole chain, as rows of {input, compact token string} (the format of `newsindex analyze
// --compact`): folded/stem@position, "!" stop word, "+" compound part, "~" variant.
#include <catch2/catch.hpp>

#include <unicode/uversion.h>
#include <xapian.h>

#include "analyzer.h"
#include "token_format.h"

using namespace newsindex;

namespace {
Analyzer& shared_analyzer() {
  static Analyzer analyzer;
  return analyzer;
}
std::string analyze(std::string_view text) { return format_tokens(shared_analyzer().analyze(text)); }
}  // namespace

TEST_CASE("analyzer: table of German news language", "[stemmers][analyzer]") {
  struct Row {
    const char* input;
    const char* expected;
  };
  const Row rows[] = {
      // Umlauts in two levels: both spellings fold alike, ü is not u.
      {"Übernahme", "uebernahme/uebernahm@1"},
      {"Uebernahme", "uebernahme/uebernahm@1"},
      {"Straße STRASSE", "strasse/strass@1 strasse/strass@2"},
      {"Müller Muller", "mueller/muell@1 muller/mull@2"},
      {"Uber", "uber/uber@1"},
      // Capitalised nouns are stemmed like any word; plural meets singular.
      {"Übernahmen", "uebernahmen/uebernahm@1"},
      {"Gerichts Gerichte", "gerichts/gericht@1 gerichte/gericht@2"},
      // Feminine plural, name genitives.
      {"Kanzlerinnen Kanzlerin", "kanzlerinnen/kanzlerin@1 kanzlerin/kanzlerin@2"},
      {"Trumps Trump Merkels", "trumps/trump@1 trump/trump@2 merkels/merkel@3"},
      // Gender forms: the feminine stem, plus the masculine form as a variant.
      {"Politiker*innen", "politikerinnen/politikerin@1 ~politiker/polit"},
      {"Lehrer:innen", "lehrerinnen/lehrerin@1 ~lehrer/lehr"},
      {"PolitikerInnen", "politikerinnen/politikerin@1 ~politiker/polit"},
      // Stop words keep their positions but get no stem.
      {"Die Linke", "die!@1 linke/link@2"},
      {"Sein oder nicht sein", "sein!@1 oder!@2 nicht!@3 sein!@4"},
      // Compounds: parts at the compound's position, lemma forms.
      {"Nutzerdaten", "nutzerdaten/nutzerdat@1 +nutzer/nutz +daten/dat"},
      {"Arbeitsmarkt", "arbeitsmarkt/arbeitsmarkt@1 +arbeit/arbeit +markt/markt"},
      {"Schulbus", "schulbus/schulbus@1 +schule/schul +bus/bus"},
      {"Fußballweltmeisterschaft",
       "fussballweltmeisterschaft/fussballweltmeisterschaft@1 +fussball/fussball +welt/welt +meisterschaft/meisterschaft"},
      // Hyphenated: joined form, the segments, and splits of the segments.
      {"TikTok-Übernahme", "tiktokuebernahme/tiktokuebernahm@1 +tiktok/tiktok +uebernahme/uebernahm"},
      {"Corona-Hilfspaket",
       "coronahilfspaket/coronahilfspaket@1 +corona/corona +hilfspaket/hilfspaket +hilfe/hilf +paket/paket"},
      // Never pseudo-words from derivations.
      {"Entscheidung", "entscheidung/entscheid@1"},
      {"Verkauf Vorschlag", "verkauf/verkauf@1 vorschlag/vorschlag@2"},
      {"Wirtschaft Einfluss", "wirtschaft/wirtschaft@1 einfluss/einfluss@2"},
      // Numbers, abbreviations, URLs, handles, hashtags.
      {"z. B. 1.000,50 Euro", "z.b.@1 1.000,50@2 euro/euro@3"},
      {"siehe https://Example.org/X", "siehe/sieh@1 https://example.org/x@2"},
      {"@Tagesschau #Klimaschutz", "@tagesschau@1 #klimaschutz/klimaschutz@2 +klima/klima +schutz/schutz"},
      // Invisible characters and typographic punctuation.
      {"Daten\xC2\xADschutz", "datenschutz/datenschutz@1 +daten/dat +schutz/schutz"},
      {"Trump\xE2\x80\x99s", "trumps/trump@1"},
  };
  for (const Row& r : rows) {
    INFO("input: " << r.input);
    CHECK(analyze(r.input) == r.expected);
  }
}

TEST_CASE("analyzer: offsets of words and of parts inside compounds", "[stemmers][analyzer]") {
  Analyzer& a = shared_analyzer();
  std::string text = "Die Nutzerdaten";
  auto tokens = a.analyze(text);
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[1].surface == "Nutzerdaten");
  CHECK(tokens[2].surface == "Nutzer");
  CHECK(tokens[3].surface == "daten");
  CHECK(tokens[3].start == 10);
  CHECK(tokens[3].end == 15);
  std::string umlaut = "Straßenbahnhaltestelle";
  for (const Token& t : a.analyze(umlaut)) {
    INFO(t.folded);
    CHECK(t.end <= umlaut.size());
    CHECK(t.start <= t.end);
  }
}

TEST_CASE("analyzer: fingerprint names every switch and changes with them", "[stemmers][analyzer]") {
  const std::string full = shared_analyzer().fingerprint();
  CHECK(full.find("chain=") != std::string::npos);
  CHECK(full.find("lexicon=") != std::string::npos);
  // The stemmer (Snowball, shipped with Xapian) and ICU can change terms between releases.
  CHECK(full.find(std::string("xapian=") + Xapian::version_string()) != std::string::npos);
  CHECK(full.find(";icu=" + std::to_string(U_ICU_VERSION_MAJOR_NUM) + ".") != std::string::npos);
  AnalyzerOptions no_split;
  no_split.split_compounds = false;
  CHECK(Analyzer(no_split).fingerprint() != full);
  AnalyzerOptions no_fold;
  no_fold.fold_umlauts = false;
  CHECK(Analyzer(no_fold).fingerprint() != full);
  CHECK(Analyzer().fingerprint() == full);
}

TEST_CASE("analyzer: a missing lexicon is a clear error", "[stemmers][analyzer]") {
  AnalyzerOptions o;
  o.lexicon_path = "/nonexistent/ngerman";
  CHECK_THROWS_WITH(Analyzer(o), Catch::Contains("/nonexistent/ngerman") && Catch::Contains("wngerman"));
}

TEST_CASE("analyzer: hostile input never crashes", "[stemmers][analyzer]") {
  Analyzer& a = shared_analyzer();
  std::string nul("a\0b", 3);
  CHECK_NOTHROW(a.analyze(nul));
  CHECK_NOTHROW(a.analyze(std::string(10000, '-')));
  CHECK_NOTHROW(a.analyze(std::string(5000, 'a')));
  CHECK_NOTHROW(a.analyze("\xFF\xFE\xF0\x9F"));
  std::string long_word(300, 'x');
  auto t = a.analyze(long_word);
  REQUIRE(t.size() == 1);
  CHECK(t[0].stem.empty());
}
