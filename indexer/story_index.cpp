#include "story_index.h"

#include <algorithm>

#include "index_contract.h"

namespace newsindex {

namespace c = contract;

std::uint64_t band_key(const std::string& term) {
  const std::size_t at = c::kNearDupBand.size();  // then two digits of band number, 12 hex digits
  const std::uint64_t band = std::stoull(term.substr(at, 2));
  return band << 48 | std::stoull(term.substr(at + 2), nullptr, 16);
}

const std::string* StoryIndex::nearest(const MinHashSignature& sig, const std::vector<std::uint64_t>& keys,
                                       std::uint32_t own) const {
  std::vector<std::uint32_t> candidates;
  for (std::uint64_t key : keys) {
    auto list = band_lists_.find(key);
    if (list == band_lists_.end()) continue;
    const std::size_t n = std::min(list->second.size(), kMaxCandidatesPerBand);  // own counts, as in find_story
    for (std::size_t i = 0; i < n; ++i)
      if (list->second[i] != own) candidates.push_back(list->second[i]);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  const std::string* best = nullptr;
  double best_sim = 0;
  for (std::uint32_t at : candidates) {
    const Article& other = articles_[at];
    const double sim = estimated_jaccard(sig, other.signature);
    if (sim < kNearDuplicateJaccard) continue;
    if (better_story(sim, other.story, best, best_sim)) {
      best = &other.story;
      best_sim = sim;
    }
  }
  return best;
}

void StoryIndex::list_under(std::uint32_t at, const std::vector<std::uint64_t>& keys) {
  for (std::uint64_t key : keys) {
    std::vector<std::uint32_t>& list = band_lists_[key];
    list.insert(std::lower_bound(list.begin(), list.end(), at), at);
  }
  articles_[at].bands = keys;
}

void StoryIndex::unlist(std::uint32_t at) {
  for (std::uint64_t key : articles_[at].bands) {
    std::vector<std::uint32_t>& list = band_lists_[key];
    list.erase(std::lower_bound(list.begin(), list.end(), at));
  }
  articles_[at].bands.clear();
}

bool StoryIndex::assign(const std::string& id_term, Xapian::Document& doc) {
  constexpr std::uint32_t kNone = UINT32_MAX;
  auto [it, added] = by_id_.try_emplace(id_term, static_cast<std::uint32_t>(articles_.size()));
  const std::uint32_t at = it->second;
  const std::uint32_t own = added ? kNone : at;
  if (added) articles_.emplace_back();

  std::string story = id_term.substr(c::kId.size());
  MinHashSignature sig;
  std::vector<std::uint64_t> keys;
  if (auto decoded = decode_signature(doc.get_value(c::kSlotNearDupSignature))) {
    sig = *decoded;
    for (const std::string& band : band_terms(sig)) keys.push_back(band_key(band));
    if (const std::string* found = nearest(sig, keys, own)) story = *found;
  }
  set_story(doc, story);
  if (!added) unlist(at);
  articles_[at].signature = sig;
  articles_[at].story = story;
  list_under(at, keys);
  return !added;
}

}  // namespace newsindex
