// Readers turn input files into Articles. Each format is one ArticleReader; open_reader() picks
// one per file (by name, by content, or forced) and finishes every article's metadata.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "article.h"
#include "input.h"

namespace newsindex {

// Something a reader could not use: where ("file:line") and what. The reader goes on after it.
struct ReadProblem {
  std::string where;
  std::string message;
  bool skipped = true;  // false: a warning only (the article was kept, e.g. an unknown date)
};
using ProblemSink = std::function<void(const ReadProblem&)>;

// The problem of a whole input that could not be read (an InputError): where is the file, and the
// message does not name it a second time (InputError messages usually start with "FILE: ").
ReadProblem input_failed(const std::string& file, const InputError& error);

class ArticleReader {
 public:
  virtual ~ArticleReader() = default;
  // The next article; false at the end. Problems go to the sink given at construction.
  virtual bool next(Article& article) = 0;
  // Compressed input bytes consumed so far, for progress.
  virtual std::uint64_t bytes_read() const = 0;
};

// How to read the inputs. Everything but `format` matters only for CSV/TSV.
struct ReaderOptions {
  std::string format = "auto";  // "auto" or one of known_formats()
  // Article field → column name, overriding the default names (see make_csv_reader).
  std::vector<std::pair<std::string, std::string>> field_map;
  std::vector<std::string> csv_columns;  // set: the file has no header, these are its columns
  char csv_quote = '"';
  char csv_delimiter = 0;                // 0: detected from the first line (, ; tab |)
};

// JSON Lines: one object per line with id, title, body (or text/content), date, source, url,
// category; unknown fields are ignored.
std::unique_ptr<ArticleReader> make_jsonl_reader(InputStream input, ProblemSink problems);
// CSV/TSV: a header row names the columns (or options.csv_columns does); quoted fields may hold
// newlines and doubled quotes. Default names: id, title, body|text|content, date|published,
// source, url|link, category|label; options.field_map overrides them.
std::unique_ptr<ArticleReader> make_csv_reader(InputStream input, const ReaderOptions& options, ProblemSink problems);
// RSS 2.0 and Atom feeds: one article per item/entry; HTML in descriptions becomes text.
std::unique_ptr<ArticleReader> make_feed_reader(InputStream input, ProblemSink problems);
// One HTML article page: title, text, date and url from the markup; navigation and boilerplate dropped.
std::unique_ptr<ArticleReader> make_html_reader(InputStream input, ProblemSink problems);
// Plain text: the first non-empty line is the title, the rest the body.
std::unique_ptr<ArticleReader> make_text_reader(InputStream input, ProblemSink problems);
// WARC (CC-NEWS): HTML responses become articles (url and date from the record); other records
// are counted and reported once at the end.
std::unique_ptr<ArticleReader> make_warc_reader(InputStream input, ProblemSink problems);

// The input files a list of paths stands for: files as given, folders recursed in name order
// (hidden entries skipped), "-" for stdin. Throws InputError for a path that does not exist.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths);

// A reader for one input file: format forced by options.format, else from the name (.gz/.zst
// stripped), else sniffed from the first bytes. Every article leaves it with its metadata
// finished (finish_metadata in metadata.h). Throws InputError when the file cannot be opened or
// the format is unknown.
std::unique_ptr<ArticleReader> open_reader(const std::string& path, const ReaderOptions& options, ProblemSink problems);
// The same for an opened stream (e.g. InputStream::from_memory); the format as above, from its name or first bytes.
std::unique_ptr<ArticleReader> open_reader(InputStream input, const ReaderOptions& options, ProblemSink problems);
inline std::unique_ptr<ArticleReader> open_reader(const std::string& path, const std::string& format, ProblemSink problems) {
  ReaderOptions options;
  options.format = format;
  return open_reader(path, options, std::move(problems));
}

// Formats open_reader accepts for `format` (besides "auto").
std::vector<std::string> known_formats();
// The format a file name says ("" when it says nothing), and the format the first bytes of a
// file suggest ("" when unsure).
std::string format_from_name(const std::string& path);
std::string sniff_format(std::string_view head);

// "body=text,date=published" → {{"body","text"},{"date","published"}}. Throws
// UsageError naming the bad entry (unknown field, missing "=").
std::vector<std::pair<std::string, std::string>> parse_field_map(const std::string& text);

}  // namespace newsindex
