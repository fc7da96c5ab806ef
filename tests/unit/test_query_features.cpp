// The query features newsrooms expect: date filters and German relative dates, agency filter,
// facets, recency boost, more like this, --explain. Parsers as tables; retrieval through the real
// DocumentBuilder, QueryBuilder and Searcher.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>

#include <fmt/format.h>


#include "date_range.h"
#include "document_builder.h"
#include "errors.h"
#include "facets.h"
#include "index_contract.h"
#include "near_duplicates.h"
#include "story_collapse.h"
#include "article.h"
#include "recency.h"
#include "retrieval_fixture.h"
#include "searcher.h"
#include "test_support.h"

using namespace newsindex;
using newsindex::testing::Ids;
using newsindex::testing::MiniIndex;

namespace {

constexpr Day kToday{2026, 11, 27};  // a Friday

std::string period_text(const Period& p) { return to_iso(p.first) + ".." + to_iso(p.last); }

// NEWSQUERY_TODAY for one scope.
struct PinnedToday {
  explicit PinnedToday(const char* day) { setenv("NEWSQUERY_TODAY", day, 1); }
  ~PinnedToday() { unsetenv("NEWSQUERY_TODAY"); }
};

// An on-disk index in a temporary folder (removed with the fixture), searched through the real
// Searcher, which wants paths and a fingerprint; a subclass fills it in its constructor and seals it.
class DiskFixture {
 public:
  Searcher searcher() { return Searcher({path_}, analyzer_); }

 protected:
  // Records the analysis fingerprint and commits.
  void seal(Xapian::WritableDatabase& db) {
    db.set_metadata(std::string(contract::kMetaAnalysis), analyzer_.fingerprint());
    db.commit();
  }
  testing::TempDir dir_;
  std::string path_ = dir_.file("db");
  Analyzer analyzer_;
};

// A small on-disk index opened through the real Searcher.
class DiskIndex : public DiskFixture {
 public:
  DiskIndex() {
    Xapian::WritableDatabase db(path_, Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder(analyzer_);
    auto add = [&](const char* id, const char* title, const char* body, const char* source, const char* category,
                   const char* date, const char* agency) {
      Article a;
      a.id = id, a.title = title, a.body = body, a.source = source, a.category = category, a.date = date;
      Xapian::Document doc = builder.build(a);
      // The agency terms and slot as the index contract defines them (written here, not relying on
      // the indexer's credit-line extraction).
      if (*agency) {
        doc.add_value(contract::kSlotAgency, agency);
        std::string list = agency;
        for (std::size_t i = 0; i <= list.size();) {
          std::size_t j = std::min(list.find(',', i), list.size());
          doc.add_boolean_term(std::string(contract::kAgency) + list.substr(i, j - i));
          i = j + 1;
        }
      }
      db.replace_document(contract::id_term(id), doc);
    };
    add("a1", "Bahnstreik legt Fernverkehr lahm", "Die Lokführer streiken seit Montag. Der Fernverkehr steht still.",
        "elbpost.de", "Panorama", "2025-03-10T06:15:00+01:00", "dpa");
    add("a2", "Einigung im Tarifkonflikt der Bahn", "Nach dem Streik der Lokführer gibt es eine Einigung im Tarifkonflikt.",
        "mainecho.de", "Wirtschaft", "2025-03-12T19:40:00+01:00", "dpa,afp");
    add("a3", "Neuer Streik bei der Bahn", "Die Lokführer kündigen einen neuen Streik an. Pendler müssen sich einstellen.",
        "elbpost.de", "Panorama", "2026-11-20T08:00:00+01:00", "");
    add("a4", "Oracle übernimmt TikTok-Geschäft", "Der Softwarekonzern Oracle übernimmt das US-Geschäft von TikTok.",
        "rheinkurier.de", "Wirtschaft", "2025-09-15", "reuters");
    add("a5", "Hochwasser am Rhein", "Der Pegel in Köln steigt weiter, die Altstadt ist gesperrt.", "rheinkurier.de",
        "Panorama", "", "");
    seal(db);
  }
};

Ids ids_of(const SearchResults& r) {
  Ids out;
  for (const Hit& h : r.hits) out.push_back(h.id);
  return out;
}

}  // namespace

TEST_CASE("dates: German relative dates with a pinned today", "[query][dates]") {
  struct Row {
    const char* text;
    const char* period;  // first..last
  };
  const Row rows[] = {
      {"heute", "2026-11-27..2026-11-27"},
      {"Heute", "2026-11-27..2026-11-27"},
      {"gestern", "2026-11-26..2026-11-26"},
      {"vorgestern", "2026-11-25..2026-11-25"},
      {"seit gestern", "2026-11-26..2026-11-26"},
      {"letzte Woche", "2026-11-16..2026-11-22"},
      {"vergangene Woche", "2026-11-16..2026-11-22"},
      {"seit letzter Woche", "2026-11-16..2026-11-22"},
      {"diese Woche", "2026-11-23..2026-11-29"},
      {"letzten Monat", "2026-10-01..2026-10-31"},
      {"vorigen Monat", "2026-10-01..2026-10-31"},
      {"diesen Monat", "2026-11-01..2026-11-30"},
      {"letztes Jahr", "2025-01-01..2025-12-31"},
      {"dieses Jahr", "2026-01-01..2026-12-31"},
      {"seit 3 Tagen", "2026-11-24..2026-11-24"},
      {"seit drei Tagen", "2026-11-24..2026-11-24"},
      {"seit einer Woche", "2026-11-20..2026-11-20"},
      {"vor 2 Wochen", "2026-11-13..2026-11-13"},
      {"vor einem Monat", "2026-10-27..2026-10-27"},
      {"vor einem Jahr", "2025-11-27..2025-11-27"},
      {"letzte 7 Tage", "2026-11-20..2026-11-27"},
      {"in den letzten 2 Wochen", "2026-11-13..2026-11-27"},
      {"letzten Montag", "2026-11-23..2026-11-23"},
      {"letzten Freitag", "2026-11-20..2026-11-20"},
      {"Freitag", "2026-11-27..2026-11-27"},
      {"2026", "2026-01-01..2026-12-31"},
      {"2024-02", "2024-02-01..2024-02-29"},
      {"2025-08-01", "2025-08-01..2025-08-01"},
      {"1.8.2025", "2025-08-01..2025-08-01"},
      {"3. März 2025", "2025-03-03..2025-03-03"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(period_text(parse_period(row.text, kToday)) == row.period);
  }
  // Month arithmetic clamps the day: one month before 31 March is the end of February.
  CHECK(period_text(parse_period("vor einem Monat", Day{2024, 3, 31})) == "2024-02-29..2024-02-29");
  CHECK(period_text(parse_period("letzte Woche", Day{2027, 1, 1})) == "2026-12-21..2026-12-27");
  for (const char* bad : {"", "morgen früh", "letzen Monat", "2025-13", "2025-02-30", "seit Tagen", "vor x Wochen"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_period(bad, kToday), DateError);
  }
}

TEST_CASE("dates: ranges become slot keys, open ends stay open", "[query][dates]") {
  struct Row {
    const char* text;
    const char* lo;
    const char* hi;
  };
  const Row rows[] = {
      {"2020-08-01..2020-09-15", "20200801000000", "20200915235959"},
      {"2020-08", "20200801000000", "20200831235959"},
      {"2020", "20200101000000", "20201231235959"},
      {"..2020-09-15", "", "20200915235959"},
      {"2020-08-01..", "20200801000000", ""},
      {"2020-08..2020-09", "20200801000000", "20200930235959"},
      {"gestern..heute", "20261126000000", "20261127235959"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    DateRange r = parse_date_range(row.text, kToday);
    CHECK(r.lo == row.lo);
    CHECK(r.hi == row.hi);
  }
  for (const char* bad : {"..", "2021..2020", "2020-08-32", "x..2020"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_date_range(bad, kToday), DateError);
  }
  CHECK(key_to_seconds("19700101000000") == 0);
  CHECK(key_to_seconds("19700102000130") == 86400 + 90);
  CHECK(key_to_seconds("garbage") == -1);
}

TEST_CASE("dates: NEWSQUERY_TODAY pins today, a bad value is named", "[query][dates]") {
  {
    PinnedToday pin("2024-02-29");
    CHECK(today() == Day{2024, 2, 29});
  }
  PinnedToday bad("29.02.2024x");
  CHECK_THROWS_WITH(today(), Catch::Contains("NEWSQUERY_TODAY"));
}

TEST_CASE("options: half-lives and facet lists", "[query][options]") {
  CHECK(parse_half_life("12h") == 12 * 3600.0);
  CHECK(parse_half_life("7d") == 7 * 86400.0);
  CHECK(parse_half_life("2w") == 14 * 86400.0);
  CHECK(parse_half_life("1.5d") == 1.5 * 86400.0);
  for (const char* bad : {"", "7", "7x", "-1d", "0d", "d"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_half_life(bad), UsageError);
  }
  CHECK(parse_facets("source, Kategorie,agency,jahr,month,source") ==
        std::vector<Facet>{Facet::Source, Facet::Category, Facet::Agency, Facet::Year, Facet::Month});
  CHECK(parse_facets("").empty());
  CHECK_THROWS_WITH(parse_facets("source,autor"), Catch::Contains("autor") && Catch::Contains("valid"));
  RecencyBoost b;
  b.half_life_seconds = 86400;
  b.weight = 4;
  b.reference = key_to_seconds("20261127000000");
  CHECK(b.bonus("20261127000000") == Approx(4.0));
  CHECK(b.bonus("20261126000000") == Approx(2.0));
  CHECK(b.bonus("20261125000000") == Approx(1.0));
  CHECK(b.bonus("20261201000000") == Approx(4.0));  // newer than the reference: no more than the maximum
  CHECK(b.bonus("") == 0);
}

TEST_CASE("retrieval: datum: and agentur: filter, bad dates fall back with a warning", "[query][retrieval]") {
  PinnedToday pin("2026-11-27");
  MiniIndex ix;
  ix.add("aug", "Streik bei der Bahn", "", "", "2020-08-05T10:00:00");
  ix.add("sep", "Streik bei der Bahn", "", "", "2020-09-15T23:30:00");
  ix.add("oct", "Streik bei der Bahn", "", "", "2020-10-01");
  ix.add("yesterday", "Streik bei der Bahn", "", "", "2026-11-26T12:00:00");
  ix.add("undated", "Streik bei der Bahn");
  CHECK(ix.matches("Streik datum:2020-08-01..2020-09-15") == Ids{"aug", "sep"});
  CHECK(ix.matches("Streik datum:2020-08") == Ids{"aug"});
  CHECK(ix.matches("Streik datum:2020") == Ids{"aug", "oct", "sep"});
  CHECK(ix.matches("Streik datum:..2020-09-15") == Ids{"aug", "sep"});
  CHECK(ix.matches("Streik datum:2020-09-15..") == Ids{"oct", "sep", "yesterday"});
  CHECK(ix.matches("datum:gestern") == Ids{"yesterday"});
  CHECK(ix.matches("Streik date:2020-08 OR datum:2020-10") == Ids{"aug", "oct"});
  CHECK(ix.matches("Streik NOT datum:2020") == Ids{"undated", "yesterday"});
  CHECK(ix.last_warnings.empty());
  // A bad date is a syntax error: the words are searched plainly and the warning names the value.
  auto plain = ix.matches("Streik datum:2020-13");
  CHECK(plain.size() == 5);
  REQUIRE(ix.last_warnings.size() == 1);
  CHECK_THAT(ix.last_warnings[0], Catch::Contains("2020-13") && Catch::Contains("position 8"));
}

TEST_CASE("searcher: agency filter, facets over all matches, since/until", "[query][searcher]") {
  DiskIndex ix;
  Searcher s = ix.searcher();
  SearchOptions o;
  o.limit = 1;  // facets and totals must not depend on the page
  SearchOptions all;
  all.limit = 100;
  auto sorted = [](Ids v) { std::sort(v.begin(), v.end()); return v; };
  CHECK(sorted(ids_of(s.search("agentur:dpa", all))) == Ids{"a1", "a2"});
  CHECK(ids_of(s.search("agency:AFP", all)) == Ids{"a2"});
  CHECK(sorted(ids_of(s.search("Streik -agentur:afp", all))) == Ids{"a1", "a3"});

  o.facets = {Facet::Source, Facet::Category, Facet::Agency, Facet::Year, Facet::Month};
  SearchResults r = s.search("Streik Bahn", o);
  REQUIRE(r.hits.size() == 1);
  CHECK(r.total == 3);
  CHECK(r.total_lower == r.total_upper);
  std::map<std::string, std::vector<std::pair<std::string, std::uint64_t>>> f;
  for (const FacetCounts& c : r.facets) f[c.name] = c.values;
  using V = std::vector<std::pair<std::string, std::uint64_t>>;
  CHECK(f["source"] == V{{"elbpost.de", 2}, {"mainecho.de", 1}});
  CHECK(f["category"] == V{{"Panorama", 2}, {"Wirtschaft", 1}});
  CHECK(f["agency"] == V{{"dpa", 2}, {"afp", 1}});
  CHECK(f["year"] == V{{"2025", 2}, {"2026", 1}});
  CHECK(f["month"] == V{{"2025-03", 2}, {"2026-11", 1}});

  SearchOptions window;
  window.limit = 100;
  window.date_from = "2025-03-11";
  CHECK(sorted(ids_of(s.search("Streik Bahn", window))) == Ids{"a2", "a3"});
  window.date_to = "2025-12-31";
  CHECK(ids_of(s.search("Streik Bahn", window)) == Ids{"a2"});
}

TEST_CASE("searcher: recency boost reorders by age, explain adds it", "[query][searcher]") {
  DiskIndex ix;
  Searcher s = ix.searcher();
  SearchOptions o;
  o.limit = 10;
  SearchResults plain = s.search("Lokführer Streik", o);
  REQUIRE(plain.hits.size() == 3);
  o.recency_half_life = parse_half_life("7d");
  o.recency_weight = 50;  // large enough to dominate BM25 here
  o.explain = true;
  SearchResults boosted = s.search("Lokführer Streik", o);
  REQUIRE(boosted.hits.size() == 3);
  CHECK(boosted.hits[0].id == "a3");  // the newest article in the index: full bonus
  const Hit& top = boosted.hits[0];
  auto recency = std::find_if(top.explain.begin(), top.explain.end(), [](const Contribution& c) { return c.word == "recency"; });
  REQUIRE(recency != top.explain.end());
  CHECK(recency->score == Approx(50.0));
  for (const Hit& h : plain.hits)
    if (h.id == "a3") CHECK(top.score == Approx(h.score + 50.0));
}

TEST_CASE("searcher: explain contributions add up to each score", "[query][searcher][explain]") {
  DiskIndex ix;
  Searcher s = ix.searcher();
  SearchOptions o;
  o.explain = true;
  for (const char* q : {"Streik", "Bahnstreik Lokführer", "\"neuen Streik\" OR Pegel", "+Bahn Streik -Oracle",
                        "titel:Streik Fernverkehr", "Lokf*", "Oracle NEAR TikTok", "Streik quelle:elbpost.de",
                        "Tarifkonflikt AND Einigung", "Streik datum:2025"}) {
    SearchResults r = s.search(q, o);
    INFO(q);
    REQUIRE(!r.hits.empty());
    CHECK(!r.analysis.empty());
    for (const Hit& h : r.hits) {
      double sum = 0;
      for (const Contribution& c : h.explain) sum += c.score;
      INFO(h.id);
      CHECK(sum == Approx(h.score).epsilon(1e-9));
    }
  }
  SearchResults r = s.search("die Bahnstreiks", o);
  REQUIRE(r.analysis.size() == 2);
  CHECK(r.analysis[0].use == "dropped stop word");
  CHECK(r.analysis[1].tokens.find("bahnstreiks/bahnstreik") != std::string::npos);
  CHECK(r.analysis[1].terms.size() >= 3);
}

TEST_CASE("searcher: more like this finds the related story, never the article itself", "[query][searcher]") {
  DiskIndex ix;
  Searcher s = ix.searcher();
  SearchOptions o;
  o.like_id = "a1";
  o.explain = true;
  SearchResults r = s.search("", o);
  Ids ids = ids_of(r);
  REQUIRE(!ids.empty());
  CHECK(std::find(ids.begin(), ids.end(), "a1") == ids.end());
  CHECK((ids[0] == "a3" || ids[0] == "a2"));
  CHECK(std::find(ids.begin(), ids.end(), "a5") == ids.end());  // nothing in common
  for (const Hit& h : r.hits) {
    double sum = 0;
    for (const Contribution& c : h.explain) sum += c.score;
    CHECK(sum == Approx(h.score));
  }
  // The query text only filters; like:ID works inside queries too (batch mode).
  SearchOptions plain;
  SearchResults filtered = s.search("like:a1 quelle:mainecho.de", plain);
  CHECK(ids_of(filtered) == Ids{"a2"});
  o.like_id = "no-such-id";
  CHECK_THROWS_AS(s.search("", o), UsageError);
}

namespace {

// 1,500 articles about a harbour in 1,300 stories (articles 1,300-1,499 are copies of stories
// 0-199); every hundredth also names a lighthouse (15 articles, 13 stories).
class CollapseIndex : public DiskFixture {
 public:
  CollapseIndex() {
    Xapian::WritableDatabase db(path_, Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder(analyzer_);
    for (int i = 0; i < 1500; ++i) {
      Article a;
      a.id = "h" + std::to_string(i);
      a.title = "Meldung " + std::to_string(i);
      a.body = "Neues aus dem Hafen, Folge " + std::to_string(i) + (i % 100 == 0 ? ", mit dem Leuchtturm." : ".");
      Xapian::Document doc = builder.build(a);
      set_story(doc, "s" + std::to_string(i % 1300));
      db.replace_document(contract::id_term(a.id), doc);
    }
    seal(db);
  }
};

}  // namespace

TEST_CASE("searcher: collapsed totals exact for small sets, estimates within bounds for large", "[query][searcher][collapse]") {
  CollapseIndex ix;
  Searcher s = ix.searcher();
  SearchOptions o;
  o.suggest = false;
  // Small: 13 stories, more than a page: exact.
  SearchResults small = s.search("Leuchtturm", o);
  CHECK(small.hits.size() == 10);
  CHECK(small.total == 13);
  CHECK(small.total_lower == 13);
  CHECK(small.total_upper == 13);
  o.offset = 10;
  SearchResults rest = s.search("Leuchtturm", o);
  CHECK(rest.hits.size() == 3);
  CHECK(rest.total == 13);
  CHECK(rest.total_lower == rest.total_upper);

  // Large: 1,300 stories. The estimate lies within its bounds, which hold the true count, and a
  // full page's lower bound says a next page exists.
  o.offset = 0;
  SearchResults large = s.search("Hafen", o);
  CHECK(large.hits.size() == 10);
  CHECK(large.total_lower <= large.total);
  CHECK(large.total <= large.total_upper);
  CHECK(large.total_lower <= 1300);
  CHECK(large.total_upper >= 1300);
  CHECK(large.total_lower > 10);
  // Paging on to the end: the last page is short and its total exact.
  o.offset = 1295;
  SearchResults last = s.search("Hafen", o);
  CHECK(last.hits.size() == 5);
  CHECK(last.total == 1300);
  CHECK(last.total_lower == last.total_upper);
  // Facets check every match: exact.
  o.offset = 0;
  o.facets = {Facet::Source};
  SearchResults counted = s.search("Hafen", o);
  CHECK(counted.total == 1300);
  CHECK(counted.total_lower == counted.total_upper);
}

TEST_CASE("searcher: ids-only hits read the id slot and match the full hits", "[query][searcher]") {
  CollapseIndex ix;
  Searcher s = ix.searcher();
  SearchOptions full;
  full.snippets = false;
  full.suggest = false;
  SearchOptions ids = full;
  ids.stored_fields = false;
  for (const char* q : {"Leuchtturm", "Hafen Folge", "Meldung 7"}) {
    INFO(q);
    const SearchResults a = s.search(q, full), b = s.search(q, ids);
    REQUIRE(a.hits.size() == b.hits.size());
    CHECK(a.total == b.total);
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      CHECK(a.hits[i].id == b.hits[i].id);
      CHECK(a.hits[i].score == b.hits[i].score);
      CHECK(a.hits[i].duplicates.size() == b.hits[i].duplicates.size());
      CHECK_FALSE(a.hits[i].title.empty());
      CHECK(b.hits[i].title.empty());  // nothing read from the stored article
    }
  }
}

TEST_CASE("searcher: ids-only hits of an index without the id slot come from the stored article", "[query][searcher]") {
  testing::TempDir dir;
  const std::string path = dir.file("db");
  Analyzer analyzer;
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder(analyzer);
    Article a;
    a.id = "alt-1";
    a.body = "Der Leuchtturm steht am Hafen.";
    Xapian::Document doc = builder.build(a);
    doc.remove_value(contract::kSlotId);  // as indexes written before the slot existed
    db.replace_document(contract::id_term(a.id), doc);
    db.set_metadata(std::string(contract::kMetaAnalysis), analyzer.fingerprint());
    db.commit();
  }
  Searcher s({path}, analyzer);
  SearchOptions ids;
  ids.snippets = ids.suggest = ids.stored_fields = false;
  const SearchResults r = s.search("Leuchtturm", ids);
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].id == "alt-1");
}

TEST_CASE("story collapse: one look-up per page lists what each story's own match would", "[query][collapse]") {
  // Stories of 1 to 9 articles whose documents match the query with distinct and with equal
  // weights; some written before the id slot. The reference is the per-story match the page
  // look-up replaced: the query filtered to the story, BM25 then docid, the shown one skipped.
  testing::TempDir dir;
  Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  std::uint32_t state = 7;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  const char* words[] = {"hafen", "leuchtturm", "sturm", "deich"};
  std::map<int, std::vector<Xapian::docid>> members;
  for (int story = 0; story < 40; ++story) {
    const int size = 1 + story % 9;
    for (int k = 0; k < size; ++k) {
      Article a;
      a.id = fmt::format("s{}-{}", story, k);
      a.source = fmt::format("quelle{}.de", next() % 5);
      Xapian::Document doc;
      for (const char* w : words)
        if (next() % 3 != 0) doc.add_term(w, 1 + (k % 3 == 0 ? 0 : next() % 3));  // k % 3 == 0: ties
      doc.add_term("filler", 1 + next() % 4);
      if (next() % 4 != 0) {
        doc.add_value(contract::kSlotId, a.id);
        doc.add_value(contract::kSlotSource, a.source);
      }
      doc.set_data(to_json(a));
      set_story(doc, fmt::format("story{}", story));
      members[story].push_back(db.add_document(doc));
    }
  }
  db.commit();
  const std::vector<Xapian::Query> leaves{Xapian::Query("hafen"), Xapian::Query("leuchtturm"), Xapian::Query("sturm")};
  const Xapian::Query query(Xapian::Query::OP_OR, leaves.begin(), leaves.end());
  auto reference = [&](const std::string& story, Xapian::docid shown, std::size_t limit) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(contract::story_term(story))));
    e.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<std::string> out;
    const Xapian::MSet mset = e.get_mset(0, static_cast<Xapian::doccount>(limit + 1));
    for (auto it = mset.begin(); it != mset.end() && out.size() < limit; ++it) {
      if (*it == shown) continue;
      const Article a = article_from_json(it.get_document().get_data());
      out.push_back(a.id + "@" + a.source);
    }
    return out;
  };
  for (std::size_t limit : {std::size_t{1}, std::size_t{3}, kMaxListedCopies}) {
    for (int round = 0; round < 20; ++round) {
      std::vector<ShownResult> shown;
      for (int i = 0; i < 10; ++i) {
        // A shown result is one of its story's articles; story 40: a result without a story.
        const int story = static_cast<int>(next() % 41);
        const Xapian::docid docid = story == 40 ? 1 : members[story][next() % members[story].size()];
        shown.push_back({story == 40 ? "" : fmt::format("story{}", story), docid, false});
      }
      const auto got = collapsed_copies(db, query, shown, limit);
      REQUIRE(got.size() == shown.size());
      for (std::size_t i = 0; i < shown.size(); ++i) {
        INFO(shown[i].story_id << " shown " << shown[i].docid << " limit " << limit);
        std::vector<std::string> ids;
        for (const StoryCopy& c : got[i]) ids.push_back(c.id + "@" + c.source);
        CHECK(ids == (shown[i].story_id.empty() ? std::vector<std::string>{} : reference(shown[i].story_id, shown[i].docid, limit)));
      }
    }
  }
}

TEST_CASE("story collapse: match_upper_bound is never below Xapian's own bound", "[query][collapse]") {
  // Random query trees over a small index. Searcher::matches skips its first pass on this bound,
  // which is right only if the bound is at least the upper bound Xapian starts from (the bounds of
  // get_mset(0, 0, 0)), and so at least the true number of matches.
  testing::TempDir dir;
  Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  std::uint32_t state = 11;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  const std::vector<std::string> terms{"a", "b", "c", "d", "e", "f", "absent"};
  for (int d = 0; d < 300; ++d) {
    Xapian::Document doc;
    Xapian::termpos pos = 1;
    for (int k = 0; k < 6; ++k)
      if (next() % 3 == 0) doc.add_posting(terms[k], pos++);
    doc.add_posting("z", pos);
    db.add_document(doc);
  }
  db.commit();
  using Q = Xapian::Query;
  std::function<Q(int)> random_query = [&](int depth) -> Q {
    if (depth == 0 || next() % 4 == 0) return Q(terms[next() % terms.size()]);
    static const Q::op ops[] = {Q::OP_OR,  Q::OP_AND,     Q::OP_AND_NOT, Q::OP_AND_MAYBE, Q::OP_FILTER, Q::OP_NEAR,
                                Q::OP_PHRASE, Q::OP_SYNONYM, Q::OP_MAX,   Q::OP_ELITE_SET, Q::OP_XOR};
    const Q::op op = ops[next() % std::size(ops)];
    std::vector<Q> subs;
    const bool positional = op == Q::OP_NEAR || op == Q::OP_PHRASE;
    for (std::size_t i = 0, n = 2 + next() % 3; i < n; ++i) subs.push_back(positional ? Q(terms[next() % terms.size()]) : random_query(depth - 1));
    Q q(op, subs.begin(), subs.end(), positional ? 3 : 0);
    if (next() % 5 == 0) q = Q(Q::OP_SCALE_WEIGHT, q, 0.5);
    return q;
  };
  const Xapian::doccount docs = db.get_doccount();
  for (int round = 0; round < 300; ++round) {
    const Q q = random_query(3);
    INFO(q.get_description());
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    const Xapian::doccount xapian_bound = enquire.get_mset(0, 0, Xapian::doccount{0}).get_matches_upper_bound();
    const Xapian::doccount matches = enquire.get_mset(0, docs, docs).size();
    const Xapian::doccount bound = match_upper_bound(q, db, docs + 1);
    CHECK(bound >= xapian_bound);
    CHECK(bound >= matches);
    // Capped: exact below the cap, at least the cap otherwise.
    for (Xapian::doccount cap : {Xapian::doccount{1}, Xapian::doccount{50}, Xapian::doccount{150}}) {
      const Xapian::doccount capped = match_upper_bound(q, db, cap);
      if (bound < cap) CHECK(capped == bound);
      else CHECK(capped >= cap);
    }
  }
}
