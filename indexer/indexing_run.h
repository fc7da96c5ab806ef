// One `newsindex add` run: a pipeline from input files to one or more shard databases.
//
//   reader (calling thread) → chunks of articles → N analysis workers (one Analyzer each)
//     → reorder buffer (input order) → one writer thread per shard (committed batches)
//
// Every queue is bounded, so memory stays within IndexingOptions::memory_mb whatever the input.
// Documents reach each shard in input order: re-adding an id twice in one input keeps the last.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyzer.h"
#include "reader.h"

namespace newsindex {

struct IndexingOptions {
  ReaderOptions reader;          // input format (--format), CSV layout and column mapping
  std::uint32_t batch_size = 0;  // articles per commit, all shards together; 0: 500 per shard, capped by memory_mb
  unsigned threads = 0;          // analysis workers; 0: the hardware's thread count
  unsigned shards = 0;           // 0: the database's existing shard count (1 for a new database)
  std::uint32_t memory_mb = 1536;  // peak memory budget of the whole run
  bool quiet = false;             // for the CLI: no progress, no summary
};

// Buffer sizes derived from the memory budget (see plan_pipeline).
struct PipelinePlan {
  std::uint32_t batch_size = 0;        // articles per commit, all shards together
  std::size_t chunk_bytes = 0;         // article text per chunk handed to a worker
  std::size_t article_queue_bytes = 0; // text waiting for analysis
  std::size_t document_queue_bytes = 0;// analysed text waiting per shard writer
  unsigned threads = 1, shards = 1;
};

// How the memory budget is spent: Xapian's pending batch dominates (measured at about 90 KB of
// writer memory per pending news article of ~6 KB; 500 articles per shard unless the budget is
// smaller), then every worker's word cache, then the queues. Throws UsageError when the budget is too small to run at all.
PipelinePlan plan_pipeline(std::uint32_t memory_mb, unsigned threads, unsigned shards, std::uint32_t batch_size);

struct IndexingSummary {
  std::uint64_t added = 0, replaced = 0, skipped = 0, warnings = 0;
  std::uint64_t failed_inputs = 0;  // files that could not be opened or ended in a broken stream
  std::uint64_t input_bytes = 0;    // bytes of input consumed (compressed size for .gz/.zst)
  std::uint64_t total_input_bytes = 0;  // size of all inputs (0: unknown, e.g. stdin)
  std::uint64_t articles_in_db = 0;
  double seconds = 0;
  PipelinePlan plan;
  std::uint64_t indexed() const { return added + replaced; }
};

struct IndexingCallbacks {
  ProblemSink on_problem;                                   // skipped records, warnings, broken inputs
  std::function<void(const IndexingSummary&)> on_progress;  // about four times a second, on the calling thread
};

// Indexes every article of the inputs into the database at db_path (created when missing; with
// options.shards > 1 as shard databases plus a stub file). `analyzer` supplies the options and
// fingerprint; each worker runs its own copy. Throws IndexError for database problems (locked,
// read-only, disk full, other analysis chain, other shard count): every batch committed before
// stays. Input problems go to on_problem and the counts.
IndexingSummary run_indexing(const std::string& db_path, const std::vector<std::string>& inputs, Analyzer& analyzer,
                             const IndexingOptions& options, const IndexingCallbacks& callbacks);

// Deletes articles by id (from whichever shard holds each); returns the ids that were not there.
std::vector<std::string> delete_articles(const std::string& db_path, const std::vector<std::string>& ids,
                                         const std::string& analysis_fingerprint);

}  // namespace newsindex
