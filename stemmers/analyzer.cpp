#include "analyzer.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include "compound_splitter.h"
#include "errors.h"
#include "light_stemmer.h"
#include "normalizer.h"
#include "stable_hash.h"
#include "stopwords.h"
#include "utf8.h"

#ifndef NEWSINDEX_DEFAULT_LEXICON
#define NEWSINDEX_DEFAULT_LEXICON "/usr/share/dict/ngerman"
#endif

namespace newsindex {

namespace {

// Bump when any stage changes what it produces: old indexes are then refused by newsquery.
constexpr int kChainVersion = 3;
// Words longer than this are not split or stemmed (garbage, chemistry, base64).
constexpr std::size_t kMaxWordBytes = 120;
// keep_lexicon_head: the modifier before a protected head, and the head, have at least these bytes.
constexpr std::size_t kMinModifierBytes = 3, kMinHeadBytes = 4;
// Suffixes of derived words keep_lexicon_head leaves to Snowball (its step-3 suffixes).
constexpr std::string_view kDerivedWordSuffixes[] = {"ung", "heit", "keit", "isch", "lich", "ig"};
// Coordination ellipsis: the modifier kept from a completing word, and a head found in the lexicon,
// have at least these many bytes / characters.
constexpr std::size_t kMinEllipsisPartBytes = 2, kMinEllipsisHeadChars = 3;
// What Snowball cuts from the nouns whose stems umlaut plurals meet ("arzt", "mutt|er", "gart|en").
constexpr std::string_view kNounStemEndings[] = {"", "e", "er", "en", "el"};
// The word cache is cleared when it grows past this many distinct words.
constexpr std::size_t kMaxCachedWords = 400000;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

std::shared_ptr<const CompoundLexicon> shared_lexicon(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const CompoundLexicon>> loaded;
  std::lock_guard lock(mutex);
  auto& slot = loaded[path];
  if (!slot) slot = std::make_shared<const CompoundLexicon>(CompoundLexicon::load_cached(path));
  return slot;
}

using utf8::length;
// Maps a byte range of a normalised word back onto its surface bytes: exact when both have the
// same number of code points (the usual case: lowercasing keeps them), proportional otherwise.
std::pair<std::uint32_t, std::uint32_t> map_range(std::string_view norm, std::string_view surface,
                                                  std::size_t begin, std::size_t end) {
  std::size_t cn = length(norm), cs = length(surface);
  std::size_t kb = length(norm.substr(0, begin)), ke = length(norm.substr(0, end));
  if (cn != cs && cn > 0) {
    kb = kb * cs / cn;
    ke = ke * cs / cn;
  }
  return {static_cast<std::uint32_t>(utf8::offset_of(surface, kb)),
          static_cast<std::uint32_t>(utf8::offset_of(surface, ke))};
}

bool starts_upper(std::string_view s) {
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
  return c > 0 && u_isupper(c);
}

// ä, ö, ü in a normalised (lowercase) word: C3 A4, C3 B6, C3 BC.
bool is_umlaut_at(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size() || static_cast<unsigned char>(s[i]) != 0xC3) return false;
  const auto d = static_cast<unsigned char>(s[i + 1]);
  return d == 0xA4 || d == 0xB6 || d == 0xBC;
}
// ä→a, ö→o, ü→u (the base vowel; fold_umlauts does the rest).
std::string strip_umlauts(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_umlaut_at(s, i)) {
      out.push_back(s[i]);
      continue;
    }
    const auto d = static_cast<unsigned char>(s[++i]);
    out.push_back(d == 0xA4 ? 'a' : d == 0xB6 ? 'o' : 'u');
  }
  return out;
}

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hyphen_at(std::string_view s, std::size_t i, std::size_t* len) {
  if (s[i] == '-') {
    *len = 1;
    return true;
  }
  // U+2010, U+2011 (hyphen, non-breaking hyphen): E2 80 90 / E2 80 91
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0x90 || static_cast<unsigned char>(s[i + 2]) == 0x91)) {
    *len = 3;
    return true;
  }
  return false;
}

// The folded form WordCache::normalised_forms gives a plain word, made without ICU or the cache:
// a Word of ASCII letters, digits and hyphens, ä, ö, ü, ß and Ä, Ö, Ü (lowercased, hyphens
// dropped as exact_form drops them, umlauts and ß folded as fold_umlauts does when `fold` is on,
// else lowercased and kept), or a Number of ASCII digits. False for any other token, which needs
// the whole chain.
bool fold_plain(std::string_view surface, TokenKind kind, bool fold, std::string& folded) {
  folded.clear();
  if (kind == TokenKind::Number) {
    if (!std::all_of(surface.begin(), surface.end(), is_ascii_digit)) return false;
    folded = surface;
    return true;
  }
  if (kind != TokenKind::Word) return false;
  for (std::size_t i = 0; i < surface.size(); ++i) {
    const char c = surface[i];
    if ((c >= 'a' && c <= 'z') || is_ascii_digit(c)) {
      folded.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      folded.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == '-') {
      continue;
    } else if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < surface.size()) {
      switch (static_cast<unsigned char>(surface[++i])) {
        case 0x84: case 0xA4: folded += fold ? "ae" : "\xC3\xA4"; break;  // Ä ä
        case 0x96: case 0xB6: folded += fold ? "oe" : "\xC3\xB6"; break;  // Ö ö
        case 0x9C: case 0xBC: folded += fold ? "ue" : "\xC3\xBC"; break;  // Ü ü
        case 0x9F: folded += fold ? "ss" : "\xC3\x9F"; break;             // ß
        default: return false;
      }
    } else {
      return false;
    }
  }
  return !folded.empty();
}

}  // namespace

// A part or variant of a word, offsets relative to the word's surface.
// The analysed forms of a word, a part or a variant: what a Token points to.
struct Forms {
  std::string exact, folded, stem, base_stem;
};

struct ExtraInfo : Forms {
  std::uint32_t begin = 0, end = 0;
  TokenKind kind = TokenKind::Part;
  bool segment = false;
};

// Everything the chain makes of one distinct surface word; computed once, then reused. A word a
// WordFilter rejected holds its normalised forms only (complete false) until a later analysis
// needs the rest: completing it then only fills stem, base_stem and extras, which no token of the
// earlier analysis points into (its stem view is empty), so its tokens stay valid.
struct WordInfo : Forms {
  bool stop = false;
  bool gender = false;    // a gender form ("Politiker*innen"): gets the masculine variant
  bool complete = false;  // stem, base stem and extras computed
  std::vector<ExtraInfo> extras;
};

class WordCache {
 public:
  WordCache(const AnalyzerOptions& options, std::shared_ptr<const CompoundLexicon> lexicon)
      : options_(options), lexicon_(std::move(lexicon)), stemmer_("german") {
    if (lexicon_ && options_.split_compounds) splitter_.emplace(lexicon_);
    for (std::string_view w : german_stopwords()) stop_.insert(normalize_text(w));
  }

  // The word's analysis; with a filter that rejects its folded form, its normalised forms only.
  const WordInfo& get(std::string_view surface, TokenKind kind, const WordFilter* filter = nullptr) {
    auto it = words_->find(surface);
    if (it == words_->end()) it = words_->emplace(std::string(surface), normalised_forms(surface, kind)).first;
    WordInfo& w = it->second;
    if (!w.complete && (!filter || (*filter)(w.folded))) complete(w, surface, kind);
    return w;
  }

  // Starts a new generation when the cache has grown too large; an Analysis still holding the old
  // one keeps it alive. Returns the generation the next tokens point into.
  std::shared_ptr<const void> generation() {
    if (words_->size() > kMaxCachedWords) words_ = std::make_shared<WordMap>();
    return words_;
  }

  std::uint64_t stop_hash() const {
    std::vector<std::string> sorted(stop_.begin(), stop_.end());
    std::sort(sorted.begin(), sorted.end());
    std::uint64_t h = kStableHashSeed;
    for (const auto& w : sorted) h = stable_hash(w + "\n", h);
    return h;
  }

  // The base stemmer: Snowball German, or Savoy's light stemmer (AnalyzerOptions::light_stem).
  std::string base_stem(std::string_view folded) {
    return options_.light_stem ? savoy_light_stem(folded) : stemmer_(std::string(folded));
  }

  // The stem term of a folded word: the base stemmer plus the fixes news needs (lexicon heads,
  // name genitives, feminine plurals; each still applies to the light stemmer, which also keeps
  // the s of "Trumps" and the -inn of "Kanzlerinnen" and cuts "Polarstern" to "polarst").
  std::string stem_of(std::string_view folded, bool capitalised, std::string_view exact) {
    if (!options_.stem || folded.empty() || folded.size() > kMaxWordBytes) return std::string(folded);
    std::string s = keep_lexicon_head(folded, base_stem(folded));
    // Genitive of names: Snowball keeps the s after p, z, vowels… ("Trumps", "Macrons" it does
    // handle). A capitalised word whose s-less form is a lexicon noun or name, or which the
    // lexicon does not know at all (a name), is taken as a genitive: "Trumps" meets "Trump".
    if (capitalised && s.size() >= 4 && s == folded && s.back() == 's' && s[s.size() - 2] != 's' && lexicon_ &&
        exact.size() > 1 && exact.back() == 's') {
      const std::string key = CompoundLexicon::fold(exact);  // the lexicon's keys are folded
      if (lexicon_->is_noun(std::string_view(key).substr(0, key.size() - 1)) || !lexicon_->contains(key)) {
        const std::string_view base = folded.substr(0, folded.size() - 1);
        s = keep_lexicon_head(base, base_stem(base));
      }
    }
    // Feminine plural: "kanzlerinnen" → "kanzlerinn" must meet "kanzlerin".
    if (s.size() >= 5 && s.ends_with("inn")) s.pop_back();
    return s;
  }

  // The umlaut-free stem of a lexicon noun with an umlaut whose umlaut-free stem is the stem of a
  // lexicon noun too ("ärzte" → "arzt", "mütter" → "mutt" of "mutter"): the umlaut plural meets its
  // singular at stem level. Empty otherwise and where it equals the stem. Adjectives and
  // derivations ("gefährlich", "präsident") get none: "Gefahr" does not find "gefährlich".
  std::string umlaut_free_stem(std::string_view exact, std::string_view stem, bool capitalised) {
    if (stem.empty() || !options_.fold_umlauts || !lexicon_ || !has_umlaut(exact)) return {};
    if (!lexicon_->is_noun(CompoundLexicon::fold(exact))) return {};
    const std::string plain = fold_umlauts(strip_umlauts(exact));
    std::string s = stem_of(plain, capitalised, plain);
    if (s == stem || !stem_of_a_noun(s)) return {};
    return s;
  }

  // Whether a stem is that of a lexicon noun: the noun itself or with a usual ending ("mutt" of
  // "mutter", "gart" of "garten").
  bool stem_of_a_noun(std::string_view s) const {
    for (std::string_view ending : kNounStemEndings)
      if (lexicon_->is_noun(std::string(s) + std::string(ending))) return true;
    return false;
  }

  // Coordination ellipsis: the variant a truncated word stands for, or "". "Ein- und Ausreise":
  // "Ein" + the head of "Ausreise" = "Einreise"; "Schulleiterinnen und -leiter": the modifier of
  // "Schulleiterinnen" + "leiter" = "Schulleiter".
  std::string completed_prefix(std::string_view truncated, std::string_view completing) const {
    const std::string exact = normalize_text(completing);
    const std::size_t head = head_start(exact);
    if (head == std::string::npos) return {};
    return std::string(truncated) + exact.substr(head);
  }
  std::string completed_suffix(std::string_view first, std::string_view truncated) const {
    const std::string exact = normalize_text(first), tail = normalize_text(truncated);
    std::size_t at = exact.rfind(tail);
    if (at == std::string::npos || at < kMinModifierBytes) {
      // Not inside the first word: its last compound part is what the truncated word replaces.
      at = last_part_start(exact);
      if (at == std::string::npos) return {};
    }
    std::string_view modifier = first.size() == exact.size() ? first.substr(0, at) : std::string_view(exact).substr(0, at);
    return std::string(modifier) + tail;
  }

 private:
  // Where the last compound part of a normalised word starts, npos when it is no compound.
  std::size_t last_part_start(const std::string& exact) const {
    if (!splitter_ || exact.size() > kMaxWordBytes) return std::string::npos;
    const std::vector<CompoundPart> parts = splitter_->split(exact);
    return parts.empty() ? std::string::npos : parts.back().begin;
  }

  // Where the head of a compound starts in its normalised form: the last compound part, else the
  // longest tail that is a lexicon word ("aus|reise", "nach|teile"), else npos.
  std::size_t head_start(const std::string& exact) const {
    if (const std::size_t at = last_part_start(exact); at != std::string::npos) return at;
    if (!lexicon_) return std::string::npos;
    const std::string key = CompoundLexicon::fold(exact);
    for (std::size_t at = kMinEllipsisPartBytes; at + kMinEllipsisPartBytes < key.size(); ++at) {
      if (utf8::is_continuation(static_cast<unsigned char>(exact[at]))) continue;
      if (length(std::string_view(exact).substr(at)) >= kMinEllipsisHeadChars && lexicon_->contains(std::string_view(key).substr(at)))
        return at;
    }
    return std::string::npos;
  }

  // Snowball cuts some compounds into their head: "polarstern" → "polarst" while "polarsterne" →
  // "polarstern"; "bundesländern" → "bundesla". A word that is a modifier and a lexicon noun
  // ("polar|stern", "bundes|ländern") is never cut deeper than that noun's own stem.
  std::string keep_lexicon_head(std::string_view folded, std::string stem) {
    if (!lexicon_ || stem.size() >= folded.size() || derived_ending(folded)) return stem;
    const std::size_t cut = folded.size() - stem.size();
    for (std::size_t at = kMinModifierBytes; at + std::max(cut, kMinHeadBytes) <= folded.size(); ++at) {
      const std::string_view head = folded.substr(at);
      if (!(lexicon_->flags(head) & CompoundLexicon::kCapitalized) || !modifier_like(folded.substr(0, at))) continue;
      std::string kept = std::string(folded.substr(0, at)) + base_stem(head);
      return kept.size() > stem.size() ? kept : stem;
    }
    return stem;
  }

  // A word derived with a suffix Snowball knows (-ung, -heit, -keit, -isch, -lich, -ig, inflected):
  // Snowball stems the derivation itself alike in all forms, and a head found inside it would be
  // a false split ("afrikanischen" is not "afrika" + "nischen", "regelungen" not "rege" + "lungen").
  static bool derived_ending(std::string_view folded) {
    for (std::string_view ending : {"", "e", "en", "er", "es", "em"}) {
      if (!folded.ends_with(ending)) continue;
      const std::string_view base = folded.substr(0, folded.size() - ending.size());
      for (std::string_view suffix : kDerivedWordSuffixes)
        if (base.ends_with(suffix)) return true;
    }
    return false;
  }

  // A lexicon word, also before a linking element, that is no prefix or particle ("ent" in
  // "entscheidung", "vor" in "vorstellung" are not).
  bool modifier_like(std::string_view prefix) const {
    auto listed = [&](std::string_view w) {
      return !(splitter_ && splitter_->is_particle(w)) &&
             (lexicon_->flags(w) & (CompoundLexicon::kLower | CompoundLexicon::kCapitalized)) != 0;
    };
    if (splitter_ && splitter_->is_particle(prefix)) return false;
    if (listed(prefix)) return true;
    for (std::string_view fuge : {"s", "es", "n", "en"})
      if (prefix.size() > fuge.size() + 2 && prefix.ends_with(fuge) && listed(prefix.substr(0, prefix.size() - fuge.size())))
        return true;
    return false;
  }

  // The forms every word needs (exact, folded, stop); complete when there is nothing to stem.
  WordInfo normalised_forms(std::string_view surface, TokenKind kind) const {
    WordInfo w;
    const std::string norm = normalize_text(surface);
    w.exact = exact_form(norm, surface, kind, &w.gender);
    w.folded = options_.fold_umlauts ? fold_umlauts(w.exact) : w.exact;
    w.stop = kind == TokenKind::Word && stop_.contains(w.exact);
    w.complete = !stemmable(w, kind);
    return w;
  }

  static bool stemmable(const WordInfo& w, TokenKind kind) {
    return (kind == TokenKind::Word || kind == TokenKind::Hashtag) && !w.stop && w.exact.size() <= kMaxWordBytes;
  }

  // Stem, umlaut-free stem, gender variant and compound parts of a word with its normalised forms.
  void complete(WordInfo& w, std::string_view surface, TokenKind kind) {
    w.complete = true;
    if (!stemmable(w, kind)) return;
    const bool capitalised = starts_upper(surface);
    std::string_view base = w.folded;
    if (kind == TokenKind::Hashtag) base.remove_prefix(1);
    w.stem = stem_of(base, capitalised, kind == TokenKind::Hashtag ? std::string_view(w.exact).substr(1) : w.exact);
    if (kind == TokenKind::Word) w.base_stem = umlaut_free_stem(w.exact, w.stem, capitalised);
    if (w.gender) add_gender_variant(w);  // first: variants precede parts (Analysis::words)
    // Hyphenated words: each segment is a part, and long segments are split further.
    std::vector<std::pair<std::size_t, std::size_t>> segments;
    std::size_t seg_start = kind == TokenKind::Hashtag ? 1 : 0;
    bool hyphenated = false;
    for (std::size_t i = seg_start; i < surface.size();) {
      std::size_t len = 0;
      if (is_hyphen_at(surface, i, &len) && !(i > 0 && surface[i - 1] == '/')) {  // "Referent/-innen"
        segments.emplace_back(seg_start, i);
        seg_start = i + len;
        i += len;
        hyphenated = true;
      } else {
        ++i;
      }
    }
    segments.emplace_back(seg_start, surface.size());
    for (auto [b, e] : segments) {
      std::string_view seg_surface = surface.substr(b, e - b);
      std::string seg_exact = hyphenated ? exact_form(normalize_text(seg_surface), seg_surface, TokenKind::Word, nullptr)
                                         : (kind == TokenKind::Hashtag ? w.exact.substr(1) : w.exact);
      if (seg_exact.empty()) continue;
      if (hyphenated && (length(seg_exact) >= 2 || is_ascii_digit(seg_exact[0])) && !stop_.contains(seg_exact)) {  // "9-Euro-Ticket" keeps 9
        add_extra(w, seg_exact, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), starts_upper(seg_surface),
                  options_.hyphen_segments_as_words);
      }
      if (splitter_ && seg_exact.size() <= kMaxWordBytes) {
        for (const CompoundPart& p : splitter_->split(seg_exact)) {
          auto [pb, pe] = map_range(seg_exact, seg_surface, p.begin, p.end);
          add_extra(w, p.lemma, static_cast<std::uint32_t>(b + pb), static_cast<std::uint32_t>(b + pe), false);
        }
      }
    }
  }

  void add_extra(WordInfo& w, std::string_view exact, std::uint32_t begin, std::uint32_t end, bool capitalised,
                 bool segment = false) {
    ExtraInfo x;
    x.segment = segment;
    x.exact = exact;
    x.folded = options_.fold_umlauts ? fold_umlauts(x.exact) : x.exact;
    x.stem = stem_of(x.folded, capitalised, x.exact);
    x.base_stem = umlaut_free_stem(x.exact, x.stem, capitalised);
    x.begin = begin;
    x.end = end;
    x.kind = TokenKind::Part;
    for (const auto& e : w.extras)
      if (e.stem == x.stem && e.begin == x.begin && e.end == x.end) return;
    w.extras.push_back(std::move(x));
  }

  // "Politiker*innen" also means "Politiker": the masculine form is a variant at the same position.
  void add_gender_variant(WordInfo& w) {
    std::string_view base = w.exact;
    if (base.ends_with("innen")) base.remove_suffix(5);
    else if (base.ends_with("in")) base.remove_suffix(2);
    else return;
    if (base.size() < 3) return;
    ExtraInfo x;
    x.exact = base;
    x.folded = options_.fold_umlauts ? fold_umlauts(x.exact) : x.exact;
    x.stem = stem_of(x.folded, false, x.exact);
    x.base_stem = umlaut_free_stem(x.exact, x.stem, false);
    x.kind = TokenKind::Variant;
    w.extras.push_back(std::move(x));
  }

  // The normalised word without hyphens, apostrophes, gender markers or abbreviation spaces.
  static std::string exact_form(const std::string& norm, std::string_view surface, TokenKind kind, bool* gender) {
    if (kind == TokenKind::Url || kind == TokenKind::Email || kind == TokenKind::Number) return norm;
    std::string out;
    out.reserve(norm.size());
    for (std::size_t i = 0; i < norm.size(); ++i) {
      char c = norm[i];
      if (c == '-' || c == '\'' || (c == ' ' && kind == TokenKind::Abbreviation)) continue;
      const bool score = c == ':' && i > 0 && is_ascii_digit(norm[i - 1]) && i + 1 < norm.size() && is_ascii_digit(norm[i + 1]);
      if ((c == '*' || c == ':' || c == '_' || c == '/') && kind == TokenKind::Word && !score) {  // "2:1-Sieg" keeps 2:1
        if (gender) *gender = true;
        continue;
      }
      out.push_back(c);
    }
    // Binnen-I: "PolitikerInnen", "LehrerIn".
    if (gender && kind == TokenKind::Word) {
      for (std::string_view suffix : {std::string_view("Innen"), std::string_view("In")}) {
        if (surface.size() > suffix.size() + 2 && surface.ends_with(suffix)) {
          char before = surface[surface.size() - suffix.size() - 1];
          if (before >= 'a' && before <= 'z') *gender = true;
          break;
        }
      }
    }
    return out;
  }

  AnalyzerOptions options_;
  std::shared_ptr<const CompoundLexicon> lexicon_;
  Xapian::Stem stemmer_;
  std::optional<CompoundSplitter> splitter_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> stop_;
  // Node-based: a WordInfo never moves once inserted, so tokens may point into it.
  using WordMap = std::unordered_map<std::string, WordInfo, StringHash, std::equal_to<>>;
  std::shared_ptr<WordMap> words_ = std::make_shared<WordMap>();
};

std::string Analyzer::default_lexicon_path() {
  if (const char* env = std::getenv("NEWSINDEX_LEXICON"); env && *env) return env;
  return NEWSINDEX_DEFAULT_LEXICON;
}

Analyzer::Analyzer(AnalyzerOptions options) : options_(std::move(options)) {
  if (options_.lexicon_path.empty()) options_.lexicon_path = default_lexicon_path();
  // The lexicon serves the genitive rule too, so it is loaded even without compound splitting.
  try {
    lexicon_ = shared_lexicon(options_.lexicon_path);
  } catch (const std::exception& e) {
    throw EnvironmentError(fmt::format(
        "{} (the German word list is part of the analysis: install Debian's wngerman or set NEWSINDEX_LEXICON)",
        e.what()));
  }
  cache_ = std::make_unique<WordCache>(options_, lexicon_);
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<WordGroup> Analysis::words() const {
  std::vector<WordGroup> out;
  const std::size_t n = tokens_.size();
  for (std::size_t i = 0; i < n;) {
    const TokenKind kind = tokens_[i].kind;
    if (kind == TokenKind::Part || kind == TokenKind::Variant) {
      ++i;
      continue;
    }
    std::size_t v = i + 1;
    while (v < n && tokens_[v].kind == TokenKind::Variant) ++v;
    std::size_t p = v;
    while (p < n && tokens_[p].kind == TokenKind::Part) ++p;
    out.push_back(WordGroup{tokens_[i], std::span<const Token>(tokens_).subspan(i + 1, v - i - 1),
                            std::span<const Token>(tokens_).subspan(v, p - v)});
    i = p;
  }
  return out;
}

namespace {

bool is_hyphen_char(std::string_view text, std::size_t at, std::size_t* len) {
  return at < text.size() && is_hyphen_at(text, at, len);
}

// Only spaces and at most one comma or slash ("Ein-/Ausfuhr"): what may stand between the words
// of a coordination.
bool coordination_gap(std::string_view gap, bool* comma) {
  *comma = false;
  for (char c : gap) {
    if ((c == ',' || c == '/') && !*comma) *comma = true;
    else if (c != ' ' && c != '\t' && c != '\n') return false;
  }
  return true;
}

bool is_conjunction(std::string_view surface) {
  return surface == "und" || surface == "oder" || surface == "bis" || surface == "sowie";
}

}  // namespace

// Coordination ellipsis over the raw tokens: "X- und Y" (also "X-, V- und Y", with oder, bis,
// sowie or commas) gives each truncated X the completion X + head of Y; "W und -Y" gives -Y the
// completion modifier of W + Y. Returns the completion per token ("" for none).
std::vector<std::string> Analyzer::complete_ellipses(std::string_view text, const std::vector<RawToken>& raw) const {
  std::vector<std::string> out(raw.size());
  auto surface = [&](std::size_t i) { return text.substr(raw[i].start, raw[i].end - raw[i].start); };
  auto truncated = [&](std::size_t i, std::size_t* len) {
    return raw[i].kind == TokenKind::Word && is_hyphen_char(text, raw[i].end, len);
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::size_t len = 0;
    if (!truncated(i, &len)) continue;
    std::vector<std::size_t> run{i};
    std::size_t j = i, after = raw[i].end + len;
    bool linked = false;  // a conjunction or comma stands before the completing word
    for (++j; j < raw.size(); ++j) {
      bool comma = false;
      if (!coordination_gap(text.substr(after, raw[j].start - after), &comma)) break;
      linked = linked || comma;
      if (is_conjunction(surface(j))) {
        linked = true;
        after = raw[j].end;
        continue;
      }
      if (truncated(j, &len)) {
        run.push_back(j);
        after = raw[j].end + len;
        linked = false;
        continue;
      }
      break;
    }
    if (j < raw.size() && linked && raw[j].kind == TokenKind::Word) {
      for (std::size_t x : run) out[x] = cache_->completed_prefix(surface(x), surface(j));
    }
    i = j - 1;
  }
  // "Schulleiterinnen und -leiter": a word after a conjunction that starts with a hyphen.
  for (std::size_t i = 2; i < raw.size(); ++i) {
    std::size_t len = 0, start = raw[i].start;
    if (raw[i].kind != TokenKind::Word || start < 2 || !is_conjunction(surface(i - 1))) continue;
    const std::size_t hyphen = text[start - 1] == '-' ? start - 1 : start >= 3 ? start - 3 : start;
    if (!is_hyphen_char(text, hyphen, &len) || hyphen + len != start) continue;
    bool comma = false;
    if (!coordination_gap(text.substr(raw[i - 1].end, hyphen - raw[i - 1].end), &comma) || comma) continue;
    if (raw[i - 2].kind != TokenKind::Word || truncated(i - 2, &len)) continue;
    out[i] = cache_->completed_suffix(surface(i - 2), surface(i));
  }
  return out;
}

namespace {

constexpr bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr std::string_view kConjunctions[] = {"und", "oder", "bis", "sowie"};  // is_conjunction's

// Whether p is a cut (analysis_cut_before): conjunctions are judged by their bytes alone, which
// also forbids a cut next to "Kund" or "bisher" (fewer cuts, never a wrong one).
bool is_analysis_cut(std::string_view text, std::size_t p) {
  if (p == 0 || p >= text.size()) return true;
  const char c = text[p];
  if ((c != ' ' && c != '\t' && c != '\n') || p + 1 >= text.size()) return false;
  if (!is_ascii_alnum(text[p - 1]) || !is_ascii_alnum(text[p + 1])) return false;
  for (std::string_view conj : kConjunctions)
    if (text.substr(0, p).ends_with(conj) || text.substr(p + 1).starts_with(conj)) return false;
  return true;
}

}  // namespace

std::size_t analysis_cut_before(std::string_view text, std::size_t at) {
  for (std::size_t p = std::min(at, text.size()); p > 0; --p)
    if (is_analysis_cut(text, p)) return p;
  return 0;
}

std::size_t analysis_cut_after(std::string_view text, std::size_t at) {
  for (std::size_t p = at; p < text.size(); ++p)
    if (is_analysis_cut(text, p)) return p;
  return text.size();
}

namespace {

// What scan_letters does with an ASCII byte.
enum class AsciiClass : std::uint8_t { Drop, Letter, Space, Blank, Hyphen };
constexpr std::array<AsciiClass, 128> kAsciiClass = [] {
  std::array<AsciiClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (is_ascii_alnum(static_cast<char>(c))) t[c] = AsciiClass::Letter;
    else if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') t[c] = AsciiClass::Blank;
  }
  t[' '] = AsciiClass::Space;
  t['-'] = AsciiClass::Hyphen;
  return t;
}();

// The projection of scan_letters; offsets and must_analyse are filled when given. Plain loops
// over local pointers: a char store may alias anything, so captured state would be reloaded.
void project_letters(std::string_view text, bool fold, std::string& letters, std::vector<std::uint32_t>* offsets,
                     std::vector<std::uint32_t>* must_analyse) {
  const std::size_t n = text.size();
  // No input byte gives more than one letter: ASCII gives one or none, a character of two or more
  // bytes at most two ("ä" → "ae", "ß" → "ss"), a separator one, a broken sequence one.
  letters.resize(n);
  std::vector<std::uint32_t> scratch;
  std::vector<std::uint32_t>& offs = offsets ? *offsets : scratch;
  offs.resize(n);
  char* const out = letters.data();
  std::uint32_t* const at = offs.data();
  const char* const in = text.data();
  std::size_t len = 0;
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  auto gap = [&](std::size_t i) {  // what may stand between the words of a coordination ellipsis
    return i >= n || blank(in[i]) || in[i] == ',' || in[i] == '/';
  };
  auto hyphen = [&](std::size_t i, std::size_t bytes) {  // a hyphen at a word's edge may truncate a word
    if (must_analyse && (gap(i + bytes) || (i > 0 && blank(in[i - 1])))) must_analyse->push_back(static_cast<std::uint32_t>(i));
  };
  for (std::size_t i = 0; i < n;) {
    // Most of a text: runs of lowercase ASCII letters.
    while (i < n && static_cast<unsigned char>(in[i] - 'a') < 26) {
      out[len] = in[i];
      at[len++] = static_cast<std::uint32_t>(i++);
    }
    if (i >= n) break;
    const auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      switch (kAsciiClass[c]) {
        case AsciiClass::Letter:
          out[len] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
          at[len++] = static_cast<std::uint32_t>(i);
          break;
        case AsciiClass::Space:
          if (i > 0 && in[i - 1] == '.') break;  // "z. B." keeps its space
          [[fallthrough]];
        case AsciiClass::Blank:
          if (len && out[len - 1] != ' ') out[len] = ' ', at[len++] = static_cast<std::uint32_t>(i);
          break;
        case AsciiClass::Hyphen: hyphen(i, 1); break;
        case AsciiClass::Drop: break;
      }
      ++i;
      continue;
    }
    std::int32_t next = static_cast<std::int32_t>(i);
    UChar32 cp;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(in), next, static_cast<std::int32_t>(n), cp);
    const char* two = nullptr;  // a folded pair
    bool separate = false;
    switch (cp) {
      case 0xC4: case 0xE4: two = fold ? "ae" : "\xC3\xA4"; break;  // Ä ä
      case 0xD6: case 0xF6: two = fold ? "oe" : "\xC3\xB6"; break;  // Ö ö
      case 0xDC: case 0xFC: two = fold ? "ue" : "\xC3\xBC"; break;  // Ü ü
      case 0xDF: two = fold ? "ss" : "\xC3\x9F"; break;             // ß
      // White space: never inside a token.
      case 0xA0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006:
      case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
      case 0x3000:
        separate = true;
        break;
      case 0x2010: case 0x2011: hyphen(i, 3); break;
      // Invisible characters (normalizer.h's is_ignorable), dashes, quotes, apostrophes and symbols
      // whose NFKC form holds no letter or digit: dropped, as punctuation is.
      case 0xAD: case 0x200B: case 0x200C: case 0x200D: case 0x200E: case 0x200F: case 0x2060: case 0xFEFF:
      case 0x034F: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0x2018: case 0x2019:
      case 0x201A: case 0x201B: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB:
      case 0x2026: case 0xB7: case 0x2022: case 0x20AC: case 0xA7: case 0xB0:
        break;
      default:
        if (must_analyse) must_analyse->push_back(static_cast<std::uint32_t>(i));
        separate = true;
    }
    if (two) {
      out[len] = two[0], at[len++] = static_cast<std::uint32_t>(i);
      out[len] = two[1], at[len++] = static_cast<std::uint32_t>(i);
    } else if (separate && len && out[len - 1] != ' ') {
      out[len] = ' ', at[len++] = static_cast<std::uint32_t>(i);
    }
    i = static_cast<std::size_t>(next);
  }
  letters.resize(len);
  offs.resize(len);
}

}  // namespace

LetterScan scan_letters(std::string_view text, bool fold_umlauts) {
  LetterScan scan;
  project_letters(text, fold_umlauts, scan.letters, &scan.offsets, &scan.must_analyse);
  return scan;
}

std::string letters_of(std::string_view text, bool fold_umlauts) {
  std::string out;
  project_letters(text, fold_umlauts, out, nullptr, nullptr);
  return out;
}

namespace {

// Points the token's forms at f (which outlives it: the word cache generation).
void set_forms(Token& t, const Forms& f) {
  t.exact = f.exact;
  t.folded = f.folded;
  t.stem = f.stem;
  t.base_stem = f.base_stem;
}

Token make_token(const ExtraInfo& x, std::uint32_t position) {
  Token p;
  p.kind = x.kind;
  set_forms(p, x);
  p.position = position;
  p.segment = x.segment;
  return p;
}

}  // namespace

Analysis Analyzer::analyze(std::string_view text, std::uint32_t first_position) {
  return analyze_with(text, nullptr, first_position);
}

Analysis Analyzer::analyze(std::string_view text, const WordFilter& needs_stems, std::uint32_t first_position) {
  return analyze_with(text, &needs_stems, first_position);
}

Analysis Analyzer::analyze_matching(std::string_view text, const WordFilter& needs_stems, std::uint32_t first_position) {
  return analyze_with(text, &needs_stems, first_position, true);
}

Analysis Analyzer::analyze_with(std::string_view text, const WordFilter* needs_stems, std::uint32_t first_position,
                                bool bare_unmatched) {
  std::shared_ptr<const void> generation = cache_->generation();
  std::vector<RawToken> raw = tokenize(text);
  const std::vector<std::string> completions = complete_ellipses(text, raw);
  std::vector<Token> out;
  out.reserve(raw.size() + raw.size() / 4);
  std::uint32_t position = first_position;
  std::string plain;  // a plain word's folded form (analyze_matching)
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const RawToken& r = raw[k];
    std::string_view surface = text.substr(r.start, r.end - r.start);
    if (bare_unmatched && completions[k].empty() && fold_plain(surface, r.kind, options_.fold_umlauts, plain) && !(*needs_stems)(plain)) {
      Token t;
      t.surface = surface;
      t.position = position++;
      t.start = r.start;
      t.end = r.end;
      t.kind = r.kind;
      out.push_back(t);
      continue;
    }
    const WordInfo& w = cache_->get(surface, r.kind, needs_stems);
    if (w.folded.empty()) continue;
    Token t;
    t.surface = surface;
    set_forms(t, w);
    t.position = position;
    t.start = r.start;
    t.end = r.end;
    t.kind = r.kind;
    t.stop = w.stop;
    out.push_back(t);
    // The word's variants, the completion of a truncated word, then the parts of both.
    const WordInfo* completion = completions[k].empty() ? nullptr : &cache_->get(completions[k], TokenKind::Word);
    if (completion && (completion->folded.empty() || completion->folded == w.folded || completion->stop)) completion = nullptr;
    auto add = [&](const ExtraInfo& x, bool own) {
      Token p = make_token(x, position);
      // Parts of a completion lie outside the text: they take the truncated word's range.
      const bool inside = own && x.kind == TokenKind::Part;
      p.start = inside ? r.start + x.begin : r.start;
      p.end = inside ? r.start + x.end : r.end;
      p.surface = text.substr(p.start, p.end - p.start);
      out.push_back(p);
    };
    for (const ExtraInfo& x : w.extras)
      if (x.kind == TokenKind::Variant) add(x, true);
    if (completion) {
      Token v = t;
      v.kind = TokenKind::Variant;
      set_forms(v, *completion);
      v.stop = false;
      out.push_back(v);
    }
    for (const ExtraInfo& x : w.extras)
      if (x.kind == TokenKind::Part) add(x, true);
    if (completion)
      for (const ExtraInfo& x : completion->extras)
        if (x.kind == TokenKind::Part) add(x, false);
    ++position;
  }
  return Analysis(std::move(out), std::move(generation));
}

std::string Analyzer::fingerprint() const {
  // The libraries' versions too: Snowball's stemmers come with Xapian, normalisation and character
  // classes with ICU, and either may change terms between releases.
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_version);
  return fmt::format(
      "chain={};tokenizer=2;normalize=nfkc+lower-de;fold={};stem={};stop={:016x};compounds={};lexicon={:016x};"
      "xapian={};icu={}",
      kChainVersion, options_.fold_umlauts ? "ae-oe-ue-ss" : "off",
      !options_.stem ? "off" : options_.light_stem ? "savoy-light+inn+genitive-s" : "snowball-german+inn+genitive-s", cache_->stop_hash(),
      options_.split_compounds ? fmt::format("split-v{}", CompoundSplitter::kRulesVersion) : std::string("off"),
      lexicon_ ? lexicon_->fingerprint() : 0, Xapian::version_string(), icu_version) +
      (options_.hyphen_segments_as_words ? "" : ";hyphens=parts");
}

}  // namespace newsindex
