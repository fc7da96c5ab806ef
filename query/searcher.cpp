#include "searcher.h"

#include <algorithm>

#include <fmt/format.h>

#include "article.h"
#include "date_range.h"
#include "errors.h"
#include "index_contract.h"
#include "more_like.h"
#include "query_parser.h"
#include "ranking.h"
#include "recency.h"
#include "spelling.h"

namespace newsindex {

namespace {

// Collapse totals (issue 16). With story collapsing Xapian's bounds stay loose unless the matcher
// saw every match, so every query used to check 1,000 matches past the page to make small totals
// exact. Now pass 1 checks kCollapsePeek match past the page (a full page's lower bound then passes
// the page end, so "next page" stays right); only when its upper bound leaves at most
// kCollapseExact matches past the page does pass 2 check that many, as before. Small totals stay
// exactly as exact as before; large ones are Xapian's estimate within its bounds, shown as one.
// Measured 2026-12-01, 5,000 fang_covid articles (README "Query speed"): 600 queries, 310 exact
// totals before and after, 162 second passes; get_mset on 100 of them 416 M -> 231 M instructions
// (no look-ahead at all: 205 M), via valgrind --tool=callgrind newsquery --queries Q100 --json.
// A query whose terms alone bound its matches within that range (match_upper_bound,
// story_collapse.h) goes to pass 2 at once: pass 1 could only have led there, or to the same exact
// total (2026-12-02, 42,412 articles, bench/run's 50 rare queries: ids-only p50 0.78 -> 0.60 ms;
// the JSON of 300 bench and 600 fang5k queries byte-identical).
constexpr Xapian::doccount kCollapsePeek = 1;
constexpr Xapian::doccount kCollapseExact = 1000;

// The page, with the total exact when every match was checked (Xapian keeps loose bounds when
// collapsing even then) or when `check` covers the whole database.
Xapian::MSet checked_mset(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount page,
                          Xapian::doccount check, Xapian::doccount docs, SearchResults& out) {
  Xapian::MSet mset = enquire.get_mset(first, page, check);
  out.total = mset.get_matches_estimated();
  out.total_lower = mset.get_matches_lower_bound();
  out.total_upper = mset.get_matches_upper_bound();
  if (check && (check >= docs || out.total_upper <= check)) out.total = out.total_upper = out.total_lower;
  return mset;
}

}  // namespace

Searcher::Searcher(const std::vector<std::string>& databases, Analyzer& analyzer)
    : analyzer_(analyzer), synonyms_(Thesaurus::default_path(), analyzer) {
  const std::string fingerprint = analyzer.fingerprint();
  for (const std::string& path : databases) {
    Xapian::Database shard = open_index(path);
    check_fingerprint(shard, path, fingerprint);
    db_.add_database(shard);
  }
}

// like:ID — related articles rank; the query's own words and fields, if any, only filter.
void Searcher::add_related(ParsedQuery& parsed) {
  std::vector<Xapian::Query> related;
  for (const std::string& id : parsed.like_ids) {
    RelatedQuery r = related_query(db_, id);
    related.push_back(r.query);
    auto entry = std::find_if(parsed.analysis.begin(), parsed.analysis.end(),
                              [&](const WordAnalysis& w) { return w.text == "like:" + id; });
    if (entry == parsed.analysis.end()) entry = parsed.analysis.insert(parsed.analysis.end(), {"like:" + id, "related articles", "", {}});
    for (const std::string& stem : r.stems) {
      const std::string term = std::string(contract::kStem) + stem;
      entry->terms.push_back(term);
      parsed.match.stems.insert(stem);
      parsed.parts.push_back({"like:" + id, stem, Xapian::Query(term)});
    }
  }
  Xapian::Query like(Xapian::Query::OP_OR, related.begin(), related.end());
  parsed.query = parsed.query.empty() ? like : Xapian::Query(Xapian::Query::OP_FILTER, like, parsed.query);
}

// The enquire for a parsed query: date window, BM25, facets, sort order, collapsing.
Xapian::Enquire Searcher::enquire_for(const Xapian::Query& query, const SearchOptions& options, FacetCollector& facets) {
  Xapian::Enquire enquire(db_);
  if (const DateRange window = range_from_iso(options.date_from, options.date_to); window.open())
    enquire.set_query(query);
  else
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, date_query(window)));
  if (options.rank) enquire.set_weighting_scheme(*ranking_weight());
  else enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (options.time_limit > 0) enquire.set_time_limit(options.time_limit);
  facets.attach(enquire);
  switch (options.sort) {
    case SortOrder::Relevance: break;
    case SortOrder::Date: enquire.set_sort_by_value_then_relevance(contract::kSlotDate, true); break;
    case SortOrder::DateAscending: enquire.set_sort_by_value_then_relevance(contract::kSlotDate, false); break;
  }
  // Ties broken by document id keep paging stable.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (options.collapse) enquire.set_collapse_key(contract::kSlotStory);
  return enquire;
}

// The page of matches, with the total as exact as the options allow.
Xapian::MSet Searcher::matches(Xapian::Enquire& enquire, const SearchOptions& options, SearchResults& out) {
  const auto first = static_cast<Xapian::doccount>(options.offset);
  const auto page = static_cast<Xapian::doccount>(options.limit);
  const Xapian::doccount page_end = first + page, docs = db_.get_doccount();
  // Facets count every match: check them all (exact counts and total; costs early termination).
  if (!options.facets.empty()) return checked_mset(enquire, first, page, docs, docs, out);
  if (!options.collapse) return checked_mset(enquire, first, page, 0, docs, out);
  // Terms that bound the matches within the exact range: pass 1 could only lead to pass 2 (or
  // to the same exact total), so pass 2 at once.
  const Xapian::doccount exact_range = page_end + kCollapseExact;
  if (match_upper_bound(enquire.get_query(), db_, exact_range + 1) <= exact_range)
    return checked_mset(enquire, first, page, exact_range, docs, out);
  Xapian::MSet mset = checked_mset(enquire, first, page, std::min(page_end + kCollapsePeek, docs), docs, out);
  if (out.total_lower != out.total_upper && out.total_upper <= exact_range)
    mset = checked_mset(enquire, first, page, exact_range, docs, out);
  return mset;
}

void Searcher::add_copies(std::vector<Hit>& hits, const Xapian::MSet& mset, const Xapian::Enquire& enquire) {
  // The collapse count is only a lower bound (the matcher may skip copies that cannot rank),
  // so every story with more than one article is looked up.
  std::vector<ShownResult> shown;
  for (auto it = mset.begin(); it != mset.end(); ++it) shown.push_back({it.get_collapse_key(), *it, it.get_collapse_count() > 0});
  std::vector<std::vector<StoryCopy>> copies = collapsed_copies(db_, enquire.get_query(), shown);
  for (std::size_t i = 0; i < hits.size() && i < copies.size(); ++i) hits[i].duplicates = std::move(copies[i]);
}

// One result: stored fields (or only the id, without stored_fields), highlighted title and
// snippet, recency bonus (collapsed copies: add_copies, for the whole page).
Hit Searcher::hit_for(const Xapian::MSetIterator& it, const MatchTerms& match, const SearchOptions& options,
                      const RecencyBoost& recency) {
  Hit h;
  h.score = it.get_weight();
  if (!options.stored_fields && !options.snippets && !options.explain) {
    h.id = it.get_document().get_value(contract::kSlotId);
    if (!h.id.empty()) return h;  // an index written before the slot existed reads the stored article below
  }
  Article a = article_from_stored(it.get_document().get_data());
  h.id = a.id;
  h.title = a.title;
  h.date = a.date;
  h.source = a.source;
  h.url = a.url;
  h.category = a.category;
  h.agency = a.agency;
  if (options.snippets) {
    h.title_marked = highlight_all(a.title, analyzer_, match);
    h.snippet = make_snippet(a.body, analyzer_, match);
  } else {
    h.title_marked.text = a.title;
  }
  if (options.explain && options.recency_half_life > 0)
    if (double bonus = recency.bonus(it.get_document().get_value(contract::kSlotDate)); bonus > 0)
      h.explain.push_back({"recency", fmt::format("half-life {:g} h", options.recency_half_life / 3600), bonus});
  return h;
}

SearchResults Searcher::search(std::string_view text, const SearchOptions& options) {
  QueryBuilder builder(analyzer_);
  if (options.synonyms) builder.set_word_expansion(synonym_expansion(synonyms_, db_));
  ParsedQuery parsed = builder.parse(text);
  if (!options.like_id.empty()) parsed.like_ids.push_back(options.like_id);
  if (!parsed.searchable())
    throw UsageError(fmt::format("the query \"{}\" has nothing to search for", text));

  SearchResults out;
  out.query = text;
  out.warnings = parsed.warnings;
  if (options.synonyms && !synonyms_.problem().empty())
    out.warnings.push_back(fmt::format("searched without synonyms: {}", synonyms_.problem()));
  if (!parsed.like_ids.empty()) {
    add_related(parsed);
    if (text.empty()) out.query = "like:" + options.like_id;
  }
  RecencyBoost recency;
  if (options.recency_half_life > 0) {
    recency = recency_for(db_, options.recency_half_life, options.recency_weight);
    parsed.query = with_recency(parsed.query, recency);
  }
  out.parsed = parsed.query.get_description();
  out.explained = options.explain;
  if (options.explain) out.analysis = parsed.analysis;

  FacetCollector facets(options.facets);
  Xapian::Enquire enquire = enquire_for(parsed.query, options, facets);
  Xapian::MSet mset = matches(enquire, options, out);
  std::size_t rank = options.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out.hits.push_back(hit_for(it, parsed.match, options, recency));
    out.hits.back().rank = ++rank;
  }
  if (options.collapse) add_copies(out.hits, mset, enquire);
  if (options.explain) {
    std::vector<std::string> ids;
    for (const Hit& h : out.hits) ids.push_back(h.id);
    auto contributions = explain_scores(db_, *ranking_weight(), parsed.parts, ids);
    for (std::size_t i = 0; i < out.hits.size(); ++i)
      out.hits[i].explain.insert(out.hits[i].explain.begin(), contributions[i].begin(), contributions[i].end());
  }
  out.facets = facets.counts();
  if (options.suggest)
    if (auto better = SpellingSuggester(db_, analyzer_).suggest(text)) out.suggestion = *better;
  return out;
}

}  // namespace newsindex
