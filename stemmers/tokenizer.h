// First stage of the analysis chain: finds tokens in UTF-8 text. Offsets are bytes into the input
// and never change afterwards, so highlighting can point back into the original text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsindex {

enum class TokenKind : std::uint8_t {
  Word,          // letters/digits, incl. hyphenated ("TikTok-Übernahme"), apostrophes, gender forms
  Number,        // "1.000,50", "3,5", "2026"
  Abbreviation,  // "z. B.", "U.S."
  Url,           // "https://…", "www.…"
  Email,         // "name@example.org"
  Handle,        // "@tagesschau"
  Hashtag,       // "#Klimaschutz"
  Part,          // a compound part, at the position of its compound (made by a later stage)
  Variant,       // another form of a word at its position ("Politiker" for "Politiker*innen")
};

std::string_view to_string(TokenKind kind);

struct RawToken {
  std::uint32_t start = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte
  TokenKind kind = TokenKind::Word;
};

// Splits text into tokens. Invalid UTF-8 bytes separate tokens; never throws.
std::vector<RawToken> tokenize(std::string_view text);

}  // namespace newsindex
