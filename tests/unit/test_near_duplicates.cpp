// Near-duplicate detection: signatures, the Jaccard estimate, and story assignment through the
// real DocumentBuilder and IndexWriter (uncommitted batches, separate runs, replacing).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

#include "document_builder.h"
#include "index_contract.h"
#include "index_writer.h"
#include "near_duplicates.h"
#include "story_index.h"

using namespace newsindex;

namespace {

// Our own text, about 120 words, and variants of it: a wire copy whose last sentence differs.
const std::string kCommon =
    "Hamburg (dpa) – Die Hafenverwaltung hat am Montag neue Regeln für den Güterverkehr auf der Schiene "
    "vorgestellt. Künftig sollen Containerzüge nachts Vorrang vor Baustellen haben, damit sich die Wartezeiten "
    "an den Terminals verkürzen. Nach Angaben der Verwaltung standen im vergangenen Monat an manchen Tagen mehr "
    "als vierzig Züge vor den Toren des Hafens. Die Speditionen begrüßten den Schritt, forderten aber zusätzliche "
    "Gleise im Süden der Stadt. Auch die Reedereien hatten zuletzt über verspätete Anschlüsse geklagt, weil "
    "Container tagelang auf den Abtransport warteten. Die neuen Regeln gelten zunächst für ein halbes Jahr und "
    "sollen danach gemeinsam mit den Betreibern der Terminals überprüft werden. ";
const std::string kStory = kCommon + "Der Senat will im Herbst über die Finanzierung beraten, hieß es aus dem Rathaus.";
const std::string kLastSentenceChanged = kCommon + "Ein Sprecher der Bahn kündigte eigene Vorschläge bis zum Jahresende an.";
const std::string kSameTopicOtherText =
    "Im Hamburger Hafen stauen sich die Güterzüge. Die Verwaltung reagiert mit einem Vorrang für Containerzüge "
    "in der Nacht, Baustellen müssen warten. Speditionen loben den Plan, sehen aber zu wenige Gleise. Über Geld "
    "entscheidet der Senat im Herbst; bis dahin bleibt unklar, wer die neuen Strecken bezahlt.";
const std::string kUnrelated =
    "Der Stadtrat von Kassel hat den Haushalt für das kommende Jahr beschlossen. Schwerpunkte sind die Sanierung "
    "von Schulen, ein neues Hallenbad und mehr Personal im Bürgeramt. Die Opposition kritisierte die hohe "
    "Neuverschuldung und forderte Einsparungen bei Prestigeprojekten.";

double similarity(Analyzer& analyzer, const std::string& a, const std::string& b) {
  MinHashSignature sa = minhash_signature(analyzer.analyze(a).tokens());
  MinHashSignature sb = minhash_signature(analyzer.analyze(b).tokens());
  return estimated_jaccard(sa, sb);
}

Article article(const std::string& id, const std::string& body, const std::string& source) {
  Article a;
  a.id = id;
  a.title = "Titel " + id;
  a.body = body;
  a.source = source;
  return a;
}

std::string story_of(const Xapian::Database& db, const std::string& id) {
  auto p = db.postlist_begin(contract::id_term(id));
  REQUIRE(p != db.postlist_end(contract::id_term(id)));
  return db.get_document(*p).get_value(contract::kSlotStory);
}

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("newsindex-dedup-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("near duplicates: which bodies are the same story", "[indexer][dedup]") {
  Analyzer analyzer;
  struct Row {
    const std::string* a;
    const std::string* b;
    bool same;
  };
  const Row rows[] = {
      {&kStory, &kStory, true},
      {&kStory, &kLastSentenceChanged, true},
      {&kStory, &kSameTopicOtherText, false},
      {&kStory, &kUnrelated, false},
  };
  for (const Row& r : rows) {
    INFO(r.a->substr(0, 40) << " | " << r.b->substr(0, 40));
    CHECK((similarity(analyzer, *r.a, *r.b) >= kNearDuplicateJaccard) == r.same);
  }
  // Whitespace and line breaks do not matter; the analysis folds case and umlauts.
  std::string reflowed = kStory;
  for (char& ch : reflowed)
    if (ch == ' ') ch = '\n';
  CHECK(similarity(analyzer, kStory, reflowed) == 1.0);
}

TEST_CASE("near duplicates: short bodies never join a story", "[indexer][dedup]") {
  Analyzer analyzer;
  MinHashSignature s = minhash_signature(analyzer.analyze("Kurz notiert: Wetter bleibt gut.").tokens());
  CHECK_FALSE(s.usable());
  CHECK(band_terms(s).empty());
  CHECK(estimated_jaccard(s, s) == 0);
}

TEST_CASE("near duplicates: signature value round trip and band terms", "[indexer][dedup]") {
  Analyzer analyzer;
  MinHashSignature s = minhash_signature(analyzer.analyze(kStory).tokens());
  REQUIRE(s.usable());
  auto back = decode_signature(encode_signature(s));
  REQUIRE(back);
  CHECK(back->values == s.values);
  CHECK(back->shingles == s.shingles);
  CHECK_FALSE(decode_signature("too short"));
  auto bands = band_terms(s);
  CHECK(bands.size() == kMinHashBands);
  for (const std::string& b : bands) CHECK(b.rfind(contract::kNearDupBand, 0) == 0);
}

TEST_CASE("near duplicates: stories across batches, runs and replacements", "[indexer][dedup]") {
  TempDir dir;
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  const std::string db_path = dir.path.string();
  auto put = [&](IndexWriter& w, const Article& a) { w.put(contract::id_term(a.id), builder.build(a)); };
  {
    IndexWriter writer(db_path, analyzer.fingerprint());
    put(writer, article("a1", kStory, "elbpost.de"));
    put(writer, article("a2", kLastSentenceChanged, "mainecho.de"));  // same batch, not committed yet
    put(writer, article("u1", kUnrelated, "elbpost.de"));
  }
  {
    Xapian::Database db(db_path);
    CHECK(story_of(db, "a1") == "a1");
    CHECK(story_of(db, "a2") == "a1");
    CHECK(story_of(db, "u1") == "u1");
  }
  {  // a later run finds the story; replacing the first article keeps everyone's story
    IndexWriter writer(db_path, analyzer.fingerprint());
    put(writer, article("a3", kStory, "rheinkurier.de"));
    put(writer, article("a1", kStory, "elbpost.de"));
    put(writer, article("a2", kLastSentenceChanged, "mainecho.de"));
  }
  {
    Xapian::Database db(db_path);
    CHECK(db.get_doccount() == 4);
    CHECK(story_of(db, "a3") == "a1");
    CHECK(story_of(db, "a1") == "a1");
    CHECK(story_of(db, "a2") == "a1");
    CHECK(db.get_termfreq(contract::story_term("a1")) == 3);
  }
  {  // an article rewritten into something else leaves the story
    IndexWriter writer(db_path, analyzer.fingerprint());
    put(writer, article("a2", kUnrelated + " Nachtrag: der Beschluss fiel einstimmig.", "mainecho.de"));
  }
  Xapian::Database db(db_path);
  CHECK(story_of(db, "a2") == "u1");
  CHECK(db.get_termfreq(contract::story_term("a1")) == 2);
}

TEST_CASE("near duplicates: the in-memory story index decides as one growing database", "[indexer][dedup]") {
  // The segments of a run into a new database get their stories from StoryIndex; one IndexWriter
  // over one database decides the same, re-added and rewritten articles included.
  TempDir dir;
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  const std::vector<Article> input = {
      article("a1", kStory, "elbpost.de"),           article("a2", kLastSentenceChanged, "mainecho.de"),
      article("u1", kUnrelated, "elbpost.de"),       article("t1", kSameTopicOtherText, "elbpost.de"),
      article("a1", kStory, "elbpost.de"),           article("a3", kStory, "rheinkurier.de"),
      article("a1", kUnrelated + " Nachtrag.", "x"), article("a4", kLastSentenceChanged, "y"),
      article("s1", "Kurz.", "z"),
  };
  StoryIndex stories;
  std::vector<std::string> expected, got;
  std::vector<bool> replaced;
  {
    IndexWriter writer(dir.path.string(), analyzer.fingerprint());
    for (const Article& a : input) {
      Xapian::Document in_memory = builder.build(a), written = builder.build(a);
      replaced.push_back(stories.assign(contract::id_term(a.id), in_memory));
      CHECK(writer.put(contract::id_term(a.id), written) == replaced.back());
      writer.commit();
      got.push_back(in_memory.get_value(contract::kSlotStory));
      expected.push_back(story_of(Xapian::Database(dir.path.string()), a.id));
    }
  }
  CHECK(got == expected);
  CHECK(expected == std::vector<std::string>{"a1", "a1", "u1", "t1", "a1", "a1", "u1", "a1", "s1"});
  CHECK(replaced == std::vector<bool>{false, false, false, false, true, false, true, false, false});
}

TEST_CASE("near-duplicates: BandLists holds what a map of sorted vectors holds, through growth and removal", "[near-duplicates]") {
  // Many keys (the table grows from 1,024 slots several times), some lists of several articles
  // added out of order, removals from single and longer lists, and a key re-used after emptying.
  BandLists lists;
  std::map<std::uint64_t, std::vector<std::uint32_t>> reference;
  std::mt19937_64 rng(11);
  auto add = [&](std::uint64_t key, std::uint32_t at) {
    lists.insert(key, at);
    auto& v = reference[key];
    v.insert(std::lower_bound(v.begin(), v.end(), at), at);
  };
  auto remove = [&](std::uint64_t key, std::uint32_t at) {
    lists.erase(key, at);
    auto& v = reference[key];
    v.erase(std::find(v.begin(), v.end(), at));
  };
  std::vector<std::uint64_t> keys;
  for (std::uint32_t at = 0; at < 5000; ++at) {
    const std::uint64_t key = (std::uint64_t{at % 20} << 48) | (rng() & 0xFFFFFFFFFFFFull);
    keys.push_back(key);
    add(key, at);
    if (at % 7 == 0) add(keys[rng() % keys.size()], 10000 - at);  // a second or third article, lower or higher
  }
  for (std::size_t i = 0; i < keys.size(); i += 5) remove(keys[i], reference[keys[i]].front());
  add(keys[0], 42);  // a key whose list was emptied takes an article again
  for (const auto& [key, want] : reference) {
    const std::span<const std::uint32_t> got = lists.find(key);
    INFO("key " << key);
    CHECK(std::vector<std::uint32_t>(got.begin(), got.end()) == want);
  }
  CHECK(lists.find(0x7777).empty());
}
