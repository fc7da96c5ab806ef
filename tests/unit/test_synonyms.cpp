// Synonyms: curation of OpenThesaurus lines, the compact cache form, and retrieval through the
// real QueryBuilder (a synonym finds an article without the typed word, and ranks below it).
#include <catch2/catch.hpp>

#include <sstream>

#include "document_builder.h"
#include "index_contract.h"
#include "query_parser.h"
#include "synonyms.h"
#include "test_support.h"

using namespace newsindex;

namespace {

// Lines in OpenThesaurus' format, written for this test.
const char* kThesaurus =
    "# comment\n"
    "Streik;Arbeitsniederlegung;Ausstand;Arbeitskampf\n"
    "Auto;Wagen (ugs.);Kraftfahrzeug;Pkw (Hauptform)\n"
    "Virus;Computervirus;Erreger\n"
    "Seuche;Epidemie;Geißel der Menschheit (lit.; journalistisch)\n"
    "Straße;Fahrbahn\n"
    "Bank;Geldhaus\n"
    "Bank;Sitzbank\n"
    "Bank;Sandbank\n"
    "Kohle;Geld (ugs.);Zaster (derb)\n";

Thesaurus thesaurus(Analyzer& analyzer) {
  std::istringstream in(kThesaurus);
  return Thesaurus::parse(in, analyzer);
}

std::vector<std::string> folded(const std::vector<Synonym>& s) {
  std::vector<std::string> out;
  for (const Synonym& x : s) out.push_back(x.folded);
  return out;
}

std::string stem_of(Analyzer& analyzer, const std::string& word) { return std::string(analyzer.analyze(word)[0].stem); }

}  // namespace

TEST_CASE("synonyms: curated entries, analysed like text", "[query][synonyms]") {
  Analyzer analyzer;
  Thesaurus th = thesaurus(analyzer);
  using V = std::vector<std::string>;
  struct Row {
    const char* word;
    V want;
  };
  const Row rows[] = {
      {"Streik", V{"arbeitsniederlegung", "ausstand", "arbeitskampf"}},
      {"Ausstand", V{"streik", "arbeitsniederlegung", "arbeitskampf"}},
      {"Auto", V{"kraftfahrzeug", "pkw"}},  // "Wagen (ugs.)" skipped, "(Hauptform)" kept
      {"Virus", V{"erreger"}},              // "Computervirus" is narrower, not a synonym
      {"Seuche", V{"epidemie"}},            // phrases skipped; ';' inside brackets is not a separator
      {"Straße", V{"fahrbahn"}},            // keys and synonyms are folded (ß → ss) and stemmed
      {"Strasse", V{"fahrbahn"}},
      {"Bank", V{}},                        // in three synsets: too ambiguous
      {"Geldhaus", V{}},                    // its only synonym is ambiguous
      {"Kohle", V{}},                       // only labelled entries left
  };
  for (const Row& r : rows) {
    INFO(r.word);
    CHECK(folded(th.lookup(stem_of(analyzer, r.word))) == r.want);
  }
}

TEST_CASE("synonyms: the compact cache form reads back the same", "[query][synonyms]") {
  Analyzer analyzer;
  Thesaurus th = thesaurus(analyzer);
  std::ostringstream out;
  th.write_compact(out);
  std::istringstream in(out.str());
  Thesaurus back = Thesaurus::read_compact(in);
  CHECK(back.words() == th.words());
  for (const char* w : {"Streik", "Auto", "Straße", "Bank"})
    CHECK(folded(back.lookup(stem_of(analyzer, w))) == folded(th.lookup(stem_of(analyzer, w))));

  // The cache file memory-mapped: every key found by the byte-level binary search, first and last
  // line included, and keys between, before and after them not.
  const newsindex::testing::TempDir dir;
  newsindex::testing::write_file(dir.file("c.tsv"), "aa\tx x\nbb\ty y\tz z\ncc\tw w\n");
  bool ok = false;
  Thesaurus mapped = Thesaurus::map_compact(dir.file("c.tsv"), &ok);
  REQUIRE(ok);
  CHECK(mapped.words() == 3);
  CHECK(folded(mapped.lookup("aa")) == std::vector<std::string>{"x"});
  CHECK(folded(mapped.lookup("bb")) == std::vector<std::string>{"y", "z"});
  CHECK(folded(mapped.lookup("cc")) == std::vector<std::string>{"w"});
  for (const char* missing : {"", "a", "ab", "b", "bc", "c", "d", "\t"}) CHECK(mapped.lookup(missing).empty());
  Thesaurus::map_compact(dir.file("missing.tsv"), &ok);
  CHECK_FALSE(ok);
  // Real size: every key of the curated thesaurus is found through the mapping.
  std::ostringstream full;
  th.write_compact(full);
  newsindex::testing::write_file(dir.file("full.tsv"), full.str());
  Thesaurus big = Thesaurus::map_compact(dir.file("full.tsv"), &ok);
  std::istringstream lines(full.str());
  for (std::string line; std::getline(lines, line);) {
    const std::string key = line.substr(0, line.find('\t'));
    INFO(key);
    CHECK(folded(big.lookup(key)) == folded(th.lookup(key)));
    CHECK_FALSE(big.lookup(key).empty());
  }
}

TEST_CASE("synonyms: expansion finds articles without the typed word, ranked below it", "[query][synonyms]") {
  Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  DocumentBuilder builder(analyzer);
  auto add = [&](const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.body = body;
    db.replace_document(contract::id_term(id), builder.build(a));
  };
  add("typed", "Der Streik der Lokführer geht weiter.");
  add("synonym", "Die Arbeitsniederlegung der Lokführer geht weiter.");
  add("other", "Die Lokführer verhandeln weiter.");
  Thesaurus th = thesaurus(analyzer);
  auto search = [&](bool expand) {
    QueryBuilder qb(analyzer);
    if (expand) qb.set_word_expansion(synonym_expansion(th, db));
    Xapian::Enquire enquire(db);
    enquire.set_query(qb.parse("Streik").query);
    std::vector<std::string> ids;
    Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it.get_document().termlist_begin());
    return ids;
  };
  CHECK(search(false) == std::vector<std::string>{"Qtyped"});
  CHECK(search(true) == std::vector<std::string>{"Qtyped", "Qsynonym"});
}
