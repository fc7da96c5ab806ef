// Character-level stages of the analysis chain, shared by text and data files (stop words, lexicon).
#pragma once

#include <string>
#include <string_view>

namespace newsindex {

// NFKC, German lowercase, soft hyphens and zero-width characters removed, typographic apostrophes
// and hyphens unified to ' and -. Umlauts and ß are kept ("Übernahme" → "übernahme").
std::string normalize_text(std::string_view text);

// A code point that normalisation removes and that may stand inside a word without breaking it:
// soft hyphen, zero-width space/joiners, LRM/RLM, word joiner, BOM, combining grapheme joiner.
bool is_ignorable(char32_t c);

// The searchable spelling of a normalised word: ä→ae, ö→oe, ü→ue, ß→ss, other diacritics dropped
// (é→e), so "Übernahme" and "Uebernahme" meet while "über" and "Uber" stay apart.
std::string fold_umlauts(std::string_view normalized);

// True when a normalised word contains ä, ö or ü.
bool has_umlaut(std::string_view normalized);

// True when a folded word could be spelled two ways (contains ae, oe, ue or ss): only then is the
// exact spelling indexed as well, to rank it above the folded match.
bool has_ambiguous_folding(std::string_view folded);

}  // namespace newsindex
