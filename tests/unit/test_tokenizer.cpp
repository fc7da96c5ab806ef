#include <catch2/catch.hpp>

#include <string>

#include "tokenizer.h"

using namespace newsindex;

namespace {
// "surface:kind" of every token, space separated: the table rows below read like the input.
std::string toks(std::string_view text) {
  std::string out;
  for (const RawToken& t : tokenize(text)) {
    if (!out.empty()) out += " | ";
    out += std::string(text.substr(t.start, t.end - t.start));
    if (t.kind != TokenKind::Word) out += ":" + std::string(to_string(t.kind));
  }
  return out;
}
}  // namespace

TEST_CASE("tokenizer: table of German news text", "[stemmers][tokenizer]") {
  struct Row {
    const char* input;
    const char* expected;
  };
  const Row rows[] = {
      {"Die TikTok-Übernahme durch Oracle", "Die | TikTok-Übernahme | durch | Oracle"},
      {"Preis: 1.000,50 Euro, plus 3,5 Prozent", "Preis | 1.000,50:number | Euro | plus | 3,5:number | Prozent"},
      {"Das Jahr 2026.", "Das | Jahr | 2026:number"},
      {"z. B. Äpfel, u. a. Birnen", "z. B.:abbreviation | Äpfel | u. a.:abbreviation | Birnen"},
      {"die U.S. Army", "die | U.S.:abbreviation | Army"},
      {"Dr. Müller sagt", "Dr | Müller | sagt"},
      {"siehe https://example.org/a?b=1. Danach", "siehe | https://example.org/a?b=1:url | Danach"},
      {"www.elbpost.de/x", "www.elbpost.de/x:url"},
      {"Mail an presse@elbpost.example bitte", "Mail | an | presse@elbpost.example:email | bitte"},
      {"via @tagesschau und #Klimaschutz", "via | @tagesschau:handle | und | #Klimaschutz:hashtag"},
      {"Trump's Plan und Merz' Antwort", "Trump's | Plan | und | Merz | Antwort"},
      {"Trump’s Plan", "Trump’s | Plan"},
      {"Politiker*innen Lehrer:innen Bürger_innen", "Politiker*innen | Lehrer:innen | Bürger_innen"},
      // Slash gender forms end a capitalised noun; other slashes still separate.
      {"Referent/innen Dozent/-innen Lehrer/in", "Referent/innen | Dozent/-innen | Lehrer/in"},
      {"km/in und/oder Ein-/Ausfuhr", "km | in | und | oder | Ein | Ausfuhr"},
      // A truncated word keeps no hyphen (the analyzer completes it).
      {"Ein- und Ausreise", "Ein | und | Ausreise"},
      {"Frage: innen oder außen", "Frage | innen | oder | außen"},
      {"Bundes\xC2\xADtag", "Bundes\xC2\xADtag"},
      {"E\xE2\x80\x91" "Auto", "E\xE2\x80\x91" "Auto"},
      {"Berlin – Hamburg", "Berlin | Hamburg"},
      {"„Zitat“ (Klammer)", "Zitat | Klammer"},
      {"", ""},
      {"bad \xFF\xFE bytes", "bad | bytes"},
      {"5G-Netz und 3D-Druck", "5G-Netz | und | 3D-Druck"},
      {"Fußball-WM 2026", "Fußball-WM | 2026:number"},
  };
  for (const Row& r : rows) {
    INFO("input: " << r.input);
    CHECK(toks(r.input) == r.expected);
  }
}

TEST_CASE("tokenizer: offsets point into the original bytes", "[stemmers][tokenizer]") {
  std::string text = "Größe: 3,5 Meter";
  auto t = tokenize(text);
  REQUIRE(t.size() == 3);
  CHECK(text.substr(t[0].start, t[0].end - t[0].start) == "Größe");
  CHECK(t[1].start == 9);
}
