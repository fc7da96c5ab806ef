// Near-duplicate detection: wire copies and republished articles get one story id.
//
// MinHash over 3-word shingles of the folded body words, with LSH banding stored as boolean terms
// (contract::kNearDupBand) and the signature in a value slot (contract::kSlotNearDupSignature).
// MinHash rather than SimHash: copies of one agency story differ by a sentence or a paragraph
// (shingle Jaccard 0.6-0.9); a 64-bit SimHash separates those from unrelated texts only at Hamming
// distances of 10+ bits, which band terms cannot find exactly, while MinHash estimates the
// Jaccard similarity directly and its bands find pairs above ~0.6 with high probability.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "analyzer.h"

namespace newsindex {

inline constexpr std::size_t kMinHashBands = 20;
inline constexpr std::size_t kMinHashRows = 3;  // values per band: P(found) = 1-(1-J^3)^20, 0.9998 at J=0.7
inline constexpr std::size_t kMinHashCount = kMinHashBands * kMinHashRows;
// Estimated shingle Jaccard from which two bodies are the same story. Measured on fang_covid
// (bench/dedup_eval.cpp): at 0.5, 11 of 30 checked non-identical pairs were different stories
// sharing a template (newsletter teasers, "Morgenlage" digests); at 0.7, 1 of 15.
inline constexpr double kNearDuplicateJaccard = 0.7;
// Bodies with fewer shingles (short notes, empty bodies) never join a story: too little to tell.
inline constexpr std::size_t kMinShingles = 8;
// Candidate lookups per band stop after this many documents: a band shared by hundreds of
// articles is boilerplate (an agency footer), not a story.
inline constexpr std::size_t kMaxCandidatesPerBand = 200;

struct MinHashSignature {
  std::array<std::uint32_t, kMinHashCount> values{};
  std::size_t shingles = 0;
  bool usable() const { return shingles >= kMinShingles; }
};

// The signature of a body from its analysed tokens (word tokens only; parts and variants skipped).
MinHashSignature minhash_signature(const std::vector<Token>& body_tokens);
// The same from folded words (for tests and tools that already have the words).
MinHashSignature minhash_signature(const std::vector<std::string>& folded_words);

// Share of equal values: an unbiased estimate of the shingle Jaccard similarity.
double estimated_jaccard(const MinHashSignature& a, const MinHashSignature& b);

// The LSH band terms of a signature (prefix contract::kNearDupBand); none when not usable.
std::vector<std::string> band_terms(const MinHashSignature& signature);

// The signature as stored in the value slot, and back (nullopt for a malformed value).
std::string encode_signature(const MinHashSignature& signature);
std::optional<MinHashSignature> decode_signature(std::string_view stored);

// Adds the band terms and the signature value to a document.
void add_near_duplicate_keys(Xapian::Document& doc, const MinHashSignature& signature);

struct StoryMatch {
  std::string story_id;    // the story the article joins
  std::string matched_id;  // the indexed article it resembles most
  double similarity = 0;   // estimated Jaccard
};

// Whether a near duplicate (similarity sim, already at least kNearDuplicateJaccard) with this story
// beats the best so far (best_story null: none yet): the more similar wins, ties go to the smaller
// story id, so the choice does not depend on candidate order. find_story and StoryIndex share it.
inline bool better_story(double sim, const std::string& story, const std::string* best_story, double best_sim) {
  return !best_story || sim > best_sim || (sim == best_sim && story < *best_story);
}

// The story of the indexed article most similar to this signature (ties: the smallest story id),
// ignoring the document with own_id_term (the article itself when it is being replaced).
std::optional<StoryMatch> find_story(const Xapian::Database& db, const MinHashSignature& signature,
                                     const std::string& own_id_term);

// Records the story id in a document: boolean term contract::story_term(id) and value slot.
void set_story(Xapian::Document& doc, const std::string& story_id);

// The band terms a database holds, as 64-bit hashes in memory: a writer asks the database for
// candidates only when one of an article's bands may be there (about 1 article in 75 on
// fang_covid), which saves ~20% of indexing time. A superset is fine (deleted articles'
// bands stay; hash collisions cost one needless lookup).
class BandFilter {
 public:
  void load(const Xapian::Database& db);  // every band term in the database
  bool may_contain_any(const std::vector<std::string>& bands) const;
  void add(const std::vector<std::string>& bands);

 private:
  std::unordered_set<std::uint64_t> hashes_;
};

// The article joins the story of its nearest indexed duplicate, else starts its own (story id =
// its id term without the prefix, i.e. its id). Reads the signature from the document's value
// slot (add_near_duplicate_keys); records the story with set_story. Returns the story id.
// With a filter (holding every band of db), the database is read only when a band may match;
// the article's bands are added to the filter.
std::string assign_story(const Xapian::Database& db, Xapian::Document& doc, const std::string& own_id_term,
                         BandFilter* filter = nullptr);

}  // namespace newsindex
