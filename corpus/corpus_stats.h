// Term and shape statistics of a corpus (`newscorpus stats`): vocabulary growth (Heaps), rank
// frequency slope (Zipf), lengths, sources, dates, near-duplicates. Counts words as the corpus
// generator does (synth_text.h), so real and synthetic corpora compare directly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "article.h"

namespace newsindex::synth {

struct CorpusSummary {
  std::uint64_t articles = 0, body_words = 0, distinct_words = 0, hapax_words = 0;
  // Distinct body words after the first n articles, for each requested n reached, and at the end.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> vocabulary_at;
  double heaps_k = 0, heaps_beta = 0;  // distinct = k * tokens^beta
  double zipf_exponent = 0;            // frequency ~ rank^-s over ranks 1..min(V, 10,000)
  double body_words_mean = 0, body_words_median = 0, body_words_p90 = 0, body_words_max = 0;
  double title_words_mean = 0, paragraphs_mean = 0, sentences_per_paragraph = 0;
  double duplicate_rate = 0;           // PrefixDuplicates
  std::uint64_t sources = 0;
  std::vector<std::pair<std::string, std::uint64_t>> top_sources;  // up to 5
  std::string first_day, last_day;
};

class CorpusStats {
 public:
  // Vocabulary sizes are reported after each of these article counts.
  explicit CorpusStats(std::vector<std::uint64_t> checkpoints);
  ~CorpusStats();
  void add(const Article& article);
  CorpusSummary summary() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The summary as aligned text lines.
std::string format_summary(const CorpusSummary& summary);

}  // namespace newsindex::synth
