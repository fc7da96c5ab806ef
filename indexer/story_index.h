// Near-duplicate stories decided in memory, for a run that writes into a new (empty) database
// through temporary segments: the same story every article would get from assign_story() over
// one database growing in input order (near_duplicates.h), without reading any database.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "near_duplicates.h"

namespace newsindex {

// Band key → the articles listed under it, ascending. Open addressing over 16-byte slots, with a
// list of one article kept in its slot: nearly every MinHash band of a news corpus belongs to one
// article, and std::unordered_map of vectors cost ~88 bytes per band where this costs ~32
// (fang_covid-sized synthetic corpora: peak RSS grew ~240 MB per 100,000 articles, 2026-12-01).
class BandLists {
 public:
  // The articles under key, ascending; empty when none.
  std::span<const std::uint32_t> find(std::uint64_t key) const;
  // Adds article at under key, keeping the list ascending.
  void insert(std::uint64_t key, std::uint32_t at);
  // Removes article at from key's list (it must be there).
  void erase(std::uint64_t key, std::uint32_t at);

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t count = 0;  // articles listed; 0 in a used slot: a list emptied by erase
    std::uint32_t one = 0;    // the article, when count == 1 and the list has never grown
  };
  static constexpr std::uint32_t kLonger = UINT32_MAX;  // `one` of a list kept in longer_
  // The slot holding key, or the free slot where linear probing from key's home stops.
  std::size_t probe(std::uint64_t key) const;
  Slot* slot_of(std::uint64_t key);
  const Slot* slot_of(std::uint64_t key) const;
  void grow();

  std::vector<Slot> slots_ = std::vector<Slot>(1024);  // a power of two, at most half used
  std::vector<bool> used_ = std::vector<bool>(1024);   // the slot holds a key (a list may be empty)
  std::size_t keys_ = 0;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> longer_;  // lists that had two or more
};

class StoryIndex {
 public:
  // Records the story of doc (built by DocumentBuilder: signature in its value slot) with
  // set_story and remembers the article; call in input order. True when the id was already
  // given in this run (the article replaces that one, keeping its place, as replace_document does).
  bool assign(const std::string& id_term, Xapian::Document& doc);

 private:
  struct Article {
    MinHashSignature signature;
    std::string story;
    bool listed = false;  // listed under the band keys of its signature (band_terms)
  };
  // The story of the most similar earlier article, as find_story() picks it (ties: smallest story;
  // per band only the first kMaxCandidatesPerBand articles in document order are looked at).
  const std::string* nearest(const MinHashSignature& sig, const std::vector<std::uint64_t>& keys,
                             std::uint32_t own) const;
  void list_under(std::uint32_t at, const std::vector<std::uint64_t>& keys);
  void unlist(std::uint32_t at);

  std::vector<Article> articles_;                      // in document-id order (first time given)
  std::unordered_map<std::string, std::uint32_t> by_id_;  // id term → index in articles_
  BandLists band_lists_;                               // band → articles, ascending
};

// A band term (band_terms) as one number: band number in the top 16 bits, its 48-bit hash below.
std::uint64_t band_key(const std::string& band_term);

}  // namespace newsindex
