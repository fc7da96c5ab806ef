// Query latency of newsindex: runs a query set (make_queries.py format) through Searcher::search,
// the code path of newsquery, and times each query. One untimed warm-up pass, then a timed pass in a
// seeded random order on one thread (one JSON line per query: id, kind, ms, total, top ids), then a
// throughput pass with --threads threads, each with its own Analyzer and Searcher. Parameters and a
// sanity count (queries with results, results returned) go to stderr so a fast wrong answer shows.
// NEWSINDEX_ANALYSIS selects the analysis switches, as for newsindex and newsquery. Ids only (as the
// peers' ids-only mode, and what `newsquery --trec` asks for: no stored fields, no spelling
// suggestions) unless --snippets asks for a results page: highlighted title, snippet, suggestions.
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analysis_env.h"
#include "bench_queries.h"
#include "errors.h"
#include "index_contract.h"
#include "searcher.h"

using namespace newsindex;

namespace {

// One engine handle: Analyzer and Searcher are not shared between threads.
struct Engine {
  Analyzer analyzer;
  Searcher searcher;
  explicit Engine(const std::string& db) : analyzer(analyzer_options_from_env()), searcher({db}, analyzer) {}
};

// Query-side features switched off for ablations, when this build's SearchOptions has them.
struct Ablation {
  bool no_synonyms = false, no_collapse = false;
};

template <typename Options>
bool apply_ablation(Options& o, const Ablation& a) {
  bool known = true;
  if constexpr (requires { o.synonyms = false; }) o.synonyms = !a.no_synonyms;
  else known = known && !a.no_synonyms;
  if constexpr (requires { o.collapse = false; }) o.collapse = !a.no_collapse;
  else known = known && !a.no_collapse;
  return known;
}

Ablation g_ablation;
bool g_snippets = false;  // --snippets: the results page newsquery prints by default
bool g_suggest = false;   // --suggest: spelling suggestions in ids-only mode too

SearchOptions options_for(const bench::BenchQuery& q, std::size_t limit) {
  SearchOptions o;
  apply_ablation(o, g_ablation);
  o.limit = limit;
  o.snippets = g_snippets;  // off: newsquery's --no-snippets path, as peers in ids-only mode
  // Ids only: the id from its value slot, as plain Xapian's and Lucene's ids-only modes read theirs
  // (builds without the option read the stored article).
  if constexpr (requires { o.stored_fields = false; }) o.stored_fields = g_snippets;
  // Ids only is what `newsquery --trec` asks for: no "Meinten Sie" either (no peer's ids-only mode
  // suggests spellings); the results page keeps newsquery's default, suggestions on. --suggest
  // adds them to ids only.
  o.suggest = g_snippets || g_suggest;
  o.date_from = q.date_from;
  o.date_to = q.date_to;
  return o;
}

}  // namespace

namespace {

int run(int argc, char** argv) {
  CLI::App app{"newsindex query latency (Searcher::search per query)"};
  std::string db, queries_path;
  std::size_t limit = 10;
  int threads = 2;
  unsigned seed = 42;
  int rounds = 3;
  app.add_option("--db", db, "Database folder")->required();
  app.add_option("--queries", queries_path, "Query set (make_queries.py TSV)")->required();
  app.add_option("--limit", limit, "Results per query")->capture_default_str();
  app.add_option("--threads", threads, "Threads for the throughput pass (0 = skip it)")->capture_default_str();
  app.add_option("--throughput-rounds", rounds, "Passes over the query set in the throughput run")->capture_default_str();
  app.add_option("--seed", seed, "Seed of the query order")->capture_default_str();
  app.add_flag("--no-synonyms", g_ablation.no_synonyms, "Ablation: search without synonym expansion");
  app.add_flag("--no-collapse", g_ablation.no_collapse, "Ablation: do not collapse near-duplicate stories");
  app.add_flag("--snippets", g_snippets, "Results page: highlighted title and snippet per hit (default: ids only)");
  app.add_flag("--suggest", g_suggest, "Ids only with spelling suggestions (the results page always has them)");
  CLI11_PARSE(app, argc, argv);
  SearchOptions probe;
  if (!apply_ablation(probe, g_ablation))
    throw UsageError("--no-synonyms/--no-collapse: this build's Searcher has no such feature");

  const std::vector<bench::BenchQuery> queries = bench::read_query_set(queries_path);
  const char* switches = std::getenv("NEWSINDEX_ANALYSIS");
  fmt::print(stderr, "query_latency: db={} queries={} ({}) limit={} threads={} rounds={} seed={} mode={} analysis={}{}{}\n", db,
             queries_path, queries.size(), limit, threads, rounds, seed, g_snippets ? "results-page" : "ids-only",
             switches ? switches : "default",
             g_ablation.no_synonyms ? " no-synonyms" : "", g_ablation.no_collapse ? " no-collapse" : "");
  Engine engine(db);

  auto run_one = [&](Engine& e, const bench::BenchQuery& q, double* ms, SearchResults* r) {
    auto t0 = std::chrono::steady_clock::now();
    try {
      *r = e.searcher.search(q.text, options_for(q, limit));
    } catch (const UsageError&) {
      *r = SearchResults{};  // nothing searchable (e.g. only stop words): an empty result, as newsquery reports
    }
    *ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };

  double ms;
  SearchResults r;
  for (const auto& q : queries) run_one(engine, q, &ms, &r);  // warm-up: page cache, lexicon, word cache

  std::size_t with_results = 0, returned = 0;
  for (std::size_t i : bench::seeded_order(queries.size(), seed)) {
    run_one(engine, queries[i], &ms, &r);
    std::vector<std::string> ids;
    for (const Hit& h : r.hits) ids.push_back(h.id);
    with_results += !ids.empty();
    returned += ids.size();
    std::cout << bench::result_line(queries[i], ms, r.total, ids) << "\n";
  }
  fmt::print(stderr, "query_latency: sanity: {} of {} queries have results, {} results returned\n", with_results,
             queries.size(), returned);

  if (threads > 0) {
    bench::print_throughput(threads, rounds, queries.size(), [&] { return std::make_unique<Engine>(db); },
                            [&](Engine& engine, std::size_t i) {
                              double ms;
                              SearchResults res;
                              run_one(engine, queries[i], &ms, &res);
                            });
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return run_guarded("query_latency", [&] { return run(argc, argv); });
}
