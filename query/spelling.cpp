#include "spelling.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <vector>

#include "index_contract.h"
#include "term_scheme.h"
#include "normalizer.h"
#include "spelling_vocabulary.h"

namespace newsindex {

namespace c = contract;

namespace {

// Words shorter than this are never corrected: too many neighbours to guess right.
constexpr std::size_t kMinWordLength = 4;
// Segments of a compound that are corrected on their own are at least this long.
constexpr std::size_t kMinSegment = 4;
// A word in at most kRareWordFrequency articles is suggested a neighbour one edit away that is in
// kCommonerBy times as many.
constexpr Xapian::doccount kRareWordFrequency = 2, kCommonerBy = 20;
// A compound of known parts is corrected only to a word in at least this many articles.
constexpr Xapian::doccount kMinFrequencyForCompounds = 3;

bool is_operator(std::string_view w) {
  static constexpr std::string_view ops[] = {"AND", "OR", "NOT", "UND", "ODER", "NICHT", "NEAR"};
  for (auto op : ops)
    if (w == op || (op == "NEAR" && w.rfind("NEAR/", 0) == 0)) return true;
  return false;
}

unsigned max_distance_for(std::size_t length) { return length <= 5 ? 1 : 2; }

// Lower is better: each step of distance costs as much as two orders of magnitude of frequency.
double candidate_score(unsigned distance, Xapian::doccount freq) {
  return distance - 0.5 * std::log10(static_cast<double>(std::max<Xapian::doccount>(freq, 1)));
}

// Uppercases the first letter (all letters with all=true): ASCII and ä ö ü; ß and others stay.
std::string upper_first(std::string_view s, bool all) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    const std::size_t len = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    const std::string_view cp = s.substr(i, len);
    const bool up = all || i == 0;
    if (up && ch >= 'a' && ch <= 'z') out += static_cast<char>(ch - 32);
    else if (up && cp == "ä") out += "Ä";
    else if (up && cp == "ö") out += "Ö";
    else if (up && cp == "ü") out += "Ü";
    else out += cp;
    i += len;
  }
  return out;
}

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  unsigned char ch = static_cast<unsigned char>(w[0]);
  if (ch >= 'A' && ch <= 'Z') return true;
  return ch == 0xC3 && w.size() > 1 && (w[1] == '\x84' || w[1] == '\x96' || w[1] == '\x9C');
}

bool all_upper(std::string_view w) {
  bool any = false;
  for (char ch : w) {
    if (ch >= 'a' && ch <= 'z') return false;
    if (ch >= 'A' && ch <= 'Z') any = true;
  }
  return any && w.size() > 1;
}

// One pass over the word terms finds the best neighbour of every target at once.
struct Target {
  Target(std::string w, unsigned d) : word(std::move(w)), max_distance(d), letters(letter_set(word)) {}
  std::string word;
  unsigned max_distance;
  std::uint32_t letters;  // letter_set(word)
  double best_score = 1e9;
  std::string best;
};

// Keeps term as t's best neighbour if it scores better; on an equal score, the byte-wise smaller
// word when smaller_wins_ties (the vocabulary scan: the choice Xapian's sorted term order made
// when the scan read the B-tree, whatever order the words come in), else the one found first.
void consider(Target& t, std::string_view term, Xapian::doccount freq, bool smaller_wins_ties, std::uint32_t letters) {
  const std::size_t diff = term.size() > t.word.size() ? term.size() - t.word.size() : t.word.size() - term.size();
  if (diff > t.max_distance || term == t.word || !letters_only(term)) return;
  if (static_cast<unsigned>(std::popcount(t.letters ^ letters)) > 2 * t.max_distance) return;  // spelling_vocabulary.h letter_set
  const unsigned d = edit_distance(t.word, term, t.max_distance);
  if (d > t.max_distance) return;
  const double score = candidate_score(d, freq);
  if (score < t.best_score || (smaller_wins_ties && score == t.best_score && term < t.best)) {
    t.best_score = score;
    t.best = term;
  }
}

// The document frequency of an unprefixed word term: from the mapped vocabulary for a letters_only
// word (the same number without a B-tree read), else from the index.
Xapian::doccount word_termfreq(const Xapian::Database& db, const SpellingVocabulary* vocabulary, std::string_view word) {
  if (vocabulary && letters_only(word)) return vocabulary->termfreq(word);
  return db.get_termfreq(std::string(word));
}

// The words one edit away that differ in the first letter: the first letter deleted, replaced,
// swapped with the second, or one inserted before it.
std::vector<std::string> first_letter_edits(const std::string& w) {
  std::vector<std::string> out;
  if (w.empty()) return out;
  const unsigned char first = static_cast<unsigned char>(w[0]);
  const std::size_t len0 = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
  const std::string rest = w.substr(std::min(len0, w.size()));
  out.push_back(rest);
  if (w.size() >= 2 && first < 0x80 && static_cast<unsigned char>(w[1]) < 0x80 && w[0] != w[1])
    out.push_back(std::string{w[1], w[0]} + w.substr(2));
  for (char ch = 'a'; ch <= 'z'; ++ch) {
    if (ch == w[0]) continue;  // same first letter: the scan of that slice finds these
    out.push_back(ch + rest);
    out.push_back(ch + w);
  }
  return out;
}

// The best neighbour of every target: one pass over the word terms that share its first letter
// (grouped, so each slice of the vocabulary is read once), plus direct lookups of the neighbours
// one edit away that differ in the first letter. A neighbour two edits away with another first
// letter is not searched: scanning the whole vocabulary for it cost 25-60 ms per rare query on
// 8,000 articles (Lucene's fuzzy suggesters keep a one-letter prefix for the same reason).
// With the mapped vocabulary (spelling_vocabulary.h) only the words of the right lengths are
// read; the same words are considered either way, so the suggestions are the same.
void scan_vocabulary(const Xapian::Database& db, const SpellingVocabulary* vocabulary, std::vector<Target>& targets) {
  std::map<std::string, std::vector<Target*>> by_first;
  for (Target& t : targets)
    if (!t.word.empty()) by_first[t.word.substr(0, 1)].push_back(&t);
  for (auto& [first, group] : by_first) {
    std::size_t min_len = SIZE_MAX, max_len = 0;
    for (const Target* t : group) {
      min_len = std::min(min_len, t->word.size() > t->max_distance ? t->word.size() - t->max_distance : 0);
      max_len = std::max(max_len, t->word.size() + t->max_distance);
    }
    if (vocabulary) {
      vocabulary->for_each(static_cast<unsigned char>(first[0]), min_len, max_len,
                           [&](std::string_view term, Xapian::doccount freq, std::uint32_t letters) {
        for (Target* t : group) consider(*t, term, freq, true, letters);
      });
      continue;
    }
    // Word terms have no prefix and start with a lowercase letter; prefixed terms start uppercase.
    for (auto it = db.allterms_begin(first); it != db.allterms_end(first); ++it) {
      const std::string term = *it;
      if (term.size() < min_len || term.size() > max_len) continue;
      const std::uint32_t letters = letter_set(term);
      for (Target* t : group) consider(*t, term, it.get_termfreq(), true, letters);
    }
  }
  for (Target& t : targets)
    for (const std::string& variant : first_letter_edits(t.word))
      if (const Xapian::doccount freq = word_termfreq(db, vocabulary, variant))
        consider(t, variant, freq, false, letter_set(variant));
}

}  // namespace

unsigned edit_distance(std::string_view a, std::string_view b, unsigned max) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max) return max + 1;
  // Letter counts first: an insertion or deletion changes them by 1, a substitution by 2 and an
  // adjacent swap by 0, so words whose counts differ by more than 2 * max in all are further apart
  // than max (most of a vocabulary scan's candidates end here, without the table below).
  std::int16_t counts[256] = {};
  for (unsigned char ch : a) ++counts[ch];
  for (unsigned char ch : b) --counts[ch];
  unsigned differ = 0;
  for (std::string_view w : {a, b})
    for (unsigned char ch : w) {
      differ += static_cast<unsigned>(std::abs(counts[ch]));
      counts[ch] = 0;  // counted once
    }
  if (differ > 2 * max) return max + 1;
  // Three rows of the table; on the stack for words of ordinary length.
  constexpr std::size_t kStackColumns = 64;
  unsigned stack_rows[3][kStackColumns + 1];
  std::vector<unsigned> heap_rows;
  unsigned *prev2 = stack_rows[0], *prev = stack_rows[1], *cur = stack_rows[2];
  if (m > kStackColumns) {
    heap_rows.resize(3 * (m + 1));
    prev2 = heap_rows.data(), prev = prev2 + m + 1, cur = prev + m + 1;
  }
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<unsigned>(i);
    unsigned row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      unsigned v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max) return max + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], max + 1);
}

const SpellingVocabulary* SpellingSuggester::vocabulary() {
  if (!vocabulary_loaded_) {
    vocabulary_ = SpellingVocabulary::of(db_);
    vocabulary_loaded_ = true;
  }
  return vocabulary_.get();
}

Xapian::doccount SpellingSuggester::word_frequency(std::string_view word) {
  return word_termfreq(db_, vocabulary(), word);
}

Xapian::doccount SpellingSuggester::match_frequency(const Token& word) const {
  Xapian::doccount freq = db_.get_termfreq(std::string(word.folded));
  if (word.stem.empty()) return freq;
  // The alternatives of the query word that find articles (term_scheme.h): its stem and its stem
  // among compound parts. A match without umlauts only ("Ubernahme" for "Übernahme") still gets
  // the umlaut spelling suggested.
  for (const c::QueryAlternative* alt : {&c::kStemAlternative, &c::kInCompoundsAlternative})
    freq = std::max(freq, db_.get_termfreq(c::query_term(c::prefix(alt->looks_in, c::Scope::All), word.stem)));
  return freq;
}

bool SpellingSuggester::known_compound_parts(const WordGroup& word) const {
  bool any = false;
  for (const Token& p : word.parts) {
    if (p.stem.empty()) continue;
    any = true;
    if (!db_.term_exists(c::query_term(c::kStem, p.stem)) && !db_.term_exists(c::query_term(c::kPart, p.stem))) return false;
  }
  return any;
}

std::optional<std::string> SpellingSuggester::correct_word(const std::string& folded, bool whole_word_only) {
  if (folded.size() < kMinWordLength || !letters_only(folded)) return std::nullopt;
  std::vector<Target> targets;
  targets.emplace_back(folded, max_distance_for(folded.size()));
  // Compound segments: a known head with the rest corrected, or a known tail with the head corrected.
  struct Split {
    std::size_t at;
    bool head_known;
  };
  std::vector<Split> splits;
  auto exists = [&](std::string_view w) { return word_frequency(w) > 0; };
  auto known_word = [&](std::string_view w) {
    if (exists(w)) return true;
    for (std::string_view link : {"s", "es", "n", "en"})  // linking elements: Bundes|gericht
      if (w.size() > link.size() + 2 && w.substr(w.size() - link.size()) == link &&
          exists(w.substr(0, w.size() - link.size())))
        return true;
    return false;
  };
  for (std::size_t at = kMinSegment; !whole_word_only && at + kMinSegment <= folded.size(); ++at) {
    const std::string head = folded.substr(0, at), tail = folded.substr(at);
    if (known_word(head)) {
      splits.push_back({at, true});
      targets.emplace_back(tail, max_distance_for(tail.size()));
    } else if (exists(tail)) {
      splits.push_back({at, false});
      targets.emplace_back(head, max_distance_for(head.size()));
    }
  }
  scan_vocabulary(db_, vocabulary(), targets);
  if (!targets[0].best.empty()) return targets[0].best;
  // The split whose corrected segment is best; longer known segments first on ties.
  double best_score = 1e9;
  std::optional<std::string> best;
  for (std::size_t k = 0; k < splits.size(); ++k) {
    const Target& t = targets[k + 1];
    if (t.best.empty() || t.best_score >= best_score) continue;
    best_score = t.best_score;
    best = splits[k].head_known ? folded.substr(0, splits[k].at) + t.best : t.best + folded.substr(splits[k].at);
  }
  return best;
}

std::string SpellingSuggester::display_form(const std::string& folded, std::string_view typed) {
  std::string shown = folded;
  if (has_ambiguous_folding(folded)) {
    // The most frequent indexed exact spelling that folds to this word (ae → ä …).
    std::vector<std::string> forms{""};
    for (std::size_t i = 0; i < folded.size(); ++i) {
      const std::string two = folded.substr(i, 2);
      const char* umlaut = two == "ae" ? "ä" : two == "oe" ? "ö" : two == "ue" ? "ü" : two == "ss" ? "ß" : nullptr;
      std::vector<std::string> next;
      for (const std::string& f : forms) {
        if (umlaut && forms.size() < 64) next.emplace_back(f).append(umlaut);
        next.emplace_back(f).append(umlaut ? std::string_view(two) : std::string_view(&folded[i], 1));
      }
      forms.swap(next);
      if (umlaut) ++i;
    }
    Xapian::doccount best = 0;
    for (const std::string& f : forms) {
      const Xapian::doccount tf = db_.get_termfreq(std::string(c::kExact) + f);
      if (tf > best) best = tf, shown = f;
    }
  }
  if (all_upper(typed)) return upper_first(shown, true);
  if (starts_upper(typed)) return upper_first(shown, false);
  return shown;
}

std::optional<std::string> SpellingSuggester::suggest(std::string_view query) {
  const Analysis analysed = analyzer_.analyze(query);
  std::map<std::uint32_t, std::pair<std::uint32_t, std::string>> replacements;  // start → (end, text)
  for (const WordGroup& group : analysed.words()) {
    const Token& w = group.word;
    if (w.kind != TokenKind::Word) continue;
    const std::string_view typed = query.substr(w.start, w.end - w.start);
    if (w.stop || is_operator(typed)) continue;
    if (w.start > 0 && query[w.start - 1] == ':') continue;  // a field value (quelle:…)
    if (w.end < query.size() && (query[w.end] == '*' || query[w.end] == ':')) continue;  // wildcard, field name
    const std::string folded(w.folded);
    // Matched as a word, a stem or a compound part: it has results of its own.
    const Xapian::doccount matched = match_frequency(w);
    if (matched > kRareWordFrequency) continue;
    if (matched > 0) {
      // A rare match (a typo the corpus has too) next to a word in far more articles.
      std::optional<std::string> fix = correct_word(folded, true);
      if (fix && edit_distance(*fix, folded, 1) <= 1 && word_frequency(*fix) >= kCommonerBy * matched)
        replacements[w.start] = {w.end, display_form(*fix, typed)};
      continue;
    }
    const bool known_parts = known_compound_parts(group);
    // A compound of known parts is found through its parts and may be new: only a common word
    // of the index close to it as a whole ("Infektionschutzgesetz") is suggested.
    std::optional<std::string> fix = correct_word(folded, known_parts);
    if (fix && known_parts && word_frequency(*fix) < kMinFrequencyForCompounds) fix.reset();
    if (fix) replacements[w.start] = {w.end, display_form(*fix, typed)};
  }
  if (replacements.empty()) return std::nullopt;
  std::string out;
  std::size_t at = 0;
  for (const auto& [start, rep] : replacements) {
    out.append(query.substr(at, start - at));
    out += rep.second;
    at = rep.first;
  }
  out.append(query.substr(at));
  return out;
}

}  // namespace newsindex
