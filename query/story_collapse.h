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

// The other articles of the story that also match the query, best first, without the shown one.
std::vector<StoryCopy> collapsed_copies(const Xapian::Database& db, const Xapian::Query& query,
                                        const std::string& story_id, Xapian::docid shown,
                                        std::size_t limit = kMaxListedCopies);

}  // namespace newsindex
