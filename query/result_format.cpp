#include "result_format.h"
#include "utf8.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace newsindex {

namespace {

std::size_t code_points_before(std::string_view s, std::size_t byte) { return utf8::length(s.substr(0, std::min(byte, s.size()))); }

nlohmann::ordered_json spans_json(const Highlighted& h) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (auto [s, e] : h.spans) arr.push_back({code_points_before(h.text, s), code_points_before(h.text, e)});
  return arr;
}

nlohmann::json duplicates_json(const std::vector<StoryCopy>& copies) {
  nlohmann::json arr = nlohmann::json::array();
  for (const StoryCopy& c : copies) arr.push_back({{"id", c.id}, {"source", c.source}});
  return arr;
}

// The day as the source gave it: "2026-11-27" for "2026-11-27T00:30:00+02:00", local to its offset
// (the Y/M/D terms and date filters file that article under its UTC day, the 26th).
std::string short_date(const std::string& iso) { return iso.size() >= 10 ? iso.substr(0, 10) : iso; }

// --explain, human: "query analysis:" with one line per word.
std::string analysis_block(const SearchResults& r) {
  std::string out = "query analysis:\n";
  for (const WordAnalysis& w : r.analysis) {
    out += fmt::format("  {:<16} {}", w.text, w.use);
    if (!w.tokens.empty()) out += fmt::format("  [{}]", w.tokens);
    if (!w.terms.empty()) out += fmt::format("\n  {:<16} → {}", "", fmt::join(w.terms, " | "));
    out += "\n";
  }
  return out + "\n";
}

// --explain, human: "explain: 12.34 = Oracle 6.10 (word 3.20 + stem 2.90) + recency 0.50 (…)".
std::string explain_line(const Hit& h) {
  std::vector<std::pair<std::string, std::vector<const Contribution*>>> by_word;
  double sum = 0;
  for (const Contribution& c : h.explain) {
    sum += c.score;
    auto it = std::find_if(by_word.begin(), by_word.end(), [&](const auto& w) { return w.first == c.word; });
    if (it == by_word.end()) by_word.push_back({c.word, {&c}});
    else it->second.push_back(&c);
  }
  std::vector<std::string> terms;
  for (const auto& [word, cs] : by_word) {
    double total = 0;
    std::vector<std::string> roles;
    for (const Contribution* c : cs) {
      total += c->score;
      roles.push_back(fmt::format("{} {:.2f}", c->role, c->score));
    }
    terms.push_back(fmt::format("{} {:.2f} ({})", word, total, fmt::join(roles, " + ")));
  }
  if (std::abs(h.score - sum) >= 0.005) terms.push_back(fmt::format("other {:.2f}", h.score - sum));
  return fmt::format("     explain: {:.2f} = {}\n", h.score,
                     terms.empty() ? std::string("0") : fmt::format("{}", fmt::join(terms, " + ")));
}

std::string facets_block(const SearchResults& r) {
  std::string out = "facets (all matches):\n";
  for (const FacetCounts& f : r.facets) {
    std::vector<std::string> values;
    for (const auto& [value, n] : f.values) values.push_back(fmt::format("{} {}", value, n));
    out += fmt::format("  {:<9} {}\n", f.name + ":", values.empty() ? std::string("-") : fmt::format("{}", fmt::join(values, " · ")));
  }
  return out;
}

nlohmann::ordered_json facets_json(const SearchResults& r) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const FacetCounts& f : r.facets) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto& [value, n] : f.values) counts[value] = n;
    out[f.name] = counts;
  }
  return out;
}

nlohmann::ordered_json analysis_json(const SearchResults& r) {
  nlohmann::ordered_json words = nlohmann::ordered_json::array();
  for (const WordAnalysis& w : r.analysis)
    words.push_back({{"text", w.text}, {"use", w.use}, {"tokens", w.tokens}, {"terms", w.terms}});
  return words;
}

nlohmann::ordered_json contributions_json(const Hit& h) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  double sum = 0;
  for (const Contribution& c : h.explain) {
    sum += c.score;
    out.push_back({{"word", c.word}, {"role", c.role}, {"score", c.score}});
  }
  if (std::abs(h.score - sum) >= 1e-6) out.push_back({{"word", ""}, {"role", "other"}, {"score", h.score - sum}});
  return out;
}

}  // namespace

std::string format_human(const SearchResults& r, bool colour) {
  const std::string open = colour ? "\033[1;33m" : "[", close = colour ? "\033[0m" : "]";
  const std::string bold = colour ? "\033[1m" : "", reset = colour ? "\033[0m" : "";
  std::string out;
  for (const std::string& w : r.warnings) out += fmt::format("note: {}\n", w);
  if (!r.suggestion.empty()) out += fmt::format("Meinten Sie: {}\n", r.suggestion);
  if (r.explained) out += analysis_block(r);
  if (r.hits.empty()) {
    out += fmt::format("no results for \"{}\"\n", r.query);
    if (!r.facets.empty()) out += "\n" + facets_block(r);
    return out;
  }
  const std::string about = r.total_lower == r.total_upper ? "" : "about ";
  out += fmt::format("{}{} results for \"{}\", showing {}-{}\n\n", about, r.total, r.query, r.hits.front().rank,
                     r.hits.back().rank);
  for (const Hit& h : r.hits) {
    std::string title = h.title.empty() ? std::string("(untitled)") : mark(h.title_marked, open + bold, close);
    out += fmt::format("{:>3}. {}{}{}\n", h.rank, bold, title, reset);
    std::vector<std::string> meta;
    if (!h.date.empty()) meta.push_back(short_date(h.date));
    if (!h.source.empty()) meta.push_back(h.source);
    if (!h.category.empty()) meta.push_back(h.category);
    meta.push_back(fmt::format("score {:.2f}", h.score));
    meta.push_back(h.id);
    out += fmt::format("     {}\n", fmt::join(meta, " · "));
    if (!h.duplicates.empty()) {
      std::vector<std::string> where;
      for (const StoryCopy& d : h.duplicates) where.push_back(d.source.empty() ? d.id : d.source);
      out += fmt::format("     auch bei: {}\n", fmt::join(where, ", "));
    }
    if (!h.snippet.text.empty()) out += fmt::format("     {}\n", mark(h.snippet, open, close));
    if (!h.url.empty()) out += fmt::format("     {}\n", h.url);
    if (r.explained) out += explain_line(h);
    out += "\n";
  }
  if (!r.facets.empty()) out += facets_block(r);
  return out;
}

nlohmann::ordered_json to_json(const SearchResults& r) {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const Hit& h : r.hits) {
    results.push_back({{"rank", h.rank},
                       {"id", h.id},
                       {"score", h.score},
                       {"title", h.title},
                       {"date", h.date},
                       {"source", h.source},
                       {"url", h.url},
                       {"category", h.category},
                       {"agency", h.agency},
                       {"snippet", h.snippet.text},
                       {"highlights", spans_json(h.snippet)},
                       {"title_highlights", spans_json(h.title_marked)},
                       {"duplicates", duplicates_json(h.duplicates)}});
    if (r.explained) results.back()["explain"] = contributions_json(h);
  }
  nlohmann::ordered_json out = {{"query", r.query},        {"parsed", r.parsed},           {"total", r.total},
          {"total_lower", r.total_lower}, {"total_upper", r.total_upper}, {"warnings", r.warnings},
          {"suggestion", r.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.suggestion)},
          {"results", results}};
  if (!r.facets.empty()) out["facets"] = facets_json(r);
  if (r.explained)
    out["explain"] = {{"ranking", "BM25 (k1 1.2, b 0.75) with proximity pairs; each result: every query part run alone on it"},
                      {"words", analysis_json(r)}};
  return out;
}

std::string format_trec(const SearchResults& r, const std::string& qid, const std::string& run) {
  std::string out;
  for (const Hit& h : r.hits) out += fmt::format("{} Q0 {} {} {:.6f} {}\n", qid, h.id, h.rank, h.score, run);
  return out;
}

}  // namespace newsindex
