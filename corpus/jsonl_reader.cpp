#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reader.h"

namespace newsindex {

namespace {

// Deeper nesting than any article needs is rejected before parsing (bounded stack and memory).
constexpr int kMaxDepth = 64;
// A line longer than this is reported and skipped rather than parsed.
constexpr std::size_t kMaxLineBytes = 64u << 20;

bool too_deep(const std::string& line) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

// A field as a string: strings as they are, numbers and booleans printed, null and absent "".
std::string field(const nlohmann::json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return {};
}

class JsonlReader final : public ArticleReader {
 public:
  JsonlReader(InputStream input, ProblemSink problems) : input_(std::move(input)), problems_(std::move(problems)) {}

  bool next(Article& a) override {
    while (input_.read_line(line_)) {
      ++line_no_;
      if (parse(a)) return true;
    }
    return false;
  }

  std::uint64_t bytes_read() const override { return input_.bytes_read(); }

 private:
  std::string where() const { return fmt::format("{}:{}", input_.name(), line_no_); }
  void problem(std::string message, bool skipped = true) { problems_(ReadProblem{where(), std::move(message), skipped}); }

  bool parse(Article& a) {
    std::size_t first = line_.find_first_not_of(" \t\r");
    if (first == std::string::npos) return false;  // blank lines are allowed
    if (line_.size() > kMaxLineBytes) {
      problem(fmt::format("line of {} bytes is longer than the limit of {} bytes", line_.size(), kMaxLineBytes));
      return false;
    }
    if (std::size_t bad = repair_utf8(line_))
      problem(fmt::format("{} invalid UTF-8 sequence(s) replaced with U+FFFD", bad), false);
    if (too_deep(line_)) {
      problem(fmt::format("JSON nested deeper than {} levels", kMaxDepth));
      return false;
    }
    nlohmann::json obj = nlohmann::json::parse(line_, nullptr, /*allow_exceptions=*/false);
    if (obj.is_discarded()) {
      problem("malformed JSON");
      return false;
    }
    if (!obj.is_object()) {
      problem("expected a JSON object per line");
      return false;
    }
    a = Article{};
    a.id = field(obj, "id");
    a.title = field(obj, "title");
    a.body = field(obj, "body");
    if (a.body.empty()) a.body = field(obj, "text");
    if (a.body.empty()) a.body = field(obj, "content");
    a.source = field(obj, "source");
    a.url = field(obj, "url");
    a.category = field(obj, "category");
    a.origin = where();
    if (a.body.empty()) {
      problem("missing body (fields body, text or content)");
      return false;
    }
    a.date = field(obj, "date");  // normalised (or reported) by finish_metadata
    a.agency = field(obj, "agency");
    a.lang = field(obj, "lang");
    // Stored, not indexed: kept so that `newsindex extract … | newsindex add -` loses nothing.
    a.author = field(obj, "author");
    a.publisher = field(obj, "publisher");
    return true;
  }

  InputStream input_;
  ProblemSink problems_;
  std::string line_;
  std::uint64_t line_no_ = 0;
};

}  // namespace

std::unique_ptr<ArticleReader> make_jsonl_reader(InputStream input, ProblemSink problems) {
  return std::make_unique<JsonlReader>(std::move(input), std::move(problems));
}

}  // namespace newsindex
