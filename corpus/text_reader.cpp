// Plain text files: one article per file, the first non-empty line is the title.
#include "reader.h"

namespace newsindex {

namespace {

class TextReader final : public ArticleReader {
 public:
  TextReader(InputStream input, ProblemSink problems) : input_(std::move(input)), problems_(std::move(problems)) {}

  bool next(Article& a) override {
    if (done_) return false;
    done_ = true;
    a = Article{};
    a.origin = input_.name();
    std::string line;
    std::uint64_t line_no = 0;
    while (input_.read_line(line)) {
      ++line_no;
      if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
      if (a.title.empty()) {
        std::size_t b = line.find_first_not_of(" \t");
        if (b != std::string::npos) a.title = line.substr(b, line.find_last_not_of(" \t") - b + 1);
        continue;
      }
      a.body += line;
      a.body += '\n';
    }
    std::size_t b = a.body.find_first_not_of(" \t\n");
    a.body = b == std::string::npos ? std::string() : a.body.substr(b, a.body.find_last_not_of(" \t\n") - b + 1);
    if (a.body.empty()) {
      problems_(ReadProblem{a.origin, a.title.empty() ? "empty text file" : "no text after the title line", true});
      return false;
    }
    return true;
  }

  std::uint64_t bytes_read() const override { return input_.bytes_read(); }

 private:
  InputStream input_;
  ProblemSink problems_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> make_text_reader(InputStream input, ProblemSink problems) {
  return std::make_unique<TextReader>(std::move(input), std::move(problems));
}

}  // namespace newsindex
