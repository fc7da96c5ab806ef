// Runs parsed queries against one or more databases (folders, stub files, tcp:HOST:PORT shards,
// searched as one) and returns ranked, highlighted results.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzer.h"
#include "explain.h"
#include "facets.h"
#include "query_parser.h"
#include "recency.h"
#include "snippet.h"
#include "story_collapse.h"
#include "synonyms.h"

namespace newsindex {

enum class SortOrder { Relevance, Date, DateAscending };

struct SearchOptions {
  std::size_t offset = 0;
  std::size_t limit = 10;
  SortOrder sort = SortOrder::Relevance;
  bool snippets = true;  // off for evaluation runs: saves analysing each result body
  std::string date_from, date_to;  // inclusive date window, YYYY-MM-DD (or a prefix of it); empty = open
  std::vector<Facet> facets;       // counted over the whole match set (facets.h)
  double recency_half_life = 0;    // seconds; 0 = no recency boost (recency.h)
  double recency_weight = 4.0;     // the bonus of the newest article, in BM25 units
  bool explain = false;            // query analysis and per-result score contributions (explain.h)
  std::string like_id;             // rank articles related to this one (more_like.h); the query filters
  bool collapse = true;            // one result per near-duplicate story (story_collapse.h)
  bool synonyms = true;            // also find OpenThesaurus synonyms of query words (synonyms.h)
  bool suggest = true;             // "Meinten Sie": correct words the index does not know (spelling.h)
  double time_limit = 0;           // seconds the matcher may run before returning what it has; 0 = no limit
  bool rank = true;                // false: match and count only (no BM25), for facet-only requests
  bool stored_fields = true;       // false: hits carry id, score and story copies only, the id from its value slot
                                   // (contract::kSlotId), no stored article read: TREC runs, ids-only benchmarks
};

struct Hit {
  std::size_t rank = 0;  // 1-based, across pages
  std::string id, title, date, source, url, category;
  std::string agency;  // news agencies credited, "dpa,afp"; "" when none
  double score = 0;
  Highlighted title_marked;
  Highlighted snippet;
  std::vector<Contribution> explain;  // with SearchOptions::explain
  std::vector<StoryCopy> duplicates;  // copies of the same story collapsed into this result
};

struct SearchResults {
  std::string query;
  std::string parsed;  // Xapian's description of the query that ran
  std::uint64_t total = 0, total_lower = 0, total_upper = 0;  // estimate and bounds; exact when lower == upper
  std::vector<Hit> hits;
  std::vector<std::string> warnings;
  std::vector<FacetCounts> facets;
  bool explained = false;              // SearchOptions::explain was on
  std::vector<WordAnalysis> analysis;  // with explain: how each query word was analysed
  std::string suggestion;              // the query with unknown words corrected; "" when none
};

class Searcher {
 public:
  // Opens every database and checks that each was built by this analysis chain (IndexError if not).
  Searcher(const std::vector<std::string>& databases, Analyzer& analyzer);

  // Throws UsageError when the query has nothing searchable in it.
  SearchResults search(std::string_view query, const SearchOptions& options);

  // Moves to the latest committed revision of every database (after a writer committed).
  void reopen() { db_.reopen(); }
  // The databases searched, as one (for stats, vocabulary and article lookups).
  const Xapian::Database& database() const { return db_; }
  // The analyzer queries are analysed with.
  Analyzer& analyzer() { return analyzer_; }

 private:
  void add_related(ParsedQuery& parsed);
  Xapian::Enquire enquire_for(const Xapian::Query& query, const SearchOptions& options, FacetCollector& facets);
  Xapian::MSet matches(Xapian::Enquire& enquire, const SearchOptions& options, SearchResults& out);
  Hit hit_for(const Xapian::MSetIterator& it, const MatchTerms& match, const SearchOptions& options,
              const RecencyBoost& recency);
  // The copies of each hit's story the collapse folded into it (story_collapse.h): one look-up for
  // the page, with options.collapse.
  void add_copies(std::vector<Hit>& hits, const Xapian::MSet& mset, const Xapian::Enquire& enquire);

  Xapian::Database db_;
  Analyzer& analyzer_;
  SynonymSource synonyms_;
};

}  // namespace newsindex
