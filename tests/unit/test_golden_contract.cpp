// Golden tests of the index contract: the complete term list (wdf and positions), values and
// stored data of a few documents of our own, and get_description() of queries of every shape.
// They pin what the index and the query side produce, so a refactoring can prove it changed
// nothing. After an intended change, regenerate with NEWSINDEX_UPDATE_GOLDEN=1 and review the diff.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyzer.h"
#include "date_range.h"
#include "document_builder.h"
#include "query_parser.h"
#include "term_scheme.h"

using namespace newsindex;

namespace {

std::string golden_path(const std::string& name) { return std::string(NEWSINDEX_TEST_DATA_DIR) + "/golden/" + name; }

// Compares text with the golden file line by line; NEWSINDEX_UPDATE_GOLDEN=1 rewrites the file.
void check_golden(const std::string& name, const std::string& text) {
  const std::string path = golden_path(name);
  if (const char* update = std::getenv("NEWSINDEX_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << text;
    WARN("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream expected;
  expected << in.rdbuf();
  std::istringstream want(expected.str()), got(text);
  std::string w, g;
  for (int line = 1;; ++line) {
    bool hw = static_cast<bool>(std::getline(want, w)), hg = static_cast<bool>(std::getline(got, g));
    if (!hw && !hg) break;
    INFO(name << " line " << line);
    REQUIRE(g == w);
  }
}

// Our own short articles: umlauts and ß, compounds, hyphens, gender forms, numbers, names, URLs.
std::vector<Article> golden_articles() {
  std::vector<Article> out(3);
  out[0].id = "golden-1";
  out[0].title = "Oracle bestätigt Gespräche über TikTok-Übernahme";
  out[0].body =
      "Der Softwarekonzern Oracle hat am Montag Gespräche über die Übernahme des US-Geschäfts bestätigt. "
      "Die Nutzerdaten von 170 Millionen Menschen sollen in der Cloud-Infrastruktur bleiben; Kanzlerinnen "
      "und Politiker*innen äußerten sich z. B. in Trumps Heimatstaat kritisch. Mehr unter https://example.org/a.";
  out[0].date = "2025-09-15T08:45:00+02:00";
  out[0].source = "rheinkurier.de";
  out[0].category = "Wirtschaft";
  out[0].agency = "dpa,afp";
  out[0].url = "https://rheinkurier.de/wirtschaft/oracle";
  out[1].id = "golden-2";
  out[1].title = "Fußball-Bundesliga: Elbtal gewinnt 2:1 in Straßburg";
  out[1].body =
      "Die Mannschaft von Trainerin Sabine Müller gewann vor 28.500 Zuschauern mit 2:1. Die Strasse vor dem "
      "Stadion war gesperrt, Muller und Mueller aus der Schulbus-Gruppe jubelten. Der Klimaschutzgesetzentwurf "
      "spielte keine Rolle, wohl aber die Maßnahmen der Polizei und die Lehrer:innen der PolitikerInnen-Schule.";
  out[1].date = "2024-03-02";
  out[1].source = "elbkurier.de";
  out[2].id = "golden-3";
  out[2].body = "Ärzte und Städte fordern mehr Geld für das 9-Euro-Ticket. #Verkehrswende @bahn 3,5 Prozent, Covid-19.";
  return out;
}

// Bytes outside printable ASCII and UTF-8 (binary values such as the MinHash signature) as \xNN.
std::string printable(const std::string& bytes) {
  std::string out;
  auto escape = [&](unsigned char c) {
    static const char* hex = "0123456789abcdef";
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 15];
  };
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = len > 0 && i + len <= bytes.size() && (len > 1 || (c >= 0x20 && c != 0x7f && c != '\\'));
    for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    if (valid) {
      out.append(bytes, i, len);
      i += len;
    } else {
      escape(c);
      ++i;
    }
  }
  return out;
}

std::string dump_document(const Xapian::Document& doc) {
  std::ostringstream out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out << *t << " wdf=" << t.get_wdf();
    if (t.positionlist_count() > 0) {
      out << " pos=";
      bool first = true;
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        out << (first ? "" : ",") << *p;
        first = false;
      }
    }
    out << '\n';
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
    out << "value " << v.get_valueno() << " = " << printable(*v) << '\n';
  out << "data " << stored_json(doc.get_data()) << '\n';
  return out.str();
}

}  // namespace

TEST_CASE("golden: complete term lists of our own documents", "[contract][golden]") {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  std::string text;
  for (const Article& a : golden_articles()) text += "# " + a.id + "\n" + dump_document(builder.build(a));
  check_golden("documents.txt", text);
}

TEST_CASE("golden: query descriptions of every shape", "[contract][golden]") {
  Analyzer analyzer;
  QueryBuilder builder(analyzer, Day{2025, 9, 15});
  const std::vector<std::string> queries = {
      "Übernahme Oracle",
      "TikTok-Übernahme",
      "Klimaschutzgesetz",
      "Nutzerdaten",
      "Ärzte Straße",
      "Strasse Mueller",
      "Politiker*innen",
      "Trumps Heimatstaat",
      "\"Übernahme des US-Geschäfts\"",
      "Kretschmer fordert \"klare Maßnahmen\"",
      "Die Toten Hosen",
      "Oracle AND TikTok",
      "Oracle UND NICHT TikTok",
      "Oracle ODER Microsoft",
      "+Oracle -TikTok Cloud",
      "(Oracle OR Microsoft) AND Übernahme",
      "Oracle NEAR/5 Übernahme",
      "Übernahm*",
      "titel:Übernahme",
      "titel:(Oracle TikTok)",
      "quelle:rheinkurier.de Übernahme",
      "kategorie:Wirtschaft agentur:dpa Oracle",
      "datum:2025-09 Oracle",
      "datum:gestern..heute Übernahme",
      "Die Linke",
      "2:1 9-Euro-Ticket Covid-19",
      "2:1-Sieg US-Präsident G7 500.000",
      "Oracle AND",
      "\"offene Klammer",
      "like:golden-1",
      "Schulbus z. B. #Verkehrswende",
  };
  std::string text;
  for (const std::string& q : queries) {
    ParsedQuery parsed = builder.parse(q);
    text += "> " + q + "\n" + parsed.query.get_description() + "\n";
    for (const auto& w : parsed.warnings) text += "warning " + w + "\n";
    for (const auto& id : parsed.like_ids) text += "like " + id + "\n";
    std::string words, stems;
    for (const auto& w : parsed.match.words) words += " " + w;
    for (const auto& s : parsed.match.stems) stems += " " + s;
    text += "match words:" + words + " | stems:" + stems + "\n";
    for (const auto& part : parsed.parts) text += "part " + part.word + " / " + part.role + ": " + part.query.get_description() + "\n";
  }
  check_golden("queries.txt", text);
}

TEST_CASE("contract: docs/index-contract.md documents every prefix, slot and metadata key", "[contract]") {
  std::ifstream in(std::string(NEWSINDEX_SOURCE_DIR) + "/docs/index-contract.md");
  REQUIRE(in.good());
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string text = doc.str();
  auto documented_prefix = [&](std::string_view prefix) {
    // A table row whose first cell names the prefix, alone or among others ("`Y`, `M`, `D`").
    return text.find("| `" + std::string(prefix) + "`") != std::string::npos ||
           text.find(", `" + std::string(prefix) + "`") != std::string::npos;
  };
  for (const contract::TermRule& rule : contract::kTermScheme) {
    INFO("term kind " << rule.name);
    if (!rule.prefix.empty()) CHECK(documented_prefix(rule.prefix));
    else CHECK(text.find("| (none) |") != std::string::npos);
    if (!rule.title_prefix.empty()) CHECK(documented_prefix(rule.title_prefix));
  }
  namespace c = contract;
  for (std::string_view p : {c::kId, c::kSource, c::kCategory, c::kYear, c::kMonth, c::kDay, c::kAgency, c::kLanguage,
                             c::kStory, c::kNearDupBand}) {
    INFO("prefix " << p);
    CHECK(documented_prefix(p));
  }
  for (unsigned slot : {c::kSlotDate, c::kSlotSource, c::kSlotCategory, c::kSlotAgency, c::kSlotStory, c::kSlotLanguage,
                        c::kSlotNearDupSignature, c::kSlotId}) {
    INFO("slot " << slot);
    CHECK(text.find("| " + std::to_string(slot) + " |") != std::string::npos);
  }
  for (std::string_view key : {c::kMetaAnalysis, c::kMetaFormat, c::kMetaShards}) {
    INFO("metadata " << key);
    CHECK(text.find("`" + std::string(key) + "`") != std::string::npos);
  }
  // The query side's weights as the table says them.
  for (const contract::QueryAlternative& alt : {c::kWordAlternative, c::kExactAlternative, c::kStemAlternative,
                                                c::kInCompoundsAlternative, c::kUmlautFreeStemAlternative,
                                                c::kStemWithoutUmlautsAlternative, c::kVariantAlternative,
                                                c::kVariantStemAlternative, c::kCompoundPartsAlternative,
                                                c::kSegmentAlternative, c::kSegmentStemAlternative}) {
    INFO("query alternative " << alt.role);
    std::ostringstream row;
    row << "| " << alt.role << " | " << alt.weight << " |";
    CHECK(text.find(row.str()) != std::string::npos);
  }
  for (const contract::ProximityPair& pair : {c::kOrderedPair, c::kUnorderedPair}) {
    INFO("proximity pair " << pair.role);
    std::ostringstream row;
    row << "| " << pair.role << " | " << pair.weight << " | " << pair.window << " |";
    CHECK(text.find(row.str()) != std::string::npos);
  }
}
