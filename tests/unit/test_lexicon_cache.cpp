// The compound lexicon's binary cache: a cached load gives the same lexicon as a direct one, a
// truncated or foreign cache file is ignored (and replaced), garbage inside one never makes a
// lookup leave the mapping, and NEWSINDEX_CACHE_DIR=off disables it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "compound_splitter.h"
#include "test_support.h"

using namespace newsindex;
using newsindex::testing::ScopedEnv;

namespace {

std::vector<std::filesystem::path> cache_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().filename().string().rfind("lexicon-", 0) == 0) out.push_back(e.path());
  return out;
}

void check_same(const CompoundLexicon& a, const CompoundLexicon& b) {
  CHECK(a.fingerprint() == b.fingerprint());
  CHECK(a.size() == b.size());
  for (const char* w : {"haus", "bahn", "autobahn", "eisenbahn", "preis", "rot", "eu", "fehlt"}) {
    INFO(w);
    CHECK(a.flags(w) == b.flags(w));
  }
}

}  // namespace

TEST_CASE("lexicon cache: same lexicon from the cache, damaged files ignored, off disables", "[compound][cache]") {
  const newsindex::testing::TempDir dir;
  const std::string list = dir.file("words.txt");
  newsindex::testing::write_file(list, "Haus\nBahn\nAutobahn\nEisenbahn\nbahn\nPreises\npreis\nrot\nEU\n");
  const std::filesystem::path cache = dir.path() / "cache";
  const ScopedEnv env("NEWSINDEX_CACHE_DIR", cache.string());
  const CompoundLexicon direct = CompoundLexicon::load(list);

  const CompoundLexicon first = CompoundLexicon::load_cached(list);  // derives and writes the cache
  REQUIRE(cache_files(cache).size() == 1);
  check_same(direct, first);
  const CompoundLexicon second = CompoundLexicon::load_cached(list);  // reads it back
  check_same(direct, second);

  SECTION("a damaged or truncated file is ignored and rewritten") {
    const auto file = cache_files(cache).front();
    const auto size = std::filesystem::file_size(file);
    for (auto cut : {size / 2, std::uintmax_t{20}, std::uintmax_t{0}}) {
      std::filesystem::resize_file(file, cut);
      check_same(direct, CompoundLexicon::load_cached(list));
      CHECK(std::filesystem::file_size(file) == size);
    }
    // Garbage inside the arrays: lookups stay inside the mapping (no crash, no endless probing).
    for (std::uintmax_t at = 80; at + 8 <= size; at += 8) {
      {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(at));
        f.write("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
      }
      const CompoundLexicon damaged = CompoundLexicon::load_cached(list);
      for (const char* w : {"haus", "bahn", "autobahn", "fehlt", "x"}) (void)damaged.flags(w);
    }
  }
  SECTION("a changed word list gets its own cache file") {
    newsindex::testing::write_file(list, "Haus\nBus\n");
    const CompoundLexicon other = CompoundLexicon::load_cached(list);
    CHECK(other.size() == 2);
    CHECK(cache_files(cache).size() == 2);
  }
  SECTION("NEWSINDEX_CACHE_DIR=off writes nothing") {
    const ScopedEnv off("NEWSINDEX_CACHE_DIR", "off");
    std::filesystem::remove_all(cache);
    check_same(direct, CompoundLexicon::load_cached(list));
    CHECK(cache_files(cache).empty());
  }
}
