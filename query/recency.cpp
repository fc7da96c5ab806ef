#include "recency.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "date_range.h"
#include "index_contract.h"

namespace newsindex {

double RecencyBoost::bonus(std::string_view date_key) const {
  const long long t = key_to_seconds(date_key);
  if (t < 0 || half_life_seconds <= 0) return 0;
  const double age = std::max(0.0, static_cast<double>(reference - t));
  return weight * std::exp2(-age / half_life_seconds);
}

double parse_half_life(std::string_view text) {
  const std::string t(text);
  std::size_t used = 0;
  double n = 0;
  try {
    n = std::stod(t, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = used ? t.substr(used) : "";
  const double seconds = unit == "h" ? 3600.0 : unit == "d" ? 86400.0 : unit == "w" ? 7 * 86400.0 : 0;
  if (!used || seconds == 0 || !(n > 0) || !std::isfinite(n))
    throw UsageError(fmt::format("bad half-life \"{}\": give a positive number with h, d or w (12h, 7d, 2w)", t));
  return n * seconds;
}

RecencyBoost recency_for(const Xapian::Database& db, double half_life_seconds, double weight) {
  RecencyBoost b;
  b.half_life_seconds = half_life_seconds;
  b.weight = weight;
  b.reference = std::max(0LL, key_to_seconds(db.get_value_upper_bound(contract::kSlotDate)));
  return b;
}

RecencySource::RecencySource(RecencyBoost boost) : Xapian::ValuePostingSource(contract::kSlotDate), boost_(boost) {}

double RecencySource::get_weight() const { return boost_.bonus(get_value()); }

RecencySource* RecencySource::clone() const { return new RecencySource(boost_); }

std::string RecencySource::get_description() const {
  return fmt::format("RecencySource(weight {}, half-life {}s)", boost_.weight, boost_.half_life_seconds);
}

void RecencySource::init(const Xapian::Database& db) {
  Xapian::ValuePostingSource::init(db);
  set_maxweight(boost_.weight);
}

Xapian::Query with_recency(const Xapian::Query& query, const RecencyBoost& boost) {
  Xapian::Query source((new RecencySource(boost))->release());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, source);
}

}  // namespace newsindex
