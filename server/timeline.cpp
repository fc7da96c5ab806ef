#include "timeline.h"

#include "errors.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

namespace newsindex {

namespace {

using namespace std::chrono;

std::optional<year_month_day> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const unsigned m = std::stoul(std::string(s.substr(5, 2))), d = std::stoul(std::string(s.substr(8, 2)));
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string iso(sys_days d) {
  const year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

// The first day of the period holding d.
sys_days period_start(sys_days d, Interval interval) {
  const year_month_day ymd{d};
  switch (interval) {
    case Interval::Day: return d;
    case Interval::Week: return d - (weekday{d} - Monday);  // ISO weeks start on Monday
    case Interval::Month: return sys_days{ymd.year() / ymd.month() / 1};
    case Interval::Year: return sys_days{ymd.year() / January / 1};
  }
  return d;
}

sys_days next_period(sys_days start, Interval interval) {
  const year_month_day ymd{start};
  switch (interval) {
    case Interval::Day: return start + days{1};
    case Interval::Week: return start + days{7};
    case Interval::Month: return sys_days{(ymd.year() / ymd.month() / 1) + months{1}};
    case Interval::Year: return sys_days{(ymd.year() + years{1}) / January / 1};
  }
  return start + days{1};
}

std::string label(sys_days start, Interval interval) {
  const year_month_day ymd{start};
  switch (interval) {
    case Interval::Day: return iso(start);
    case Interval::Week: {
      // ISO week number: the week's Thursday decides the year.
      const sys_days thursday = start + days{3};
      const year y = year_month_day{thursday}.year();
      const auto week = (thursday - sys_days{y / January / 1}).count() / 7 + 1;
      return fmt::format("{:04}-W{:02}", int(y), week);
    }
    case Interval::Month: return fmt::format("{:04}-{:02}", int(ymd.year()), unsigned(ymd.month()));
    case Interval::Year: return fmt::format("{:04}", int(ymd.year()));
  }
  return iso(start);
}

std::size_t bucket_count(sys_days first, sys_days last, Interval interval) {
  std::size_t n = 0;
  for (sys_days p = period_start(first, interval); p <= last && n <= kMaxBuckets; p = next_period(p, interval)) ++n;
  return n;
}

}  // namespace

std::optional<Interval> parse_interval(std::string_view text) {
  if (text.empty() || text == "auto") return std::nullopt;
  if (text == "day" || text == "tag") return Interval::Day;
  if (text == "week" || text == "woche") return Interval::Week;
  if (text == "month" || text == "monat") return Interval::Month;
  if (text == "year" || text == "jahr") return Interval::Year;
  throw UsageError(fmt::format("unknown interval \"{}\" (valid: auto, day, week, month, year)", text));
}

std::string interval_name(Interval interval) {
  switch (interval) {
    case Interval::Day: return "day";
    case Interval::Week: return "week";
    case Interval::Month: return "month";
    case Interval::Year: return "year";
  }
  return "";
}

Interval choose_interval(std::string_view first_day, std::string_view last_day) {
  const auto a = parse_day(first_day), b = parse_day(last_day);
  if (!a || !b) return Interval::Month;
  const auto span = (sys_days{*b} - sys_days{*a}).count() + 1;
  if (span <= 31) return Interval::Day;
  if (span <= 26 * 7) return Interval::Week;
  if (span <= 8 * 366) return Interval::Month;
  return Interval::Year;
}

Timeline make_timeline(const std::vector<std::pair<std::string, std::uint64_t>>& day_counts, std::optional<Interval> forced) {
  std::map<sys_days, std::uint64_t> per_day;
  for (const auto& [key, n] : day_counts)
    if (auto d = parse_day(key)) per_day[sys_days{*d}] += n;
  Timeline out;
  if (per_day.empty()) return out;
  const sys_days first = per_day.begin()->first, last = per_day.rbegin()->first;
  out.interval = choose_interval(iso(first), iso(last));
  if (forced && bucket_count(first, last, *forced) <= kMaxBuckets) out.interval = *forced;
  auto it = per_day.begin();
  for (sys_days p = period_start(first, out.interval); p <= last; p = next_period(p, out.interval)) {
    const sys_days end = next_period(p, out.interval);
    TimeBucket b{label(p, out.interval), iso(p), iso(end - days{1}), 0};
    for (; it != per_day.end() && it->first < end; ++it) b.count += it->second;
    out.buckets.push_back(std::move(b));
  }
  return out;
}

}  // namespace newsindex
