#include "facets.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "index_contract.h"
#include "normalizer.h"

namespace newsindex {

namespace c = contract;

namespace {

Xapian::valueno slot_of(Facet f) {
  switch (f) {
    case Facet::Source: return c::kSlotSource;
    case Facet::Category: return c::kSlotCategory;
    case Facet::Agency: return c::kSlotAgency;
    case Facet::Year:
    case Facet::Month:
    case Facet::Day: return c::kSlotDate;
  }
  return c::kSlotDate;
}

std::string trim(std::string_view s) {
  std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

}  // namespace

std::vector<Facet> parse_facets(std::string_view list) {
  std::vector<Facet> out;
  std::size_t i = 0;
  while (i <= list.size()) {
    std::size_t j = list.find(',', i);
    if (j == std::string_view::npos) j = list.size();
    const std::string name = normalize_text(trim(list.substr(i, j - i)));
    i = j + 1;
    if (name.empty()) continue;
    Facet f;
    if (name == "source" || name == "quelle") f = Facet::Source;
    else if (name == "category" || name == "kategorie") f = Facet::Category;
    else if (name == "agency" || name == "agentur") f = Facet::Agency;
    else if (name == "year" || name == "jahr") f = Facet::Year;
    else if (name == "month" || name == "monat") f = Facet::Month;
    else if (name == "day" || name == "tag") f = Facet::Day;
    else throw UsageError(fmt::format("unknown facet \"{}\" (valid: source, category, agency, year, month, day)", name));
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  return out;
}

std::string facet_name(Facet f) {
  switch (f) {
    case Facet::Source: return "source";
    case Facet::Category: return "category";
    case Facet::Agency: return "agency";
    case Facet::Year: return "year";
    case Facet::Month: return "month";
    case Facet::Day: return "day";
  }
  return "";
}

FacetCollector::FacetCollector(std::vector<Facet> facets) : facets_(std::move(facets)) {
  for (Facet f : facets_) {
    const Xapian::valueno slot = slot_of(f);
    if (!spy(slot)) spies_.emplace_back(slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
  }
}

FacetCollector::~FacetCollector() = default;

void FacetCollector::attach(Xapian::Enquire& enquire) {
  for (auto& [slot, s] : spies_) enquire.add_matchspy(s.get());
}

const Xapian::ValueCountMatchSpy* FacetCollector::spy(Xapian::valueno slot) const {
  for (const auto& [s, p] : spies_)
    if (s == slot) return p.get();
  return nullptr;
}

std::vector<FacetCounts> FacetCollector::counts() const {
  std::vector<FacetCounts> out;
  for (Facet f : facets_) {
    const Xapian::ValueCountMatchSpy* s = spy(slot_of(f));
    std::map<std::string, std::uint64_t> buckets;
    for (auto it = s->values_begin(); it != s->values_end(); ++it) {
      const std::string value = *it;
      const std::uint64_t n = it.get_termfreq();
      if (f == Facet::Year) {
        if (value.size() >= 4) buckets[value.substr(0, 4)] += n;
      } else if (f == Facet::Month) {
        if (value.size() >= 6) buckets[value.substr(0, 4) + "-" + value.substr(4, 2)] += n;
      } else if (f == Facet::Day) {
        if (value.size() >= 8) buckets[value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2)] += n;
      } else if (f == Facet::Agency) {
        std::set<std::string> agencies;  // "dpa,dpa" is still one article crediting dpa
        for (std::size_t i = 0; i <= value.size();) {
          std::size_t j = value.find(',', i);
          if (j == std::string::npos) j = value.size();
          if (std::string a = trim(std::string_view(value).substr(i, j - i)); !a.empty()) agencies.insert(a);
          i = j + 1;
        }
        for (const std::string& a : agencies) buckets[a] += n;
      } else if (!value.empty()) {
        buckets[value] += n;
      }
    }
    FacetCounts fc{facet_name(f), {buckets.begin(), buckets.end()}};
    std::stable_sort(fc.values.begin(), fc.values.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out.push_back(std::move(fc));
  }
  return out;
}

}  // namespace newsindex
