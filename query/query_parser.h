// Query text → Xapian query, through the same Analyzer the indexer used.
//
// Syntax: words (default OR, ranked by BM25), AND/UND, OR/ODER, NOT/NICHT, +word, -word,
// (brackets), "phrases", prefix wildcards (Übernahm*), fields titel:/title:, quelle:/source:,
// kategorie:/category:. A syntax error never fails the search: the words are searched plainly
// and a warning says so.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzer.h"

namespace newsindex {

// What to highlight in results: the folded words, stems and part stems the query looks for.
struct MatchTerms {
  std::set<std::string> words;  // folded word terms (phrase and exact matches)
  std::set<std::string> stems;  // stems: match words and compound parts
  std::set<std::string> wildcard_prefixes;
  bool empty() const { return words.empty() && stems.empty() && wildcard_prefixes.empty(); }
};

struct ParsedQuery {
  Xapian::Query query;
  MatchTerms match;
  std::vector<std::string> warnings;  // e.g. syntax fallbacks
  bool searchable() const { return !query.empty(); }
};

class QueryBuilder {
 public:
  explicit QueryBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}
  ParsedQuery parse(std::string_view text);

 private:
  Analyzer& analyzer_;
};

}  // namespace newsindex
