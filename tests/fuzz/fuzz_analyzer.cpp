// Fuzz target: the whole analysis chain (tokenise, normalise, fold, stem, split) on arbitrary
// bytes. Checks the Token invariants the indexer and the highlighter rely on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static newsindex::Analyzer analyzer;  // the lexicon loads once; the word cache persists like in a run
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::uint32_t last_position = 0;
  for (const newsindex::Token& t : analyzer.analyze(text)) {
    // Offsets inside the text, positions never going back: anything else is a bug.
    if (t.start > t.end || t.end > size || t.position < last_position) std::abort();
    last_position = t.position;
  }
  return 0;
}
