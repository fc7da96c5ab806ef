#include "synth_trainer.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "dates.h"
#include "synth_generator.h"
#include "synth_text.h"

namespace newsindex::synth {

namespace {

// Counts words and bigrams, then renumbers by frequency and prunes rare bigrams.
class LmBuilder {
 public:
  LmBuilder() {
    words_ = {"<s>", "</s>"};
    counts_ = {0, 0};
    followers_ = {0, 0};
  }

  std::uint32_t intern(std::string_view word, bool& is_new) {
    key_.assign(word);
    auto [it, inserted] = ids_.try_emplace(key_, static_cast<std::uint32_t>(words_.size()));
    is_new = inserted;
    if (inserted) {
      words_.push_back(key_);
      counts_.push_back(0);
      followers_.push_back(0);
    }
    ++counts_[it->second];
    return it->second;
  }
  void follow(std::uint32_t previous, std::uint32_t next) {
    ++bigrams_[(static_cast<std::uint64_t>(previous) << 32) | next];
    ++followers_[previous];
    if (next == LanguageModel::kEnd) ++counts_[LanguageModel::kEnd];
  }
  std::uint64_t count(std::uint32_t id) const { return counts_[id]; }
  const std::string& word(std::uint32_t id) const { return words_[id]; }
  std::size_t size() const { return words_.size(); }

  LanguageModel build(std::uint32_t min_bigram_count) const {
    const std::size_t v = words_.size();
    std::vector<std::uint32_t> order(v);
    for (std::uint32_t i = 0; i < v; ++i) order[i] = i;
    // Specials first, then by frequency; ties by bytes so the model file is deterministic.
    std::sort(order.begin() + 2, order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : words_[a] < words_[b];
    });
    std::vector<std::uint32_t> renumber(v);
    LanguageModel lm;
    for (std::uint32_t i = 0; i < v; ++i) {
      renumber[order[i]] = i;
      lm.words.push_back(words_[order[i]]);
      lm.counts.push_back(counts_[order[i]]);
      lm.followers.push_back(followers_[order[i]]);
    }
    std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> kept;  // context, count, next
    for (const auto& [key, count] : bigrams_)
      if (count >= min_bigram_count)
        kept.emplace_back(renumber[key >> 32], count, renumber[key & 0xffffffffu]);
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
      if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
      if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) > std::get<1>(b);
      return std::get<2>(a) < std::get<2>(b);
    });
    lm.successor_begin.assign(v + 1, 0);
    for (const auto& [context, count, next] : kept) {
      ++lm.successor_begin[context + 1];
      lm.successor_ids.push_back(next);
      lm.successor_counts.push_back(count);
    }
    for (std::size_t i = 0; i < v; ++i) lm.successor_begin[i + 1] += lm.successor_begin[i];
    return lm;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> words_;
  std::vector<std::uint64_t> counts_, followers_;
  std::unordered_map<std::uint64_t, std::uint32_t> bigrams_;
  std::string key_;
};

// Share of content words that repeat one earlier in the same article, and share of words that
// are content words, over the bodies given.
struct Burstiness {
  std::uint64_t words = 0, content = 0, repeats = 0;
  std::unordered_set<std::string_view> seen;
  std::vector<std::string_view> tokens;

  void add_body(std::string_view body) {
    seen.clear();
    for (std::string_view p : paragraphs(body)) {
      tokens.clear();
      tokenize(p, tokens);
      for (std::string_view t : tokens) {
        if (is_punctuation(t)) continue;
        ++words;
        if (!is_content_word(t)) continue;
        ++content;
        repeats += seen.insert(t).second ? 0 : 1;
      }
    }
  }
  double repeat_rate() const { return content ? static_cast<double>(repeats) / static_cast<double>(content) : 0; }
  double content_share() const { return words ? static_cast<double>(content) / static_cast<double>(words) : 0; }
};

Burstiness measure_synthetic(const SynthModel& model, double cache_rate, std::uint64_t articles) {
  Generator generator(model, /*seed=*/20261127, GeneratorOptions{/*duplicate_rate=*/0, cache_rate});
  Burstiness b;
  for (std::uint64_t i = 0; i < articles; ++i) b.add_body(generator.next().body);
  return b;
}

}  // namespace

struct ModelTrainer::Impl {
  TrainOptions options;
  std::string trained_on;
  std::uint64_t articles = 0;
  LmBuilder body, title;
  HeapsCurve heaps;
  std::vector<double> body_words, title_words, paragraph_sentences;
  std::uint64_t blank_line_bodies = 0, single_line_bodies = 0;
  PrefixDuplicates duplicates;
  std::uint64_t duplicate_articles = 0;
  Burstiness burstiness;
  std::map<std::string, std::uint64_t> months;
  std::map<std::pair<std::string, std::string>, std::uint64_t> sources;
  std::string first_day, last_day;
  std::uint64_t dates[4] = {0, 0, 0, 0};
  std::vector<std::string_view> tokens;

  void add_title(std::string_view text) {
    tokens.clear();
    for (std::string_view p : paragraphs(text)) tokenize(p, tokens);
    if (tokens.empty()) return;
    std::uint32_t previous = LanguageModel::kBegin;
    std::size_t words = 0;
    for (std::string_view t : tokens) {
      bool is_new = false;
      const std::uint32_t id = title.intern(t, is_new);
      title.follow(previous, id);
      previous = id;
      words += is_punctuation(t) ? 0 : 1;
    }
    title.follow(previous, LanguageModel::kEnd);
    title_words.push_back(static_cast<double>(words));
  }

  void add_body(std::string_view text) {
    std::size_t words = 0;
    for (std::string_view p : paragraphs(text)) {
      tokens.clear();
      tokenize(p, tokens);
      std::uint32_t previous = LanguageModel::kBegin;
      int sentences = 0;
      for (std::string_view t : tokens) {
        bool is_new = false;
        const std::uint32_t id = body.intern(t, is_new);
        body.follow(previous, id);
        const bool punct = is_punctuation(t);
        if (!punct) {
          ++words;
          heaps.add(is_new);
        }
        if (punct && ends_sentence(t)) {
          ++sentences;
          previous = LanguageModel::kBegin;
        } else {
          previous = id;
        }
      }
      if (previous != LanguageModel::kBegin) {
        body.follow(previous, LanguageModel::kEnd);
        ++sentences;
      }
      if (sentences > 0) paragraph_sentences.push_back(sentences);
    }
    body_words.push_back(static_cast<double>(words));
    if (text.find("\n\n") != std::string_view::npos) ++blank_line_bodies;
    else if (text.find('\n') != std::string_view::npos) ++single_line_bodies;
  }
};

ModelTrainer::ModelTrainer(TrainOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = options; }
ModelTrainer::~ModelTrainer() = default;
void ModelTrainer::set_trained_on(std::string names) { impl_->trained_on = std::move(names); }
std::uint64_t ModelTrainer::articles() const { return impl_->articles; }

void ModelTrainer::add(const Article& a) {
  Impl& t = *impl_;
  ++t.articles;
  t.add_body(a.body);
  if (!a.title.empty()) t.add_title(a.title);
  t.burstiness.add_body(a.body);
  t.duplicate_articles += t.duplicates.seen_before(a.body) ? 1 : 0;
  ++t.sources[{a.source, a.category}];
  // Normalised by the reader: YYYY-MM-DD[Thh:mm:ss[Z|±hh:mm]]. Zoned dates count by their UTC day, as
  // the index files them (and as they were stored before dates kept their offset, so a corpus
  // trains the same model either way); the "UTC" form is any zoned date.
  const std::string d = normalize_date_utc(a.date).value_or(a.date);
  if (d.size() >= 10 && d[4] == '-' && d[7] == '-') {
    ++t.dates[d.size() == 10 ? 1 : d.back() == 'Z' ? 3 : 2];
    ++t.months[d.substr(0, 7)];
    const std::string day = d.substr(0, 10);
    if (t.first_day.empty() || day < t.first_day) t.first_day = day;
    if (t.last_day.empty() || day > t.last_day) t.last_day = day;
  } else {
    ++t.dates[0];
  }
}

SynthModel ModelTrainer::finish() {
  Impl& t = *impl_;
  if (t.articles == 0) throw std::invalid_argument("no articles to learn from");
  SynthModel m;
  m.articles = t.articles;
  m.trained_on = t.trained_on;
  m.body = t.body.build(t.options.min_bigram_count);
  m.title = t.title.build(t.options.min_bigram_count);
  if (m.title.words.size() <= 2) {
    // A corpus without titles (10kGNAD): headlines are learned from nothing, so give the title
    // model the body's statistics rather than none.
    m.title = m.body;
    t.title_words = {8};
  }
  m.body_words = Quantiles::of(t.body_words, t.options.quantile_points);
  m.title_words = Quantiles::of(t.title_words, t.options.quantile_points);
  m.paragraph_sentences = Quantiles::of(t.paragraph_sentences.empty() ? std::vector<double>{1} : t.paragraph_sentences,
                                        t.options.quantile_points);
  m.paragraph_separator = t.blank_line_bodies >= t.single_line_bodies ? "\n\n" : "\n";
  m.body_tokens = t.heaps.tokens();
  for (std::size_t id = 2; id < m.body.words.size(); ++id)
    if (m.body.counts[id] == 1 && !is_punctuation(m.body.words[id])) ++m.hapax_words;
  const PowerLaw heaps = t.heaps.fit();
  m.heaps_k = heaps.k;
  m.heaps_beta = heaps.exponent;
  m.duplicate_rate = static_cast<double>(t.duplicate_articles) / static_cast<double>(t.articles);
  for (const auto& [key, n] : t.sources) m.sources.push_back({key.first, key.second, n});
  for (const auto& [month, n] : t.months) m.months.emplace_back(month, n);
  m.first_day = t.first_day;
  m.last_day = t.last_day;
  m.dates_none = t.dates[0];
  m.dates_day = t.dates[1];
  m.dates_local = t.dates[2];
  m.dates_utc = t.dates[3];

  // Burstiness: real text repeats its own content words far more than independent draws do. The
  // generator repeats an earlier word of the article with chance cache_rate per word; find the
  // rate that reproduces the corpus's repeat share, by measuring synthetic text (two steps).
  m.content_repeat_rate = t.burstiness.repeat_rate();
  const std::uint64_t probe = std::min<std::uint64_t>(t.articles, t.options.calibration_articles);
  const Burstiness plain = measure_synthetic(m, 0, probe);
  const double r0 = plain.repeat_rate(), fc = plain.content_share(), target = m.content_repeat_rate;
  if (target > r0 && r0 < 1) {
    const double x = std::min(0.95, (target - r0) / (1 - r0));  // share of content words to copy
    double rate = x * fc / (1 - x + x * fc);
    const double r1 = measure_synthetic(m, rate, probe).repeat_rate();
    if (r1 > r0) rate *= (target - r0) / (r1 - r0);
    m.cache_rate = std::clamp(rate, 0.0, 0.9);
  }
  return m;
}

}  // namespace newsindex::synth
