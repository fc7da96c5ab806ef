#include "service.h"

#include <charconv>
#include <chrono>

#include <fmt/format.h>
#include <xapian.h>

#include "article.h"
#include "completions.h"
#include "errors.h"
#include "index_contract.h"
#include "index_stats.h"
#include "input.h"
#include "result_format.h"
#include "searcher.h"
#include "timeline.h"

namespace newsindex {

namespace {

// How often a searcher looks for commits of other writer processes (Xapian's reopen() is cheap but
// not free: it rereads the database's version file).
constexpr std::chrono::seconds kReopenInterval{1};

// The first value of a parameter, UTF-8-repaired; "" when absent. Throws UsageError when longer than max.
std::string param(const Params& params, const std::string& name, std::size_t max) {
  auto it = params.find(name);
  if (it == params.end()) return "";
  if (it->second.size() > max)
    throw UsageError(fmt::format("{}: {} bytes is longer than the {} allowed", name, it->second.size(), max));
  std::string value = it->second;
  repair_utf8(value);
  return value;
}

std::size_t whole_number(const Params& params, const std::string& name, std::size_t fallback, std::size_t max) {
  const std::string text = param(params, name, 20);
  if (text.empty()) return fallback;
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > max)
    throw UsageError(fmt::format("{}: \"{}\" is not a whole number from 0 to {}", name, text, max));
  return value;
}

double decimal(const Params& params, const std::string& name, double fallback, double max) {
  const std::string text = param(params, name, 20);
  if (text.empty()) return fallback;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value >= 0 && value <= max))
    throw UsageError(fmt::format("{}: \"{}\" is not a number from 0 to {}", name, text, max));
  return value;
}

bool flag(const Params& params, const std::string& name, bool fallback) {
  const std::string text = param(params, name, 20);
  if (text.empty()) return fallback;
  if (text == "1" || text == "true" || text == "yes" || text == "on" || text == "ja") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off" || text == "nein") return false;
  throw UsageError(fmt::format("{}: \"{}\" is not a yes/no value (valid: true, false, 1, 0)", name, text));
}

}  // namespace

std::string query_param(const Params& params, const ServiceLimits& limits) {
  return param(params, "q", limits.max_query_bytes);
}

SearchRequest search_request_from_params(const Params& params, const ServiceLimits& limits) {
  SearchRequest r;
  r.limit = whole_number(params, "limit", r.limit, limits.max_limit);
  r.offset = whole_number(params, "offset", r.offset, limits.max_offset);
  if (std::string sort = param(params, "sort", limits.max_param_bytes); !sort.empty()) r.sort = sort;
  r.since = param(params, "since", limits.max_param_bytes);
  r.until = param(params, "until", limits.max_param_bytes);
  r.facets = param(params, "facets", limits.max_param_bytes);
  r.recency = param(params, "recency", limits.max_param_bytes);
  r.recency_weight = decimal(params, "recency_weight", r.recency_weight, 1000);
  r.like_id = param(params, "like", limits.max_query_bytes);
  r.explain = flag(params, "explain", r.explain);
  r.snippets = flag(params, "snippets", r.snippets);
  r.collapse = flag(params, "collapse", r.collapse);
  r.synonyms = flag(params, "synonyms", r.synonyms);
  r.suggest = flag(params, "suggest", r.suggest);
  return r;
}

struct SearchService::Context {
  explicit Context(const std::vector<std::string>& databases, const AnalyzerOptions& analysis)
      : analyzer(analysis), searcher(databases, analyzer) {}
  Analyzer analyzer;
  Searcher searcher;
  std::uint64_t generation = 0;
  std::chrono::steady_clock::time_point reopened = std::chrono::steady_clock::now();
};

SearchService::SearchService(std::vector<std::string> databases, AnalyzerOptions analysis, ServiceLimits limits)
    : databases_(std::move(databases)), analysis_(std::move(analysis)), limits_(limits) {
  give_back(std::make_unique<Context>(databases_, analysis_));  // fails now, not on the first request
}

SearchService::~SearchService() = default;

std::unique_ptr<SearchService::Context> SearchService::borrow() {
  std::unique_ptr<Context> c;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      c = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  const std::uint64_t now = generation_.load();
  const auto clock = std::chrono::steady_clock::now();
  if (!c) {
    c = std::make_unique<Context>(databases_, analysis_);
    c->generation = now;
  } else if (c->generation != now || clock - c->reopened > kReopenInterval) {
    // Our own writer's commits at once; another process's within kReopenInterval.
    c->searcher.reopen();
    c->generation = now;
    c->reopened = clock;
  }
  return c;
}

void SearchService::give_back(std::unique_ptr<Context> context) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(context));
}

// Runs work(Context&) on a borrowed searcher; a revision overwritten by a writer meanwhile
// (DatabaseModifiedError) is reopened and the work retried once.
template <typename Work>
auto SearchService::with_searcher(Work work) {
  std::unique_ptr<Context> c = borrow();
  struct Return {
    SearchService& s;
    std::unique_ptr<Context>& c;
    ~Return() { if (c) s.give_back(std::move(c)); }
  } guard{*this, c};
  try {
    return work(*c);
  } catch (const Xapian::DatabaseModifiedError&) {
    c->searcher.reopen();
    return work(*c);
  }
}

nlohmann::ordered_json SearchService::search(const Params& params) {
  const std::string q = query_param(params, limits_);
  SearchOptions options = search_options(search_request_from_params(params, limits_), "");
  if (q.empty() && options.like_id.empty()) throw UsageError("no query given (parameter q, or like=ID)");
  options.time_limit = limits_.time_limit;
  return with_searcher([&](Context& c) { return to_json(c.searcher.search(q, options)); });
}

nlohmann::ordered_json SearchService::article(const std::string& raw_id) {
  std::string id = raw_id;
  repair_utf8(id);
  if (id.empty() || id.size() > limits_.max_query_bytes) throw HttpError(404, "no article with an empty or overlong id");
  return with_searcher([&](Context& c) -> nlohmann::ordered_json {
    const Xapian::Database& db = c.searcher.database();
    const std::string term = contract::id_term(id);
    auto post = db.postlist_begin(term);
    if (post == db.postlist_end(term)) throw HttpError(404, fmt::format("no article with id \"{}\"", id));
    // The stored article as the codec writes it (contract/article.h): every field it has, author and
    // publisher included, exactly as `newsindex extract` prints it.
    return nlohmann::ordered_json::parse(stored_json(db.get_document(*post).get_data()));
  });
}

nlohmann::ordered_json SearchService::stats() {
  std::string path;
  for (const std::string& d : databases_) path += (path.empty() ? "" : ",") + d;
  return with_searcher([&](Context& c) {
    return nlohmann::ordered_json::parse(format_stats_json(collect_stats(c.searcher.database(), path)));
  });
}

nlohmann::ordered_json SearchService::suggest(const Params& params) {
  const std::string q = query_param(params, limits_);
  const std::size_t limit = whole_number(params, "limit", 8, limits_.max_completions);
  return with_searcher([&](Context& c) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Completion& done : complete_last_word(c.searcher.database(), c.analyzer, q, limit))
      list.push_back({{"word", done.word}, {"query", done.query}, {"articles", done.articles}});
    return nlohmann::ordered_json{{"query", q}, {"completions", list}};
  });
}

nlohmann::ordered_json SearchService::timeline(const Params& params) {
  const std::string q = query_param(params, limits_);
  SearchRequest request = search_request_from_params(params, limits_);
  request.limit = 0;
  request.offset = 0;
  request.facets = "day";
  request.snippets = request.explain = request.suggest = false;
  request.collapse = false;  // count every article, as facets do (and at half the cost on common words)
  SearchOptions options = search_options(request, "");
  options.rank = false;      // only the counts are wanted
  if (q.empty() && options.like_id.empty()) throw UsageError("no query given (parameter q, or like=ID)");
  options.time_limit = limits_.time_limit;
  std::optional<Interval> interval;
  try {
    interval = parse_interval(param(params, "interval", limits_.max_param_bytes));
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("interval: {}", e.what()));
  }
  return with_searcher([&](Context& c) {
    SearchResults r = c.searcher.search(q, options);
    const Timeline t = make_timeline(r.facets.empty() ? decltype(r.facets[0].values){} : r.facets[0].values, interval);
    nlohmann::ordered_json bars = nlohmann::ordered_json::array();
    for (const TimeBucket& b : t.buckets) bars.push_back({{"key", b.key}, {"from", b.from}, {"to", b.to}, {"count", b.count}});
    return nlohmann::ordered_json{{"query", r.query}, {"total", r.total}, {"interval", interval_name(t.interval)}, {"buckets", bars}};
  });
}

}  // namespace newsindex
