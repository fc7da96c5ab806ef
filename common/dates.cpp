#include "dates.h"

#include <array>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

namespace newsindex {

namespace {

struct Parts {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool has_time = false, has_zone = false;
  bool zone_is_utc_name = false;  // written as Z, UT, UTC or GMT (not as a numeric offset)
  int zone_minutes = 0;  // offset east of UTC
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  void skip_spaces() {
    while (!done() && (std::isspace(static_cast<unsigned char>(s_[i_])) || s_[i_] == ',')) ++i_;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // Exactly `min..max` digits.
  bool number(int min, int max, int* out) {
    std::size_t start = i_;
    int v = 0;
    while (!done() && std::isdigit(static_cast<unsigned char>(s_[i_])) && i_ - start < static_cast<std::size_t>(max)) {
      v = v * 10 + (s_[i_] - '0');
      ++i_;
    }
    if (i_ - start < static_cast<std::size_t>(min)) {
      i_ = start;
      return false;
    }
    *out = v;
    return true;
  }
  std::string_view word() {
    std::size_t start = i_;
    while (!done() && (std::isalpha(static_cast<unsigned char>(s_[i_])) || static_cast<unsigned char>(s_[i_]) >= 0x80)) ++i_;
    return s_.substr(start, i_ - start);
  }
  std::string_view rest() const { return s_.substr(std::min(i_, s_.size())); }
  std::size_t pos() const { return i_; }
  void seek(std::size_t p) { i_ = p; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int month_from_name(std::string_view name) {
  std::string n = lower(name);
  if (n.size() > 1 && n.back() == '.') n.pop_back();
  static constexpr std::array<std::array<std::string_view, 4>, 12> kNames{{
      {"januar", "jan", "january", "jänner"},
      {"februar", "feb", "february", "feber"},
      {"märz", "mär", "march", "mar"},
      {"april", "apr", "", ""},
      {"mai", "may", "", ""},
      {"juni", "jun", "june", ""},
      {"juli", "jul", "july", ""},
      {"august", "aug", "", ""},
      {"september", "sep", "sept", ""},
      {"oktober", "okt", "october", "oct"},
      {"november", "nov", "", ""},
      {"dezember", "dez", "december", "dec"},
  }};
  // "März" arrives as UTF-8 "m\xc3\xa4rz"; tolower leaves the umlaut as it is.
  for (int m = 0; m < 12; ++m)
    for (std::string_view candidate : kNames[m])
      if (!candidate.empty() && n == candidate) return m + 1;
  if (n == "maerz") return 3;
  return 0;
}

bool parse_time(Scanner& sc, Parts& p) {
  std::size_t at = sc.pos();
  if (!sc.number(1, 2, &p.hour)) return false;
  if (!sc.eat(':') && !sc.eat('.')) {
    sc.seek(at);
    return false;
  }
  if (!sc.number(2, 2, &p.minute)) {
    sc.seek(at);
    return false;
  }
  if (sc.eat(':')) sc.number(2, 2, &p.second);
  if (sc.eat('.') || sc.eat(',')) {  // fractional seconds
    int ignored;
    sc.number(1, 9, &ignored);
  }
  p.has_time = true;
  return true;
}

bool parse_zone(Scanner& sc, Parts& p) {
  sc.skip_spaces();
  char c = sc.peek();
  if (c == 'Z' || c == 'z') {
    sc.eat(c);
    p.has_zone = p.zone_is_utc_name = true;
    return true;
  }
  if (c == '+' || c == '-') {
    sc.eat(c);
    int h = 0, m = 0;
    if (!sc.number(2, 2, &h)) return false;
    sc.eat(':');
    sc.number(2, 2, &m);
    if (h > 23 || m > 59) return false;
    p.zone_minutes = (c == '+' ? 1 : -1) * (h * 60 + m);
    p.has_zone = true;
    return true;
  }
  std::string_view w = sc.word();
  std::string z = lower(w);
  if (z == "gmt" || z == "ut" || z == "utc") {
    p.has_zone = p.zone_is_utc_name = true;
    return true;
  }
  static constexpr std::array<std::pair<std::string_view, int>, 10> kZones{{
      {"cet", 60}, {"mez", 60}, {"cest", 120}, {"mesz", 120}, {"est", -300},
      {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"pst", -480}, {"pdt", -420},
  }};
  for (auto [name, off] : kZones)
    if (z == name) {
      p.zone_minutes = off;
      p.has_zone = true;
      return true;
    }
  return z.empty() || z == "uhr";
}

bool valid(const Parts& p) {
  if (p.year < 1800 || p.year > 2200 || p.month < 1 || p.month > 12 || p.day < 1) return false;
  using namespace std::chrono;
  year_month_day ymd{year{p.year}, month{static_cast<unsigned>(p.month)}, day{static_cast<unsigned>(p.day)}};
  return ymd.ok() && p.hour < 24 && p.minute < 60 && p.second < 61;
}

// The date as given ("…T08:45:00+02:00", "…Z" for a zone named UTC/GMT/Z) or, with `utc`, a zoned
// time converted to UTC ("…T06:45:00Z"). Local times and dates without a time are the same either way.
std::string format(Parts p, bool utc) {
  if (!p.has_time) return fmt::format("{:04}-{:02}-{:02}", p.year, p.month, p.day);
  if (!p.has_zone)
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", p.year, p.month, p.day, p.hour, p.minute, p.second);
  p.second = std::min(p.second, 59);  // a leap second is the second before it, as the UTC key has always had it
  if (!utc) {
    if (p.zone_is_utc_name)
      return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", p.year, p.month, p.day, p.hour, p.minute, p.second);
    const int off = p.zone_minutes < 0 ? -p.zone_minutes : p.zone_minutes;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", p.year, p.month, p.day, p.hour, p.minute,
                       p.second, p.zone_minutes < 0 ? '-' : '+', off / 60, off % 60);
  }
  using namespace std::chrono;
  sys_days d{year{p.year} / month{static_cast<unsigned>(p.month)} / day{static_cast<unsigned>(p.day)}};
  sys_seconds t = d + hours{p.hour} + minutes{p.minute} + seconds{p.second} - minutes{p.zone_minutes};
  sys_days day_part = floor<days>(t);
  year_month_day ymd{day_part};
  hh_mm_ss hms{t - day_part};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::optional<Parts> finish(Scanner& sc, Parts& p) {
  sc.skip_spaces();
  if (!sc.done() && (std::isdigit(static_cast<unsigned char>(sc.peek())))) parse_time(sc, p);
  if (p.has_time && !parse_zone(sc, p)) return std::nullopt;
  sc.skip_spaces();
  if (!sc.done()) return std::nullopt;
  if (!valid(p)) return std::nullopt;
  return p;
}

// 2026-11-27, 2026-11-27T14:30:00+01:00, 2026-11-27 14:30:00, 20261127
std::optional<Parts> parse_iso(std::string_view s) {
  Scanner sc(s);
  Parts p;
  if (!sc.number(4, 4, &p.year)) return std::nullopt;
  if (sc.eat('-')) {
    if (!sc.number(1, 2, &p.month) || !sc.eat('-') || !sc.number(1, 2, &p.day)) return std::nullopt;
  } else if (!sc.number(2, 2, &p.month) || !sc.number(2, 2, &p.day)) {
    return std::nullopt;
  }
  if (sc.eat('T') || sc.eat('t') || sc.eat(' ')) {
    if (!parse_time(sc, p)) return std::nullopt;
  }
  return finish(sc, p);
}

// 27.11.2026 [, 14:30 Uhr]  and  27. November 2026
std::optional<Parts> parse_german(std::string_view s) {
  Scanner sc(s);
  Parts p;
  sc.skip_spaces();
  std::size_t at = sc.pos();
  std::string_view weekday = sc.word();  // "Freitag, 27. November 2026"
  if (weekday.empty()) sc.seek(at);
  sc.skip_spaces();
  if (!sc.number(1, 2, &p.day) || !sc.eat('.')) return std::nullopt;
  sc.skip_spaces();
  if (!sc.number(1, 2, &p.month)) {
    p.month = month_from_name(sc.word());
    if (!p.month) return std::nullopt;
    sc.eat('.');
  } else if (!sc.eat('.')) {
    return std::nullopt;
  }
  sc.skip_spaces();
  if (!sc.number(4, 4, &p.year)) {
    int yy;
    if (!sc.number(2, 2, &yy)) return std::nullopt;
    p.year = yy < 70 ? 2000 + yy : 1900 + yy;
  }
  sc.skip_spaces();
  std::string_view um = sc.rest();
  if (um.starts_with("um ")) sc.seek(sc.pos() + 3);
  return finish(sc, p);
}

// Fri, 27 Nov 2026 14:30:00 +0100  /  27 November 2026  /  November 27, 2026
std::optional<Parts> parse_rfc822(std::string_view s) {
  Scanner sc(s);
  Parts p;
  sc.skip_spaces();
  std::size_t at = sc.pos();
  std::string_view first = sc.word();
  if (!first.empty() && month_from_name(first)) {  // "November 27, 2026"
    p.month = month_from_name(first);
    sc.skip_spaces();
    if (!sc.number(1, 2, &p.day)) return std::nullopt;
    sc.skip_spaces();
    if (!sc.number(4, 4, &p.year)) return std::nullopt;
    return finish(sc, p);
  }
  if (first.empty()) sc.seek(at);
  sc.skip_spaces();
  if (!sc.number(1, 2, &p.day)) return std::nullopt;
  sc.skip_spaces();
  p.month = month_from_name(sc.word());
  if (!p.month) return std::nullopt;
  sc.skip_spaces();
  if (!sc.number(4, 4, &p.year)) {
    int yy;
    if (!sc.number(2, 2, &yy)) return std::nullopt;
    p.year = yy < 70 ? 2000 + yy : 1900 + yy;
  }
  return finish(sc, p);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<Parts> parse_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 80) return std::nullopt;
  if (auto r = parse_iso(text)) return r;
  if (auto r = parse_german(text)) return r;
  if (auto r = parse_rfc822(text)) return r;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> normalize_date(std::string_view text) {
  auto p = parse_date(text);
  if (!p) return std::nullopt;
  return format(*p, false);
}

std::optional<std::string> normalize_date_utc(std::string_view text) {
  auto p = parse_date(text);
  if (!p) return std::nullopt;
  return format(*p, true);
}


}  // namespace newsindex
