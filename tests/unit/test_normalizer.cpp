#include <catch2/catch.hpp>

#include "normalizer.h"

using namespace newsindex;

TEST_CASE("normalize_text: NFKC, German lowercase, invisible characters dropped", "[stemmers][normalizer]") {
  struct Row {
    const char* input;
    const char* expected;
  };
  const Row rows[] = {
      {"Übernahme", "übernahme"},
      {"STRASSE", "strasse"},
      {"Straße", "straße"},
      {"ÄÖÜ", "äöü"},
      {"Bundes\xC2\xADtag", "bundestag"},              // soft hyphen
      {"Daten\xE2\x80\x8B" "schutz", "datenschutz"},  // zero-width space
      {"\xEF\xAC\x81nanzen", "finanzen"},             // ligature ﬁ (NFKC)
      {"Trump\xE2\x80\x99s", "trump's"},              // typographic apostrophe
      {"E\xE2\x80\x91" "Auto", "e-auto"},             // non-breaking hyphen
      {"ÉCOLE", "école"},
      {"ΑΘΉΝΑ", "αθήνα"},
  };
  for (const Row& r : rows) {
    INFO("input: " << r.input);
    CHECK(normalize_text(r.input) == r.expected);
  }
}

TEST_CASE("fold_umlauts: two spellings meet, ü is not u", "[stemmers][normalizer]") {
  CHECK(fold_umlauts("übernahme") == "uebernahme");
  CHECK(fold_umlauts("uebernahme") == "uebernahme");
  CHECK(fold_umlauts("straße") == "strasse");
  CHECK(fold_umlauts("müller") == "mueller");
  CHECK(fold_umlauts("über") != fold_umlauts("uber"));
  CHECK(fold_umlauts("müller") != fold_umlauts("muller"));
  CHECK(fold_umlauts("café") == "cafe");
  CHECK(fold_umlauts("erdoğan") == "erdogan");
  CHECK(has_ambiguous_folding("uebernahme"));
  CHECK(has_ambiguous_folding("strasse"));
  CHECK_FALSE(has_ambiguous_folding("oracle"));
}
