// The Xapian writer: opens (or creates) a database, records the analysis fingerprint and the
// shard count, and adds, replaces and deletes articles in committed batches.
#pragma once

#include <cstdint>
#include <string>

#include <xapian.h>

#include "near_duplicates.h"

namespace newsindex {

struct WriterOptions {
  std::uint32_t batch_size = 2000;  // articles per commit: what a kill -9 can lose at most
  unsigned shards = 1;              // shard count of the database this one belongs to (metadata)
};

class IndexWriter {
 public:
  // Creates the database when missing. Throws IndexError when it is locked by another writer,
  // cannot be written (read-only folder), was built with a different analysis chain
  // (fingerprint mismatch) and already holds articles, or belongs to a different shard count.
  IndexWriter(const std::string& path, const std::string& analysis_fingerprint, WriterOptions options = {});
  ~IndexWriter();  // commits what is pending; never throws

  // Adds or replaces the article with this identity term; true when it replaced one. The article
  // joins the story (contract::kStory) of its nearest indexed near-duplicate in this database.
  // Throws IndexError when a commit fails (disk full…): the last committed batch stays intact.
  bool put(const std::string& id_term, const Xapian::Document& doc);
  // Deletes by identity term; false when there was no such article.
  bool remove(const std::string& id_term);
  void commit();

  Xapian::doccount article_count() const { return db_.get_doccount(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  Xapian::WritableDatabase db_;
  WriterOptions options_;
  std::uint32_t pending_ = 0;
  BandFilter bands_;  // every near-duplicate band in db_, so most articles skip the story lookup
};

}  // namespace newsindex
