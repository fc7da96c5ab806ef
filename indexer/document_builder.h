// Turns an Article into a Xapian document following the index contract (index_contract.h).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

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
  // Writes the terms of analysed text as the term scheme (term_scheme.h) says.
  void add_text(Xapian::Document& doc, const Analysis& text, bool title);
  // Adds wdf to a non-positional term, added to the document once at the end.
  void count(const std::string& term, Xapian::termcount wdf);

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  Analyzer& analyzer_;
  // Non-positional terms are summed here first and added once each: far fewer Document map
  // operations than one add_term per token (reused across documents to keep its buckets).
  std::unordered_map<std::string, Xapian::termcount, StringHash, std::equal_to<>> wdf_;
  std::string key_;
};

}  // namespace newsindex
