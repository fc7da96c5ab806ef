#include "searcher.h"

#include <fmt/format.h>

#include "article.h"
#include "exit_codes.h"
#include "index_contract.h"
#include "query_parser.h"
#include "spelling.h"

namespace newsindex {

Searcher::Searcher(const std::vector<std::string>& databases, Analyzer& analyzer)
    : analyzer_(analyzer), synonyms_(Thesaurus::default_path(), analyzer) {
  const std::string fingerprint = analyzer.fingerprint();
  for (const std::string& path : databases) {
    Xapian::Database shard = open_index(path);
    check_fingerprint(shard, path, fingerprint);
    db_.add_database(shard);
  }
}

SearchResults Searcher::search(std::string_view text, const SearchOptions& options) {
  QueryBuilder builder(analyzer_);
  if (options.synonyms) builder.set_word_expansion(synonym_expansion(synonyms_, db_));
  ParsedQuery parsed = builder.parse(text);
  if (!parsed.searchable())
    throw UsageError(fmt::format("the query \"{}\" has nothing to search for", text));

  SearchResults out;
  out.query = text;
  out.parsed = parsed.query.get_description();
  out.warnings = parsed.warnings;
  if (options.synonyms && !synonyms_.problem().empty())
    out.warnings.push_back(fmt::format("searched without synonyms: {}", synonyms_.problem()));

  Xapian::Enquire enquire(db_);
  if (options.date_from.empty() && options.date_to.empty()) {
    enquire.set_query(parsed.query);
  } else {
    // The date slot holds YYYYMMDDhhmmss, so digit prefixes compare as dates; the upper bound is padded
    // to the end of its day (month, year). Articles without a date fall outside any window.
    auto digits = [](const std::string& d) { std::string s; for (char c : d) if (c >= '0' && c <= '9') s += c; return s; };
    std::string to = digits(options.date_to);
    Xapian::Query window(Xapian::Query::OP_VALUE_RANGE, contract::kSlotDate, digits(options.date_from),
                         to.empty() ? std::string("~") : to + std::string(14 - std::min<std::size_t>(to.size(), 14), '9'));
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, window));
  }
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  switch (options.sort) {
    case SortOrder::Relevance: break;
    case SortOrder::Date: enquire.set_sort_by_value_then_relevance(contract::kSlotDate, true); break;
    case SortOrder::DateAscending: enquire.set_sort_by_value_then_relevance(contract::kSlotDate, false); break;
  }
  // Ties broken by document id keep paging stable.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (options.collapse) enquire.set_collapse_key(contract::kSlotStory);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                       static_cast<Xapian::doccount>(options.limit));
  out.total = mset.get_matches_estimated();
  out.total_lower = mset.get_matches_lower_bound();
  out.total_upper = mset.get_matches_upper_bound();
  std::size_t rank = options.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Article a = article_from_json(it.get_document().get_data());
    Hit h;
    h.rank = ++rank;
    h.score = it.get_weight();
    h.id = a.id;
    h.title = a.title;
    h.date = a.date;
    h.source = a.source;
    h.url = a.url;
    h.category = a.category;
    if (options.snippets) {
      h.title_marked = highlight_all(a.title, analyzer_, parsed.match);
      h.snippet = make_snippet(a.body, analyzer_, parsed.match);
    } else {
      h.title_marked.text = a.title;
    }
    if (options.collapse && it.get_collapse_count() > 0)
      h.duplicates = collapsed_copies(db_, enquire.get_query(), it.get_collapse_key(), *it);
    out.hits.push_back(std::move(h));
  }
  if (options.suggest)
    if (auto better = SpellingSuggester(db_, analyzer_).suggest(text)) out.suggestion = *better;
  return out;
}

}  // namespace newsindex
