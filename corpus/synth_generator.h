// Synthetic German-news-like articles drawn from a SynthModel: deterministic for a seed (the same
// seed gives byte-identical output anywhere), fast enough for corpora of millions of articles.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "article.h"
#include "synth_model.h"
#include "synth_random.h"

namespace newsindex::synth {

struct GeneratorOptions {
  double duplicate_rate = -1;  // share of near-duplicate wire copies; < 0: the model's rate
  double cache_rate = -1;      // per-word chance to repeat a word of the article; < 0: the model's
};

class Generator {
 public:
  // The model must outlive the generator. Throws std::invalid_argument for an unusable model.
  Generator(const SynthModel& model, std::uint64_t seed, GeneratorOptions options = {});
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  // The next article; ids are "synth-<seed>-<n>", n counting from 1.
  Article next();
  std::uint64_t generated() const { return generated_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint64_t generated_ = 0;
};

// Appends the article as one JSON Lines record with the fields id, title, body, date, source, url,
// category in this order (a fast writer: the generator's output is the bottleneck of big runs).
void append_jsonl(const Article& article, std::string& out);

}  // namespace newsindex::synth
