#include "metadata.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "dates.h"
#include "input.h"

namespace newsindex {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  std::size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

// ---------------------------------------------------------------------------------------------
// Agencies

// The canonical name of an agency token ("AFP" → "afp", "rtr" → "reuters"), "" for anything else.
std::string agency_name(std::string_view token) {
  std::string t = lower_ascii(trim(token));
  if (t == "dpa" || t == "dpa-afx") return "dpa";
  if (t == "afp") return "afp";
  if (t == "reuters" || t == "rtr") return "reuters";
  if (t == "ap") return "ap";
  if (t == "kna") return "kna";
  if (t == "epd") return "epd";
  if (t == "sid") return "sid";
  if (t == "apa") return "apa";
  return {};
}

bool is_date_token(std::string_view t) {  // "12.3.2016", "12.03."
  if (t.empty()) return false;
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.') return false;
  }
  return digit;
}

bool is_service_code(std::string_view t) {  // regional dpa services: "lni", "lby", "afx"
  if (t.size() < 2 || t.size() > 4) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The agencies of a credit list such as "afp, dpa", "dpa/lni", "AFP/dpa", "APA, 12.3.2016",
// "dpa und AFP". Empty unless every item is an agency (or a date or a regional service code
// after an agency): "(Associated Press)" or "(23)" credit nothing.
std::set<std::string> parse_credit_list(std::string_view list) {
  std::set<std::string> found;
  // " und " / " and " / "&" / ";" separate like commas (one pass; string::replace in a loop
  // also trips a false GCC 12 -Wrestrict warning).
  std::string s;
  s.reserve(list.size());
  for (std::size_t i = 0; i < list.size();) {
    bool separator = false;
    for (std::string_view sep : {" und ", " and ", "&", ";"}) {
      if (list.substr(i).starts_with(sep)) {
        s.push_back(',');
        i += sep.size();
        separator = true;
        break;
      }
    }
    if (!separator) s.push_back(list[i++]);
  }
  std::size_t start = 0;
  bool any = false;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    std::string_view item = trim(std::string_view(s).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? s.size() + 1 : comma + 1;
    if (item.empty()) continue;
    if (is_date_token(item)) continue;
    std::size_t part_start = 0;
    bool first = true;
    while (part_start <= item.size()) {
      std::size_t slash = item.find('/', part_start);
      std::string_view part = trim(item.substr(part_start, slash == std::string_view::npos ? std::string_view::npos : slash - part_start));
      part_start = slash == std::string_view::npos ? item.size() + 1 : slash + 1;
      std::string name = agency_name(part);
      if (!name.empty()) {
        found.insert(name);
        any = true;
      } else if (first || !is_service_code(part)) {
        return {};
      }
      first = false;
    }
  }
  if (!any) return {};
  return found;
}

bool is_dash_at(std::string_view s, std::size_t i) {
  if (i < s.size() && s[i] == '-') return true;
  return s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94";  // – —
}

// "Berlin (dpa) -", "Frankfurt/Main (dpa/lhe) –", "WASHINGTON (AFP) —" at the start.
void dateline_agencies(std::string_view text, std::set<std::string>& out) {
  text = trim(text);
  std::size_t open = text.find('(');
  if (open == std::string_view::npos || open == 0 || open > 48) return;
  std::string_view place = trim(text.substr(0, open));
  // A place: a few words, each starting with a capital (or a non-ASCII letter), no sentence marks.
  std::size_t words = 0;
  for (std::size_t i = 0; i < place.size();) {
    std::size_t end = place.find_first_of(" /", i);
    if (end == std::string_view::npos) end = place.size();
    std::string_view w = place.substr(i, end - i);
    if (!w.empty()) {
      unsigned char c = static_cast<unsigned char>(w[0]);
      if (!(std::isupper(c) || c >= 0x80)) return;
      if (w.find_first_of(".!?:;,\"") != std::string_view::npos) return;
      ++words;
    }
    i = end + 1;
  }
  if (words == 0 || words > 4) return;
  std::size_t close = text.find(')', open);
  if (close == std::string_view::npos || close - open > 40) return;
  std::size_t after = close + 1;
  while (after < text.size() && text[after] == ' ') ++after;
  if (!is_dash_at(text, after)) return;
  auto found = parse_credit_list(text.substr(open + 1, close - open - 1));
  out.insert(found.begin(), found.end());
}

bool is_initials(std::string_view t) {  // "bri/kle", "ch"
  if (t.empty()) return false;
  std::size_t start = 0;
  while (start <= t.size()) {
    std::size_t slash = t.find('/', start);
    std::string_view part = t.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.size() < 2 || part.size() > 4) return false;
    if (!std::all_of(part.begin(), part.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
    start = slash == std::string_view::npos ? t.size() + 1 : slash + 1;
  }
  return true;
}

// A closing credit line: "(afp, dpa)", "bri/kle (afp, dpa)", "(APA, 12.3.2016)" at the very end,
// standing on its own line or after a finished sentence.
void closing_credit_agencies(std::string_view text, std::set<std::string>& out) {
  text = trim(text);
  while (!text.empty() && text.back() == '.') text = trim(text.substr(0, text.size() - 1));
  if (text.empty() || text.back() != ')') return;
  std::size_t open = text.rfind('(');
  if (open == std::string_view::npos || text.size() - open > 60) return;
  std::set<std::string> found = parse_credit_list(text.substr(open + 1, text.size() - open - 2));
  if (found.empty()) return;
  std::string_view before = text.substr(0, open);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  // Optional editor initials before the credit.
  std::size_t word_start = before.find_last_of(" \t\n");
  std::string_view last_word = before.substr(word_start == std::string_view::npos ? 0 : word_start + 1);
  if (is_initials(last_word)) {
    before.remove_suffix(last_word.size());
    while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  }
  bool standalone = before.empty() || before.back() == '\n' || before.back() == '\r';
  bool after_sentence = !before.empty() && std::string_view(".!?\"'").find(before.back()) != std::string_view::npos;
  // Closing typographic quotes (” “ «») end a sentence too.
  bool after_quote = before.ends_with("\xE2\x80\x9C") || before.ends_with("\xE2\x80\x9D") || before.ends_with("\xC2\xAB") ||
                     before.ends_with("\xC2\xBB");
  if (standalone || after_sentence || after_quote) out.insert(found.begin(), found.end());
}

// "Quelle: dpa", "(Quelle: AFP, Reuters)", "Mit Material von dpa und AFP" anywhere in the text.
void source_line_agencies(std::string_view text, std::set<std::string>& out) {
  for (std::string_view marker : {"Quelle:", "Quellen:", "Mit Material von", "mit Material von", "Material:"}) {
    for (std::size_t p = text.find(marker); p != std::string_view::npos; p = text.find(marker, p + 1)) {
      std::size_t start = p + marker.size();
      std::size_t end = text.find_first_of("\n).", start);
      if (end == std::string_view::npos) end = text.size();
      if (end - start > 60) continue;
      auto found = parse_credit_list(text.substr(start, end - start));
      out.insert(found.begin(), found.end());
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Language

constexpr std::array<std::string_view, 6> kLanguages = {"de", "en", "fr", "es", "it", "nl"};

// Frequent function words per language; words shared by several languages count for each.
constexpr std::array<std::string_view, 6> kStopWords = {
    "der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat "
    "dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis "
    "mehr durch man sein wurde sei ich wir ihr",
    "the of and to is that for it as was with be by on not he this are or his from at which but have an they you "
    "were her she there been has their its would will we who said",
    "le la les des et du un une est que dans pour qui pas sur au avec ce il elle sont par plus ne se son sa aux "
    "cette été ont mais leur",
    "el la los las del y que un una es por con para se no su al lo como más pero sus le ha fue este está son "
    "entre muy",
    "il lo la gli di del della che è un una per non con sono si da dei delle alla nel ha anche come più ma "
    "questo",
    "de het een en van is dat op te zijn voor met niet aan er die ook als bij door maar om wordt worden naar "
    "heeft nog werd"};

const std::unordered_map<std::string_view, std::uint8_t>& stop_word_table() {
  static const auto table = [] {
    std::unordered_map<std::string_view, std::uint8_t> t;
    for (std::size_t lang = 0; lang < kStopWords.size(); ++lang) {
      std::string_view list = kStopWords[lang];
      for (std::size_t i = 0; i < list.size();) {
        std::size_t end = list.find(' ', i);
        if (end == std::string_view::npos) end = list.size();
        t[list.substr(i, end - i)] |= static_cast<std::uint8_t>(1u << lang);
        i = end + 1;
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string detect_agencies(std::string_view text) {
  std::set<std::string> found;
  dateline_agencies(text.substr(0, 200), found);
  std::size_t tail = text.size() > 300 ? text.size() - 300 : 0;
  closing_credit_agencies(text.substr(tail), found);
  source_line_agencies(text, found);
  std::string out;
  for (const std::string& a : found) {
    if (!out.empty()) out += ',';
    out += a;
  }
  return out;
}

std::string detect_language(std::string_view text) {
  // A few hundred words decide as well as thousands (measured on fang_covid), at a fraction of the cost.
  constexpr std::size_t kMaxWords = 400;
  const auto& table = stop_word_table();
  std::array<std::size_t, kLanguages.size()> hits{};
  std::size_t words = 0;
  constexpr std::size_t kLongestStopWord = 8;  // longer words cannot be in the lists
  char word[kLongestStopWord];
  std::size_t length = 0;
  auto flush = [&] {
    if (length == 0) return;
    ++words;
    if (length <= kLongestStopWord)
      if (auto it = table.find(std::string_view(word, length)); it != table.end())
        for (std::size_t l = 0; l < kLanguages.size(); ++l)
          if (it->second & (1u << l)) ++hits[l];
    length = 0;
  };
  for (std::size_t i = 0; i < text.size() && words < kMaxWords; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      if (length < kLongestStopWord) word[length] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++length;
    } else {
      flush();
    }
  }
  flush();
  const std::size_t best = static_cast<std::size_t>(std::max_element(hits.begin(), hits.end()) - hits.begin());
  std::size_t runner_up = 0;
  for (std::size_t l = 0; l < hits.size(); ++l)
    if (l != best) runner_up = std::max(runner_up, hits[l]);
  // Too little evidence (a headline, a list of names) or no clear winner: say nothing.
  if (words < 8 || hits[best] < 3) return {};
  if (hits[best] * 10 < words) return {};
  if (hits[best] * 4 < runner_up * 5) return {};
  return std::string(kLanguages[best]);
}

std::string domain_of(std::string_view url) {
  url = trim(url);
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos || scheme == 0) return {};
  std::string_view rest = url.substr(scheme + 3);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, end);
  if (std::size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
  if (std::size_t colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);
  std::string out = lower_ascii(host);
  if (out.starts_with("www.")) out.erase(0, 4);
  if (out.find('.') == std::string::npos) return {};
  return out;
}

void finish_metadata(Article& a, const ProblemSink& problems) {
  auto warn = [&](std::string message) {
    if (problems) problems(ReadProblem{a.origin, std::move(message), false});
  };
  std::size_t repaired = 0;
  for (std::string* field : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.category, &a.agency, &a.lang})
    repaired += repair_utf8(*field);
  if (repaired) warn(fmt::format("{} invalid UTF-8 sequence(s) replaced with U+FFFD", repaired));

  std::string_view raw_date = trim(a.date);
  if (raw_date.empty()) {
    a.date.clear();
  } else if (auto d = normalize_date(raw_date)) {
    a.date = *d;
  } else {
    warn(fmt::format("date \"{}\" not understood; article kept without a date", raw_date));
    a.date.clear();
  }
  if (a.source.empty()) a.source = domain_of(a.url);
  if (a.agency.empty()) {
    a.agency = detect_agencies(a.body);
  } else {
    auto given = parse_credit_list(a.agency);
    a.agency.clear();
    for (const std::string& g : given) a.agency += (a.agency.empty() ? "" : ",") + g;
  }
  if (a.lang.empty()) {
    std::string sample = a.title;
    sample += '\n';
    sample.append(a.body, 0, std::min<std::size_t>(a.body.size(), 4000));
    a.lang = detect_language(sample);
  } else {
    a.lang = lower_ascii(trim(a.lang).substr(0, 2));
  }
}

}  // namespace newsindex
