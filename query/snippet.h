// Highlighted snippets: the best passage of a body, with the matched words (or the matched part
// inside a compound) marked by byte ranges.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer.h"
#include "query_parser.h"

namespace newsindex {

struct Highlighted {
  std::string text;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;  // byte ranges of text to mark, sorted
};

// The passage of at most about max_bytes with the most distinct matches (the start when none);
// newlines become spaces, cuts are marked with "…".
Highlighted make_snippet(std::string_view body, Analyzer& analyzer, const MatchTerms& match, std::size_t max_bytes = 260);

// The whole text with its matches marked (for titles).
Highlighted highlight_all(std::string_view text, Analyzer& analyzer, const MatchTerms& match);

// text with each span wrapped in open/close (e.g. "[" "]" or terminal colour codes).
std::string mark(const Highlighted& h, std::string_view open, std::string_view close);

}  // namespace newsindex
