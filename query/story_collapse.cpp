#include "story_collapse.h"

#include "article.h"
#include "index_contract.h"

namespace newsindex {

std::vector<StoryCopy> collapsed_copies(const Xapian::Database& db, const Xapian::Query& query,
                                        const std::string& story_id, Xapian::docid shown, std::size_t limit) {
  std::vector<StoryCopy> out;
  if (story_id.empty() || limit == 0) return out;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(contract::story_term(story_id))));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + 1));
  for (auto it = mset.begin(); it != mset.end() && out.size() < limit; ++it) {
    if (*it == shown) continue;
    Article a = article_from_json(it.get_document().get_data());
    out.push_back({a.id, a.source});
  }
  return out;
}

}  // namespace newsindex
