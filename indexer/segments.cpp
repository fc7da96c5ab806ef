#include "segments.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>

#include <fmt/format.h>

#include "errors.h"

namespace newsindex {

namespace fs = std::filesystem;

namespace {

std::string describe(const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  return reason && *reason ? fmt::format("{}: {}", e.get_msg(), reason) : e.get_msg();
}

}  // namespace

SegmentSet::SegmentSet(std::string target) : target_(std::move(target)), folder_(target_ + ".segments") {
  std::error_code ec;
  fs::remove_all(folder_, ec);
  fs::create_directories(folder_, ec);
  if (ec) throw IndexError(fmt::format("{}: cannot make the temporary folder: {}", folder_, ec.message()));
}

SegmentSet::~SegmentSet() {
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

std::string SegmentSet::path_of(std::uint32_t segment) const { return fmt::format("{}/seg-{:05}", folder_, segment); }

void SegmentSet::merge_into_target(std::uint32_t count,
                                   const std::function<void(Xapian::WritableDatabase&)>& finish) {
  const std::string merged = folder_ + "/merged";
  try {
    Xapian::Database all;
    for (std::uint32_t s = 0; s < count; ++s) all.add_database(Xapian::Database(path_of(s)));
    all.compact(merged);  // renumbers: segment after segment, so document ids follow the input
    Xapian::WritableDatabase db(merged, Xapian::DB_OPEN);
    finish(db);
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: merging the new articles failed: {} (the database is as it was)", target_,
                                 describe(e)));
  }
  // One atomic step: the target is either the old (empty) database or the merged one.
  if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0)
    throw IndexError(fmt::format("{}: cannot swap in the merged database: {} (the database is as it was)", target_,
                                 std::strerror(errno)));
}

void SegmentWriter::add(std::uint32_t segment, const Xapian::Document& doc) {
  try {
    if (segment != current_) {
      finish();
      db_ = Xapian::WritableDatabase(set_.path_of(segment), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      current_ = segment;
    }
    db_.add_document(doc);
    if (++pending_ >= commit_every_) {
      db_.commit();
      pending_ = 0;
    }
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: writing failed: {} (the database is as it was)", set_.path_of(segment),
                                 describe(e)));
  }
}

void SegmentWriter::finish() {
  if (current_ == UINT32_MAX) return;
  try {
    db_.commit();
    db_.close();
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: writing failed: {} (the database is as it was)", set_.path_of(current_),
                                 describe(e)));
  }
  current_ = UINT32_MAX;
  pending_ = 0;
}

}  // namespace newsindex
