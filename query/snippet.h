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
// newlines become spaces, cuts are marked with "…". A long body is analysed only in windows
// around the places where a match can stand (found by a scan_letters pass, analyzer.h), which
// gives the same passage and highlights as analysing it whole; whole_body analyses it whole (the
// reference that tests hold the windows to).
Highlighted make_snippet(std::string_view body, Analyzer& analyzer, const MatchTerms& match, std::size_t max_bytes = 260,
                         bool whole_body = false);

// How many make_snippet calls in this process (all threads) found a match their windows cannot
// explain and analysed the whole body instead: 0 unless the scan misses a kind of word (the
// equivalence test checks it).
std::size_t snippet_window_fallbacks();

// The whole text with its matches marked (for titles).
Highlighted highlight_all(std::string_view text, Analyzer& analyzer, const MatchTerms& match);

// text with each span wrapped in open/close (e.g. "[" "]" or terminal colour codes).
std::string mark(const Highlighted& h, std::string_view open, std::string_view close);

}  // namespace newsindex
