#include <catch2/catch.hpp>

#include "analyzer.h"
#include "dates.h"
#include "document_builder.h"
#include "index_contract.h"

using namespace newsindex;

TEST_CASE("normalize_date: the forms news carries", "[corpus][dates]") {
  struct Row {
    const char* input;
    const char* expected;  // "" = not a date
  };
  const Row rows[] = {
      {"2026-11-27", "2026-11-27"},
      {"2026-11-27T14:30:00", "2026-11-27T14:30:00"},
      // A zone is kept as given: the time stays local to it, the offset follows.
      {"2026-11-27T14:30:00+01:00", "2026-11-27T14:30:00+01:00"},
      {"2025-09-15T08:45:00+02:00", "2025-09-15T08:45:00+02:00"},
      {"2026-11-27T00:30:00+02:00", "2026-11-27T00:30:00+02:00"},
      {"2026-11-27T09:30:00-05:00", "2026-11-27T09:30:00-05:00"},
      {"2026-11-27T14:30+05:30", "2026-11-27T14:30:00+05:30"},
      {"2026-11-27T14:30:00Z", "2026-11-27T14:30:00Z"},
      {"2026-11-27T14:30:00z", "2026-11-27T14:30:00Z"},
      {"2026-11-27 14:30:00.123456+0000", "2026-11-27T14:30:00+00:00"},
      {"2026-11-27T14:30:00-00:00", "2026-11-27T14:30:00+00:00"},
      {"2026-11-27T14:30:00+25:00", ""},
      {"2026-11-27T14:30:00+01:75", ""},
      {"20261127", "2026-11-27"},
      {"Fri, 27 Nov 2026 14:30:00 +0100", "2026-11-27T14:30:00+01:00"},
      {"Fri, 27 Nov 2026 14:30:00 -0500", "2026-11-27T14:30:00-05:00"},
      {"Fri, 27 Nov 2026 14:30:00 GMT", "2026-11-27T14:30:00Z"},
      {"Fri, 27 Nov 2026 14:30:00 UT", "2026-11-27T14:30:00Z"},
      {"Fri, 27 Nov 2026 14:30:00 MEZ", "2026-11-27T14:30:00+01:00"},
      {"27 Jun 2026 14:30 CEST", "2026-06-27T14:30:00+02:00"},
      {"Fri, 27 Nov 2026 14:30:00", "2026-11-27T14:30:00"},
      {"27 Nov 2026", "2026-11-27"},
      {"26. November 2026", "2026-11-26"},
      {"3. März 2025", "2025-03-03"},
      {"Freitag, 27. November 2026", "2026-11-27"},
      {"26.11.2026", "2026-11-26"},
      {"26.11.2026, 14:30 Uhr", "2026-11-26T14:30:00"},
      {"  2026-01-05  ", "2026-01-05"},
      {"2026-02-30", ""},
      {"gestern", ""},
      {"", ""},
      {"2026-13-01", ""},
      {"12345", ""},
  };
  for (const Row& r : rows) {
    INFO("input: " << r.input);
    auto d = normalize_date(r.input);
    CHECK(d.value_or("") == std::string(r.expected));
    if (d) CHECK(normalize_date(*d) == d);  // stored dates read back unchanged
  }
}

TEST_CASE("normalize_date_utc: a zoned time as its UTC instant, the rest as normalize_date", "[corpus][dates]") {
  struct Row {
    const char* input;
    const char* expected;  // "" = not a date
  };
  const Row rows[] = {
      {"2026-11-27", "2026-11-27"},
      {"2026-11-27T14:30:00", "2026-11-27T14:30:00"},
      {"2026-11-27T14:30:00+01:00", "2026-11-27T13:30:00Z"},
      {"2025-09-15T08:45:00+02:00", "2025-09-15T06:45:00Z"},
      {"2026-11-27T00:30:00+02:00", "2026-11-26T22:30:00Z"},  // the previous day in UTC
      {"2026-11-27T21:30:00-05:00", "2026-11-28T02:30:00Z"},  // the next day in UTC
      {"2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"},
      {"2026-11-27T14:30:00Z", "2026-11-27T14:30:00Z"},
      {"2026-11-27 14:30:00.123456+0000", "2026-11-27T14:30:00Z"},
      {"Fri, 27 Nov 2026 14:30:00 +0100", "2026-11-27T13:30:00Z"},
      {"Fri, 27 Nov 2026 14:30:00 GMT", "2026-11-27T14:30:00Z"},
      {"26.11.2026, 14:30 Uhr", "2026-11-26T14:30:00"},
      {"gestern", ""},
  };
  for (const Row& r : rows) {
    INFO("input: " << r.input);
    CHECK(normalize_date_utc(r.input).value_or("") == std::string(r.expected));
    // The UTC form of the stored (offset-keeping) form is the same instant.
    if (auto kept = normalize_date(r.input)) CHECK(normalize_date_utc(*kept).value_or("") == std::string(r.expected));
  }
}

TEST_CASE("date_sort_key sorts like time", "[corpus][dates]") {
  CHECK(contract::date_sort_key("2026-11-27") == "20261127000000");
  CHECK(contract::date_sort_key("2026-11-27T13:30:00Z") == "20261127133000");
  CHECK(contract::date_sort_key("2026-11-27T14:30:00") == "20261127143000");  // local: as written
  CHECK(contract::date_sort_key("2025-01-01") < contract::date_sort_key("2026-01-01T00:00:00Z"));
}

TEST_CASE("date_sort_key: a zoned date is keyed by its UTC instant", "[corpus][dates]") {
  struct Row {
    const char* date;
    const char* key;
  };
  const Row rows[] = {
      {"2025-09-15T08:45:00+02:00", "20250915064500"},
      {"2026-11-27T14:30:00+01:00", "20261127133000"},
      {"2026-11-27T00:30:00+02:00", "20261126223000"},  // UTC day: the 26th
      {"2026-11-27T21:30:00-05:00", "20261128023000"},  // UTC day: the 28th
      {"2026-12-31T23:30:00-01:00", "20270101003000"},
      {"2026-11-27T14:30:00+00:00", "20261127143000"},
      {"2026-11-27T14:30:00Z", "20261127143000"},
      {"Fri, 27 Nov 2026 14:30:00 +0100", "20261127133000"},  // unnormalised input too
  };
  for (const Row& r : rows) {
    INFO("date: " << r.date);
    CHECK(contract::date_sort_key(r.date) == r.key);
  }
  // Earlier by the clock, later in time: keys follow the instant.
  CHECK(contract::date_sort_key("2026-11-27T08:00:00-05:00") > contract::date_sort_key("2026-11-27T12:00:00+01:00"));
}

TEST_CASE("an article indexes the same date key and Y/M/D terms whether its date kept the offset or not",
          "[corpus][dates][indexer]") {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  // What the readers stored before dates kept their offset (UTC) and what they store now.
  for (const char* raw : {"2026-11-27T00:30:00+02:00", "Fri, 27 Nov 2026 08:45:00 +0100", "2026-11-27T23:30:00-05:00",
                          "2026-11-27T12:00:00Z"}) {
    INFO("date: " << raw);
    Article before, after;
    before.id = after.id = "d1";
    before.body = after.body = "Ein kurzer Text.";
    before.date = normalize_date_utc(raw).value();
    after.date = normalize_date(raw).value();
    const Xapian::Document b = builder.build(before), a = builder.build(after);
    CHECK(a.get_value(contract::kSlotDate) == b.get_value(contract::kSlotDate));
    auto date_terms = [](const Xapian::Document& doc) {
      std::vector<std::string> out;
      for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if ((*it).starts_with(contract::kYear) || (*it).starts_with(contract::kMonth) || (*it).starts_with(contract::kDay))
          out.push_back(*it);
      return out;
    };
    CHECK(date_terms(a) == date_terms(b));
    CHECK(date_terms(a).size() == 3);
  }
  // The day boundary: 00:30 at +02:00 is filed under the previous (UTC) day.
  Article late;
  late.id = "d2";
  late.body = "Ein kurzer Text.";
  late.date = normalize_date("2026-11-27T00:30:00+02:00").value();
  const Xapian::Document doc = builder.build(late);
  CHECK(doc.get_value(contract::kSlotDate) == "20261126223000");
  CHECK(doc.termlist_count() > 0);
  std::vector<std::string> days;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
    if ((*it).starts_with("D2")) days.push_back(*it);
  CHECK(days == std::vector<std::string>{"D20261126"});
}
