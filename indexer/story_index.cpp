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

std::size_t BandLists::probe(std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> 20 & mask;  // Fibonacci hashing
  while (used_[i] && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

const BandLists::Slot* BandLists::slot_of(std::uint64_t key) const {
  const std::size_t i = probe(key);
  return used_[i] ? &slots_[i] : nullptr;
}

BandLists::Slot* BandLists::slot_of(std::uint64_t key) {
  return const_cast<Slot*>(static_cast<const BandLists*>(this)->slot_of(key));
}

std::span<const std::uint32_t> BandLists::find(std::uint64_t key) const {
  const Slot* s = slot_of(key);
  if (s == nullptr || s->count == 0) return {};
  if (s->one != kLonger) return {&s->one, 1};
  const std::vector<std::uint32_t>& list = longer_.at(key);
  return {list.data(), list.size()};
}

void BandLists::insert(std::uint64_t key, std::uint32_t at) {
  Slot* s = slot_of(key);
  if (s == nullptr) {
    if ((keys_ + 1) * 2 > slots_.size()) grow();
    const std::size_t i = probe(key);
    used_[i] = true;
    slots_[i] = Slot{key, 1, at};
    ++keys_;
    return;
  }
  if (s->count == 0 && s->one != kLonger) {  // emptied while it held one article
    *s = Slot{key, 1, at};
    return;
  }
  if (s->one != kLonger) {
    longer_[key] = s->one < at ? std::vector<std::uint32_t>{s->one, at} : std::vector<std::uint32_t>{at, s->one};
    s->one = kLonger;
  } else {
    std::vector<std::uint32_t>& list = longer_[key];
    list.insert(std::lower_bound(list.begin(), list.end(), at), at);
  }
  ++s->count;
}

void BandLists::erase(std::uint64_t key, std::uint32_t at) {
  Slot* s = slot_of(key);
  if (s == nullptr || s->count == 0) return;
  if (s->one != kLonger) {
    if (s->one == at) s->count = 0;
    return;
  }
  std::vector<std::uint32_t>& list = longer_[key];
  if (auto it = std::lower_bound(list.begin(), list.end(), at); it != list.end() && *it == at) {
    list.erase(it);
    --s->count;
  }
}

void BandLists::grow() {
  std::vector<Slot> old = std::move(slots_);
  std::vector<bool> old_used = std::move(used_);
  slots_.assign(old.size() * 2, Slot{});
  used_.assign(old.size() * 2, false);
  for (std::size_t j = 0; j < old.size(); ++j) {
    if (!old_used[j]) continue;
    const std::size_t i = probe(old[j].key);  // keys are distinct: the first free slot
    used_[i] = true;
    slots_[i] = old[j];
  }
}

const std::string* StoryIndex::nearest(const MinHashSignature& sig, const std::vector<std::uint64_t>& keys,
                                       std::uint32_t own) const {
  std::vector<std::uint32_t> candidates;
  for (std::uint64_t key : keys) {
    const std::span<const std::uint32_t> list = band_lists_.find(key);
    const std::size_t n = std::min(list.size(), kMaxCandidatesPerBand);  // own counts, as in find_story
    for (std::size_t i = 0; i < n; ++i)
      if (list[i] != own) candidates.push_back(list[i]);
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
  for (std::uint64_t key : keys) band_lists_.insert(key, at);
  articles_[at].listed = !keys.empty();
}

void StoryIndex::unlist(std::uint32_t at) {
  if (!articles_[at].listed) return;
  // The keys again from the signature (a replacement is rare; keeping them cost 200 bytes an article).
  for (const std::string& band : band_terms(articles_[at].signature)) band_lists_.erase(band_key(band), at);
  articles_[at].listed = false;
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
