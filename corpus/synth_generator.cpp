#include "synth_generator.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "synth_text.h"

namespace newsindex::synth {

namespace {

enum WordFlag : std::uint8_t { kPunct = 1, kEndsSentence = 2, kContent = 4, kHapax = 8, kNoun = 16 };

constexpr int kMaxSentenceWords = 80;     // a runaway sentence is closed with a full stop here
constexpr int kTitleRunOn = 4;           // headline words allowed past the drawn length
constexpr std::size_t kRecentOriginals = 1000;  // wire copies are taken from this many recent articles

// A LanguageModel prepared for drawing: unigram alias table, cumulative bigram counts per context.
struct DrawableLm {
  const LanguageModel* lm = nullptr;
  AliasTable unigram;
  std::vector<std::uint64_t> cumulative;  // parallel to successor_ids, running sum per context
  std::vector<double> keep;               // per context: share of its followers kept as bigrams
  // (Per-context alias tables for the big contexts were measured 40% slower than this binary
  // search over cumulative counts, whose upper levels stay in cache.)
  std::vector<std::uint8_t> flags;

  explicit DrawableLm(const LanguageModel& model) : lm(&model) {
    const std::size_t v = model.words.size();
    // Backoff draws from what the kept bigrams do not cover: each word's occurrences minus those
    // after a context that keeps the bigram. Drawing from the full unigram instead would starve
    // rare words (their bigrams are the ones pruned) and shrink the vocabulary to a third.
    std::vector<double> weights(v, 0), residual(v, 0);
    double residual_total = 0;
    for (std::size_t id = 0; id < v; ++id) weights[id] = id == LanguageModel::kBegin ? 0 : static_cast<double>(model.counts[id]);
    residual = weights;
    for (std::size_t k = 0; k < model.successor_ids.size(); ++k) residual[model.successor_ids[k]] -= model.successor_counts[k];
    for (double& r : residual) residual_total += r = std::max(0.0, r);
    // With every bigram kept (a tiny corpus) nothing is left over: back off to the plain unigram.
    unigram = AliasTable(residual_total > 0 ? residual : weights);
    cumulative.resize(model.successor_ids.size());
    keep.assign(v, 0);
    flags.assign(v, 0);
    for (std::size_t id = 0; id < v; ++id) {
      std::uint64_t sum = 0;
      for (std::uint32_t k = model.successor_begin[id]; k < model.successor_begin[id + 1]; ++k)
        cumulative[k] = sum += model.successor_counts[k];
      if (model.followers[id] > 0) keep[id] = static_cast<double>(sum) / static_cast<double>(model.followers[id]);
      if (id <= LanguageModel::kEnd) continue;
      const std::string& w = model.words[id];
      std::uint8_t f = 0;
      if (is_punctuation(w)) f |= kPunct | (ends_sentence(w) ? kEndsSentence : 0);
      else {
        if (is_content_word(w)) f |= kContent;
        if (is_noun_like(w)) f |= kNoun;
        if (model.counts[id] == 1) f |= kHapax;
      }
      flags[id] = f;
    }
  }

  std::uint32_t draw(std::uint32_t context, Rng& rng) const {
    if (context < keep.size()) {
      const std::uint32_t b = lm->successor_begin[context], e = lm->successor_begin[context + 1];
      if (b < e && rng.uniform() < keep[context]) {
        const std::uint64_t r = rng.below(cumulative[e - 1]);
        const auto it = std::upper_bound(cumulative.begin() + b, cumulative.begin() + e, r);
        return lm->successor_ids[static_cast<std::size_t>(it - cumulative.begin())];
      }
    }
    return unigram.draw(rng);
  }
};

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[(month - 1) % 12];
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// ASCII slug for URLs: lower case, umlauts and ß spelled out, anything else a single '-' (dots
// kept for host names).
void append_slug(std::string_view text, std::size_t max_bytes, std::string& out, bool keep_dots = false) {
  const std::size_t start = out.size();
  bool dash = true;
  for (std::size_t i = 0; i < text.size() && out.size() - start < max_bytes; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char* add = nullptr;
    char single[2] = {0, 0};
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (keep_dots && c == '.')) single[0] = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z') single[0] = static_cast<char>(c - 'A' + 'a');
    else if (c == 0xC3 && i + 1 < text.size()) {
      const auto d = static_cast<unsigned char>(text[i + 1]);
      if (d == 0xA4 || d == 0x84) add = "ae";
      else if (d == 0xB6 || d == 0x96) add = "oe";
      else if (d == 0xBC || d == 0x9C) add = "ue";
      else if (d == 0x9F) add = "ss";
      if (add) ++i;
    }
    if (single[0]) add = single;
    if (add) {
      out += add;
      dash = false;
    } else if (!dash) {
      out += '-';
      dash = true;
    }
  }
  while (out.size() > start && out.back() == '-') out.pop_back();
}

bool needs_linking_s(std::string_view head) {
  for (std::string_view end : {"ung", "heit", "keit", "schaft", "tät", "ion"})
    if (head.ends_with(end)) return true;
  return false;
}

}  // namespace

struct Generator::Impl {
  const SynthModel& model;
  std::uint64_t seed;
  Rng rng;
  double duplicate_rate, cache_rate;
  DrawableLm body, title;
  AliasTable sources, months, date_forms;
  bool has_dates = false;
  // Rare words: the model's hapaxes in a seeded random order, then compounds made up on the way;
  // two pools (capitalised or not) so that a replacement keeps the shape of the word it stands for.
  struct RarePool {
    std::vector<std::uint32_t> ids;
    std::size_t hapaxes = 0, fresh_taken = 0;
    std::uint64_t draws = 0;
  };
  RarePool rare[2];
  std::vector<std::string> novel_words;  // id = vocabulary size + index
  std::vector<std::uint32_t> noun_ids;
  AliasTable nouns;
  std::vector<std::uint32_t> cache;      // content words of the current article, with repeats
  std::deque<Article> recent;            // recent originals, sources of wire copies
  std::string sentence;
  double half_sentence = 0;              // half the mean sentence length in words

  Impl(const SynthModel& m, std::uint64_t s, GeneratorOptions options)
      : model(m), seed(s), rng(s), body(m.body), title(m.title) {
    duplicate_rate = options.duplicate_rate >= 0 ? options.duplicate_rate : m.duplicate_rate;
    cache_rate = options.cache_rate >= 0 ? options.cache_rate : m.cache_rate;
    std::vector<double> w;
    for (const auto& src : m.sources) w.push_back(static_cast<double>(src.articles));
    sources = AliasTable(w);
    if (!m.months.empty() && m.first_day.size() == 10) {
      w.clear();
      for (const auto& mo : m.months) w.push_back(static_cast<double>(mo.second));
      months = AliasTable(w);
      has_dates = true;
    }
    const std::vector<double> forms = {static_cast<double>(m.dates_none) + (has_dates ? 0 : 1),
                                       has_dates ? static_cast<double>(m.dates_day) : 0,
                                       has_dates ? static_cast<double>(m.dates_local) : 0,
                                       has_dates ? static_cast<double>(m.dates_utc) : 0};
    date_forms = AliasTable(forms);
    w.clear();
    for (std::uint32_t id = 0; id < body.flags.size(); ++id) {
      if (body.flags[id] & kHapax) rare[capitalised(m.body.words[id])].ids.push_back(id);
      if (body.flags[id] & kNoun) {
        noun_ids.push_back(id);
        w.push_back(static_cast<double>(m.body.counts[id]));
      }
    }
    for (RarePool& pool : rare) pool.hapaxes = pool.ids.size();
    if (!noun_ids.empty()) nouns = AliasTable(w);
    std::uint64_t sentences = m.body.counts[LanguageModel::kEnd];
    for (std::uint32_t id = 2; id < body.flags.size(); ++id)
      if (body.flags[id] & kEndsSentence) sentences += m.body.counts[id];
    if (sentences > 0) half_sentence = static_cast<double>(m.body_tokens) / static_cast<double>(sentences) / 2;
  }

  std::size_t vocabulary() const { return body.flags.size(); }
  const std::string& text(std::uint32_t id) const {
    return id < vocabulary() ? model.body.words[id] : novel_words[id - vocabulary()];
  }
  std::uint8_t flags(std::uint32_t id) const { return id < vocabulary() ? body.flags[id] : kContent | kNoun; }

  static bool capitalised(std::string_view w) {
    const auto c = static_cast<unsigned char>(w[0]);
    if (c == 0xC3 && w.size() > 1) return w[1] == '\x84' || w[1] == '\x96' || w[1] == '\x9C';
    return c >= 'A' && c <= 'Z';
  }

  // A hapax drawn from the model stands for "a rare word". The first draws go through the model's
  // hapaxes without repeating (as in the real corpus, where each occurs once); after that new words
  // appear at the rate Heaps' law predicts (dV/dn = beta V / n), the rest reuse earlier rare words.
  std::uint32_t rare_word(std::uint32_t hapax) {
    const bool upper = capitalised(model.body.words[hapax]);
    RarePool& pool = rare[upper];
    ++pool.draws;
    if (pool.fresh_taken < pool.hapaxes) {
      const std::size_t j = pool.fresh_taken + rng.below(pool.hapaxes - pool.fresh_taken);
      std::swap(pool.ids[pool.fresh_taken], pool.ids[j]);
      return pool.ids[pool.fresh_taken++];
    }
    const double beta = std::clamp(model.heaps_beta, 0.0, 1.0);
    const double p_new = beta * std::pow(static_cast<double>(pool.draws) / static_cast<double>(pool.hapaxes), beta - 1);
    if (upper && !noun_ids.empty() && rng.chance(p_new)) {
      const std::string& head = model.body.words[noun_ids[nouns.draw(rng)]];
      const std::string& tail = model.body.words[noun_ids[nouns.draw(rng)]];
      std::string word = head;
      if (needs_linking_s(head)) word += 's';
      word += lower_first(tail);
      novel_words.push_back(std::move(word));
      pool.ids.push_back(static_cast<std::uint32_t>(vocabulary() + novel_words.size() - 1));
      return pool.ids.back();
    }
    return pool.ids[rng.below(pool.ids.size())];
  }

  // Appends one sentence to `out`; true when the model ended the paragraph with it.
  bool write_sentence(std::string& out, std::size_t& words) {
    sentence.clear();
    std::uint32_t context = LanguageModel::kBegin;
    int n = 0;
    bool paragraph_ended = false;
    for (int step = 0; step < 4 * kMaxSentenceWords; ++step) {
      std::uint32_t id;
      if (context != LanguageModel::kBegin && !cache.empty() && rng.chance(cache_rate)) {
        id = cache[rng.below(cache.size())];
      } else {
        id = body.draw(context, rng);
        if (flags(id) & kHapax) id = rare_word(id);
      }
      if (id == LanguageModel::kBegin) continue;
      if (id == LanguageModel::kEnd) {
        if (n == 0) continue;
        paragraph_ended = true;
        break;
      }
      const std::uint8_t f = flags(id);
      if (f & kPunct) {
        if (n == 0) continue;
        sentence += text(id);
        if (f & kEndsSentence) break;
      } else {
        if (n > 0) sentence += ' ';
        sentence += text(id);
        if (f & kContent) cache.push_back(id);
        if (++n >= kMaxSentenceWords) {
          sentence += '.';
          break;
        }
      }
      context = id;
    }
    if (n > 0) {
      if (!out.empty() && out.back() != '\n') out += ' ';
      out += sentence;
      words += static_cast<std::size_t>(n);
    }
    return paragraph_ended;
  }

  std::string write_body() {
    cache.clear();
    const double target = std::max(1.0, std::round(model.body_words.at(rng.uniform())));
    std::string out;
    std::size_t words = 0;
    // A sentence is started only while more than half an average one is missing, so that
    // finishing it lands near the target on average rather than always above it.
    auto more = [&] { return words == 0 || target - static_cast<double>(words) > half_sentence; };
    for (int paragraph = 0; more() && paragraph < 10000; ++paragraph) {
      const std::size_t before = out.size();
      if (!out.empty()) out += model.paragraph_separator;
      const std::size_t start = out.size();
      const int sentences = std::max(1, static_cast<int>(std::lround(model.paragraph_sentences.at(rng.uniform()))));
      for (int s = 0; s < sentences && more(); ++s)
        if (write_sentence(out, words)) break;
      if (out.size() == start) out.resize(before);  // nothing written: no empty paragraph
    }
    return out;
  }

  std::string write_title() {
    const int target = std::max(1, static_cast<int>(std::lround(model.title_words.at(rng.uniform()))));
    std::string out;
    std::uint32_t context = LanguageModel::kBegin;
    int n = 0;
    std::size_t last_punct = std::string::npos;  // where a trailing punctuation token starts
    // At the target length the headline may run on a few words until the model ends it, so that
    // it rarely stops on "in dem".
    for (int step = 0; n < target + kTitleRunOn && step < 4 * target + 16; ++step) {
      const std::uint32_t id = title.draw(context, rng);
      if (id == LanguageModel::kBegin) continue;
      if (id == LanguageModel::kEnd) {
        if (n >= std::max(1, target / 2)) break;
        continue;
      }
      const std::string& w = model.title.words[id];
      if (title.flags[id] & kPunct) {
        if (n == 0) continue;
        last_punct = out.size();
        out += w;
      } else {
        if (n > 0) out += ' ';
        last_punct = std::string::npos;
        out += w;
        ++n;
      }
      context = id;
    }
    // Headlines end without a full stop or comma; a question or exclamation mark stays.
    if (last_punct != std::string::npos && out.find_first_of("?!", last_punct) == std::string::npos) out.resize(last_punct);
    return out;
  }

  std::string write_date() {
    const std::uint32_t form = date_forms.draw(rng);
    if (form == 0 || !has_dates) return {};
    const std::string& month = model.months[months.draw(rng)].first;
    const int year = to_int(month.substr(0, 4)), mon = to_int(month.substr(5, 2));
    int lo = 1, hi = days_in_month(year, mon);
    if (model.first_day.compare(0, 7, month) == 0) lo = to_int(model.first_day.substr(8, 2));
    if (model.last_day.compare(0, 7, month) == 0) hi = to_int(model.last_day.substr(8, 2));
    if (hi < lo) hi = lo;
    const int day = lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
    if (form == 1) return fmt::format("{:04}-{:02}-{:02}", year, mon, day);
    const auto second = static_cast<int>(rng.below(86400));
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", year, mon, day, second / 3600, second / 60 % 60,
                       second % 60, form == 3 ? "Z" : "");
  }

  void set_source(Article& a, std::uint64_t n) {
    const auto& src = model.sources[sources.draw(rng)];
    a.source = src.source;
    a.category = src.category;
    a.url = "https://";
    append_slug(src.source, 80, a.url, /*keep_dots=*/true);
    if (a.url.ends_with("//")) a.url += "news.example";
    a.url += '/';
    if (!src.category.empty()) {
      append_slug(src.category, 40, a.url);
      a.url += '/';
    }
    append_slug(a.title, 60, a.url);
    a.url += fmt::format("-{}", n);
  }

  // A wire copy: an earlier article's text, lead untouched, one or two words changed and maybe the
  // last paragraph cut, under another source and id.
  Article copy_of(const Article& original, std::uint64_t n) {
    Article a = original;
    std::string& b = a.body;
    constexpr std::size_t kKeep = PrefixDuplicates::kPrefixBytes;
    if (rng.chance(0.5)) {
      const std::size_t cut = b.rfind(model.paragraph_separator);
      if (cut != std::string::npos && cut > kKeep) b.resize(cut);
    }
    const int edits = 1 + static_cast<int>(rng.below(2));
    for (int e = 0; e < edits && b.size() > kKeep + 1; ++e) {
      std::size_t start = b.find(' ', kKeep + rng.below(b.size() - kKeep));
      if (start == std::string::npos) break;
      ++start;
      const std::size_t end = std::min(b.find_first_of(" \n,.;:!?", start), b.size());
      std::uint32_t id = LanguageModel::kBegin;
      for (int tries = 0; tries < 16 && (id <= LanguageModel::kEnd || (flags(id) & kPunct)); ++tries) id = body.unigram.draw(rng);
      if (id > LanguageModel::kEnd && !(flags(id) & kPunct)) b.replace(start, end - start, text(id));
    }
    for (int tries = 0; tries < 8; ++tries) {
      set_source(a, n);
      if (a.source != original.source) break;
    }
    return a;
  }
};

Generator::Generator(const SynthModel& model, std::uint64_t seed, GeneratorOptions options)
    : impl_(std::make_unique<Impl>(model, seed, options)) {}
Generator::~Generator() = default;

Article Generator::next() {
  Impl& g = *impl_;
  const std::uint64_t n = ++generated_;
  if (!g.recent.empty() && g.rng.chance(g.duplicate_rate)) {
    Article a = g.copy_of(g.recent[g.rng.below(g.recent.size())], n);
    a.id = fmt::format("synth-{}-{}", g.seed, n);
    return a;
  }
  Article a;
  a.id = fmt::format("synth-{}-{}", g.seed, n);
  a.title = g.write_title();
  a.body = g.write_body();
  a.date = g.write_date();
  g.set_source(a, n);
  g.recent.push_back(a);
  if (g.recent.size() > kRecentOriginals) g.recent.pop_front();
  return a;
}

namespace {
void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += fmt::format("\\u{:04x}", c);
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}
}  // namespace

void append_jsonl(const Article& a, std::string& out) {
  out += "{\"id\": ";
  append_json_string(a.id, out);
  out += ", \"title\": ";
  append_json_string(a.title, out);
  out += ", \"body\": ";
  append_json_string(a.body, out);
  out += ", \"date\": ";
  append_json_string(a.date, out);
  out += ", \"source\": ";
  append_json_string(a.source, out);
  out += ", \"url\": ";
  append_json_string(a.url, out);
  out += ", \"category\": ";
  append_json_string(a.category, out);
  out += "}\n";
}

}  // namespace newsindex::synth
