// Query text → Xapian query, through the same Analyzer the indexer used.
//
// Syntax: words (default OR, ranked by BM25), AND/UND, OR/ODER, NOT/NICHT, +word, -word,
// (brackets), "phrases", prefix wildcards (Übernahm*), fields titel:/title:, quelle:/source:,
// kategorie:/category:, agentur:/agency:, datum:/date: (see date_range.h), like:ID (articles
// related to ID). A syntax error never fails the search: the words are searched plainly and a
// warning says so.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzer.h"
#include "date_range.h"

namespace newsindex {

// What to highlight in results: the folded words, stems and part stems the query looks for.
struct MatchTerms {
  std::set<std::string> words;  // folded word terms (phrase and exact matches)
  std::set<std::string> stems;  // stems: match words and compound parts
  std::set<std::string> wildcard_prefixes;
  bool empty() const { return words.empty() && stems.empty() && wildcard_prefixes.empty(); }
};

// One independently scored piece of the query (for --explain): what it adds to a document's score
// when run alone is what it adds inside the whole query, because Xapian sums the weights of the
// matching branches of OR, AND and AND_MAYBE.
struct ScoredPart {
  std::string word;  // the query word or phrase it comes from, as typed
  std::string role;  // "word", "exact spelling", "stem", "in compounds", "compound parts", "variant", "phrase", …
  Xapian::Query query;
};

// How one query word was analysed and what it searches for (for --explain).
struct WordAnalysis {
  std::string text;                // as typed
  std::string use;                 // "search", "dropped stop word", "phrase", "near", "wildcard", "filter", …
  std::string tokens;              // the Analyzer's output in the compact token format
  std::vector<std::string> terms;  // what Xapian runs for it, e.g. "Zuebernahm", "0.5 * XPuebernahm"
};

struct ParsedQuery {
  Xapian::Query query;
  MatchTerms match;
  std::vector<std::string> warnings;  // e.g. syntax fallbacks
  std::vector<ScoredPart> parts;
  std::vector<WordAnalysis> analysis;
  std::vector<std::string> like_ids;  // like:ID — the searcher turns them into a related-articles query
  bool searchable() const { return !query.empty() || !like_ids.empty(); }
};

// More alternatives for a free-text query word (synonyms.h): given its folded form and stem, an
// already weighted query to OR with the word's own terms, or an empty query; it adds what it looks
// for to `match` for highlighting.
using WordExpansion = std::function<Xapian::Query(std::string_view folded, std::string_view stem, MatchTerms& match)>;

class QueryBuilder {
 public:
  // today anchors relative dates in datum: ("gestern"); unset = date_range.h's today().
  explicit QueryBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}
  QueryBuilder(Analyzer& analyzer, Day today) : analyzer_(analyzer), today_(today) {}
  ParsedQuery parse(std::string_view text);
  // Expands every free-text word (not phrases, fields or wildcards); unset: no expansion.
  void set_word_expansion(WordExpansion expansion) { expansion_ = std::move(expansion); }

 private:
  Analyzer& analyzer_;
  std::optional<Day> today_;
  WordExpansion expansion_;
};

}  // namespace newsindex
