// --explain: what each part of the query adds to each result's score.
//
// The ranking is BM25 (k1 1.2, b 0.75; ranking.h): a matching term adds
//   idf · (k1+1)·wdf / (k1·((1−b) + b·len/avglen) + wdf)  with idf = log((N−n+½)/(n+½)),
// times its weight factor (the query alternatives and proximity pairs of contract/term_scheme.h;
// synonyms.h), and
// Xapian sums the matching branches of OR/AND/AND_MAYBE. So each scored part (one alternative of
// one query word, a phrase, a wildcard, a related-article stem) is run alone with the same weighting,
// restricted to the page's articles: its weight there is exactly its share of the score. The
// recency bonus is computed from the article's date. Whatever does not add up (there should be
// nothing) is reported as "other".
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query_parser.h"

namespace newsindex {

struct Contribution {
  std::string word, role;  // from ScoredPart, or "recency"
  double score = 0;
};

// For each id of the page (in order), the non-zero contributions of each part, largest first.
std::vector<std::vector<Contribution>> explain_scores(const Xapian::Database& db, const Xapian::Weight& weight,
                                                      const std::vector<ScoredPart>& parts,
                                                      const std::vector<std::string>& page_ids);

}  // namespace newsindex
