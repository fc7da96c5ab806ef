// German compound splitter for newsindex. See compound_splitter.h for the design.
#include "compound_splitter.h"

#include "utf8.h"

#include <algorithm>
#include <string>
#include <array>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace newsindex {

namespace compound_detail {

namespace {

constexpr std::uint64_t kMul1 = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t kMul2 = 0xBF58476D1CE4E5B9ull;

inline std::uint64_t fmix64(std::uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

// Little-endian load written so that the result does not depend on the host byte order
// (GCC/Clang turn it into one load on little-endian machines).
inline std::uint64_t load_le64(const unsigned char* p) noexcept {
  return static_cast<std::uint64_t>(p[0]) | static_cast<std::uint64_t>(p[1]) << 8 |
         static_cast<std::uint64_t>(p[2]) << 16 | static_cast<std::uint64_t>(p[3]) << 24 |
         static_cast<std::uint64_t>(p[4]) << 32 | static_cast<std::uint64_t>(p[5]) << 40 |
         static_cast<std::uint64_t>(p[6]) << 48 | static_cast<std::uint64_t>(p[7]) << 56;
}

}  // namespace

void fold_german(char* s, std::size_t n) noexcept {
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (static_cast<unsigned char>(s[i]) != 0xC3) continue;
    switch (static_cast<unsigned char>(s[i + 1])) {
      case 0xA4: s[i] = 'a', s[i + 1] = 'e'; break;  // ä
      case 0xB6: s[i] = 'o', s[i + 1] = 'e'; break;  // ö
      case 0xBC: s[i] = 'u', s[i + 1] = 'e'; break;  // ü
      case 0x9F: s[i] = 's', s[i + 1] = 's'; break;  // ß
      default: break;
    }
    ++i;
  }
}

std::string fold_german(std::string_view s) {
  std::string out(s);
  fold_german(out.data(), out.size());
  return out;
}

std::uint64_t hash_bytes(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  std::uint64_t h = 0x243F6A8885A308D3ull ^ (static_cast<std::uint64_t>(n) * kMul1);
  while (n >= 8) {
    h ^= load_le64(p);
    h *= kMul2;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  h ^= v;
  h *= kMul1;
  return fmix64(h);
}

FlatWordTable::FlatWordTable(std::size_t expected_entries) {
  std::size_t cap = 16;
  while (cap < expected_entries * 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  arena_.reserve(expected_entries * 11);
  std::size_t bits = 1024;
  while (bits < expected_entries * 16) bits <<= 1;
  filter_.assign(bits / 64, 0);
  filter_mask_ = bits - 1;
}

void FlatWordTable::grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }

void FlatWordTable::rehash(std::size_t cap) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (const Slot& s : old) {
    if (s.len == 0) continue;
    const std::uint64_t h = hash_bytes({arena_.data() + s.off, s.len});
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    while (slots_[i].len != 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

void FlatWordTable::insert_hashed(const Pending& p) {
  {
    const std::uint64_t b = (p.hash >> 24) & filter_mask_;
    filter_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  const auto tag = static_cast<std::uint8_t>(p.hash >> 56);
  std::size_t i = static_cast<std::size_t>(p.hash) & mask_;
  for (;;) {
    Slot& s = slots_[i];
    if (s.len == 0) {
      s.off = p.off;
      s.len = p.len;
      s.flags = p.flags;
      s.tag = tag;
      ++size_;
      return;
    }
    if (s.tag == tag && s.len == p.len &&
        std::memcmp(arena_.data() + s.off, arena_.data() + p.off, p.len) == 0) {
      s.flags = static_cast<std::uint8_t>(s.flags | p.flags);
      return;
    }
    i = (i + 1) & mask_;
  }
}

void FlatWordTable::insert_pending(const std::vector<Pending>& entries) {
  std::size_t cap = slots_.empty() ? 16 : slots_.size();
  while (cap < (size_ + entries.size()) * 2) cap <<= 1;
  if (cap != slots_.size()) rehash(cap);
  if (filter_.empty()) {
    std::size_t bits = 1024;
    while (bits < entries.size() * 16) bits <<= 1;
    filter_.assign(bits / 64, 0);
    filter_mask_ = bits - 1;
  }
  constexpr std::size_t kAhead = 16;
  for (std::size_t k = 0; k < entries.size(); ++k) {
#if defined(__GNUC__) || defined(__clang__)
    if (k + kAhead < entries.size())
      __builtin_prefetch(&slots_[static_cast<std::size_t>(entries[k + kAhead].hash) & mask_], 1);
#endif
    insert_hashed(entries[k]);
  }
}

std::size_t FlatWordTable::insert(std::string_view word, std::uint8_t flags) {
  if (word.empty() || word.size() > 0xFFFF) return npos;
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = hash_bytes(word);
  if (filter_.empty()) {
    filter_.assign(1024 / 64, 0);
    filter_mask_ = 1023;
  }
  {
    const std::uint64_t b = (h >> 24) & filter_mask_;
    filter_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  const auto tag = static_cast<std::uint8_t>(h >> 56);
  std::size_t i = static_cast<std::size_t>(h) & mask_;
  for (;;) {
    Slot& s = slots_[i];
    if (s.len == 0) {
      if (arena_.size() + word.size() > 0xFFFFFFFFull) return npos;
      s.off = static_cast<std::uint32_t>(arena_.size());
      s.len = static_cast<std::uint16_t>(word.size());
      s.flags = flags;
      s.tag = tag;
      arena_.append(word);
      ++size_;
      return i;
    }
    if (s.tag == tag && s.len == word.size() &&
        std::memcmp(arena_.data() + s.off, word.data(), word.size()) == 0) {
      s.flags = static_cast<std::uint8_t>(s.flags | flags);
      return i;
    }
    i = (i + 1) & mask_;
  }
}

std::size_t FlatWordTable::find(std::string_view word) const noexcept {
  const std::size_t count = slot_count();
  if (count == 0 || word.empty() || word.size() > 0xFFFF) return npos;
  const std::uint64_t h = hash_bytes(word);
  if (!maybe_contains(h)) return npos;
  const auto tag = static_cast<std::uint8_t>(h >> 56);
  const Slot* slots = slot_ptr();
  const char* arena = arena_ptr();
  const std::size_t arena_bytes = arena_size();
  std::size_t i = static_cast<std::size_t>(h) & mask_;
  for (std::size_t probes = 0; probes < count; ++probes) {  // bounded: a damaged image may have no empty slot
    const Slot& s = slots[i];
    if (s.len == 0) return npos;
    if (s.tag == tag && s.len == word.size() && std::uint64_t{s.off} + s.len <= arena_bytes &&
        std::memcmp(arena + s.off, word.data(), word.size()) == 0)
      return i;
    i = (i + 1) & mask_;
  }
  return npos;
}

std::uint8_t FlatWordTable::flags(std::string_view word) const noexcept {
  const std::size_t i = find(word);
  return i == npos ? 0 : slot_ptr()[i].flags;
}

}  // namespace compound_detail

namespace {

using compound_detail::FlatWordTable;

using utf8::is_continuation;
inline std::size_t count_chars(std::string_view s) noexcept { return utf8::length(s); }

// Number of vowel groups (a rough syllable count) of a lowercase word.
inline int vowel_groups(std::string_view s) noexcept {
  int groups = 0;
  bool in_vowel = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    bool v = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      v = d == 0xA4 || d == 0xB6 || d == 0xBC;  // ä ö ü
    }
    if (v && !in_vowel) ++groups;
    in_vowel = v;
  }
  return groups;
}

inline bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The linking -n follows stems in -e (straße|n), -el, -er.
inline bool n_fuge_stem(std::string_view stem) noexcept {
  return ends_with(stem, "e") || ends_with(stem, "el") || ends_with(stem, "er");
}

// Small stack buffer for "word + suffix" lookups without allocation.
class Concat {
 public:
  Concat(std::string_view a, std::string_view b) noexcept {
    if (a.size() + b.size() > sizeof(buf_)) return;
    std::memcpy(buf_, a.data(), a.size());
    std::memcpy(buf_ + a.size(), b.data(), b.size());
    len_ = a.size() + b.size();
  }
  std::string_view view() const noexcept { return {buf_, len_}; }

 private:
  char buf_[256];
  std::size_t len_ = 0;
};

// Lowercases one lexicon line into `out` (which must have room for in.size() bytes) and
// returns the number of bytes written, or 0 for entries that are not plain words (digits,
// apostrophes, hyphens, dots, spaces, control characters). first_upper/second_upper tell
// whether the first two characters were uppercase.
std::size_t lowercase_entry(std::string_view in, char* out, bool& first_upper,
                            bool& second_upper) noexcept {
  first_upper = second_upper = false;
  std::size_t o = 0;
  std::size_t ch = 0;
  for (std::size_t i = 0; i < in.size(); ++ch) {
    const auto c = static_cast<unsigned char>(in[i]);
    bool upper = false;
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') {
        out[o++] = static_cast<char>(c);
      } else if (c >= 'A' && c <= 'Z') {
        out[o++] = static_cast<char>(c + 32);
        upper = true;
      } else {
        return 0;
      }
      ++i;
    } else {
      const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (len == 1 || i + len > in.size()) return 0;
      const auto c1 = static_cast<unsigned char>(in[i + 1]);
      if (c == 0xC3 && c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97) {  // À..Þ -> à..þ
        out[o++] = static_cast<char>(c);
        out[o++] = static_cast<char>(c1 + 0x20);
        upper = true;
      } else if (len == 3 && c == 0xE1 && c1 == 0xBA &&
                 static_cast<unsigned char>(in[i + 2]) == 0x9E) {  // ẞ -> ß
        out[o++] = static_cast<char>(0xC3);
        out[o++] = static_cast<char>(0x9F);
        upper = true;
      } else if (c == 0xC2 || (c == 0xE2 && c1 == 0x80)) {  // punctuation, NBSP, quotes
        return 0;
      } else {
        for (std::size_t k = 0; k < len; ++k) out[o++] = in[i + k];
      }
      i += len;
    }
    if (ch == 0) first_upper = upper;
    if (ch == 1) second_upper = upper;
  }
  return o;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// CompoundLexicon

void CompoundLexicon::add_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.empty() || line.front() == '#' || line.size() > 0xFFFF) return;
  std::string& arena = table_.arena();
  const std::size_t off = arena.size();
  if (off + line.size() > 0xFFFFFFFFull) return;
  arena.resize(off + line.size());
  bool first_upper = false, second_upper = false;
  const std::size_t len = lowercase_entry(line, arena.data() + off, first_upper, second_upper);
  arena.resize(off + len);
  if (len == 0) return;
  const std::string_view word(arena.data() + off, len);
  std::uint8_t f = kLower;
  if (first_upper) f = (second_upper || count_chars(word) == 1) ? kAcronym : kCapitalized;
  // Fingerprint: order-independent combination of (entry as spelled, case class) over all lines.
  const std::uint64_t m = compound_detail::fmix64(compound_detail::hash_bytes(word) ^
                                                  (static_cast<std::uint64_t>(f) << 59) ^ 0x632BE59BD9B4E019ull);
  // The key is folded ("straße" → "strasse", same length): splitting runs on folded words.
  compound_detail::fold_german(arena.data() + off, len);
  compound_detail::FlatWordTable::Pending p;
  p.hash = compound_detail::hash_bytes(word);
  p.off = static_cast<std::uint32_t>(off);
  p.len = static_cast<std::uint16_t>(len);
  p.flags = f;
  pending_.push_back(p);
  fp_sum_ += m;
  fp_xor_ ^= (m << 7) | (m >> 57);
}

namespace {
// Lexicon compounds shorter than this (bytes) are not looked at for noun recovery and productivity.
constexpr std::size_t kMinEvidenceCompoundBytes = 7;
// Characters of a lexicon compound looked at (longer entries are skipped).
constexpr std::size_t kMaxEvidenceCompoundChars = 72;
// A modifier and a head of a lexicon compound each have at least this many characters.
constexpr std::size_t kMinEvidencePartChars = 3;
// Evidence counters saturate here (one byte per slot).
constexpr std::uint8_t kMaxEvidenceCount = 255;

bool lowercase_only(std::uint8_t f) noexcept {
  return (f & ~CompoundLexicon::kRecoveredNoun) == CompoundLexicon::kLower;
}
void count_up(std::uint8_t& counter) noexcept {
  if (counter < kMaxEvidenceCount) ++counter;
}
}  // namespace

void CompoundLexicon::finish() {
  table_.insert_pending(pending_);
  fingerprint_ = content_fingerprint();
  std::vector<compound_detail::FlatWordTable::Pending>().swap(pending_);
  recover_nouns_from_genitives();
  std::vector<std::uint8_t> head_count(table_.capacity(), 0), mod_count(table_.capacity(), 0);
  count_compound_evidence(head_count, mod_count);
  apply_evidence(head_count, mod_count);
}

std::uint64_t CompoundLexicon::content_fingerprint() const noexcept {
  char buf[24];
  const std::uint64_t vals[3] = {fp_sum_, fp_xor_, static_cast<std::uint64_t>(pending_.size())};
  for (int k = 0; k < 3; ++k)
    for (int b = 0; b < 8; ++b) buf[k * 8 + b] = static_cast<char>((vals[k] >> (8 * b)) & 0xFF);
  return compound_detail::hash_bytes(std::string_view(buf, sizeof(buf)));
}

void CompoundLexicon::set_flag(std::size_t slot, std::uint8_t flag) noexcept {
  table_.set_slot_flags(slot, static_cast<std::uint8_t>(table_.slot_flags(slot) | flag));
}

// (R1) "Preises", "Angriffs": the genitive of a lowercase-only entry is listed capitalised.
void CompoundLexicon::recover_nouns_from_genitives() noexcept {
  for (std::size_t i = 0; i < table_.capacity(); ++i) {
    if (!table_.slot_used(i) || !(table_.slot_flags(i) & kCapitalized)) continue;
    const std::string_view e = table_.slot_word(i);
    if (e.size() < 4 || e.back() != 's') continue;
    for (std::size_t cut : {std::size_t{1}, std::size_t{2}}) {
      if (cut == 2 && e[e.size() - 2] != 'e') break;
      const std::size_t s = table_.find(e.substr(0, e.size() - cut));
      if (s != FlatWordTable::npos && lowercase_only(table_.slot_flags(s))) set_flag(s, kRecoveredNoun);
    }
  }
}

// Slot of `w` when its flags share a bit with `mask`, else npos.
std::size_t CompoundLexicon::word_slot(std::string_view w, std::uint8_t mask) const noexcept {
  const std::size_t s = table_.find(w);
  if (s == FlatWordTable::npos) return s;
  return (table_.slot_flags(s) & mask) ? s : FlatWordTable::npos;
}

// Slot of the lexicon word a modifier stands for: itself, without a linking element, or with an
// elided -e restored.
std::size_t CompoundLexicon::modifier_slot(std::string_view prefix, std::uint8_t mask) const noexcept {
  std::size_t s = word_slot(prefix, mask);
  if (s != FlatWordTable::npos) return s;
  for (std::string_view f : {std::string_view("es"), std::string_view("s"), std::string_view("en"),
                             std::string_view("n")}) {
    if (!ends_with(prefix, f) || prefix.size() <= f.size() + 2) continue;
    const std::string_view stem = prefix.substr(0, prefix.size() - f.size());
    if (f == "n" && !n_fuge_stem(stem)) continue;
    if ((s = word_slot(stem, mask)) != FlatWordTable::npos) return s;
  }
  return word_slot(Concat(prefix, "e").view(), mask);
}

// (R2) "Autobahn" -> "bahn": the longest head of a capitalised compound whose modifier is a
// noun (+ linking element, or with elided -e). A compound explained by a capitalised head
// ("Einkommen|steuer") does not count for a shorter lowercase suffix ("teuer"). The same pass
// counts how often each noun is a modifier (productivity, used to break ties when splitting).
void CompoundLexicon::count_compound_evidence(std::vector<std::uint8_t>& head_count,
                                              std::vector<std::uint8_t>& mod_count) const {
  constexpr std::uint8_t kNounMask = kCapitalized | kRecoveredNoun;
  std::array<std::size_t, kMaxEvidenceCompoundChars> bnd{};
  for (std::size_t i = 0; i < table_.capacity(); ++i) {
    if (!table_.slot_used(i) || !(table_.slot_flags(i) & kCapitalized)) continue;
    const std::string_view e = table_.slot_word(i);
    if (e.size() < kMinEvidenceCompoundBytes) continue;
    std::size_t n = 0;
    for (std::size_t b = 0; b < e.size() && n < bnd.size(); ++b)
      if (!is_continuation(static_cast<unsigned char>(e[b]))) bnd[n++] = b;
    if (n >= bnd.size()) continue;
    for (std::size_t c = kMinEvidencePartChars; c + kMinEvidencePartChars <= n; ++c) {
      const std::size_t s = table_.find(e.substr(bnd[c]));
      if (s == FlatWordTable::npos) continue;
      const std::uint8_t f = table_.slot_flags(s);
      if (!(f & kCapitalized) && !lowercase_only(f)) continue;
      const std::string_view prefix = e.substr(0, bnd[c]);
      std::size_t m = modifier_slot(prefix, kNounMask);
      if (m == FlatWordTable::npos) {
        // A lowercase-only modifier ("bahn" before its recovery, "hoch"): productivity only.
        m = modifier_slot(prefix, kLower);
        if (m == FlatWordTable::npos) continue;
        count_up(mod_count[m]);
        break;
      }
      count_up(head_count[s]);
      count_up(mod_count[m]);
      break;
    }
  }
}

void CompoundLexicon::apply_evidence(const std::vector<std::uint8_t>& head_count,
                                     const std::vector<std::uint8_t>& mod_count) noexcept {
  for (std::size_t i = 0; i < table_.capacity(); ++i) {
    const std::uint8_t f = table_.slot_flags(i);
    if (lowercase_only(f) && head_count[i] >= kMinHeadEvidence) set_flag(i, kRecoveredNoun);
    if (head_count[i] >= kMinModifierEvidence) set_flag(i, kProductiveHead);
    if (mod_count[i] >= kMinModifierEvidence) set_flag(i, kProductiveModifier);
    if (mod_count[i] >= kStrongModifierEvidence) set_flag(i, kVeryProductiveModifier);
  }
}

CompoundLexicon CompoundLexicon::load(const std::string& path) { return from_text(read_word_list(path), path); }

std::string CompoundLexicon::read_word_list(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("compound lexicon: cannot open '" + path + "'");
  std::string data;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    if (size > 0) data.reserve(static_cast<std::size_t>(size));
    std::fseek(f, 0, SEEK_SET);
  }
  std::array<char, 1 << 16> chunk{};
  for (;;) {
    const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), f);
    data.append(chunk.data(), got);
    if (got < chunk.size()) break;
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) throw std::runtime_error("compound lexicon: cannot read '" + path + "'");
  return data;
}

CompoundLexicon CompoundLexicon::from_text(std::string_view data, const std::string& path) {
  const auto lines = static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n')) + 1;
  CompoundLexicon lex;
  lex.table_.arena().reserve(data.size());
  lex.pending_.reserve(lines);
  std::string_view rest(data);
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    lex.add_line(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (lex.pending_.empty())
    throw std::runtime_error("compound lexicon: no usable words in '" + path + "'");
  lex.finish();
  return lex;
}

CompoundLexicon CompoundLexicon::from_words(const std::vector<std::string>& words) {
  CompoundLexicon lex;
  std::size_t bytes = 0;
  for (const std::string& w : words) bytes += w.size();
  lex.table_.arena().reserve(bytes);
  lex.pending_.reserve(words.size());
  for (const std::string& w : words) lex.add_line(w);
  lex.finish();
  return lex;
}

// ---------------------------------------------------------------------------------------------
// CompoundSplitter

namespace {

enum RuleFlag : std::uint8_t {
  kBlockMod = 1,      // never a modifier (prefixes, particles, function words)
  kBlockHead = 2,     // never a head (suffixes, function words)
  kAllowMod = 4,      // adjective / verb stem allowed as a modifier (weak)
  kKeepSurface = 8,   // modifier lemma is the surface even if a Fuge could be stripped
  kShortOk = 16,      // two-letter part allowed
  kDerivPrefix = 32,  // prefix of derivations: a word it starts is not cut inside
  kSuffix = 64,       // derivational suffix: never a part
};

// Derivational prefixes, particles and prepositions: never modifiers ("ver|kauf", "ein|fluss",
// "miss|erfolg", "ur|instinkt").
constexpr const char* kPrefixWords[] = {
    "ab",     "an",       "auf",      "aus",    "be",     "bei",    "dar",    "durch",
    "ein",    "ent",      "emp",      "er",     "ge",     "gegen",  "hin",    "her",
    "hinter", "los",      "miss",     "mit",    "nach",   "neben",  "nieder", "ob",
    "ober",   "über",     "um",       "un",     "unter",  "ur",     "ver",    "vor",
    "voran",  "voraus",   "vorder",   "weg",    "wider",  "wieder", "zer",    "zu",
    "zurück", "zusammen", "zwischen", "fort",   "all",    "anti",   "außer",  "inner",
    "erz",    "dis",      "in",       "re",     "de",     "ex",     "trans",  "inter",
    "pro",    "kontra",   "kon",      "kom",    "ko",
};
// Prefixes whose derivations ("ver|brechen", "an|klage", "aus|schuss") are single words: no
// boundary inside the shortest such word at any position of a compound.
constexpr const char* kDerivationPrefixes[] = {
    "ab",  "an",    "auf",  "aus",  "be",     "bei",    "durch",    "ein", "ent",
    "emp", "er",    "ge",   "miss", "mit",    "nach",   "über",     "um",  "un",
    "ur",  "unter", "ver",  "vor",  "zer",    "zu",     "zurück",   "zusammen",
    "wider", "wieder", "gegen",
};
// Function words: never a part.
constexpr const char* kFunctionWords[] = {
    "der",   "die",   "das",   "den",   "dem",   "des",    "ein",   "eine",  "einer",
    "eines", "einem", "einen", "kein",  "keine", "ich",    "du",    "sie",   "es",
    "wir",   "ihr",   "ihm",   "ihn",   "ihnen", "sich",   "mein",  "dein",  "sein",
    "unser", "euer",  "eure",  "man",   "und",   "oder",   "aber",  "als",   "wie",
    "wo",    "was",   "wer",   "wen",   "wem",   "ist",    "sind",  "war",   "wird",
    "hat",   "hatte", "nicht", "noch",  "schon", "auch",   "nur",   "sehr",  "mehr",
    "viel",  "alle",  "alles", "jede",  "jeder", "jedes",  "dies",  "diese", "dieser",
    "dieses", "für",  "ohne",  "bis",   "seit",  "während", "wegen", "trotz", "statt",
    "also",  "dann",  "denn",  "doch",  "ja",    "nein",   "hier",  "dort",  "da",
    "ach",   "ans",   "aufs",  "im",    "am",    "vom",    "zum",   "zur",   "beim",
    "ins",   "so",    "nun",   "bereits", "etwa", "sowie", "selbst", "eins", "inne",
};
// Derivational suffixes: never a part ("wirt|schaft", "infekt|ion", "terror|ist",
// "arbeit|s|losen").
constexpr const char* kSuffixWords[] = {
    "schaft", "schaften", "heit",  "heiten", "keit",  "keiten", "ung",    "ungen",
    "tum",    "tums",     "tümer", "nis",    "nisse", "nissen", "ling",   "linge",
    "lingen", "lings",    "chen",  "lein",   "ion",   "ionen",  "ist",    "isten",
    "istin",  "ismus",    "ität",  "itäten", "tät",   "täten",  "erei",   "ier",
    "iere",   "ieren",    "ent",   "enten",  "ant",   "anten",  "age",    "ik",
    "iker",   "ur",       "ie",    "ien",    "los",   "lose",   "losen",  "loser",
};
// Never heads: feminine -in/-innen ("kanzler|in", "bürger|innen", "bürge|rinnen"),
// adjective suffix -bar ("sicht|bar"), "elle" ("kap|elle").
constexpr const char* kSuffixHeads[] = {
    "in", "innen", "rin", "rinnen", "bar", "bare", "baren", "elle", "ellen", "ade",
};
// Adjective and verb stems that may be modifiers (weak): "neu|bau", "wohn|raum".
constexpr const char* kAllowedModifiers[] = {
    "groß",   "klein",  "hoch",    "tief",     "neu",     "alt",    "jung",   "früh",
    "spät",   "fern",   "nah",     "halb",     "voll",    "privat", "sozial", "national",
    "digital", "solar", "mobil",   "elektro",  "öko",     "bio",    "mega",   "super",
    "innen",  "außen",  "schreib", "fahr",     "wohn",    "spar",   "wasch",  "trink",
    "lern",   "lehr",   "impf",    "heiz",     "lade",    "warn",   "treib",  "brenn",
    "kühl",   "leit",   "kommunal", "regional", "zentral", "lokal", "international",
};
// Plural-only / lexicalised plural modifiers: keep the surface as lemma
// ("kosten" must not become "kost", "butter" not "butt").
constexpr const char* kKeepSurfaceWords[] = {
    "daten", "kosten", "eltern", "leute", "ferien", "medien", "butter", "kammer", "klammer",
    "finanzen", "personen",
};
constexpr const char* kShortParts[] = {"öl", "eu"};
// Lexicalised words never decomposed (also not inside longer compounds).
constexpr const char* kAtomicWords[] = {
    "fußball",     "handball",     "basketball",   "volleyball",   "deutschland",
    "russland",    "finnland",     "griechenland", "schottland",   "frankreich",
    "österreich",  "england",      "irland",       "lettland",     "estland",
    "großbritannien", "hochzeit",  "wasserstoff",  "sauerstoff",   "kohlenstoff",
    "stickstoff",  "spargel",      "wettbewerb",   "jahrhundert",  "jahrzehnt",
    "augenblick",  "lebensmittel", "wochenende",   "montag",       "dienstag",
    "donnerstag",  "freitag",      "samstag",      "sonntag",      "mittwoch",
    "fernsehen",   "fernseher",    "neurose",      "haushalt",     "kindergarten",
    "abendland",
};
// Strings a part boundary never cuts.
constexpr const char* kNoCutInside[] = {"ung", "heit", "keit", "schaft", "tion", "ismus", "ität"};
// Modifiers with these endings need a linking element: "verfassung|s|gericht".
// Suffixes of derived words ("hand|lung", "nigeria|nisch"): inside the shortest lexicon word
// ending in one of them no part starts (forbid_inside_derivations).
constexpr const char* kDerivationSuffixes[] = {"ung", "heit", "keit", "schaft", "isch", "tion", "ismus", "ität"};
constexpr const char* kNeedFugeEndings[] = {"ung",  "heit", "keit", "schaft", "tion", "sion",
                                            "gion", "union", "tät", "ling", "tum"};

}  // namespace

struct CompoundSplitter::ModLemma {
  std::size_t stem_len = 0;  // bytes of the surface that belong to the lemma
  bool add_e = false;        // elided -e restored
  bool weak = false;         // recovered noun or allowlisted stem
  std::uint8_t productive = 0;  // 0..2: modifier of several / many lexicon compounds
  bool junk = false;            // short (<= 4 characters) and not a productive modifier
};

CompoundSplitter::CompoundSplitter(std::shared_ptr<const CompoundLexicon> lexicon)
    : lexicon_(std::move(lexicon)), rules_(512) {
  if (!lexicon_) throw std::invalid_argument("CompoundSplitter: null lexicon");
  // The lists are written with umlauts and ß; like the lexicon, they are looked up folded.
  auto add = [this](const char* w, std::uint8_t flags) { rules_.insert(fold(w), flags); };
  for (const char* w : kPrefixWords) add(w, kBlockMod);
  for (const char* w : kDerivationPrefixes) add(w, kDerivPrefix);
  for (const char* w : kFunctionWords) add(w, kBlockMod | kBlockHead);
  for (const char* w : kSuffixWords) add(w, kBlockMod | kBlockHead | kSuffix);
  for (const char* w : kSuffixHeads) add(w, kBlockHead);
  for (const char* w : kAllowedModifiers) add(w, kAllowMod);
  for (const char* w : kKeepSurfaceWords) add(w, kKeepSurface);
  for (const char* w : kShortParts) add(w, kShortOk);
  for (const char* w : kAtomicWords) atomic_words_.push_back(fold(w));
  for (const char* w : kDerivationPrefixes) deriv_prefixes_.push_back(fold(w));
  for (const char* w : kNoCutInside) no_cut_inside_.push_back(fold(w));
  for (const char* w : kNeedFugeEndings) need_fuge_endings_.push_back(fold(w));
  for (const char* w : kDerivationSuffixes) derivation_suffixes_.push_back(fold(w));
}

namespace {
// Lexicon flags of a noun: a capitalised entry is a strong noun, a recovered one a weak noun.
bool noun_strength(std::uint8_t f, bool& weak) noexcept {
  if (f & CompoundLexicon::kCapitalized) {
    weak = false;
    return true;
  }
  if (f & CompoundLexicon::kRecoveredNoun) {
    weak = true;
    return true;
  }
  return false;
}
}  // namespace

bool CompoundSplitter::is_particle(std::string_view folded) const noexcept { return (rule(folded) & kBlockMod) != 0; }

// Noun part (modifier stem or lemma): capitalised entry (strong) or recovered noun (weak).
bool CompoundSplitter::lexicon_noun_part(std::string_view w, bool& weak) const noexcept {
  const std::uint8_t r = rule(w);
  if (r & kBlockMod) return false;
  if (r & kShortOk) {
    weak = false;
    return true;
  }
  if (count_chars(w) < 3) return false;
  const std::uint8_t f = lexicon_->flags(w);
  return noun_strength(f, weak);
}

bool CompoundSplitter::head_ok(std::string_view head, bool& weak, bool& junk) const noexcept {
  const std::uint8_t r = rule(head);
  junk = false;
  if (r & kBlockHead) return false;
  if (r & kShortOk) {
    weak = false;
    return true;
  }
  const std::size_t chars = count_chars(head);
  if (chars < 3) return false;
  const std::uint8_t f = lexicon_->flags(head);
  junk = chars <= kShortPartChars && !(f & CompoundLexicon::kProductiveHead);
  return noun_strength(f, weak);
}

bool CompoundSplitter::resolve_modifier(std::string_view s, ModLemma& out) const noexcept {
  const CompoundLexicon& lex = *lexicon_;
  bool weak = false;
  const std::uint8_t r = rule(s);
  auto accept = [&](std::size_t stem_len, bool add_e, bool w) {
    out.stem_len = stem_len;
    out.add_e = add_e;
    out.weak = w;
    const std::string_view stem = s.substr(0, stem_len);
    const std::uint8_t f =
        lex.flags(s) | (add_e ? lex.flags(Concat(stem, "e").view()) : lex.flags(stem));
    out.productive = static_cast<std::uint8_t>(
        ((f & CompoundLexicon::kProductiveModifier) ? 1 : 0) +
        ((f & CompoundLexicon::kVeryProductiveModifier) ? 1 : 0));
    out.junk = out.productive == 0 && !(r & (kShortOk | kAllowMod)) &&
               count_chars(stem) + (add_e ? 1 : 0) <= kShortPartChars;
    // Modifiers ending in -ung, -heit, ... always carry a linking element.
    if (stem_len == s.size() && !add_e) {
      for (const std::string& e : need_fuge_endings_)
        if (ends_with(s, e)) return false;
    }
    return true;
  };
  if (r & kAllowMod) return accept(s.size(), false, true);
  // Derivational suffixes, also with a Fuge or inflection: "wirt|schafts", "infekt|ions".
  for (std::size_t cut = 1; cut <= 2 && cut < s.size(); ++cut)
    if (rule(s.substr(0, s.size() - cut)) & kSuffix) return false;
  if (r & kSuffix) return false;
  if (r & kKeepSurface) return accept(s.size(), false, false);

  // 1. Genitive-type Fugen -ens, -es, -s (bundes -> bund, arbeits -> arbeit, hilfs -> hilfe),
  //    unless the surface is itself a noun lemma ending in s ("kurs": kurse, kurses).
  if (ends_with(s, "s")) {
    const bool keep = lex.is_noun(s) && (lex.contains(Concat(s, "e").view()) ||
                                         lex.contains(Concat(s, "es").view()) ||
                                         lex.contains(Concat(s, "en").view()));
    if (!keep) {
      for (std::string_view f : {std::string_view("ens"), std::string_view("es"),
                                 std::string_view("s")}) {
        if (!ends_with(s, f) || s.size() == f.size()) continue;
        const std::string_view stem = s.substr(0, s.size() - f.size());
        if (f.size() == 1 && ends_with(stem, "er")) continue;  // "musters|tücke": no s after -er
        if (lexicon_noun_part(stem, weak)) return accept(stem.size(), false, weak);
        if (f.size() == 1 && count_chars(stem) >= 3 && !(rule(stem) & kBlockMod) &&
            lexicon_noun_part(Concat(stem, "e").view(), weak))
          return accept(stem.size(), true, weak);
      }
    }
  }
  // 2. Plural-type Fugen -n, -en, -er, -e (straßen -> straße, frauen -> frau, kinder -> kind),
  //    unless the surface has its own genitive (spielers, arbeiters: a noun of its own).
  for (std::string_view f : {std::string_view("n"), std::string_view("en"),
                             std::string_view("er"), std::string_view("e")}) {
    if (!ends_with(s, f) || s.size() == f.size()) continue;
    if (f == "e" && lex.is_noun(s)) continue;  // "kohle" stays kohle, "reise" stays reise
    const std::string_view stem = s.substr(0, s.size() - f.size());
    if (f == "er" && (ends_with(stem, "s") ||  // "lebens|er" is not a Fuge
                      (lex.flags(s) & CompoundLexicon::kLower)))  // "wander" is a verb stem
      continue;
    if (f == "e" && vowel_groups(stem) > 1) continue;  // "pfleger|e" is not a Fuge
    if (f == "n" && !n_fuge_stem(stem)) continue;       // "ren|n" is not a Fuge
    if (!lexicon_noun_part(stem, weak)) continue;
    if (lex.contains(Concat(s, "s").view())) break;
    return accept(stem.size(), false, weak);
  }
  // 3. The surface itself.
  if (lexicon_noun_part(s, weak)) return accept(s.size(), false, weak);
  // 4. Elided -e (schul -> schule, kirch -> kirche).
  if (count_chars(s) >= 3 && !(r & kBlockMod) &&
      lexicon_noun_part(Concat(s, "e").view(), weak))
    return accept(s.size(), true, weak);
  return false;
}

namespace {
// Words shorter than this (bytes and characters) are never split.
constexpr std::size_t kMinSplitChars = 5;
// Every part has at least this many characters (CompoundSplitter's header: 2 only for kShortParts).
constexpr std::size_t kMinPartChars = 2;
// A prefix derivation ("ver"+"brechen") adds at least this many characters to its prefix.
constexpr std::size_t kMinDerivationStemChars = 3;
// "vorsitz|ende": a head "end…" of at most this many characters after a participle stem.
constexpr std::size_t kMaxParticipleEndingChars = 5;
// Endings of inflected nouns (plural, genitive, dative plural), longest first: split_like_base.
constexpr std::string_view kInflectionEndings[] = {"ern", "en", "er", "es", "e", "n", "s"};
}  // namespace

// The character boundaries of the word, the boundaries no part may start at, and which
// boundaries a sequence of valid modifiers reaches from the word start.
struct CompoundSplitter::Layout {
  std::string_view word;
  std::array<std::uint16_t, kMaxChars + 1> bpos{};  // byte offset of each character
  std::size_t n = 0;                                // characters
  std::array<bool, kMaxChars + 1> forbidden{};
  std::array<std::int8_t, kMaxChars + 1> reach{};   // 0 unknown, 1 yes, -1 no

  std::string_view span(std::size_t a, std::size_t b) const { return word.substr(bpos[a], bpos[b] - bpos[a]); }
  void forbid_inside(std::size_t from_byte, std::size_t to_byte) {
    for (std::size_t c = 1; c < n; ++c)
      if (bpos[c] > from_byte && bpos[c] < to_byte) forbidden[c] = true;
  }
  // The character index at byte offset b, or npos.
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t char_at(std::size_t b) const {
    const auto* it = std::lower_bound(bpos.begin(), bpos.begin() + n + 1, b);
    return it != bpos.begin() + n + 1 && *it == b ? static_cast<std::size_t>(it - bpos.begin()) : npos;
  }
  // Boundaries inside a letter of the word as written (between the a and e of a folded ä).
  void forbid_inside_letters_of(std::string_view written) {
    for (std::size_t c = 1; c < n; ++c)
      if (is_continuation(static_cast<unsigned char>(written[bpos[c]]))) forbidden[c] = true;
  }
  // Forbids the boundaries inside every occurrence of `inner`.
  void forbid_inside_all(std::string_view inner) {
    for (std::size_t p = word.find(inner); p != std::string_view::npos; p = word.find(inner, p + 1))
      forbid_inside(p, p + inner.size());
  }
};

// The best split of the word from one character on: a sequence of modifiers and a head.
struct CompoundSplitter::Tail {
  bool valid = false;
  std::uint8_t parts = 0;
  std::uint8_t weak = 0;
  std::uint8_t productive = 0;
  std::uint8_t junk = 0;
  std::uint8_t next = 0;  // char index of the next part; == n for a lone head
  std::uint32_t sumsq = 0;
  ModLemma mod;

  // Ranking (see the header): most non-junk parts, fewer parts, longer parts, more productive
  // modifiers, fewer weak parts.
  bool better_than(const Tail& b) const {
    if (!b.valid) return true;
    if (parts - junk != b.parts - b.junk) return parts - junk > b.parts - b.junk;
    if (parts != b.parts) return parts < b.parts;
    if (sumsq != b.sumsq) return sumsq > b.sumsq;
    if (productive != b.productive) return productive > b.productive;
    return weak < b.weak;
  }
};

// Fills the character boundaries; false for words that are too short, too long or not lowercase.
bool CompoundSplitter::lay_out(std::string_view word, Layout& w) {
  w.word = word;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80 && (c < 'a' || c > 'z')) return false;
    if (!is_continuation(c)) {
      if (w.n == kMaxChars) return false;
      w.bpos[w.n++] = static_cast<std::uint16_t>(i);
    }
  }
  if (w.n < kMinSplitChars) return false;
  w.bpos[w.n] = static_cast<std::uint16_t>(word.size());
  w.reach[0] = 1;
  return true;
}

// Whether character boundary a is the word start or the end of a sequence of valid modifiers.
bool CompoundSplitter::reachable(Layout& w, std::size_t a) const {
  for (std::size_t k = 1; k <= a; ++k) {
    if (w.reach[k] != 0) continue;
    w.reach[k] = -1;
    for (std::size_t j = 0; j + kMinPartChars <= k; ++j) {
      ModLemma m;
      if (w.reach[j] == 1 && resolve_modifier(w.span(j, k), m)) {
        w.reach[k] = 1;
        break;
      }
    }
  }
  return w.reach[a] == 1;
}

// No boundary inside the shortest prefix derivation that starts at a possible part boundary:
// "krieg|verbrechen" not "verb|rechen", "truppen|abzug" not "nabe|zug". A prefix derivation
// is a lexicon word = prefix + lexicon word ("ver"+"brechen"), or a lowercase lexicon word
// starting with the prefix (a verb form: "einnahmen"). A possible part boundary is the word
// start or the end of a sequence of valid modifiers ("pfl|egeheim" is not one).
void CompoundSplitter::forbid_prefix_derivations(Layout& w) const {
  const CompoundLexicon& lex = *lexicon_;
  for (std::size_t a = 0; a + kMinDerivationStemChars < w.n; ++a) {
    const std::string_view rest = w.word.substr(w.bpos[a]);
    for (const std::string& p : deriv_prefixes_) {
      if (rest.size() < p.size() + kMinDerivationStemChars || rest.compare(0, p.size(), p) != 0) continue;
      for (std::size_t c = a + count_chars(p) + kMinDerivationStemChars; c <= w.n; ++c) {
        const std::string_view cand = w.span(a, c);
        const std::uint8_t f = lex.flags(cand);
        if (f == 0) continue;
        if (!(f & CompoundLexicon::kLower) && !lex.contains(cand.substr(p.size()))) continue;
        if (reachable(w, a)) w.forbid_inside(w.bpos[a], w.bpos[c]);
        break;
      }
    }
  }
}

// Feminine -in/-innen of a lexicon noun: the head is a feminine form of a noun too
// ("konstrukteur|in" is not "konstrukte|urin"). Returns the suffix length, 0 when none.
std::size_t CompoundSplitter::feminine_suffix(std::string_view word) const noexcept {
  for (std::string_view suf : {std::string_view("innen"), std::string_view("in")}) {
    if (word.size() > suf.size() + 3 && ends_with(word, suf) && lexicon_->is_noun(word.substr(0, word.size() - suf.size())))
      return suf.size();
  }
  return 0;
}

// The word from character j on as a lone head.
CompoundSplitter::Tail CompoundSplitter::head_tail(const Layout& w, std::size_t j, std::size_t fem_len) const {
  Tail t;
  if (j == 0 || w.forbidden[j]) return t;
  bool weak = false, junk = false;
  const std::string_view head = w.word.substr(w.bpos[j]);
  if (!head_ok(head, weak, junk)) return t;
  if (fem_len != 0 && !(head.size() > fem_len + 2 && lexicon_->is_noun(head.substr(0, head.size() - fem_len))))
    return t;
  t.valid = true;
  t.parts = 1;
  t.weak = weak ? 1 : 0;
  t.junk = junk ? 1 : 0;
  t.next = static_cast<std::uint8_t>(w.n);
  t.sumsq = static_cast<std::uint32_t>((w.n - j) * (w.n - j));
  return t;
}

// Nominalised participle: "vorsitz|ende" (vorsitzen), "partei|vorsitz|ende": a lone head "end…"
// at k after a verb stem.
bool CompoundSplitter::participle_ending(const Layout& w, std::size_t k, const Tail& t) const {
  if (t.next != w.n || w.word.compare(w.bpos[k], 3, "end") != 0 || w.n - k > kMaxParticipleEndingChars) return false;
  for (std::size_t a = 0; a + 2 < k; ++a)
    if (lexicon_->flags(Concat(w.span(a, k), "en").view()) & CompoundLexicon::kLower) return true;
  return false;
}

// Dynamic programming from the word end: the best Tail from every character on.
void CompoundSplitter::best_tails(const Layout& w, std::size_t fem_len, Tails& tail) const {
  for (std::size_t j = w.n - 1; j-- > 0;) {
    Tail best = head_tail(w, j, fem_len);
    for (std::size_t k = j + kMinPartChars; k + kMinPartChars <= w.n; ++k) {
      const Tail& t = tail[k];
      if (!t.valid || w.forbidden[k]) continue;
      ModLemma m;
      if (!resolve_modifier(w.span(j, k), m)) continue;
      if (participle_ending(w, k, t)) continue;
      Tail cand;
      cand.valid = true;
      cand.parts = static_cast<std::uint8_t>(t.parts + 1);
      cand.weak = static_cast<std::uint8_t>(t.weak + (m.weak ? 1 : 0));
      cand.productive = static_cast<std::uint8_t>(t.productive + m.productive);
      cand.junk = static_cast<std::uint8_t>(t.junk + (m.junk ? 1 : 0));
      cand.next = static_cast<std::uint8_t>(k);
      cand.sumsq = t.sumsq + static_cast<std::uint32_t>((k - j) * (k - j));
      cand.mod = m;
      if (cand.better_than(best)) best = cand;
    }
    tail[j] = best;
  }
}

// The parts of the best split from the word start (empty when there is none).
std::vector<CompoundPart> CompoundSplitter::collect_parts(const Layout& w, const Tails& tail,
                                                          std::string_view written) {
  std::vector<CompoundPart> parts;
  const Tail& root = tail[0];
  if (!root.valid || root.parts < 2 || root.parts - root.junk < kMinSolidParts) return parts;
  parts.reserve(root.parts);
  for (std::size_t j = 0; j < w.n;) {
    const Tail& t = tail[j];
    CompoundPart p;
    p.begin = w.bpos[j];
    if (t.next == w.n) {
      p.end = written.size();
      p.lemma.assign(written.substr(p.begin));
    } else {
      p.end = w.bpos[t.next];
      p.lemma.reserve(t.mod.stem_len + 1);
      p.lemma.assign(written.substr(p.begin, t.mod.stem_len));
      if (t.mod.add_e) p.lemma.push_back('e');
    }
    parts.push_back(std::move(p));
    j = t.next;
  }
  return parts;
}

// No part starts inside a derived word: the shortest lexicon word that ends in a derivational
// suffix and starts at a possible part boundary ("handlung" in "handlungsbedarf", not
// "hand|lungs|bedarf"; "nigerianisch" in "nordostnigerianischen", not "nigeria|nischen") keeps
// its structure, except where its own tail is a lexicon word ("umwelt|verschmutzung").
void CompoundSplitter::forbid_inside_derivations(Layout& w) const {
  const CompoundLexicon& lex = *lexicon_;
  for (const std::string& suf : derivation_suffixes_) {
    for (std::size_t p = w.word.find(suf); p != std::string_view::npos; p = w.word.find(suf, p + 1)) {
      const std::size_t c = w.char_at(p + suf.size());
      if (c == Layout::npos) continue;
      for (std::size_t a = c; a-- > 0;) {
        if (w.bpos[a] + suf.size() + kMinDerivationStemChars > p + suf.size()) continue;
        if (!lex.contains(w.span(a, c)) || !reachable(w, a)) continue;
        for (std::size_t b = a + 1; b < c; ++b)
          if (!lex.contains(w.span(b, c))) w.forbidden[b] = true;
        break;
      }
    }
  }
}

// An inflected form of a lexicon noun splits like the noun: "maßnahmen" like "maßnahme" (not at
// all), "bundesländern" like "bundesländer" with the head extended. Returns false when the word
// is no such form.
bool CompoundSplitter::split_like_base(std::string_view word, std::string_view folded,
                                       std::vector<CompoundPart>& parts) const {
  for (std::string_view ending : kInflectionEndings) {
    if (folded.size() < ending.size() + kMinSplitChars || !ends_with(folded, ending)) continue;
    const std::string_view base = folded.substr(0, folded.size() - ending.size());
    if (!(lexicon_->flags(base) & CompoundLexicon::kCapitalized)) continue;
    parts = split(word.substr(0, word.size() - ending.size()));
    if (!parts.empty()) {
      parts.back().end = word.size();
      parts.back().lemma.assign(word.substr(parts.back().begin));
    }
    return true;
  }
  return false;
}

std::vector<CompoundPart> CompoundSplitter::split(std::string_view word) const {
  if (word.size() < kMinSplitChars || word.size() > 4 * kMaxChars) return {};
  // Fold first, then split: "aussenminister" splits like "außenminister" (folding keeps the
  // byte length, so offsets and lemmas come from the word as written).
  const std::string folded = fold(word);
  Layout w;
  if (!lay_out(folded, w)) return {};
  w.forbid_inside_letters_of(word);
  // Words the lexicon knows only in lowercase are adjectives, adverbs or verbs: not split.
  const std::uint8_t f = lexicon_->flags(folded);
  if ((f & CompoundLexicon::kLower) && !(f & CompoundLexicon::kCapitalized)) return {};
  if (std::vector<CompoundPart> parts; split_like_base(word, folded, parts)) return parts;
  // No boundary inside a lexicalised word ("fuß|ball") or a derivational suffix
  // ("folge|run|gen" in "schluss|folgerungen").
  for (const std::string& a : atomic_words_)
    if (a.size() <= folded.size()) w.forbid_inside_all(a);
  for (const std::string& suf : no_cut_inside_) w.forbid_inside_all(suf);
  forbid_prefix_derivations(w);
  forbid_inside_derivations(w);
  Tails tail{};
  best_tails(w, feminine_suffix(folded), tail);
  return collect_parts(w, tail, word);
}

}  // namespace newsindex
