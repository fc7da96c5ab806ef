// The timeline of a query: how its matches spread over time, in bars of a day, week, month or
// year chosen from the span, for newsserve's /api/timeline and the chart on the search page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsindex {

// The period one bar covers (weeks are ISO weeks, Monday to Sunday).
enum class Interval { Day, Week, Month, Year };

// One bar: its label ("2025-03-10", "2025-W11", "2025-03", "2025"), the first and last day it
// covers (YYYY-MM-DD, inclusive) and the matches dated in it.
struct TimeBucket {
  std::string key, from, to;
  std::uint64_t count = 0;
};

// A query's bars.
struct Timeline {
  Interval interval = Interval::Month;  // the period of every bar
  std::vector<TimeBucket> buckets;  // consecutive, oldest first, empty periods included
};

// "day", "week", "month", "year" (German tag, woche, monat, jahr too); nullopt for "auto" or "".
// Throws UsageError naming the value and the valid ones.
std::optional<Interval> parse_interval(std::string_view text);

// The name of an interval in output: "day", "week", "month", "year".
std::string interval_name(Interval interval);

// The interval for a span of days: days up to 31 days, weeks up to 26 weeks, months up to
// 8 years, else years (at most about 60 bars, except for years).
Interval choose_interval(std::string_view first_day, std::string_view last_day);

// Bars from per-day counts ("YYYY-MM-DD" → matches, any order; other keys are ignored; the service
// passes the day facet, so a zoned article counts on its UTC day, as date filters see it), every
// period from the first to the last dated match; `forced` overrides the chosen interval. At most
// kMaxBuckets bars: a forced interval too fine for the span falls back to the chosen one.
Timeline make_timeline(const std::vector<std::pair<std::string, std::uint64_t>>& day_counts,
                       std::optional<Interval> forced = std::nullopt);

// The most bars a forced interval may produce.
inline constexpr std::size_t kMaxBuckets = 400;

}  // namespace newsindex
