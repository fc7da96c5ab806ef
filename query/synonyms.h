// Synonyms from OpenThesaurus (Debian openthesaurus-de-text), applied in the query path only: a
// query word also finds its synonyms, weighted well below the word itself. The index is unchanged.
//
// Curated so that ambiguous entries do not flood results: only single words; entries marked
// colloquial, vulgar, derogatory, archaic, figurative, regional or technical are skipped; a word
// in more than max_synsets synsets is too ambiguous to expand (or to be an expansion); stop words
// are skipped; at most max_expansions synonyms per word. Every entry passes through the same
// Analyzer as text (normalised, folded, stemmed), so lookups are by stem.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <cstdint>
#include <vector>

#include <xapian.h>

#include "analyzer.h"
#include "query_parser.h"

namespace newsindex {

struct SynonymOptions {
  std::size_t max_synsets = 2;     // words in more synsets are ambiguous: not expanded, not used
  std::size_t max_expansions = 4;  // synonyms per query word
};

struct Synonym {
  std::string folded, stem;
};

class Thesaurus {
 public:
  Thesaurus() = default;
  // Reads OpenThesaurus text format ("word;word;…" per line, # comments). Throws
  // std::runtime_error naming the file when it cannot be read.
  static Thesaurus load(const std::string& path, Analyzer& analyzer, SynonymOptions options = {});
  static Thesaurus parse(std::istream& in, Analyzer& analyzer, SynonymOptions options = {});

  // $NEWSINDEX_THESAURUS, else /usr/share/openthesaurus-de/openthesaurus.txt.
  static std::string default_path();

  // The synonyms of a word by its stem (its folded form when it has no stem); empty when none.
  std::vector<Synonym> lookup(std::string_view stem_or_folded) const;
  // How many words have synonyms (counts the lines: for tests and statistics, not lookups).
  std::size_t words() const;

  // The curated, analysed form as sorted lines "key<TAB>folded stem<TAB>…", and back: the
  // start-up cache. Lookups binary-search the bytes, so nothing is indexed on reading.
  void write_compact(std::ostream& out) const { out << text(); }
  static Thesaurus read_compact(std::istream& in);
  // The compact form of a cache file, memory-mapped (pages are read only where lookups land);
  // an empty Thesaurus with ok false when the file cannot be mapped.
  static Thesaurus map_compact(const std::string& path, bool* ok);

 private:
  void own(std::string data);
  std::string_view text() const { return mapping_ ? mapped_ : std::string_view(data_); }
  std::string data_;                     // sorted lines when owned
  std::shared_ptr<const void> mapping_;  // the mapped cache file otherwise
  std::string_view mapped_;              // its bytes
};

// Weight of a synonym match relative to the typed word.
inline constexpr double kSynonymWeight = 0.3;
// Synonyms in more than this share of the documents are too common to add anything.
inline constexpr double kMaxSynonymDocShare = 0.05;

// The thesaurus of a path, loaded on first use: a query without words never pays for it. The
// curated form is cached in $XDG_CACHE_HOME/newsindex (else ~/.cache/newsindex), keyed by the file's
// path, size and time and the analysis fingerprint: analysing the whole thesaurus takes seconds,
// reading the cache milliseconds.
class SynonymSource {
 public:
  SynonymSource(std::string path, Analyzer& analyzer) : path_(std::move(path)), analyzer_(analyzer) {}
  // The thesaurus, or nullptr when it cannot be read (problem() says why).
  const Thesaurus* get();
  const std::string& problem() const { return problem_; }

 private:
  std::string path_;
  Analyzer& analyzer_;
  std::string cache_path() const;
  bool tried_ = false;
  Thesaurus thesaurus_;
  std::string problem_;
};

// The query expansion for QueryBuilder: the synonyms of a word that occur in db, each as its word
// or stem term, together scaled by kSynonymWeight; their stems are added to match for highlighting.
WordExpansion synonym_expansion(const Thesaurus& thesaurus, const Xapian::Database& db);
// The same, loading the thesaurus from source at the first word that is expanded.
WordExpansion synonym_expansion(SynonymSource& source, const Xapian::Database& db);

}  // namespace newsindex
