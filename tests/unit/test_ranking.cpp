// The ranking formula pinned on a 3-document index with hand-computed scores.
//
// Documents (raw terms, wdf): d1 = {a:2, b:1} (length 3), d2 = {a:1, c:3} (4), d3 = {b:1, c:1} (2);
// N = 3, average length 3, k1 = 1.2, b = 0.75. Terms a and b are each in 2 documents, c in 2.
//   Lucene idf (n = 2): ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6 = 0.470004
//   Xapian BM25 idf:    (3 − 2 + 0.5) / (2 + 0.5) = 0.6 < 2, so ln(0.6 · 0.5 + 1) = ln 1.3 = 0.262364
//   length norm K(d) = k1 · (1 − b + b · len / 3): d1 1.2, d2 1.5, d3 0.9
//   term score = idf · (k1 + 1) · wdf / (wdf + K(d))
//   "a OR b", Lucene: d1 = 0.470004 · 2.2 · (2 / 3.2 + 1 / 2.2) = 1.116259,
//                     d2 = 0.470004 · 2.2 · 1 / 2.5 = 0.413603, d3 = 0.470004 · 2.2 · 1 / 1.9 = 0.544215
//   "a OR b", Xapian BM25: the same with idf 0.262364: d1 0.623115, d2 0.230881, d3 0.303790
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>

#include <xapian.h>

#include "ranking.h"

using namespace newsindex;

namespace {

Xapian::WritableDatabase three_documents() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::map<std::string, unsigned> docs[] = {{{"a", 2}, {"b", 1}}, {{"a", 1}, {"c", 3}}, {{"b", 1}, {"c", 1}}};
  for (const auto& terms : docs) {
    Xapian::Document d;
    for (const auto& [t, wdf] : terms) d.add_term(t, wdf);
    db.add_document(d);
  }
  return db;
}

// docid → score of "a OR b" under a weight.
std::map<Xapian::docid, double> scores(const Xapian::Database& db, const Xapian::Weight& weight) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("a"), Xapian::Query("b")));
  enquire.set_weighting_scheme(weight);
  std::map<Xapian::docid, double> out;
  Xapian::MSet m = enquire.get_mset(0, 10);
  for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
  return out;
}

}  // namespace

TEST_CASE("ranking: Lucene BM25 (k1 1.2, b 0.75) scores by hand", "[query][ranking]") {
  auto db = three_documents();
  auto s = scores(db, LuceneBM25Weight(1.2, 0.75));
  REQUIRE(s.size() == 3);
  CHECK(s[1] == Approx(1.1162586).epsilon(1e-6));
  CHECK(s[2] == Approx(0.4136032).epsilon(1e-6));
  CHECK(s[3] == Approx(0.5442147).epsilon(1e-6));
  CHECK(LuceneBM25Weight::idf(3, 2) == Approx(0.4700036).epsilon(1e-6));
  // A word in every document still counts a little (Lucene): ln(1 + 0.5 / 3.5) > 0.
  CHECK(LuceneBM25Weight::idf(3, 3) > 0.13);
}

TEST_CASE("ranking: the default weight (Xapian BM25, k1 1.2, b 0.75, min_normlen 0) scores by hand", "[query][ranking]") {
  auto db = three_documents();
  auto s = scores(db, *ranking_weight());
  REQUIRE(s.size() == 3);
  CHECK(s[1] == Approx(0.6231151).epsilon(1e-6));
  CHECK(s[2] == Approx(0.2308806).epsilon(1e-6));
  CHECK(s[3] == Approx(0.3037902).epsilon(1e-6));
}

TEST_CASE("ranking: the Lucene weight survives serialisation", "[query][ranking]") {
  LuceneBM25Weight w(0.9, 0.4);
  std::unique_ptr<Xapian::Weight> back(w.unserialise(w.serialise()));
  CHECK(back->name() == w.name());
  CHECK(back->serialise() == w.serialise());
}
