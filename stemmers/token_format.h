// One formatter for analysed tokens, used by `newsindex analyze` and by the tests, so a failing
// test row reads like the tool's own output.
#pragma once

#include <string>
#include <span>
#include <vector>

#include "analyzer.h"

namespace newsindex {

// Compact form: "folded/stem@position" per token; "!" marks a stop word, "+" a compound part,
// "~" a variant. Example: "nutzerdaten/nutzerdat@1 +nutzer/nutz +daten/dat".
std::string format_tokens(std::span<const Token> tokens);

// Pretty JSON array of token objects (surface, exact, folded, stem, position, start, end, kind, stop).
std::string format_tokens_json(std::span<const Token> tokens);

// A table for people: one token per line with every stage.
std::string format_tokens_table(std::span<const Token> tokens);

}  // namespace newsindex
