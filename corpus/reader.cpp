#include "reader.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "metadata.h"

namespace newsindex {

namespace fs = std::filesystem;

namespace {

std::string strip_compression(std::string name) {
  for (std::string_view ext : {".gz", ".zst", ".zstd"})
    if (name.size() > ext.size() && name.ends_with(ext)) return name.substr(0, name.size() - ext.size());
  return name;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Every article leaves through here: one place for dates, source, agency, language, UTF-8.
class MetadataReader final : public ArticleReader {
 public:
  MetadataReader(std::unique_ptr<ArticleReader> inner, ProblemSink problems)
      : inner_(std::move(inner)), problems_(std::move(problems)) {}
  bool next(Article& article) override {
    if (!inner_->next(article)) return false;
    finish_metadata(article, problems_);
    return true;
  }
  std::uint64_t bytes_read() const override { return inner_->bytes_read(); }

 private:
  std::unique_ptr<ArticleReader> inner_;
  ProblemSink problems_;
};

}  // namespace

std::vector<std::string> known_formats() { return {"jsonl", "csv", "tsv", "rss", "atom", "html", "text", "warc"}; }

std::string format_from_name(const std::string& path) {
  if (path == "-") return {};
  const std::string name = lower_ascii(strip_compression(fs::path(path).filename().string()));
  const std::string ext = fs::path(name).extension().string();
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return "jsonl";
  if (ext == ".csv") return "csv";
  if (ext == ".tsv" || ext == ".tab") return "tsv";
  if (ext == ".rss" || ext == ".xml" || ext == ".rdf") return "rss";
  if (ext == ".atom") return "atom";
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".shtml") return "html";
  if (ext == ".txt" || ext == ".text") return "text";
  if (ext == ".warc") return "warc";
  return {};
}

std::string sniff_format(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  std::size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  head.remove_prefix(start);
  const std::string lower = lower_ascii(head);
  if (lower.starts_with("warc/1.")) return "warc";
  if (lower.starts_with("{")) return "jsonl";
  if (lower.starts_with("<")) {
    // Past the XML declaration, comments and a doctype, the first element decides.
    for (std::string_view feed : {"<rss", "<feed", "<rdf:rdf"})
      if (lower.find(feed) != std::string::npos) return "rss";
    if (lower.find("<html") != std::string::npos || lower.starts_with("<!doctype html") || lower.find("<head") != std::string::npos ||
        lower.find("<body") != std::string::npos)
      return "html";
    return {};
  }
  // Readable text (no control bytes) is a plain-text article; binary data is nothing we know.
  for (unsigned char c : head)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return {};
  return "text";
}

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

std::unique_ptr<ArticleReader> open_reader(const std::string& path, const ReaderOptions& options, ProblemSink problems) {
  return open_reader(InputStream::open(path), options, std::move(problems));
}

std::unique_ptr<ArticleReader> open_reader(InputStream input, const ReaderOptions& options, ProblemSink problems) {
  std::string format = options.format.empty() || options.format == "auto" ? format_from_name(input.name()) : options.format;
  if (format.empty()) format = sniff_format(input.peek(4096));
  if (format.empty())
    throw InputError(fmt::format("{}: cannot tell the input format from the name or the first bytes; use --format ({})",
                                 input.name(), fmt::join(known_formats(), ", ")));
  std::unique_ptr<ArticleReader> reader;
  if (format == "jsonl") reader = make_jsonl_reader(std::move(input), problems);
  else if (format == "csv" || format == "tsv") {
    ReaderOptions csv = options;
    csv.format = format;
    if (format == "tsv" && csv.csv_delimiter == 0) csv.csv_delimiter = '\t';
    reader = make_csv_reader(std::move(input), csv, problems);
  } else if (format == "rss" || format == "atom") reader = make_feed_reader(std::move(input), problems);
  else if (format == "html") reader = make_html_reader(std::move(input), problems);
  else if (format == "text") reader = make_text_reader(std::move(input), problems);
  else if (format == "warc") reader = make_warc_reader(std::move(input), problems);
  else throw InputError(fmt::format("unknown format \"{}\" (known: {})", format, fmt::join(known_formats(), ", ")));
  return std::make_unique<MetadataReader>(std::move(reader), std::move(problems));
}

ReadProblem input_failed(const std::string& file, const InputError& error) {
  std::string message = error.what();
  if (message.rfind(file + ": ", 0) == 0) message.erase(0, file.size() + 2);
  return ReadProblem{file, std::move(message), true};
}

}  // namespace newsindex
