// The synthetic corpus generator: text splitting, sampling, training, the model file, and the
// properties a synthetic corpus must have (deterministic, valid, shaped like the model).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <zstd.h>

#include "reader.h"
#include "synth_generator.h"
#include "synth_model.h"
#include "synth_random.h"
#include "synth_text.h"
#include "synth_trainer.h"
#include "test_support.h"

using namespace newsindex;
using namespace newsindex::synth;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {

const std::string kSample = std::string(NEWSINDEX_SOURCE_DIR) + "/corpus/sample/articles.jsonl";

// The model trained on our sample corpus, once per test run.
const SynthModel& sample_model() {
  static const SynthModel model = [] {
    TrainOptions options;
    options.min_bigram_count = 1;
    ModelTrainer trainer(options);
    auto reader = open_reader(kSample, "auto", [](const ReadProblem&) {});
    Article a;
    while (reader->next(a)) trainer.add(a);
    return trainer.finish();
  }();
  return model;
}

std::string generate(const SynthModel& model, std::uint64_t seed, int n, GeneratorOptions options = {}) {
  Generator g(model, seed, options);
  std::string out;
  for (int i = 0; i < n; ++i) append_jsonl(g.next(), out);
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string joined_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  tokenize(text, tokens);
  std::string out;
  for (auto t : tokens) out += (out.empty() ? "" : "|") + std::string(t);
  return out;
}

}  // namespace

TEST_CASE("tokens: words, attached punctuation runs, abbreviations and ordinals", "[corpus][synth]") {
  struct Row {
    const char* text;
    const char* tokens;
  } rows[] = {
      {"Der Konzern legte zu.", "Der|Konzern|legte|zu|."},
      {"„frühen, aber konstruktiven Verhandlungen“.", "„frühen|,|aber|konstruktiven|Verhandlungen|“."},
      {"Washington (Reuters) – Der", "Washington|(Reuters|)|–|Der"},
      {"u. a. um die z.B. Daten", "u.|a.|um|die|z.B.|Daten"},
      {"am 15. September 2025.", "am|15.|September|2025|."},
      {"Dr. Müller fragt: Warum?", "Dr.|Müller|fragt|:|Warum|?"},
      {"  ", ""},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(joined_tokens(row.text) == row.tokens);
  }
  CHECK(is_punctuation("“."));
  CHECK(ends_sentence("?"));
  CHECK_FALSE(ends_sentence(","));
  CHECK_FALSE(is_punctuation("Euro"));
  CHECK(is_noun_like("Übernahme"));
  CHECK_FALSE(is_noun_like("über"));
  CHECK(lower_first("Übernahme") == "übernahme");
  CHECK(paragraphs("eins\n\n  zwei \n").size() == 2);
}

TEST_CASE("random numbers are fixed by the seed and alias draws follow the weights", "[corpus][synth]") {
  Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t x = a.next();
    CHECK(x == b.next());
    differs |= x != c.next();
  }
  CHECK(differs);
  // xoshiro256** seeded by splitmix64(0), computed independently (Python): a change of the
  // generator would silently change every synthetic corpus.
  CHECK(Rng(0).next() == 0x99ec5f36cb75f2b4ULL);
  Rng r(7);
  for (int i = 0; i < 1000; ++i) CHECK(r.below(10) < 10);

  const std::vector<double> weights = {0, 1, 2, 7};
  AliasTable table(weights);
  std::vector<int> seen(4, 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++seen[table.draw(r)];
  CHECK(seen[0] == 0);
  for (int i = 1; i < 4; ++i) CHECK(std::abs(seen[i] / double(n) - weights[i] / 10.0) < 0.01);
  CHECK_THROWS(AliasTable(std::vector<double>{0, 0}));
}

TEST_CASE("training learns the sample corpus's shape", "[corpus][synth]") {
  const SynthModel& m = sample_model();
  CHECK(m.articles == 60);
  CHECK(m.body_tokens > 4000);
  CHECK(m.hapax_words > 1000);
  CHECK(m.heaps_beta > 0.5);
  CHECK(m.heaps_beta < 1.0);
  CHECK(m.duplicate_rate == Approx(1.0 / 60));  // the sample holds one wire copy
  CHECK(m.paragraph_separator == "\n\n");
  CHECK(m.first_day <= m.last_day);
  CHECK(m.sources.size() >= 6);
  CHECK(m.cache_rate > 0);
  CHECK(m.body_words.mean() > 60);
  CHECK(m.body_words.mean() < 120);
}

TEST_CASE("the same seed gives the same bytes, another seed other bytes", "[corpus][synth]") {
  const std::string first = generate(sample_model(), 7, 300);
  CHECK(first == generate(sample_model(), 7, 300));
  CHECK(first != generate(sample_model(), 8, 300));
  // A prefix of a longer run is the shorter run: generation does not depend on N.
  CHECK(generate(sample_model(), 7, 500).substr(0, first.size()) == first);
}

TEST_CASE("every line is JSON with all fields and there are N articles exactly", "[corpus][synth]") {
  const SynthModel& m = sample_model();
  std::set<std::string> sources;
  for (const auto& s : m.sources) sources.insert(s.source);
  const std::vector<std::string> out = lines(generate(m, 3, 1000));
  REQUIRE(out.size() == 1000);
  for (std::size_t i = 0; i < out.size(); ++i) {
    INFO(out[i].substr(0, 200));
    const auto j = nlohmann::json::parse(out[i]);
    for (const char* field : {"id", "title", "body", "date", "source", "url", "category"}) REQUIRE(j.at(field).is_string());
    CHECK(j["id"] == "synth-3-" + std::to_string(i + 1));
    CHECK(!j["body"].get<std::string>().empty());
    CHECK(!j["title"].get<std::string>().empty());
    CHECK(sources.count(j["source"].get<std::string>()) == 1);
    const std::string date = j["date"];
    CHECK((date.empty() || (date.substr(0, 10) >= m.first_day && date.substr(0, 10) <= m.last_day)));
    CHECK(j["url"].get<std::string>().rfind("https://", 0) == 0);
  }
}

TEST_CASE("lengths, burstiness and vocabulary growth follow the model", "[corpus][synth]") {
  const SynthModel& m = sample_model();
  Generator g(m, 11);
  double words = 0, content = 0, repeats = 0;
  std::set<std::string> vocabulary;
  const int n = 3000;
  std::vector<std::string_view> tokens;
  for (int i = 0; i < n; ++i) {
    const Article a = g.next();
    std::set<std::string> in_article;
    for (auto p : paragraphs(a.body)) {
      tokens.clear();
      tokenize(p, tokens);
      for (auto t : tokens) {
        if (is_punctuation(t)) continue;
        ++words;
        vocabulary.emplace(t);
        if (!is_content_word(t)) continue;
        ++content;
        repeats += in_article.emplace(t).second ? 0 : 1;
      }
    }
  }
  CHECK(words / n == Approx(m.body_words.mean()).epsilon(0.10));
  CHECK(repeats / content == Approx(m.content_repeat_rate).margin(0.04));
  // New words keep coming after the model's vocabulary is used up (Heaps), but sublinearly.
  CHECK(vocabulary.size() > 3 * m.body.words.size());
  CHECK(static_cast<double>(vocabulary.size()) < 0.5 * words);
}

TEST_CASE("near-duplicate copies come at the configured rate", "[corpus][synth]") {
  struct Row {
    double rate;
    double low, high;
  } rows[] = {{0.0, 0.0, 0.0}, {0.1, 0.08, 0.12}, {0.3, 0.26, 0.34}};
  for (const Row& row : rows) {
    INFO("rate " << row.rate);
    Generator g(sample_model(), 5, GeneratorOptions{row.rate, -1});
    PrefixDuplicates detector;
    int copies = 0, other_source = 0;
    const int n = 3000;
    std::map<std::string, std::string> source_of_body_start;
    for (int i = 0; i < n; ++i) {
      const Article a = g.next();
      const std::string start = a.body.substr(0, PrefixDuplicates::kPrefixBytes);
      if (detector.seen_before(a.body)) {
        ++copies;
        other_source += source_of_body_start[start] != a.source ? 1 : 0;
      } else {
        source_of_body_start[start] = a.source;
      }
    }
    CHECK(copies / double(n) >= row.low);
    CHECK(copies / double(n) <= row.high);
    CHECK(other_source >= copies * 0.8);
  }
}

TEST_CASE("train, save, load: the same model and the same output", "[corpus][synth]") {
  TempDir dir;
  const std::string path = dir.file("sample.model");
  save_model(sample_model(), path);
  const SynthModel loaded = load_model(path);
  const SynthModel& m = sample_model();
  CHECK(loaded.body.words == m.body.words);
  CHECK(loaded.body.counts == m.body.counts);
  CHECK(loaded.body.followers == m.body.followers);
  CHECK(loaded.body.successor_ids == m.body.successor_ids);
  CHECK(loaded.body.successor_counts == m.body.successor_counts);
  CHECK(loaded.title.words == m.title.words);
  CHECK(loaded.body_words.points == m.body_words.points);
  CHECK(loaded.months == m.months);
  CHECK(loaded.sources.size() == m.sources.size());
  CHECK(loaded.cache_rate == m.cache_rate);
  CHECK(loaded.duplicate_rate == m.duplicate_rate);
  CHECK(generate(loaded, 9, 200) == generate(m, 9, 200));
  // The shipped model is this model (retrain it with scripts/train-models when training changes).
  const SynthModel shipped = load_model(std::string(NEWSINDEX_SOURCE_DIR) + "/corpus/models/sample.model");
  CHECK(generate(shipped, 9, 50) == generate(m, 9, 50));
}

TEST_CASE("a damaged, foreign or missing model is refused naming the file", "[corpus][synth]") {
  TempDir dir;
  const std::string good = dir.file("good.model");
  save_model(sample_model(), good);
  std::ifstream in(good, std::ios::binary);
  const std::string packed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string text(ZSTD_getFrameContentSize(packed.data(), packed.size()), '\0');
  text.resize(ZSTD_decompress(text.data(), text.size(), packed.data(), packed.size()));
  REQUIRE(text.rfind("newscorpus-model\t1\n", 0) == 0);

  std::string bad_number = text;
  bad_number.replace(bad_number.find("articles\t60"), 11, "articles\tsixty");
  struct Row {
    const char* name;
    std::string bytes;
    const char* message;
  } rows[] = {
      {"foreign.model", "{\"id\": \"sample-001\"}\n", "not a newscorpus model"},
      {"empty.model", "", "not a newscorpus model"},
      {"future.model", "newscorpus-model\t99\nend\n", "format 99 is not supported"},
      {"cut.model", text.substr(0, text.size() / 2), "damaged newscorpus model"},
      {"cut-compressed.model", packed.substr(0, packed.size() / 2), "truncated zstd"},
      {"bad-number.model", bad_number, "\"sixty\" is not a number"},
      {"no-end.model", text.substr(0, text.rfind("end\n")), "ends early"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const std::string path = dir.file(row.name);
    write_file(path, row.bytes);
    try {
      load_model(path);
      FAIL("loaded a bad model");
    } catch (const ModelError& e) {
      CHECK_THAT(e.what(), Catch::Contains(row.message) && Catch::Contains(path));
    }
  }
  CHECK_THROWS_AS(load_model(dir.file("missing.model")), ModelError);
  CHECK(load_model(dir.file("good.model")).articles == 60);
}
