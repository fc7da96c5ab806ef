#include "index_writer.h"

#include <filesystem>

#include <fmt/format.h>

#include "index_contract.h"
#include "near_duplicates.h"
#include "shard_layout.h"

namespace newsindex {

namespace c = contract;

namespace {

// Xapian's message plus the system's reason when there is one ("No space left on device").
std::string describe(const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  return reason && *reason ? fmt::format("{}: {}", e.get_msg(), reason) : e.get_msg();
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const std::string& fingerprint, WriterOptions options)
    : path_(path), options_(options) {
  try {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError(fmt::format("{}: database is locked by another writer (is another newsindex running?)", path));
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: cannot open database for writing: {}", path, describe(e)));
  }
  check_fingerprint(db_, path, fingerprint);
  const std::string existing = db_.get_metadata(std::string(c::kMetaAnalysis));
  const std::string shards = db_.get_metadata(std::string(c::kMetaShards));
  const std::string wanted = std::to_string(options_.shards);
  if (!shards.empty() && shards != wanted && db_.get_doccount() > 0) {
    throw IndexError(fmt::format("{}: this database is one of {} shards, not of {}", path, shards, wanted));
  }
  try {
    if (existing != fingerprint || shards != wanted) {
      write_index_metadata(db_, fingerprint, options_.shards);
      db_.commit();
    }
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: cannot write to the database: {}", path, describe(e)));
  }
  bands_.load(db_);
}

IndexWriter::~IndexWriter() {
  try {
    if (pending_) db_.commit();
  } catch (...) {
    // Nothing to report to from a destructor; the last committed batch stays intact.
  }
}

bool IndexWriter::put(const std::string& id_term, const Xapian::Document& doc) {
  try {
    const bool existed = db_.term_exists(id_term);
    // Only the writer sees the database as it grows (uncommitted batches included), so the story
    // of a near-duplicate is decided here. The copy shares the document's contents.
    Xapian::Document with_story = doc;
    assign_story(db_, with_story, id_term, &bands_);
    db_.replace_document(id_term, with_story);
    if (++pending_ >= options_.batch_size) commit();
    return existed;
  } catch (const Xapian::DatabaseError& e) {
    throw IndexError(fmt::format("{}: writing failed: {} (the database keeps its last committed batch)", path_,
                                 describe(e)));
  }
}

bool IndexWriter::remove(const std::string& id_term) {
  if (!db_.term_exists(id_term)) return false;
  db_.delete_document(id_term);
  if (++pending_ >= options_.batch_size) commit();
  return true;
}

void IndexWriter::commit() {
  try {
    db_.commit();
  } catch (const Xapian::DatabaseError& e) {
    throw IndexError(fmt::format("{}: commit failed: {} (the database keeps its last committed batch)", path_,
                                 describe(e)));
  }
  pending_ = 0;
}

}  // namespace newsindex
