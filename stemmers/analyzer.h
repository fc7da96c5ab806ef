// The German analysis chain: one Analyzer serves the indexer and the query side, so the terms a
// query looks for are exactly the terms the indexer wrote.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer.h"

namespace newsindex {

class CompoundLexicon;
class WordCache;

// Switches of the chain; every one is part of the fingerprint recorded in the index.
struct AnalyzerOptions {
  std::string lexicon_path;     // German word list; empty = default_lexicon_path()
  bool split_compounds = true;  // index and search compound parts
  bool fold_umlauts = true;     // ä=ae, ö=oe, ü=ue, ß=ss
  bool stem = true;             // Snowball German stems
};

// One token of analysed text. The string views stay valid until the next analyze() call on the
// same Analyzer (they point into its word cache or into the analysed text).
struct Token {
  std::string_view surface;  // the bytes of the analysed text [start, end)
  std::string_view exact;    // normalised: NFKC, lowercase, umlauts kept, hyphens/markers removed
  std::string_view folded;   // umlauts folded: the word term ("uebernahme")
  std::string_view stem;     // Snowball German stem of folded; empty for stop words, numbers, URLs
  std::uint32_t position = 0;
  std::uint32_t start = 0, end = 0;  // byte offsets into the analysed text
  TokenKind kind = TokenKind::Word;
  bool stop = false;
};

class Analyzer {
 public:
  // Loads the lexicon (once per process and path); throws std::runtime_error naming a missing file.
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Runs the whole chain: tokenise → normalise → stop words → fold → stem → split compounds.
  // Parts and variants follow their word, at its position.
  std::vector<Token> analyze(std::string_view text, std::uint32_t first_position = 1);

  // A stable description of the chain and its data (options, stop list and lexicon hashes).
  std::string fingerprint() const;

  const AnalyzerOptions& options() const { return options_; }

  // $NEWSINDEX_LEXICON, else the word list chosen at build time (/usr/share/dict/ngerman).
  static std::string default_lexicon_path();

 private:
  AnalyzerOptions options_;
  std::shared_ptr<const CompoundLexicon> lexicon_;
  std::unique_ptr<WordCache> cache_;
};

}  // namespace newsindex
