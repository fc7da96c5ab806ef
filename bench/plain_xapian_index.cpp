// The baseline indexer of bench/index_throughput.sh: what one writes with Xapian in an
// afternoon. Single thread, TermGenerator with the Snowball "german2" stemmer (STEM_SOME), title
// and body, the JSON line stored as data, one replace_document per article by its id term,
// Xapian's default flushing (XAPIAN_FLUSH_THRESHOLD, 10,000 documents) and one final commit.
//   plain_xapian_index --db DIR FILE.jsonl
// Prints its parameters and a sanity count (articles, distinct terms) so a fast wrong run shows.
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

int main(int argc, char** argv) try {
  CLI::App app{"Baseline: plain Xapian TermGenerator + german2 indexer"};
  std::string db_path, input;
  app.add_option("--db", db_path, "Database folder to create")->required();
  app.add_option("INPUT", input, "Plain JSONL (id, title, body)")->required();
  CLI11_PARSE(app, argc, argv);
  fmt::print(stderr, "plain_xapian_index: db={} input={} stemmer=german2 stem=STEM_SOME flush=default\n", db_path, input);

  const auto t0 = std::chrono::steady_clock::now();
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("german2"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::ifstream in(input);
  if (!in) throw std::runtime_error(input + ": cannot open");
  std::string line;
  std::size_t articles = 0, bytes = 0, bad = 0;
  while (std::getline(in, line)) {
    bytes += line.size() + 1;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("body")) {
      ++bad;
      continue;
    }
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(j.value("title", ""), 1, "S");
    tg.index_text(j.value("title", ""));
    tg.increase_termpos();
    tg.index_text(j.value("body", ""));
    doc.set_data(line);
    const std::string id = "Q" + j.value("id", std::to_string(articles)).substr(0, 200);
    doc.add_boolean_term(id);
    db.replace_document(id, doc);
    ++articles;
  }
  db.commit();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::size_t terms = 0;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++terms;
  fmt::print("plain_xapian_index: {} articles ({} bad lines), {} distinct terms, {:.1f} MB in {:.1f} s ({:.2f} MB/s)\n",
             articles, bad, terms, bytes / 1e6, secs, bytes / 1e6 / secs);
  return 0;
} catch (const Xapian::Error& e) {
  std::cerr << "plain_xapian_index: " << e.get_description() << "\n";
  return 1;
} catch (const std::exception& e) {
  std::cerr << "plain_xapian_index: " << e.what() << "\n";
  return 1;
}
