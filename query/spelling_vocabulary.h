// The word vocabulary spelling suggestions search (spelling.h): every word term of the index made
// of letters only, with its document frequency, grouped by first byte and length, so that a
// suggestion reads only the words with its first letter and a length within its edit distance,
// instead of iterating Xapian's term B-tree over the whole first-letter slice (84% of the
// instructions of the bench's "rare" queries on FANG, 2026-12-01 callgrind).
//
// Built by one pass over the word terms and kept as a per-user cache file (cache_dir.h), mapped
// read-only, keyed by the database's UUID and revision, so every commit gets a new one and the
// file of an older revision is removed when the new one is written; of other databases' files
// only the 15 most recently written stay (deleted databases leave theirs behind). Only for a database with one
// sub-database (Xapian's get_revision); sharded and remote databases have none and spelling scans
// the terms as before. Like the lexicon cache it is never needed for correctness: a missing,
// stale or damaged file is rebuilt, and without a cache folder there is no vocabulary.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsindex {

// A spelling word: lowercase ASCII letters or non-ASCII bytes only (folded words; no digits, no
// prefix, since prefixed terms start with an uppercase letter).
bool letters_only(std::string_view w);

// The letters a word contains, as a set: bit i for 'a' + i, bit 26 for any byte ≥ 0x80. One
// byte inserted or deleted changes the set by at most one bit, one substituted by two, a swap by
// none, so words whose sets differ in more than 2 * d bits are more than d edits apart
// (spelling.cpp rejects most candidates with this before computing any distance; exact).
std::uint32_t letter_set(std::string_view w);

class SpellingVocabulary {
 public:
  // Lengths above this share the last group (their entries hold their real length).
  static constexpr std::size_t kMaxGroupedLength = 64;
  // Bumped when the file layout or what is collected changes.
  static constexpr std::uint32_t kVersion = 2;

  // One word: its bytes in the arena, its document frequency and its letter_set.
  struct Entry {
    std::uint32_t offset;
    std::uint32_t length;
    std::uint32_t termfreq;
    std::uint32_t letters;
  };

  // The vocabulary of db: the mapped cache file, else built and cached; nullptr when db has more
  // than one sub-database (or is remote), when no cache folder is configured, or on a Xapian error.
  // Kept per process, one per database (the newest revision asked for), so a searcher pays the
  // mapping once.
  static std::shared_ptr<const SpellingVocabulary> of(const Xapian::Database& db);

  // The vocabulary of db built in memory (no cache); for tests and of().
  static std::shared_ptr<const SpellingVocabulary> build(const Xapian::Database& db);

  // Calls f(word, termfreq, letter_set(word)) for every word starting with byte `first` whose
  // length in bytes is in [min_length, max_length], in byte order within each length.
  template <typename F>
  void for_each(unsigned char first, std::size_t min_length, std::size_t max_length, F&& f) const {
    const std::size_t last = std::min(max_length, kMaxGroupedLength);
    for (std::size_t len = std::min(min_length, kMaxGroupedLength); len <= last; ++len) {
      const Range r = groups_[group_of(first, len)];
      for (std::uint32_t i = r.begin; i < r.end && i < entry_count_; ++i) {
        const Entry& e = entries_[i];
        if (e.length < min_length || e.length > max_length || std::size_t{e.offset} + e.length > arena_size_) continue;
        f(std::string_view(arena_ + e.offset, e.length), e.termfreq, e.letters);
      }
    }
  }

  // The document frequency of word, 0 when it is not a word term of the index: a binary search
  // in its (first byte, length) group, whose words are in byte order (Xapian's term order). The
  // same number as Database::get_termfreq for a letters_only word, without reading the B-tree.
  Xapian::doccount termfreq(std::string_view word) const;

  // Words in the vocabulary.
  std::size_t size() const { return entry_count_; }

 private:
  struct Range {
    std::uint32_t begin;
    std::uint32_t end;
  };
  static constexpr std::size_t kGroups = 256 * (kMaxGroupedLength + 1);
  static std::size_t group_of(unsigned char first, std::size_t length) {
    return first * (kMaxGroupedLength + 1) + std::min(length, kMaxGroupedLength);
  }
  friend struct VocabularyImage;

  // Either owned (built) or a view of the mapped file kept alive by owner_.
  std::string storage_;
  std::shared_ptr<const void> owner_;
  const Range* groups_ = nullptr;
  const Entry* entries_ = nullptr;
  std::size_t entry_count_ = 0;
  const char* arena_ = nullptr;
  std::size_t arena_size_ = 0;
};

}  // namespace newsindex
