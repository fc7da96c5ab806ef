// Query text → Xapian query, through the same Analyzer the indexer used.
//
// Syntax: words (default OR, ranked by BM25), AND/UND, OR/ODER, NOT/NICHT, +word, -word,
// (brackets), "phrases", prefix wildcards (Übernahm*), fields titel:/title:, quelle:/source:,
// kategorie:/category:. A syntax error never fails the search: the words are searched plainly
// and a warning says so.
#pragma once

#include <functional>
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

// More alternatives for a free-text query word (synonyms.h): given its folded form and stem, an
// already weighted query to OR with the word's own terms, or an empty query; it adds what it looks
// for to `match` for highlighting.
using WordExpansion = std::function<Xapian::Query(std::string_view folded, std::string_view stem, MatchTerms& match)>;

class QueryBuilder {
 public:
  explicit QueryBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}
  ParsedQuery parse(std::string_view text);
  // Expands every free-text word (not phrases, fields or wildcards); unset: no expansion.
  void set_word_expansion(WordExpansion expansion) { expansion_ = std::move(expansion); }

 private:
  Analyzer& analyzer_;
  WordExpansion expansion_;
};

}  // namespace newsindex
