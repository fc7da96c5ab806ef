// Result formatters: human (terminal colours or [plain] markers), JSON, TREC run lines.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "searcher.h"

namespace newsindex {

// Ranked list for people; colour=true marks matches with terminal bold/colour, else [brackets].
std::string format_human(const SearchResults& results, bool colour);

// The JSON object of one query:
// {"query","parsed","total","total_lower","total_upper","warnings","results":[{"rank","id","score",
//  "title","date","source","url","category","agency","snippet","highlights","title_highlights","duplicates"}],
//  "suggestion"}
// "total" is exact when "total_lower" == "total_upper"; otherwise (a large result set with story
// collapsing) it is Xapian's estimate within those bounds, and the human format says "about".
// Highlights are [start,end) ranges in Unicode code points of the snippet or title. "duplicates"
// lists the collapsed copies of the result's story as [{"id","source"}]; "suggestion" is the
// corrected query ("Meinten Sie") or null.
// With --facets: "facets": {"source": {"elbpost.de": 12, …}, …}, most frequent first (hence
// ordered_json); with --explain: "explain": {"ranking","words":[{"text","use","tokens","terms"}]}
// and per result "explain": [{"word","role","score"}].
nlohmann::ordered_json to_json(const SearchResults& results);

// TREC run lines: "QUERY_ID Q0 DOC_ID RANK SCORE RUN_NAME".
std::string format_trec(const SearchResults& results, const std::string& query_id, const std::string& run_name);

}  // namespace newsindex
