#include "synth_model.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <zstd.h>

#include "input.h"

namespace newsindex::synth {

namespace {

constexpr std::string_view kMagic = "newscorpus-model";
constexpr int kZstdLevel = 9;

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) return out;
    pos = next + 1;
  }
}

void write_lm(std::string& out, std::string_view name, const LanguageModel& lm) {
  std::size_t contexts = 0;
  for (std::uint64_t f : lm.followers) contexts += f > 0 ? 1 : 0;
  out += fmt::format("lm\t{}\t{}\t{}\n", name, lm.words.size(), contexts);
  for (std::size_t id = 0; id < lm.words.size(); ++id) out += fmt::format("w\t{}\t{}\n", escape(lm.words[id]), lm.counts[id]);
  for (std::size_t id = 0; id < lm.words.size(); ++id) {
    if (lm.followers[id] == 0) continue;
    out += fmt::format("c\t{}\t{}\t", id, lm.followers[id]);
    for (std::uint32_t k = lm.successor_begin[id]; k < lm.successor_begin[id + 1]; ++k) {
      if (k > lm.successor_begin[id]) out += ' ';
      out += fmt::format("{} {}", lm.successor_ids[k], lm.successor_counts[k]);
    }
    out += '\n';
  }
}

std::string join_numbers(const std::vector<double>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ' ';
    out += fmt::format("{}", values[i]);
  }
  return out;
}

// Reads the model text line by line and turns every defect into a ModelError naming file:line.
class ModelParser {
 public:
  ModelParser(InputStream& in, std::string name) : in_(in), name_(std::move(name)) {}

  bool next() {
    if (!in_.read_line(line_)) return false;
    ++line_no_;
    fields_ = split(line_, '\t');
    return true;
  }
  [[noreturn]] void fail(std::string_view what) const {
    throw ModelError(fmt::format("{}:{}: damaged newscorpus model: {}", name_, line_no_, what));
  }
  const std::vector<std::string_view>& fields() const { return fields_; }
  std::string_view field(std::size_t i) const {
    if (i >= fields_.size()) fail(fmt::format("expected at least {} fields in a \"{}\" line", i + 1, fields_[0]));
    return fields_[i];
  }
  template <typename T>
  T number(std::string_view text) const {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) fail(fmt::format("\"{}\" is not a number", text));
    return value;
  }
  template <typename T>
  T number_field(std::size_t i) const { return number<T>(field(i)); }
  std::vector<double> numbers(std::string_view text) const {
    std::vector<double> out;
    if (text.empty()) return out;
    for (std::string_view v : split(text, ' ')) out.push_back(number<double>(v));
    return out;
  }

  void read_lm(LanguageModel& lm) {
    const auto words = number_field<std::size_t>(2), contexts = number_field<std::size_t>(3);
    if (words < 2) fail("a language model needs at least the two special tokens");
    lm.words.resize(words);
    lm.counts.resize(words);
    lm.followers.assign(words, 0);
    for (std::size_t id = 0; id < words; ++id) {
      if (!next() || field(0) != "w") fail("word list shorter than announced");
      lm.words[id] = unescape(field(1));
      lm.counts[id] = number_field<std::uint64_t>(2);
    }
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> successors(words);
    for (std::size_t c = 0; c < contexts; ++c) {
      if (!next() || field(0) != "c") fail("bigram list shorter than announced");
      const auto id = number_field<std::uint32_t>(1);
      if (id >= words) fail(fmt::format("context id {} outside the vocabulary of {}", id, words));
      lm.followers[id] = number_field<std::uint64_t>(2);
      std::vector<double> pairs = numbers(field(3));
      if (pairs.size() % 2) fail("odd bigram list");
      std::uint64_t kept = 0;
      for (std::size_t k = 0; k < pairs.size(); k += 2) {
        if (pairs[k] < 0 || pairs[k] >= static_cast<double>(words) || pairs[k + 1] < 1)
          fail(fmt::format("bad bigram {} {}", pairs[k], pairs[k + 1]));
        successors[id].emplace_back(static_cast<std::uint32_t>(pairs[k]), static_cast<std::uint32_t>(pairs[k + 1]));
        kept += static_cast<std::uint64_t>(pairs[k + 1]);
      }
      if (kept > lm.followers[id]) fail("bigram counts exceed the context's total");
    }
    lm.successor_begin.assign(words + 1, 0);
    for (std::size_t id = 0; id < words; ++id) {
      lm.successor_begin[id + 1] = lm.successor_begin[id] + static_cast<std::uint32_t>(successors[id].size());
      for (const auto& [next_id, count] : successors[id]) {
        lm.successor_ids.push_back(next_id);
        lm.successor_counts.push_back(count);
      }
    }
  }

 private:
  InputStream& in_;
  std::string name_;
  std::string line_;
  std::vector<std::string_view> fields_;
  std::size_t line_no_ = 0;
};

}  // namespace

Quantiles Quantiles::of(std::vector<double> values, std::size_t count) {
  Quantiles q;
  if (values.empty() || count == 0) return q;
  std::sort(values.begin(), values.end());
  if (count == 1) count = 2;
  for (std::size_t i = 0; i < count; ++i) {
    const double pos = static_cast<double>(i) * static_cast<double>(values.size() - 1) / static_cast<double>(count - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    q.points.push_back(values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo)));
  }
  return q;
}

double Quantiles::at(double u) const {
  if (points.empty()) return 0;
  if (points.size() == 1) return points[0];
  const double pos = u * static_cast<double>(points.size() - 1);
  const auto lo = std::min(static_cast<std::size_t>(pos), points.size() - 2);
  return points[lo] + (points[lo + 1] - points[lo]) * (pos - static_cast<double>(lo));
}

double Quantiles::mean() const {
  if (points.size() < 2) return points.empty() ? 0 : points[0];
  double sum = 0;  // the mean of the piecewise-linear distribution the draws follow
  for (std::size_t i = 0; i + 1 < points.size(); ++i) sum += (points[i] + points[i + 1]) / 2;
  return sum / static_cast<double>(points.size() - 1);
}

void save_model(const SynthModel& m, const std::string& path) {
  std::string text = fmt::format("{}\t{}\n", kMagic, SynthModel::kFormatVersion);
  text += fmt::format("articles\t{}\n", m.articles);
  text += fmt::format("trained_on\t{}\n", escape(m.trained_on));
  text += fmt::format("paragraph_separator\t{}\n", escape(m.paragraph_separator));
  text += fmt::format("body_tokens\t{}\n", m.body_tokens);
  text += fmt::format("hapax_words\t{}\n", m.hapax_words);
  text += fmt::format("heaps\t{}\t{}\n", m.heaps_k, m.heaps_beta);
  text += fmt::format("duplicate_rate\t{}\n", m.duplicate_rate);
  text += fmt::format("content_repeat_rate\t{}\n", m.content_repeat_rate);
  text += fmt::format("cache_rate\t{}\n", m.cache_rate);
  text += fmt::format("quantiles\tbody_words\t{}\n", join_numbers(m.body_words.points));
  text += fmt::format("quantiles\ttitle_words\t{}\n", join_numbers(m.title_words.points));
  text += fmt::format("quantiles\tparagraph_sentences\t{}\n", join_numbers(m.paragraph_sentences.points));
  text += fmt::format("dates\t{}\t{}\t{}\t{}\t{}\t{}\n", m.first_day, m.last_day, m.dates_none, m.dates_day,
                      m.dates_local, m.dates_utc);
  for (const auto& [month, n] : m.months) text += fmt::format("month\t{}\t{}\n", month, n);
  for (const auto& s : m.sources) text += fmt::format("source\t{}\t{}\t{}\n", escape(s.source), escape(s.category), s.articles);
  write_lm(text, "body", m.body);
  write_lm(text, "title", m.title);
  text += "end\n";

  std::string packed(ZSTD_compressBound(text.size()), '\0');
  const std::size_t size = ZSTD_compress(packed.data(), packed.size(), text.data(), text.size(), kZstdLevel);
  if (ZSTD_isError(size)) throw ModelError(fmt::format("{}: cannot compress model: {}", path, ZSTD_getErrorName(size)));
  packed.resize(size);

  const std::string temp = path + ".tmp";
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (!f) throw ModelError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  const bool written = std::fwrite(packed.data(), 1, packed.size(), f) == packed.size();
  if (std::fclose(f) != 0 || !written) {
    std::remove(temp.c_str());
    throw ModelError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) throw ModelError(fmt::format("{}: cannot write: {}", path, ec.message()));
}

SynthModel load_model(const std::string& path) {
  SynthModel m;
  try {
    InputStream in = InputStream::open(path);
    ModelParser p(in, path);
    if (!p.next() || p.fields().size() != 2 || p.fields()[0] != kMagic)
      throw ModelError(fmt::format("{}: not a newscorpus model (train one with `newscorpus train`)", path));
    const int version = p.number_field<int>(1);
    if (version != SynthModel::kFormatVersion)
      throw ModelError(fmt::format("{}: newscorpus model format {} is not supported (this version reads {}); retrain it",
                                   path, version, SynthModel::kFormatVersion));
    bool ended = false, has_body = false, has_title = false;
    while (!ended && p.next()) {
      const std::string_view key = p.field(0);
      if (key == "end") ended = true;
      else if (key == "articles") m.articles = p.number_field<std::uint64_t>(1);
      else if (key == "trained_on") m.trained_on = unescape(p.field(1));
      else if (key == "paragraph_separator") m.paragraph_separator = unescape(p.field(1));
      else if (key == "body_tokens") m.body_tokens = p.number_field<std::uint64_t>(1);
      else if (key == "hapax_words") m.hapax_words = p.number_field<std::uint64_t>(1);
      else if (key == "heaps") {
        m.heaps_k = p.number_field<double>(1);
        m.heaps_beta = p.number_field<double>(2);
      } else if (key == "duplicate_rate") m.duplicate_rate = p.number_field<double>(1);
      else if (key == "content_repeat_rate") m.content_repeat_rate = p.number_field<double>(1);
      else if (key == "cache_rate") m.cache_rate = p.number_field<double>(1);
      else if (key == "quantiles") {
        Quantiles q{p.numbers(p.field(2))};
        const std::string_view name = p.field(1);
        if (name == "body_words") m.body_words = q;
        else if (name == "title_words") m.title_words = q;
        else if (name == "paragraph_sentences") m.paragraph_sentences = q;
      } else if (key == "dates") {
        m.first_day = std::string(p.field(1));
        m.last_day = std::string(p.field(2));
        m.dates_none = p.number_field<std::uint64_t>(3);
        m.dates_day = p.number_field<std::uint64_t>(4);
        m.dates_local = p.number_field<std::uint64_t>(5);
        m.dates_utc = p.number_field<std::uint64_t>(6);
      } else if (key == "month") {
        if (p.field(1).size() != 7) p.fail(fmt::format("month \"{}\" is not YYYY-MM", p.field(1)));
        m.months.emplace_back(std::string(p.field(1)), p.number_field<std::uint64_t>(2));
      } else if (key == "source") {
        m.sources.push_back({unescape(p.field(1)), unescape(p.field(2)), p.number_field<std::uint64_t>(3)});
      } else if (key == "lm") {
        const std::string_view name = p.field(1);
        if (name == "body") {
          p.read_lm(m.body);
          has_body = true;
        } else if (name == "title") {
          p.read_lm(m.title);
          has_title = true;
        } else {
          p.fail(fmt::format("unknown language model \"{}\"", name));
        }
      } else {
        p.fail(fmt::format("unknown record \"{}\"", key));
      }
    }
    if (!ended) p.fail("the file ends early (no \"end\" line)");
    if (!has_body || !has_title) p.fail("body or title language model missing");
    if (m.body_words.points.empty() || m.title_words.points.empty() || m.paragraph_sentences.points.empty())
      p.fail("length quantiles missing");
    if (m.sources.empty()) p.fail("no sources");
    if (!m.first_day.empty() && (m.first_day.size() != 10 || m.last_day.size() != 10 || m.months.empty()))
      p.fail("date range without months");
  } catch (const InputError& e) {
    throw ModelError(fmt::format("cannot read newscorpus model: {}", e.what()));
  }
  return m;
}

}  // namespace newsindex::synth
