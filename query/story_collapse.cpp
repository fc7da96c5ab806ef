#include "story_collapse.h"

#include <algorithm>
#include <map>

#include "article.h"
#include "index_contract.h"

namespace newsindex {

namespace {

Xapian::doccount match_bound(const Xapian::Query& q, const Xapian::Database& db, Xapian::doccount docs,
                             Xapian::doccount cap) {
  using Q = Xapian::Query;
  const auto n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Q::LEAF_TERM: return db.get_termfreq(*q.get_terms_begin());
    case Q::LEAF_MATCH_NOTHING: return 0;
    case Q::OP_SCALE_WEIGHT:
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE: return n ? match_bound(q.get_subquery(0), db, docs, cap) : docs;
    case Q::OP_OR:
    case Q::OP_XOR:
    case Q::OP_SYNONYM:
    case Q::OP_ELITE_SET:
    case Q::OP_MAX: {
      Xapian::doccount sum = 0;
      for (std::size_t i = 0; i < n && sum < cap; ++i) sum += match_bound(q.get_subquery(i), db, docs, cap - sum);
      return std::min(sum, docs);
    }
    case Q::OP_AND:
    case Q::OP_FILTER:
    case Q::OP_NEAR:
    case Q::OP_PHRASE: {
      Xapian::doccount least = docs;
      for (std::size_t i = 0; i < n; ++i) least = std::min(least, match_bound(q.get_subquery(i), db, docs, std::min(cap, least)));
      return least;
    }
    default: return docs;
  }
}

}  // namespace

Xapian::doccount match_upper_bound(const Xapian::Query& query, const Xapian::Database& db, Xapian::doccount cap) {
  return match_bound(query, db, db.get_doccount(), cap);
}

std::vector<std::vector<StoryCopy>> collapsed_copies(const Xapian::Database& db, const Xapian::Query& query,
                                                     const std::vector<ShownResult>& shown, std::size_t limit) {
  std::vector<std::vector<StoryCopy>> out(shown.size());
  if (limit == 0) return out;
  // The stories worth a look, each once, with how many of the page show it.
  std::map<std::string, std::size_t> stories;
  Xapian::doccount articles = 0;  // at most this many matches: the stories' sizes summed
  for (const ShownResult& r : shown) {
    if (r.story_id.empty()) continue;
    if (auto it = stories.find(r.story_id); it != stories.end()) {
      ++it->second;
      continue;
    }
    const Xapian::doccount size = db.get_termfreq(contract::story_term(r.story_id));
    if (!r.folded && size <= 1) continue;
    stories.emplace(r.story_id, 1);
    articles += size;
  }
  if (stories.empty()) return out;
  std::vector<Xapian::Query> terms;
  std::size_t most_shown = 1;
  for (const auto& [story, count] : stories) {
    terms.emplace_back(contract::story_term(story));
    most_shown = std::max(most_shown, count);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  // Per story its best limit + most_shown: what its own match would list once the shown are skipped.
  enquire.set_collapse_key(contract::kSlotStory, static_cast<Xapian::doccount>(limit + most_shown));
  const Xapian::MSet mset = enquire.get_mset(0, articles);
  std::map<std::string, std::vector<std::pair<Xapian::docid, StoryCopy>>> by_story;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    StoryCopy copy{doc.get_value(contract::kSlotId), ""};
    if (copy.id.empty()) {  // an index written before the id slot
      Article a = article_from_stored(doc.get_data());
      copy = {a.id, a.source};
    } else {
      copy.source = doc.get_value(contract::kSlotSource);
    }
    by_story[it.get_collapse_key()].emplace_back(*it, std::move(copy));
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    auto it = by_story.find(shown[i].story_id);
    if (shown[i].story_id.empty() || it == by_story.end()) continue;
    for (const auto& [docid, copy] : it->second) {
      if (out[i].size() == limit) break;
      if (docid != shown[i].docid) out[i].push_back(copy);
    }
  }
  return out;
}

}  // namespace newsindex
