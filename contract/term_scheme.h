// The term scheme: how an analysed word becomes index terms and query terms, written once.
//
// One table (kTermScheme) says, for each kind of term a word yields, its prefix in all-text
// search and in title search, whether it carries positions and the weight a query gives it; a
// second (kQueryAlternatives) says which alternatives a query word asks for. The document
// builder, the query builder, --explain and docs/index-contract.md read these tables, and
// for_each_term() is the one producer of the terms of a word (Xapian's parse_terms(ACTION) shape).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "analyzer.h"
#include "index_contract.h"

namespace newsindex::contract {

// The kinds of term one analysed word (or one of its compound parts) yields.
enum class TermKind : std::uint8_t {
  Word,           // folded word ("uebernahme"): positional, phrases and NEAR run on it
  ExactSpelling,  // exact spelling with umlauts/ß ("übernahme"), only where folding is ambiguous
  Stem,           // Snowball stem of the folded word ("uebernahm")
  Part,           // stem of a compound part or hyphen segment ("XPdat" from "Nutzerdaten")
  UmlautFreeStem, // stem with ä/ö/ü as a/o/u, only where it differs from the stem ("XUarzt" from "Ärzte")
};

// Where a term is searched: all text (the title counts kTitleWdf times) or titles only (titel:).
enum class Scope : std::uint8_t { All, Title };

// One row of the term scheme.
struct TermRule {
  TermKind kind;
  std::string_view name;          // as in docs and --explain ("word", "stem", …)
  std::string_view prefix;        // Xapian prefix of the all-text term
  std::string_view title_prefix;  // prefix of the title-only copy; empty: no title-only copy
  bool positional;                // written with add_posting (phrases, NEAR, proximity)
};

// The table, in TermKind order. Title text is written under both prefixes: with wdf kTitleWdf
// under `prefix` (the title boost) and wdf 1 under `title_prefix`. Exact spellings have no title copy.
inline constexpr TermRule kTermScheme[] = {
    {TermKind::Word, "word", kWord, kTitle, true},
    {TermKind::ExactSpelling, "exact spelling", kExact, "", false},
    {TermKind::Stem, "stem", kStem, kTitleStem, false},
    {TermKind::Part, "compound part", kPart, kTitlePart, false},
    {TermKind::UmlautFreeStem, "umlaut-free stem", kUmlautFreeStem, "", false},
};

// The row of a term kind.
constexpr const TermRule& rule(TermKind kind) { return kTermScheme[static_cast<std::size_t>(kind)]; }

// The prefix of a term kind in a scope (check has_scope() first: a kind without a title copy has none).
constexpr std::string_view prefix(TermKind kind, Scope scope) {
  return scope == Scope::Title ? rule(kind).title_prefix : rule(kind).prefix;
}

// Whether the kind is written (and searched) in the scope.
constexpr bool has_scope(TermKind kind, Scope scope) {
  return scope == Scope::All || !rule(kind).title_prefix.empty();
}

// Writes prefix + text into out (reusing its buffer: called for every term of every document);
// false, out unspecified, when the text is empty or the term would be too long to index.
bool make_term(std::string& out, std::string_view prefix, std::string_view text);

// Prefix + text as a term to look up (queries, spelling): never empty, so never Xapian's
// match-all term; a term too long to have been indexed simply matches nothing.
std::string query_term(std::string_view prefix, std::string_view text);

// Whether a word's folded form could be spelled two ways (ae/oe/ue/ss), so its exact spelling is
// indexed too and ranked above the folded match (normalizer.h has_ambiguous_folding).
bool indexes_exact_spelling(const Token& word);

// The wdf a token adds to its terms: kTitleWdf under the all-text prefix for title text, 1 else
// and for the title-only copy.
constexpr unsigned wdf_in(Scope written_as, bool title_text) {
  return written_as == Scope::All && title_text ? kTitleWdf : 1;
}

// The one producer of terms: calls emit(kind, text, token) for every term of a word group, in
// this order: the word's Word, ExactSpelling (where folding is ambiguous), Stem and
// UmlautFreeStem (where it differs from the stem); the same for each variant; a Part per
// compound part (its stem, or its folded form when it has none; parts get no umlaut-free stem:
// it cost known-item recall on WMT); a part that is a hyphen segment counting as a word
// (Token::segment) yields its Word and Stem instead, at the word's position (measured with
// bench/relevance.py: as words and not parts +0.004 MRR@10 on FANG, as words and parts -0.003). Texts are unprefixed: a consumer adds prefix(kind, scope).
// Empty texts are not emitted.
template <typename Emit>
void for_each_term(const WordGroup& group, Emit&& emit) {
  auto word_terms = [&](const Token& t) {
    emit(TermKind::Word, t.folded, t);
    if (indexes_exact_spelling(t)) emit(TermKind::ExactSpelling, t.exact, t);
    if (!t.stem.empty()) emit(TermKind::Stem, t.stem, t);
    if (!t.base_stem.empty()) emit(TermKind::UmlautFreeStem, t.base_stem, t);
  };
  word_terms(group.word);
  for (const Token& v : group.variants) word_terms(v);
  for (const Token& p : group.parts) {
    if (!p.segment) {
      emit(TermKind::Part, p.stem.empty() ? p.folded : p.stem, p);
      continue;
    }
    // A hyphen segment is a word of its own ("präsident" in "US-Präsident"), not a compound part.
    emit(TermKind::Word, p.folded, p);
    if (!p.stem.empty()) emit(TermKind::Stem, p.stem, p);
  }
}

// The stem a query word looks for among the umlaut-free stems: its umlaut-free stem, else the
// stem of a word without umlauts ("Arzt" finds "Ärzte"); empty for other words with umlauts.
std::string_view umlaut_free_stem_of(const Token& t);

// --- The query side ---

// An alternative a free-text query word asks for, OR-ed with the others; its weight scales the
// BM25 contribution (Xapian OP_SCALE_WEIGHT). Measured on WMT/FANG known-item in the first round.
struct QueryAlternative {
  std::string_view role;  // as --explain shows it
  TermKind looks_in;      // which index terms it matches
  double weight;
};

// The word itself, its exact spelling (a small bonus: same spelling, umlauts and all), its stem,
// and its stem found as a part of compounds ("Daten" finds "Nutzerdaten" at half weight).
inline constexpr QueryAlternative kWordAlternative{"word", TermKind::Word, 1.0};
inline constexpr QueryAlternative kExactAlternative{"exact spelling", TermKind::ExactSpelling, 0.25};
inline constexpr QueryAlternative kStemAlternative{"stem", TermKind::Stem, 1.0};
inline constexpr QueryAlternative kInCompoundsAlternative{"in compounds", TermKind::Part, 0.5};
// Umlaut plurals meet their singulars at stem level, far below the word: "Arzt" finds "Ärzte"
// (the query word's stem among the umlaut-free stems) and "Ärzte" finds "Arzt" (the query word's
// umlaut-free stem among the stems). "Muller" and "Müller" stay apart. Weight measured on WMT
// known-item: from 0.15 up one headline ("Zusammenstoß") loses its article to one that says
// "Zusammenstöße" four times; 0.1 keeps recall and raises MRR.
inline constexpr QueryAlternative kUmlautFreeStemAlternative{"umlaut-free stem", TermKind::UmlautFreeStem, 0.1};
inline constexpr QueryAlternative kStemWithoutUmlautsAlternative{"stem without umlauts", TermKind::Stem, 0.1};
// A variant ("Politiker" for "Politiker*innen") counts as the word.
inline constexpr QueryAlternative kVariantAlternative{"variant", TermKind::Word, 1.0};
inline constexpr QueryAlternative kVariantStemAlternative{"variant stem", TermKind::Stem, 1.0};
// A query compound found as all of its parts together (each part as a stem or a part term),
// never one part alone.
inline constexpr QueryAlternative kCompoundPartsAlternative{"compound parts", TermKind::Part, 0.6};
// A hyphen segment (Token::segment) also counts alone, as its word and its stem, below the joined
// word: "US-Präsident" finds an article about "den Präsidenten der USA". Weight tuned on the FANG
// tuning half with bench/relevance.py (0.25 / 0.5 / 1: +0.004 / +0.007 / +0.006 MRR@10).
inline constexpr QueryAlternative kSegmentAlternative{"hyphen segment", TermKind::Word, 0.5};
inline constexpr QueryAlternative kSegmentStemAlternative{"hyphen segment stem", TermKind::Stem, 0.5};

// Term proximity, the sequential dependence model (Metzler & Croft, "A Markov random field model
// for term dependencies", SIGIR 2005): each pair of adjacent plain words of a free-text query is
// also asked for as an ordered pair (a phrase within `window` positions) and an unordered pair
// (both within `window` positions, any order), OR-ed in on the positional word terms. Xapian scores a
// pair with the BM25 weights of its two words, scaled by `weight`. A pair needs both words, so it
// reorders matches and never adds any. Stop words the query dropped stay out of the pairs (a pair
// across one spans one more position): with stop words in the pairs, a FANG tuning-half run did
// not finish in five minutes (75 s without; their position lists are the longest).
struct ProximityPair {
  std::string_view role;  // as --explain shows it
  bool ordered;           // OP_PHRASE (in order) or OP_NEAR (any order)
  unsigned window;        // positions the two words may span
  double weight;
};

// Weights tuned on the FANG tuning half with bench/relevance.py (ordered / unordered 0.1 / 0.05,
// 0.2 / 0.1, 0.4 / 0.2, 0.8 / 0.4: MRR@10 +0.007, +0.014, +0.022, +0.015); windows as in the paper.
inline constexpr ProximityPair kOrderedPair{"ordered pair", true, 2, 0.4};
inline constexpr ProximityPair kUnorderedPair{"unordered pair", false, 8, 0.2};
// Pairs only for a run of at most this many words (stop words not counted): a name or a short
// query ("Die Toten Hosen"), not a pasted headline. On all headlines the pairs gave FANG test
// MRR@10 +0.019 (p<0.001) but WMT −0.004 (p=0.03) and +73% CPU per headline query (500 FANG
// headlines, 5.5 → 9.7 s user), over this round's limits of no WMT loss and +20% latency.
inline constexpr std::size_t kProximityMaxWords = 4;

// Stop words of a free-text query, which it drops from its words and its proximity pairs, come
// back as optional word terms (the folded word; stop words have no stem term) at this weight,
// only beside other words, never alone; 0 drops them (a query of stop words only searches them
// as words, whatever the weight); $NEWSINDEX_TUNE_STOPWORDS overrides it (ablations). FANG tuning
// half MRR@10 at 0.1 / 0.25 / 1: +0.0000 / +0.0005 / +0.0022; at 1 also test +0.0036 (p=0.001),
// WMT +0.0022, but +21% CPU on headline queries (their long posting lists): left off, see README.
inline constexpr double kStopWordWeight = 0.0;

// A quoted phrase among other optional query words (a pasted headline with a quotation in it) also
// counts its words, each as a plain query word, at this weight; the exact phrase adds on top. A
// phrase alone or required stays exact. FANG tuning half with the quotes kept, MRR@10: exact
// phrase 0.4499, words at 0.5 0.4560, at 1 0.4580 (the same queries without quotes: 0.4618).
inline constexpr double kSoftPhraseWordsWeight = 1.0;

}  // namespace newsindex::contract
