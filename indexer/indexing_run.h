// One `newsindex add` run: inputs → readers → analyzer → documents → IndexWriter, with counts.
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
  std::uint32_t batch_size = 2000;
  bool quiet = false;
};

struct IndexingSummary {
  std::uint64_t added = 0, replaced = 0, skipped = 0, warnings = 0;
  std::uint64_t failed_inputs = 0;  // files that could not be opened or ended in a broken stream
  std::uint64_t input_bytes = 0;    // bytes of input consumed (compressed size for .gz/.zst)
  std::uint64_t articles_in_db = 0;
  double seconds = 0;
  std::uint64_t indexed() const { return added + replaced; }
};

struct IndexingCallbacks {
  ProblemSink on_problem;                                // skipped records, warnings, broken inputs
  std::function<void(const IndexingSummary&)> on_progress;  // every few hundred articles
};

// Indexes every article of the inputs into the database at db_path (created when missing).
// Throws IndexError for database problems; input problems go to on_problem and the counts.
IndexingSummary run_indexing(const std::string& db_path, const std::vector<std::string>& inputs, Analyzer& analyzer,
                             const IndexingOptions& options, const IndexingCallbacks& callbacks);

// Deletes articles by id; returns the ids that were not in the database.
std::vector<std::string> delete_articles(const std::string& db_path, const std::vector<std::string>& ids,
                                         const std::string& analysis_fingerprint);

}  // namespace newsindex
