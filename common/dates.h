// Dates as news carries them, normalised to ISO 8601.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsindex {

// Understands ISO 8601 (with or without time and zone), RFC 822 ("Fri, 27 Nov 2026 14:30:00 +0100",
// RSS) and German forms ("26. November 2026", "26.11.2026, 14:30 Uhr"). Returns
// "YYYY-MM-DDThh:mm:ssZ" when a zone was given (converted to UTC), "YYYY-MM-DDThh:mm:ss" for a
// local time, "YYYY-MM-DD" for a date only; nullopt when the text is not a date it understands.
std::optional<std::string> normalize_date(std::string_view text);

}  // namespace newsindex
