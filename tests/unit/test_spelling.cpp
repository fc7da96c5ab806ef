// "Meinten Sie": edit distance and suggestions from the vocabulary of a small in-memory index.
#include <catch2/catch.hpp>

#include "document_builder.h"
#include "index_contract.h"
#include "spelling.h"

using namespace newsindex;

namespace {

class SpellIndex {
 public:
  SpellIndex() : db_(std::string(), Xapian::DB_BACKEND_INMEMORY), builder_(analyzer_) {
    const char* bodies[] = {
        "Das Bundesgericht hat die Klage abgewiesen.",
        "Das Bundesgericht verhandelt erneut.",
        "Der Strompreis sinkt im Herbst.",
        "Die Übernahme des Konzerns ist beschlossen.",
        "Ein Urteil wird im Sommer erwartet.",
        "Die Bundesregierung plant ein Gesetz.",
        "Der Strompreis steigt.",
        "Die Stromprise ist ein seltener Tippfehler im Text.",
        "Das Infektionsschutzgesetz gilt.",
        "Das Infektionsschutzgesetz wird geändert.",
        "Das Infektionsschutzgesetz bleibt umstritten.",
        "Eine Infektion, ein Schutz, ein Gesetz.",
    };
    int n = 0;
    auto add = [&](const std::string& body) {
      Article a;
      a.id = "d" + std::to_string(++n);
      a.body = body;
      db_.replace_document(contract::id_term(a.id), builder_.build(a));
    };
    for (const char* body : bodies) add(body);
    for (int i = 0; i < 20; ++i) add("Die Kanzlerin äußerte sich am Abend " + std::to_string(i) + ".");
    add("Die Kanzlerrin äußerte sich.");  // a typo the corpus has once
  }
  std::optional<std::string> suggest(const std::string& q) { return SpellingSuggester(db_, analyzer_).suggest(q); }

 private:
  Analyzer analyzer_;
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
};

}  // namespace

TEST_CASE("spelling: edit distance with adjacent swaps, capped", "[query][spelling]") {
  struct Row {
    const char* a;
    const char* b;
    unsigned max, want;
  };
  const Row rows[] = {
      {"gericht", "gericht", 2, 0}, {"gerihct", "gericht", 2, 1}, {"gerict", "gericht", 2, 1},
      {"gerrricht", "gericht", 2, 2}, {"abc", "xyz", 2, 3},      {"strompreis", "strom", 2, 3},
      {"", "ab", 2, 2},              {"kanzler", "kanzlerin", 1, 2},
  };
  for (const Row& r : rows) {
    INFO(r.a << " / " << r.b);
    CHECK(edit_distance(r.a, r.b, r.max) == r.want);
  }
}

TEST_CASE("spelling: suggestions keep the user's capitalisation and umlauts", "[query][spelling]") {
  SpellIndex ix;
  struct Row {
    const char* query;
    const char* want;  // "" = no suggestion
  };
  const Row rows[] = {
      {"Bundesgerihct", "Bundesgericht"},
      {"bundesgerihct", "bundesgericht"},
      {"BUNDESGERIHCT", "BUNDESGERICHT"},
      {"Übernahmme des Konzerns", "Übernahme des Konzerns"},
      {"Uebernahmme", "Übernahme"},                     // the index's spelling of the word
      {"Strompreiss steigt", "Strompreis steigt"},       // the frequent word, not the rare typo
      {"Bundesgerichtsurteiil", "Bundesgerichtsurteil"},  // compound: known head, corrected tail
      {"Bundesgericht", ""},                             // known
      {"Bundesgerichtsurteil", ""},                      // unknown compound of known parts
      {"Infektionschutzgesetz", "Infektionsschutzgesetz"}, // known parts, but a common word is close
      {"Xylophonkonzert", ""},                           // nothing close
      {"Kanzlerrin", "Kanzlerin"},                       // in the index once, the right word 20 times
      {"Stromprise", ""},                                // rare, but nothing common one edit away
      {"quelle:bundesgerihct", ""},                      // field values are left alone
      {"Bundesgerihct AND Urteil", "Bundesgericht AND Urteil"},
      {"Vundesgericht", "Bundesgericht"},                // first letter replaced, found by lookup
      {"Ubernahme", "Übernahme"},                        // an e missing after the u (folded: uebernahme)
      {"Bundesger*", ""},                                // wildcards are left alone
  };
  for (const Row& r : rows) {
    INFO(r.query);
    auto s = ix.suggest(r.query);
    CHECK(s.value_or("") == r.want);
  }
}
