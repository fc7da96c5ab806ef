// CSV/TSV reader: RFC 4180 quoting (fields may span lines, doubled quotes), any quote character
// and delimiter, with or without a header row.
#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reader.h"
#include "utf8.h"

namespace newsindex {

namespace {

// A quoted field longer than this many lines is taken to be an unterminated quote.
constexpr std::size_t kMaxRecordLines = 10000;
constexpr std::size_t kMaxRecordBytes = 32u << 20;

constexpr std::array<std::string_view, 9> kFields = {"id", "title", "body", "date", "source", "url", "category", "agency", "lang"};

std::string* field_of(Article& a, std::string_view name) {
  if (name == "id") return &a.id;
  if (name == "title") return &a.title;
  if (name == "body") return &a.body;
  if (name == "date") return &a.date;
  if (name == "source") return &a.source;
  if (name == "url") return &a.url;
  if (name == "category") return &a.category;
  if (name == "agency") return &a.agency;
  if (name == "lang") return &a.lang;
  return nullptr;
}

// Column names each field is found under when no --map says otherwise, in order of preference.
std::vector<std::string_view> default_columns(std::string_view field) {
  if (field == "body") return {"body", "text", "content", "article", "artikel"};
  if (field == "title") return {"title", "headline", "titel"};
  if (field == "date") return {"date", "published", "pubdate", "datum", "published_at"};
  if (field == "url") return {"url", "link"};
  if (field == "category") return {"category", "label", "kategorie", "ressort"};
  if (field == "lang") return {"lang", "language"};
  return {field};
}

std::string lower_trimmed(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  std::size_t e = s.find_last_not_of(" \t\r");
  std::string out = b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The delimiter of a line: the most frequent of , ; tab | outside quotes.
char detect_delimiter(std::string_view line, char quote, char fallback) {
  std::array<std::pair<char, std::size_t>, 4> counts = {{{',', 0}, {';', 0}, {'\t', 0}, {'|', 0}}};
  bool quoted = false;
  for (char c : line) {
    if (c == quote) quoted = !quoted;
    else if (!quoted)
      for (auto& [d, n] : counts)
        if (c == d) ++n;
  }
  auto best = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
  return best->second > 0 ? best->first : fallback;
}

enum class Split { Complete, OpenQuote };

// Splits `record` into fields. OpenQuote when a quoted field is still open at the end (the record
// continues on the next line). A quote inside an unquoted field is a literal character; text
// after a closing quote is appended to the field (as Python's csv module does).
Split split_record(std::string_view record, char delim, char quote, std::vector<std::string>& fields) {
  fields.assign(1, std::string());
  bool quoted = false, at_field_start = true;
  for (std::size_t i = 0; i < record.size(); ++i) {
    char c = record[i];
    if (quoted) {
      if (c == quote) {
        if (i + 1 < record.size() && record[i + 1] == quote) {
          fields.back() += quote;
          ++i;
        } else {
          quoted = false;
        }
      } else {
        fields.back() += c;
      }
      continue;
    }
    if (c == delim) {
      fields.emplace_back();
      at_field_start = true;
      continue;
    }
    if (c == quote && at_field_start) {
      quoted = true;
      at_field_start = false;
      continue;
    }
    if (c == '\r' && i + 1 == record.size()) continue;
    fields.back() += c;
    at_field_start = false;
  }
  return quoted ? Split::OpenQuote : Split::Complete;
}

class CsvReader final : public ArticleReader {
 public:
  CsvReader(InputStream input, const ReaderOptions& options, ProblemSink problems)
      : input_(std::move(input)), options_(options), problems_(std::move(problems)) {
    quote_ = options.csv_quote;
    delim_ = options.csv_delimiter;
    if (!options.csv_columns.empty()) set_columns(options.csv_columns);
  }

  bool next(Article& a) override {
    std::vector<std::string> fields;
    std::uint64_t line;
    while (read_record(fields, line)) {
      if (fields.size() == 1 && lower_trimmed(fields[0]).empty()) continue;  // blank line
      if (columns_.empty()) {
        std::vector<std::string> names;
        for (auto& f : fields) names.push_back(lower_trimmed(f));
        set_columns(names);
        continue;
      }
      if (fields.size() != columns_.size()) {
        problem(line, fmt::format("expected {} fields, found {}", columns_.size(), fields.size()));
        resync_after(line);
        continue;
      }
      a = Article{};
      a.origin = where(line);
      for (const auto& [field, column] : mapping_) *field_of(a, field) = std::move(fields[column]);
      if (lower_trimmed(a.body).empty()) {
        problem(line, fmt::format("empty body (column \"{}\")", columns_[body_column_]));
        continue;
      }
      record_lines_.clear();
      return true;
    }
    return false;
  }

  std::uint64_t bytes_read() const override { return input_.bytes_read(); }

 private:
  std::string where(std::uint64_t line) const { return fmt::format("{}:{}", input_.name(), line); }
  void problem(std::uint64_t line, std::string message) { problems_(ReadProblem{where(line), std::move(message), true}); }

  // The header for messages: a header that is really a data row (no --csv-columns) stays short.
  std::string column_list() const {
    std::string out;
    for (std::size_t i = 0; i < columns_.size() && i < 12; ++i) {
      const std::size_t cut = utf8::boundary_before(columns_[i], 24);
      std::string name = cut < columns_[i].size() ? columns_[i].substr(0, cut) + "…" : columns_[i];
      out += (i ? ", " : "") + ("\"" + name + "\"");
    }
    return columns_.size() > 12 ? out + ", …" : out;
  }

  void set_columns(const std::vector<std::string>& names) {
    columns_ = names;
    auto find = [&](std::string_view name) -> std::optional<std::size_t> {
      for (std::size_t i = 0; i < columns_.size(); ++i)
        if (lower_trimmed(columns_[i]) == lower_trimmed(name)) return i;
      return std::nullopt;
    };
    mapping_.clear();
    for (std::string_view field : kFields) {
      auto given = std::find_if(options_.field_map.begin(), options_.field_map.end(), [&](auto& m) { return m.first == field; });
      if (given != options_.field_map.end()) {
        auto col = find(given->second);
        if (!col)
          throw InputError(fmt::format("{}: no column \"{}\" (for {}={}); columns: {}", input_.name(), given->second, field,
                                       given->second, column_list()));
        mapping_.emplace_back(std::string(field), *col);
        continue;
      }
      for (std::string_view alias : default_columns(field))
        if (auto col = find(alias)) {
          mapping_.emplace_back(std::string(field), *col);
          break;
        }
    }
    auto body = std::find_if(mapping_.begin(), mapping_.end(), [](auto& m) { return m.first == "body"; });
    if (body == mapping_.end())
      throw InputError(fmt::format("{}: no body column (looked for body, text, content); columns: {}; use --map body=COLUMN",
                                   input_.name(), column_list()));
    body_column_ = body->second;
  }

  bool next_line(std::string& line, std::uint64_t& number) {
    if (!pending_.empty()) {
      number = pending_.front().first;
      line = std::move(pending_.front().second);
      pending_.pop_front();
      return true;
    }
    if (!input_.read_line(line)) return false;
    number = ++line_no_;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    return true;
  }

  // One record, possibly over several lines. An unterminated quote is reported at the line where
  // the record began and reading resumes on the line after it.
  bool read_record(std::vector<std::string>& fields, std::uint64_t& first_line) {
    std::string line;
    std::uint64_t number;
    record_lines_.clear();
    if (!next_line(line, number)) return false;
    first_line = number;
    if (delim_ == 0) delim_ = detect_delimiter(line, quote_, options_.format == "tsv" ? '\t' : ',');
    std::string record = line;
    record_lines_.emplace_back(number, std::move(line));
    std::size_t bytes = record.size();
    while (split_record(record, delim_, quote_, fields) == Split::OpenQuote) {
      bool more = record_lines_.size() < kMaxRecordLines && bytes < kMaxRecordBytes && next_line(line, number);
      if (!more) {
        problem(first_line, fmt::format("unterminated quoted field ({} {})", record_lines_.size(),
                                        record_lines_.size() == 1 ? "line" : "lines"));
        resync_after(first_line);
        if (!next_line(line, number)) return false;
        first_line = number;
        record = line;
        record_lines_.clear();
        record_lines_.emplace_back(number, std::move(line));
        bytes = record.size();
        continue;
      }
      record += '\n';
      record += line;
      bytes += line.size() + 1;
      record_lines_.emplace_back(number, std::move(line));
    }
    return true;
  }

  // After a bad record that spanned several lines, its later lines are read again as records of
  // their own: one stray quote must not swallow the rest of the file.
  void resync_after(std::uint64_t first_line) {
    for (auto it = record_lines_.rbegin(); it != record_lines_.rend(); ++it)
      if (it->first != first_line) pending_.push_front(std::move(*it));
    record_lines_.clear();
  }

  InputStream input_;
  ReaderOptions options_;
  ProblemSink problems_;
  char quote_ = '"', delim_ = 0;
  std::vector<std::string> columns_;
  std::vector<std::pair<std::string, std::size_t>> mapping_;  // article field → column index
  std::size_t body_column_ = 0;
  std::deque<std::pair<std::uint64_t, std::string>> pending_;
  std::vector<std::pair<std::uint64_t, std::string>> record_lines_;
  std::uint64_t line_no_ = 0;
};

}  // namespace

std::unique_ptr<ArticleReader> make_csv_reader(InputStream input, const ReaderOptions& options, ProblemSink problems) {
  return std::make_unique<CsvReader>(std::move(input), options, std::move(problems));
}

std::vector<std::pair<std::string, std::string>> parse_field_map(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    if (lower_trimmed(item).empty()) continue;
    std::size_t eq = item.find('=');
    if (eq == std::string::npos)
      throw UsageError(fmt::format("\"{}\" is not FIELD=COLUMN", item));
    std::string field = lower_trimmed(item.substr(0, eq));
    std::string column = item.substr(eq + 1);
    if (std::find(kFields.begin(), kFields.end(), field) == kFields.end())
      throw UsageError(fmt::format("unknown field \"{}\" (fields: {})", field, fmt::join(kFields, ", ")));
    if (lower_trimmed(column).empty()) throw UsageError(fmt::format("no column given for \"{}\"", field));
    out.emplace_back(field, column);
  }
  return out;
}

}  // namespace newsindex
