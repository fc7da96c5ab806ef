// newsquery: search a newsindex database. A thin shell over the query library; every failure is
// mapped to one line on stderr and a documented exit code here, and only here.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include "analysis_env.h"
#include "analyzer.h"
#include "errors.h"
#include "index_contract.h"
#include "result_format.h"
#include "search_request.h"
#include "searcher.h"

using namespace newsindex;

namespace {

constexpr const char* kExamples = R"(
Query syntax:
  Übernahme Oracle            any of the words, best matches first (BM25, titles weigh more)
  +Oracle Übernahme -TikTok   + must occur, - must not
  Oracle AND (Übernahme OR Kauf) NOT TikTok     also UND, ODER, NICHT
  "Übernahme durch Oracle"    phrase;  Bahn NEAR Streik, NEAR/5: within 5 words
  Übernahm*                   words starting with Übernahm
  titel:Streik  quelle:elbpost.de  kategorie:Wirtschaft      fields (also title:, source:, category:)
  agentur:dpa                 articles credited to an agency (also agency:)
  datum:2025-08-01..2025-09-15   datum:2025-08  datum:2025  datum:..2025-09-15  datum:2025-08..
                              date filters (also date:; 1.8.2025 and heute, gestern, letzte Woche … too)
  like:sample-001             articles related to that one (other words and fields then only filter)

Examples:
  newsquery "Übernahme Oracle"
  newsquery --json --limit 5 "Datenschutz"
  newsquery --sort date quelle:elbpost.de
  newsquery --since "letzte Woche" --facets source,year Streik
  NEWSQUERY_TODAY=2026-11-27 newsquery --since "seit 3 Tagen" Bahn     pin "today" (tests)
  newsquery --recency 7d Datenschutz              newer articles rank higher
  newsquery --like sample-001                     more like this
  newsquery --explain "Übernahme Oracle"          analysis and score contributions
  newsquery --queries queries.tsv --trec myrun    one query per line: QUERY or ID<TAB>QUERY

Exit codes: 0 ok, 1 internal error, 2 usage or empty query, 3 some batch queries failed (skipped),
4 environment (database missing, locked, built with a different analysis chain; word list missing).)";

struct BatchQuery {
  std::string id, text;
};

std::vector<BatchQuery> read_queries(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) throw UsageError(fmt::format("{}: cannot open query file", path));
    in = &file;
  }
  std::vector<BatchQuery> out;
  std::string line;
  std::size_t n = 0;
  while (std::getline(*in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) out.push_back({std::to_string(n), line});
    else out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

// Everything the command line sets.
struct Cli {
  std::vector<std::string> dbs;
  SearchRequest request;  // the search options, read straight into it (search_request.h, shared with newsserve)
  bool json = false, no_snippets = false, no_collapse = false, no_synonyms = false;
  std::string queries_file, trec_run;
  std::vector<std::string> words;
};

void add_options(CLI::App& app, Cli& cli) {
  app.add_option("--db", cli.dbs, "Database folder, stub file or tcp:HOST:PORT; repeat to search shards as one")
      ->allow_extra_args(false)
      ->default_str(contract::default_database_path());
  app.add_option("--limit,-n", cli.request.limit, "Results per page")->check(CLI::Range(std::size_t{0}, std::size_t{10000}))->capture_default_str();
  app.add_option("--offset", cli.request.offset, "Results to skip (paging)")->capture_default_str();
  app.add_option("--sort", cli.request.sort, "Order: relevance, date (newest first) or date-asc")
      ->check(CLI::IsMember({"relevance", "date", "date-asc"}))
      ->capture_default_str();
  app.add_flag("--json", cli.json, "One JSON object per query");
  app.add_option("--since", cli.request.since,
                 "Only articles from this date on: 2025-08-01, 2025-08, 2025, 1.8.2025 or German words relative to "
                 "today (heute, gestern, vorgestern, letzte Woche, letzten Monat, seit 3 Tagen, vor 2 Wochen, "
                 "letzte 7 Tage, letzten Montag); $NEWSQUERY_TODAY=YYYY-MM-DD pins today");
  app.add_option("--until", cli.request.until, "Only articles up to the end of this date (same forms as --since)");
  app.add_option("--facets", cli.request.facets,
                 "Count all matches by source, category, agency, year, month, day (comma-separated); exact, "
                 "at the cost of scoring every match");
  app.add_option("--recency", cli.request.recency,
                 "Boost newer articles: score + W·2^(-age/HALF_LIFE), age measured from the newest article in "
                 "the index; HALF_LIFE like 12h, 7d, 2w. Off by default: archive searches should not prefer "
                 "whatever is newest");
  app.add_option("--recency-weight", cli.request.recency_weight, "W for --recency: the bonus of the newest article (BM25 units)")
      ->check(CLI::Range(0.0, 1000.0))
      ->capture_default_str();
  app.add_option("--like", cli.request.like_id, "Articles related to the article with this id (a QUERY, if given, only filters)");
  app.add_flag("--explain", cli.request.explain,
               "Show how each query word was analysed and what each part of the query adds to each result's "
               "BM25 score (each part is run alone on the page's results with the same weighting; Xapian sums "
               "the parts that match)");
  app.add_flag("--no-snippets", cli.no_snippets, "Skip snippets and highlighting (faster batch runs)");
  app.add_flag("--no-collapse", cli.no_collapse,
               "Show every copy of a story; by default near-duplicates (wire copies, republished articles) "
               "are one result with \"auch bei: …\"");
  app.add_flag("--no-synonyms", cli.no_synonyms,
               "Search only the typed words; by default OpenThesaurus synonyms match too, weighted 0.3 "
               "(query side only, the index is not affected)");
  app.add_option("--queries", cli.queries_file, "Batch mode: queries from FILE (or -), one per line: QUERY or ID<TAB>QUERY; one JSON line each");
  app.add_option("--trec", cli.trec_run, "With --queries: write TREC run lines with this run name instead of JSON");
  app.add_option("QUERY", cli.words, "The query (several arguments are joined with spaces)");
}

// The command line as SearchOptions; a bad combination or value is a UsageError.
SearchOptions search_options(Cli& cli) {
  if (cli.dbs.empty()) cli.dbs.push_back(contract::default_database_path());
  if (!cli.trec_run.empty() && cli.queries_file.empty()) throw UsageError("--trec needs --queries FILE");
  if (cli.queries_file.empty() && cli.words.empty() && cli.request.like_id.empty())
    throw UsageError("no query given (try --help)");
  if (!cli.queries_file.empty() && !cli.words.empty()) throw UsageError("give either a QUERY or --queries FILE, not both");
  cli.request.snippets = !cli.no_snippets && cli.trec_run.empty();
  cli.request.collapse = !cli.no_collapse;
  cli.request.synonyms = !cli.no_synonyms;
  cli.request.suggest = cli.trec_run.empty();  // evaluation runs have no reader for "Meinten Sie"
  cli.request.stored_fields = cli.trec_run.empty();  // a TREC line needs the id and score only
  return newsindex::search_options(cli.request, "--");
}

// Batch mode: one JSON line (or TREC lines) per query; a failed query is reported and skipped.
int run_batch(Searcher& searcher, const SearchOptions& options, const Cli& cli) {
  int failed = 0;
  for (const BatchQuery& q : read_queries(cli.queries_file)) {
    try {
      SearchResults r = searcher.search(q.text, options);
      if (!cli.trec_run.empty()) {
        std::cout << format_trec(r, q.id, cli.trec_run);
      } else {
        auto j = to_json(r);
        j["query_id"] = q.id;
        std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      }
    } catch (const UsageError& e) {
      ++failed;
      fmt::print(stderr, "newsquery: query {}: {}\n", q.id, e.what());
      if (cli.trec_run.empty()) {
        nlohmann::json j = {{"query_id", q.id}, {"query", q.text}, {"error", e.what()}, {"results", nlohmann::json::array()}};
        std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      }
    }
  }
  return failed ? kExitInputSkipped : kExitOk;
}

int run(int argc, char** argv) {
  CLI::App app{"newsquery — search German news indexed by newsindex"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("newsquery ") + NEWSINDEX_VERSION);
  Cli cli;
  add_options(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  const SearchOptions options = search_options(cli);
  Analyzer analyzer(analyzer_options_from_env());
  Searcher searcher(cli.dbs, analyzer);
  if (!cli.queries_file.empty()) return run_batch(searcher, options, cli);
  std::string text;
  for (const std::string& w : cli.words) text += (text.empty() ? "" : " ") + w;
  SearchResults r = searcher.search(text, options);
  if (cli.json) std::cout << to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else std::cout << format_human(r, isatty(STDOUT_FILENO) != 0);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return run_guarded("newsquery", [&] { return run(argc, argv); });
}
