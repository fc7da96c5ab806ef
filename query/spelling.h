// "Meinten Sie: …": spelling suggestions from the index's own vocabulary.
//
// A query word the index does not know (no word, stem or compound-part term), or knows from one or
// two articles only while a word one edit away is 20 times as common, is replaced by the
// best word term within edit distance 2 (1 for words of up to 5 letters), ranked by distance and
// document frequency; a compound with no such neighbour is corrected segment by segment (a known
// first segment, the rest corrected, and the other way round). No spelling table is kept in the
// index: the candidates come from a scan of the word terms with the same first letter (plus direct
// lookups of one-edit neighbours with another first letter), done only for unknown or rare words;
// the scan reads the cached vocabulary of spelling_vocabulary.h where there is one (one database,
// a cache folder), else Xapian's term list, with the same result.
// The suggestion keeps the user's capitalisation and, where the index knows it, the umlaut spelling.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analyzer.h"
#include "spelling_vocabulary.h"

namespace newsindex {

// Optimal string alignment distance (an adjacent swap counts 1) on bytes of folded words; returns
// max + 1 as soon as the distance exceeds max.
unsigned edit_distance(std::string_view a, std::string_view b, unsigned max);

class SpellingSuggester {
 public:
  SpellingSuggester(const Xapian::Database& db, Analyzer& analyzer) : db_(db), analyzer_(analyzer) {}

  // The query with each unknown word corrected; nullopt when every word is known or nothing close
  // is in the index. Operators, field values and wildcards are left alone.
  std::optional<std::string> suggest(std::string_view query);

  // The best known folded word for an unknown folded word (whole word, then per segment unless
  // whole_word_only).
  std::optional<std::string> correct_word(const std::string& folded, bool whole_word_only = false);

  // How to show a folded index word to the user who typed `typed`: the most frequent indexed
  // umlaut spelling, with the typed capitalisation.
  std::string display_form(const std::string& folded, std::string_view typed);

 private:
  // In how many articles the query word matches as a word, a stem or a compound part (the most).
  Xapian::doccount match_frequency(const Token& word) const;
  // The word has compound parts and each of them is in the index as a stem or a compound part.
  bool known_compound_parts(const WordGroup& word) const;
  std::optional<std::string> nearest(const std::string& folded, unsigned max_distance, std::size_t min_length);
  // The mapped vocabulary of db_ (spelling_vocabulary.h), loaded (or built) at the first call;
  // nullptr where there is none. Only corrections ask for it, so a query of known words never
  // builds it.
  const SpellingVocabulary* vocabulary();
  // The document frequency of an unprefixed word term, through vocabulary() where there is one
  // (spelling.cpp word_termfreq).
  Xapian::doccount word_frequency(std::string_view word);

  const Xapian::Database& db_;
  Analyzer& analyzer_;
  std::shared_ptr<const SpellingVocabulary> vocabulary_;
  bool vocabulary_loaded_ = false;
};

}  // namespace newsindex
