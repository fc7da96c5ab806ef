// Analysis throughput: the full newsindex chain versus Xapian's TermGenerator + Snowball German on
// the same text, single thread, in one run. Reads JSONL (.zst/.gz ok), takes the bodies of the first
// --articles articles, and reports MB/s per core for:
//   analyze   Analyzer::analyze (tokens only)
//   document  DocumentBuilder::build (analysis + every index term, as the indexer does)
//   xapian    TermGenerator (german stemmer, STEM_SOME) index_text into a Xapian::Document
// Each pass runs --rounds times; the best round counts (least disturbed by other processes).
// A sanity count (tokens/terms) is printed so a fast wrong answer shows.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <xapian.h>

#include "analyzer.h"
#include "document_builder.h"
#include "reader.h"

using namespace newsindex;

namespace {

template <typename F>
double best_seconds(int rounds, F&& f) {
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Analysis throughput: newsindex chain vs Xapian TermGenerator"};
  std::string input;
  std::size_t max_articles = 5000;
  int rounds = 3;
  bool no_compounds = false;
  app.add_option("--input", input, "JSONL corpus (.zst/.gz ok)")->required();
  app.add_option("--articles", max_articles, "Articles to read")->capture_default_str();
  app.add_option("--rounds", rounds, "Rounds per pass; the best counts")->capture_default_str();
  app.add_flag("--no-compounds", no_compounds, "Switch compound splitting off");
  CLI11_PARSE(app, argc, argv);

  std::vector<Article> articles;
  std::size_t bytes = 0;
  auto reader = open_reader(input, "auto", [](const ReadProblem&) {});
  Article a;
  while (articles.size() < max_articles && reader->next(a)) {
    bytes += a.body.size() + a.title.size();
    articles.push_back(a);
  }
  fmt::print("input={} articles={} bytes={} rounds={} compounds={}\n", input, articles.size(), bytes, rounds,
             no_compounds ? "off" : "on");

  AnalyzerOptions options;
  options.split_compounds = !no_compounds;
  Analyzer analyzer(options);
  std::size_t tokens = 0;
  double t_analyze = best_seconds(rounds, [&] {
    tokens = 0;
    for (const Article& art : articles) {
      tokens += analyzer.analyze(art.title).size();
      tokens += analyzer.analyze(art.body).size();
    }
  });

  Analyzer analyzer2(options);
  DocumentBuilder builder(analyzer2);
  std::size_t our_terms = 0;
  double t_document = best_seconds(rounds, [&] {
    our_terms = 0;
    for (const Article& art : articles) our_terms += builder.build(art).termlist_count();
  });

  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("german"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::size_t xapian_terms = 0;
  double t_xapian = best_seconds(rounds, [&] {
    xapian_terms = 0;
    for (const Article& art : articles) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(art.title, 1, "S");
      tg.index_text(art.title);
      tg.increase_termpos();
      tg.index_text(art.body);
      xapian_terms += doc.termlist_count();
    }
  });

  auto mbps = [&](double s) { return static_cast<double>(bytes) / 1e6 / s; };
  fmt::print("{:<10} {:>8} {:>10} {}\n", "pass", "seconds", "MB/s", "sanity");
  fmt::print("{:<10} {:>8.3f} {:>10.2f} tokens={}\n", "analyze", t_analyze, mbps(t_analyze), tokens);
  fmt::print("{:<10} {:>8.3f} {:>10.2f} distinct_terms_per_doc_sum={}\n", "document", t_document, mbps(t_document), our_terms);
  fmt::print("{:<10} {:>8.3f} {:>10.2f} distinct_terms_per_doc_sum={}\n", "xapian", t_xapian, mbps(t_xapian), xapian_terms);
  fmt::print("ratio document/xapian speed: {:.2f}\n", t_xapian / t_document);
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "analysis_throughput: {}\n", e.what());
  return 1;
}
