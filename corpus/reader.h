// Readers turn input files into Articles. Each format is one ArticleReader; open_readers() picks
// them for files, folders and stdin.
#pragma once

#include <functional>
#include <memory>
#include <string>
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

class ArticleReader {
 public:
  virtual ~ArticleReader() = default;
  // The next article; false at the end. Problems go to the sink given at construction.
  virtual bool next(Article& article) = 0;
  // Compressed input bytes consumed so far, for progress.
  virtual std::uint64_t bytes_read() const = 0;
};

// JSON Lines: one object per line with id, title, body (or text/content), date, source, url,
// category; unknown fields are ignored.
std::unique_ptr<ArticleReader> make_jsonl_reader(InputStream input, ProblemSink problems);

// The input files a list of paths stands for: files as given, folders recursed in name order
// (hidden entries skipped), "-" for stdin. Throws InputError for a path that does not exist.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths);

// A reader for one input file (format from the name, "jsonl" by default, or forced by `format`).
// Throws InputError when the file cannot be opened or the format is unknown.
std::unique_ptr<ArticleReader> open_reader(const std::string& path, const std::string& format, ProblemSink problems);

// Formats open_reader accepts for `format`.
std::vector<std::string> known_formats();

}  // namespace newsindex
