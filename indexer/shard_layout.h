// How a database folder is laid out: one Xapian database, or K shard databases
// (DIR/shard-00 .. DIR/shard-(K-1)) plus the stub file DIR/XAPIANDB listing them, which Xapian
// opens as one database ("newsquery --db DIR" searches all shards with global statistics).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

// Xapian treats a folder holding a file of this name as a stub database.
inline constexpr std::string_view kStubFileName = "XAPIANDB";
inline constexpr unsigned kMaxShards = 256;

// The shard count a database folder has: 0 when there is no database yet, 1 for a plain
// database, K for a sharded one. Throws IndexError when the stub file cannot be read.
unsigned existing_shard_count(const std::string& root);

// Paths of the databases to write: {root} for one shard, else root/shard-NN.
std::vector<std::string> shard_paths(const std::string& root, unsigned shards);

// The shard an article belongs to: a stable hash (FNV-1a) of its identity term, so re-adding
// an article always lands in the shard that already holds it.
unsigned shard_of(std::string_view id_term, unsigned shards);

// Writes root/XAPIANDB listing the shards ("auto shard-NN" lines), atomically (temp + rename).
// Throws IndexError when it cannot be written.
void write_stub(const std::string& root, unsigned shards);

}  // namespace newsindex
