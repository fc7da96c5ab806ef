// newsserve's library: request parameters → search options (shared with newsquery), completions
// of the last word, and timeline bucketing.
#include <catch2/catch.hpp>

#include "article_writer.h"
#include "completions.h"
#include "document_builder.h"
#include "errors.h"
#include "index_contract.h"
#include "search_request.h"
#include "service.h"
#include "timeline.h"
#include "test_support.h"

using namespace newsindex;

TEST_CASE("search_request: options as newsquery and newsserve read them", "[query][server]") {
  SearchRequest r;
  r.sort = "date";
  r.since = "2025-08";
  r.until = "2025-09-15";
  r.facets = "quelle,year";
  r.recency = "7d";
  const SearchOptions o = search_options(r, "--");
  CHECK(o.sort == SortOrder::Date);
  CHECK(o.date_from == "2025-08-01");
  CHECK(o.date_to == "2025-09-15");
  CHECK(o.facets == std::vector<Facet>{Facet::Source, Facet::Year});
  CHECK(o.recency_half_life == 7 * 86400.0);

  r = SearchRequest{};
  r.sort = "zufall";
  CHECK_THROWS_WITH(search_options(r, ""), "sort: unknown order \"zufall\" (valid: relevance, date, date-asc)");
  r = SearchRequest{};
  r.since = "2025-09";
  r.until = "2025-08";
  CHECK_THROWS_WITH(search_options(r, "--"), "--since 2025-09-01 is after --until 2025-08-31: nothing can match");
  r = SearchRequest{};
  r.facets = "source,wetter";
  CHECK_THROWS_AS(search_options(r, ""), UsageError);
}

TEST_CASE("server params: bounded, typed, repaired", "[server]") {
  ServiceLimits limits;
  Params p{{"limit", "5"}, {"offset", "20"}, {"collapse", "false"}, {"explain", "1"}, {"sort", "date-asc"},
           {"recency_weight", "2.5"}, {"facets", "day"}};
  const SearchRequest r = search_request_from_params(p, limits);
  CHECK(r.limit == 5);
  CHECK(r.offset == 20);
  CHECK_FALSE(r.collapse);
  CHECK(r.explain);
  CHECK(r.sort == "date-asc");
  CHECK(r.recency_weight == 2.5);
  CHECK(search_options(r, "").facets == std::vector<Facet>{Facet::Day});

  CHECK_THROWS_WITH(search_request_from_params({{"limit", "101"}}, limits), "limit: \"101\" is not a whole number from 0 to 100");
  CHECK_THROWS_WITH(search_request_from_params({{"limit", "-1"}}, limits), "limit: \"-1\" is not a whole number from 0 to 100");
  CHECK_THROWS_WITH(search_request_from_params({{"collapse", "vielleicht"}}, limits),
                    "collapse: \"vielleicht\" is not a yes/no value (valid: true, false, 1, 0)");
  CHECK_THROWS_WITH(search_request_from_params({{"facets", std::string(10000, 's')}}, limits),
                    "facets: 10000 bytes is longer than the 200 allowed");
  CHECK_THROWS_AS(query_param({{"q", std::string(1001, 'a')}}, limits), UsageError);
  CHECK(query_param({{"q", "Streik\xff"}}, limits) == "Streik\xef\xbf\xbd");
  CHECK(query_param({}, limits).empty());
}

TEST_CASE("timeline: interval from the span, empty periods kept", "[server]") {
  CHECK(choose_interval("2025-03-01", "2025-03-31") == Interval::Day);
  CHECK(choose_interval("2025-03-01", "2025-06-30") == Interval::Week);
  CHECK(choose_interval("2025-01-01", "2026-11-30") == Interval::Month);
  CHECK(choose_interval("2001-01-01", "2026-11-30") == Interval::Year);

  const Timeline t = make_timeline({{"2025-03-12", 1}, {"2025-01-05", 2}, {"2025-03-10", 3}, {"kein Datum", 9}});
  REQUIRE(t.interval == Interval::Week);
  REQUIRE(t.buckets.size() == 11);  // ISO weeks 2025-W01 .. 2025-W11
  CHECK(t.buckets.front().key == "2025-W01");
  CHECK(t.buckets.front().from == "2024-12-30");
  CHECK(t.buckets.front().to == "2025-01-05");
  CHECK(t.buckets.front().count == 2);
  CHECK(t.buckets[5].count == 0);
  CHECK(t.buckets.back().key == "2025-W11");
  CHECK(t.buckets.back().count == 4);

  const Timeline m = make_timeline({{"2025-01-31", 1}, {"2025-03-01", 1}}, Interval::Month);
  REQUIRE(m.buckets.size() == 3);
  CHECK(m.buckets[1].key == "2025-02");
  CHECK(m.buckets[1].to == "2025-02-28");
  const Timeline y = make_timeline({{"2024-02-29", 4}}, Interval::Year);
  REQUIRE(y.buckets.size() == 1);
  CHECK(y.buckets[0].key == "2024");
  CHECK(y.buckets[0].count == 4);
  CHECK(make_timeline({}).buckets.empty());
  CHECK(parse_interval("auto") == std::nullopt);
  CHECK(parse_interval("woche") == Interval::Week);
  CHECK_THROWS_AS(parse_interval("stündlich"), UsageError);
}

TEST_CASE("completions: last word from the vocabulary, compound-aware", "[query][server]") {
  Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  DocumentBuilder builder(analyzer);
  int n = 0;
  for (const char* body : {"Der Klimaschutz kommt voran.", "Das Klimaschutzgesetz wird beraten.",
                           "Klimaschutz und Klimaschutzgesetz im Bundestag.", "Der Gipfel in Paris.",
                           "Die Übernahme ist beschlossen.", "Zum Klimaschutz gehört mehr."}) {
    Article a;
    a.id = "k" + std::to_string(++n);
    a.body = body;
    db.replace_document(contract::id_term(a.id), builder.build(a));
  }
  auto words = [&](const std::string& q) {
    std::vector<std::string> out;
    for (const Completion& c : complete_last_word(db, analyzer, q, 5)) out.push_back(c.word);
    return out;
  };
  CHECK(words("Klimaschu") == std::vector<std::string>{"Klimaschutz", "Klimaschutzgesetz"});
  CHECK(words("Übern") == std::vector<std::string>{"Übernahme"});
  CHECK(words("uebern") == std::vector<std::string>{"übernahme"});
  // No indexed word starts with it, but "klimaschutz" + a completed "gipf" does.
  CHECK(words("Klimaschutzgipf") == std::vector<std::string>{"Klimaschutzgipfel"});
  const auto full = complete_last_word(db, analyzer, "+titel:Klimaschu", 1);
  REQUIRE(full.size() == 1);
  CHECK(full[0].query == "+titel:Klimaschutz");
  CHECK(full[0].articles == 3);
  CHECK(words("Klimaschutz ").empty());
  CHECK(words("K").empty());
}

TEST_CASE("article writer: JSON Lines in, counted, committed, locked for others", "[server]") {
  testing::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  int commits = 0;
  {
    ArticleWriter writer(db, AnalyzerOptions{}, [&] { ++commits; });
    const WriteSummary s = writer.add_jsonl(
        "{\"id\":\"w1\",\"title\":\"Hafen\",\"body\":\"Der Hafen wird ausgebaut.\"}\n"
        "nicht json\n"
        "{\"id\":\"w2\",\"title\":\"Bahn\",\"body\":\"Die Bahn streikt.\"}\n");
    CHECK(s.added == 2);
    CHECK(s.skipped == 1);
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].where == "request body:2");
    CHECK(s.articles_in_db == 2);
    CHECK(writer.add_jsonl("{\"id\":\"w1\",\"body\":\"Der Hafen ist fertig.\"}").replaced == 1);
    CHECK(commits == 2);
    CHECK_THROWS_AS(ArticleWriter(db, AnalyzerOptions{}, nullptr), IndexError);  // the lock is held
    CHECK(writer.remove("w2"));
    CHECK_FALSE(writer.remove("w2"));
    CHECK(writer.add_jsonl("").added == 0);
  }
  Xapian::Database reader(db);
  CHECK(reader.get_doccount() == 1);
}
