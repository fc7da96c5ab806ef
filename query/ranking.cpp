#include "ranking.h"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "errors.h"

namespace newsindex {

std::unique_ptr<Xapian::Weight> ranking_weight() { return std::make_unique<Xapian::BM25Weight>(1.2, 0, 1, 0.75, 0); }

LuceneBM25Weight::LuceneBM25Weight(double k1, double b) : k1_(k1), b_(b) {
  if (k1 < 0 || b < 0 || b > 1) throw UsageError(fmt::format("BM25 parameters k1 {} and b {}: need k1 ≥ 0 and 0 ≤ b ≤ 1", k1, b));
  need_stat(COLLECTION_SIZE);
  need_stat(TERMFREQ);
  need_stat(WQF);
  need_stat(WDF);
  need_stat(WDF_MAX);
  need_stat(DOC_LENGTH);
  need_stat(DOC_LENGTH_MIN);
  need_stat(AVERAGE_LENGTH);
}

std::string LuceneBM25Weight::name() const { return "newsindex.LuceneBM25"; }

Xapian::Weight* LuceneBM25Weight::clone() const { return new LuceneBM25Weight(k1_, b_); }

std::string LuceneBM25Weight::serialise() const { return fmt::format("{:a} {:a}", k1_, b_); }

LuceneBM25Weight* LuceneBM25Weight::unserialise(const std::string& s) const {
  char* end = nullptr;
  const double k1 = std::strtod(s.c_str(), &end);
  const double b = std::strtod(end, nullptr);
  return new LuceneBM25Weight(k1, b);
}

double LuceneBM25Weight::idf(double documents, double term_frequency) {
  return std::log(1.0 + (documents - term_frequency + 0.5) / (term_frequency + 0.5));
}

void LuceneBM25Weight::init(double factor) {
  const double avlen = get_average_length();
  inv_avlen_ = avlen > 0 ? 1.0 / avlen : 0.0;
  if (factor == 0.0) {  // the term-independent part: none
    weight_ = 0;
    return;
  }
  const double wqf = get_wqf();
  const double repeat = wqf > 0 ? 2.0 * wqf / (1.0 + wqf) : 1.0;
  weight_ = factor * idf(get_collection_size(), get_termfreq()) * (k1_ + 1) * repeat;
}

double LuceneBM25Weight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount) const {
  if (wdf == 0 || weight_ == 0) return 0;
  const double norm = k1_ * (1 - b_ + b_ * doclen * inv_avlen_);
  return weight_ * wdf / (wdf + norm);
}

double LuceneBM25Weight::get_maxpart() const {
  if (weight_ == 0) return 0;
  const double wdf = get_wdf_upper_bound();
  if (wdf == 0) return 0;
  const double norm = k1_ * (1 - b_ + b_ * get_doclength_lower_bound() * inv_avlen_);
  return weight_ * wdf / (wdf + norm);
}

double LuceneBM25Weight::get_sumextra(Xapian::termcount, Xapian::termcount) const { return 0; }

double LuceneBM25Weight::get_maxextra() const { return 0; }

}  // namespace newsindex
