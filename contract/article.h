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

// The article's fields (not origin) as one JSON object: the stored data of an indexed document.
std::string to_json(const Article& article);
// The inverse of to_json; missing or malformed fields stay "".
Article article_from_json(std::string_view json);

}  // namespace newsindex
