// "Meinten Sie": edit distance and suggestions from the vocabulary of a small in-memory index.
#include <catch2/catch.hpp>

#include "document_builder.h"
#include "index_contract.h"
#include "spelling.h"
#include "spelling_vocabulary.h"
#include "test_support.h"

#include <bit>
#include <cstdlib>
#include <filesystem>
#include <random>

using namespace newsindex;
using newsindex::testing::ScopedEnv;

namespace {

class SpellIndex {
 public:
  // In memory (no revision: spelling scans the terms), or on disk in `folder` (a glass database:
  // spelling reads the cached vocabulary when a cache folder is set).
  explicit SpellIndex(const std::string& folder = std::string())
      : db_(folder, folder.empty() ? Xapian::DB_BACKEND_INMEMORY : Xapian::DB_CREATE_OR_OVERWRITE), builder_(analyzer_) {
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
    db_.commit();
  }
  Xapian::WritableDatabase& db() { return db_; }
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

namespace {

// Optimal string alignment distance, the whole table, no shortcuts: the reference for edit_distance.
unsigned reference_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<unsigned>> d(a.size() + 1, std::vector<unsigned>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<unsigned>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

TEST_CASE("spelling: edit distance equals the full table, capped, for random words", "[query][spelling]") {
  std::mt19937 rng(7);
  const std::string letters = "abcde";  // few letters: many near neighbours and swaps
  auto word = [&](std::size_t max_len) {
    std::string w(std::uniform_int_distribution<std::size_t>(0, max_len)(rng), 'a');
    for (char& ch : w) ch = letters[std::uniform_int_distribution<std::size_t>(0, letters.size() - 1)(rng)];
    return w;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string a = word(9), b = i % 4 == 0 ? word(80) : word(9);  // some longer than the stack table
    const unsigned max = static_cast<unsigned>(i % 4);
    INFO(a << " / " << b << " max " << max);
    REQUIRE(edit_distance(a, b, max) == std::min(reference_distance(a, b), max + 1));
    // The letter-set bound the vocabulary scan rejects with never rejects a word within reach.
    REQUIRE(static_cast<unsigned>(std::popcount(letter_set(a) ^ letter_set(b))) <= 2 * reference_distance(a, b));
  }
}

TEST_CASE("spelling: the vocabulary holds the letters-only word terms by first byte and length", "[query][spelling]") {
  testing::TempDir tmp;
  Xapian::WritableDatabase db(tmp.file("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::Document doc;
  for (const char* t : {"haus", "hand", "hase", "haeuser", "hau2", "Zhaus", "XPhaus", "mai", "2020", "\xc3\xa9t\xc3\xa9"})
    doc.add_term(t);
  db.add_document(doc);
  db.add_document(doc);
  Xapian::Document one;
  one.add_term("hand");
  db.add_document(one);
  db.commit();
  const auto v = SpellingVocabulary::build(db);
  REQUIRE(v);
  CHECK(v->size() == 6);  // haus hand hase haeuser mai été
  std::vector<std::pair<std::string, Xapian::doccount>> seen;
  v->for_each('h', 4, 4, [&](std::string_view w, Xapian::doccount f, std::uint32_t) { seen.emplace_back(std::string(w), f); });
  CHECK(seen == std::vector<std::pair<std::string, Xapian::doccount>>{{"hand", 3}, {"hase", 2}, {"haus", 2}});
  seen.clear();
  v->for_each('h', 5, 200, [&](std::string_view w, Xapian::doccount f, std::uint32_t) { seen.emplace_back(std::string(w), f); });
  CHECK(seen == std::vector<std::pair<std::string, Xapian::doccount>>{{"haeuser", 2}});
  seen.clear();
  v->for_each(0xc3, 1, 10, [&](std::string_view w, Xapian::doccount, std::uint32_t) { seen.emplace_back(std::string(w), 0); });
  CHECK(seen.size() == 1);
  CHECK(letters_only("\xc3\xa9t\xc3\xa9"));
  CHECK_FALSE(letters_only("hau2"));
  // termfreq: the index's number for every letters-only word, 0 for others and absent words.
  for (const char* w : {"haus", "hand", "hase", "haeuser", "mai", "\xc3\xa9t\xc3\xa9", "hans", "ha", "hausx", "zz"}) {
    INFO(w);
    CHECK(v->termfreq(w) == db.get_termfreq(w));
  }
  CHECK(v->termfreq("hand") == 3);
  CHECK(v->termfreq("hau2") == 0);  // not letters only: not in the vocabulary
}

TEST_CASE("spelling: vocabulary termfreq agrees with the index for long words and full groups", "[query][spelling]") {
  testing::TempDir tmp;
  Xapian::WritableDatabase db(tmp.file("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  std::vector<std::string> words;
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (int i = 0; i < 400; ++i) {
    std::string w;
    const std::size_t len = 2 + next() % 80;  // some beyond kMaxGroupedLength share its group
    for (std::size_t k = 0; k < len; ++k) w += static_cast<char>('a' + next() % 3);
    words.push_back(w);
  }
  for (int d = 0; d < 3; ++d) {
    Xapian::Document doc;
    for (std::size_t i = d; i < words.size(); i += 1 + d) doc.add_term(words[i]);
    db.add_document(doc);
  }
  db.commit();
  const auto v = SpellingVocabulary::build(db);
  REQUIRE(v);
  for (const std::string& w : words) {
    INFO(w);
    CHECK(v->termfreq(w) == db.get_termfreq(w));
    const std::string absent = w + "a";
    if (!db.term_exists(absent)) CHECK(v->termfreq(absent) == 0);
  }
}

TEST_CASE("spelling: the cached vocabulary gives the same suggestions, one file per revision", "[query][spelling]") {
  testing::TempDir tmp;
  const ScopedEnv env("NEWSINDEX_CACHE_DIR", tmp.file("cache"));
  SpellIndex memory;
  SpellIndex disk(tmp.file("db"));
  auto files = [&] {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(tmp.file("cache") + "/spelling", ec)) out.push_back(e.path().filename().string());
    return out;
  };
  const char* queries[] = {"Bundesgerihct", "Uebernahmme", "Strompreiss steigt", "Bundesgerichtsurteiil",
                           "Infektionschutzgesetz", "Kanzlerrin", "Stromprise", "Vundesgericht", "Ubernahme",
                           "Xylophonkonzert", "Bundesgericht"};
  for (const char* q : queries) {
    INFO(q);
    CHECK(disk.suggest(q) == memory.suggest(q));  // the disk index reads the vocabulary, memory scans
  }
  REQUIRE(files().size() == 1);
  const std::string first = files().front();
  CHECK(SpellingVocabulary::of(disk.db()));

  SECTION("a new revision gets a new file and the old one goes") {
    Xapian::Document doc;
    doc.add_term("bundesgerichte");
    disk.db().add_document(doc);
    disk.db().commit();
    CHECK(disk.suggest("Bundesgerihct") == memory.suggest("Bundesgerihct"));
    REQUIRE(files().size() == 1);
    CHECK(files().front() != first);
  }
  SECTION("a damaged file of a new revision is rebuilt") {
    Xapian::Document doc;
    doc.add_term("bundesgerichte");
    disk.db().add_document(doc);
    disk.db().commit();
    const std::string name = files().front().substr(0, files().front().rfind('-') + 1) + std::to_string(disk.db().get_revision()) + ".bin";
    testing::write_file(tmp.file("cache") + "/spelling/" + name, "NXVOC garbage");
    CHECK(disk.suggest("Kanzlerrin") == memory.suggest("Kanzlerrin"));
    CHECK(std::filesystem::file_size(tmp.file("cache") + "/spelling/" + name) > 1000);
  }
  SECTION("other databases' files beyond the newest 16 are removed") {
    for (int i = 0; i < 20; ++i) testing::write_file(tmp.file("cache") + "/spelling/0000000" + std::to_string(i) + "-1.bin", "old");
    Xapian::Document doc;
    doc.add_term("bundesgerichte");
    disk.db().add_document(doc);
    disk.db().commit();
    CHECK(disk.suggest("Kanzlerrin") == memory.suggest("Kanzlerrin"));  // writes this revision's file
    CHECK(files().size() == 16);
  }
  SECTION("without a cache folder there is no vocabulary") {
    const ScopedEnv off("NEWSINDEX_CACHE_DIR", "off");
    CHECK_FALSE(SpellingVocabulary::of(disk.db()));
    CHECK_FALSE(SpellingVocabulary::of(memory.db()));
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
