// Analysis switches from the environment, for ablation benchmarks: NEWSINDEX_ANALYSIS is a
// comma-separated list of no-compounds, no-fold, no-stem, hyphen-parts, light-stem. The switches
// enter the fingerprint, so an index built with them can only be searched with the same setting.
#pragma once

#include "analyzer.h"

namespace newsindex {

// Parses a switch list ("" = the defaults); throws UsageError naming a bad switch and the valid ones.
AnalyzerOptions analyzer_options_from_switches(std::string_view switches);

// analyzer_options_from_switches($NEWSINDEX_ANALYSIS), the defaults when unset.
AnalyzerOptions analyzer_options_from_env();

}  // namespace newsindex
