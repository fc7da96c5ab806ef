// The per-user binary cache of the compound lexicon (CompoundLexicon::load_cached): deriving the
// flags of 356k wngerman entries takes ~60 ms at every start of newsquery; mapping the finished
// table is well under a millisecond and pages in only what lookups touch. The file is one header
// and the table's arrays as raw bytes (8-byte aligned); it is written once, atomically (temporary
// file + rename), and used only when its header matches: magic, byte order, the key (word list
// path, size, mtime and inode; cache and rules versions) and the section sizes. Lookups stay
// inside the mapping even if its contents were damaged (probes are bounded, offsets checked); a
// damaged file can at worst change the flags of the damaged entries, and deleting the cache
// folder rebuilds it.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <sys/stat.h>

#include "cache_dir.h"
#include "compound_splitter.h"
#include "mapped_file.h"

namespace newsindex {

namespace {

constexpr std::string_view kMagic = "NXLEX\x01\x02\x03";  // the last three bytes catch a different byte order
constexpr std::uint64_t kEndianProbe = 0x0102030405060708ull;

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
bool take(std::string_view& in, T& v) {
  if (in.size() < sizeof(T)) return false;
  std::memcpy(&v, in.data(), sizeof(T));
  in.remove_prefix(sizeof(T));
  return true;
}

// Sections are padded to 8 bytes so that the slot and filter arrays are aligned in a mapped file.
void pad8(std::string& out) { out.resize((out.size() + 7) & ~std::size_t{7}, '\0'); }

bool take_section(std::string_view& in, std::uint64_t bytes, const char** at) {
  const std::uint64_t padded = (bytes + 7) & ~std::uint64_t{7};
  if (padded > in.size()) return false;
  *at = in.data();
  in.remove_prefix(padded);
  return true;
}

}  // namespace

void compound_detail::FlatWordTable::save(std::string& out) const {
  put(out, static_cast<std::uint64_t>(arena_.size()));
  put(out, static_cast<std::uint64_t>(slots_.size()));
  put(out, static_cast<std::uint64_t>(filter_.size()));
  put(out, static_cast<std::uint64_t>(mask_));
  put(out, static_cast<std::uint64_t>(size_));
  put(out, filter_mask_);
  out.append(arena_);
  pad8(out);
  out.append(reinterpret_cast<const char*>(slots_.data()), slots_.size() * sizeof(Slot));
  pad8(out);
  out.append(reinterpret_cast<const char*>(filter_.data()), filter_.size() * sizeof(std::uint64_t));
}

bool compound_detail::FlatWordTable::restore(std::string_view& in, std::shared_ptr<const void> owner) {
  std::uint64_t arena_bytes = 0, slot_count = 0, filter_words = 0, mask = 0, size = 0, filter_mask = 0;
  if (!take(in, arena_bytes) || !take(in, slot_count) || !take(in, filter_words) || !take(in, mask) ||
      !take(in, size) || !take(in, filter_mask))
    return false;
  // The invariants lookups rely on: a power-of-two slot array and a filter as large as its mask says.
  if (slot_count == 0 || mask + 1 != slot_count || (slot_count & mask) != 0 || size > slot_count) return false;
  if (filter_words == 0 || filter_mask + 1 != filter_words * 64) return false;
  if (slot_count > in.size() / sizeof(Slot) || filter_words > in.size() / 8) return false;
  const char *arena = nullptr, *slots = nullptr, *filter = nullptr;
  if (!take_section(in, arena_bytes, &arena) || !take_section(in, slot_count * sizeof(Slot), &slots) ||
      !take_section(in, filter_words * 8, &filter))
    return false;
  if (reinterpret_cast<std::uintptr_t>(slots) % alignof(Slot) != 0 ||
      reinterpret_cast<std::uintptr_t>(filter) % alignof(std::uint64_t) != 0)
    return false;
  image_ = Image{arena, arena_bytes, reinterpret_cast<const Slot*>(slots), slot_count,
                 reinterpret_cast<const std::uint64_t*>(filter)};
  image_owner_ = std::move(owner);
  arena_.clear();
  slots_.clear();
  filter_.clear();
  mask_ = mask;
  size_ = size;
  filter_mask_ = filter_mask;
  return true;
}

namespace {

// The word list's identity without reading it: path, size, modification time and inode (like
// make's and ccache's direct mode), plus the versions of every rule that derives the table.
std::optional<std::uint64_t> cache_key(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  std::error_code ec;
  const std::string canonical = std::filesystem::weakly_canonical(path, ec).string();
  const std::string id =
      fmt::format("{}|{}|{}.{:09}|{}|lexicon-cache:{}|rules:{}|endian:{:x}|slot:{}", ec ? path : canonical,
                  static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
                  static_cast<long>(st.st_mtim.tv_nsec), static_cast<unsigned long long>(st.st_ino),
                  CompoundLexicon::kCacheVersion, CompoundSplitter::kRulesVersion, kEndianProbe, sizeof(void*));
  return compound_detail::hash_bytes(id);
}

}  // namespace

// Reads and writes a CompoundLexicon's image (a friend of the class).
struct LexiconImage {
  // Header: magic, byte-order probe, key, the lexicon's content fingerprint; then the table.
  static std::string save(const CompoundLexicon& lex, std::uint64_t key) {
    std::string out(kMagic);
    put(out, kEndianProbe);
    put(out, key);
    put(out, lex.fingerprint_);
    lex.table_.save(out);
    return out;
  }

  static bool restore(std::string_view in, std::uint64_t key, std::shared_ptr<const void> owner, CompoundLexicon& lex) {
    if (in.substr(0, kMagic.size()) != kMagic) return false;
    in.remove_prefix(kMagic.size());
    std::uint64_t probe = 0, stored_key = 0;
    if (!take(in, probe) || probe != kEndianProbe || !take(in, stored_key) || stored_key != key) return false;
    return take(in, lex.fingerprint_) && lex.table_.restore(in, std::move(owner)) && in.empty();
  }

  static CompoundLexicon load(const std::string& path) {
    const std::string dir = user_cache_dir();
    const std::optional<std::uint64_t> key = dir.empty() ? std::nullopt : cache_key(path);
    if (!key) return CompoundLexicon::load(path);
    const std::string file = fmt::format("{}/lexicon-{:016x}.bin", dir, *key);
    std::string_view bytes;
    if (std::shared_ptr<const void> mapping = map_file(file, &bytes)) {
      CompoundLexicon lex;
      if (restore(bytes, *key, std::move(mapping), lex)) return lex;
    }
    CompoundLexicon lex = CompoundLexicon::load(path);
    write_file_atomically(file, save(lex, *key));  // best effort: a failure costs the next start ~60 ms
    return lex;
  }
};

CompoundLexicon CompoundLexicon::load_cached(const std::string& path) { return LexiconImage::load(path); }

}  // namespace newsindex
