// A news article as the readers deliver it: every field a string, "" when unknown.
#pragma once

#include <string>
#include <string_view>

namespace newsindex {

struct Article {
  std::string id;        // identity: given id, else url, else a hash of title and body (see identity())
  std::string title;
  std::string body;
  std::string date;      // normalised ISO 8601 with the zone as given (see normalize_date), "" when unknown
  std::string source;    // outlet, e.g. "zeit.de"
  std::string url;
  std::string category;
  std::string agency;    // news agencies credited, comma-separated ("dpa,afp"), "" when none
  std::string lang;      // ISO 639-1 language ("de"), "" when not detected
  std::string author;    // who wrote it, as the source names them ("A. Vogt, T. Berger"), "" when unknown
  std::string publisher; // who published it, as the page names itself (JSON-LD publisher, og:site_name), "" when unknown
  std::string origin;    // where it came from, "file:line", for messages
};

// The identity of an article: id, else url, else "h:" + a stable hash of title and body.
std::string identity(const Article& article);

// The article's fields (not origin) as one JSON object (what `newsindex extract` prints, and the
// text of a document's stored data).
std::string to_json(const Article& article);
// The inverse of to_json; missing or malformed fields stay "".
Article article_from_json(std::string_view json);

// The stored data of an indexed document (index format 2): to_json as one zstd frame (level
// kStoredZstdLevel, with zstd's content checksum, so a damaged frame is an error, not garbage).
// Xapian's glass keeps its own zlib form of a tag only when that is smaller, which a zstd frame
// never is, so reading an article costs a zstd decompression instead of zlib's inflate (600
// results pages on 5,000 fang articles, perf record: zlib 11.7% of samples, zstd 3.9%; 2026-12-02).
std::string encode_stored(const Article& article);
// The JSON text of a document's stored data: a zstd frame decompressed, anything else (format 1
// stored the JSON itself) as it is. Throws IndexError for a damaged frame.
std::string stored_json(std::string_view data);
// The article of a document's stored data (stored_json, then article_from_json).
Article article_from_stored(std::string_view data);

// zstd's level for stored articles: its default, level 3 (fast to write, and reading speed does
// not depend on the level).
inline constexpr int kStoredZstdLevel = 3;

}  // namespace newsindex
