#include "reader.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

namespace newsindex {

namespace fs = std::filesystem;

namespace {

std::string strip_compression(std::string name) {
  for (std::string_view ext : {".gz", ".zst", ".zstd"})
    if (name.size() > ext.size() && name.ends_with(ext)) return name.substr(0, name.size() - ext.size());
  return name;
}

std::string format_from_name(const std::string& path) {
  std::string name = strip_compression(fs::path(path).filename().string());
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"})
    if (name.ends_with(ext)) return "jsonl";
  return "jsonl";
}

}  // namespace

std::vector<std::string> known_formats() { return {"jsonl"}; }

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) throw InputError(fmt::format("{}: no such file or folder", p));
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw InputError(fmt::format("{}: cannot read folder: {}", p, ec.message()));
    for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
      if (ec) throw InputError(fmt::format("{}: cannot read folder: {}", p, ec.message()));
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

std::unique_ptr<ArticleReader> open_reader(const std::string& path, const std::string& format, ProblemSink problems) {
  std::string fmt_name = format.empty() || format == "auto" ? format_from_name(path) : format;
  if (fmt_name == "jsonl") return make_jsonl_reader(InputStream::open(path), std::move(problems));
  throw InputError(fmt::format("unknown format \"{}\" (known: {})", fmt_name, fmt::join(known_formats(), ", ")));
}

}  // namespace newsindex
