#include "analysis_env.h"

#include <cstdlib>
#include <string>

#include "errors.h"

namespace newsindex {

AnalyzerOptions analyzer_options_from_switches(std::string_view switches) {
  AnalyzerOptions options;
  std::size_t start = 0;
  while (start <= switches.size()) {
    std::size_t comma = switches.find(',', start);
    if (comma == std::string_view::npos) comma = switches.size();
    std::string_view name = switches.substr(start, comma - start);
    if (name == "no-compounds") options.split_compounds = false;
    else if (name == "no-fold") options.fold_umlauts = false;
    else if (name == "no-stem") options.stem = false;
    else if (name == "hyphen-parts") options.hyphen_segments_as_words = false;
    else if (name == "light-stem") options.light_stem = true;
    else if (!name.empty())
      throw UsageError("NEWSINDEX_ANALYSIS: unknown switch \"" + std::string(name) +
                       "\" (valid: no-compounds, no-fold, no-stem, hyphen-parts, light-stem, comma-separated)");
    start = comma + 1;
  }
  return options;
}

AnalyzerOptions analyzer_options_from_env() {
  const char* value = std::getenv("NEWSINDEX_ANALYSIS");
  return analyzer_options_from_switches(value ? value : "");
}

}  // namespace newsindex
