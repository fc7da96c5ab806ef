// Plain text files: one article per file, the first non-empty line is the title.
#include "reader.h"
#include "single_article_reader.h"

namespace newsindex {

namespace {

class TextReader final : public SingleArticleReader {
 public:
  using SingleArticleReader::SingleArticleReader;

 private:
  bool read_article(Article& a) override {
    std::string line;
    std::uint64_t line_no = 0;
    while (input().read_line(line)) {
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
      problems()(ReadProblem{a.origin, a.title.empty() ? "empty text file" : "no text after the title line", true});
      return false;
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<ArticleReader> make_text_reader(InputStream input, ProblemSink problems) {
  return std::make_unique<TextReader>(std::move(input), std::move(problems));
}

}  // namespace newsindex
