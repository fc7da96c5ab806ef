#include "indexing_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "bounded_queue.h"
#include "document_builder.h"
#include "errors.h"
#include "index_contract.h"
#include "index_writer.h"
#include "segments.h"
#include "shard_layout.h"
#include "story_index.h"

namespace newsindex {

namespace {

using Clock = std::chrono::steady_clock;

// Measured on fang_covid (8,000 articles of 6.7 KB on average, /usr/bin/time -v): peak RSS grew
// by about 90 KB per article of the pending batch (Xapian's in-memory postings, positions and
// stored data until the commit); rounded up.
constexpr std::size_t kWriterBytesPerArticle = 100 << 10;
// A worker's Analyzer word cache near its limit (400k words) plus the builder's scratch maps.
constexpr std::size_t kWorkerBytes = 200u << 20;
// Lexicon, ICU data, code: present whatever the budget.
constexpr std::size_t kBaseBytes = 200u << 20;
// A built document (terms, positions, data) takes about this many times its text in memory;
// the document queues count that, not the text.
constexpr std::size_t kDocumentBytesPerTextByte = 10;
// The queues only need to keep every thread busy: a few chunks each are enough.
constexpr std::size_t kMaxArticleQueueBytes = 32u << 20, kMaxDocumentQueueBytes = 256u << 20;
constexpr std::uint32_t kMinBatch = 100, kMaxBatch = 100000;
// Articles per commit and shard when the user does not choose: Xapian's pending changes live in
// std::maps keyed by term, and past a few hundred articles their lookups miss the cache more than
// a commit costs. fang_covid (41,242 articles, 1 shard, 2 cores, quiet): 250 → 145 s (more fsync),
// 400 → 131 s, 1,000 → 140 s, ~7,000 (what a 1.5 GB budget allows) → 174 s.
constexpr std::uint32_t kDefaultShardBatch = 500;

struct Chunk {
  std::uint64_t seq = 0;
  std::vector<Article> articles;
  std::size_t bytes = 0;
};

struct Entry {
  std::string id_term;
  Xapian::Document doc;
  std::uint32_t segment = 0;  // when writing segments: the segment it goes to
};

struct ShardBatch {
  std::vector<Entry> entries;
  std::size_t bytes = 0;
};

std::size_t text_bytes(const Article& a) { return a.title.size() + a.body.size() + 256; }

// Restores input order after the workers: chunks are handed to the sink strictly by sequence
// number (one at a time), so the same id is always written in the order it was read.
class Reorderer {
 public:
  using Sink = std::function<void(std::vector<ShardBatch>&)>;
  explicit Reorderer(Sink sink) : sink_(std::move(sink)) {}

  void deliver(std::uint64_t seq, std::vector<ShardBatch> batches) {
    std::lock_guard lock(mutex_);
    waiting_.emplace(seq, std::move(batches));
    while (!waiting_.empty() && waiting_.begin()->first == next_) {
      auto node = waiting_.extract(waiting_.begin());
      sink_(node.mapped());
      ++next_;
    }
  }

 private:
  std::mutex mutex_;
  std::map<std::uint64_t, std::vector<ShardBatch>> waiting_;
  std::uint64_t next_ = 0;
  Sink sink_;
};

// The first failure of any thread; later ones are consequences and dropped.
class FirstError {
 public:
  void set(std::exception_ptr e) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = e;
    failed_ = true;
  }
  bool failed() const { return failed_; }
  void rethrow() {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
  std::atomic<bool> failed_ = false;
};

unsigned resolve_shards(const std::string& db_path, unsigned requested) {
  const unsigned existing = existing_shard_count(db_path);
  if (requested > kMaxShards) throw UsageError(fmt::format("--shards {} is more than the limit of {}", requested, kMaxShards));
  if (requested == 0) return existing == 0 ? 1 : existing;
  if (existing != 0 && existing != requested)
    throw UsageError(fmt::format("{} holds {} shard{}; add with --shards {} (or without --shards)", db_path, existing,
                                 existing == 1 ? "" : "s", existing));
  return requested;
}

std::uint64_t total_size(const std::vector<std::string>& files) {
  std::uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    if (f == "-" || !std::filesystem::is_regular_file(f, ec)) return 0;  // unknown: no ETA
    total += std::filesystem::file_size(f, ec);
  }
  return total;
}

}  // namespace

PipelinePlan plan_pipeline(std::uint32_t memory_mb, unsigned threads, unsigned shards, std::uint32_t batch_size) {
  PipelinePlan plan;
  plan.threads = std::max(1u, threads);
  plan.shards = std::max(1u, shards);
  const std::size_t budget = std::size_t{memory_mb} << 20;
  const std::size_t fixed = kBaseBytes + plan.threads * kWorkerBytes;
  if (budget < fixed + (std::size_t{kMinBatch} * kWriterBytesPerArticle) * 2)
    throw UsageError(fmt::format("--memory-mb {} is too small for {} analysis threads: give at least {}", memory_mb,
                                 plan.threads, (fixed + std::size_t{kMinBatch} * kWriterBytesPerArticle * 2) >> 20));
  // Three quarters of what is left for pending batches, the rest for queued text and documents.
  const std::size_t free_bytes = budget - fixed;
  const std::size_t batch_bytes = free_bytes / 4 * 3;
  plan.batch_size = batch_size ? batch_size
                               : static_cast<std::uint32_t>(std::clamp<std::size_t>(
                                     std::min<std::size_t>(batch_bytes / kWriterBytesPerArticle,
                                                           std::size_t{kDefaultShardBatch} * plan.shards),
                                     kMinBatch, kMaxBatch));
  const std::size_t queue_bytes = free_bytes - batch_bytes;
  plan.article_queue_bytes = std::clamp<std::size_t>(queue_bytes / 4, 1 << 20, kMaxArticleQueueBytes);
  plan.document_queue_bytes =
      std::clamp<std::size_t>(queue_bytes / 2, 8 << 20, kMaxDocumentQueueBytes) / plan.shards;
  plan.chunk_bytes = std::clamp<std::size_t>(plan.article_queue_bytes / (4 * plan.threads), 64 << 10, 1 << 20);
  return plan;
}

namespace {

// One run of the pipeline: the reader (calling thread) → analysis workers → one writer per shard.
// The members are what the threads share; each stage is one method.
class Pipeline {
 public:
  Pipeline(Analyzer& analyzer, const PipelinePlan& plan, unsigned shards, const ReaderOptions& reader_options,
           const IndexingCallbacks& cb, IndexingSummary& summary)
      : analyzer_(analyzer), plan_(plan), shards_(shards), reader_options_(reader_options), cb_(cb), summary_(summary),
        chunks_(plan.article_queue_bytes) {}

  // Opens every shard before reading anything: a lock or mismatch fails fast, and the stub file
  // is written only once all the shards it lists exist. With may_merge, a new or empty unsharded
  // database is written through parallel segments (segments.h) merged into it at the end.
  void open_writers(const std::string& db_path, std::uint32_t shard_batch, bool may_merge) {
    const std::string fingerprint = analyzer_.fingerprint();
    if (shards_ > 1) {
      std::error_code ec;
      std::filesystem::create_directories(db_path, ec);
    }
    for (const std::string& path : shard_paths(db_path, shards_))
      writers_.push_back(std::make_unique<IndexWriter>(path, fingerprint, WriterOptions{shard_batch, shards_}));
    if (shards_ > 1 && existing_shard_count(db_path) != shards_) write_stub(db_path, shards_);
    db_path_ = db_path;
    shard_batch_ = shard_batch;
    merge_ = may_merge && shards_ == 1 && writers_[0]->article_count() == 0;
    writer_threads_ = merge_ ? plan_.threads : shards_;
    if (merge_) segments_ = std::make_unique<SegmentSet>(db_path);
    for (unsigned q = 0; q < writer_threads_; ++q)
      shard_queues_.push_back(std::make_unique<BoundedQueue<ShardBatch>>(
          std::max<std::size_t>(plan_.document_queue_bytes / (merge_ ? writer_threads_ : 1), 1 << 20)));
  }

  // Runs the whole pipeline over the files and fills the summary's counts.
  void run(const std::vector<std::string>& files) {
    for (unsigned w = 0; w < plan_.threads; ++w) threads_.emplace_back([this] { guarded([this] { analyse(); }); });
    for (unsigned s = 0; s < writer_threads_; ++s)
      threads_.emplace_back([this, s] { guarded([this, s] { merge_ ? write_segments(s) : write(s); }); });
    guarded([&] { read(files); });
    chunks_.close();
    for (unsigned w = 0; w < plan_.threads; ++w) threads_[w].join();
    for (auto& q : shard_queues_) q->close();
    for (std::size_t t = plan_.threads; t < threads_.size(); ++t) threads_[t].join();
    error_.rethrow();
    if (merge_) merge_segments();
    summary_.added = added_;
    summary_.replaced = replaced_;
    summary_.input_bytes = bytes_before_file_;
    if (merge_) summary_.articles_in_db = Xapian::Database(db_path_).get_doccount();
    for (const auto& w : writers_) summary_.articles_in_db += w->article_count();
  }

 private:
  // Any failure stops every stage; the first one is rethrown by run().
  template <typename Stage>
  void guarded(Stage stage) {
    try {
      stage();
    } catch (...) {
      error_.set(std::current_exception());
      chunks_.abort();
      for (auto& q : shard_queues_) q->abort();
    }
  }

  void problem(const ReadProblem& p) {
    std::lock_guard lock(problem_mutex_);
    if (p.skipped) ++summary_.skipped;
    else ++summary_.warnings;
    if (cb_.on_problem) cb_.on_problem(p);
  }

  // An analysis worker: chunks of articles → documents per shard, in input order.
  void analyse() {
    Analyzer local(analyzer_.options());  // own word cache; the lexicon is shared
    DocumentBuilder builder(local);
    while (auto chunk = chunks_.pop()) {
      std::vector<ShardBatch> out(shards_);
      for (const Article& a : chunk->articles) {
        try {
          std::string term = contract::id_term(identity(a));
          const unsigned s = shard_of(term, shards_);
          out[s].entries.push_back({std::move(term), builder.build(a)});
          out[s].bytes += text_bytes(a) * kDocumentBytesPerTextByte;
        } catch (const Xapian::Error& e) {
          // One article the analysis or Xapian rejects is reported and skipped, never the run.
          problem(ReadProblem{a.origin, fmt::format("cannot index this article: {}", e.get_msg()), true});
        } catch (const std::exception& e) {
          problem(ReadProblem{a.origin, fmt::format("cannot index this article: {}", e.what()), true});
        }
      }
      reorder_.deliver(chunk->seq, std::move(out));
    }
  }

  // In input order (under the reorderer's lock): each shard's documents to its writer; or, when
  // writing segments, every document its story and its segment (re-added ids wait for the merge).
  void sink(std::vector<ShardBatch>& batches) {
    if (!merge_) {
      for (std::size_t s = 0; s < batches.size(); ++s) {
        if (batches[s].entries.empty()) continue;
        const std::size_t cost = batches[s].bytes;
        shard_queues_[s]->push(std::move(batches[s]), cost);
      }
      return;
    }
    ShardBatch& in = batches[0];
    if (in.entries.empty()) return;
    const std::size_t cost = in.bytes / in.entries.size();
    std::vector<ShardBatch> out(writer_threads_);
    for (Entry& e : in.entries) {
      if (stories_.assign(e.id_term, e.doc)) {
        ++replaced_;
        late_.push_back(std::move(e));
        continue;
      }
      e.segment = static_cast<std::uint32_t>(routed_++ / kSegmentArticles);
      ShardBatch& to = out[e.segment % writer_threads_];
      to.entries.push_back(std::move(e));
      to.bytes += cost;
    }
    for (unsigned w = 0; w < writer_threads_; ++w)
      if (!out[w].entries.empty()) shard_queues_[w]->push(std::move(out[w]), out[w].bytes);
  }

  // Segment writer w: every writer_threads_-th segment.
  void write_segments(unsigned w) {
    SegmentWriter out(*segments_, shard_batch_);
    while (auto batch = shard_queues_[w]->pop()) {
      for (const Entry& e : batch->entries) {
        out.add(e.segment, e.doc);
        ++added_;
      }
    }
    if (!error_.failed()) out.finish();
  }

  // One compacted database from the segments, articles re-added in this run replaced, swapped in.
  void merge_segments() {
    const auto count = static_cast<std::uint32_t>((routed_ + kSegmentArticles - 1) / kSegmentArticles);
    if (count > 0) {
      const std::string fingerprint = analyzer_.fingerprint();
      segments_->merge_into_target(count, [&](Xapian::WritableDatabase& db) {
        write_index_metadata(db, fingerprint, 1);
        for (const Entry& e : late_) db.replace_document(e.id_term, e.doc);
      });
    }
    writers_.clear();  // the database found empty: swapped out into the segments folder
    segments_.reset();
  }

  // The writer of shard s.
  void write(unsigned s) {
    IndexWriter& writer = *writers_[s];
    while (auto batch = shard_queues_[s]->pop()) {
      for (const Entry& e : batch->entries) {
        if (writer.put(e.id_term, e.doc)) ++replaced_;
        else ++added_;
      }
    }
    if (!error_.failed()) writer.commit();
  }

  // The reader, on the calling thread, which also reports progress.
  void read(const std::vector<std::string>& files) {
    for (const std::string& file : files) {
      if (error_.failed()) break;
      std::unique_ptr<ArticleReader> reader;
      try {
        reader = open_reader(file, reader_options_, [this](const ReadProblem& p) { problem(p); });
        current_ = reader.get();
        Article article;
        while (!error_.failed() && reader->next(article)) {
          chunk_.bytes += text_bytes(article);
          chunk_.articles.push_back(std::move(article));
          article = Article{};
          if (chunk_.bytes >= plan_.chunk_bytes) send();
        }
      } catch (const InputError& e) {
        file_failed(file, e);
      }
      // Articles read before a broken stream are still indexed.
      if (reader) bytes_before_file_ += reader->bytes_read();
      current_ = nullptr;
    }
    send();
  }

  void file_failed(const std::string& file, const InputError& e) {
    std::lock_guard lock(problem_mutex_);
    ++summary_.failed_inputs;
    if (cb_.on_problem) cb_.on_problem(input_failed(file, e));
  }

  // Hands the current chunk to the workers, reporting progress while the queue is full.
  void send() {
    if (chunk_.articles.empty()) return;
    chunk_.seq = seq_++;
    const std::size_t cost = chunk_.bytes;
    while (!chunks_.try_push_for(chunk_, cost, kProgressInterval)) tick(false);
    chunk_ = Chunk{};
    tick(false);
  }

  void tick(bool force) {
    if (!cb_.on_progress) return;
    const auto now = Clock::now();
    if (!force && now - last_report_ < kProgressInterval) return;
    last_report_ = now;
    IndexingSummary snapshot;
    {
      std::lock_guard lock(problem_mutex_);
      snapshot = summary_;
    }
    snapshot.added = added_;
    snapshot.replaced = replaced_;
    snapshot.input_bytes = bytes_before_file_ + (current_ ? current_->bytes_read() : 0);
    snapshot.seconds = std::chrono::duration<double>(now - start_).count();
    cb_.on_progress(snapshot);
  }

  // Progress lines at most this often (and a full queue is retried at this interval).
  static constexpr std::chrono::milliseconds kProgressInterval{250};

  Analyzer& analyzer_;
  const PipelinePlan& plan_;
  const unsigned shards_;
  const ReaderOptions& reader_options_;
  const IndexingCallbacks& cb_;
  IndexingSummary& summary_;
  const Clock::time_point start_ = Clock::now();
  std::mutex problem_mutex_;
  BoundedQueue<Chunk> chunks_;
  std::vector<std::unique_ptr<BoundedQueue<ShardBatch>>> shard_queues_;
  Reorderer reorder_{[this](std::vector<ShardBatch>& b) { sink(b); }};
  std::vector<std::unique_ptr<IndexWriter>> writers_;
  std::vector<std::thread> threads_;
  FirstError error_;
  // Writing segments (merge_): set by open_writers; the rest belongs to the reorderer's sink.
  std::string db_path_;
  std::uint32_t shard_batch_ = 0;
  bool merge_ = false;
  unsigned writer_threads_ = 0;  // shards_, or segment writers
  std::unique_ptr<SegmentSet> segments_;
  StoryIndex stories_;
  std::vector<Entry> late_;  // ids given again in this run: replaced in the merged database
  std::uint64_t routed_ = 0;
  std::atomic<std::uint64_t> added_ = 0, replaced_ = 0;
  // Reader state (calling thread only, read by tick()).
  Chunk chunk_;
  std::uint64_t seq_ = 0;
  std::uint64_t bytes_before_file_ = 0;
  const ArticleReader* current_ = nullptr;
  Clock::time_point last_report_ = Clock::now();
};

}  // namespace

IndexingSummary run_indexing(const std::string& db_path, const std::vector<std::string>& inputs, Analyzer& analyzer,
                             const IndexingOptions& options, const IndexingCallbacks& cb) {
  const auto t0 = Clock::now();
  IndexingSummary summary;
  // Expand before opening the database, so a mistyped path does not create an empty index.
  const std::vector<std::string> files = expand_inputs(inputs);
  summary.total_input_bytes = total_size(files);
  const unsigned shards = resolve_shards(db_path, options.shards);
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const PipelinePlan plan = plan_pipeline(options.memory_mb, threads, shards, options.batch_size);
  summary.plan = plan;
  const std::uint32_t shard_batch = std::max<std::uint32_t>(plan.batch_size / shards, 1);

  // Xapian also flushes on its own every XAPIAN_FLUSH_THRESHOLD documents (default 10000):
  // keep that above our batch so commits happen where we choose, unless the user set it.
  if (!std::getenv("XAPIAN_FLUSH_THRESHOLD"))
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(std::max<std::uint32_t>(shard_batch + 1, 10000)).c_str(), 0);

  Pipeline pipeline(analyzer, plan, shards, options.reader, cb, summary);
  // Into a new or empty database, parallel segments merged at the end, unless the input is a
  // stream (stdin: readers should see it arrive) or --batch asks for commits of that size.
  const bool may_merge =
      options.batch_size == 0 && std::none_of(files.begin(), files.end(), [](const std::string& f) { return f == "-"; });
  pipeline.open_writers(db_path, shard_batch, may_merge);
  pipeline.run(files);
  summary.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return summary;
}

std::vector<std::string> delete_articles(const std::string& db_path, const std::vector<std::string>& ids,
                                         const std::string& fingerprint) {
  open_index(db_path);  // a missing database is an error, not something to create
  const unsigned shards = std::max(1u, existing_shard_count(db_path));
  std::vector<std::unique_ptr<IndexWriter>> writers;
  for (const std::string& path : shard_paths(db_path, shards))
    writers.push_back(std::make_unique<IndexWriter>(path, fingerprint, WriterOptions{2000, shards}));
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    const std::string term = contract::id_term(id);
    if (!writers[shard_of(term, shards)]->remove(term)) missing.push_back(id);
  }
  for (auto& w : writers) w->commit();
  return missing;
}

}  // namespace newsindex
