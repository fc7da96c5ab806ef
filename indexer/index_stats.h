// What `newsindex stats` reports about a database.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <xapian.h>

namespace newsindex {

struct IndexStats {
  std::string path;
  std::uint64_t articles = 0;
  std::uint64_t distinct_terms = 0;
  std::uint64_t total_length = 0;  // indexed word occurrences
  std::uint64_t bytes_on_disk = 0;
  std::string first_date, last_date;  // "YYYY-MM-DD", "" when no article has a date
  std::map<std::string, std::uint64_t> sources;     // source → articles
  std::map<std::string, std::uint64_t> categories;  // category → articles
  std::string analysis;  // the analysis fingerprint recorded in the index
};

IndexStats collect_stats(const Xapian::Database& db, const std::string& path);

std::string format_stats_text(const IndexStats& stats);
std::string format_stats_json(const IndexStats& stats);

}  // namespace newsindex
