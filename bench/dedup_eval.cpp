// Near-duplicate detection, measured: runs the index-time detector (MinHash signature, LSH band
// lookup, Jaccard check; indexer/near_duplicates.h) over a corpus in memory and compares the pairs
// it finds with ground truth:
//   exact  — pairs of articles whose bodies are equal after whitespace normalisation;
//   near   — pairs with the same title or URL (not exact) whose true 3-word-shingle Jaccard is at
//            least the detector's threshold (computed exactly in a second pass).
// Detected pairs outside the exact set are written with their true Jaccard and text heads to
// --pairs, and a seeded sample of --sample of them is printed for checking by hand.
//
//   build-dedup/bench/dedup_eval --corpus ../shared/corpus/fang_covid.jsonl.zst --sample 25
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analyzer.h"
#include "index_contract.h"
#include "near_duplicates.h"
#include "reader.h"
#include "stable_hash.h"

using namespace newsindex;

namespace {

struct Doc {
  std::string id, title, source, url, head;
  std::uint64_t body_hash = 0;
  bool empty_body = true;
  MinHashSignature sig;
};

std::string squeeze_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

std::vector<std::string> folded_words(Analyzer& analyzer, std::string_view body) {
  std::vector<std::string> out;
  for (const Token& t : analyzer.analyze(body))
    if (t.kind != TokenKind::Part && t.kind != TokenKind::Variant) out.emplace_back(t.folded);
  return out;
}

std::vector<std::uint64_t> shingle_set(const std::vector<std::string>& words) {
  std::vector<std::uint64_t> s;
  for (std::size_t i = 0; i + 2 < words.size(); ++i) s.push_back(stable_hash(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]));
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 1;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) ++common, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

using Pair = std::pair<std::uint32_t, std::uint32_t>;

void add_group_pairs(const std::vector<std::uint32_t>& group, std::set<Pair>& out) {
  for (std::size_t i = 0; i < group.size(); ++i)
    for (std::size_t j = i + 1; j < group.size(); ++j) out.insert({group[i], group[j]});
}

// Every article's signature and the fields the report needs.
std::vector<Doc> read_docs(const std::string& corpus, std::size_t limit, Analyzer& analyzer) {
  std::vector<Doc> docs;
  auto reader = open_reader(corpus, "auto", [](const ReadProblem&) {});
  Article a;
  while (reader->next(a) && (limit == 0 || docs.size() < limit)) {
    Doc d;
    d.id = a.id;
    d.title = a.title;
    d.source = a.source;
    d.url = a.url;
    std::string body = squeeze_spaces(a.body);
    d.empty_body = body.empty();
    d.body_hash = stable_hash(body);
    d.head = body.substr(0, 160);
    d.sig = minhash_signature(analyzer.analyze(a.body).tokens());
    docs.push_back(std::move(d));
  }
  return docs;
}

// The detector, as at index time: band lookup among earlier articles, capped, then the check.
std::set<Pair> detect(const std::vector<Doc>& docs, std::size_t* unusable) {
  std::set<Pair> detected;
  std::unordered_map<std::string, std::vector<std::uint32_t>> buckets;
  for (std::uint32_t i = 0; i < docs.size(); ++i) {
    if (!docs[i].sig.usable()) {
      ++*unusable;
      continue;
    }
    std::unordered_set<std::uint32_t> candidates;
    for (const std::string& b : band_terms(docs[i].sig)) {
      auto& list = buckets[b];
      for (std::size_t k = 0; k < list.size() && k < 200; ++k) candidates.insert(list[k]);
      list.push_back(i);
    }
    for (std::uint32_t j : candidates)
      if (estimated_jaccard(docs[i].sig, docs[j].sig) >= kNearDuplicateJaccard) detected.insert({j, i});
  }
  return detected;
}

// Ground truth 1: equal bodies.
std::set<Pair> equal_bodies(const std::vector<Doc>& docs) {
  std::set<Pair> exact;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_body;
  for (std::uint32_t i = 0; i < docs.size(); ++i)
    if (!docs[i].empty_body) by_body[docs[i].body_hash].push_back(i);
  for (auto& [h, g] : by_body) add_group_pairs(g, exact);
  return exact;
}

// Candidates for ground truth 2: same title or same URL, not exact.
std::set<Pair> same_title_or_url(const std::vector<Doc>& docs, const std::set<Pair>& exact) {
  std::set<Pair> same_meta;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_title, by_url;
  for (std::uint32_t i = 0; i < docs.size(); ++i) {
    if (docs[i].title.size() > 10) by_title[docs[i].title].push_back(i);
    if (!docs[i].url.empty()) by_url[docs[i].url].push_back(i);
  }
  for (auto& [t, g] : by_title) add_group_pairs(g, same_meta);
  for (auto& [u, g] : by_url) add_group_pairs(g, same_meta);
  for (const Pair& p : exact) same_meta.erase(p);
  return same_meta;
}

// Second pass: exact shingle sets of the articles that need their true Jaccard.
std::unordered_map<std::uint32_t, std::vector<std::uint64_t>> shingles_of(const std::string& corpus, std::size_t count,
                                                                          const std::set<std::uint32_t>& need,
                                                                          Analyzer& analyzer) {
  std::unordered_map<std::uint32_t, std::vector<std::uint64_t>> shingles;
  auto reader = open_reader(corpus, "auto", [](const ReadProblem&) {});
  Article a;
  for (std::uint32_t i = 0; i < count && reader->next(a); ++i)
    if (need.count(i)) shingles[i] = shingle_set(folded_words(analyzer, a.body));
  return shingles;
}

struct Args {
  std::string corpus, pairs_path = "/tmp/dedup_pairs.tsv";
  std::size_t limit = 0, sample = 25;
  unsigned seed = 42;
};

void print_sample(std::vector<std::pair<Pair, double>> others, const std::vector<Doc>& docs, const Args& args) {
  std::mt19937 rng(args.seed);
  std::shuffle(others.begin(), others.end(), rng);
  fmt::print("\n--- sample of {} detected non-exact pairs (check by hand) ---\n", std::min(args.sample, others.size()));
  for (std::size_t k = 0; k < args.sample && k < others.size(); ++k) {
    auto [p, j] = others[k];
    const Doc &a = docs[p.first], &b = docs[p.second];
    fmt::print("[{}] J={:.2f} est={:.2f}\n  {} {} | {}\n    {}\n  {} {} | {}\n    {}\n", k + 1, j,
               estimated_jaccard(a.sig, b.sig), a.id, a.source, a.title, a.head, b.id, b.source, b.title, b.head);
  }
}

void write_pairs(const std::string& path, const std::vector<std::pair<Pair, double>>& others, const std::vector<Doc>& docs) {
  std::ofstream pairs(path);
  pairs << "id_a\tid_b\tsource_a\tsource_b\ttrue_jaccard\testimated\ttitle_a\ttitle_b\n";
  for (auto& [p, j] : others)
    pairs << fmt::format("{}\t{}\t{}\t{}\t{:.3f}\t{:.3f}\t{}\t{}\n", docs[p.first].id, docs[p.second].id,
                         docs[p.first].source, docs[p.second].source, j,
                         estimated_jaccard(docs[p.first].sig, docs[p.second].sig), docs[p.first].title,
                         docs[p.second].title);
}

int run(const Args& args) {
  fmt::print("dedup_eval: corpus={} limit={} sample={} seed={} bands={} rows={} threshold={} min_shingles={}\n",
             args.corpus, args.limit, args.sample, args.seed, kMinHashBands, kMinHashRows, kNearDuplicateJaccard,
             kMinShingles);
  Analyzer analyzer;
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Doc> docs = read_docs(args.corpus, args.limit, analyzer);
  const double analyse_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto t1 = std::chrono::steady_clock::now();
  std::size_t unusable = 0;
  const std::set<Pair> detected = detect(docs, &unusable);
  const double detect_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  const std::set<Pair> exact = equal_bodies(docs);
  const std::set<Pair> same_meta = same_title_or_url(docs, exact);

  std::set<std::uint32_t> need;
  for (const Pair& p : detected)
    if (!exact.count(p)) need.insert(p.first), need.insert(p.second);
  for (const Pair& p : same_meta) need.insert(p.first), need.insert(p.second);
  auto shingles = shingles_of(args.corpus, docs.size(), need, analyzer);
  std::set<Pair> near;
  for (const Pair& p : same_meta)
    if (jaccard(shingles[p.first], shingles[p.second]) >= kNearDuplicateJaccard) near.insert(p);

  std::size_t exact_found = 0, exact_unusable = 0, near_found = 0;
  for (const Pair& p : exact) {
    exact_found += detected.count(p);
    exact_unusable += !docs[p.first].sig.usable();
  }
  for (const Pair& p : near) near_found += detected.count(p);
  std::vector<std::pair<Pair, double>> others;
  std::size_t others_above = 0;
  for (const Pair& p : detected) {
    if (exact.count(p)) continue;
    const double j = jaccard(shingles[p.first], shingles[p.second]);
    others.push_back({p, j});
    others_above += j >= kNearDuplicateJaccard;
  }
  write_pairs(args.pairs_path, others, docs);

  fmt::print("articles={} unusable(<{} shingles)={} analyse_s={:.1f} detect_s={:.2f}\n", docs.size(), kMinShingles,
             unusable, analyse_s, detect_s);
  fmt::print("detected_pairs={} of_which_exact={} other={} other_with_true_jaccard>={}: {}\n", detected.size(),
             detected.size() - others.size(), others.size(), kNearDuplicateJaccard, others_above);
  fmt::print("exact_pairs={} found={} recall_exact={:.4f} (pairs of too-short bodies: {})\n", exact.size(), exact_found,
             exact.empty() ? 1.0 : static_cast<double>(exact_found) / exact.size(), exact_unusable);
  fmt::print("same_title_or_url_pairs={} near_duplicates(true J>={})={} found={} recall_near={:.4f}\n",
             same_meta.size(), kNearDuplicateJaccard, near.size(), near_found,
             near.empty() ? 1.0 : static_cast<double>(near_found) / near.size());
  const std::size_t truth = exact.size() + near.size(), found = exact_found + near_found;
  fmt::print("recall(exact+near)={:.4f} precision_by_true_jaccard={:.4f}\n",
             truth ? static_cast<double>(found) / truth : 1.0,
             detected.empty() ? 1.0 : static_cast<double>(detected.size() - others.size() + others_above) / detected.size());
  print_sample(std::move(others), docs, args);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dedup_eval: precision and recall of near-duplicate detection on a corpus"};
  Args args;
  app.add_option("--corpus", args.corpus, "JSONL(.zst) corpus")->required();
  app.add_option("--limit", args.limit, "Read only the first N articles (0 = all)");
  app.add_option("--sample", args.sample, "Detected non-exact pairs to print for checking by hand");
  app.add_option("--seed", args.seed, "Seed of the sample");
  app.add_option("--pairs", args.pairs_path, "Where to write all detected non-exact pairs (TSV)");
  CLI11_PARSE(app, argc, argv);
  return run_guarded("dedup_eval", [&] { return run(args); });
}
