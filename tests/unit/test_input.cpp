#include <catch2/catch.hpp>

#include <zlib.h>
#include <zstd.h>

#include "input.h"
#include "test_support.h"

using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

std::string gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

std::vector<std::string> lines_of(const std::string& path) {
  InputStream in = InputStream::open(path);
  std::vector<std::string> out;
  std::string line;
  while (in.read_line(line)) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("InputStream reads plain, gzip and zstd the same, by content", "[corpus][input]") {
  TempDir dir;
  std::string text = "erste Zeile\r\nzweite Zeile\n\ndritte ohne Ende";
  for (int i = 0; i < 20000; ++i) text += "\nZeile " + std::to_string(i);
  write_file(dir.file("a.jsonl"), text);
  write_file(dir.file("a.jsonl.gz"), gzip(text));
  write_file(dir.file("a.jsonl.zst"), zstd(text));
  write_file(dir.file("misnamed.jsonl"), zstd(text));
  auto plain = lines_of(dir.file("a.jsonl"));
  REQUIRE(plain.size() == 20004);
  CHECK(plain[0] == "erste Zeile");
  CHECK(plain[2].empty());
  CHECK(plain[3] == "dritte ohne Ende");
  CHECK(lines_of(dir.file("a.jsonl.gz")) == plain);
  CHECK(lines_of(dir.file("a.jsonl.zst")) == plain);
  CHECK(lines_of(dir.file("misnamed.jsonl")) == plain);
}

TEST_CASE("InputStream: truncated compressed input and missing files are errors", "[corpus][input]") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "Zeile " + std::to_string(i) + " mit etwas Text\n";
  std::string gz = gzip(text), zs = zstd(text);
  write_file(dir.file("t.gz"), gz.substr(0, gz.size() / 2));
  write_file(dir.file("t.zst"), zs.substr(0, zs.size() / 2));
  CHECK_THROWS_AS(lines_of(dir.file("t.gz")), InputError);
  CHECK_THROWS_AS(lines_of(dir.file("t.zst")), InputError);
  CHECK_THROWS_WITH(InputStream::open(dir.file("nope.jsonl")), Catch::Contains("nope.jsonl") && Catch::Contains("cannot open"));
}

TEST_CASE("repair_utf8 replaces invalid bytes and counts them", "[corpus][input]") {
  std::string ok = "Größe";
  CHECK(repair_utf8(ok) == 0);
  CHECK(ok == "Größe");
  std::string bad = "a\xFF" "b\xC3";
  CHECK(repair_utf8(bad) == 2);
  CHECK(bad == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
}

TEST_CASE("input: a stream over bytes in memory, compression detected as for files", "[corpus][input]") {
  InputStream plain = InputStream::from_memory("request body", "eins\nzwei\r\n");
  std::string line;
  REQUIRE(plain.read_line(line));
  CHECK(line == "eins");
  REQUIRE(plain.read_line(line));
  CHECK(line == "zwei");
  CHECK_FALSE(plain.read_line(line));
  CHECK(plain.name() == "request body");
  InputStream empty = InputStream::from_memory("leer", "");
  CHECK_FALSE(empty.read_line(line));
  CHECK(empty.read_all().empty());
}
