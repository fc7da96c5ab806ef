#include "article_writer.h"

#include <filesystem>

#include "article.h"
#include "document_builder.h"
#include "index_contract.h"
#include "index_writer.h"
#include "input.h"
#include "shard_layout.h"

namespace newsindex {

namespace {
// Articles per shard between the IndexWriter's own commits while one large body is indexed.
constexpr std::uint32_t kWriterBatch = 500;
}  // namespace

ArticleWriter::ArticleWriter(const std::string& db_path, AnalyzerOptions analysis, std::function<void()> on_commit)
    : analyzer_(std::move(analysis)), on_commit_(std::move(on_commit)) {
  const unsigned shards = std::max(1u, existing_shard_count(db_path));
  for (const std::string& path : shard_paths(db_path, shards))
    writers_.push_back(std::make_unique<IndexWriter>(path, analyzer_.fingerprint(), WriterOptions{kWriterBatch, shards}));
  thread_ = std::thread([this] { run(); });
}

ArticleWriter::~ArticleWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ArticleWriter::run() {
  while (true) {
    std::deque<Job> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      batch.swap(queue_);
    }
    // Everything queued meanwhile runs, then one commit covers it all.
    std::vector<std::exception_ptr> failed(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      try {
        batch[i].work();
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
    std::exception_ptr commit_failed;
    try {
      for (auto& w : writers_) w->commit();
    } catch (...) {
      commit_failed = std::current_exception();
    }
    if (!commit_failed && on_commit_) on_commit_();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (failed[i]) batch[i].done.set_exception(failed[i]);
      else if (commit_failed) batch[i].done.set_exception(commit_failed);
      else batch[i].done.set_value();
    }
  }
}

template <typename Work>
auto ArticleWriter::submit(Work work) {
  Job job{std::move(work), {}};
  std::future<void> done = job.done.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  done.get();  // rethrows what the work or the commit threw
}

WriteSummary ArticleWriter::add_jsonl(std::string body) {
  WriteSummary s;
  submit([&] {
    auto problem = [&](const ReadProblem& p) {
      (p.skipped ? s.skipped : s.warnings)++;
      if (s.problems.size() < kMaxReportedProblems) s.problems.push_back(p);
    };
    ReaderOptions options;
    options.format = "jsonl";
    auto reader = open_reader(InputStream::from_memory("request body", body), options, problem);
    DocumentBuilder builder(analyzer_);
    Article a;
    while (reader->next(a)) {
      const std::string term = contract::id_term(identity(a));
      IndexWriter& w = *writers_[shard_of(term, static_cast<unsigned>(writers_.size()))];
      (w.put(term, builder.build(a)) ? s.replaced : s.added)++;
    }
    for (const auto& w : writers_) s.articles_in_db += w->article_count();
  });
  return s;
}

bool ArticleWriter::remove(const std::string& id) {
  bool removed = false;
  submit([&] {
    const std::string term = contract::id_term(id);
    removed = writers_[shard_of(term, static_cast<unsigned>(writers_.size()))]->remove(term);
  });
  return removed;
}

}  // namespace newsindex
