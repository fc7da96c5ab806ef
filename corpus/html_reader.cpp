// HTML article pages: one article per file.
#include <fmt/format.h>

#include "html_text.h"
#include "reader.h"
#include "single_article_reader.h"

namespace newsindex {

namespace {

// Decodes page bytes: the declared charset when there is one (Latin-1 pages are still common),
// else UTF-8 as it is (finish_metadata repairs what is invalid).
std::string page_text(std::string bytes) {
  std::string charset = declared_charset(bytes);
  return charset.empty() ? bytes : to_utf8(bytes, charset);
}

class HtmlReader final : public SingleArticleReader {
 public:
  using SingleArticleReader::SingleArticleReader;

 private:
  bool read_article(Article& a) override {
    HtmlPage page = extract_html_page(page_text(input().read_all()));
    a.title = std::move(page.title);
    a.body = std::move(page.text);
    a.date = std::move(page.date);
    a.url = std::move(page.url);
    a.author = page.author;
    a.publisher = page.publisher;
    if (a.body.empty()) {
      problems()(ReadProblem{a.origin, "no article text found in the HTML", true});
      return false;
    }
    warn_about_page(page, a, problems());
    return true;
  }
};

}  // namespace

std::unique_ptr<ArticleReader> make_html_reader(InputStream input, ProblemSink problems) {
  return std::make_unique<HtmlReader>(std::move(input), std::move(problems));
}

}  // namespace newsindex
