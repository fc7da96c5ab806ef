// WARC files as in the CC-NEWS crawl: HTML `response` records become articles; requests,
// metadata, warcinfo, non-HTML and error responses are counted and reported once per file.
#include <map>
#include <optional>

#include <fmt/format.h>
#include <zlib.h>

#include "html_text.h"
#include "metadata.h"
#include "reader.h"

namespace newsindex {

namespace {

// Larger records (videos, archives) are skipped without keeping them in memory.
constexpr std::size_t kMaxRecordBytes = 64u << 20;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

using Headers = std::map<std::string, std::string>;  // lowercase name → value

void parse_header_line(std::string_view line, Headers& headers) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
}

std::string header(const Headers& h, const std::string& name) {
  auto it = h.find(name);
  return it == h.end() ? std::string() : it->second;
}

// A chunked HTTP body decoded; nullopt when it is not well-formed chunking.
std::optional<std::string> dechunk(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) return std::nullopt;
    std::string size_text = trim(body.substr(pos, eol - pos));
    size_text = size_text.substr(0, size_text.find(';'));
    std::size_t size = 0;
    try {
      size = std::stoul(size_text, nullptr, 16);
    } catch (...) {
      return std::nullopt;
    }
    pos = eol + 1;
    if (size == 0) return out;
    if (pos + size > body.size()) return std::nullopt;
    out.append(body.substr(pos, size));
    pos += size;
    while (pos < body.size() && (body[pos] == '\r' || body[pos] == '\n')) ++pos;
  }
  return out;
}

// gzip or zlib/raw deflate decoded; nullopt when it is neither.
std::optional<std::string> inflate_body(std::string_view body, bool gzip) {
  const std::vector<int> windows = gzip ? std::vector<int>{15 + 32} : std::vector<int>{15, -15};  // zlib, then raw deflate
  for (int window : windows) {
    z_stream z{};
    if (inflateInit2(&z, window) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    z.avail_in = static_cast<uInt>(body.size());
    std::string out;
    int rc = Z_OK;
    while (rc == Z_OK) {
      std::size_t old = out.size();
      out.resize(old + (1 << 16));
      z.next_out = reinterpret_cast<Bytef*>(out.data() + old);
      z.avail_out = 1 << 16;
      rc = inflate(&z, Z_NO_FLUSH);
      out.resize(old + (1 << 16) - z.avail_out);
      if (out.size() > kMaxRecordBytes) rc = Z_MEM_ERROR;
    }
    inflateEnd(&z);
    if (rc == Z_STREAM_END) return out;
  }
  return std::nullopt;
}

class WarcReader final : public ArticleReader {
 public:
  WarcReader(InputStream input, ProblemSink problems) : input_(std::move(input)), problems_(std::move(problems)) {}

  bool next(Article& a) override {
    Headers warc;
    std::string block;
    while (read_record(warc, block)) {
      if (article_from(warc, block, a)) {
        ++articles_;
        return true;
      }
    }
    report_counts();
    return false;
  }

  std::uint64_t bytes_read() const override { return input_.bytes_read(); }

 private:
  std::string where() const { return fmt::format("{}:record {}", input_.name(), record_no_); }
  void problem(std::string message) { problems_(ReadProblem{where(), std::move(message), true}); }

  // The next record's WARC headers and block; false at the end (or when the file is truncated).
  bool read_record(Headers& warc, std::string& block) {
    while (true) {
      Step step = read_one(warc, block);
      if (step != Step::Retry) return step == Step::Record;
    }
  }

  enum class Step { Record, End, Retry };

  Step read_one(Headers& warc, std::string& block) {
    std::string line;
    std::uint64_t garbage_lines = 0;
    while (true) {
      if (!input_.read_line(line)) {
        if (garbage_lines) problem(fmt::format("{} line(s) of non-WARC data at the end", garbage_lines));
        return Step::End;
      }
      if (line.starts_with("WARC/")) break;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines between records
      ++garbage_lines;
    }
    ++record_no_;
    if (garbage_lines) problem(fmt::format("{} line(s) of non-WARC data before this record, skipped", garbage_lines));
    warc.clear();
    while (true) {
      if (!input_.read_line(line)) {
        problem("truncated record: the file ends inside its headers");
        return Step::End;
      }
      if (line.empty()) break;
      parse_header_line(line, warc);
    }
    std::uint64_t length = 0;
    try {
      length = std::stoull(header(warc, "content-length"));
    } catch (...) {
      problem("record without a valid Content-Length; looking for the next record");
      return Step::Retry;
    }
    block.clear();
    if (length > kMaxRecordBytes) {
      std::string scratch;
      for (std::uint64_t left = length; left > 0;) {
        scratch.clear();
        std::size_t got = input_.read(scratch, static_cast<std::size_t>(std::min<std::uint64_t>(left, 1 << 20)));
        if (got == 0) {
          problem(fmt::format("truncated record: {} of {} bytes", length - left, length));
          return Step::End;
        }
        left -= got;
      }
      ++counts_["records over 64 MB"];
      warc["warc-type"] = "oversized";
      return Step::Record;
    }
    std::size_t got = input_.read(block, static_cast<std::size_t>(length));
    if (got < length) {
      problem(fmt::format("truncated record: {} of {} bytes", got, length));
      return Step::End;
    }
    return Step::Record;
  }

  bool article_from(const Headers& warc, const std::string& block, Article& a) {
    std::string type = lower(header(warc, "warc-type"));
    if (type == "oversized") return false;
    if (type != "response") {
      ++counts_[type.empty() ? "untyped" : type];
      return false;
    }
    if (!block.starts_with("HTTP/")) {
      ++counts_["non-HTTP responses"];
      return false;
    }
    std::size_t split = block.find("\r\n\r\n");
    std::size_t body_at = split == std::string::npos ? std::string::npos : split + 4;
    if (split == std::string::npos) {
      split = block.find("\n\n");
      body_at = split == std::string::npos ? block.size() : split + 2;
    }
    std::string_view head(block.data(), std::min(split, block.size()));
    Headers http;
    std::size_t eol = head.find('\n');
    std::string status_line(head.substr(0, eol));
    for (std::size_t pos = eol; pos != std::string_view::npos && pos < head.size();) {
      std::size_t next = head.find('\n', pos + 1);
      parse_header_line(head.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1), http);
      pos = next;
    }
    std::size_t sp = status_line.find(' ');
    if (sp == std::string::npos || status_line.compare(sp + 1, 1, "2") != 0) {
      ++counts_["non-2xx responses"];
      return false;
    }
    std::string content_type = lower(header(http, "content-type"));
    if (content_type.find("text/html") == std::string::npos && content_type.find("application/xhtml") == std::string::npos) {
      ++counts_["non-HTML responses"];
      return false;
    }
    std::string body = block.substr(std::min(body_at, block.size()));
    if (lower(header(http, "transfer-encoding")).find("chunked") != std::string::npos)
      if (auto plain = dechunk(body)) body = std::move(*plain);
    std::string encoding = lower(header(http, "content-encoding"));
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
      auto plain = inflate_body(body, encoding != "deflate");
      if (!plain) {
        ++counts_["undecodable Content-Encoding"];
        return false;
      }
      body = std::move(*plain);
    }
    std::string charset;
    if (std::size_t cs = content_type.find("charset="); cs != std::string::npos)
      charset = trim(content_type.substr(cs + 8, content_type.find(';', cs) - cs - 8));
    if (charset.empty()) charset = declared_charset(body);
    for (char q : {'"', '\''}) std::erase(charset, q);
    std::string target = header(warc, "warc-target-uri");
    if (target.size() > 2 && target.front() == '<' && target.back() == '>') target = target.substr(1, target.size() - 2);
    HtmlPage page = extract_html_page(to_utf8(body, charset), target);
    if (page.text.empty()) {
      ++counts_["HTML pages without article text"];
      return false;
    }
    a = Article{};
    a.origin = where();
    a.title = std::move(page.title);
    a.body = std::move(page.text);
    // The page's canonical (a relative one resolved against the target URI) when it is on the
    // crawled host: it drops tracking parameters and session paths; else the crawled address.
    a.url = !page.url.empty() && domain_of(page.url) == domain_of(target) ? std::move(page.url) : std::move(target);
    // The page's own publication date when it has one; the crawl time otherwise.
    a.date = !page.date.empty() ? page.date : header(warc, "warc-date");
    a.author = page.author;
    a.publisher = page.publisher;
    warn_about_page(page, a, problems_);
    return true;
  }

  void report_counts() {
    if (reported_) return;
    reported_ = true;
    if (counts_.empty()) return;
    std::string list;
    for (const auto& [what, n] : counts_) list += fmt::format("{}{} {}", list.empty() ? "" : ", ", n, what);
    problems_(ReadProblem{input_.name(),
                          fmt::format("{} WARC records, {} articles; not articles: {}", record_no_, articles_, list), false});
  }

  InputStream input_;
  ProblemSink problems_;
  std::uint64_t record_no_ = 0, articles_ = 0;
  std::map<std::string, std::uint64_t> counts_;
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> make_warc_reader(InputStream input, ProblemSink problems) {
  return std::make_unique<WarcReader>(std::move(input), std::move(problems));
}

}  // namespace newsindex
