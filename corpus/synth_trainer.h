// Learns a SynthModel from real articles (see synth_model.h for what is learned).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "article.h"
#include "synth_model.h"

namespace newsindex::synth {

struct TrainOptions {
  std::uint32_t min_bigram_count = 2;     // rarer bigrams are left to the unigram backoff
  std::size_t quantile_points = 501;      // resolution of the length distributions
  std::uint64_t calibration_articles = 300;  // synthetic articles drawn to calibrate burstiness
};

class ModelTrainer {
 public:
  explicit ModelTrainer(TrainOptions options = {});
  ~ModelTrainer();
  ModelTrainer(const ModelTrainer&) = delete;
  ModelTrainer& operator=(const ModelTrainer&) = delete;

  void add(const Article& article);
  // Names the inputs in the model (for `newscorpus stats`-like provenance), comma-separated.
  void set_trained_on(std::string names);
  std::uint64_t articles() const;
  // The model. Throws std::invalid_argument when no article was added.
  SynthModel finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsindex::synth
