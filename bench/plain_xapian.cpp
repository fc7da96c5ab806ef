// The Xapian a developer sets up in an afternoon, as a benchmark peer: TermGenerator with the
// Snowball "german" stemmer (STEM_SOME), titles also under the prefix S, the default QueryParser
// (FLAG_DEFAULT, STEM_SOME, OR), Xapian's default BM25. No German analysis beyond the stemmer.
//
//   plain_xapian index --db DIR --input FILE.jsonl      (plain JSONL: id, title, body, date)
//   plain_xapian query --db DIR --queries SET.tsv        (make_queries.py format)
//   plain_xapian query … --snippets                      (results page: title and body highlighted
//                                                         by MSet::snippet from the stored article)
//
// query prints the same per-query JSON lines as query_latency (warm-up pass, timed pass in seeded
// order, throughput pass on --threads threads) and its parameters and a sanity count on stderr.
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "bench_queries.h"

namespace {

constexpr unsigned kSlotDate = 0;  // YYYYMMDD
constexpr unsigned kSlotId = 1;    // the article id (the document data holds {"title","body"})
// A results page: a body passage of about this many bytes, as newsindex's make_snippet.
constexpr std::size_t kSnippetBytes = 260;

std::string digits(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

std::string field(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int index(const std::string& db_path, const std::string& input) {
  std::ifstream in(input);
  if (!in) throw std::runtime_error(input + ": cannot open");
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("german"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::string line;
  std::size_t n = 0, bytes = 0;
  auto t0 = std::chrono::steady_clock::now();
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    bytes += line.size() + 1;
    nlohmann::json j = nlohmann::json::parse(line);
    std::string id = field(j, "id"), title = field(j, "title"), body = field(j, "body");
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(title, 1, "S");
    tg.index_text(title);
    tg.increase_termpos();
    tg.index_text(body);
    doc.add_value(kSlotDate, digits(field(j, "date").substr(0, 10)));
    doc.add_value(kSlotId, id);
    doc.set_data(nlohmann::json{{"title", title}, {"body", body}}.dump());
    std::string idterm = "Q" + id;
    doc.add_boolean_term(idterm);
    db.replace_document(idterm, doc);
    ++n;
  }
  db.commit();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "plain_xapian: indexed {} articles ({:.1f} MB) in {:.2f} s; sanity: db holds {} documents\n", n,
             bytes / 1e6, s, db.get_doccount());
  return 0;
}

// One query handle per thread.
struct Engine {
  Xapian::Database db;
  Xapian::QueryParser qp;
  Xapian::Stem stemmer_{"german"};
  explicit Engine(const std::string& path) : db(path) {
    qp.set_stemmer(stemmer_);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db);
    qp.add_prefix("title", "S");
  }
  // Returns the total estimate and fills ids; with snippets, also decodes each hit's stored article
  // and highlights its title and a body passage (sanity: their bytes are added to *page_bytes).
  // Throws Xapian::QueryParserError on syntax it rejects.
  unsigned long long search(const bench::BenchQuery& q, std::size_t limit, std::vector<std::string>& ids,
                            bool snippets = false, std::size_t* page_bytes = nullptr) {
    Xapian::Query query = qp.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT);
    if (!q.date_from.empty() || !q.date_to.empty()) {
      std::string to = digits(q.date_to);
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDate, digits(q.date_from),
                                          to.empty() ? std::string("~") : to));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    ids.clear();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      ids.push_back(doc.get_value(kSlotId));
      if (!snippets) continue;
      const nlohmann::json article = nlohmann::json::parse(doc.get_data());
      const std::string title = field(article, "title"), body = field(article, "body");
      const std::string marked_title = mset.snippet(title, title.size() + 1, stemmer_, 0, "<b>", "</b>", "");
      const std::string passage = mset.snippet(body, kSnippetBytes, stemmer_, Xapian::MSet::SNIPPET_BACKGROUND_MODEL,
                                               "<b>", "</b>", "…");
      if (page_bytes) *page_bytes += marked_title.size() + passage.size();
    }
    return mset.get_matches_estimated();
  }
};

int query(const std::string& db, const std::string& path, std::size_t limit, int threads, int rounds, unsigned seed,
          bool snippets) {
  const std::vector<bench::BenchQuery> queries = bench::read_query_set(path);
  fmt::print(stderr, "plain_xapian: db={} queries={} ({}) limit={} threads={} rounds={} seed={} mode={}\n", db, path,
             queries.size(), limit, threads, rounds, seed, snippets ? "results-page" : "ids-only");
  std::size_t page_bytes = 0;
  Engine engine(db);
  std::vector<std::string> ids;
  auto run_one = [&](Engine& e, const bench::BenchQuery& q, std::vector<std::string>& out, std::string& error,
                     std::size_t* bytes = nullptr) {
    try {
      return e.search(q, limit, out, snippets, bytes);
    } catch (const Xapian::QueryParserError& err) {
      error = err.get_msg();  // what the developer's users would see: no results
      out.clear();
      return 0ULL;
    }
  };
  std::string error;
  for (const auto& q : queries) run_one(engine, q, ids, error);  // warm-up
  std::size_t with_results = 0, returned = 0;
  for (std::size_t i : bench::seeded_order(queries.size(), seed)) {
    error.clear();
    auto t0 = std::chrono::steady_clock::now();
    unsigned long long total = run_one(engine, queries[i], ids, error, &page_bytes);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    with_results += !ids.empty();
    returned += ids.size();
    std::cout << bench::result_line(queries[i], ms, total, ids, error) << "\n";
  }
  fmt::print(stderr, "plain_xapian: sanity: {} of {} queries have results, {} results returned, {} bytes of titles and snippets\n",
             with_results, queries.size(), returned, page_bytes);
  if (threads > 0) {
    bench::print_throughput(threads, rounds, queries.size(), [&] { return std::make_unique<Engine>(db); },
                            [&](Engine& engine, std::size_t i) {
                              std::vector<std::string> out;
                              std::string err;
                              run_one(engine, queries[i], out, err);
                            });
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Plain Xapian peer for the benchmarks (TermGenerator + german stemmer + QueryParser)"};
  app.require_subcommand(1);
  std::string db, input, queries;
  std::size_t limit = 10;
  int threads = 2, rounds = 3;
  unsigned seed = 42;
  auto* idx = app.add_subcommand("index", "Index plain JSONL");
  idx->add_option("--db", db, "Database folder (overwritten)")->required();
  idx->add_option("--input", input, "JSONL file")->required();
  auto* q = app.add_subcommand("query", "Run a query set, one JSON line per query");
  q->add_option("--db", db, "Database folder")->required();
  q->add_option("--queries", queries, "Query set (make_queries.py TSV)")->required();
  q->add_option("--limit", limit, "Results per query")->capture_default_str();
  q->add_option("--threads", threads, "Threads for the throughput pass (0 = skip)")->capture_default_str();
  q->add_option("--throughput-rounds", rounds, "Passes over the set in the throughput run")->capture_default_str();
  q->add_option("--seed", seed, "Seed of the query order")->capture_default_str();
  bool snippets = false;
  q->add_flag("--snippets", snippets, "Results page: highlighted title and body passage per hit (MSet::snippet)");
  CLI11_PARSE(app, argc, argv);
  return *idx ? index(db, input) : query(db, queries, limit, threads, rounds, seed, snippets);
} catch (const Xapian::Error& e) {
  fmt::print(stderr, "plain_xapian: {}\n", e.get_description());
  return 4;
} catch (const std::exception& e) {
  fmt::print(stderr, "plain_xapian: {}\n", e.what());
  return 1;
}
