#include "index_stats.h"

#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "index_contract.h"

namespace newsindex {

namespace c = contract;

namespace {

std::string pretty_date(const std::string& key) {
  if (key.size() < 8) return {};
  return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

// Boolean terms with this prefix count articles per value; the value's original spelling is
// taken from the value slot of one of its documents.
std::map<std::string, std::uint64_t> facet_counts(const Xapian::Database& db, std::string_view prefix, unsigned slot) {
  std::map<std::string, std::uint64_t> out;
  for (auto t = db.allterms_begin(std::string(prefix)); t != db.allterms_end(std::string(prefix)); ++t) {
    std::string name = (*t).substr(prefix.size());
    auto p = db.postlist_begin(*t);
    if (p != db.postlist_end(*t)) {
      std::string v = db.get_document(*p).get_value(slot);
      if (!v.empty()) name = v;
    }
    out[name] += t.get_termfreq();
  }
  return out;
}

}  // namespace

IndexStats collect_stats(const Xapian::Database& db, const std::string& path) {
  IndexStats s;
  s.path = path;
  s.articles = db.get_doccount();
  s.total_length = db.get_total_length();
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.distinct_terms;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (auto& e : std::filesystem::recursive_directory_iterator(path, ec))
      if (e.is_regular_file(ec)) s.bytes_on_disk += e.file_size(ec);
  }
  if (s.articles > 0) {
    s.first_date = pretty_date(db.get_value_lower_bound(c::kSlotDate));
    s.last_date = pretty_date(db.get_value_upper_bound(c::kSlotDate));
  }
  s.sources = facet_counts(db, c::kSource, c::kSlotSource);
  s.categories = facet_counts(db, c::kCategory, c::kSlotCategory);
  s.analysis = db.get_metadata(std::string(c::kMetaAnalysis));
  return s;
}

std::string format_stats_text(const IndexStats& s) {
  std::string out = fmt::format(
      "database:     {}\narticles:     {}\nterms:        {} distinct, {} word occurrences\nsize on disk: {:.1f} MB\n"
      "dates:        {}\n",
      s.path, s.articles, s.distinct_terms, s.total_length, static_cast<double>(s.bytes_on_disk) / 1e6,
      s.first_date.empty() ? std::string("none") : fmt::format("{} .. {}", s.first_date, s.last_date));
  out += fmt::format("sources:      {}\n", s.sources.size());
  for (const auto& [name, n] : s.sources) out += fmt::format("  {:<32} {}\n", name, n);
  out += fmt::format("categories:   {}\n", s.categories.size());
  for (const auto& [name, n] : s.categories) out += fmt::format("  {:<32} {}\n", name, n);
  out += fmt::format("analysis:     {}\n", s.analysis);
  return out;
}

std::string format_stats_json(const IndexStats& s) {
  nlohmann::json j = {{"database", s.path},
                      {"articles", s.articles},
                      {"distinct_terms", s.distinct_terms},
                      {"total_length", s.total_length},
                      {"bytes_on_disk", s.bytes_on_disk},
                      {"first_date", s.first_date.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.first_date)},
                      {"last_date", s.last_date.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.last_date)},
                      {"sources", s.sources},
                      {"categories", s.categories},
                      {"analysis", s.analysis}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace newsindex
