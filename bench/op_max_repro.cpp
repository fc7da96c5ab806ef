// Reproduces a crash of Xapian 1.4.22's matcher (Debian 12 libxapian30 1.4.22-1), found while
// measuring issue 17's "OP_MAX over a query word's alternatives": an OP_OR over five or more
// OP_MAX subqueries, each OP_MAX(word, "Z" + german stem), crashes (SIGSEGV in Enquire::get_mset)
// on newsindex's FANG-COVID bodies index; four subqueries run (README, ranking fourth round).
// Plain Xapian API only: no newsindex code is involved.
//   build/bench/op_max_repro --db DB WORD...        exit 0 and the top hit count if the match runs
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <xapian.h>

int main(int argc, char** argv) {
  CLI::App app{"OP_OR of OP_MAX(word, Zstem) per word, matched once (Xapian 1.4.22 crash reproducer)"};
  std::string db_path;
  std::vector<std::string> words;
  app.add_option("--db", db_path, "Xapian database")->required();
  app.add_option("words", words, "lower-case words")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    Xapian::Database db(db_path);
    Xapian::Stem stem("german");
    std::vector<Xapian::Query> per_word;
    for (const std::string& w : words) {
      const Xapian::Query alternatives[] = {Xapian::Query(w), Xapian::Query("Z" + stem(w))};
      per_word.emplace_back(Xapian::Query::OP_MAX, alternatives, alternatives + 2);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, per_word.begin(), per_word.end()));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    fmt::print("{} words: {} hits shown, about {} matches\n", words.size(), mset.size(), mset.get_matches_estimated());
    return 0;
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "op_max_repro: {}\n", e.get_description());
    return 1;
  }
}
