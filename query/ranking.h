// BM25 as Lucene 8 computes it (org.apache.lucene.search.similarities.BM25Similarity), as a
// Xapian::Weight: idf = ln(1 + (N − n + 0.5) / (n + 0.5)), never negative and never clamped
// (Xapian's BM25Weight maps (N − n + 0.5) / (n + 0.5) below 2 to half of it plus one), and
// score = idf · (k1 + 1) · wdf / (wdf + k1 · (1 − b + b · doclen / avgdoclen)). The (k1 + 1)
// factor, which Lucene 8 dropped, is kept so that scores stay in the units of Xapian's BM25
// (recency bonus); it does not change the order. Lucene's lossy one-byte document length is not
// copied. Query-word repeats count as in Xapian's BM25 with k3 = 1: 2·wqf / (1 + wqf).
#pragma once

#include <memory>
#include <string>

#include <xapian.h>

namespace newsindex {

// The weight newsquery ranks with: Xapian's BM25Weight with k1 1.2, b 0.75, k2 0, k3 1 and
// min_normlen 0 (short articles are not clamped to half the average length, as in Lucene).
// LuceneBM25Weight in its place, measured with bench/relevance.py (README ranking section): FANG
// tuning half MRR@10 +0.0017 (p=0.07) alone, +0.0006 (p=0.62) with proximity; test half +0.0028
// (p=0.004) with proximity. It did not win where choices are made (the tuning half), and
// xapian-tcpsrv shards know no weight of ours, so local and remote rankings would differ.
std::unique_ptr<Xapian::Weight> ranking_weight();

// Lucene 8's BM25 (k1, b; Lucene's defaults 1.2 and 0.75) for Xapian's matcher.
class LuceneBM25Weight : public Xapian::Weight {
 public:
  explicit LuceneBM25Weight(double k1 = 1.2, double b = 0.75);
  std::string name() const override;
  Xapian::Weight* clone() const override;
  std::string serialise() const override;
  LuceneBM25Weight* unserialise(const std::string& s) const override;
  void init(double factor) override;
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxextra() const override;

  // The idf of a term in n of N documents: ln(1 + (N − n + 0.5) / (n + 0.5)).
  static double idf(double documents, double term_frequency);

 private:
  double k1_;
  double b_;
  double weight_ = 0;      // factor · idf · (k1 + 1) · the query-repeat factor, set by init()
  double inv_avlen_ = 0;   // 1 / average document length
};

}  // namespace newsindex
