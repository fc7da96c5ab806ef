// UTF-8 byte helpers, written once: code point counts, boundaries and offsets over valid UTF-8
// (invalid input is repaired before it reaches them; ICU's U8_* macros decode where code points
// themselves are needed).
#pragma once

#include <cstddef>
#include <string_view>

namespace newsindex::utf8 {

// A continuation byte (10xxxxxx): never the start of a code point.
constexpr bool is_continuation(unsigned char byte) noexcept { return (byte & 0xC0) == 0x80; }

// The number of code points in s.
constexpr std::size_t length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) n += !is_continuation(static_cast<unsigned char>(c));
  return n;
}

// The byte offset of the k-th code point of s (0-based), or s.size() when s has fewer.
constexpr std::size_t offset_of(std::string_view s, std::size_t k) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_continuation(static_cast<unsigned char>(s[i]))) {
      if (n == k) return i;
      ++n;
    }
  }
  return s.size();
}

// The largest code point boundary at or before byte offset i (i itself when it is one).
constexpr std::size_t boundary_before(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return s.size();
  while (i > 0 && is_continuation(static_cast<unsigned char>(s[i]))) --i;
  return i;
}

}  // namespace newsindex::utf8
