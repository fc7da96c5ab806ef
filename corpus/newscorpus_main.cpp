// newscorpus: learn the shape of a real news corpus and write synthetic German-news-like corpora of
// any size from it. A thin shell over the corpus library; every failure becomes one line on stderr
// and a documented exit code here, and only here.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "index_contract.h"
#include "corpus_stats.h"
#include "errors.h"
#include "reader.h"
#include "synth_generator.h"
#include "synth_model.h"
#include "synth_text.h"
#include "synth_trainer.h"

using namespace newsindex;

namespace {

constexpr const char* kExamples = R"(
Examples:
  newscorpus train ../shared/corpus/fang_covid.jsonl.zst -o build/models/fang.model
  newscorpus synth --model corpus/models/sample.model --articles 1000 --seed 7 -o synth.jsonl
  newscorpus synth --model fang.model --articles 1000000 --seed 1 | zstd -q > synth.jsonl.zst
  newscorpus stats synth.jsonl                          vocabulary, Heaps/Zipf fit, lengths
  newscorpus stats --at 1000,10000,40000 real.jsonl.zst

The same model and seed always give byte-identical output. Ids are synth-<seed>-<n>.
Exit codes: 0 ok, 1 internal error, 2 usage, 3 input skipped (unreadable corpus or model, skipped lines),
4 environment (output not writable, word list missing).)";

// Reads every article of the inputs, reporting unusable lines; returns how many were skipped.
template <typename Consumer>
std::uint64_t read_corpus(const std::vector<std::string>& paths, const std::string& format, Consumer&& consume) {
  std::uint64_t skipped = 0;
  ProblemSink on_problem = [&](const ReadProblem& p) {
    skipped += p.skipped ? 1 : 0;
    if (p.skipped) fmt::print(stderr, "newscorpus: {}: {}\n", p.where, p.message);
  };
  for (const std::string& path : expand_inputs(paths)) {
    auto reader = open_reader(path, format, on_problem);
    Article a;
    while (reader->next(a)) consume(a);
  }
  return skipped;
}

std::vector<std::uint64_t> parse_checkpoints(const std::string& text) {
  std::vector<std::uint64_t> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = text.substr(pos, comma - pos);
    try {
      std::size_t used = 0;
      out.push_back(std::stoull(item, &used));
      if (used != item.size()) throw std::invalid_argument(item);
    } catch (const std::logic_error&) {
      throw UsageError(fmt::format("--at: \"{}\" is not a number (want e.g. 1000,10000,40000)", item));
    }
    pos = comma + 1;
  }
  return out;
}

// Everything the command line sets.
struct Cli {
  std::vector<std::string> corpus;
  std::string model_out, format = "auto";
  synth::TrainOptions train_options;
  std::string model_path, output = "-";
  std::uint64_t articles = 0, seed = 1;
  double duplicate_rate = -1;
  std::vector<std::string> stats_inputs;
  std::string at = "1000,10000,100000,1000000";
};

int run_train(Cli& cli) {
  const auto start = std::chrono::steady_clock::now();
  synth::ModelTrainer trainer(cli.train_options);
  std::string names;
  for (const std::string& p : cli.corpus) names += (names.empty() ? "" : ",") + std::filesystem::path(p).filename().string();
  trainer.set_trained_on(names);
  const std::uint64_t skipped = read_corpus(cli.corpus, cli.format, [&](const Article& a) { trainer.add(a); });
  if (trainer.articles() == 0) {
    fmt::print(stderr, "newscorpus: no usable articles in {}\n", fmt::join(cli.corpus, " "));
    return kExitInputSkipped;
  }
  const synth::SynthModel model = trainer.finish();
  synth::save_model(model, cli.model_out);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::size_t distinct = 0;
  for (std::size_t id = 2; id < model.body.words.size(); ++id) distinct += synth::is_punctuation(model.body.words[id]) ? 0 : 1;
  fmt::print(stderr,
             "newscorpus: learned {} articles ({} body words, {} distinct; Heaps beta {:.3f}; near-duplicates {:.2f}%; "
             "{} source/category pairs) in {:.1f} s; wrote {} ({} bytes)\n",
             model.articles, model.body_tokens, distinct, model.heaps_beta, 100 * model.duplicate_rate,
             model.sources.size(), seconds, cli.model_out, std::filesystem::file_size(cli.model_out));
  return skipped > 0 ? kExitInputSkipped : kExitOk;
}

int run_synth(const Cli& cli) {
  const synth::SynthModel model = synth::load_model(cli.model_path);
  synth::Generator generator(model, cli.seed, synth::GeneratorOptions{cli.duplicate_rate, -1});
  std::FILE* out = stdout;
  if (cli.output != "-") {
    out = std::fopen(cli.output.c_str(), "wb");
    if (!out) throw EnvironmentError(fmt::format("{}: cannot write: {}", cli.output, std::strerror(errno)));
  }
  std::string buffer;
  buffer.reserve(1 << 21);
  bool ok = true;
  for (std::uint64_t i = 0; i < cli.articles && ok; ++i) {
    synth::append_jsonl(generator.next(), buffer);
    if (buffer.size() >= (1 << 20)) {
      ok = std::fwrite(buffer.data(), 1, buffer.size(), out) == buffer.size();
      buffer.clear();
    }
  }
  if (ok && !buffer.empty()) ok = std::fwrite(buffer.data(), 1, buffer.size(), out) == buffer.size();
  ok = std::fflush(out) == 0 && ok;
  const int error = errno;
  if (out != stdout) ok = std::fclose(out) == 0 && ok;
  if (!ok) throw EnvironmentError(fmt::format("{}: cannot write: {}", cli.output == "-" ? "<stdout>" : cli.output, std::strerror(error)));
  return kExitOk;
}

int run_stats(const Cli& cli) {
  synth::CorpusStats collector(parse_checkpoints(cli.at));
  const std::uint64_t skipped = read_corpus(cli.stats_inputs, "auto", [&](const Article& a) { collector.add(a); });
  std::cout << synth::format_summary(collector.summary());
  return skipped > 0 ? kExitInputSkipped : kExitOk;
}

int run(int argc, char** argv) {
  CLI::App app{"newscorpus — learn a news corpus's statistics and write synthetic German news corpora"};
  app.footer(kExamples);
  app.set_version_flag("--version", std::string("newscorpus ") + NEWSINDEX_VERSION);
  app.require_subcommand(1);
  Cli cli;

  auto* train = app.add_subcommand("train", "Learn a model from real articles (JSONL files or folders, .gz/.zst, - for stdin)");
  train->add_option("CORPUS", cli.corpus, "JSONL files, folders (recursed) or -")->required();
  train->add_option("-o,--output", cli.model_out, "Model file to write")->required();
  train->add_option("--format", cli.format, "Input format")->check(CLI::IsMember({"auto", "jsonl"}))->capture_default_str();
  train->add_option("--min-bigram", cli.train_options.min_bigram_count, "Keep bigrams seen at least this often")
      ->check(CLI::Range(1u, 1000000u))->capture_default_str();

  auto* synth_cmd = app.add_subcommand("synth", "Write synthetic articles as JSONL");
  synth_cmd->add_option("--model", cli.model_path, "Model file from `newscorpus train`")->required();
  synth_cmd->add_option("--articles,-n", cli.articles, "How many articles")->required();
  synth_cmd->add_option("--seed", cli.seed, "Seed: the same seed gives the same bytes")->capture_default_str();
  synth_cmd->add_option("-o,--output", cli.output, "Output file, - for stdout")->capture_default_str();
  synth_cmd->add_option("--duplicate-rate", cli.duplicate_rate, "Share of near-duplicate wire copies (default: the model's)")
      ->check(CLI::Range(0.0, 1.0));

  auto* stats = app.add_subcommand("stats", "Vocabulary size and growth, Heaps/Zipf fit, lengths, sources, near-duplicates");
  stats->add_option("FILE", cli.stats_inputs, "JSONL files, folders or -")->required();
  stats->add_option("--at", cli.at, "Report the vocabulary after these article counts")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (*train) return run_train(cli);
  if (*synth_cmd) return run_synth(cli);
  if (*stats) return run_stats(cli);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  return run_guarded("newscorpus", [&] { return run(argc, argv); });
}
