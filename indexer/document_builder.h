// Turns an Article into a Xapian document following the index contract (index_contract.h).
#pragma once

#include <string>

#include <xapian.h>

#include "analyzer.h"
#include "article.h"

namespace newsindex {

class DocumentBuilder {
 public:
  explicit DocumentBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}

  // The document for an article; its identity term is contract::id_term(identity(article)).
  Xapian::Document build(const Article& article);

 private:
  void add_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, bool title);
  Analyzer& analyzer_;
};

}  // namespace newsindex
