// Temporary segment databases: a run into a new (empty) database writes contiguous blocks of
// articles into segments in parallel, then merges them (Xapian's compactor, document ids in input
// order) into one compacted database and swaps it in for the target in one atomic rename.
//
// Crash safety: until the swap the target is untouched (empty, as the run found it); after it,
// the target is the whole merged database. A kill -9 leaves TARGET.segments behind, which the next
// run into the same target removes (while holding the target's write lock).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <xapian.h>

namespace newsindex {

// Articles per segment: contiguous blocks of the input, handed to the segment writers in turn.
// Small enough to keep both writers busy to the end, large enough that opening and closing a
// database is noise (fang_covid: 21 segments).
inline constexpr std::uint32_t kSegmentArticles = 2000;

class SegmentSet {
 public:
  // Prepares TARGET.segments (an empty folder; a killed run's leftovers are removed). The caller
  // holds the target's write lock. Throws IndexError when the folder cannot be made.
  explicit SegmentSet(std::string target);
  ~SegmentSet();  // removes the folder; never throws

  // Where segment n is written.
  std::string path_of(std::uint32_t segment) const;

  // Merges segments 0..count-1 in order into one compacted database, lets finish() change it
  // (metadata, late replacements; finish commits nothing itself), commits, then swaps it in for
  // the target atomically (renameat2 RENAME_EXCHANGE). Throws IndexError on failure: the target is then unchanged.
  void merge_into_target(std::uint32_t count, const std::function<void(Xapian::WritableDatabase&)>& finish);

 private:
  std::string target_, folder_;
};

// One writer thread's current segment (DB_NO_SYNC: a temporary database needs no fsync).
class SegmentWriter {
 public:
  SegmentWriter(const SegmentSet& set, std::uint32_t commit_every) : set_(set), commit_every_(commit_every) {}

  // Adds the document to segment n, finishing the previous one when n is another. Throws IndexError.
  void add(std::uint32_t segment, const Xapian::Document& doc);
  // Commits and closes the current segment.
  void finish();

 private:
  const SegmentSet& set_;
  std::uint32_t commit_every_;
  std::uint32_t current_ = UINT32_MAX, pending_ = 0;
  Xapian::WritableDatabase db_;
};

}  // namespace newsindex
