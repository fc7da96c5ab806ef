// The lines `newsindex add` shows: a progress line for terminals and the one-line summary.
#pragma once

#include <string>

#include "indexing_run.h"

namespace newsindex {

// "12,000 articles · 850 articles/s · 5.1 MB/s · 38% · ETA 1:12" (no ETA when the input size
// is unknown, e.g. stdin; rates over the whole run so far).
std::string format_progress(const IndexingSummary& progress);

// "indexed N articles (A new, R replaced), skipped S, warnings W in T s (X MB/s); DB now holds M articles"
std::string format_summary(const IndexingSummary& summary, const std::string& db_path);

}  // namespace newsindex
