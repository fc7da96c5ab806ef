// Portable pseudo-random numbers for the corpus generator. The same seed gives the same stream on
// every platform and library version, which std:: distributions do not promise, so sampling is
// implemented here on top of a fixed generator.
#pragma once

#include <cstdint>
#include <vector>

namespace newsindex {

// xoshiro256** (Blackman & Vigna), its state filled from the seed with splitmix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next();
  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n) for n > 0 (Lemire's multiply-shift; bias below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<Wide>(next()) * n) >> 64);
  }
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t state_[4];
};

// Walker's alias method (Vose's construction): O(1) draws from a discrete distribution.
class AliasTable {
 public:
  AliasTable() = default;
  // Weights need not be normalised; zero weights are never drawn. Throws std::invalid_argument when
  // there is no positive weight.
  explicit AliasTable(const std::vector<double>& weights);
  std::uint32_t draw(Rng& rng) const {
    const auto i = static_cast<std::uint32_t>(rng.below(slots_.size()));
    const Slot& slot = slots_[i];
    return (rng.next() >> 11) < slot.threshold ? i : slot.alias;
  }
  std::size_t size() const { return slots_.size(); }

 private:
  // Threshold and alias side by side: one cache miss per draw in a vocabulary-sized table.
  struct Slot {
    std::uint64_t threshold;  // keep i when a 53-bit draw is below this
    std::uint32_t alias;
  };
  std::vector<Slot> slots_;
};

}  // namespace newsindex
