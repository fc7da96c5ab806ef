// `newsindex compact`: rewrites a database with Xapian's compactor (full blocks, no free space),
// shard by shard in place, or merged into one new database.
#pragma once

#include <cstdint>
#include <string>

namespace newsindex {

struct CompactionResult {
  std::uint64_t bytes_before = 0, bytes_after = 0;
  std::uint64_t stored_text_bytes = 0;  // the articles' stored JSON: about the size of the input
  std::uint64_t articles = 0;
  unsigned shards_before = 1, shards_after = 1;
  std::string output;  // where the compacted database is
  double seconds = 0;
};

// Compacts db_path. Without output: every shard is compacted next to itself and swapped in,
// holding its write lock meanwhile (a concurrent writer gets the lock message). With output (a
// path that must not exist yet): one new database merging every shard. Throws IndexError when
// the database is missing, locked or cannot be written.
CompactionResult compact_index(const std::string& db_path, const std::string& output);

// Bytes of all files under a path (0 when it does not exist).
std::uint64_t disk_usage(const std::string& path);

}  // namespace newsindex
