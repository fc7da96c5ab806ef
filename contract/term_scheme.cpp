#include "term_scheme.h"

#include "normalizer.h"

namespace newsindex::contract {

bool make_term(std::string& out, std::string_view prefix, std::string_view text) {
  if (text.empty() || prefix.size() + text.size() > kMaxTermBytes) return false;
  out.assign(prefix).append(text);
  return true;
}

std::string query_term(std::string_view prefix, std::string_view text) {
  std::string t;
  t.reserve(prefix.size() + text.size());
  t.append(prefix).append(text);
  return t;
}

bool indexes_exact_spelling(const Token& word) { return has_ambiguous_folding(word.folded); }

std::string_view umlaut_free_stem_of(const Token& t) {
  if (!t.base_stem.empty()) return t.base_stem;
  return has_umlaut(t.exact) ? std::string_view() : t.stem;
}

}  // namespace newsindex::contract
