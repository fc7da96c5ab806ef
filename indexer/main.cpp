// newsindex: add, delete, inspect and analyse. A thin shell over the indexer library; every
// failure is mapped to one line on stderr and a documented exit code here, and only here.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include "analysis_env.h"
#include "analyzer.h"
#include "errors.h"
#include "index_contract.h"
#include "compaction.h"
#include "index_stats.h"
#include "indexing_run.h"
#include "progress.h"
#include "token_format.h"

using namespace newsindex;

namespace {

constexpr const char* kExamples = R"(
Examples:
  newsindex add corpus/sample/articles.jsonl      index a JSONL file into the default database
  newsindex add --db /tmp/news news/ extra.jsonl.zst
  newsindex add --db /srv/news --shards 4 dump.jsonl.zst   four shard databases, searched as one
  newsindex compact --db /srv/news --output /srv/news-merged
  zstd -dc dump.jsonl.zst | newsindex add -        read articles from stdin
  newsindex add feeds/ pages/ crawl.warc.gz         RSS/Atom, HTML, text, WARC: format from name or content
  newsindex add --map body=text,date=published export.csv
  newsindex add --format csv --csv-columns category,body --csv-quote "'" articles.csv
  newsindex delete sample-001                     remove an article by id
  newsindex stats --json                          counts, size, date range, sources
  newsindex analyze "Die TikTok-Übernahme durch Oracle"
  newsindex extract page.html feed.rss            the articles add would index, as JSON Lines (no database)

Exit codes: 0 ok, 1 internal error, 2 usage, 3 some input skipped, 4 environment (database missing/locked/
mismatched, disk full, word list missing).
Default database: $NEWSINDEX_DB, else $XDG_DATA_HOME/newsindex/db, else ~/.local/share/newsindex/db.)";

// The CSV options as ReaderOptions; throws UsageError naming a bad value.
void reader_options_from_cli(ReaderOptions& options, const std::string& field_map, const std::string& csv_columns,
                             const std::string& csv_quote, const std::string& csv_delimiter) {
  try {
    options.field_map = parse_field_map(field_map);
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("--map {}: {}", field_map, e.what()));
  }
  for (std::size_t start = 0; start < csv_columns.size();) {
    std::size_t comma = std::min(csv_columns.find(',', start), csv_columns.size());
    std::string name = csv_columns.substr(start, comma - start);
    std::erase(name, ' ');
    if (name.empty()) throw UsageError(fmt::format("--csv-columns {}: empty column name", csv_columns));
    options.csv_columns.push_back(name);
    start = comma + 1;
  }
  if (!csv_quote.empty()) {
    if (csv_quote.size() != 1) throw UsageError(fmt::format("--csv-quote \"{}\": give one character, e.g. \" or '", csv_quote));
    options.csv_quote = csv_quote[0];
  }
  if (csv_delimiter == "tab" || csv_delimiter == "\\t") options.csv_delimiter = '\t';
  else if (csv_delimiter.size() == 1) options.csv_delimiter = csv_delimiter[0];
  else if (!csv_delimiter.empty())
    throw UsageError(fmt::format("--csv-delimiter \"{}\": give one character or \"tab\"", csv_delimiter));
}

// Everything the command line sets.
struct Cli {
  std::string db = contract::default_database_path();
  std::vector<std::string> inputs, ids;  // add and extract read `inputs`
  IndexingOptions index_options;
  std::string field_map, csv_columns, csv_quote, csv_delimiter;
  std::string compact_output;
  bool stats_json = false;
  std::string text;
  bool analyze_json = false, analyze_compact = false;
};

CLI::App* add_add_command(CLI::App& app, Cli& cli) {
  auto* add = app.add_subcommand("add", "Add or replace articles from files (JSONL, CSV/TSV, RSS/Atom, HTML, text, WARC), folders or - (stdin); .gz/.zst read transparently");
  IndexingOptions& o = cli.index_options;
  add->add_option("--db", cli.db, "Database folder")->capture_default_str();
  std::vector<std::string> formats = known_formats();
  formats.insert(formats.begin(), "auto");
  add->add_option("--format", o.reader.format,
                  "Input format: auto (from the file name, else the first bytes) or " + fmt::format("{}", fmt::join(known_formats(), ", ")))
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  add->add_option("--map", cli.field_map, "CSV columns for article fields: FIELD=COLUMN,... (e.g. body=text,date=published)");
  add->add_option("--csv-columns", cli.csv_columns, "CSV without a header: its columns in order (e.g. category,body)");
  add->add_option("--csv-quote", cli.csv_quote, "CSV quote character (default \")");
  add->add_option("--csv-delimiter", cli.csv_delimiter, "CSV delimiter: one character or \"tab\" (default: detected)");
  add->add_option("--batch", o.batch_size, "Articles per commit, all shards together (default: 500 per shard, capped by --memory-mb)")
      ->check(CLI::Range(1u, 1000000u));
  add->add_option("--threads,-j", o.threads, "Analysis threads (default: one per core)")->check(CLI::Range(1u, 256u));
  add->add_option("--shards", o.shards,
                  "Shard databases DB/shard-NN searched as one through DB/XAPIANDB (default: what DB has, else 1)")
      ->check(CLI::Range(1u, 256u));
  add->add_option("--memory-mb", o.memory_mb, "Peak memory budget; sets batch and queue sizes")
      ->check(CLI::Range(256u, 1048576u))
      ->capture_default_str();
  add->add_flag("--quiet,-q", o.quiet, "Print nothing but errors");
  add->add_option("PATH", cli.inputs, "Files (JSONL, CSV/TSV, RSS/Atom, HTML, text, WARC; .gz/.zst), folders (recursed) or - for stdin")->required();
  return add;
}

int run_add(Cli& cli) {
  IndexingOptions& o = cli.index_options;
  reader_options_from_cli(o.reader, cli.field_map, cli.csv_columns, cli.csv_quote, cli.csv_delimiter);
  Analyzer analyzer(analyzer_options_from_env());
  IndexingCallbacks callbacks;
  // Progress only on a terminal; problems clear the progress line first.
  const bool show_progress = isatty(STDERR_FILENO) != 0 && !o.quiet;
  callbacks.on_problem = [show_progress](const ReadProblem& p) {
    fmt::print(stderr, "{}newsindex: {}{}: {}\n", show_progress ? "\r\033[K" : "", p.skipped ? "" : "warning: ",
               p.where, p.message);
  };
  if (show_progress)
    callbacks.on_progress = [](const IndexingSummary& s) { fmt::print(stderr, "\r\033[K{}", format_progress(s)); };
  IndexingSummary s = run_indexing(cli.db, cli.inputs, analyzer, o, callbacks);
  if (show_progress) fmt::print(stderr, "\r\033[K");
  if (!o.quiet) fmt::print(stderr, "newsindex: {}\n", format_summary(s, cli.db));
  return s.skipped > 0 || s.failed_inputs > 0 ? kExitInputSkipped : kExitOk;
}

// extract: what add would index, printed instead (the same readers, problems and exit codes).
CLI::App* add_extract_command(CLI::App& app, Cli& cli) {
  auto* extract = app.add_subcommand("extract", "Print the articles in files as add would index them (JSON Lines, all fields after metadata); no database");
  std::vector<std::string> formats = known_formats();
  formats.insert(formats.begin(), "auto");
  extract->add_option("--format", cli.index_options.reader.format, "Input format, as for add")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  extract->add_option("--map", cli.field_map, "CSV columns for article fields, as for add");
  extract->add_option("--csv-columns", cli.csv_columns, "CSV without a header: its columns in order");
  extract->add_option("--csv-quote", cli.csv_quote, "CSV quote character (default \")");
  extract->add_option("--csv-delimiter", cli.csv_delimiter, "CSV delimiter: one character or \"tab\"");
  extract->add_option("PATH", cli.inputs, "Files, folders (recursed) or - for stdin")->required();
  return extract;
}

int run_extract(Cli& cli) {
  ReaderOptions& reader_options = cli.index_options.reader;
  reader_options_from_cli(reader_options, cli.field_map, cli.csv_columns, cli.csv_quote, cli.csv_delimiter);
  std::size_t articles = 0, skipped = 0, warnings = 0;
  for (const std::string& file : expand_inputs(cli.inputs)) {
    try {
      auto reader = open_reader(file, reader_options, [&](const ReadProblem& p) {
        ++(p.skipped ? skipped : warnings);
        fmt::print(stderr, "newsindex: {}{}: {}\n", p.skipped ? "" : "warning: ", p.where, p.message);
      });
      Article a;
      while (reader->next(a)) {
        a.id = identity(a);
        std::cout << to_json(a) << '\n';
        ++articles;
      }
    } catch (const InputError& e) {
      ++skipped;
      const ReadProblem p = input_failed(file, e);
      fmt::print(stderr, "newsindex: {}: {}\n", p.where, p.message);
    }
  }
  std::cout.flush();
  fmt::print(stderr, "newsindex: extracted {} articles, skipped {}, warnings {}\n", articles, skipped, warnings);
  return skipped > 0 ? kExitInputSkipped : kExitOk;
}

int run_delete(const Cli& cli) {
  Analyzer analyzer(analyzer_options_from_env());
  std::vector<std::string> missing = delete_articles(cli.db, cli.ids, analyzer.fingerprint());
  for (const std::string& id : missing) fmt::print(stderr, "newsindex: no article with id \"{}\"\n", id);
  fmt::print(stderr, "newsindex: deleted {} of {} articles\n", cli.ids.size() - missing.size(), cli.ids.size());
  return missing.empty() ? kExitOk : kExitInputSkipped;
}

int run_compact(const Cli& cli) {
  CompactionResult r = compact_index(cli.db, cli.compact_output);
  const auto mb = [](std::uint64_t b) { return static_cast<double>(b) / 1e6; };
  fmt::print(stderr,
             "newsindex: compacted {} articles ({} shard{} → {}) in {:.1f} s: {:.1f} MB → {:.1f} MB ({:.0f}%); "
             "{:.2f} × the {:.1f} MB of stored article text; {}\n",
             r.articles, r.shards_before, r.shards_before == 1 ? "" : "s", r.shards_after, r.seconds,
             mb(r.bytes_before), mb(r.bytes_after), 100.0 * r.bytes_after / std::max<std::uint64_t>(r.bytes_before, 1),
             static_cast<double>(r.bytes_after) / std::max<std::uint64_t>(r.stored_text_bytes, 1),
             mb(r.stored_text_bytes), r.output);
  return kExitOk;
}

int run_stats(const Cli& cli) {
  Xapian::Database database = open_index(cli.db);
  IndexStats s = collect_stats(database, cli.db);
  std::cout << (cli.stats_json ? format_stats_json(s) + "\n" : format_stats_text(s));
  return kExitOk;
}

int run_analyze(const Cli& cli) {
  Analyzer analyzer(analyzer_options_from_env());
  const Analysis tokens = analyzer.analyze(cli.text);
  if (cli.analyze_json) std::cout << format_tokens_json(tokens.tokens()) << "\n";
  else if (cli.analyze_compact) std::cout << format_tokens(tokens.tokens()) << "\n";
  else std::cout << format_tokens_table(tokens.tokens());
  return kExitOk;
}

int run(int argc, char** argv) {
  CLI::App app{"newsindex — index German news articles into a Xapian database"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("newsindex ") + NEWSINDEX_VERSION);
  app.require_subcommand(1);
  Cli cli;
  auto* add = add_add_command(app, cli);
  auto* extract = add_extract_command(app, cli);

  auto* del = app.add_subcommand("delete", "Delete articles by id");
  del->add_option("--db", cli.db, "Database folder")->capture_default_str();
  del->add_option("ID", cli.ids, "Article ids")->required();

  auto* compact = app.add_subcommand("compact", "Rewrite the database compactly (in place, or merged into --output)");
  compact->add_option("--db", cli.db, "Database folder")->capture_default_str();
  compact->add_option("--output,-o", cli.compact_output, "New database merging all shards (default: compact in place)");

  auto* stats = app.add_subcommand("stats", "Articles, terms, size on disk, date range, sources");
  stats->add_option("--db", cli.db, "Database folder")->capture_default_str();
  stats->add_flag("--json", cli.stats_json, "Machine-readable output");

  auto* analyze = app.add_subcommand("analyze", "Show what the analysis chain makes of TEXT (as indexing and search use it)");
  analyze->add_flag("--json", cli.analyze_json, "One JSON object per token");
  analyze->add_flag("--compact", cli.analyze_compact, "One line: folded/stem@position, +parts, ~variants, ! stop words");
  analyze->add_option("TEXT", cli.text, "Text to analyse")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (*add) return run_add(cli);
  if (*extract) return run_extract(cli);
  if (*del) return run_delete(cli);
  if (*compact) return run_compact(cli);
  if (*stats) return run_stats(cli);
  if (*analyze) return run_analyze(cli);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  return run_guarded("newsindex", [&] { return run(argc, argv); });
}
