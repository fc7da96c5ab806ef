#include "corpus_stats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "dates.h"
#include "synth_text.h"

namespace newsindex::synth {

struct CorpusStats::Impl {
  std::vector<std::uint64_t> checkpoints;
  std::size_t next_checkpoint = 0;
  CorpusSummary s;
  std::unordered_map<std::string, std::uint64_t> words;
  HeapsCurve heaps;
  std::vector<double> body_lengths;
  double title_words = 0, paragraphs = 0, sentences = 0, paragraph_count = 0;
  std::uint64_t duplicates = 0;
  PrefixDuplicates seen;
  std::map<std::string, std::uint64_t> sources;
  std::vector<std::string_view> tokens;
  std::string key;
};

CorpusStats::CorpusStats(std::vector<std::uint64_t> checkpoints) : impl_(std::make_unique<Impl>()) {
  std::sort(checkpoints.begin(), checkpoints.end());
  impl_->checkpoints = std::move(checkpoints);
}
CorpusStats::~CorpusStats() = default;

void CorpusStats::add(const Article& a) {
  Impl& t = *impl_;
  ++t.s.articles;
  std::uint64_t length = 0;
  for (std::string_view p : paragraphs(a.body)) {
    t.tokens.clear();
    tokenize(p, t.tokens);
    t.paragraphs += 1;
    t.paragraph_count += 1;
    bool open = false;
    for (std::string_view tok : t.tokens) {
      if (is_punctuation(tok)) {
        if (ends_sentence(tok) && open) {
          t.sentences += 1;
          open = false;
        }
        continue;
      }
      open = true;
      ++length;
      t.key.assign(tok);
      const bool is_new = ++t.words[t.key] == 1;
      t.heaps.add(is_new);
    }
    t.sentences += open ? 1 : 0;
  }
  t.body_lengths.push_back(static_cast<double>(length));
  t.tokens.clear();
  tokenize(a.title, t.tokens);
  for (std::string_view tok : t.tokens) t.title_words += is_punctuation(tok) ? 0 : 1;
  t.duplicates += t.seen.seen_before(a.body) ? 1 : 0;
  ++t.sources[a.source];
  // Zoned dates by their UTC day, as the index files them (newsindex stats, Y/M/D terms).
  if (const std::string d = normalize_date_utc(a.date).value_or(a.date); d.size() >= 10) {
    const std::string day = d.substr(0, 10);
    if (t.s.first_day.empty() || day < t.s.first_day) t.s.first_day = day;
    if (t.s.last_day.empty() || day > t.s.last_day) t.s.last_day = day;
  }
  while (t.next_checkpoint < t.checkpoints.size() && t.checkpoints[t.next_checkpoint] <= t.s.articles) {
    if (t.checkpoints[t.next_checkpoint] == t.s.articles) t.s.vocabulary_at.emplace_back(t.s.articles, t.words.size());
    ++t.next_checkpoint;
  }
}

CorpusSummary CorpusStats::summary() const {
  const Impl& t = *impl_;
  CorpusSummary s = t.s;
  s.body_words = t.heaps.tokens();
  s.distinct_words = t.words.size();
  if (s.vocabulary_at.empty() || s.vocabulary_at.back().first != s.articles)
    s.vocabulary_at.emplace_back(s.articles, s.distinct_words);
  std::vector<std::uint64_t> freqs;
  freqs.reserve(t.words.size());
  for (const auto& [w, n] : t.words) {
    freqs.push_back(n);
    s.hapax_words += n == 1 ? 1 : 0;
  }
  std::sort(freqs.rbegin(), freqs.rend());
  std::vector<std::pair<double, double>> points;  // geometric ranks weigh every scale alike
  for (double r = 1; r <= std::min<double>(static_cast<double>(freqs.size()), 10000); r = std::ceil(r * 1.2))
    points.emplace_back(r, static_cast<double>(freqs[static_cast<std::size_t>(r) - 1]));
  s.zipf_exponent = -fit_power_law(points).exponent;
  const PowerLaw heaps = t.heaps.fit();
  s.heaps_k = heaps.k;
  s.heaps_beta = heaps.exponent;
  std::vector<double> lengths = t.body_lengths;
  std::sort(lengths.begin(), lengths.end());
  if (!lengths.empty()) {
    double sum = 0;
    for (double l : lengths) sum += l;
    s.body_words_mean = sum / static_cast<double>(lengths.size());
    s.body_words_median = lengths[lengths.size() / 2];
    s.body_words_p90 = lengths[lengths.size() * 9 / 10];
    s.body_words_max = lengths.back();
  }
  const double n = std::max<double>(1, static_cast<double>(s.articles));
  s.title_words_mean = t.title_words / n;
  s.paragraphs_mean = t.paragraphs / n;
  s.sentences_per_paragraph = t.paragraph_count ? t.sentences / t.paragraph_count : 0;
  s.duplicate_rate = static_cast<double>(t.duplicates) / n;
  s.sources = t.sources.size();
  std::vector<std::pair<std::string, std::uint64_t>> by_count(t.sources.begin(), t.sources.end());
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  by_count.resize(std::min<std::size_t>(by_count.size(), 5));
  s.top_sources = by_count;
  return s;
}

std::string format_summary(const CorpusSummary& s) {
  std::string out;
  out += fmt::format("articles:          {}\n", s.articles);
  out += fmt::format("body words:        {} tokens, {} distinct, {} seen once\n", s.body_words, s.distinct_words, s.hapax_words);
  out += "vocabulary growth: ";
  for (std::size_t i = 0; i < s.vocabulary_at.size(); ++i)
    out += fmt::format("{}{} after {} articles", i ? ", " : "", s.vocabulary_at[i].second, s.vocabulary_at[i].first);
  out += '\n';
  out += fmt::format("Heaps' law:        distinct = {:.2f} * tokens^{:.3f}\n", s.heaps_k, s.heaps_beta);
  out += fmt::format("Zipf exponent:     {:.3f} (ranks 1..10,000)\n", s.zipf_exponent);
  out += fmt::format("body length:       mean {:.0f} words, median {:.0f}, 90% {:.0f}, max {:.0f}\n", s.body_words_mean,
                     s.body_words_median, s.body_words_p90, s.body_words_max);
  out += fmt::format("structure:         {:.1f} paragraphs per article, {:.1f} sentences per paragraph, {:.1f} title words\n",
                     s.paragraphs_mean, s.sentences_per_paragraph, s.title_words_mean);
  out += fmt::format("near-duplicates:   {:.2f}% (same first {} bytes of body)\n", 100 * s.duplicate_rate,
                     PrefixDuplicates::kPrefixBytes);
  out += fmt::format("sources:           {}", s.sources);
  for (std::size_t i = 0; i < s.top_sources.size(); ++i)
    out += fmt::format("{}{} {:.1f}%", i ? ", " : " (", s.top_sources[i].first.empty() ? "(none)" : s.top_sources[i].first,
                       100.0 * static_cast<double>(s.top_sources[i].second) / std::max<double>(1, static_cast<double>(s.articles)));
  out += s.top_sources.empty() ? "\n" : ")\n";
  out += fmt::format("dates:             {} .. {}\n", s.first_day.empty() ? "-" : s.first_day, s.last_day.empty() ? "-" : s.last_day);
  return out;
}

}  // namespace newsindex::synth
