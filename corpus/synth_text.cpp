#include "synth_text.h"

#include <algorithm>
#include <cmath>

namespace newsindex::synth {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// The byte length of a closing-punctuation character at the end of `s`, 0 when there is none.
std::size_t closing_suffix(std::string_view s) {
  if (s.empty()) return 0;
  switch (s.back()) {
    case '.': case ',': case ';': case ':': case '!': case '?': case ')': case ']': case '"': case '\'':
      return 1;
    default:
      break;
  }
  // “ ” ’ (E2 80 9C/9D/99), » (C2 BB), … (E2 80 A6)
  if (s.size() >= 3 && s[s.size() - 3] == '\xE2' && s[s.size() - 2] == '\x80') {
    const char c = s.back();
    if (c == '\x9C' || c == '\x9D' || c == '\x99' || c == '\xA6') return 3;
  }
  if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xBB') return 2;
  return 0;
}

bool is_abbreviation(std::string_view word) {
  if (word.empty()) return false;
  const bool digits = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) return word.size() <= 2;                 // ordinals: "15. September"
  if (word.size() == 1) return true;                   // "u. a.", "z. B."
  if (word.find('.') != std::string_view::npos) return true;  // "z.B", "U.S"
  static constexpr std::string_view kKnown[] = {"Dr", "Prof", "Nr", "bzw", "ca", "vgl", "usw", "etc", "St",
                                                "Mio", "Mrd", "Abs", "Str", "sog", "ggf", "inkl", "evtl",
                                                "Jan", "Feb", "Aug", "Sept", "Okt", "Nov", "Dez", "Hrsg", "Tel"};
  return std::find(std::begin(kKnown), std::end(kKnown), word) != std::end(kKnown);
}

}  // namespace

std::vector<std::string_view> paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    if (!line.empty()) out.push_back(line);
    pos = nl + 1;
  }
  return out;
}

void tokenize(std::string_view paragraph, std::vector<std::string_view>& tokens) {
  std::size_t i = 0;
  while (i < paragraph.size()) {
    while (i < paragraph.size() && is_space(paragraph[i])) ++i;
    std::size_t j = i;
    while (j < paragraph.size() && !is_space(paragraph[j])) ++j;
    if (j == i) break;
    std::string_view chunk = paragraph.substr(i, j - i);
    std::size_t word_end = chunk.size();
    while (std::size_t n = closing_suffix(chunk.substr(0, word_end))) word_end -= n;
    std::string_view word = chunk.substr(0, word_end), tail = chunk.substr(word_end);
    if (tail == "." && is_abbreviation(word)) {
      word = chunk;
      tail = {};
    }
    if (!word.empty()) tokens.push_back(word);
    if (!tail.empty()) tokens.push_back(tail);
    i = j;
  }
}

bool is_punctuation(std::string_view token) {
  if (token.empty()) return false;
  while (std::size_t n = closing_suffix(token)) token.remove_suffix(n);
  return token.empty();
}

bool ends_sentence(std::string_view token) {
  return is_punctuation(token) && token.find_first_of(".!?") != std::string_view::npos;
}

bool is_content_word(std::string_view token) {
  if (token.size() < 5) return false;
  const auto c = static_cast<unsigned char>(token.front());
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC3;
}

bool is_noun_like(std::string_view token) {
  if (token.size() < 4) return false;
  const auto c0 = static_cast<unsigned char>(token[0]);
  bool capital = c0 >= 'A' && c0 <= 'Z';
  if (c0 == 0xC3 && token.size() > 1) {
    const auto c1 = static_cast<unsigned char>(token[1]);
    capital = c1 == 0x84 || c1 == 0x96 || c1 == 0x9C;  // Ä Ö Ü
  }
  if (!capital) return false;
  for (std::size_t i = 1; i < token.size(); ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (!((c >= 'a' && c <= 'z') || c >= 0x80)) return false;
  }
  return true;
}

std::string lower_first(std::string_view word) {
  std::string out(word);
  if (out.empty()) return out;
  if (out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
  else if (out.size() > 1 && out[0] == '\xC3' && (out[1] == '\x84' || out[1] == '\x96' || out[1] == '\x9C'))
    out[1] = static_cast<char>(out[1] + 0x20);
  return out;
}

PowerLaw fit_power_law(const std::vector<std::pair<double, double>>& points) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  for (const auto& [x, y] : points) {
    if (!(x > 0) || !(y > 0)) continue;
    const double lx = std::log(x), ly = std::log(y);
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
    ++n;
  }
  PowerLaw fit;
  const double denominator = n * sxx - sx * sx;
  if (n < 2 || denominator <= 0) return fit;
  fit.exponent = (n * sxy - sx * sy) / denominator;
  fit.k = std::exp((sy - fit.exponent * sx) / n);
  return fit;
}

PowerLaw HeapsCurve::fit() const {
  std::vector<std::pair<double, double>> use;
  for (const auto& p : points_)
    if (p.first >= 1000) use.push_back(p);
  if (use.size() < 3) use = points_;
  return fit_power_law(use);
}

bool PrefixDuplicates::seen_before(std::string_view body) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the collapsed prefix
  std::size_t taken = 0;
  bool in_space = true;  // also drops leading whitespace
  for (std::size_t i = 0; i < body.size() && taken < kPrefixBytes; ++i) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    if (is_space(static_cast<char>(c))) {
      if (in_space) continue;
      in_space = true;
      c = ' ';
    } else {
      in_space = false;
    }
    h = (h ^ c) * 1099511628211ULL;
    ++taken;
  }
  return !seen_.insert(h).second;
}

}  // namespace newsindex::synth
