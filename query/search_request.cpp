#include "search_request.h"

#include <stdexcept>

#include <fmt/format.h>

#include "date_range.h"
#include "errors.h"
#include "facets.h"
#include "recency.h"

namespace newsindex {

namespace {

// Runs one option's parser; a library error becomes a UsageError naming the option.
template <typename Parse>
auto option_value(const std::string& option, Parse parse) {
  try {
    return parse();
  } catch (const UsageError& e) {  // DateError, bad facet or half-life
    throw UsageError(fmt::format("{}: {}", option, e.what()));
  }
}

}  // namespace

SortOrder parse_sort(std::string_view sort, std::string_view option) {
  if (sort == "relevance") return SortOrder::Relevance;
  if (sort == "date") return SortOrder::Date;
  if (sort == "date-asc") return SortOrder::DateAscending;
  throw UsageError(fmt::format("{}: unknown order \"{}\" (valid: relevance, date, date-asc)", option, sort));
}

SearchOptions search_options(const SearchRequest& r, std::string_view prefix) {
  const auto name = [&](const char* option) { return fmt::format("{}{}", prefix, option); };
  SearchOptions options;
  options.limit = r.limit;
  options.offset = r.offset;
  options.sort = parse_sort(r.sort, name("sort"));
  options.snippets = r.snippets;
  if (!r.since.empty())
    options.date_from = option_value(name("since"), [&] { return to_iso(parse_period(r.since, today()).first); });
  if (!r.until.empty())
    options.date_to = option_value(name("until"), [&] { return to_iso(parse_period(r.until, today()).last); });
  if (!options.date_from.empty() && !options.date_to.empty() && options.date_from > options.date_to)
    throw UsageError(fmt::format("{} {} is after {} {}: nothing can match", name("since"), options.date_from,
                                 name("until"), options.date_to));
  options.facets = option_value(name("facets"), [&] { return parse_facets(r.facets); });
  if (!r.recency.empty())
    options.recency_half_life = option_value(name("recency"), [&] { return parse_half_life(r.recency); });
  options.recency_weight = r.recency_weight;
  options.explain = r.explain;
  options.like_id = r.like_id;
  options.collapse = r.collapse;
  options.synonyms = r.synonyms;
  options.suggest = r.suggest;
  options.stored_fields = r.stored_fields;
  return options;
}

}  // namespace newsindex
