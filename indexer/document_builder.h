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
  void add_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, bool title);
  void count(std::string_view prefix, std::string_view term, Xapian::termcount wdf);

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
