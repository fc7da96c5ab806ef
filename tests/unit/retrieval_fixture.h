// An in-memory index of small articles, built and searched through the real DocumentBuilder,
// QueryBuilder and Searcher, for retrieval-level tests.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analyzer.h"
#include "document_builder.h"
#include "index_contract.h"
#include "query_parser.h"

namespace newsindex::testing {

class MiniIndex {
 public:
  explicit MiniIndex(AnalyzerOptions options = {})
      : analyzer_(std::move(options)), db_(std::string(), Xapian::DB_BACKEND_INMEMORY), builder_(analyzer_) {}

  void add(const std::string& id, const std::string& body, const std::string& title = "",
           const std::string& source = "", const std::string& date = "") {
    Article a;
    a.id = id;
    a.body = body;
    a.title = title;
    a.source = source;
    a.date = date;
    db_.replace_document(contract::id_term(id), builder_.build(a));
  }

  // Ids of matching articles, best first.
  std::vector<std::string> search(const std::string& query, unsigned limit = 100) {
    QueryBuilder qb(analyzer_);
    ParsedQuery parsed = qb.parse(query);
    last_warnings = parsed.warnings;
    if (!parsed.searchable()) return {};
    Xapian::Enquire enquire(db_);
    enquire.set_query(parsed.query);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<std::string> ids;
    Xapian::MSet mset = enquire.get_mset(0, limit);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::TermIterator term = it.get_document().termlist_begin();
      term.skip_to(std::string(contract::kId));  // boolean date terms (D, M) sort before "Q…"
      ids.push_back((*term).substr(1));
    }
    return ids;
  }

  // Sorted ids, for set comparisons.
  std::vector<std::string> matches(const std::string& query) {
    auto ids = search(query);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  Analyzer& analyzer() { return analyzer_; }
  std::vector<std::string> last_warnings;

 private:
  Analyzer analyzer_;
  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
};

using Ids = std::vector<std::string>;

}  // namespace newsindex::testing
