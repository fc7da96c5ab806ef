// The indexing pipeline's pieces: shard routing, memory plan, bounded queue, progress line,
// and a whole run with several threads and shards (input order per id, counts, stub file).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include <xapian.h>

#include "analyzer.h"
#include "bounded_queue.h"
#include "errors.h"
#include "indexing_run.h"
#include "progress.h"
#include "shard_layout.h"

using namespace newsindex;

TEST_CASE("shard_of is stable and spreads ids", "[indexer]") {
  // Fixed values: a change of the hash would silently move articles to other shards.
  struct Row { const char* term; unsigned shards, want; };
  for (const Row& r : {Row{"Qa", 1, 0}, Row{"Qsample-001", 1, 0}})
    CHECK(shard_of(r.term, r.shards) == r.want);
  CHECK(shard_of("Qsample-001", 4) == shard_of("Qsample-001", 4));
  std::vector<int> counts(4);
  for (int i = 0; i < 4000; ++i) ++counts[shard_of("Qid-" + std::to_string(i), 4)];
  for (int c : counts) CHECK((c > 800 && c < 1200));
}

TEST_CASE("plan_pipeline fits the memory budget", "[indexer]") {
  struct Row { std::uint32_t mb; unsigned threads; };
  for (const Row& r : {Row{1536, 2}, Row{4096, 2}, Row{1024, 1}, Row{8192, 8}}) {
    PipelinePlan p = plan_pipeline(r.mb, r.threads, 1, 0);
    INFO(r.mb << " MB, " << r.threads << " threads: batch " << p.batch_size);
    CHECK(p.batch_size >= 100);
    // Pending batch (about 100 KB per article) plus queues stay within the budget.
    CHECK(std::size_t{p.batch_size} * (100 << 10) + p.article_queue_bytes + p.document_queue_bytes <=
          std::size_t{r.mb} << 20);
  }
  // 500 articles per shard and commit (fastest on fang_covid), unless the budget allows fewer.
  CHECK(plan_pipeline(1536, 2, 1, 0).batch_size == 500);
  CHECK(plan_pipeline(4096, 2, 2, 0).batch_size == 1000);
  CHECK(plan_pipeline(450, 1, 1, 0).batch_size < 500);
  CHECK(plan_pipeline(1536, 2, 1, 777).batch_size == 777);
  CHECK_THROWS_AS(plan_pipeline(256, 8, 1, 0), UsageError);
}

TEST_CASE("BoundedQueue keeps order and blocks when full", "[indexer]") {
  BoundedQueue<int> q(3);
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) q.push(i, 1);
    q.close();
  });
  int expect = 0;
  while (auto v = q.pop()) CHECK(*v == expect++);
  producer.join();
  CHECK(expect == 100);
  BoundedQueue<int> big(10);
  CHECK(big.push(1, 50));  // an item costlier than the capacity passes alone
}

TEST_CASE("progress line shows ETA only when the input size is known", "[indexer]") {
  IndexingSummary s;
  s.added = 1000;
  s.seconds = 10;
  s.input_bytes = 5'000'000;
  CHECK(format_progress(s) == "1000 articles · 100 articles/s · 0.5 MB/s");
  s.total_input_bytes = 20'000'000;
  CHECK(format_progress(s) == "1000 articles · 100 articles/s · 0.5 MB/s · 25% · ETA 0:30");
}

TEST_CASE("a threaded, sharded run keeps the last version of each id", "[indexer]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("newsindex-pipeline-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream f(dir / "in.jsonl");
    for (int round = 0; round < 3; ++round)
      for (int i = 0; i < 300; ++i)
        f << "{\"id\":\"a" << i << "\",\"body\":\"Fassung" << (round == 2 ? "zwei" : "eins") << " Text " << i << "\"}\n";
  }
  Analyzer analyzer;
  IndexingOptions options;
  options.threads = 3;
  options.shards = 3;
  options.batch_size = 50;
  IndexingSummary s = run_indexing((dir / "db").string(), {(dir / "in.jsonl").string()}, analyzer, options, {});
  CHECK(s.added == 300);
  CHECK(s.replaced == 600);
  CHECK(s.articles_in_db == 300);
  CHECK(existing_shard_count((dir / "db").string()) == 3);
  Xapian::Database db((dir / "db").string());  // the stub folder opens as one database
  CHECK(db.get_doccount() == 300);
  CHECK(db.get_termfreq("fassungzwei") == 300);
  CHECK(db.get_termfreq("fassungeins") == 0);
  options.shards = 2;
  CHECK_THROWS_AS(run_indexing((dir / "db").string(), {(dir / "in.jsonl").string()}, analyzer, options, {}), UsageError);
  fs::remove_all(dir);
}
