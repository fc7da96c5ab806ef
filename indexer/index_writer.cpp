#include "index_writer.h"

#include <filesystem>

#include <fmt/format.h>

#include "index_contract.h"
#include "near_duplicates.h"

namespace newsindex {

namespace c = contract;

IndexWriter::IndexWriter(const std::string& path, const std::string& fingerprint, WriterOptions options)
    : options_(options) {
  try {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError(fmt::format("{}: database is locked by another writer (is another newsindex running?)", path));
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: cannot open database for writing: {}", path, e.get_msg()));
  }
  const std::string existing = db_.get_metadata(std::string(c::kMetaAnalysis));
  if (!existing.empty() && existing != fingerprint && db_.get_doccount() > 0) {
    throw IndexError(fmt::format(
        "{}: the index was built with a different analysis chain ({}); this newsindex uses ({}): rebuild the "
        "index into a new database",
        path, existing, fingerprint));
  }
  if (existing != fingerprint) {
    db_.set_metadata(std::string(c::kMetaAnalysis), fingerprint);
    db_.set_metadata(std::string(c::kMetaFormat), std::string(c::kFormatVersion));
  }
}

IndexWriter::~IndexWriter() {
  try {
    if (pending_) db_.commit();
  } catch (...) {
    // Nothing to report to from a destructor; the last committed batch stays intact.
  }
}

bool IndexWriter::put(const std::string& id_term, const Xapian::Document& doc) {
  const bool existed = db_.term_exists(id_term);
  // Only the writer sees the database as it grows (uncommitted batches included), so the story
  // of a near-duplicate is decided here. The copy shares the document's contents.
  Xapian::Document with_story = doc;
  assign_story(db_, with_story, id_term);
  db_.replace_document(id_term, with_story);
  if (++pending_ >= options_.batch_size) commit();
  return existed;
}

bool IndexWriter::remove(const std::string& id_term) {
  if (!db_.term_exists(id_term)) return false;
  db_.delete_document(id_term);
  if (++pending_ >= options_.batch_size) commit();
  return true;
}

void IndexWriter::commit() {
  db_.commit();
  pending_ = 0;
}

}  // namespace newsindex
