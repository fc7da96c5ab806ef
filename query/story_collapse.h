// Near-duplicate stories on the query side: results are collapsed on the story slot
// (contract::kSlotStory, written by the indexer's near-duplicate detection), and each shown result
// lists the copies that were folded into it ("auch bei: zeit.de, sueddeutsche.de").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsindex {

struct StoryCopy {
  std::string id, source;
};

// At most this many copies are listed per result.
inline constexpr std::size_t kMaxListedCopies = 5;

// An upper bound on the matches of query, at least the one Xapian's matcher starts from
// (PostList::get_termfreq_max): a term its frequency, OR-like operators the sum, AND-like ones
// (AND, FILTER, NEAR, PHRASE) the smallest, AND_NOT, AND_MAYBE and SCALE_WEIGHT their first
// subquery; leaves whose frequency is not a term's (value ranges, posting sources, wildcards) and
// unknown operators the document count. Counted only up to cap: any result >= cap means "cap or
// more". One term frequency look-up per term read (Searcher::matches: a collapsed search whose
// bound leaves at most kCollapseExact matches past the page checks them in one pass).
Xapian::doccount match_upper_bound(const Xapian::Query& query, const Xapian::Database& db, Xapian::doccount cap);

// A shown result whose story's copies are wanted: its story id (the collapse key; empty: none),
// its document, and whether the matcher folded copies into it (MSetIterator::get_collapse_count
// > 0, which proves the story has more than one article without a look-up).
struct ShownResult {
  std::string story_id;
  Xapian::docid docid = 0;
  bool folded = false;
};

// For each shown result (out[i] for shown[i]): the other articles of its story that also match
// the query, best first (BM25 weight, then docid), at most limit. One match for the whole page
// instead of one per result: the query filtered to the stories with more than one article (folded,
// else their story term's frequency), collapsed on the story slot to limit + (the most results
// the page shows of one story) per story, so each story keeps exactly the articles its own
// filtered match would rank first. Ids and sources come
// from the value slots (contract::kSlotId, kSlotSource), from the stored article in an index
// written before the id slot existed.
std::vector<std::vector<StoryCopy>> collapsed_copies(const Xapian::Database& db, const Xapian::Query& query,
                                                     const std::vector<ShownResult>& shown,
                                                     std::size_t limit = kMaxListedCopies);

}  // namespace newsindex
