// newsserve's API without the HTTP: request parameters in, the JSON of `newsquery --json` (and of
// the other endpoints) out. Handlers in main.cpp only route, call these and map errors to statuses.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer.h"
#include "search_request.h"

namespace newsindex {

// Query string parameters, name → value (repeated names allowed; the first counts).
using Params = std::multimap<std::string, std::string>;

// A request the server answers with this HTTP status and message (not found, forbidden, too large).
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }  // the HTTP status to answer with

 private:
  int status_;
};

// What a request may ask for; larger values are refused with a 400 naming the limit.
struct ServiceLimits {
  std::size_t max_query_bytes = 1000;   // q and like
  std::size_t max_param_bytes = 200;    // every other parameter (facets, since, …)
  std::size_t max_limit = 100;          // results per page
  std::size_t max_offset = 10000;       // paging depth
  std::size_t max_completions = 20;     // /api/suggest
  double time_limit = 2.0;              // seconds the Xapian matcher may run per search (0: none)
};

// The query text of a request: q (may be empty when like is given). Throws UsageError.
std::string query_param(const Params& params, const ServiceLimits& limits);

// The SearchRequest of /api/search's parameters (limit, offset, sort, since, until, facets,
// collapse, synonyms, recency, recency_weight, explain, like, snippets). Every value is
// UTF-8-repaired and bounded; throws UsageError naming the parameter and the bad value.
SearchRequest search_request_from_params(const Params& params, const ServiceLimits& limits);

// Searches one set of databases from many threads: each thread borrows its own Analyzer and
// Searcher (Xapian objects are not thread-safe), reopened at the latest commit after reopen()
// (our own writer) and at least once a second (other writer processes).
class SearchService {
 public:
  // Opens the databases once to check them (IndexError when missing or of another analysis chain).
  SearchService(std::vector<std::string> databases, AnalyzerOptions analysis, ServiceLimits limits);
  ~SearchService();

  // GET /api/search: the `newsquery --json` object. Throws UsageError for bad parameters.
  nlohmann::ordered_json search(const Params& params);
  // GET /api/articles/{id}: the stored article; HttpError 404 when there is none.
  nlohmann::ordered_json article(const std::string& id);
  // GET /api/stats: the `newsindex stats --json` object of the first database.
  nlohmann::ordered_json stats();
  // GET /api/suggest?q=: {"query","completions":[{"word","query","articles"}]} (completions.h).
  nlohmann::ordered_json suggest(const Params& params);
  // GET /api/timeline?q=: {"query","total","interval","buckets":[{"key","from","to","count"}]}
  // over the same filters as /api/search (timeline.h); interval=auto|day|week|month|year. Counts
  // every matching article, near-duplicate copies included (as facets do); unranked.
  nlohmann::ordered_json timeline(const Params& params);

  // Call after a writer committed: every searcher moves to the new revision before its next use.
  void reopen() { ++generation_; }
  const ServiceLimits& limits() const { return limits_; }  // the limits requests are held to

 private:
  struct Context;
  std::unique_ptr<Context> borrow();
  void give_back(std::unique_ptr<Context> context);
  template <typename Work>
  auto with_searcher(Work work);

  std::vector<std::string> databases_;
  AnalyzerOptions analysis_;
  ServiceLimits limits_;
  std::atomic<std::uint64_t> generation_{0};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Context>> idle_;
};

}  // namespace newsindex
