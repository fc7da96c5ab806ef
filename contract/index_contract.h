// The index contract shared by newsindex and newsquery: term prefixes, value slots and their
// encodings, metadata keys, and opening a database. How analysed words become terms under these
// prefixes is term_scheme.h. docs/index-contract.md is the same table in prose; a unit test checks
// that it names every prefix and slot declared here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <xapian.h>

#include "errors.h"

namespace newsindex::contract {

// --- Term prefixes (Xapian convention: uppercase prefix, lowercase term) ---
inline constexpr std::string_view kWord = "";        // folded word (ä→ae, ß→ss), positional
inline constexpr std::string_view kStem = "Z";       // Snowball stem of the folded word
inline constexpr std::string_view kExact = "XE";     // exact spelling of words with umlaut/ae/oe/ue/ss
inline constexpr std::string_view kPart = "XP";      // stem of a compound part ("nutzerdaten" → XPdat)
inline constexpr std::string_view kUmlautFreeStem = "XU";  // stem with ä/ö/ü as a/o/u where it differs ("ärzte" → XUarzt)
inline constexpr std::string_view kTitle = "S";      // folded title word, positional
inline constexpr std::string_view kTitleStem = "ZS"; // stem of a title word
inline constexpr std::string_view kTitlePart = "XSP";// stem of a compound part in the title
inline constexpr std::string_view kId = "Q";         // article identity (unique)
inline constexpr std::string_view kSource = "XSRC";  // source, lowercased (boolean filter)
inline constexpr std::string_view kCategory = "XCAT";// category, lowercased (boolean filter)
inline constexpr std::string_view kYear = "Y";       // YYYY
inline constexpr std::string_view kMonth = "M";      // YYYYMM
inline constexpr std::string_view kDay = "D";        // YYYYMMDD
inline constexpr std::string_view kAgency = "XAG";   // news agency credited, lowercased ("dpa", "afp")
inline constexpr std::string_view kLanguage = "L";   // detected language ("de", "en")
inline constexpr std::string_view kStory = "XSTORY"; // near-duplicate group (story id)
inline constexpr std::string_view kNearDupBand = "XMH";  // MinHash LSH band of the body (near-duplicate lookup)

// --- Value slots ---
inline constexpr unsigned kSlotDate = 0;      // "YYYYMMDDhhmmss", UTC when the zone is known (date_sort_key); sorts as a string
inline constexpr unsigned kSlotSource = 1;    // source as given
inline constexpr unsigned kSlotCategory = 2;  // category as given
inline constexpr unsigned kSlotAgency = 3;    // agencies credited, comma-separated ("dpa,afp")
inline constexpr unsigned kSlotStory = 4;     // story id of the near-duplicate group
inline constexpr unsigned kSlotLanguage = 5;  // detected language
inline constexpr unsigned kSlotNearDupSignature = 6;  // MinHash signature of the body (near-duplicate check)
inline constexpr unsigned kSlotId = 7;  // the article's id as given: ids-only hits without the stored article (empty in indexes before 2026-12-01)

// --- Metadata keys ---
inline constexpr std::string_view kMetaAnalysis = "newsindex:analysis";  // Analyzer::fingerprint()
inline constexpr std::string_view kMetaFormat = "newsindex:format";      // index layout version
// Bump when an older index would be read wrongly. Dates keeping their offset (stored "…+02:00"
// where "…Z" was before) did not: the slot key and Y/M/D terms of an instant are unchanged.
// 2 (2026-12-02): stored articles are zstd frames (article.h encode_stored); readers still take
// format 1's JSON text, so an index may hold both after re-adding.
inline constexpr std::string_view kFormatVersion = "2";
inline constexpr std::string_view kMetaShards = "newsindex:shards";  // shard count of the set this database belongs to

// Xapian rejects terms over 245 bytes; longer words (URLs, garbage) are not indexed as terms.
inline constexpr std::size_t kMaxTermBytes = 200;

// Title words count this many times in the unprefixed terms: the title boost of free-text search.
inline constexpr unsigned kTitleWdf = 3;

// The date slot's key of a normalised date (dates.h): "YYYYMMDDhhmmss" of its UTC instant when it
// has a zone ("2025-09-15T00:30:00+02:00" → "20250914223000", as for "2025-09-14T22:30:00Z"), of
// the time as written when it has none; missing parts zero, so keys sort as time. The Y/M/D terms
// are its prefixes: a zoned article is filed under its UTC day.
std::string date_sort_key(std::string_view normalized_date);

// The database the tools use without --db: $NEWSINDEX_DB, else $XDG_DATA_HOME/newsindex/db,
// else ~/.local/share/newsindex/db.
std::string default_database_path();

// The identity term of an article id (hashed when too long for a Xapian term).
std::string id_term(std::string_view id);

// The story term of a story id (kStory + id, hashed like id_term when too long).
std::string story_term(std::string_view story_id);

}  // namespace newsindex::contract

namespace newsindex {

// Timeout of a remote shard (tcp:HOST:PORT) for connecting and for each request, in milliseconds
// (Xapian::Remote::open's two timeouts; 10 s, the order of xapian-tcpsrv's own default).
inline constexpr unsigned kRemoteTimeoutMs = 10000;

// Opens a newsindex database (a folder, a stub file or "tcp:HOST:PORT") for reading. Throws
// IndexError when it does not exist or cannot be opened.
Xapian::Database open_index(const std::string& path);

// Throws IndexError unless the database was built with this analysis fingerprint (an empty database
// without one is accepted).
void check_fingerprint(const Xapian::Database& db, const std::string& path, const std::string& fingerprint);

// Records what a database was built with: the analysis fingerprint, kFormatVersion and the shard
// count of its set (metadata kMetaAnalysis, kMetaFormat, kMetaShards); the caller commits.
void write_index_metadata(Xapian::WritableDatabase& db, const std::string& fingerprint, unsigned shards);

// The exit code and one-line message for the exception being handled (call inside a catch block):
// an Error's own code; Xapian's database, lock, network and disk errors are environment errors (4);
// anything else is a bug (1).
std::pair<ExitCode, std::string> describe_current_exception();

// The boundary of every program: runs body and returns its exit code; an exception becomes one
// line "program: message" on stderr and its exit code (describe_current_exception).
int run_guarded(std::string_view program, const std::function<int()>& body);

}  // namespace newsindex
