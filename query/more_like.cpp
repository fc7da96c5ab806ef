#include "more_like.h"

#include <fmt/format.h>

#include "errors.h"
#include "index_contract.h"

namespace newsindex {

namespace {

// Stems only (Z followed by a lowercase stem, not the title-stem prefix ZS), found elsewhere too.
class StemDecider : public Xapian::ExpandDecider {
 public:
  explicit StemDecider(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 3 || term.compare(0, contract::kStem.size(), contract::kStem) != 0) return false;
    const char next = term[contract::kStem.size()];
    if (next >= 'A' && next <= 'Z') return false;
    return db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
};

}  // namespace

RelatedQuery related_query(const Xapian::Database& db, std::string_view id, unsigned max_terms) {
  const std::string id_term = contract::id_term(id);
  Xapian::PostingIterator doc = db.postlist_begin(id_term);
  if (doc == db.postlist_end(id_term)) throw UsageError(fmt::format("no article with id \"{}\" in the index", id));
  Xapian::RSet rset;
  rset.add_document(*doc);
  Xapian::Enquire enquire(db);
  StemDecider decider(db);
  Xapian::ESet eset = enquire.get_eset(max_terms, rset, &decider);
  RelatedQuery out;
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(*it);
    out.stems.push_back((*it).substr(contract::kStem.size()));
  }
  if (terms.empty()) throw UsageError(fmt::format("article \"{}\" has no words shared with other articles", id));
  out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                            Xapian::Query(id_term));
  return out;
}

}  // namespace newsindex
