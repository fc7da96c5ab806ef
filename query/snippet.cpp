#include "snippet.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>
#include <set>
#include <unordered_set>

namespace newsindex {

namespace {

struct Hit {
  std::uint32_t start, end;  // bytes in the analysed text
  std::string key;           // what matched, for counting distinct matches
  std::uint32_t word_start = 0, word_end = 0;  // the word it belongs to
};

// Hits in text order; ties (a hyphen segment and its own split) by end, then key, so that the
// order does not depend on which pieces of a text were analysed first.
void sort_hits(std::vector<Hit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.start, a.end, a.key) < std::tie(b.start, b.end, b.key);
  });
}

// MatchTerms' words and stems as views, looked up without building a string per token.
struct MatchSets {
  std::unordered_set<std::string_view> words, stems;
  const std::set<std::string>& wildcard_prefixes;
  explicit MatchSets(const MatchTerms& m)
      : words(m.words.begin(), m.words.end()), stems(m.stems.begin(), m.stems.end()), wildcard_prefixes(m.wildcard_prefixes) {}
};

bool matches_word(const Token& t, const MatchSets& m) {
  if (m.words.contains(t.folded)) return true;
  if (!t.stem.empty() && m.stems.contains(t.stem)) return true;
  for (const std::string& p : m.wildcard_prefixes)
    if (t.folded.starts_with(p)) return true;
  return false;
}

// Whether a word contains any of a set of byte strings, with the answer of trying each needle's
// find() in turn: the needles are filed by their first two bytes (one-byte needles by their byte),
// so each position of the word looks only at the needles that start with its two bytes.
class NeedleSet {
 public:
  explicit NeedleSet(std::vector<std::string> needles) : needles_(std::move(needles)) {
    for (std::size_t i = 0; i < needles_.size(); ++i) {
      const std::string& n = needles_[i];
      if (n.empty()) has_empty_ = true;
      else if (n.size() == 1) single_[static_cast<unsigned char>(n[0])] = true;
      else by_pair_[pair_at(n, 0)].push_back(i), first_pairs_[pair_at(n, 0) >> 6] |= std::uint64_t{1} << (pair_at(n, 0) & 63);
    }
  }
  bool operator()(std::string_view word) const {
    if (has_empty_) return true;
    for (std::size_t at = 0; at < word.size(); ++at)
      if (matches_at(word, at)) return true;
    return false;
  }
  bool has_empty() const { return has_empty_; }
  // Calls f(at) for every offset of text where some needle starts (needle by needle: glibc's
  // memmem skips through a text far faster than trying each offset).
  template <typename F>
  void for_each_match(std::string_view text, F&& f) const {
    for (const std::string& n : needles_) {
      if (n.empty()) {
        for (std::size_t at = 0; at < text.size(); ++at) f(at);
        continue;
      }
      const char* const base = text.data();
      const char* p = base;
      const char* const end = base + text.size();
      while (p < end && (p = static_cast<const char*>(memmem(p, static_cast<std::size_t>(end - p), n.data(), n.size())))) {
        f(static_cast<std::size_t>(p - base));
        ++p;
      }
    }
  }

 private:
  bool matches_at(std::string_view s, std::size_t at) const {
    if (single_[static_cast<unsigned char>(s[at])]) return true;
    if (at + 1 == s.size()) return false;
    const std::size_t pair = pair_at(s, at);
    if (!(first_pairs_[pair >> 6] >> (pair & 63) & 1)) return false;
    for (std::size_t i : by_pair_.at(pair_at(s, at)))
      if (s.compare(at, needles_[i].size(), needles_[i]) == 0) return true;
    return false;
  }
  static std::size_t pair_at(std::string_view s, std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(s[at])) << 8 | static_cast<unsigned char>(s[at + 1]);
  }
  std::vector<std::string> needles_;
  std::array<std::uint64_t, 1024> first_pairs_{};              // 65,536 bits: some needle starts with the pair
  std::map<std::size_t, std::vector<std::size_t>> by_pair_;  // the needles starting with a pair
  bool single_[256] = {};                                     // one-byte needles
  bool has_empty_ = false;
};

// What the folded form of every word find_hits can match contains: the match words; the stems,
// since a stem is a prefix of its word's or part's folded form, less a final e (a part's lemma may
// restore an e its word elides: "schul" of "Schulbus" has the lemma "schule"); wildcard prefixes.
// Variants (gender forms) are prefixes of their word; a truncated word's completion is always
// analysed in full (Analyzer::analyze).
std::vector<std::string> match_needles(const MatchTerms& m) {
  std::vector<std::string> needles(m.words.begin(), m.words.end());
  for (const std::string& s : m.stems) needles.push_back(s.ends_with('e') ? s.substr(0, s.size() - 1) : s);
  needles.insert(needles.end(), m.wildcard_prefixes.begin(), m.wildcard_prefixes.end());
  // A needle that contains another adds nothing ("maskenpflicht" beside "mask"): fewer searches a word.
  std::sort(needles.begin(), needles.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  std::vector<std::string> kept;
  for (std::string& n : needles)
    if (std::none_of(kept.begin(), kept.end(), [&](const std::string& k) { return n.find(k) != std::string::npos; }))
      kept.push_back(std::move(n));
  return kept;
}

WordFilter could_match(const MatchTerms& m) { return NeedleSet(match_needles(m)); }

// Matches in analysed order: a word as a whole (or through a variant), else the parts of it that match.
std::vector<Hit> find_hits(const std::vector<WordGroup>& words, const MatchSets& m) {
  std::vector<Hit> hits;
  for (const WordGroup& w : words) {
    // A bare word (Analyzer::analyze_matching: could_match rejected it) has no forms to match.
    if (w.word.folded.empty()) continue;
    bool whole = matches_word(w.word, m);
    for (const Token& v : w.variants) whole = whole || matches_word(v, m);
    const Token& t = w.word;
    if (whole) {
      hits.push_back(Hit{t.start, t.end, std::string(t.stem.empty() ? t.folded : t.stem), t.start, t.end});
      continue;
    }
    std::vector<Hit> part_hits;
    for (const Token& p : w.parts)
      if (!p.stem.empty() && m.stems.contains(p.stem))
        part_hits.push_back(Hit{p.start, p.end, std::string(p.stem), t.start, t.end});
    // Drop a part contained in another matched part (the hyphen segment and its own split).
    for (const Hit& h : part_hits) {
      bool inside = std::any_of(part_hits.begin(), part_hits.end(), [&](const Hit& o) {
        return &o != &h && o.start <= h.start && h.end <= o.end && (o.end - o.start) > (h.end - h.start);
      });
      if (!inside) hits.push_back(h);
    }
  }
  sort_hits(hits);
  return hits;
}

// Text for one line: newlines and tabs become spaces and runs of spaces collapse (paragraph
// breaks would otherwise show as double spaces). map[i] is the output offset of input byte i.
std::string flatten(std::string_view s, std::vector<std::uint32_t>* map = nullptr) {
  std::string out;
  out.reserve(s.size());
  if (map) map->assign(s.size() + 1, 0);
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (map) (*map)[i] = static_cast<std::uint32_t>(out.size());
    char ch = s[i];
    if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
      if (!space) out.push_back(' ');
      space = true;
      continue;
    }
    space = false;
    out.push_back(ch);
  }
  if (map) (*map)[s.size()] = static_cast<std::uint32_t>(out.size());
  return out;
}

}  // namespace

Highlighted highlight_all(std::string_view text, Analyzer& analyzer, const MatchTerms& match) {
  Highlighted h;
  std::vector<std::uint32_t> map;
  h.text = flatten(text, &map);
  if (match.empty()) return h;
  const MatchSets sets(match);
  const Analysis analysed = analyzer.analyze_matching(text, could_match(match));
  for (const Hit& hit : find_hits(analysed.words(), sets)) h.spans.emplace_back(map[hit.start], map[hit.end]);
  return h;
}

namespace {

// The words and hits of a body, found by analysing either the whole body or only windows around
// the places where a hit can stand (issue 16: most of a long body can hold no hit). The windows
// give exactly the whole analysis's words and hits inside them:
// - every word that can hit is analysed: a hit needs a word whose folded form contains a needle
//   (match_needles; what could_match already relies on) or a coordination ellipsis, so the
//   needles are searched in the body's LetterScan and each find, each character the scan cannot
//   judge and each hyphen at a word's edge is a "flag" whose surroundings are analysed;
// - windows start and end at analysis cuts (analysis_cut_before/after), where analysis is the
//   same as in the whole text;
// - the choice of passage asks for the words it reads (cover()): before a hit that may start
//   the best passage, and the best passage itself.
// A hit whose word holds no flag would mean the scan missed something: the caller then analyses
// the whole body instead (never seen on the bench sets; a guard, not a path).
class BodyWords {
 public:
  // Analyses the whole body when `whole`, else the windows around the flags.
  BodyWords(std::string_view body, Analyzer& analyzer, const MatchTerms& match, const WordFilter& filter,
            const NeedleSet* letters_needles, bool whole)
      : body_(body), analyzer_(analyzer), match_(match), sets_(match), filter_(filter) {
    if (whole || !letters_needles) {
      whole_ = true;
      analyse(0, static_cast<std::uint32_t>(body.size()));
      return;
    }
    const LetterScan scan = scan_letters(body, analyzer.options().fold_umlauts);
    flags_ = scan.must_analyse;
    letters_needles->for_each_match(scan.letters, [&](std::size_t at) { flags_.push_back(scan.offsets[at]); });
    std::sort(flags_.begin(), flags_.end());
    flags_.erase(std::unique(flags_.begin(), flags_.end()), flags_.end());
    // A flag's word is analysed with what lies up to the analysis cuts around it; flags close
    // together share a piece.
    for (std::size_t i = 0; i < flags_.size() && ok_;) {
      std::size_t j = i;
      while (j + 1 < flags_.size() && flags_[j + 1] - flags_[j] < kJoin) ++j;
      cover(flags_[i], flags_[j] + 1);
      i = j + 1;
    }
  }

  // Analyses what of [a, b) is not analysed yet, widened to analysis cuts.
  void cover(std::uint32_t a, std::uint32_t b) {
    if (whole_ || !ok_) return;
    const auto size = static_cast<std::uint32_t>(body_.size());
    auto from = static_cast<std::uint32_t>(analysis_cut_before(body_, std::min(a, size)));
    const auto to = static_cast<std::uint32_t>(analysis_cut_after(body_, std::min(b, size)));
    std::vector<std::pair<std::uint32_t, std::uint32_t>> gaps;
    for (const auto& [pa, pb] : pieces_) {  // sorted, disjoint, each bounded by cuts
      if (pb <= from) continue;
      if (pa >= to) break;
      if (from < pa) gaps.emplace_back(from, pa);
      from = std::max(from, pb);
    }
    if (from < to) gaps.emplace_back(from, to);
    for (const auto& [ga, gb] : gaps) analyse(ga, gb);
    std::sort(pieces_.begin(), pieces_.end());
  }

  bool ok() const { return ok_; }
  bool whole() const { return whole_; }
  // Sorted by start; the word starts and ends of what was analysed.
  const std::vector<Hit>& hits() { return sort(), hits_; }
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& words() { return sort(), words_; }
  // Whether [a, b) was analysed (always in whole mode).
  bool covers(std::uint32_t a, std::uint32_t b) const {
    if (whole_) return true;
    b = std::min<std::uint32_t>(b, static_cast<std::uint32_t>(body_.size()));
    std::uint32_t reach = a;  // pieces are sorted and may touch
    for (const auto& [pa, pb] : pieces_) {
      if (pb <= reach) continue;
      if (pa > reach) break;
      reach = pb;
    }
    return reach >= b;
  }

  static constexpr std::uint32_t kJoin = 24;  // bytes between flags that share a piece

 private:
  void analyse(std::uint32_t from, std::uint32_t to) {
    const Analysis analysed = analyzer_.analyze_matching(body_.substr(from, to - from), filter_);
    const std::vector<WordGroup> groups = analysed.words();
    std::vector<Hit> found = match_.empty() ? std::vector<Hit>{} : find_hits(groups, sets_);
    for (const WordGroup& w : groups) words_.emplace_back(w.word.start + from, w.word.end + from);
    for (Hit& h : found) {
      h.start += from, h.end += from, h.word_start += from, h.word_end += from;
      if (!whole_ && !flagged(h)) ok_ = false;
      hits_.push_back(std::move(h));
    }
    pieces_.emplace_back(from, to);
    sorted_ = false;
  }
  // The words up to sorted_words_ are sorted; each piece's own words come sorted, so only the
  // pieces added since are sorted and merged in.
  void sort() {
    if (sorted_) return;
    const auto middle = words_.begin() + static_cast<std::ptrdiff_t>(sorted_words_);
    std::sort(middle, words_.end());
    std::inplace_merge(words_.begin(), middle, words_.end());
    sorted_words_ = words_.size();
    sort_hits(hits_);
    sorted_ = true;
  }
  // Whether a flag explains the hit: inside its word, at the hyphen after it, or at a hyphen
  // (up to 3 bytes) before it ("und -leiter").
  bool flagged(const Hit& h) const {
    auto it = std::lower_bound(flags_.begin(), flags_.end(), h.word_start >= 3 ? h.word_start - 3 : 0);
    return it != flags_.end() && *it <= h.word_end;
  }

  std::string_view body_;
  Analyzer& analyzer_;
  const MatchTerms& match_;
  const MatchSets sets_;
  const WordFilter& filter_;
  bool sorted_ = true;  // words_ and hits_
  std::size_t sorted_words_ = 0;
  bool whole_ = false, ok_ = true;
  std::vector<std::uint32_t> flags_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pieces_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> words_;
  std::vector<Hit> hits_;
};

// make_snippet over the words and hits of `bw`; nullopt when windows do not suffice (the caller
// then analyses the whole body).
std::optional<Highlighted> snippet_from(std::string_view body, BodyWords& bw, std::size_t max_bytes) {
  const std::uint32_t lead = static_cast<std::uint32_t>(max_bytes / 5);
  if (bw.hits().empty()) bw.cover(0, static_cast<std::uint32_t>(max_bytes));
  if (!bw.ok()) return std::nullopt;
  const std::vector<Hit>& hits = bw.hits();  // complete: cover() adds words, never hits
  auto first_word_from = [&](std::uint32_t at) {  // the first analysed word start >= at
    const auto& words = bw.words();
    auto it = std::lower_bound(words.begin(), words.end(), at, [](const auto& w, std::uint32_t a) { return w.first < a; });
    return it == words.end() ? std::optional<std::uint32_t>() : it->first;
  };
  // Distinct matches first, then all matches, of the passage of hits from i that end by `limit`.
  auto score = [&](std::size_t i, std::uint32_t limit) {
    std::map<std::string_view, int> seen;
    std::size_t all = 0;
    for (std::size_t j = i; j < hits.size() && hits[j].end <= limit; ++j) {
      ++seen[hits[j].key];
      ++all;
    }
    return seen.size() * 1000 + all;
  };

  std::uint32_t best_start = 0;
  if (!hits.empty()) {
    // Slide a window of max_bytes starting a little before each hit; score distinct matches
    // first, then all matches; the earliest best window wins.
    std::size_t best_score = 0;
    for (std::size_t i = 0; i < hits.size(); ++i) {
      std::uint32_t from = hits[i].start > lead ? hits[i].start - lead : 0;
      // A passage starting at or before the hit scores at most as one starting at the hit: when
      // that cannot beat the best so far, the words before the hit are not needed.
      if (!bw.whole()) {
        if (score(i, hits[i].start + static_cast<std::uint32_t>(max_bytes)) <= best_score) continue;
        bw.cover(from, hits[i].start);
        if (!bw.ok()) return std::nullopt;
      }
      std::optional<std::uint32_t> next = first_word_from(from);
      std::uint32_t ws = next ? std::min(*next, hits[i].start) : hits[i].start;
      std::size_t s = score(i, ws + static_cast<std::uint32_t>(max_bytes));
      if (s > best_score) {
        best_score = s;
        best_start = ws;
      }
    }
  } else if (const auto& words = bw.words(); !words.empty()) {
    // In windows the first analysed word is the body's first only when the window at 0 has one.
    if (!bw.whole() && !(words.front().first < max_bytes && bw.covers(0, words.front().first + 1))) return std::nullopt;
    best_start = words.front().first;
  } else if (!bw.whole()) {
    return std::nullopt;
  }
  // End at the last word start that keeps the passage within max_bytes (or the text's end).
  std::uint32_t end = static_cast<std::uint32_t>(body.size());
  if (end - best_start > max_bytes) {
    std::uint32_t limit = best_start + static_cast<std::uint32_t>(max_bytes);
    bw.cover(best_start, limit);
    if (!bw.ok() || !bw.covers(best_start, limit)) return std::nullopt;
    end = best_start;
    for (const auto& [ws, we] : bw.words())
      if (ws >= best_start && we <= limit) end = we;
    if (end == best_start) end = std::min<std::uint32_t>(limit, static_cast<std::uint32_t>(body.size()));
  }
  Highlighted h;
  const bool cut_front = best_start > 0, cut_back = end < body.size();
  const std::string prefix = cut_front ? "… " : "";
  std::vector<std::uint32_t> map;
  h.text = prefix + flatten(body.substr(best_start, end - best_start), &map) + (cut_back ? " …" : "");
  const auto shift = static_cast<std::uint32_t>(prefix.size());
  for (const Hit& hit : bw.hits())
    if (hit.start >= best_start && hit.end <= end)
      h.spans.emplace_back(map[hit.start - best_start] + shift, map[hit.end - best_start] + shift);
  return h;
}

std::atomic<std::size_t> window_fallbacks{0};

}  // namespace

std::size_t snippet_window_fallbacks() { return window_fallbacks; }

Highlighted make_snippet(std::string_view body, Analyzer& analyzer, const MatchTerms& match, std::size_t max_bytes,
                         bool whole_body) {
  const std::vector<std::string> needles = match_needles(match);
  const WordFilter filter = NeedleSet(needles);
  std::vector<std::string> letters;
  for (const std::string& n : needles) letters.push_back(letters_of(n, analyzer.options().fold_umlauts));
  const NeedleSet letter_needles(std::move(letters));
  // A needle without letters would be found everywhere: then the whole body is analysed.
  const bool windows = !whole_body && !letter_needles.has_empty() && body.size() > 2 * max_bytes;
  {
    BodyWords bw(body, analyzer, match, filter, &letter_needles, !windows);
    if (std::optional<Highlighted> h = snippet_from(body, bw, max_bytes)) return *h;
    if (!bw.ok()) ++window_fallbacks;
  }
  BodyWords whole(body, analyzer, match, filter, nullptr, true);
  return *snippet_from(body, whole, max_bytes);
}

std::string mark(const Highlighted& h, std::string_view open, std::string_view close) {
  std::string out;
  out.reserve(h.text.size() + h.spans.size() * (open.size() + close.size()));
  std::uint32_t at = 0;
  for (auto [s, e] : h.spans) {
    if (s < at) continue;  // overlapping spans: the first wins
    out.append(h.text, at, s - at);
    out.append(open);
    out.append(h.text, s, e - s);
    out.append(close);
    at = e;
  }
  out.append(h.text, at, std::string::npos);
  return out;
}

}  // namespace newsindex
