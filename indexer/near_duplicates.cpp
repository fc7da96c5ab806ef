#include "near_duplicates.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "index_contract.h"
#include "stable_hash.h"

namespace newsindex {

namespace c = contract;

namespace {

std::uint64_t mix64(std::uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// One seed per MinHash function, fixed forever (changing them invalidates stored signatures).
const std::array<std::uint64_t, kMinHashCount>& seeds() {
  static const auto table = [] {
    std::array<std::uint64_t, kMinHashCount> s{};
    std::uint64_t x = 0x6e657773696e6478ULL;  // "newsindx"
    for (auto& v : s) v = mix64(x += 0x9e3779b97f4a7c15ULL);
    return s;
  }();
  return table;
}

template <typename Words>
MinHashSignature signature_of(const Words& words) {
  MinHashSignature sig;
  sig.values.fill(std::numeric_limits<std::uint32_t>::max());
  if (words.size() < 3) return sig;
  const auto& seed = seeds();
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    const std::uint64_t shingle = mix64(words[i] ^ mix64(words[i + 1] ^ mix64(words[i + 2])));
    for (std::size_t k = 0; k < kMinHashCount; ++k) {
      const auto v = static_cast<std::uint32_t>(mix64(shingle ^ seed[k]) >> 32);
      if (v < sig.values[k]) sig.values[k] = v;
    }
    ++sig.shingles;
  }
  return sig;
}

}  // namespace

MinHashSignature minhash_signature(const std::vector<Token>& body_tokens) {
  std::vector<std::uint64_t> words;
  words.reserve(body_tokens.size());
  for (const Token& t : body_tokens)
    if (t.kind != TokenKind::Part && t.kind != TokenKind::Variant) words.push_back(stable_hash(t.folded));
  return signature_of(words);
}

MinHashSignature minhash_signature(const std::vector<std::string>& folded_words) {
  std::vector<std::uint64_t> words;
  words.reserve(folded_words.size());
  for (const std::string& w : folded_words) words.push_back(stable_hash(w));
  return signature_of(words);
}

double estimated_jaccard(const MinHashSignature& a, const MinHashSignature& b) {
  if (!a.usable() || !b.usable()) return 0;
  std::size_t same = 0;
  for (std::size_t k = 0; k < kMinHashCount; ++k) same += a.values[k] == b.values[k];
  return static_cast<double>(same) / kMinHashCount;
}

std::vector<std::string> band_terms(const MinHashSignature& sig) {
  std::vector<std::string> out;
  if (!sig.usable()) return out;
  out.reserve(kMinHashBands);
  for (std::size_t b = 0; b < kMinHashBands; ++b) {
    std::uint64_t h = mix64(b + 1);
    for (std::size_t r = 0; r < kMinHashRows; ++r) h = mix64(h ^ sig.values[b * kMinHashRows + r]);
    // 48 bits per band: chance collisions are rare and verified against the signature anyway.
    out.push_back(fmt::format("{}{:02}{:012x}", c::kNearDupBand, b, h >> 16));
  }
  return out;
}

std::string encode_signature(const MinHashSignature& sig) {
  std::string out;
  out.reserve(4 + kMinHashCount * 4);
  auto put32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  put32(static_cast<std::uint32_t>(std::min<std::size_t>(sig.shingles, 0xFFFFFFFFu)));
  for (std::uint32_t v : sig.values) put32(v);
  return out;
}

std::optional<MinHashSignature> decode_signature(std::string_view s) {
  if (s.size() != 4 + kMinHashCount * 4) return std::nullopt;
  auto get32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
    return v;
  };
  MinHashSignature sig;
  sig.shingles = get32(0);
  for (std::size_t k = 0; k < kMinHashCount; ++k) sig.values[k] = get32(4 + 4 * k);
  return sig;
}

void add_near_duplicate_keys(Xapian::Document& doc, const MinHashSignature& sig) {
  if (!sig.usable()) return;
  for (const std::string& t : band_terms(sig)) doc.add_boolean_term(t);
  doc.add_value(c::kSlotNearDupSignature, encode_signature(sig));
}

std::optional<StoryMatch> find_story(const Xapian::Database& db, const MinHashSignature& sig,
                                     const std::string& own_id_term) {
  if (!sig.usable()) return std::nullopt;
  Xapian::docid own = 0;
  if (auto p = db.postlist_begin(own_id_term); p != db.postlist_end(own_id_term)) own = *p;
  std::vector<Xapian::docid> candidates;
  for (const std::string& band : band_terms(sig)) {
    Xapian::doccount n = 0;
    for (auto p = db.postlist_begin(band); p != db.postlist_end(band) && n < kMaxCandidatesPerBand; ++p, ++n)
      if (*p != own) candidates.push_back(*p);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::optional<StoryMatch> best;
  for (Xapian::docid id : candidates) {
    Xapian::Document doc = db.get_document(id, Xapian::DOC_ASSUME_VALID);
    auto other = decode_signature(doc.get_value(c::kSlotNearDupSignature));
    if (!other) continue;
    const double sim = estimated_jaccard(sig, *other);
    if (sim < kNearDuplicateJaccard) continue;
    std::string story = doc.get_value(c::kSlotStory);
    if (story.empty()) continue;  // indexed before stories existed: cannot be joined consistently
    if (better_story(sim, story, best ? &best->story_id : nullptr, best ? best->similarity : 0)) {
      std::string matched;
      auto t = doc.termlist_begin();
      t.skip_to(std::string(c::kId));
      if (t != doc.termlist_end() && (*t).rfind(c::kId, 0) == 0) matched = (*t).substr(c::kId.size());
      best = StoryMatch{std::move(story), std::move(matched), sim};
    }
  }
  return best;
}

void set_story(Xapian::Document& doc, const std::string& story_id) {
  doc.add_boolean_term(c::story_term(story_id));
  doc.add_value(c::kSlotStory, story_id);
}

void BandFilter::load(const Xapian::Database& db) {
  const std::string prefix(c::kNearDupBand);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) hashes_.insert(stable_hash(*t));
}

bool BandFilter::may_contain_any(const std::vector<std::string>& bands) const {
  return std::any_of(bands.begin(), bands.end(), [&](const std::string& b) { return hashes_.contains(stable_hash(b)); });
}

void BandFilter::add(const std::vector<std::string>& bands) {
  for (const std::string& b : bands) hashes_.insert(stable_hash(b));
}

std::string assign_story(const Xapian::Database& db, Xapian::Document& doc, const std::string& own_id_term,
                         BandFilter* filter) {
  std::optional<StoryMatch> match;
  if (auto sig = decode_signature(doc.get_value(c::kSlotNearDupSignature))) {
    if (filter) {
      std::vector<std::string> bands = band_terms(*sig);
      if (filter->may_contain_any(bands)) match = find_story(db, *sig, own_id_term);
      filter->add(bands);
    } else {
      match = find_story(db, *sig, own_id_term);
    }
  }
  std::string story = match ? match->story_id : own_id_term.substr(c::kId.size());
  set_story(doc, story);
  return story;
}

}  // namespace newsindex
