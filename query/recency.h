// Optional recency boost: newer articles get a bonus added to their BM25 score.
//
//   score = BM25 + weight · 2^(−age / half_life)
//
// age = (newest article in the index) − (article date), never negative. Measuring from the newest
// article rather than from the clock keeps archives and snapshots searchable the same way as a
// live index (in a live index the newest article is minutes old). Articles without a date get no
// bonus. The boost is a Xapian PostingSource on the date slot joined with OP_AND_MAYBE: it never
// adds matches, it only reorders them. A custom PostingSource is not known to xapian-tcpsrv, so
// the boost works on local databases only, not on tcp: shards.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace newsindex {

struct RecencyBoost {
  double half_life_seconds = 0;
  double weight = 4.0;          // about one matching body word in BM25 units
  long long reference = 0;      // seconds since 1970 of age 0 (the newest article)
  // The bonus of an article with this date-slot key.
  double bonus(std::string_view date_key) const;
};

// "12h", "7d", "2w" (hours, days, weeks; decimals allowed). Throws UsageError naming
// the value and the valid forms.
double parse_half_life(std::string_view text);

// The boost measured from the newest date in the database's date slot.
RecencyBoost recency_for(const Xapian::Database& db, double half_life_seconds, double weight);

// The posting source that adds RecencyBoost::bonus to every dated document.
class RecencySource : public Xapian::ValuePostingSource {
 public:
  explicit RecencySource(RecencyBoost boost);
  double get_weight() const override;
  RecencySource* clone() const override;
  std::string name() const override { return "newsindex::RecencySource"; }
  std::string get_description() const override;
  void init(const Xapian::Database& db) override;

 private:
  RecencyBoost boost_;
};

// query OP_AND_MAYBE the boost.
Xapian::Query with_recency(const Xapian::Query& query, const RecencyBoost& boost);

}  // namespace newsindex
