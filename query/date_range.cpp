#include "date_range.h"

#include <cstdlib>
#include <ctime>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "dates.h"
#include "index_contract.h"
#include "normalizer.h"

namespace newsindex {

namespace {

constexpr const char* kAccepted =
    "use 2020, 2020-08, 2020-08-01, 1.8.2020, A..B, ..B, A.., or heute, gestern, vorgestern, letzte Woche, "
    "letzten Monat, letztes Jahr, diese Woche, seit 3 Tagen, vor 2 Wochen, letzte 7 Tage, letzten Montag";

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
long long days_from_civil(Day d) {
  const int y = d.year - (d.month <= 2);
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

Day civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400) + (month <= 2);
  return {year, month, day};
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Day add_days(Day d, long long n) { return civil_from_days(days_from_civil(d) + n); }

// Calendar month arithmetic; the day is clamped (31 March minus one month = 28/29 February).
Day add_months(Day d, int n) {
  int m = d.year * 12 + (d.month - 1) + n;
  Day out{m / 12, m % 12 + 1, 1};
  out.day = std::min(d.day, days_in_month(out.year, out.month));
  return out;
}

int weekday_from_monday(Day d) {  // 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday
  long long w = (days_from_civil(d) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Period day_period(Day d) { return {d, d}; }
Period month_period(int y, int m) { return {{y, m, 1}, {y, m, days_in_month(y, m)}}; }
Period year_period(int y) { return {{y, 1, 1}, {y, 12, 31}}; }
Period week_period(Day d) {
  Day monday = add_days(d, -weekday_from_monday(d));
  return {monday, add_days(monday, 6)};
}

std::optional<int> number_word(const std::string& w) {
  static const char* kWords[] = {"null", "ein", "zwei", "drei", "vier", "fünf", "sechs",
                                 "sieben", "acht", "neun", "zehn", "elf", "zwölf"};
  if (!w.empty() && w.size() <= 4 && w.find_first_not_of("0123456789") == std::string::npos) return std::stoi(w);
  for (const char* form : {"eine", "einem", "einer", "einen", "eins"})
    if (w == form) return 1;
  for (int i = 0; i < 13; ++i)
    if (w == kWords[i]) return i;
  return std::nullopt;
}

enum class Unit { Day, Week, Month, Year };

std::optional<Unit> unit_word(const std::string& w) {
  for (const char* f : {"tag", "tage", "tagen", "tages"})
    if (w == f) return Unit::Day;
  for (const char* f : {"woche", "wochen"})
    if (w == f) return Unit::Week;
  for (const char* f : {"monat", "monate", "monaten", "monats"})
    if (w == f) return Unit::Month;
  for (const char* f : {"jahr", "jahre", "jahren", "jahres"})
    if (w == f) return Unit::Year;
  return std::nullopt;
}

Day go_back(Day today, int n, Unit unit) {
  switch (unit) {
    case Unit::Day: return add_days(today, -n);
    case Unit::Week: return add_days(today, -7LL * n);
    case Unit::Month: return add_months(today, -n);
    case Unit::Year: return add_months(today, -12 * n);
  }
  return today;
}

bool one_of(const std::string& w, std::initializer_list<const char*> forms) {
  for (const char* f : forms)
    if (w == f) return true;
  return false;
}

bool is_last_word(const std::string& w) {
  return one_of(w, {"letzte", "letzten", "letzter", "letztes", "vergangene", "vergangenen", "vergangener",
                    "vergangenes", "vorige", "vorigen", "voriger", "voriges"});
}
bool is_this_word(const std::string& w) { return one_of(w, {"diese", "dieser", "diesen", "dieses"}); }

std::optional<int> weekday_word(const std::string& w) {
  static const char* kNames[] = {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"};
  for (int i = 0; i < 7; ++i)
    if (w == kNames[i]) return i;
  if (w == "sonnabend") return 5;
  return std::nullopt;
}

std::optional<Period> relative_period(std::vector<std::string> w, Day today) {
  if (!w.empty() && one_of(w.front(), {"in", "am", "im"}) && w.size() > 1) w.erase(w.begin());
  if (!w.empty() && one_of(w.front(), {"den", "der", "die", "dem"}) && w.size() > 1) w.erase(w.begin());
  if (w.empty()) return std::nullopt;
  if (w.size() == 1) {
    if (w[0] == "heute") return day_period(today);
    if (w[0] == "gestern") return day_period(add_days(today, -1));
    if (w[0] == "vorgestern") return day_period(add_days(today, -2));
  }
  // "seit 3 Tagen", "vor 2 Wochen": the day that long ago.
  if (w.size() == 3 && (w[0] == "seit" || w[0] == "vor")) {
    auto n = number_word(w[1]);
    auto unit = unit_word(w[2]);
    if (n && unit) return day_period(go_back(today, *n, *unit));
  }
  // "seit gestern", "seit letzter Woche", "ab 2020": the period itself (its start is what counts).
  if (w.size() >= 2 && (w[0] == "seit" || w[0] == "ab" || w[0] == "bis")) {
    w.erase(w.begin());
    return relative_period(w, today);
  }
  // "letzte 7 Tage", "die letzten 2 Wochen": that long ago up to today.
  if (w.size() == 3 && is_last_word(w[0])) {
    auto n = number_word(w[1]);
    auto unit = unit_word(w[2]);
    if (n && unit) return Period{go_back(today, *n, *unit), today};
  }
  if (w.size() == 2 && (is_last_word(w[0]) || is_this_word(w[0]))) {
    const int back = is_last_word(w[0]) ? 1 : 0;
    if (auto unit = unit_word(w[1])) {
      switch (*unit) {
        case Unit::Day: return day_period(add_days(today, -back));
        case Unit::Week: return week_period(add_days(today, -7LL * back));
        case Unit::Month: {
          Day m = add_months(today, -back);
          return month_period(m.year, m.month);
        }
        case Unit::Year: return year_period(today.year - back);
      }
    }
    // "letzten Montag": the most recent Monday before today.
    if (auto wd = weekday_word(w[1]); wd && back) {
      int diff = weekday_from_monday(today) - *wd;
      if (diff <= 0) diff += 7;
      return day_period(add_days(today, -diff));
    }
  }
  if (w.size() == 1) {
    if (auto wd = weekday_word(w[0])) {  // "Montag": the most recent one, today included
      int diff = weekday_from_monday(today) - *wd;
      if (diff < 0) diff += 7;
      return day_period(add_days(today, -diff));
    }
  }
  return std::nullopt;
}

bool all_digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

std::string trim(std::string_view s) {
  std::size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

// The day of a date as the index files it: a zoned time's UTC day (contract::date_sort_key).
std::optional<Day> iso_day(std::string_view text) {
  auto iso = normalize_date_utc(text);
  if (!iso || iso->size() < 10) return std::nullopt;
  return Day{std::stoi(iso->substr(0, 4)), std::stoi(iso->substr(5, 2)), std::stoi(iso->substr(8, 2))};
}

}  // namespace

Day today() {
  if (const char* pinned = std::getenv("NEWSQUERY_TODAY"); pinned && *pinned) {
    std::string p = trim(pinned);
    auto d = p.size() == 10 ? iso_day(p) : std::nullopt;
    if (!d) throw DateError(fmt::format("NEWSQUERY_TODAY=\"{}\" is not a date YYYY-MM-DD", pinned));
    return *d;
  }
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::string to_iso(Day d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }
std::string start_key(Day d) { return fmt::format("{:04}{:02}{:02}000000", d.year, d.month, d.day); }
std::string end_key(Day d) { return fmt::format("{:04}{:02}{:02}235959", d.year, d.month, d.day); }

Period parse_period(std::string_view text, Day now) {
  const std::string t = trim(text);
  if (t.size() == 4 && all_digits(t)) return year_period(std::stoi(t));
  if (t.size() == 7 && t[4] == '-' && all_digits(t.substr(0, 4)) && all_digits(t.substr(5))) {
    int month = std::stoi(t.substr(5));
    if (month >= 1 && month <= 12) return month_period(std::stoi(t.substr(0, 4)), month);
  } else if (auto d = iso_day(t)) {
    return day_period(*d);
  } else {
    std::vector<std::string> words;
    std::string norm = normalize_text(t);
    for (std::size_t i = 0; i < norm.size();) {
      std::size_t j = norm.find(' ', i);
      if (j == std::string::npos) j = norm.size();
      if (j > i) words.push_back(norm.substr(i, j - i));
      i = j + 1;
    }
    if (auto p = relative_period(words, now)) return *p;
  }
  throw DateError(fmt::format("not a date: \"{}\" ({})", t, kAccepted));
}

DateRange parse_date_range(std::string_view text, Day now) {
  const std::string t = trim(text);
  DateRange r;
  const std::size_t dots = t.find("..");
  if (dots == std::string::npos) {
    Period p = parse_period(t, now);
    return {start_key(p.first), end_key(p.last)};
  }
  const std::string from = trim(std::string_view(t).substr(0, dots)), to = trim(std::string_view(t).substr(dots + 2));
  if (from.empty() && to.empty()) throw DateError(fmt::format("date range \"{}\" has no ends ({})", t, kAccepted));
  if (!from.empty()) r.lo = start_key(parse_period(from, now).first);
  if (!to.empty()) r.hi = end_key(parse_period(to, now).last);
  if (!r.lo.empty() && !r.hi.empty() && r.lo > r.hi)
    throw DateError(fmt::format("date range \"{}\" ends before it starts", t));
  return r;
}

DateRange intersect(const DateRange& a, const DateRange& b) {
  DateRange r;
  r.lo = std::max(a.lo, b.lo);  // "" sorts first: an open start loses
  r.hi = a.hi.empty() ? b.hi : b.hi.empty() ? a.hi : std::min(a.hi, b.hi);
  return r;
}

DateRange range_from_iso(std::string_view from, std::string_view to) {
  // Slot keys are YYYYMMDDhhmmss, so digit prefixes compare as dates; the upper bound is padded
  // with 9s to the end of its day, month or year.
  auto digits = [](std::string_view d) {
    std::string s;
    for (char c : d)
      if (c >= '0' && c <= '9') s += c;
    return s;
  };
  DateRange r{digits(from), digits(to)};
  if (!r.hi.empty()) r.hi.resize(std::max<std::size_t>(r.hi.size(), 14), '9');
  return r;
}

Xapian::Query date_query(const DateRange& range) {
  const unsigned slot = contract::kSlotDate;
  if (!range.lo.empty() && !range.hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, range.lo, range.hi);
  if (!range.lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, range.lo);
  if (!range.hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, range.hi);
  return Xapian::Query::MatchAll;
}

long long key_to_seconds(std::string_view key) {
  if (key.size() < 8 || !all_digits(key.substr(0, 8))) return -1;
  auto field = [&](std::size_t at) { return key.size() >= at + 2 && all_digits(key.substr(at, 2)) ? std::stoi(std::string(key.substr(at, 2))) : 0; };
  Day d{std::stoi(std::string(key.substr(0, 4))), field(4), field(6)};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return -1;
  return days_from_civil(d) * 86400LL + field(8) * 3600LL + field(10) * 60LL + field(12);
}

}  // namespace newsindex
