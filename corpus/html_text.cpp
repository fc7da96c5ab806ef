#include "html_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

#include <unicode/ucnv.h>

namespace newsindex {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

const std::unordered_map<std::string_view, std::uint32_t>& named_entities() {
  static const std::unordered_map<std::string_view, std::uint32_t> table = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '}, {"shy", 0xAD},
      {"auml", 0xE4}, {"ouml", 0xF6}, {"uuml", 0xFC}, {"Auml", 0xC4}, {"Ouml", 0xD6}, {"Uuml", 0xDC},
      {"szlig", 0xDF}, {"eacute", 0xE9}, {"Eacute", 0xC9}, {"egrave", 0xE8}, {"Egrave", 0xC8}, {"ecirc", 0xEA},
      {"euml", 0xEB}, {"agrave", 0xE0}, {"aacute", 0xE1}, {"acirc", 0xE2}, {"atilde", 0xE3}, {"aring", 0xE5},
      {"aelig", 0xE6}, {"ccedil", 0xE7}, {"Ccedil", 0xC7}, {"igrave", 0xEC}, {"iacute", 0xED}, {"icirc", 0xEE},
      {"iuml", 0xEF}, {"ntilde", 0xF1}, {"ograve", 0xF2}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"otilde", 0xF5},
      {"oslash", 0xF8}, {"ugrave", 0xF9}, {"uacute", 0xFA}, {"ucirc", 0xFB}, {"yacute", 0xFD}, {"Aacute", 0xC1},
      {"Agrave", 0xC0}, {"Oslash", 0xD8}, {"Ntilde", 0xD1}, {"scaron", 0x161}, {"Scaron", 0x160},
      {"ccaron", 0x10D}, {"Ccaron", 0x10C}, {"zcaron", 0x17E}, {"euro", 0x20AC}, {"pound", 0xA3}, {"yen", 0xA5},
      {"cent", 0xA2}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"deg", 0xB0}, {"plusmn", 0xB1},
      {"times", 0xD7}, {"divide", 0xF7}, {"middot", 0xB7}, {"bull", 0x2022}, {"hellip", 0x2026},
      {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
      {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"laquo", 0xAB}, {"raquo", 0xBB},
      {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"sect", 0xA7}, {"para", 0xB6}, {"frac12", 0xBD},
      {"frac14", 0xBC}, {"frac34", 0xBE}, {"sup2", 0xB2}, {"sup3", 0xB3}, {"micro", 0xB5}, {"thinsp", 0x2009},
      {"ensp", 0x2002}, {"emsp", 0x2003}, {"zwnj", 0x200C}, {"zwj", 0x200D}, {"lrm", 0x200E}, {"rlm", 0x200F},
      {"prime", 0x2032}, {"Prime", 0x2033}, {"dagger", 0x2020}, {"minus", 0x2212}, {"larr", 0x2190},
      {"rarr", 0x2192}, {"iexcl", 0xA1}, {"iquest", 0xBF}, {"ordf", 0xAA}, {"ordm", 0xBA}, {"not", 0xAC},
      {"uml", 0xA8}, {"acute", 0xB4}, {"cedil", 0xB8}, {"half", 0xBD}, {"num", '#'}, {"sol", '/'},
      {"colon", ':'}, {"comma", ','}, {"period", '.'}, {"excl", '!'}, {"quest", '?'}, {"lpar", '('},
      {"rpar", ')'}, {"hyphen", 0x2010}, {"dash", 0x2010}, {"NewLine", '\n'}, {"Tab", '\t'}};
  return table;
}

// Numeric references in 128..159 mean Windows-1252 in practice (&#150; is a dash).
std::uint32_t from_windows_1252(std::uint32_t cp) {
  static constexpr std::array<std::uint16_t, 32> kMap = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  return cp >= 0x80 && cp <= 0x9F ? kMap[cp - 0x80] : cp;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, amp - i));
    i = amp + 1;
    std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 32 || semi == i) {
      out += '&';
      continue;
    }
    std::string_view name = text.substr(i, semi - i);
    if (name[0] == '#') {
      std::uint32_t cp = 0;
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      std::string_view digits = name.substr(hex ? 2 : 1);
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                      : -1;
        if (d < 0) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      if (!ok) {
        out += '&';
        continue;
      }
      append_utf8(out, from_windows_1252(cp));
      i = semi + 1;
      continue;
    }
    auto it = named_entities().find(name);
    if (it == named_entities().end()) {
      out += '&';
      continue;
    }
    append_utf8(out, it->second);
    i = semi + 1;
  }
  return out;
}

bool is_boilerplate_line(std::string_view p) {
  while (!p.empty() && is_space(p.front())) p.remove_prefix(1);
  while (!p.empty() && is_space(p.back())) p.remove_suffix(1);
  if (p.empty()) return true;
  // Whole lines that are only a prompt.
  static constexpr std::array<std::string_view, 16> kWhole = {
      "teilen",       "anzeige",       "werbung",         "weiterlesen",  "mehr lesen",  "kommentare",
      "jetzt teilen", "artikel teilen", "diesen artikel teilen", "zur startseite", "nach oben", "mehr zum thema",
      "lesen sie auch", "drucken",     "artikel drucken", "zum artikel"};
  std::string lowered = lower_ascii(p);
  while (!lowered.empty() && (lowered.back() == ':' || lowered.back() == '.' || lowered.back() == ' '))
    lowered.pop_back();
  for (std::string_view w : kWhole)
    if (lowered == w) return true;
  if (p.size() > 400) return false;  // a long paragraph is text, whatever it starts with
  static constexpr std::array<std::string_view, 16> kPrefixes = {
      "dieser beitrag ist ein öffentlicher rss feed", "empfehlung:", "lesen sie auch:", "lesen sie mehr:",
      "mehr zum thema:", "das könnte sie auch interessieren", "folgen sie uns", "abonnieren sie",
      "melden sie sich für unseren newsletter", "jetzt newsletter", "unterstützen sie", "©", "copyright",
      "hier klicken", "zum newsletter", "alle rechte vorbehalten"};
  for (std::string_view prefix : kPrefixes)
    if (lowered.starts_with(prefix)) return true;
  if (p.size() <= 200) {
    for (std::string_view inner : {"erschien zuerst auf", "erschien zuerst bei", "alle rechte vorbehalten",
                                   "cookies", "javascript aktivieren"})
      if (lowered.find(inner) != std::string::npos) return true;
  }
  return false;
}

std::string declared_charset(std::string_view html) {
  std::string head = lower_ascii(html.substr(0, 4096));
  for (std::size_t p = head.find("charset"); p != std::string::npos; p = head.find("charset", p + 1)) {
    std::size_t i = p + 7;
    while (i < head.size() && is_space(head[i])) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (is_space(head[i]) || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t start = i;
    while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) || head[i] == '-' || head[i] == '_' ||
                               head[i] == '.' || head[i] == ':'))
      ++i;
    if (i > start) return head.substr(start, i - start);
  }
  return {};
}

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  std::string cs = lower_ascii(charset);
  if (cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii") return std::string(bytes);
  // Browsers read Latin-1 as Windows-1252; so do we (its 0x80-0x9F are quotes and dashes).
  if (cs == "iso-8859-1" || cs == "latin1" || cs == "latin-1" || cs == "iso8859-1") cs = "windows-1252";
  UErrorCode err = U_ZERO_ERROR;
  const auto capacity = static_cast<std::int32_t>(std::min<std::size_t>(bytes.size() * 4 + 16, INT32_MAX));
  std::string out(static_cast<std::size_t>(capacity), '\0');
  std::int32_t n = ucnv_convert("UTF-8", cs.c_str(), out.data(), capacity, bytes.data(),
                                static_cast<std::int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return std::string(bytes);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace newsindex
