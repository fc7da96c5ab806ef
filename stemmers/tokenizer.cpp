#include "tokenizer.h"

#include "normalizer.h"

#include <array>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace newsindex {

std::string_view to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::Word: return "word";
    case TokenKind::Number: return "number";
    case TokenKind::Abbreviation: return "abbreviation";
    case TokenKind::Url: return "url";
    case TokenKind::Email: return "email";
    case TokenKind::Handle: return "handle";
    case TokenKind::Hashtag: return "hashtag";
    case TokenKind::Part: return "part";
    case TokenKind::Variant: return "variant";
  }
  return "?";
}

namespace {

// Characters that vanish in normalisation but may sit inside a word: normalizer.h's set.
bool ignorable_in_word(UChar32 c) { return c >= 0 && is_ignorable(static_cast<char32_t>(c)); }

bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < 0) return false;
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool is_digit(UChar32 c) { return c >= '0' && c <= '9'; }
bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

class Cursor {
 public:
  explicit Cursor(std::string_view text)
      : s_(reinterpret_cast<const std::uint8_t*>(text.data())), n_(static_cast<std::int32_t>(text.size())) {}

  std::int32_t size() const { return n_; }

  // Code point at byte offset i (negative on invalid UTF-8 or end), and the offset after it.
  UChar32 at(std::int32_t i, std::int32_t* next = nullptr) const {
    if (i >= n_) {
      if (next) *next = n_;
      return -1;
    }
    UChar32 c;
    std::int32_t j = i;
    U8_NEXT(s_, j, n_, c);
    if (next) *next = j;
    return c;
  }
  // Code point ending just before offset i.
  UChar32 before(std::int32_t i) const {
    if (i <= 0) return -1;
    UChar32 c;
    std::int32_t j = i;
    U8_PREV(s_, 0, j, c);
    return c;
  }
  char byte(std::int32_t i) const { return i < n_ ? static_cast<char>(s_[i]) : '\0'; }

 private:
  const std::uint8_t* s_;
  std::int32_t n_;
};

bool ascii_lower_equals(const Cursor& cur, std::int32_t i, std::string_view what) {
  for (std::size_t k = 0; k < what.size(); ++k) {
    char c = cur.byte(i + static_cast<std::int32_t>(k));
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != what[k]) return false;
  }
  return true;
}

bool is_url_char(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return c > 0x20 && c != '"' && c != '<' && c != '>' && c != '`' && c != '{' && c != '}' && c != '|' && c != '\\' && c != '^';
  return !u_isUWhiteSpace(c) && c != 0x201C && c != 0x201D && c != 0x201E && c != 0xAB && c != 0xBB;
}

bool is_trailing_punct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '\'' || c == ']';
}

std::int32_t scan_url(const Cursor& cur, std::int32_t i) {
  std::int32_t end = i;
  while (true) {
    std::int32_t next;
    UChar32 c = cur.at(end, &next);
    if (!is_url_char(c)) break;
    end = next;
  }
  while (end > i && is_trailing_punct(cur.byte(end - 1))) --end;
  return end;
}

bool is_email_local(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// An e-mail address starting at i, or 0.
std::int32_t scan_email(const Cursor& cur, std::int32_t i) {
  std::int32_t j = i;
  while (j < cur.size() && is_email_local(cur.byte(j))) ++j;
  if (j == i || cur.byte(j) != '@') return 0;
  std::int32_t d = j + 1;
  std::int32_t e = d;
  bool dot = false;
  while (e < cur.size() && is_domain_char(cur.byte(e))) {
    if (cur.byte(e) == '.') dot = true;
    ++e;
  }
  while (e > d && (cur.byte(e - 1) == '.' || cur.byte(e - 1) == '-')) --e;
  if (!dot || e - d < 3) return 0;
  // The dot must survive trimming ("a@b." is not an address).
  for (std::int32_t k = d; k < e; ++k)
    if (cur.byte(k) == '.') return e;
  return 0;
}

// Gender marker ("*innen", ":in", "_innen", "/innen", "/-innen") at i of the word starting at
// start: returns its end or 0. The slash forms end a capitalised noun ("Referent/innen"; not "km/in").
std::int32_t scan_gender_suffix(const Cursor& cur, std::int32_t i, std::int32_t start) {
  char m = cur.byte(i);
  if (m != '*' && m != ':' && m != '_' && m != '/') return 0;
  std::int32_t from = i + 1;
  if (m == '/') {
    const UChar32 before = cur.before(i);
    if (before < 0 || !u_islower(before) || !u_isupper(cur.at(start))) return 0;
    if (cur.byte(from) == '-') ++from;
  }
  for (std::string_view suffix : {std::string_view("innen"), std::string_view("in")}) {
    if (ascii_lower_equals(cur, from, suffix)) {
      std::int32_t end = from + static_cast<std::int32_t>(suffix.size());
      if (!is_word_char(cur.at(end))) return end;
    }
  }
  return 0;
}

// A single letter followed by '.' at i ("z." or "U."): returns the offset after the dot, or 0.
std::int32_t single_letter_dot(const Cursor& cur, std::int32_t i) {
  std::int32_t next;
  UChar32 c = cur.at(i, &next);
  if (c < 0 || cur.byte(next) != '.' || !u_isalpha(c)) return 0;  // the byte test first: most words have no dot
  if (i > 0 && is_word_char(cur.before(i))) return 0;
  return next + 1;
}

// Abbreviations made of single letters with dots: "z. B.", "u. a.", "U.S.", "d. h.". Returns end or 0.
std::int32_t scan_abbreviation(const Cursor& cur, std::int32_t i) {
  std::int32_t end = single_letter_dot(cur, i);
  if (!end) return 0;
  int letters = 1;
  while (true) {
    std::int32_t j = end;
    if (cur.byte(j) == ' ') ++j;
    std::int32_t e = single_letter_dot(cur, j);
    if (!e) break;
    end = e;
    ++letters;
  }
  return letters >= 2 ? end : 0;
}

// "@handle" or "#hashtag" at i (c is '@' or '#', next the offset after it): returns its end or 0.
std::int32_t scan_tag(const Cursor& cur, std::int32_t i, UChar32 c, std::int32_t next) {
  const UChar32 after = cur.at(next);
  const bool starts = i == 0 || !is_word_char(cur.before(i));
  if (!starts || !is_word_char(after) || (c == '#' && !u_isalpha(after))) return 0;
  std::int32_t e = next;
  while (true) {
    std::int32_t nn;
    const UChar32 d = cur.at(e, &nn);
    if (!(is_word_char(d) || d == '_')) break;
    e = nn;
  }
  return e;
}

// The end of a word or number starting at start: word characters, plus joiners that keep a token
// together when a word character follows (hyphens, invisible characters, apostrophes, the decimal
// and thousands separators of numbers, gender markers).
std::int32_t scan_word(const Cursor& cur, std::int32_t start, bool* all_digits) {
  *all_digits = true;
  std::int32_t e = start;
  while (true) {
    std::int32_t nn;
    const UChar32 d = cur.at(e, &nn);
    if (is_word_char(d)) {
      if (!is_digit(d)) *all_digits = false;
      e = nn;
      continue;
    }
    std::int32_t after_pos;
    const UChar32 after = cur.at(nn, &after_pos);
    if ((ignorable_in_word(d) || is_hyphen(d)) && is_word_char(after) && e > start) {
      e = nn;
      continue;
    }
    if (is_apostrophe(d) && after >= 0 && u_isalpha(after) && !is_digit(cur.before(e))) {
      e = nn;
      continue;
    }
    // Decimal and thousands separators, and the colon of a score or time ("2:1", "10:30").
    if ((d == '.' || d == ',' || d == ':') && is_digit(cur.before(e)) && is_digit(after) && *all_digits) {
      e = nn;
      continue;
    }
    if (std::int32_t g = scan_gender_suffix(cur, e, start); g && !*all_digits) {
      e = g;
      continue;
    }
    return e;
  }
}

// A URL, e-mail address or abbreviation starting at i: its end and kind, or end 0.
// may_be_email: the text has an '@' at or after i (without one scan_email finds nothing).
std::pair<std::int32_t, TokenKind> scan_special(const Cursor& cur, std::int32_t i, UChar32 c, bool may_be_email) {
  if (ascii_lower_equals(cur, i, "http://") || ascii_lower_equals(cur, i, "https://") ||
      ascii_lower_equals(cur, i, "www."))
    return {scan_url(cur, i), TokenKind::Url};
  if (c < 0x80 && may_be_email)
    if (std::int32_t e = scan_email(cur, i)) return {e, TokenKind::Email};
  if (std::int32_t e = scan_abbreviation(cur, i)) return {e, TokenKind::Abbreviation};
  return {0, TokenKind::Word};
}

// Average bytes per token of news text, for reserving the output.
constexpr std::size_t kBytesPerTokenEstimate = 6;

}  // namespace

std::vector<RawToken> tokenize(std::string_view text) {
  std::vector<RawToken> out;
  out.reserve(text.size() / kBytesPerTokenEstimate);
  const Cursor cur(text);
  const std::int32_t n = cur.size();
  const std::size_t at = text.rfind('@');
  const std::int32_t last_at = at == std::string_view::npos ? -1 : static_cast<std::int32_t>(at);
  auto emit = [&](std::int32_t s, std::int32_t e, TokenKind k) {
    out.push_back(RawToken{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e), k});
  };
  for (std::int32_t i = 0; i < n;) {
    std::int32_t next;
    const UChar32 c = cur.at(i, &next);
    if (c == '@' || c == '#') {
      const std::int32_t e = scan_tag(cur, i, c, next);
      if (e) emit(i, e, c == '@' ? TokenKind::Handle : TokenKind::Hashtag);
      i = e ? e : next;
      continue;
    }
    if (!is_word_char(c)) {
      i = next;
      continue;
    }
    if (auto [e, kind] = scan_special(cur, i, c, i <= last_at); e) {
      emit(i, e, kind);
      i = e;
      continue;
    }
    bool all_digits = true;
    const std::int32_t e = scan_word(cur, i, &all_digits);
    emit(i, e, all_digits ? TokenKind::Number : TokenKind::Word);
    i = e;
  }
  return out;
}

}  // namespace newsindex
