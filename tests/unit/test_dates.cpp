#include <catch2/catch.hpp>

#include "dates.h"
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
      {"2026-11-27T14:30:00+01:00", "2026-11-27T13:30:00Z"},
      {"2026-11-27T00:30:00+02:00", "2026-11-26T22:30:00Z"},
      {"2026-11-27T14:30:00Z", "2026-11-27T14:30:00Z"},
      {"2026-11-27 14:30:00.123456+0000", "2026-11-27T14:30:00Z"},
      {"20261127", "2026-11-27"},
      {"Fri, 27 Nov 2026 14:30:00 +0100", "2026-11-27T13:30:00Z"},
      {"Fri, 27 Nov 2026 14:30:00 GMT", "2026-11-27T14:30:00Z"},
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
  }
}

TEST_CASE("date_sort_key sorts like time", "[corpus][dates]") {
  CHECK(contract::date_sort_key("2026-11-27") == "20261127000000");
  CHECK(contract::date_sort_key("2026-11-27T13:30:00Z") == "20261127133000");
  CHECK(contract::date_sort_key("2025-01-01") < contract::date_sort_key("2026-01-01T00:00:00Z"));
}
