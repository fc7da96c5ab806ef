// Search-as-you-type: completions of a query's last word from the index's own vocabulary.
//
// The word terms (folded, so "Übern" and "Uebern" complete alike) that start with the typed word,
// most frequent first; "Klimaschu" → Klimaschutz, Klimaschutzgesetz. Compound-aware: when fewer
// than the limit are found and the typed word starts with a known word, the rest is completed
// on its own and joined to it ("Klimaschutzgipf" → Klimaschutzgipfel even when only "gipfel"
// is indexed), as the query side splits compounds anyway. Bounded: at most kMaxScannedTerms
// vocabulary entries are read per prefix.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analyzer.h"

namespace newsindex {

// One completion: the completed word as shown, the whole query with it, and its document frequency.
struct Completion {
  std::string word;             // the completed last word, in the indexed spelling and the typed capitalisation
  std::string query;            // the whole query with the last word completed
  std::uint64_t articles = 0;   // articles holding the word
};

// Vocabulary entries read per prefix at most (keeps a two-letter prefix cheap on a large index).
inline constexpr std::size_t kMaxScannedTerms = 20000;

// Up to `limit` completions of the last word of `query` (none when it ends in a space or the
// word has fewer than two letters); the words before it and any +, -, ", ( or field: before the
// word are kept in Completion::query.
std::vector<Completion> complete_last_word(const Xapian::Database& db, Analyzer& analyzer, std::string_view query,
                                           std::size_t limit);

}  // namespace newsindex
