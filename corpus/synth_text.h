// How the corpus generator and `newscorpus stats` see text, so that training, generating and
// checking count alike: a body is paragraphs (non-blank lines) of sentences of tokens, a token is
// a word (with any opening quote or bracket) or a run of closing punctuation ("," ".“" ")." "?")
// that attaches to the word before it without a space.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace newsindex::synth {

// The non-blank lines of a text, trimmed.
std::vector<std::string_view> paragraphs(std::string_view text);
// Appends the tokens of one paragraph. Abbreviations and ordinals keep their "." ("z.", "Dr.", "15.").
void tokenize(std::string_view paragraph, std::vector<std::string_view>& tokens);
// A run of closing punctuation, written without a space before it.
bool is_punctuation(std::string_view token);
// Punctuation that ends a sentence (contains . ! or ?).
bool ends_sentence(std::string_view token);
// Words that burstiness is measured on: at least 5 bytes and starting with a letter.
bool is_content_word(std::string_view token);
// A capitalised alphabetic word of at least 4 bytes: a German noun, usable as a compound part.
bool is_noun_like(std::string_view token);
// The word with its first letter lower-cased (ASCII and Ä Ö Ü), for the second part of a compound.
std::string lower_first(std::string_view word);

// y = k * x^exponent fitted by least squares on log y against log x (points with x, y > 0).
struct PowerLaw {
  double k = 0;
  double exponent = 0;
};
PowerLaw fit_power_law(const std::vector<std::pair<double, double>>& points);

// Vocabulary growth: distinct words after n word tokens, kept at geometrically spaced n so that a
// Heaps' law fit (V = K n^beta) weighs every scale alike.
class HeapsCurve {
 public:
  // Record one token; `is_new` when it is a word not seen before.
  void add(bool is_new) {
    ++tokens_;
    distinct_ += is_new ? 1 : 0;
    if (tokens_ >= next_) {
      points_.emplace_back(static_cast<double>(tokens_), static_cast<double>(distinct_));
      next_ = static_cast<std::uint64_t>(static_cast<double>(next_) * 1.25) + 1;
    }
  }
  std::uint64_t tokens() const { return tokens_; }
  std::uint64_t distinct() const { return distinct_; }
  // Fit over the points from 1,000 tokens on (all points when there are fewer).
  PowerLaw fit() const;

 private:
  std::uint64_t tokens_ = 0, distinct_ = 0, next_ = 100;
  std::vector<std::pair<double, double>> points_;
};

// The cheap near-duplicate test used for wire copies: two bodies are copies when their first
// kPrefixBytes bytes (whitespace runs collapsed) are identical. Agency copies usually keep the
// lead and change the end (a credit line, a cut paragraph), which this catches; rewritten leads it
// misses, so the rate it gives is a lower bound for near-duplicates and exact for verbatim copies.
class PrefixDuplicates {
 public:
  static constexpr std::size_t kPrefixBytes = 200;
  // True when a body with the same prefix was seen before; remembers this one.
  bool seen_before(std::string_view body);

 private:
  std::unordered_set<std::uint64_t> seen_;
};

}  // namespace newsindex::synth
