// More like this: articles related to a given one.
//
// The article becomes a one-document relevance set; Xapian's expand weighting (TradEWeight) picks
// the stems (Z terms) that best tell it apart from the rest of the index, and those stems are
// searched as an OR query with BM25, the article itself excluded. Only stems are used: stop words
// and numbers have none, boolean terms (source, dates, id) say nothing about the content, and
// words plus stems would count every word twice. Stems found in no other article are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsindex {

struct RelatedQuery {
  Xapian::Query query;              // OR of the chosen stems, AND_NOT the article itself
  std::vector<std::string> stems;   // the chosen stems without prefix, best first
};

// Throws UsageError when no article in db has this id.
RelatedQuery related_query(const Xapian::Database& db, std::string_view id, unsigned max_terms = 20);

}  // namespace newsindex
