#include "term_scheme.h"

#include "normalizer.h"

namespace newsindex::contract {

std::string make_term(std::string_view prefix, std::string_view text) {
  std::string t;
  if (text.empty() || prefix.size() + text.size() > kMaxTermBytes) return t;
  t.reserve(prefix.size() + text.size());
  t.append(prefix).append(text);
  return t;
}

bool indexes_exact_spelling(const Token& word) { return has_ambiguous_folding(word.folded); }

}  // namespace newsindex::contract
