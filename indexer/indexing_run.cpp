#include "indexing_run.h"

#include <chrono>

#include "document_builder.h"
#include "index_contract.h"
#include "index_writer.h"

namespace newsindex {

IndexingSummary run_indexing(const std::string& db_path, const std::vector<std::string>& inputs, Analyzer& analyzer,
                             const IndexingOptions& options, const IndexingCallbacks& cb) {
  const auto t0 = std::chrono::steady_clock::now();
  IndexingSummary summary;
  // Expand before opening the database, so a mistyped path does not create an empty index.
  const std::vector<std::string> files = expand_inputs(inputs);
  IndexWriter writer(db_path, analyzer.fingerprint(), WriterOptions{options.batch_size});
  DocumentBuilder builder(analyzer);
  auto problem = [&](const ReadProblem& p) {
    if (p.skipped) ++summary.skipped;
    else ++summary.warnings;
    if (cb.on_problem) cb.on_problem(p);
  };
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  std::uint64_t bytes_before_file = 0;
  for (const std::string& file : files) {
    std::unique_ptr<ArticleReader> reader;
    try {
      reader = open_reader(file, options.reader, problem);
      Article article;
      while (reader->next(article)) {
        const std::string id = identity(article);
        if (writer.put(contract::id_term(id), builder.build(article))) ++summary.replaced;
        else ++summary.added;
        if (cb.on_progress && summary.indexed() % 500 == 0) {
          summary.input_bytes = bytes_before_file + reader->bytes_read();
          summary.seconds = elapsed();
          cb.on_progress(summary);
        }
      }
    } catch (const InputError& e) {
      ++summary.failed_inputs;
      if (cb.on_problem) cb.on_problem(ReadProblem{file, e.what(), true});
    }
    if (reader) bytes_before_file += reader->bytes_read();
  }
  writer.commit();
  summary.input_bytes = bytes_before_file;
  summary.articles_in_db = writer.article_count();
  summary.seconds = elapsed();
  return summary;
}

std::vector<std::string> delete_articles(const std::string& db_path, const std::vector<std::string>& ids,
                                         const std::string& fingerprint) {
  open_index(db_path);  // a missing database is an error, not something to create
  IndexWriter writer(db_path, fingerprint);
  std::vector<std::string> missing;
  for (const std::string& id : ids)
    if (!writer.remove(contract::id_term(id))) missing.push_back(id);
  writer.commit();
  return missing;
}

}  // namespace newsindex
