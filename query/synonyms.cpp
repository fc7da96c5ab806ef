#include "synonyms.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <unordered_map>
#include <stdexcept>
#include <unordered_set>

#include <fmt/format.h>
#include <unistd.h>

#include "cache_dir.h"
#include "index_contract.h"
#include "mapped_file.h"
#include "stable_hash.h"

namespace newsindex {

namespace {

// Bump when the cache lines change meaning.
constexpr int kCompactFormat = 3;

// Usage labels whose entries are not plain news language (OpenThesaurus writes them in brackets).
constexpr std::string_view kSkippedLabels[] = {"ugs.",      "derb",      "vulg.",   "veraltet", "veraltend",
                                               "abwertend", "scherzh.",  "fig.",    "regional", "österr.",
                                               "schweiz.",  "fachspr.",  "Jargon",  "historisch", "selten",
                                               "Amtsdeutsch", "Slang", "ironisch", "lit."};

// The entry without its labels, or "" when it is to be skipped (labelled, phrase, abbreviation).
std::string plain_entry(std::string_view entry) {
  std::string out;
  std::size_t i = 0;
  while (i < entry.size()) {
    if (entry[i] == '(') {
      const std::size_t close = entry.find(')', i);
      if (close == std::string_view::npos) return "";
      const std::string_view label = entry.substr(i + 1, close - i - 1);
      for (std::string_view skip : kSkippedLabels)
        if (label.find(skip) != std::string_view::npos) return "";
      if (label != "Hauptform") return "";  // "(sich)", "(etwas)": part of a phrase
      i = close + 1;
      continue;
    }
    out += entry[i++];
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  if (out.empty() || out.find_first_of(" .") != std::string::npos) return "";
  return out;
}

}  // namespace

std::string Thesaurus::default_path() {
  if (const char* env = std::getenv("NEWSINDEX_THESAURUS"); env && *env) return env;
  return "/usr/share/openthesaurus-de/openthesaurus.txt";
}

Thesaurus Thesaurus::load(const std::string& path, Analyzer& analyzer, SynonymOptions options) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the thesaurus", path));
  return parse(in, analyzer, options);
}

Thesaurus Thesaurus::parse(std::istream& in, Analyzer& analyzer, SynonymOptions options) {
  // Pass 1: the curated synsets, each entry analysed like text.
  std::vector<std::vector<Synonym>> synsets;
  std::unordered_map<std::string, std::size_t> synset_count;  // key → synsets it is in
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<Synonym> set;
    std::unordered_set<std::string> keys;
    std::size_t start = 0;
    while (start <= line.size()) {
      std::size_t end = start;  // the next ';' outside brackets ("(lit.; journalistisch)")
      for (int depth = 0; end < line.size() && (depth > 0 || line[end] != ';'); ++end)
        depth += line[end] == '(' ? 1 : line[end] == ')' ? -1 : 0;
      const std::string entry = plain_entry(std::string_view(line).substr(start, end - start));
      start = end + 1;
      if (entry.empty()) continue;
      const Analysis analysed = analyzer.analyze(entry);
      const std::vector<WordGroup> words = analysed.words();
      if (words.size() != 1) continue;
      const Token* word = &words.front().word;
      if (word->kind != TokenKind::Word || word->stop || word->stem.empty()) continue;
      Synonym s{std::string(word->folded), std::string(word->stem)};
      if (keys.insert(s.stem).second) set.push_back(std::move(s));
    }
    if (set.size() < 2) continue;
    for (const Synonym& s : set) ++synset_count[s.stem];
    synsets.push_back(std::move(set));
  }
  // Pass 2: expansions of every unambiguous word, from unambiguous words only. A synonym that
  // contains the word or is contained in it ("Virus" / "Computervirus") is a narrower or wider
  // term, not a synonym, and compound parts already find it.
  std::map<std::string, std::vector<Synonym>> by_key;
  auto ambiguous = [&](const std::string& key) { return synset_count[key] > options.max_synsets; };
  auto nested = [](const Synonym& a, const Synonym& b) {
    return a.folded.find(b.stem) != std::string::npos || b.folded.find(a.stem) != std::string::npos;
  };
  for (const auto& set : synsets) {
    for (const Synonym& word : set) {
      if (ambiguous(word.stem)) continue;
      std::vector<Synonym>& out = by_key[word.stem];
      for (const Synonym& other : set) {
        if (other.stem == word.stem || ambiguous(other.stem) || nested(word, other) ||
            out.size() >= options.max_expansions)
          continue;
        if (std::none_of(out.begin(), out.end(), [&](const Synonym& s) { return s.stem == other.stem; }))
          out.push_back(other);
      }
      if (out.empty()) by_key.erase(word.stem);
    }
  }
  std::string text;
  for (const auto& [key, synonyms] : by_key) {
    text += key;
    for (const Synonym& syn : synonyms) text.append("\t").append(syn.folded).append(" ").append(syn.stem);
    text += '\n';
  }
  Thesaurus th;
  th.own(std::move(text));
  return th;
}

void Thesaurus::own(std::string data) {
  if (!data.empty() && data.back() != '\n') data += '\n';
  data_ = std::move(data);
  mapping_.reset();
}

Thesaurus Thesaurus::read_compact(std::istream& in) {
  std::ostringstream bytes;  // one bulk copy (istreambuf_iterator reads byte by byte)
  bytes << in.rdbuf();
  Thesaurus th;
  th.own(std::move(bytes).str());
  return th;
}

Thesaurus Thesaurus::map_compact(const std::string& path, bool* ok) {
  Thesaurus th;
  th.mapping_ = map_file(path, &th.mapped_);
  *ok = th.mapping_ != nullptr;
  return th;
}

std::size_t Thesaurus::words() const {
  const std::string_view t = text();
  return static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n'));
}

std::vector<Synonym> Thesaurus::lookup(std::string_view key) const {
  std::vector<Synonym> out;
  const std::string_view data = text();
  auto line_start = [&](std::size_t at) {
    const std::size_t nl = at == 0 ? std::string_view::npos : data.rfind('\n', at - 1);
    return nl == std::string_view::npos ? std::size_t{0} : nl + 1;
  };
  auto key_at = [&](std::size_t start) {
    const std::size_t tab = data.find_first_of("\t\n", start);
    return data.substr(start, (tab == std::string_view::npos ? data.size() : tab) - start);
  };
  // Binary search over bytes: [lo, hi) holds the start of the first line whose key is >= key.
  std::size_t lo = 0, hi = data.size();
  while (lo < hi) {
    const std::size_t start = line_start(lo + (hi - lo) / 2);
    const std::size_t end = std::min(data.find('\n', start), data.size());
    if (start < lo) {  // the middle fell into the line that starts the range
      if (key_at(lo) < key) lo = std::min(data.find('\n', lo), data.size()) + 1;
      else hi = lo;
      continue;
    }
    if (key_at(start) < key) lo = end + 1;
    else hi = start;
  }
  if (lo >= data.size() || key_at(lo) != key) return out;
  const std::string_view line = data.substr(lo, std::min(data.find('\n', lo), data.size()) - lo);
  std::size_t tab = line.find('\t');
  while (tab != std::string_view::npos) {
    const std::size_t next = line.find('\t', tab + 1);
    const std::string_view entry =
        line.substr(tab + 1, next == std::string_view::npos ? std::string_view::npos : next - tab - 1);
    if (const std::size_t space = entry.find(' '); space != std::string_view::npos)
      out.push_back({std::string(entry.substr(0, space)), std::string(entry.substr(space + 1))});
    tab = next;
  }
  return out;
}

WordExpansion synonym_expansion(const Thesaurus& thesaurus, const Xapian::Database& db) {
  return [&thesaurus, &db](std::string_view folded, std::string_view stem, MatchTerms& match) -> Xapian::Query {
    const std::vector<Synonym> synonyms = thesaurus.lookup(stem.empty() ? folded : stem);
    if (synonyms.empty()) return {};
    // Small collections (tests, a day of news) keep every synonym.
    const double max_docs = std::max(kMaxSynonymDocShare * db.get_doccount(), 100.0);
    std::vector<Xapian::Query> alts;
    for (const Synonym& s : synonyms) {
      const std::string stem_term = std::string(contract::kStem) + s.stem;
      const Xapian::doccount df = db.get_termfreq(stem_term);
      if (df == 0 || df > max_docs) continue;  // absent: nothing to find; everywhere: noise
      alts.emplace_back(Xapian::Query::OP_OR, Xapian::Query(std::string(contract::kWord) + s.folded),
                        Xapian::Query(stem_term));
      match.stems.insert(s.stem);
    }
    if (alts.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()),
                         kSynonymWeight);
  };
}

std::string SynonymSource::cache_path() const {
  const std::string dir = user_cache_dir();
  if (dir.empty()) return "";
  std::error_code ec;
  const auto size = std::filesystem::file_size(path_, ec);
  if (ec) return "";
  const auto time = std::filesystem::last_write_time(path_, ec).time_since_epoch().count();
  const SynonymOptions defaults;
  const std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}", path_, size, time, analyzer_.fingerprint(),
                                      defaults.max_synsets, defaults.max_expansions, kCompactFormat);
  return fmt::format("{}/synonyms-{:016x}.tsv", dir, stable_hash(key));
}

const Thesaurus* SynonymSource::get() {
  if (tried_) return problem_.empty() ? &thesaurus_ : nullptr;
  tried_ = true;
  const std::string cache = cache_path();
  if (!cache.empty()) {
    bool mapped = false;
    thesaurus_ = Thesaurus::map_compact(cache, &mapped);
    if (mapped) return &thesaurus_;
  }
  try {
    // The thesaurus words are analysed by a second Analyzer: the caller's token views stay valid.
    Analyzer own(analyzer_.options());
    thesaurus_ = Thesaurus::load(path_, own);
  } catch (const std::exception& e) {
    problem_ = e.what();
    return nullptr;
  }
  if (!cache.empty()) {
    // Written under a temporary name and renamed, so a concurrent reader never sees half a file.
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(cache).parent_path(), ec);
    const std::string tmp = fmt::format("{}.{}.tmp", cache, static_cast<long>(getpid()));
    {
      std::ofstream out(tmp);
      if (out) thesaurus_.write_compact(out);
    }
    std::filesystem::rename(tmp, cache, ec);
    if (ec) std::filesystem::remove(tmp, ec);
  }
  return &thesaurus_;
}

WordExpansion synonym_expansion(SynonymSource& source, const Xapian::Database& db) {
  return [&source, &db](std::string_view folded, std::string_view stem, MatchTerms& match) -> Xapian::Query {
    const Thesaurus* thesaurus = source.get();
    return thesaurus ? synonym_expansion(*thesaurus, db)(folded, stem, match) : Xapian::Query();
  };
}

}  // namespace newsindex
