#include "compaction.h"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>
#include <xapian.h>

#include "article.h"
#include "index_contract.h"
#include "shard_layout.h"

namespace newsindex {

namespace fs = std::filesystem;

namespace {

std::uint64_t stored_text(const Xapian::Database& db) {
  std::uint64_t bytes = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) bytes += stored_json(db.get_document(*it).get_data()).size();
  return bytes;
}

Xapian::WritableDatabase lock_for_writing(const std::string& path) {
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError(fmt::format("{}: database is locked by another writer (is another newsindex running?)", path));
  }
}

// Compacts one shard into path.compact-tmp and swaps it in while holding the shard's lock.
void compact_in_place(const std::string& path) {
  Xapian::WritableDatabase lock = lock_for_writing(path);
  const std::string tmp = path + ".compact-tmp", old = path + ".compact-old";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::remove_all(old, ec);
  Xapian::Database(path).compact(tmp);
  fs::rename(path, old, ec);
  if (ec) throw IndexError(fmt::format("{}: cannot swap in the compacted copy: {}", path, ec.message()));
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code back;
    fs::rename(old, path, back);
    throw IndexError(fmt::format("{}: cannot swap in the compacted copy: {}", path, ec.message()));
  }
  lock.close();
  fs::remove_all(old, ec);
}

}  // namespace

std::uint64_t disk_usage(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  std::uint64_t bytes = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) bytes += it->file_size(ec);
  return bytes;
}

CompactionResult compact_index(const std::string& db_path, const std::string& output) {
  const auto t0 = std::chrono::steady_clock::now();
  CompactionResult r;
  Xapian::Database all = open_index(db_path);
  r.shards_before = std::max(1u, existing_shard_count(db_path));
  r.bytes_before = disk_usage(db_path);
  r.articles = all.get_doccount();
  r.stored_text_bytes = stored_text(all);
  try {
    if (output.empty()) {
      for (const std::string& shard : shard_paths(db_path, r.shards_before)) compact_in_place(shard);
      r.output = db_path;
      r.shards_after = r.shards_before;
    } else {
      std::error_code ec;
      if (fs::exists(output, ec)) throw IndexError(fmt::format("{}: already exists; give a new path for the compacted database", output));
      // Hold every shard's write lock, so no batch is committed halfway through the copy.
      std::vector<Xapian::WritableDatabase> locks;
      for (const std::string& shard : shard_paths(db_path, r.shards_before)) locks.push_back(lock_for_writing(shard));
      all.reopen();
      all.compact(output);
      Xapian::WritableDatabase merged(output, Xapian::DB_OPEN);
      merged.set_metadata(std::string(contract::kMetaShards), "1");
      merged.commit();
      r.output = output;
      r.shards_after = 1;
    }
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: compaction failed: {}", db_path, e.get_msg()));
  }
  r.bytes_after = disk_usage(r.output);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace newsindex
