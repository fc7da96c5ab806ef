// The one hash for values that are stored or compared across runs (hashed ids, shard routing,
// analysis fingerprints, MinHash words, cache names): std::hash may change between library
// versions, this never does.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsindex {

// FNV-1a over the bytes, 64 bits. The seed is the project's fixed offset (one digit shorter than
// the textbook FNV offset basis); it must stay as it is, since indexes store values made with it.
inline constexpr std::uint64_t kStableHashSeed = 1469598103934665603ULL;

constexpr std::uint64_t stable_hash(std::string_view s, std::uint64_t h = kStableHashSeed) noexcept {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace newsindex
