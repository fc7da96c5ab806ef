#include "synth_random.h"

#include <stdexcept>

namespace newsindex {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(std::uint64_t seed) {
  for (auto& s : state_) s = splitmix64(seed);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

AliasTable::AliasTable(const std::vector<double>& weights) {
  const std::size_t n = weights.size();
  double total = 0;
  for (double w : weights) total += w > 0 ? w : 0;
  if (n == 0 || !(total > 0)) throw std::invalid_argument("alias table: no positive weight");
  // Vose: scaled probabilities, split into small (< 1) and large (>= 1) work lists.
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = (weights[i] > 0 ? weights[i] : 0) * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  std::vector<std::uint64_t> threshold(n, 0);
  std::vector<std::uint32_t> alias(n);
  for (std::size_t i = 0; i < n; ++i) alias[i] = static_cast<std::uint32_t>(i);
  constexpr double kScale = 0x1.0p53;
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    threshold[s] = static_cast<std::uint64_t>(scaled[s] * kScale);
    alias[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left has probability 1 up to rounding.
  for (std::uint32_t i : large) threshold[i] = static_cast<std::uint64_t>(kScale);
  for (std::uint32_t i : small) threshold[i] = scaled[i] > 0 ? static_cast<std::uint64_t>(kScale) : 0;
  // A zero-weight entry left over by rounding must never be kept: send it to a positive one.
  std::uint32_t positive = 0;
  while (!(weights[positive] > 0)) ++positive;
  for (std::size_t i = 0; i < n; ++i)
    if (!(weights[i] > 0)) {
      threshold[i] = 0;
      if (!(weights[alias[i]] > 0)) alias[i] = positive;
    }
  slots_.resize(n);
  for (std::size_t i = 0; i < n; ++i) slots_[i] = Slot{threshold[i], alias[i]};
}

}  // namespace newsindex
