#include "snippet.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

namespace newsindex {

namespace {

struct Hit {
  std::uint32_t start, end;  // bytes in the analysed text
  std::string key;           // what matched, for counting distinct matches
};

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
  explicit NeedleSet(std::vector<std::string> needles) : needles_(std::move(needles)), first_pairs_(1 << 16) {
    for (std::size_t i = 0; i < needles_.size(); ++i) {
      const std::string& n = needles_[i];
      if (n.empty()) has_empty_ = true;
      else if (n.size() == 1) single_[static_cast<unsigned char>(n[0])] = true;
      else by_pair_[pair_at(n, 0)].push_back(i), first_pairs_[pair_at(n, 0)] = true;
    }
  }
  bool operator()(std::string_view word) const {
    if (has_empty_) return true;
    for (std::size_t at = 0; at < word.size(); ++at) {
      if (single_[static_cast<unsigned char>(word[at])]) return true;
      if (at + 1 == word.size() || !first_pairs_[pair_at(word, at)]) continue;
      for (std::size_t i : by_pair_.at(pair_at(word, at)))
        if (word.compare(at, needles_[i].size(), needles_[i]) == 0) return true;
    }
    return false;
  }

 private:
  static std::size_t pair_at(std::string_view s, std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(s[at])) << 8 | static_cast<unsigned char>(s[at + 1]);
  }
  std::vector<std::string> needles_;
  std::vector<bool> first_pairs_;                              // 65,536 bits: some needle starts with the pair
  std::map<std::size_t, std::vector<std::size_t>> by_pair_;  // the needles starting with a pair
  bool single_[256] = {};                                     // one-byte needles
  bool has_empty_ = false;
};

// What the folded form of every word find_hits can match contains: the match words; the stems,
// since a stem is a prefix of its word's or part's folded form, less a final e (a part's lemma may
// restore an e its word elides: "schul" of "Schulbus" has the lemma "schule"); wildcard prefixes.
// Variants (gender forms) are prefixes of their word; a truncated word's completion is always
// analysed in full (Analyzer::analyze).
WordFilter could_match(const MatchTerms& m) {
  std::vector<std::string> needles(m.words.begin(), m.words.end());
  for (const std::string& s : m.stems) needles.push_back(s.ends_with('e') ? s.substr(0, s.size() - 1) : s);
  needles.insert(needles.end(), m.wildcard_prefixes.begin(), m.wildcard_prefixes.end());
  // A needle that contains another adds nothing ("maskenpflicht" beside "mask"): fewer searches a word.
  std::sort(needles.begin(), needles.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  std::vector<std::string> kept;
  for (std::string& n : needles)
    if (std::none_of(kept.begin(), kept.end(), [&](const std::string& k) { return n.find(k) != std::string::npos; }))
      kept.push_back(std::move(n));
  return NeedleSet(std::move(kept));
}

// Matches in analysed order: a word as a whole (or through a variant), else the parts of it that match.
std::vector<Hit> find_hits(const std::vector<WordGroup>& words, const MatchTerms& match) {
  const MatchSets m(match);
  std::vector<Hit> hits;
  for (const WordGroup& w : words) {
    // A bare word (Analyzer::analyze_matching: could_match rejected it) has no forms to match.
    if (w.word.folded.empty()) continue;
    bool whole = matches_word(w.word, m);
    for (const Token& v : w.variants) whole = whole || matches_word(v, m);
    if (whole) {
      const Token& t = w.word;
      hits.push_back(Hit{t.start, t.end, std::string(t.stem.empty() ? t.folded : t.stem)});
      continue;
    }
    std::vector<Hit> part_hits;
    for (const Token& p : w.parts)
      if (!p.stem.empty() && m.stems.contains(p.stem)) part_hits.push_back(Hit{p.start, p.end, std::string(p.stem)});
    // Drop a part contained in another matched part (the hyphen segment and its own split).
    for (const Hit& h : part_hits) {
      bool inside = std::any_of(part_hits.begin(), part_hits.end(), [&](const Hit& o) {
        return &o != &h && o.start <= h.start && h.end <= o.end && (o.end - o.start) > (h.end - h.start);
      });
      if (!inside) hits.push_back(h);
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.start < b.start; });
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
  const Analysis analysed = analyzer.analyze_matching(text, could_match(match));
  for (const Hit& hit : find_hits(analysed.words(), match)) h.spans.emplace_back(map[hit.start], map[hit.end]);
  return h;
}

Highlighted make_snippet(std::string_view body, Analyzer& analyzer, const MatchTerms& match, std::size_t max_bytes) {
  const Analysis analysed = analyzer.analyze_matching(body, could_match(match));
  const std::vector<WordGroup> words = analysed.words();
  std::vector<Hit> hits = match.empty() ? std::vector<Hit>{} : find_hits(words, match);
  // Word starts are the only places a snippet may begin or end.
  std::vector<std::uint32_t> starts;
  for (const WordGroup& w : words) starts.push_back(w.word.start);

  std::uint32_t best_start = 0;
  if (!hits.empty()) {
    // Slide a window of max_bytes starting a little before each hit; score distinct matches
    // first, then all matches; the earliest best window wins.
    std::size_t best_score = 0;
    for (std::size_t i = 0; i < hits.size(); ++i) {
      std::uint32_t lead = static_cast<std::uint32_t>(max_bytes / 5);
      std::uint32_t from = hits[i].start > lead ? hits[i].start - lead : 0;
      auto it = std::lower_bound(starts.begin(), starts.end(), from);
      std::uint32_t ws = it == starts.end() ? hits[i].start : std::min(*it, hits[i].start);
      std::map<std::string, int> seen;
      std::size_t all = 0;
      for (std::size_t j = i; j < hits.size() && hits[j].end <= ws + max_bytes; ++j) {
        ++seen[hits[j].key];
        ++all;
      }
      std::size_t score = seen.size() * 1000 + all;
      if (score > best_score) {
        best_score = score;
        best_start = ws;
      }
    }
  } else if (!starts.empty()) {
    best_start = starts.front();
  }
  // End at the last word start that keeps the passage within max_bytes (or the text's end).
  std::uint32_t end = static_cast<std::uint32_t>(body.size());
  if (end - best_start > max_bytes) {
    std::uint32_t limit = best_start + static_cast<std::uint32_t>(max_bytes);
    end = best_start;
    for (const WordGroup& w : words)
      if (w.word.start >= best_start && w.word.end <= limit) end = w.word.end;
    if (end == best_start) end = std::min<std::uint32_t>(limit, static_cast<std::uint32_t>(body.size()));
  }
  Highlighted h;
  const bool cut_front = best_start > 0, cut_back = end < body.size();
  const std::string prefix = cut_front ? "… " : "";
  std::vector<std::uint32_t> map;
  h.text = prefix + flatten(body.substr(best_start, end - best_start), &map) + (cut_back ? " …" : "");
  const auto shift = static_cast<std::uint32_t>(prefix.size());
  for (const Hit& hit : hits)
    if (hit.start >= best_start && hit.end <= end)
      h.spans.emplace_back(map[hit.start - best_start] + shift, map[hit.end - best_start] + shift);
  return h;
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
