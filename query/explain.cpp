#include "explain.h"

#include <algorithm>
#include <map>

#include "index_contract.h"

namespace newsindex {

std::vector<std::vector<Contribution>> explain_scores(const Xapian::Database& db, const Xapian::Weight& weight,
                                                      const std::vector<ScoredPart>& parts,
                                                      const std::vector<std::string>& page_ids) {
  std::vector<std::vector<Contribution>> out(page_ids.size());
  if (page_ids.empty()) return out;
  std::vector<Xapian::Query> id_terms;
  std::map<std::string, std::size_t> row_of;  // identity term → row
  for (std::size_t i = 0; i < page_ids.size(); ++i) {
    const std::string t = contract::id_term(page_ids[i]);
    id_terms.emplace_back(t);
    row_of[t] = i;
  }
  const Xapian::Query page(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(weight);
  for (const ScoredPart& part : parts) {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part.query, page));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(page_ids.size()));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (it.get_weight() <= 0) continue;
      Xapian::Document doc = it.get_document();
      Xapian::TermIterator t = doc.termlist_begin();
      t.skip_to(std::string(contract::kId));
      if (t == doc.termlist_end()) continue;
      auto row = row_of.find(*t);
      if (row != row_of.end()) out[row->second].push_back({part.word, part.role, it.get_weight()});
    }
  }
  for (auto& row : out)
    std::stable_sort(row.begin(), row.end(), [](const Contribution& a, const Contribution& b) { return a.score > b.score; });
  return out;
}

}  // namespace newsindex
