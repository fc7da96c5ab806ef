#include "spelling_vocabulary.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "cache_dir.h"
#include "mapped_file.h"
#include "stable_hash.h"

namespace newsindex {

bool letters_only(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || static_cast<unsigned char>(ch) >= 0x80;
  });
}

std::uint32_t letter_set(std::string_view w) {
  std::uint32_t set = 0;
  for (char ch : w) {
    const auto b = static_cast<unsigned char>(ch);
    if (b >= 'a' && b <= 'z') set |= 1u << (b - 'a');
    else if (b >= 0x80) set |= 1u << 26;
  }
  return set;
}

namespace {

constexpr std::string_view kMagic = "NXVOC\x01\x02\x03";  // the last three bytes catch a different byte order
constexpr std::uint64_t kEndianProbe = 0x0102030405060708ull;
// Header: magic, byte-order probe, key, entry count, arena bytes (8 bytes each); then the groups,
// the entries and the arena, each padded to 8 bytes.
constexpr std::size_t kHeaderBytes = 8 * 5;
// Vocabulary files kept in the cache folder, the newest (by write time) first; about 19 MB each
// for a fang_covid-sized index, a few KB for small ones.
constexpr std::size_t kMaxCachedVocabularies = 16;

std::size_t padded(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
T get(std::string_view in, std::size_t at) {
  T v;
  std::memcpy(&v, in.data() + at, sizeof(T));
  return v;
}

// The cache key of a single database: its UUID and revision; nullopt for other databases.
std::optional<std::pair<std::string, std::uint64_t>> identity(const Xapian::Database& db) {
  if (db.size() != 1) return std::nullopt;
  try {
    const std::string uuid = db.get_uuid();
    if (uuid.empty() || uuid.find_first_not_of("0123456789abcdef-") != std::string::npos) return std::nullopt;
    return std::make_pair(uuid, static_cast<std::uint64_t>(db.get_revision()));
  } catch (const Xapian::Error&) {
    return std::nullopt;  // remote or in-memory: no revision
  }
}

std::uint64_t key_of(const std::string& uuid, std::uint64_t revision) {
  return stable_hash(fmt::format("{}|{}|vocabulary:{}|endian:{:x}", uuid, revision, SpellingVocabulary::kVersion, kEndianProbe));
}

// After `file` was written: removes the files of the same database's older revisions (names
// starting with `stem`), and of other databases' files keeps only the kMaxCachedVocabularies - 1
// most recently written (deleted databases leave theirs behind).
void prune_cache(const std::string& file, const std::string& stem) {
  std::error_code ec;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> others;
  std::vector<std::filesystem::path> stale;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(file).parent_path(), ec)) {
    const std::string name = e.path().string();
    if (name == file || !name.ends_with(".bin")) continue;
    if (name.starts_with(stem)) stale.push_back(e.path());
    else others.emplace_back(e.last_write_time(ec), e.path());
  }
  for (const auto& path : stale) std::filesystem::remove(path, ec);
  if (others.size() < kMaxCachedVocabularies) return;
  std::sort(others.begin(), others.end());  // oldest first
  for (std::size_t i = 0; i + kMaxCachedVocabularies <= others.size(); ++i) std::filesystem::remove(others[i].second, ec);
}

}  // namespace

// Lays out and reads the vocabulary's bytes (a friend of the class).
struct VocabularyImage {
  // The whole image for db's letters-only word terms, keyed by key.
  static std::string make(const Xapian::Database& db, std::uint64_t key) {
    using Range = SpellingVocabulary::Range;
    std::vector<Range> groups(SpellingVocabulary::kGroups, Range{0, 0});
    std::vector<SpellingVocabulary::Entry> entries;
    std::string arena;
    std::array<std::vector<SpellingVocabulary::Entry>, SpellingVocabulary::kMaxGroupedLength + 1> by_length;
    // Word terms start with a lowercase letter or a non-ASCII byte (prefixed terms: uppercase).
    std::vector<unsigned char> firsts;
    for (int b = 'a'; b <= 'z'; ++b) firsts.push_back(static_cast<unsigned char>(b));
    for (int b = 0x80; b <= 0xFF; ++b) firsts.push_back(static_cast<unsigned char>(b));
    for (unsigned char first : firsts) {
      for (auto& v : by_length) v.clear();
      const std::string slice(1, static_cast<char>(first));
      for (auto it = db.allterms_begin(slice); it != db.allterms_end(slice); ++it) {
        const std::string term = *it;
        if (!letters_only(term) || arena.size() + term.size() > UINT32_MAX) continue;
        by_length[std::min(term.size(), SpellingVocabulary::kMaxGroupedLength)].push_back(
            {static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(term.size()), it.get_termfreq(),
             letter_set(term)});
        arena += term;
      }
      for (std::size_t len = 0; len < by_length.size(); ++len) {
        Range& r = groups[SpellingVocabulary::group_of(first, len)];
        r.begin = static_cast<std::uint32_t>(entries.size());
        entries.insert(entries.end(), by_length[len].begin(), by_length[len].end());
        r.end = static_cast<std::uint32_t>(entries.size());
      }
    }
    std::string out(kMagic);
    put(out, kEndianProbe);
    put(out, key);
    put(out, static_cast<std::uint64_t>(entries.size()));
    put(out, static_cast<std::uint64_t>(arena.size()));
    out.append(reinterpret_cast<const char*>(groups.data()), groups.size() * sizeof(Range));
    out.append(reinterpret_cast<const char*>(entries.data()), entries.size() * sizeof(SpellingVocabulary::Entry));
    out += arena;
    out.resize(padded(out.size()), '\0');
    return out;
  }

  // The vocabulary of db built in memory, keyed by key; nullptr on a Xapian error.
  static std::shared_ptr<SpellingVocabulary> build(const Xapian::Database& db, std::uint64_t key) {
    auto v = std::make_shared<SpellingVocabulary>();
    try {
      v->storage_ = make(db, key);
    } catch (const Xapian::Error&) {
      return nullptr;
    }
    return attach(*v, v->storage_, key) ? v : nullptr;
  }

  // Points v at an image (owned or mapped); false when it is not a whole image made with key.
  static bool attach(SpellingVocabulary& v, std::string_view in, std::uint64_t key) {
    using Range = SpellingVocabulary::Range;
    if (in.size() < kHeaderBytes || in.substr(0, kMagic.size()) != kMagic) return false;
    if (get<std::uint64_t>(in, 8) != kEndianProbe || get<std::uint64_t>(in, 16) != key) return false;
    const std::uint64_t count = get<std::uint64_t>(in, 24), arena = get<std::uint64_t>(in, 32);
    const std::size_t groups_bytes = SpellingVocabulary::kGroups * sizeof(Range);
    if (count > in.size() / sizeof(SpellingVocabulary::Entry) || arena > in.size()) return false;
    const std::size_t entries_at = kHeaderBytes + groups_bytes, arena_at = entries_at + count * sizeof(SpellingVocabulary::Entry);
    if (padded(arena_at + arena) != in.size()) return false;
    if (reinterpret_cast<std::uintptr_t>(in.data()) % alignof(SpellingVocabulary::Entry) != 0) return false;
    v.groups_ = reinterpret_cast<const Range*>(in.data() + kHeaderBytes);
    v.entries_ = reinterpret_cast<const SpellingVocabulary::Entry*>(in.data() + entries_at);
    v.entry_count_ = count;
    v.arena_ = in.data() + arena_at;
    v.arena_size_ = arena;
    return true;
  }
};

Xapian::doccount SpellingVocabulary::termfreq(std::string_view word) const {
  if (word.empty() || !groups_) return 0;
  const Range r = groups_[group_of(static_cast<unsigned char>(word[0]), word.size())];
  std::uint32_t lo = r.begin, hi = std::min<std::uint32_t>(r.end, static_cast<std::uint32_t>(entry_count_));
  while (lo < hi) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    const Entry& e = entries_[mid];
    if (std::size_t{e.offset} + e.length > arena_size_) return 0;  // damaged entry (of() checks the file as a whole)
    const int order = std::string_view(arena_ + e.offset, e.length).compare(word);
    if (order == 0) return e.termfreq;
    if (order < 0) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

std::shared_ptr<const SpellingVocabulary> SpellingVocabulary::build(const Xapian::Database& db) {
  return VocabularyImage::build(db, 0);
}

std::shared_ptr<const SpellingVocabulary> SpellingVocabulary::of(const Xapian::Database& db) {
  const std::string dir = user_cache_dir();
  const auto id = identity(db);
  if (dir.empty() || !id) return nullptr;
  const std::uint64_t key = key_of(id->first, id->second);
  static std::mutex mutex;
  // Per process, one per database: a newer revision replaces the older one (a long-running server
  // that commits would otherwise keep every revision's mapping, and its deleted file, alive).
  static std::map<std::string, std::pair<std::uint64_t, std::shared_ptr<const SpellingVocabulary>>> open;
  std::lock_guard lock(mutex);
  if (auto it = open.find(id->first); it != open.end() && it->second.first == key) return it->second.second;
  const std::string stem = fmt::format("{}/spelling/{}-", dir, id->first);
  const std::string file = fmt::format("{}{}.bin", stem, id->second);
  auto v = std::make_shared<SpellingVocabulary>();
  std::string_view bytes;
  if (auto mapping = map_file(file, &bytes); mapping && VocabularyImage::attach(*v, bytes, key)) {
    v->owner_ = std::move(mapping);
  } else {
    v = VocabularyImage::build(db, key);
    if (!v) return nullptr;
    if (write_file_atomically(file, v->storage_)) prune_cache(file, stem);
  }
  open[id->first] = {key, v};
  return v;
}

}  // namespace newsindex
