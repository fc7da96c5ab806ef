// Search options as a user writes them (newsquery's command line, newsserve's query string),
// turned into SearchOptions in one place so both front ends accept and reject the same values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "searcher.h"

namespace newsindex {

// The textual search options; field names follow newsquery's options and newsserve's parameters.
struct SearchRequest {
  std::size_t limit = 10, offset = 0;  // page size and results skipped
  std::string sort = "relevance";      // relevance, date (newest first) or date-asc
  std::string since, until;            // dates or German periods relative to today (date_range.h)
  std::string facets;                  // comma-separated facet names (facets.h)
  std::string recency;                 // half-life such as 12h, 7d, 2w; empty: no recency boost
  double recency_weight = 4.0;         // the bonus of the newest article with recency
  std::string like_id;                 // related to this article
  bool explain = false, snippets = true, collapse = true, synonyms = true, suggest = true;  // the SearchOptions switches
  bool stored_fields = true;  // SearchOptions::stored_fields (newsquery turns it off for --trec)
};

// The SearchOptions of a request. Throws UsageError naming the option (option_prefix + name, e.g.
// "--since" for the CLI, "since" for HTTP) and the bad value, listing the valid ones where few.
SearchOptions search_options(const SearchRequest& request, std::string_view option_prefix);

// Parses a sort name (relevance, date, date-asc); throws UsageError naming option and value.
SortOrder parse_sort(std::string_view sort, std::string_view option);

}  // namespace newsindex
