#include "result_format.h"

#include <fmt/format.h>

namespace newsindex {

namespace {

std::size_t code_points_before(const std::string& s, std::size_t byte) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

nlohmann::json spans_json(const Highlighted& h) {
  nlohmann::json arr = nlohmann::json::array();
  for (auto [s, e] : h.spans) arr.push_back({code_points_before(h.text, s), code_points_before(h.text, e)});
  return arr;
}

nlohmann::json duplicates_json(const std::vector<StoryCopy>& copies) {
  nlohmann::json arr = nlohmann::json::array();
  for (const StoryCopy& c : copies) arr.push_back({{"id", c.id}, {"source", c.source}});
  return arr;
}

std::string short_date(const std::string& iso) { return iso.size() >= 10 ? iso.substr(0, 10) : iso; }

}  // namespace

std::string format_human(const SearchResults& r, bool colour) {
  const std::string open = colour ? "\033[1;33m" : "[", close = colour ? "\033[0m" : "]";
  const std::string bold = colour ? "\033[1m" : "", reset = colour ? "\033[0m" : "";
  std::string out;
  for (const std::string& w : r.warnings) out += fmt::format("note: {}\n", w);
  if (!r.suggestion.empty()) out += fmt::format("Meinten Sie: {}\n", r.suggestion);
  if (r.hits.empty()) {
    out += fmt::format("no results for \"{}\"\n", r.query);
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
    out += "\n";
  }
  return out;
}

nlohmann::json to_json(const SearchResults& r) {
  nlohmann::json results = nlohmann::json::array();
  for (const Hit& h : r.hits) {
    results.push_back({{"rank", h.rank},
                       {"id", h.id},
                       {"score", h.score},
                       {"title", h.title},
                       {"date", h.date},
                       {"source", h.source},
                       {"url", h.url},
                       {"category", h.category},
                       {"snippet", h.snippet.text},
                       {"highlights", spans_json(h.snippet)},
                       {"title_highlights", spans_json(h.title_marked)},
                       {"duplicates", duplicates_json(h.duplicates)}});
  }
  return {{"query", r.query},        {"parsed", r.parsed},           {"total", r.total},
          {"total_lower", r.total_lower}, {"total_upper", r.total_upper}, {"warnings", r.warnings},
          {"suggestion", r.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.suggestion)},
          {"results", results}};
}

std::string format_trec(const SearchResults& r, const std::string& qid, const std::string& run) {
  std::string out;
  for (const Hit& h : r.hits) out += fmt::format("{} Q0 {} {} {:.6f} {}\n", qid, h.id, h.rank, h.score, run);
  return out;
}

}  // namespace newsindex
