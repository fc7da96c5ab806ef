// The German analysis chain: one Analyzer serves the indexer and the query side, so the terms a
// query looks for are exactly the terms the indexer wrote.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
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
  // Savoy's light stemmer (light_stemmer.h) instead of Snowball, with the same fixes; an ablation
  // variant (NEWSINDEX_ANALYSIS=light-stem), measured in the README's ranking section.
  bool light_stem = false;
  // Segments of a hyphenated word ("US-Präsident" → us, präsident) are ordinary words (word and
  // stem terms at the word's position) instead of compound parts; off = chain v2's parts.
  bool hyphen_segments_as_words = true;
};

// One token of analysed text. The string views stay valid as long as the Analysis that holds the
// token (they point into the analyzer's word cache, kept alive by the Analysis) and, for surface,
// as long as the analysed text.
struct Token {
  std::string_view surface;  // the bytes of the analysed text [start, end)
  std::string_view exact;    // normalised: NFKC, lowercase, umlauts kept, hyphens/markers removed
  std::string_view folded;   // umlauts folded: the word term ("uebernahme")
  std::string_view stem;     // Snowball German stem of folded; empty for stop words, numbers, URLs
  std::string_view base_stem;  // stem with ä/ö/ü as a/o/u ("arzt" for "Ärzte"); empty when the same
  std::uint32_t position = 0;
  std::uint32_t start = 0, end = 0;  // byte offsets into the analysed text
  TokenKind kind = TokenKind::Word;
  bool stop = false;
  bool segment = false;  // a part that is a hyphen segment counting as a word of its own
};

// A word with what belongs to it: its variants ("Politiker" for "Politiker*innen") and its
// compound parts (hyphen segments and lexicon splits), all at the word's position. The one place
// that decides which parts belong to which word: every consumer reads it from here. A part with
// `segment` set (AnalyzerOptions::hyphen_segments_as_words) also counts as an ordinary word.
struct WordGroup {
  const Token& word;
  std::span<const Token> variants;
  std::span<const Token> parts;
  // The word, its variants and its parts as they stand in the Analysis (contiguous).
  std::span<const Token> tokens() const { return {&word, 1 + variants.size() + parts.size()}; }
};

// The result of Analyzer::analyze: tokens in text order, each word followed by its variants, then
// its parts. Owns what the tokens' views point into (except the analysed text itself).
class Analysis {
 public:
  Analysis() = default;
  Analysis(std::vector<Token> tokens, std::shared_ptr<const void> owner)
      : tokens_(std::move(tokens)), owner_(std::move(owner)) {}

  // Every token, words, variants and parts, as a flat list (token_format.h, MinHash shingles).
  const std::vector<Token>& tokens() const { return tokens_; }
  std::vector<Token>::const_iterator begin() const { return tokens_.begin(); }
  std::vector<Token>::const_iterator end() const { return tokens_.end(); }
  std::size_t size() const { return tokens_.size(); }
  bool empty() const { return tokens_.empty(); }
  const Token& operator[](std::size_t i) const { return tokens_[i]; }

  // The words, each with its variants and parts (a leading variant or part without a word, which
  // the chain never makes, would be skipped).
  std::vector<WordGroup> words() const;

 private:
  std::vector<Token> tokens_;
  std::shared_ptr<const void> owner_;  // the word-cache generation the views point into
};

// Whether a word needs its stems, variants and parts; called with the word's folded form.
using WordFilter = std::function<bool(std::string_view folded)>;

// Where analysis may start or stop inside a text without changing any token, variant or part on
// either side (snippets analyse windows of a body, query/snippet.cpp): 0, the text's end, or a
// space, tab or newline between two ASCII letters or digits whose neighbouring words are no
// coordinating conjunction ("und", "oder", "bis", "sowie"). Such a byte lies inside no token (only
// an abbreviation holds a space, and only after a dot: tokenizer.cpp) and inside no coordination
// ellipsis (its gaps follow a hyphen, comma, slash or conjunction: Analyzer::complete_ellipses).
std::size_t analysis_cut_before(std::string_view text, std::size_t at);  // the last cut <= at
std::size_t analysis_cut_after(std::string_view text, std::size_t at);   // the first cut >= at

// A text's letters and digits as the chain's folded forms spell them, for finding cheaply where a
// word's folded form can contain a given string: ASCII lowercased, ä ö ü ß folded as
// AnalyzerOptions::fold_umlauts folds them (Ä Ö Ü lowercased), punctuation, hyphens, apostrophes,
// quotes, dashes and invisible characters dropped (normalisation drops or keeps them: either way
// not a letter), spaces kept as one ' ' (except a space after a dot, which an abbreviation may
// hold). So for every token without an unknown character, letters_of(folded form) is a substring
// of the scan at the token's offsets, and a string contained in a folded form is found there
// after letters_of.
struct LetterScan {
  std::string letters;                      // the projection
  std::vector<std::uint32_t> offsets;       // byte offset in the text of each byte of letters
  // Offsets of what a scan cannot judge, whose word must be analysed whatever it contains: any
  // other non-ASCII character (é, ſ, combining marks: normalisation may change it), and a hyphen
  // at a word's edge next to a space, comma or slash (a coordination ellipsis: "Kinder- und").
  std::vector<std::uint32_t> must_analyse;
};
LetterScan scan_letters(std::string_view text, bool fold_umlauts);
// The same projection of a folded form or any other string (the needles searched in a LetterScan).
std::string letters_of(std::string_view text, bool fold_umlauts);

class Analyzer {
 public:
  // Loads the lexicon (once per process and path); throws EnvironmentError naming a missing file.
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Runs the whole chain: tokenise → normalise → stop words → fold → stem → split compounds.
  // Variants, then parts, follow their word, at its position: a gender form's masculine form and
  // a truncated word's completion ("Ein-" in "Ein- und Ausreise" has the variant "Einreise").
  // Not thread-safe (one per thread).
  Analysis analyze(std::string_view text, std::uint32_t first_position = 1);
  // The same tokens and positions, but a word needs_stems rejects keeps its normalised forms only
  // (exact, folded, stop; empty stem and base stem, no variants or parts); a truncated word's
  // completion is analysed in full. Saves stemming and compound splitting where a consumer
  // (snippets) knows which words cannot matter.
  Analysis analyze(std::string_view text, const WordFilter& needs_stems, std::uint32_t first_position = 1);

  // Like analyze(text, needs_stems), but a plain word (ASCII letters, digits and hyphens, ä, ö, ü,
  // ß) that needs_stems rejects and that is no truncated word with a completion is judged from its
  // surface, without the word cache, and keeps only its surface, offsets, kind and position (empty
  // forms). For consumers that only look for matches and word boundaries (snippets): a long text
  // with few matches is then mostly just tokenised.
  Analysis analyze_matching(std::string_view text, const WordFilter& needs_stems, std::uint32_t first_position = 1);

  // A stable description of the chain and its data (options, stop list and lexicon hashes).
  std::string fingerprint() const;

  const AnalyzerOptions& options() const { return options_; }

  // $NEWSINDEX_LEXICON, else the word list chosen at build time (/usr/share/dict/ngerman).
  static std::string default_lexicon_path();

 private:
  Analysis analyze_with(std::string_view text, const WordFilter* needs_stems, std::uint32_t first_position,
                        bool bare_unmatched = false);
  std::vector<std::string> complete_ellipses(std::string_view text, const std::vector<RawToken>& raw) const;

  AnalyzerOptions options_;
  std::shared_ptr<const CompoundLexicon> lexicon_;
  std::unique_ptr<WordCache> cache_;
};

}  // namespace newsindex
