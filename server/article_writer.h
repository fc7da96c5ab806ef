// newsserve's write path: one writer thread owns the database's writers (and so its lock) for the
// server's lifetime; requests queue their work and wait, and everything queued meanwhile is
// committed together, after which searches are told to reopen.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analyzer.h"
#include "reader.h"

namespace newsindex {

class IndexWriter;

// What one POST of articles did: the counts of `newsindex add` and its problem lines.
struct WriteSummary {
  std::uint64_t added = 0, replaced = 0, skipped = 0, warnings = 0;  // articles new, replaced; lines skipped, warned about
  std::vector<ReadProblem> problems;  // the first kMaxReportedProblems, "request body:LINE: reason"
  std::uint64_t articles_in_db = 0;   // articles in the database after the write
};

// Problem lines reported per POST at most (all are counted).
inline constexpr std::size_t kMaxReportedProblems = 100;

class ArticleWriter {
 public:
  // Opens (creating when missing) every shard of the database at db_path and keeps them open:
  // another writer process gets the lock error meanwhile. Throws IndexError when locked, read-only
  // or of another analysis chain. on_commit runs on the writer thread after every commit.
  ArticleWriter(const std::string& db_path, AnalyzerOptions analysis, std::function<void()> on_commit);
  ~ArticleWriter();  // finishes queued work, commits, stops the thread

  // Indexes a JSON Lines body with the readers of `newsindex add` (each bad line a problem, the
  // rest indexed); returns once it is committed. Throws IndexError when the commit fails.
  WriteSummary add_jsonl(std::string body);
  // Deletes the article with this id; false when there was none. Returns once committed.
  bool remove(const std::string& id);

 private:
  struct Job {
    std::function<void()> work;
    std::promise<void> done;
  };
  void run();
  template <typename Work>
  auto submit(Work work);

  Analyzer analyzer_;
  std::vector<std::unique_ptr<IndexWriter>> writers_;
  std::function<void()> on_commit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace newsindex
