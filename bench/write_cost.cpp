// What a document costs Xapian's writer: builds the documents of the first --articles articles in
// memory first (newsindex's DocumentBuilder, or TermGenerator + german2 STEM_SOME as in
// plain_xapian_index), then times only add_document and a commit every --batch articles into a
// fresh database. --without drops one part of every document before writing, to see its share:
//   positions  every posting list keeps its wdf but no positions
//   data       the stored article
//   zdup       Z stems equal to the unprefixed word (newsindex documents)
//   bands      the MinHash band terms (newsindex documents)
//   exact, stems, parts, umlaut   the XE, Z, XP or XU terms (newsindex documents)
//   title      the title-only copies (S, ZS, XSP)
//   titlepos   the positions of the title-only words (S)
// For instruction counts of the writing alone (load-independent), run it under
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*add_document*' --toggle-collect='*::commit*'
// Memory: all documents are held at once (~0.1 MB each): keep --articles to a few thousand.
//   write_cost --input fang.jsonl --articles 8000 [--docs newsindex|termgenerator] [--without X] [--batch 400]
#include <chrono>
#include <filesystem>
#include <unistd.h>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <xapian.h>

#include "analyzer.h"
#include "document_builder.h"
#include "index_contract.h"
#include "reader.h"

using namespace newsindex;

namespace {

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A term's prefix: its leading capitals (term texts are folded, so they start lowercase or with a digit).
std::string prefix_of(const std::string& term) {
  std::size_t n = 0;
  while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
  return term.substr(0, n);
}

// Whether `part` names a set of prefixes this term has.
bool dropped_prefix(const std::string& part, const std::string& prefix) {
  if (part == "exact") return prefix == contract::kExact;
  if (part == "stems") return prefix == contract::kStem;
  if (part == "parts") return prefix == contract::kPart;
  if (part == "umlaut") return prefix == contract::kUmlautFreeStem;
  if (part == "title") return prefix == contract::kTitle || prefix == contract::kTitleStem || prefix == contract::kTitlePart;
  return false;
}

Xapian::Document without(const Xapian::Document& doc, const std::string& part) {
  if (part == "data") {
    Xapian::Document d = doc;
    d.set_data("");
    return d;
  }
  if (part == "positions" || part == "titlepos") {
    Xapian::Document d;
    d.set_data(doc.get_data());
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if (part == "titlepos" && prefix_of(*t) != contract::kTitle) {
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) d.add_posting(*t, *p, 0);
        d.add_term(*t, t.get_wdf());
        continue;
      }
      d.add_term(*t, t.get_wdf());
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) d.add_value(v.get_valueno(), *v);
    return d;
  }
  Xapian::Document d = doc;
  std::vector<std::string> drop;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (part == "bands" && term.starts_with(contract::kNearDupBand)) drop.push_back(term);
    if (dropped_prefix(part, prefix_of(term))) drop.push_back(term);
    if (part == "zdup" && term.size() > 1 && term[0] == 'Z' && term[1] >= 'a' && term[1] <= 'z') {
      auto w = doc.termlist_begin();
      w.skip_to(term.substr(1));
      if (w != doc.termlist_end() && *w == term.substr(1)) drop.push_back(term);
    }
  }
  for (const std::string& term : drop) d.remove_term(term);
  return d;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Xapian writer cost per document (documents built first, only the writing timed)"};
  std::string input, docs_kind = "newsindex", part, db_path;
  std::size_t max_articles = 8000;
  unsigned batch = 400;
  app.add_option("--input", input, "JSONL corpus (.zst/.gz ok)")->required();
  app.add_option("--articles", max_articles, "Articles to read")->capture_default_str();
  app.add_option("--docs", docs_kind, "Documents to write")->check(CLI::IsMember({"newsindex", "termgenerator"}))->capture_default_str();
  app.add_option("--without", part, "Drop one part of every document")->check(CLI::IsMember({"positions", "data", "zdup", "bands", "exact", "stems", "parts", "umlaut", "title", "titlepos"}));
  app.add_option("--batch", batch, "Articles per commit")->check(CLI::Range(1u, 1000000u))->capture_default_str();
  app.add_option("--db", db_path, "Database folder to create (default: a temp folder, removed after)");
  CLI11_PARSE(app, argc, argv);

  std::vector<Article> articles;
  auto reader = open_reader(input, "auto", [](const ReadProblem&) {});
  Article a;
  while (articles.size() < max_articles && reader->next(a)) articles.push_back(a);

  const auto t_build = std::chrono::steady_clock::now();
  Analyzer analyzer;
  DocumentBuilder builder(analyzer);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("german2"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::vector<Xapian::Document> docs;
  std::size_t terms = 0;
  for (const Article& art : articles) {
    Xapian::Document d;
    if (docs_kind == "newsindex") {
      d = builder.build(art);
    } else {
      generator.set_document(d);
      generator.index_text(art.title, 1, "S");
      generator.index_text(art.title);
      generator.increase_termpos();
      generator.index_text(art.body);
      d.set_data(encode_stored(art));
      d.add_boolean_term(contract::id_term(identity(art)));
    }
    if (!part.empty()) d = without(d, part);
    terms += d.termlist_count();
    docs.push_back(std::move(d));
  }
  const double build_s = since(t_build);

  const bool temp = db_path.empty();
  if (temp) db_path = (std::filesystem::temp_directory_path() / fmt::format("write-cost-{}", ::getpid())).string();
  std::filesystem::remove_all(db_path);
  const auto t_write = std::chrono::steady_clock::now();
  {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE);
    unsigned pending = 0;
    for (const Xapian::Document& d : docs) {
      db.add_document(d);
      if (++pending >= batch) {
        db.commit();
        pending = 0;
      }
    }
    db.commit();
  }
  const double write_s = since(t_write);
  if (temp) std::filesystem::remove_all(db_path);

  const double n = static_cast<double>(std::max<std::size_t>(docs.size(), 1));
  fmt::print("write_cost: input={} articles={} docs={} without={} batch={}\n", input, docs.size(), docs_kind,
             part.empty() ? "-" : part, batch);
  fmt::print("write_cost: terms/doc {:.1f}; build {:.2f} s ({:.2f} ms/doc); write {:.2f} s ({:.2f} ms/doc)\n",
             terms / n, build_s, build_s * 1000 / n, write_s, write_s * 1000 / n);
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "write_cost: {}\n", e.what());
  return 1;
}
