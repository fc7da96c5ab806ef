// The per-user binary cache of the compound lexicon (CompoundLexicon::load_cached): deriving the
// flags of 356k wngerman entries takes ~60 ms at every start of newsquery; reading the finished
// table back is a few milliseconds. The file is one header and the table's arrays as raw bytes;
// it is written once, atomically (temporary file + rename), and trusted only when its header
// matches: magic, byte order check, format and rules versions, the word list's content hash, and
// a checksum of the table.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <unistd.h>

#include "cache_dir.h"
#include "compound_splitter.h"

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

void put_bytes(std::string& out, const void* data, std::size_t n) {
  put(out, static_cast<std::uint64_t>(n));
  out.append(static_cast<const char*>(data), n);
}

// A length-prefixed byte array of T; false when the image is short or the size is not whole Ts.
template <typename T>
bool take_array(std::string_view& in, std::vector<T>& out) {
  std::uint64_t n = 0;
  if (!take(in, n) || n > in.size() || n % sizeof(T) != 0) return false;
  out.resize(n / sizeof(T));
  if (n) std::memcpy(out.data(), in.data(), n);
  in.remove_prefix(n);
  return true;
}

// What a cache file must match: the word list's bytes and every rule that derives the table.
std::uint64_t cache_key(std::string_view word_list) {
  const std::string versions =
      fmt::format("lexicon-cache:{}:rules:{}:slot:{}", CompoundLexicon::kCacheVersion, CompoundSplitter::kRulesVersion,
                  sizeof(void*));
  return compound_detail::hash_bytes(word_list) ^ (compound_detail::hash_bytes(versions) * 0x9E3779B97F4A7C15ull);
}

}  // namespace

void compound_detail::FlatWordTable::save(std::string& out) const {
  put_bytes(out, arena_.data(), arena_.size());
  put_bytes(out, slots_.data(), slots_.size() * sizeof(Slot));
  put_bytes(out, filter_.data(), filter_.size() * sizeof(std::uint64_t));
  put(out, static_cast<std::uint64_t>(mask_));
  put(out, static_cast<std::uint64_t>(size_));
  put(out, filter_mask_);
}

bool compound_detail::FlatWordTable::restore(std::string_view& in) {
  std::uint64_t arena_bytes = 0;
  if (!take(in, arena_bytes) || arena_bytes > in.size()) return false;
  arena_.assign(in.data(), arena_bytes);
  in.remove_prefix(arena_bytes);
  std::uint64_t mask = 0, size = 0;
  if (!take_array(in, slots_) || !take_array(in, filter_) || !take(in, mask) || !take(in, size) ||
      !take(in, filter_mask_))
    return false;
  mask_ = mask;
  size_ = size;
  // The invariants lookups rely on: a power-of-two slot array, a filter as large as its mask says,
  // and every used slot inside the arena.
  if (slots_.empty() || mask_ + 1 != slots_.size() || (slots_.size() & mask_) != 0) return false;
  if (filter_.empty() || filter_mask_ + 1 != filter_.size() * 64) return false;
  for (const Slot& s : slots_)
    if (s.len != 0 && std::uint64_t{s.off} + s.len > arena_.size()) return false;
  return true;
}

// Reads and writes a CompoundLexicon's image (a friend of the class).
struct LexiconImage {
  // Header: magic, byte-order probe, key, checksum of the payload; payload: fingerprint, table.
  static std::string save(const CompoundLexicon& lex, std::uint64_t key) {
    std::string payload;
    put(payload, lex.fingerprint_);
    lex.table_.save(payload);
    std::string out(kMagic);
    put(out, kEndianProbe);
    put(out, key);
    put(out, compound_detail::hash_bytes(payload));
    return out + payload;
  }

  static bool restore(std::string_view in, std::uint64_t key, CompoundLexicon& lex) {
    if (in.substr(0, kMagic.size()) != kMagic) return false;
    in.remove_prefix(kMagic.size());
    std::uint64_t probe = 0, stored_key = 0, checksum = 0;
    if (!take(in, probe) || probe != kEndianProbe || !take(in, stored_key) || stored_key != key) return false;
    // A damaged file (a bad disk block, a copy cut short) must never change what is analysed.
    if (!take(in, checksum) || checksum != compound_detail::hash_bytes(in)) return false;
    return take(in, lex.fingerprint_) && lex.table_.restore(in) && in.empty();
  }

  static CompoundLexicon load(const std::string& path) {
    const std::string text = CompoundLexicon::read_word_list(path);
    const std::string dir = user_cache_dir();
    if (dir.empty()) return CompoundLexicon::from_text(text, path);
    const std::uint64_t key = cache_key(text);
    const std::string file = fmt::format("{}/lexicon-{:016x}.bin", dir, key);
    if (std::string image; read_whole(file, image)) {
      CompoundLexicon lex;
      if (restore(image, key, lex)) return lex;
    }
    CompoundLexicon lex = CompoundLexicon::from_text(text, path);
    write_atomically(file, save(lex, key));
    return lex;
  }

  static bool read_whole(const std::string& file, std::string& out) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) return false;
    const std::streamoff size = in.tellg();
    if (size <= 0) return false;
    out.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    return static_cast<bool>(in.read(out.data(), size));
  }

  // Best effort: a read-only or full disk only costs the next start its ~60 ms.
  static void write_atomically(const std::string& file, const std::string& bytes) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
    const std::string tmp = fmt::format("{}.tmp-{}", file, ::getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
        std::filesystem::remove(tmp, ec);
        return;
      }
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) std::filesystem::remove(tmp, ec);
  }
};

CompoundLexicon CompoundLexicon::load_cached(const std::string& path) { return LexiconImage::load(path); }

}  // namespace newsindex
