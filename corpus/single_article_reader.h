// The shape of readers whose whole input is one article (an HTML page, a plain text file): the
// input is read once, the article made from it or a problem reported. Internal to corpus/.
#pragma once

#include <utility>

#include "reader.h"

namespace newsindex {

class SingleArticleReader : public ArticleReader {
 public:
  SingleArticleReader(InputStream input, ProblemSink problems) : input_(std::move(input)), problems_(std::move(problems)) {}

  // The one article, on the first call; false after it or when read_article() found none.
  bool next(Article& a) final {
    if (done_) return false;
    done_ = true;
    a = Article{};
    a.origin = input_.name();
    return read_article(a);
  }

  std::uint64_t bytes_read() const final { return input_.bytes_read(); }

 protected:
  // Fills the article (origin already set) from input(); false, after reporting why, when there is none.
  virtual bool read_article(Article& a) = 0;
  InputStream& input() { return input_; }
  const ProblemSink& problems() const { return problems_; }

 private:
  InputStream input_;
  ProblemSink problems_;
  bool done_ = false;
};

}  // namespace newsindex
