// Near-duplicate stories decided in memory, for a run that writes into a new (empty) database
// through temporary segments: the same story every article would get from assign_story() over
// one database growing in input order (near_duplicates.h), without reading any database.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "near_duplicates.h"

namespace newsindex {

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
    std::vector<std::uint64_t> bands;  // band keys (band_key) it is listed under
  };
  // The story of the most similar earlier article, as find_story() picks it (ties: smallest story;
  // per band only the first kMaxCandidatesPerBand articles in document order are looked at).
  const std::string* nearest(const MinHashSignature& sig, const std::vector<std::uint64_t>& keys,
                             std::uint32_t own) const;
  void list_under(std::uint32_t at, const std::vector<std::uint64_t>& keys);
  void unlist(std::uint32_t at);

  std::vector<Article> articles_;                      // in document-id order (first time given)
  std::unordered_map<std::string, std::uint32_t> by_id_;  // id term → index in articles_
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> band_lists_;  // band → articles, ascending
};

// A band term (band_terms) as one number: band number in the top 16 bits, its 48-bit hash below.
std::uint64_t band_key(const std::string& band_term);

}  // namespace newsindex
