// newsindex: add, delete, inspect and analyse. A thin shell over the indexer library; every
// failure is mapped to one line on stderr and a documented exit code here, and only here.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include "analysis_env.h"
#include "analyzer.h"
#include "exit_codes.h"
#include "index_contract.h"
#include "index_stats.h"
#include "indexing_run.h"
#include "token_format.h"

using namespace newsindex;

namespace {

constexpr const char* kExamples = R"(
Examples:
  newsindex add corpus/sample/articles.jsonl      index a JSONL file into the default database
  newsindex add --db /tmp/news news/ extra.jsonl.zst
  zstd -dc dump.jsonl.zst | newsindex add -        read articles from stdin
  newsindex delete sample-001                     remove an article by id
  newsindex stats --json                          counts, size, date range, sources
  newsindex analyze "Die TikTok-Übernahme durch Oracle"

Exit codes: 0 ok, 1 internal error, 2 usage, 3 some input skipped, 4 database missing/locked/mismatched.
Default database: $NEWSINDEX_DB, else $XDG_DATA_HOME/newsindex/db, else ~/.local/share/newsindex/db.)";

int run(int argc, char** argv) {
  CLI::App app{"newsindex — index German news articles into a Xapian database"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("newsindex ") + NEWSINDEX_VERSION);
  app.require_subcommand(1);

  std::string db = contract::default_database_path();

  auto* add = app.add_subcommand("add", "Add or replace articles from JSONL files, folders or - (stdin); .gz/.zst read transparently");
  std::vector<std::string> inputs;
  IndexingOptions index_options;
  add->add_option("--db", db, "Database folder")->capture_default_str();
  add->add_option("--format", index_options.format, "Input format: auto (from the file name) or jsonl")
      ->check(CLI::IsMember({"auto", "jsonl"}))
      ->capture_default_str();
  add->add_option("--batch", index_options.batch_size, "Articles per commit")->check(CLI::Range(1u, 1000000u))->capture_default_str();
  add->add_flag("--quiet,-q", index_options.quiet, "Print nothing but errors");
  add->add_option("PATH", inputs, "JSONL files, folders (recursed) or - for stdin")->required();

  auto* del = app.add_subcommand("delete", "Delete articles by id");
  std::vector<std::string> ids;
  del->add_option("--db", db, "Database folder")->capture_default_str();
  del->add_option("ID", ids, "Article ids")->required();

  auto* stats = app.add_subcommand("stats", "Articles, terms, size on disk, date range, sources");
  bool stats_json = false;
  stats->add_option("--db", db, "Database folder")->capture_default_str();
  stats->add_flag("--json", stats_json, "Machine-readable output");

  auto* analyze = app.add_subcommand("analyze", "Show what the analysis chain makes of TEXT (as indexing and search use it)");
  std::string text;
  bool analyze_json = false, analyze_compact = false;
  analyze->add_flag("--json", analyze_json, "One JSON object per token");
  analyze->add_flag("--compact", analyze_compact, "One line: folded/stem@position, +parts, ~variants, ! stop words");
  analyze->add_option("TEXT", text, "Text to analyse")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  if (*add) {
    Analyzer analyzer(analyzer_options_from_env());
    const bool tty = isatty(STDERR_FILENO) != 0;
    IndexingCallbacks callbacks;
    callbacks.on_problem = [](const ReadProblem& p) {
      fmt::print(stderr, "newsindex: {}{}: {}\n", p.skipped ? "" : "warning: ", p.where, p.message);
    };
    if (tty && !index_options.quiet) {
      callbacks.on_progress = [](const IndexingSummary& s) {
        fmt::print(stderr, "\r{} articles, {:.0f} articles/s, {:.1f} MB/s   ", s.indexed(),
                   s.indexed() / std::max(s.seconds, 1e-9), s.input_bytes / 1e6 / std::max(s.seconds, 1e-9));
      };
    }
    IndexingSummary s = run_indexing(db, inputs, analyzer, index_options, callbacks);
    if (tty && !index_options.quiet) fmt::print(stderr, "\r\033[K");
    if (!index_options.quiet) {
      fmt::print(stderr,
                 "newsindex: indexed {} articles ({} new, {} replaced), skipped {}, warnings {}{} in {:.1f} s "
                 "({:.1f} MB/s); {} now holds {} articles\n",
                 s.indexed(), s.added, s.replaced, s.skipped, s.warnings,
                 s.failed_inputs ? fmt::format(", unreadable inputs {}", s.failed_inputs) : std::string(), s.seconds,
                 s.input_bytes / 1e6 / std::max(s.seconds, 1e-9), db, s.articles_in_db);
    }
    return s.skipped > 0 || s.failed_inputs > 0 ? kExitBadInput : kExitOk;
  }
  if (*del) {
    Analyzer analyzer(analyzer_options_from_env());
    std::vector<std::string> missing = delete_articles(db, ids, analyzer.fingerprint());
    for (const std::string& id : missing) fmt::print(stderr, "newsindex: no article with id \"{}\"\n", id);
    fmt::print(stderr, "newsindex: deleted {} of {} articles\n", ids.size() - missing.size(), ids.size());
    return missing.empty() ? kExitOk : kExitBadInput;
  }
  if (*stats) {
    Xapian::Database database = open_index(db);
    IndexStats s = collect_stats(database, db);
    std::cout << (stats_json ? format_stats_json(s) + "\n" : format_stats_text(s));
    return kExitOk;
  }
  if (*analyze) {
    Analyzer analyzer(analyzer_options_from_env());
    std::vector<Token> tokens = analyzer.analyze(text);
    if (analyze_json) std::cout << format_tokens_json(tokens) << "\n";
    else if (analyze_compact) std::cout << format_tokens(tokens) << "\n";
    else std::cout << format_tokens_table(tokens);
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) try {
  return run(argc, argv);
} catch (const UsageError& e) {
  fmt::print(stderr, "newsindex: {}\n", e.what());
  return kExitUsage;
} catch (const IndexError& e) {
  fmt::print(stderr, "newsindex: {}\n", e.what());
  return kExitIndexProblem;
} catch (const InputError& e) {
  fmt::print(stderr, "newsindex: {}\n", e.what());
  return kExitBadInput;
} catch (const Xapian::Error& e) {
  fmt::print(stderr, "newsindex: database error: {}\n", e.get_description());
  return kExitIndexProblem;
} catch (const std::exception& e) {
  fmt::print(stderr, "newsindex: {}\n", e.what());
  return kExitInternal;
}
