// What `newscorpus train` learns from a real corpus and `newscorpus synth` imitates: vocabulary
// with bigram statistics (separately for bodies and titles), length distributions, burstiness,
// vocabulary growth, near-duplicate rate, sources, categories and dates.
//
// File format (version 1): a zstd-compressed UTF-8 text (plain text is read too), one record per
// line, fields separated by tabs, strings with \t \n \\ escaped:
//   newscorpus-model <TAB> 1                          first line, always
//   <key> <TAB> <value>...                            scalars (articles, duplicate_rate, heaps, ...)
//   quantiles <TAB> <name> <TAB> <v0> <v1> ...        evenly spaced quantiles of a length
//   month <TAB> YYYY-MM <TAB> <articles>              date spread
//   source <TAB> <source> <TAB> <category> <TAB> <articles>
//   lm <TAB> body|title <TAB> <words> <TAB> <contexts>   then <words> lines "w <word> <count>" (the
//     id is the line's order; 0 is sentence start, 1 is end without punctuation) and <contexts>
//     lines "c <id> <followers> <id> <count> <id> <count> ..." (bigrams kept after pruning;
//     <followers> counts all, so the share pruned is known)
//   end                                               last line, always (a cut file is detected)
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "errors.h"

namespace newsindex::synth {

// A model file that cannot be read, is not a model, or is damaged; what() names the file.
class ModelError : public InputError {
 public:
  using InputError::InputError;
};

// An empirical distribution kept as evenly spaced quantiles (minimum, ..., maximum).
struct Quantiles {
  std::vector<double> points;
  // Quantiles of `values` (any order; empty gives empty), `count` points.
  static Quantiles of(std::vector<double> values, std::size_t count);
  // A draw by linear interpolation between neighbouring quantiles; u uniform in [0, 1).
  double at(double u) const;
  double mean() const;
};

// A bigram model over tokens (words and punctuation runs, see synth_text.h) with unigram backoff.
struct LanguageModel {
  static constexpr std::uint32_t kBegin = 0;  // context at the start of a sentence or title
  static constexpr std::uint32_t kEnd = 1;    // a paragraph or title ended without punctuation
  std::vector<std::string> words;             // by id
  std::vector<std::uint64_t> counts;          // by id: occurrences (kEnd: endings, kBegin: 0)
  std::vector<std::uint64_t> followers;       // by id: how often anything followed it
  std::vector<std::uint32_t> successor_begin; // by id, one more entry: range in successor_*
  std::vector<std::uint32_t> successor_ids;
  std::vector<std::uint32_t> successor_counts;
};

struct SynthModel {
  static constexpr int kFormatVersion = 1;
  std::uint64_t articles = 0;             // trained on
  std::string trained_on;                 // input file names, comma-separated
  LanguageModel body, title;
  Quantiles body_words, title_words, paragraph_sentences;
  std::string paragraph_separator = "\n\n";
  std::uint64_t body_tokens = 0;          // word tokens in all bodies
  std::uint64_t hapax_words = 0;          // body words seen once
  double heaps_k = 0, heaps_beta = 0;     // distinct body words = k * tokens^beta
  double duplicate_rate = 0;              // share of articles whose body prefix repeats an earlier one
  double content_repeat_rate = 0;         // share of content words repeating one earlier in the article
  double cache_rate = 0;                  // generator: per-word chance to repeat an earlier word
  struct Source {
    std::string source, category;
    std::uint64_t articles = 0;
  };
  std::vector<Source> sources;
  std::vector<std::pair<std::string, std::uint64_t>> months;  // "YYYY-MM", articles
  std::string first_day, last_day;                              // "YYYY-MM-DD", "" without dates
  // Articles by date form: none, day only, local time, UTC ("Z").
  std::uint64_t dates_none = 0, dates_day = 0, dates_local = 0, dates_utc = 0;
};

// Writes the model (zstd-compressed, format above), atomically. Throws ModelError naming the file.
void save_model(const SynthModel& model, const std::string& path);
// Reads a model written by save_model. Throws ModelError naming the file (and line) when it cannot
// be read, is not a newscorpus model, has another format version, or is damaged.
SynthModel load_model(const std::string& path);

}  // namespace newsindex::synth
