// Dates as news carries them, normalised to ISO 8601.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsindex {

// Understands ISO 8601 (with or without time and zone), RFC 822 ("Fri, 27 Nov 2026 14:30:00 +0100",
// RSS) and German forms ("26. November 2026", "26.11.2026, 14:30 Uhr"). Returns the time as the
// source gave it, with its zone: "YYYY-MM-DDThh:mm:ss+hh:mm" (or -hh:mm) for a numeric offset or a
// named zone (CET, MESZ, EST …, as its offset), "YYYY-MM-DDThh:mm:ssZ" for Z, UT, UTC or GMT;
// "YYYY-MM-DDThh:mm:ss" for a local time, "YYYY-MM-DD" for a date only; nullopt when the text is
// not a date it understands. Its own output reads back unchanged. A leap second (:60) becomes :59
// in a zoned time.
std::optional<std::string> normalize_date(std::string_view text);

// The same, with a zoned time converted to UTC: "YYYY-MM-DDThh:mm:ssZ" (the instant; the offset is
// gone). Local times and dates are returned as normalize_date returns them. What the index's date
// key, the Y/M/D terms and the date filters are made of (contract::date_sort_key).
std::optional<std::string> normalize_date_utc(std::string_view text);

}  // namespace newsindex
