// German compound splitter (decompounder) for newsindex.
//
// CompoundLexicon: the words of a plain German word list (ngerman format: one word per line,
// UTF-8, nouns capitalised), lowercased and stored in one flat open-addressing hash table with
// string_view lookups (no allocation per lookup, a 1-bit-per-hash filter in front). Entries carry
// flags: listed lowercase, listed capitalised (= noun), acronym, recovered noun, productive
// modifier / head. All flags except the first three are derived at load time from the list
// itself (no other data is needed):
//
//  * Noun recovery. wngerman keeps only the lowercase spelling when a word exists both
//    capitalised and lowercase, so important nouns such as Bahn, Preis, Zeit, Schule, Kraft,
//    Spiel, Angriff, Pflege appear only as "bahn", "preis", ... (verb forms, adjectives,
//    prepositions). A lowercase-only entry is flagged as a (weak) noun when
//      (R1) its genitive is a capitalised entry ("Preises", "Angriffs"), or
//      (R2) it is the longest head of >= 2 capitalised lexicon compounds whose modifier is a
//           noun ("Autobahn", "Eisenbahn" -> "bahn").
//  * Productivity. The same pass over the capitalised compounds counts how often a word is a
//    modifier or a head of a lexicon compound. Short parts (<= 4 characters) that are not
//    productive ("verb" in "verb|raucher", "pin" in "kern|pin|resonanz") count as junk.
//
// CompoundSplitter: dynamic programming over the character boundaries of the input word. A split
// is a sequence of modifiers followed by one head. A modifier span is a lexicon noun (or an
// allowlisted adjective/verb stem) plus an optional linking element (Fuge: s, es, ens, n, en,
// er, e), or a noun with an elided final -e (schul|bus -> schule); the head is a lexicon noun
// in any inflected form listed in the lexicon (its lemma is its surface). Ranking, in order:
// most non-junk parts (so every leaf part of a 3- or 4-part compound is returned), fewer parts,
// longer parts (sum of squared part lengths), more productive modifiers, fewer weak parts.
// Quality rules:
//   * parts have >= 3 characters (2 only for the allowlist "öl", "eu");
//   * derivational prefixes, particles and function words are never modifiers
//     (ver|kauf, ent|scheidung, ur|instinkt, ein|fluss, miss|erfolg, ...);
//   * derivational suffixes are never parts (wirt|schaft, infekt|ion, terror|ist) and no
//     boundary cuts -ung, -heit, -keit, -schaft, -tion, -ismus, -ität; -in/-innen, -bar, -los
//     are never heads (kanzler|in, bürger|innen, sicht|bar);
//   * no boundary inside the shortest prefix derivation that starts at a possible part
//     boundary (krieg|verbrechen, not verb|rechen; truppen|abzug, not truppe|nabe|zug);
//   * a word listed in the lexicon only in lowercase (adjective, adverb, verb: "bundesweit",
//     "erfolgreich", "arbeitslos") is never split;
//   * nominalised participles ("vorsitz|ende", "reis|ende") are not split; the feminine form of
//     a lexicon noun keeps its base intact (konstrukteur|in, not konstrukte|urin);
//   * modifiers ending in -ung/-heit/-keit/-schaft/-tion/-sion/-tät/-ling/-tum need a linking
//     element (arbeit|samt is no alternative to gesundheit|s|amt);
//   * a small list of lexicalised words (fußball, deutschland, hochzeit, wasserstoff, weekdays,
//     ...) is never decomposed, also not inside longer compounds:
//     fußballweltmeisterschaft -> fußball | welt | meisterschaft.
// Modifier lemmas drop the linking element and restore an elided -e (arbeits -> arbeit,
// bundes -> bund, straßen -> straße, kinder -> kind, hilfs -> hilfe, schul -> schule), but keep
// nouns that merely end like a Fuge (kurs, spieler, daten, kosten).
//
// Thread safety: both classes are immutable after construction; split() is const and may be
// called concurrently from several threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

// One part of a compound: bytes [begin,end) of the input word, and the lexicon form to index
// (differs from the surface with e-elision: "schul" in "schulbus" has lemma "schule").
struct CompoundPart {
  std::string lemma;
  std::size_t begin = 0;
  std::size_t end = 0;

  friend bool operator==(const CompoundPart&, const CompoundPart&) = default;
};

namespace compound_detail {

// Folds German umlauts and ß in place, keeping the byte length: ä→ae, ö→oe, ü→ue, ß→ss.
void fold_german(char* s, std::size_t n) noexcept;
std::string fold_german(std::string_view s);

// Stable 64-bit hash of a byte string (same value on every platform and run).
std::uint64_t hash_bytes(std::string_view s) noexcept;

// Flat open-addressing set of strings with one byte of flags per entry. All strings live in one
// arena; lookups take a string_view and never allocate.
class FlatWordTable {
 public:
  FlatWordTable() = default;
  explicit FlatWordTable(std::size_t expected_entries);

  // Inserts `word` (if new) and ORs `flags` into its flags. Returns the slot index.
  std::size_t insert(std::string_view word, std::uint8_t flags);

  // Bulk loading: the caller appends the word bytes to arena() and collects Pending entries;
  // insert_pending() then hashes them into the table, prefetching slots ahead (a full lexicon
  // is far larger than the CPU caches). Duplicate words OR their flags.
  struct Pending {
    std::uint64_t hash = 0;
    std::uint32_t off = 0;
    std::uint16_t len = 0;
    std::uint8_t flags = 0;
  };
  std::string& arena() noexcept { return arena_; }
  void insert_pending(const std::vector<Pending>& entries);
  // Flags of `word`, or 0 when absent (entries always have at least one flag bit set).
  std::uint8_t flags(std::string_view word) const noexcept;
  // Slot index of `word`, or npos.
  std::size_t find(std::string_view word) const noexcept;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return slot_count(); }
  // Slot access for whole-table passes (slot_used(i) false for empty slots).
  bool slot_used(std::size_t i) const noexcept { return slot_ptr()[i].len != 0; }
  std::string_view slot_word(std::size_t i) const noexcept {
    const Slot& s = slot_ptr()[i];
    return std::uint64_t{s.off} + s.len <= arena_size() ? std::string_view(arena_ptr() + s.off, s.len) : std::string_view();
  }
  std::uint8_t slot_flags(std::size_t i) const noexcept { return slot_ptr()[i].flags; }
  void set_slot_flags(std::size_t i, std::uint8_t f) noexcept { slots_[i].flags = f; }

  // The whole table as bytes for the on-disk lexicon cache (lexicon_cache.cpp; sections padded to
  // 8 bytes), and a read-only table over such an image in memory that `owner` keeps alive (a
  // mapped file): nothing is copied. restore() returns false for a malformed or truncated image;
  // lookups stay inside the image even when its contents are damaged.
  void save(std::string& out) const;
  bool restore(std::string_view& image, std::shared_ptr<const void> owner);

 private:
  struct Slot {
    std::uint32_t off = 0;
    std::uint16_t len = 0;  // 0 = empty slot
    std::uint8_t flags = 0;
    std::uint8_t tag = 0;   // 8 more hash bits for a cheap mismatch test
  };
  void grow();
  void rehash(std::size_t capacity);
  void insert_hashed(const Pending& p);

  bool maybe_contains(std::uint64_t h) const noexcept {
    const std::uint64_t b = (h >> 24) & filter_mask_;
    return (filter_ptr()[b >> 6] >> (b & 63)) & 1u;
  }

  // Where the table lives: the owned members while it is built, else a restored image.
  const char* arena_ptr() const noexcept { return image_.slots ? image_.arena : arena_.data(); }
  std::size_t arena_size() const noexcept { return image_.slots ? image_.arena_size : arena_.size(); }
  const Slot* slot_ptr() const noexcept { return image_.slots ? image_.slots : slots_.data(); }
  std::size_t slot_count() const noexcept { return image_.slots ? image_.slot_count : slots_.size(); }
  const std::uint64_t* filter_ptr() const noexcept { return image_.slots ? image_.filter : filter_.data(); }
  struct Image {
    const char* arena = nullptr;
    std::size_t arena_size = 0;
    const Slot* slots = nullptr;  // null: the owned members hold the table
    std::size_t slot_count = 0;
    const std::uint64_t* filter = nullptr;
  };
  Image image_;
  std::shared_ptr<const void> image_owner_;

  std::string arena_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  // One-bit-per-hash filter (about 16 bits per entry): most failed lookups stop here without
  // touching the slot array, which does not fit in the CPU caches for a full lexicon.
  std::vector<std::uint64_t> filter_;
  std::uint64_t filter_mask_ = 0;
};

}  // namespace compound_detail

// Word list of German lexicon words (lowercased), nouns flagged; loaded once, shared read-only.
class CompoundLexicon {
 public:
  enum Flag : std::uint8_t {
    kLower = 1,           // listed in lowercase (verb, adjective, adverb, function word, ...)
    kCapitalized = 2,     // listed capitalised: a noun (or a name)
    kAcronym = 4,         // listed in capitals ("EU", "ABC"); not flagged kCapitalized
    kRecoveredNoun = 8,   // lowercase-only entry recognised as a noun (see file comment)
    kProductiveModifier = 16,      // modifier of >= 3 lexicon compounds
    kVeryProductiveModifier = 32,  // modifier of >= 20 lexicon compounds ("bund", "arbeit")
    kProductiveHead = 64,          // head of >= 3 lexicon compounds
  };
  // Evidence thresholds of the load-time analysis (see file comment).
  static constexpr int kMinHeadEvidence = 2;
  static constexpr int kMinModifierEvidence = 3;
  static constexpr int kStrongModifierEvidence = 20;

  // Plain word list (ngerman format): one word per line, UTF-8; "#" lines, empty lines and
  // entries with apostrophes or digits are skipped. Throws std::runtime_error naming the path
  // when the file cannot be read or holds no usable entry.
  static CompoundLexicon load(const std::string& path);
  // Same rules as load(), for tests and embedded lists.
  static CompoundLexicon from_words(const std::vector<std::string>& words);
  // load() through a per-user binary cache (lexicon_cache.cpp): the finished table is written once
  // to user_cache_dir() (cache_dir.h), keyed by the word list's path, size, mtime and inode,
  // kCacheVersion and CompoundSplitter::kRulesVersion, and then memory-mapped instead of being
  // derived again (~60 ms). NEWSINDEX_CACHE_DIR=off disables it; a cache that cannot be written
  // or read is ignored (the list is loaded directly).
  static CompoundLexicon load_cached(const std::string& path);
  // Bump whenever load()/finish() derive different flags from the same list: old cache files
  // are then ignored. (CompoundSplitter::kRulesVersion is part of the key too.)
  static constexpr int kCacheVersion = 1;

  // Stable hash of the content (the set of lowercased entries and their case class), independent
  // of the order of lines; recorded in the index to detect a changed lexicon.
  std::uint64_t fingerprint() const noexcept { return fingerprint_; }
  std::size_t size() const noexcept { return table_.size(); }

  // The lookup key of a lowercase word: umlauts and ß folded (ä→ae, ö→oe, ü→ue, ß→ss), the same
  // byte length. Entries are stored folded; flags() and the predicates below take folded words.
  static std::string fold(std::string_view lowercase_word) { return compound_detail::fold_german(lowercase_word); }

  std::uint8_t flags(std::string_view lowercase_word) const noexcept {
    return table_.flags(lowercase_word);
  }
  bool contains(std::string_view w) const noexcept { return flags(w) != 0; }
  // Capitalised entry (acronyms excluded) or recovered noun.
  bool is_noun(std::string_view w) const noexcept {
    return (flags(w) & (kCapitalized | kRecoveredNoun)) != 0;
  }

 private:
  friend struct LexiconImage;  // lexicon_cache.cpp
  CompoundLexicon() = default;
  // The bytes of a word list; throws std::runtime_error naming the path.
  static std::string read_word_list(const std::string& path);
  // load() on bytes already read (path for messages).
  static CompoundLexicon from_text(std::string_view data, const std::string& path);
  void add_line(std::string_view line);
  void finish();
  std::uint64_t content_fingerprint() const noexcept;
  void set_flag(std::size_t slot, std::uint8_t flag) noexcept;
  void recover_nouns_from_genitives() noexcept;
  std::size_t word_slot(std::string_view w, std::uint8_t mask) const noexcept;
  std::size_t modifier_slot(std::string_view prefix, std::uint8_t mask) const noexcept;
  void count_compound_evidence(std::vector<std::uint8_t>& head_count, std::vector<std::uint8_t>& mod_count) const;
  void apply_evidence(const std::vector<std::uint8_t>& head_count,
                      const std::vector<std::uint8_t>& mod_count) noexcept;

  std::vector<compound_detail::FlatWordTable::Pending> pending_;
  std::uint64_t fp_sum_ = 0, fp_xor_ = 0;

  compound_detail::FlatWordTable table_;
  std::uint64_t fingerprint_ = 0;
};

// Splits lowercased German words (NFKC, lowercase, umlauts and ß kept, no hyphens) into parts.
class CompoundSplitter {
 public:
  // Bumped whenever the splitting rules change (indexes may record it next to the fingerprint).
  static constexpr int kRulesVersion = 2;
  // Longest word (in characters) that is considered; longer words are not split.
  static constexpr std::size_t kMaxChars = 64;
  // Parts of at most this many characters count as "junk" unless the lexicon shows them as
  // productive modifiers/heads ("verb" in "verb|raucher", "pin" in "kern|pin|resonanz").
  static constexpr std::size_t kShortPartChars = 4;
  // A split needs at least this many non-junk parts.
  static constexpr int kMinSolidParts = 1;

  explicit CompoundSplitter(std::shared_ptr<const CompoundLexicon> lexicon);

  // Parts covering the whole word, in order (linking elements belong to the span of the
  // preceding part, not to its lemma). Empty = not a compound. Input that is not lowercase
  // (ASCII uppercase letters, digits, punctuation) is never split.
  std::vector<CompoundPart> split(std::string_view word) const;

  const CompoundLexicon& lexicon() const noexcept { return *lexicon_; }

  // A derivational prefix, particle or function word (folded): never a modifier ("ent", "vor").
  bool is_particle(std::string_view folded) const noexcept;

 private:
  struct ModLemma;
  struct Layout;
  struct Tail;
  using Tails = std::array<Tail, kMaxChars + 1>;
  static bool lay_out(std::string_view word, Layout& w);
  bool reachable(Layout& w, std::size_t a) const;
  void forbid_prefix_derivations(Layout& w) const;
  std::size_t feminine_suffix(std::string_view word) const noexcept;
  Tail head_tail(const Layout& w, std::size_t j, std::size_t fem_len) const;
  bool participle_ending(const Layout& w, std::size_t k, const Tail& t) const;
  void best_tails(const Layout& w, std::size_t fem_len, Tails& tail) const;
  static std::vector<CompoundPart> collect_parts(const Layout& w, const Tails& tail, std::string_view written);
  void forbid_inside_derivations(Layout& w) const;
  bool split_like_base(std::string_view word, std::string_view folded, std::vector<CompoundPart>& parts) const;
  static std::string fold(std::string_view w) { return CompoundLexicon::fold(w); }
  bool head_ok(std::string_view head, bool& weak, bool& junk) const noexcept;
  bool resolve_modifier(std::string_view surface, ModLemma& out) const noexcept;
  std::uint8_t rule(std::string_view w) const noexcept { return rules_.flags(w); }
  bool lexicon_noun_part(std::string_view w, bool& weak) const noexcept;

  std::shared_ptr<const CompoundLexicon> lexicon_;
  compound_detail::FlatWordTable rules_;       // built-in word lists (see .cpp)
  std::vector<std::string> atomic_words_;      // lexicalised words, never decomposed
  std::vector<std::string> deriv_prefixes_;    // derivation prefixes (ver, ent, an, ...)
  std::vector<std::string> no_cut_inside_;     // strings no boundary cuts (ung, heit, ...)
  std::vector<std::string> need_fuge_endings_; // modifier endings that need a linking element
  std::vector<std::string> derivation_suffixes_;  // suffixes of derived words (forbid_inside_derivations)
};

}  // namespace newsindex
