#include "completions.h"

#include <algorithm>
#include <set>

#include "spelling.h"

namespace newsindex {

namespace {

struct Candidate {
  std::string folded;
  Xapian::doccount articles = 0;
};

// Word terms starting with `prefix`, most frequent first (ties alphabetical), at most `limit`.
std::vector<Candidate> words_starting_with(const Xapian::Database& db, const std::string& prefix, std::size_t limit) {
  std::vector<Candidate> found;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxScannedTerms; ++it, ++scanned)
    found.push_back({*it, it.get_termfreq()});
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) { return a.articles > b.articles; });
  if (found.size() > limit) found.resize(limit);
  return found;
}

// The folded form of a (partial) word as the index spells its word terms; "" when it has none.
std::string folded_word(Analyzer& analyzer, std::string_view word) {
  for (const Token& t : analyzer.analyze(word))
    if (t.kind == TokenKind::Word) return std::string(t.folded);
  return "";
}

}  // namespace

std::vector<Completion> complete_last_word(const Xapian::Database& db, Analyzer& analyzer, std::string_view query,
                                           std::size_t limit) {
  std::vector<Completion> out;
  if (limit == 0 || query.empty() || query.back() == ' ' || query.back() == '\t') return out;
  std::size_t start = query.find_last_of(" \t");
  start = start == std::string_view::npos ? 0 : start + 1;
  if (std::size_t colon = query.find(':', start); colon != std::string_view::npos) start = colon + 1;  // titel:Stre
  while (start < query.size() && std::string_view("+-\"(").find(query[start]) != std::string_view::npos) ++start;
  const std::string_view typed = query.substr(start);
  const std::string before(query.substr(0, start));
  const std::string folded = folded_word(analyzer, typed);
  if (folded.size() < 2 || folded.size() > 100) return out;

  SpellingSuggester shown(db, analyzer);
  std::set<std::string> seen;
  auto add = [&](const std::string& word_folded, Xapian::doccount articles) {
    if (out.size() >= limit || !seen.insert(word_folded).second) return;
    std::string word = shown.display_form(word_folded, typed);
    out.push_back({word, before + word, articles});
  };
  for (const Candidate& c : words_starting_with(db, folded, limit)) add(c.folded, c.articles);

  // Compound-aware: a known head word followed by a completed tail, longest head first.
  for (std::size_t head = folded.size() - 2; out.size() < limit && head >= 3; --head) {
    const std::string first = folded.substr(0, head);
    if (db.get_termfreq(first) == 0) continue;
    for (const Candidate& tail : words_starting_with(db, folded.substr(head), limit)) {
      if (tail.folded.size() < 3) continue;
      add(first + tail.folded, std::min(db.get_termfreq(first), tail.articles));
    }
  }
  return out;
}

}  // namespace newsindex
