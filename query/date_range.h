// Date filters: `datum:` values in queries and --since/--until, as ranges over the date value slot.
//
// A date expression names a period of days: "2020" (the year), "2020-08" (the month),
// "2020-08-01" or "1.8.2020" (a day), or plain German relative to today: "heute", "gestern",
// "vorgestern", "letzte Woche" (last Monday..Sunday), "diese Woche", "letzten Monat", "dieses
// Jahr", "seit 3 Tagen" / "vor 2 Wochen" (the day that long ago), "letzte 7 Tage" (that long ago
// up to today), "letzten Montag". A range "A..B" runs from the first day of A to the last day of
// B; "..B" and "A.." are open. Days are compared on the stored key (UTC when the article's zone
// was known).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <xapian.h>

#include "errors.h"

namespace newsindex {

// A date text that is not understood; the message names the text and the accepted forms. A usage
// error where it comes from an option (--since); a query's datum: falls back with a warning.
class DateError : public UsageError {
 public:
  using UsageError::UsageError;
};

struct Day {
  int year = 1970, month = 1, day = 1;
  friend bool operator==(const Day&, const Day&) = default;
};

struct Period {
  Day first, last;
};

// Value-slot keys ("YYYYMMDDhhmmss", inclusive); an empty key is an open end.
struct DateRange {
  std::string lo, hi;
  bool open() const { return lo.empty() && hi.empty(); }
};

// $NEWSQUERY_TODAY (YYYY-MM-DD, pins "today" for tests) or else the local date. Throws DateError
// when NEWSQUERY_TODAY is set but not a date.
Day today();

// "YYYY-MM-DD".
std::string to_iso(Day d);

// The period one date expression names (see above). Throws DateError.
Period parse_period(std::string_view text, Day today);

// "A..B", "..B", "A.." or "A" as slot keys. Throws DateError (an empty range "B..A" included).
DateRange parse_date_range(std::string_view text, Day today);

// The keys that start and end a day: "YYYYMMDD000000" and "YYYYMMDD235959".
std::string start_key(Day d);
std::string end_key(Day d);

// Both ranges at once (the later start, the earlier end).
DateRange intersect(const DateRange& a, const DateRange& b);

// The filter on contract::kSlotDate: OP_VALUE_RANGE, _GE or _LE; MatchAll for an open range.
// Articles without a date fall outside any window that is not open.
Xapian::Query date_query(const DateRange& range);

// The range of two ISO dates or date prefixes ("2025-09-15", "2025-09", "2025"; "" = open end):
// from its first second to the last second of to's day, month or year.
DateRange range_from_iso(std::string_view from, std::string_view to);

// Seconds since 1970-01-01T00:00:00 of a slot key ("YYYYMMDDhhmmss", missing parts zero); -1 when
// the key is not a date.
long long key_to_seconds(std::string_view key);

}  // namespace newsindex
