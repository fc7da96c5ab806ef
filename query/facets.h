// Facets: how the whole match set divides by source, category, agency, year and month.
//
// Counted with Xapian::ValueCountMatchSpy on the value slots while the match runs; the searcher
// then asks Xapian to check every match (check_at_least = the database size), so the counts are
// exact and the total is exact too. Cost: no early termination — every matching document is
// scored and its slot values read, O(matches); with no facets asked for nothing changes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsindex {

enum class Facet { Source, Category, Agency, Year, Month, Day };

// "source,category,agency,year,month,day" (German names quelle, kategorie, agentur, jahr, monat, tag too).
// Throws UsageError naming the unknown facet and the valid ones.
std::vector<Facet> parse_facets(std::string_view list);

// The facet's name in output: "source", "category", "agency", "year", "month", "day".
std::string facet_name(Facet f);

struct FacetCounts {
  std::string name;
  std::vector<std::pair<std::string, std::uint64_t>> values;  // most frequent first, then by value
};

// Attach to an Enquire before get_mset, read after.
class FacetCollector {
 public:
  explicit FacetCollector(std::vector<Facet> facets);
  ~FacetCollector();
  void attach(Xapian::Enquire& enquire);
  // Year, month and day come from the date slot ("2026", "2026-03", "2026-03-14"; a zoned date's
  // UTC day, as the D terms and date filters); an agency slot holding "dpa,afp" counts once for
  // each agency.
  std::vector<FacetCounts> counts() const;

 private:
  std::vector<Facet> facets_;
  std::vector<std::pair<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies_;
  const Xapian::ValueCountMatchSpy* spy(Xapian::valueno slot) const;
};

}  // namespace newsindex
