#include "shard_layout.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "index_contract.h"
#include "stable_hash.h"

namespace newsindex {

namespace fs = std::filesystem;

namespace {

std::string shard_name(unsigned i) { return fmt::format("shard-{:02}", i); }

}  // namespace

unsigned existing_shard_count(const std::string& root) {
  std::error_code ec;
  const fs::path stub = fs::path(root) / kStubFileName;
  if (fs::exists(stub, ec)) {
    std::ifstream in(stub);
    if (!in) throw IndexError(fmt::format("{}: cannot read the shard list", stub.string()));
    unsigned n = 0;
    std::string line;
    while (std::getline(in, line))
      if (line.find_first_not_of(" \t\r") != std::string::npos && line[0] != '#') ++n;
    if (n == 0) throw IndexError(fmt::format("{}: the shard list is empty", stub.string()));
    return n;
  }
  // A plain Xapian database (glass or an older backend).
  for (const char* marker : {"iamglass", "iamchert"})
    if (fs::exists(fs::path(root) / marker, ec)) return 1;
  return 0;
}

std::vector<std::string> shard_paths(const std::string& root, unsigned shards) {
  if (shards <= 1) return {root};
  std::vector<std::string> out;
  for (unsigned i = 0; i < shards; ++i) out.push_back((fs::path(root) / shard_name(i)).string());
  return out;
}

unsigned shard_of(std::string_view id_term, unsigned shards) {
  if (shards <= 1) return 0;
  return static_cast<unsigned>(stable_hash(id_term) % shards);
}

void write_stub(const std::string& root, unsigned shards) {
  const fs::path stub = fs::path(root) / kStubFileName;
  const fs::path tmp = fs::path(root) / (std::string(kStubFileName) + ".tmp");
  std::string text;
  // Relative paths: Xapian resolves them against the stub's folder, so the folder can move.
  for (unsigned i = 0; i < shards; ++i) text += fmt::format("auto {}\n", shard_name(i));
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f) {
    ok = std::fflush(f) == 0 && ok;
    ok = std::fclose(f) == 0 && ok;
  }
  if (!ok) {
    const int err = errno;
    std::error_code ec;
    fs::remove(tmp, ec);
    throw IndexError(fmt::format("{}: cannot write the shard list: {}", stub.string(), std::strerror(err)));
  }
  std::error_code ec;
  fs::rename(tmp, stub, ec);
  if (ec) throw IndexError(fmt::format("{}: cannot write the shard list: {}", stub.string(), ec.message()));
}

}  // namespace newsindex
