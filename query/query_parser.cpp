#include "query_parser.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <optional>

#include <fmt/format.h>

#include "errors.h"
#include "index_contract.h"
#include "normalizer.h"
#include "term_scheme.h"
#include "token_format.h"

namespace newsindex {

namespace c = contract;

namespace {

// NEAR without a distance: within this many words (Xapian's OP_NEAR window).
constexpr unsigned kDefaultNearWindow = 10;
// A wildcard expands to at most this many words, the most frequent first (WILDCARD_LIMIT_MOST_FREQUENT).
constexpr Xapian::termcount kWildcardLimit = 500;

enum class Field { Any, Title, Source, Category, Agency, Date, Like };

std::optional<Field> field_from_name(std::string_view name) {
  std::string n = normalize_text(name);
  if (n == "titel" || n == "title") return Field::Title;
  if (n == "quelle" || n == "source") return Field::Source;
  if (n == "kategorie" || n == "category" || n == "ressort") return Field::Category;
  if (n == "agentur" || n == "agency") return Field::Agency;
  if (n == "datum" || n == "date") return Field::Date;
  if (n == "like") return Field::Like;
  return std::nullopt;
}

enum class Kind { Word, Phrase, LParen, RParen, And, Or, Not, Near, End };

struct Lexeme {
  Kind kind = Kind::End;
  std::string text;        // word or phrase text
  std::size_t offset = 0;  // byte position in the query, for messages
  char sign = 0;           // '+' or '-' directly before a word, phrase or bracket
  std::optional<Field> field;
  unsigned near_window = kDefaultNearWindow;
};

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

// Opening/closing quotes: " „ “ ” (the last three as UTF-8).
std::size_t quote_len(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    if (d == 0x9E || d == 0x9C || d == 0x9D) return 3;
  }
  return 0;
}

std::vector<Lexeme> lex(std::string_view q, bool plain, std::vector<std::string>& problems) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  while (i < q.size()) {
    if (is_space(q[i])) {
      ++i;
      continue;
    }
    Lexeme lx;
    lx.offset = i;
    if (!plain && (q[i] == '+' || q[i] == '-') && i + 1 < q.size() && !is_space(q[i + 1])) {
      lx.sign = q[i];
      ++i;
    }
    // field:value
    if (!plain) {
      std::size_t j = i;
      while (j < q.size() && ((q[j] >= 'a' && q[j] <= 'z') || (q[j] >= 'A' && q[j] <= 'Z'))) ++j;
      if (j > i && j < q.size() && q[j] == ':') {
        if (auto f = field_from_name(q.substr(i, j - i))) {
          lx.field = f;
          i = j + 1;
        }
      }
    }
    if (i >= q.size()) {
      problems.push_back(fmt::format("nothing after \"{}\" at position {}", q.substr(lx.offset), lx.offset + 1));
      break;
    }
    if (std::size_t ql = quote_len(q, i); ql && !plain) {
      std::size_t start = i + ql, j = start;
      while (j < q.size() && !quote_len(q, j)) ++j;
      if (j >= q.size()) problems.push_back(fmt::format("unclosed quote at position {}", i + 1));
      lx.kind = Kind::Phrase;
      lx.text = std::string(q.substr(start, j - start));
      i = j < q.size() ? j + quote_len(q, j) : j;
      out.push_back(std::move(lx));
      continue;
    }
    if (!plain && (q[i] == '(' || q[i] == ')')) {
      lx.kind = q[i] == '(' ? Kind::LParen : Kind::RParen;
      ++i;
      out.push_back(std::move(lx));
      continue;
    }
    std::size_t j = i;
    while (j < q.size() && !is_space(q[j]) && (plain || (q[j] != '(' && q[j] != ')' && !quote_len(q, j)))) ++j;
    std::string word(q.substr(i, j - i));
    i = j;
    lx.kind = Kind::Word;
    if (!plain && !lx.sign && !lx.field) {
      if (word == "AND" || word == "UND" || word == "&&") lx.kind = Kind::And;
      else if (word == "OR" || word == "ODER" || word == "||") lx.kind = Kind::Or;
      else if (word == "NOT" || word == "NICHT") lx.kind = Kind::Not;
      else if (word == "NEAR" || word.rfind("NEAR/", 0) == 0) {
        lx.kind = Kind::Near;
        if (word.size() > 5) {
          try {
            lx.near_window = static_cast<unsigned>(std::stoul(word.substr(5)));
          } catch (const std::exception&) {
            problems.push_back(fmt::format("bad NEAR distance \"{}\" at position {}", word, lx.offset + 1));
          }
        }
      }
    }
    lx.text = std::move(word);
    out.push_back(std::move(lx));
  }
  Lexeme end;
  end.offset = q.size();
  out.push_back(end);
  return out;
}

// Analysed query text: the Analysis (it owns what the tokens point into) and its words.
struct QueryWords {
  Analysis analysis;
  std::vector<WordGroup> words;
};

bool is_filter(Field f) { return f == Field::Source || f == Field::Category || f == Field::Agency || f == Field::Date; }

// "Query(0.5999999999999999778 * XPuebernahm)" → "0.6 * XPuebernahm".
std::string describe(const Xapian::Query& q) {
  std::string d = q.get_description();
  if (d.rfind("Query(", 0) == 0 && d.back() == ')') d = d.substr(6, d.size() - 7);
  std::string out;
  for (std::size_t i = 0; i < d.size();) {
    const bool starts_number = d[i] >= '0' && d[i] <= '9' && (i == 0 || d[i - 1] == '(' || d[i - 1] == ' ');
    const std::size_t scale = d.find(" * ", i);
    if (starts_number && scale != std::string::npos && d.find_first_not_of("0123456789.", i) == scale) {
      out += fmt::format("{:g}", std::stod(d.substr(i, scale - i)));  // a weight factor
      i = scale;
    } else {
      out += d[i++];
    }
  }
  return out;
}

// A word of a run of adjacent plain query words, for proximity pairs; empty folded: a break.
struct ChainWord {
  std::string folded;
  std::string surface;  // as typed, for --explain
  bool stop = false;  // a stop word the query dropped: not in a pair, it widens the ordered window
};

struct Node {
  Xapian::Query query;
  bool negated = false;                // NOT x: subtracted by the enclosing AND or sequence
  std::optional<Field> filter;         // a boolean filter (source, category), not scored
};

Xapian::Query scaled(double factor, Xapian::Query q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor); }

class Parser {
 public:
  Parser(Analyzer& analyzer, std::vector<Lexeme> lexemes, bool keep_stopwords, ParsedQuery& out,
         const std::function<Day()>& today, const WordExpansion& expansion)
      : analyzer_(analyzer), lx_(std::move(lexemes)), keep_stop_(keep_stopwords), out_(out), today_(today),
        expansion_(expansion) {}

  Xapian::Query run() {
    Xapian::Query q = sequence(false);
    while (peek().kind != Kind::End) {  // stray ')' and the like
      problems.push_back(fmt::format("unexpected \"{}\" at position {}", peek().text.empty() ? ")" : peek().text,
                                     peek().offset + 1));
      ++pos_;
      Xapian::Query more = sequence(false);
      if (!more.empty()) q = q.empty() ? more : Xapian::Query(Xapian::Query::OP_OR, q, more);
    }
    return q;
  }

  std::vector<std::string> problems;
  bool dropped_stopwords = false;

 private:
  const Lexeme& peek() const { return lx_[pos_]; }
  const Lexeme& take() { return lx_[pos_ < lx_.size() - 1 ? pos_++ : pos_]; }

  bool starts_operand(const Lexeme& l) const {
    return l.kind == Kind::Word || l.kind == Kind::Phrase || l.kind == Kind::LParen || l.kind == Kind::Not;
  }

  Xapian::Query sequence(bool in_brackets) {
    std::vector<Xapian::Query> optional, required, excluded;
    std::vector<ChainWord> chain;
    std::vector<std::string> phrases;  // per optional operand: its phrase text, if it is a quoted phrase
    std::vector<std::pair<Field, Xapian::Query>> filters;
    while (true) {
      const Lexeme& l = peek();
      if (l.kind == Kind::End || (l.kind == Kind::RParen && in_brackets)) break;
      if (!starts_operand(l)) {
        if (l.kind == Kind::RParen) break;
        problems.push_back(fmt::format("\"{}\" at position {} has nothing to join", l.text, l.offset + 1));
        ++pos_;
        continue;
      }
      const char sign = l.sign;
      const bool plain_word = l.kind == Kind::Word && sign == 0 && !l.field;
      const std::size_t before = pos_;
      last_words_.clear();
      Node n = disjunction();
      const bool alone = pos_ == before + 1 && !n.negated && !n.filter;  // not joined by AND, OR, NEAR
      const bool plain_phrase = l.kind == Kind::Phrase && sign == 0 && !l.field && alone;
      if (plain_word && alone && !last_words_.empty())
        chain.insert(chain.end(), last_words_.begin(), last_words_.end());
      else
        chain.push_back(ChainWord{});  // anything else breaks the run of adjacent words
      if (n.query.empty()) continue;
      if (n.filter && !n.negated && sign != '-') {
        filters.emplace_back(*n.filter, n.query);
      } else if (n.negated || sign == '-') {
        excluded.push_back(n.query);
      } else if (sign == '+') {
        required.push_back(n.query);
      } else {
        optional.push_back(n.query);
        phrases.push_back(plain_phrase ? l.text : std::string());
      }
    }
    soften_phrases(optional, phrases);
    // One more optional branch (a pair only ever matches where its words do). Measured: as
    // AND_MAYBE(words, pairs) instead, FANG headline queries were several times slower.
    if (Xapian::Query pairs = proximity_pairs(chain); !pairs.empty()) optional.push_back(pairs);
    if (!optional.empty() || !required.empty())
      if (Xapian::Query stops = stop_words(chain); !stops.empty()) optional.push_back(stops);
    Xapian::Query q;
    if (!required.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
      if (!optional.empty())
        q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(Xapian::Query::OP_OR, optional.begin(), optional.end()));
    } else if (!optional.empty()) {
      q = Xapian::Query(Xapian::Query::OP_OR, optional.begin(), optional.end());
    }
    if (!filters.empty()) {
      // Values of one field are alternatives; different fields must all hold.
      std::vector<Xapian::Query> per_field;
      for (Field f : {Field::Source, Field::Category, Field::Agency, Field::Date}) {
        std::vector<Xapian::Query> alts;
        for (auto& [ff, fq] : filters)
          if (ff == f) alts.push_back(fq);
        if (!alts.empty()) per_field.emplace_back(Xapian::Query::OP_OR, alts.begin(), alts.end());
      }
      Xapian::Query filter(Xapian::Query::OP_AND, per_field.begin(), per_field.end());
      q = Xapian::Query(Xapian::Query::OP_FILTER, q.empty() ? Xapian::Query::MatchAll : q, filter);
    }
    if (!excluded.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q.empty() ? Xapian::Query::MatchAll : q,
                        Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    return q;
  }

  Node disjunction() {
    Node left = conjunction();
    while (peek().kind == Kind::Or) {
      std::size_t at = take().offset;
      if (!starts_operand(peek())) {
        problems.push_back(fmt::format("OR at position {} has nothing on its right", at + 1));
        break;
      }
      Node right = conjunction();
      // quelle:a OR datum:2020: still a filter (unscored), not an optional scored branch.
      const bool both_filters = left.filter && right.filter && !left.negated && !right.negated;
      left = both_filters ? Node{Xapian::Query(Xapian::Query::OP_OR, left.query, right.query), false, left.filter}
                          : Node{join_or(materialise(left), materialise(right)), false, std::nullopt};
    }
    return left;
  }

  Node conjunction() {
    Node left = unary();
    while (peek().kind == Kind::And) {
      std::size_t at = take().offset;
      if (!starts_operand(peek())) {
        problems.push_back(fmt::format("AND at position {} has nothing on its right", at + 1));
        break;
      }
      Node right = unary();
      if (right.query.empty()) continue;
      if (left.query.empty()) {
        left = right;
        continue;
      }
      if (right.negated) {
        left = Node{Xapian::Query(Xapian::Query::OP_AND_NOT, materialise(left), right.query), false, std::nullopt};
      } else if (right.filter && !left.filter) {
        left = Node{Xapian::Query(Xapian::Query::OP_FILTER, materialise(left), right.query), false, std::nullopt};
      } else {
        left = Node{Xapian::Query(Xapian::Query::OP_AND, materialise(left), materialise(right)), false, std::nullopt};
      }
    }
    return left;
  }

  Node unary() {
    if (peek().kind == Kind::Not) {
      std::size_t at = take().offset;
      if (!starts_operand(peek())) {
        problems.push_back(fmt::format("NOT at position {} has nothing to negate", at + 1));
        return Node{};
      }
      Node n = unary();
      n.query = materialise(n);
      n.filter.reset();
      n.negated = !n.negated;
      return n;
    }
    return primary();
  }

  // A node as a standalone query: a negation becomes "everything except".
  static Xapian::Query materialise(const Node& n) {
    if (n.query.empty()) return n.query;
    if (n.negated) return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, n.query);
    if (n.filter) return scaled(0, n.query);
    return n.query;
  }

  static Xapian::Query join_or(Xapian::Query a, Xapian::Query b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return Xapian::Query(Xapian::Query::OP_OR, a, b);
  }

  Node primary() {
    const Lexeme l = take();
    const Field field = l.field.value_or(Field::Any);
    if (l.kind == Kind::LParen) {
      Xapian::Query q = field == Field::Any ? sequence(true) : bracket_with_field(field);
      if (peek().kind == Kind::RParen) take();
      else problems.push_back(fmt::format("bracket opened at position {} is not closed", l.offset + 1));
      return Node{q, false, std::nullopt};
    }
    if (is_filter(field)) return filter_node(field, l.text, l.offset);
    if (field == Field::Like) {
      out_.like_ids.push_back(l.text);
      out_.analysis.push_back({"like:" + l.text, "related articles", "", {}});
      return Node{};
    }
    if (l.kind == Kind::Phrase) return Node{phrase(l.text, field), false, std::nullopt};
    // A word, perhaps the first of a NEAR chain.
    if (peek().kind == Kind::Near) {
      std::vector<std::string> words{l.text};
      unsigned window = kDefaultNearWindow;
      while (peek().kind == Kind::Near) {
        window = take().near_window;
        if (peek().kind != Kind::Word) {
          problems.push_back(fmt::format("NEAR at position {} needs a word on its right", peek().offset + 1));
          break;
        }
        words.push_back(take().text);
      }
      return Node{near(words, window, field), false, std::nullopt};
    }
    return Node{word(l.text, field), false, std::nullopt};
  }

  // quelle:(a OR b) and titel:(a b): the field applies to every word inside.
  Xapian::Query bracket_with_field(Field field) {
    std::vector<Xapian::Query> alts;
    while (peek().kind != Kind::RParen && peek().kind != Kind::End) {
      const Lexeme l = take();
      if (l.kind != Kind::Word && l.kind != Kind::Phrase) continue;  // OR/ODER inside are implied
      if (is_filter(field)) alts.push_back(filter_node(field, l.text, l.offset).query);
      else if (l.kind == Kind::Phrase) alts.push_back(phrase(l.text, field));
      else alts.push_back(word(l.text, field));
    }
    alts.erase(std::remove_if(alts.begin(), alts.end(), [](const Xapian::Query& q) { return q.empty(); }), alts.end());
    return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
  }

  Node filter_node(Field field, const std::string& value, std::size_t offset) {
    if (field == Field::Date) {
      try {
        DateRange range = parse_date_range(value, today_());
        Xapian::Query q = date_query(range);
        out_.analysis.push_back({"datum:" + value, "date filter", "", {describe(q)}});
        return Node{q, false, field};
      } catch (const DateError& e) {
        problems.push_back(fmt::format("datum: at position {}: {}", offset + 1, e.what()));
        return Node{};
      }
    }
    std::string v = normalize_text(value);
    if (v.empty()) return Node{};
    std::string_view prefix = field == Field::Source ? c::kSource : field == Field::Category ? c::kCategory : c::kAgency;
    std::string term = std::string(prefix) + v;
    out_.analysis.push_back({value, "filter", "", {term}});
    return Node{Xapian::Query(term), false, field};
  }

  QueryWords analyse(std::string_view text) {
    QueryWords q{analyzer_.analyze(text), {}};
    q.words = q.analysis.words();
    return q;
  }

  // Records a scored alternative of the current word for --explain and returns it.
  Xapian::Query scored_part(const std::string& role, Xapian::Query q) {
    out_.parts.push_back({current_word_, role, q});
    if (!out_.analysis.empty()) out_.analysis.back().terms.push_back(describe(q));
    return q;
  }

  static c::Scope scope_of(Field f) { return f == Field::Title ? c::Scope::Title : c::Scope::All; }
  // Phrases, NEAR and wildcards run on the positional word terms.
  static std::string_view word_prefix(Field f) { return c::prefix(c::TermKind::Word, scope_of(f)); }

  static std::string term(std::string_view prefix, std::string_view t) { return c::query_term(prefix, t); }

  // The term an alternative looks for, in the field's scope.
  static Xapian::Query alternative_query(const c::QueryAlternative& alt, Field field, std::string_view text) {
    Xapian::Query q(term(c::prefix(alt.looks_in, scope_of(field)), text));
    return alt.weight == 1.0 ? q : scaled(alt.weight, q);
  }

  // Records one alternative of the current word (its role as --explain shows it) and returns it.
  Xapian::Query add_alternative(const c::QueryAlternative& alt, Field field, std::string_view text) {
    const std::string in = field == Field::Title ? "title " : "";
    return scored_part(in + std::string(alt.role), alternative_query(alt, field, text));
  }

  // A query compound means itself or all of its parts together, never any one part alone.
  Xapian::Query compound_parts(const WordGroup& w, Field field) {
    std::vector<Xapian::Query> parts;
    for (const Token& p : w.parts) {
      if (p.stem.empty()) continue;
      parts.emplace_back(Xapian::Query::OP_OR, Xapian::Query(term(c::prefix(c::TermKind::Stem, scope_of(field)), p.stem)),
                         Xapian::Query(term(c::prefix(c::kCompoundPartsAlternative.looks_in, scope_of(field)), p.stem)));
      out_.match.stems.insert(std::string(p.stem));
    }
    if (parts.size() < 2) return {};
    const std::string in = field == Field::Title ? "title " : "";
    return scored_part(in + std::string(c::kCompoundPartsAlternative.role),
                       scaled(c::kCompoundPartsAlternative.weight, Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end())));
  }

  // All alternatives of one query word, OR-ed (term_scheme.h's query rows).
  Xapian::Query token_query(const WordGroup& w, Field field) {
    const Token& t = w.word;
    current_word_ = t.surface;
    out_.analysis.push_back({std::string(t.surface), field == Field::Title ? "search in titles" : "search",
                             format_tokens(w.tokens()), {}});
    std::vector<Xapian::Query> alts;
    alts.push_back(add_alternative(c::kWordAlternative, field, t.folded));
    out_.match.words.insert(std::string(t.folded));
    if (c::has_scope(c::kExactAlternative.looks_in, scope_of(field)) && c::indexes_exact_spelling(t))
      alts.push_back(add_alternative(c::kExactAlternative, field, t.exact));
    if (!t.stem.empty()) {
      alts.push_back(add_alternative(c::kStemAlternative, field, t.stem));
      alts.push_back(add_alternative(c::kInCompoundsAlternative, field, t.stem));
      out_.match.stems.insert(std::string(t.stem));
      if (c::has_scope(c::kUmlautFreeStemAlternative.looks_in, scope_of(field)) && !c::umlaut_free_stem_of(t).empty())
        alts.push_back(add_alternative(c::kUmlautFreeStemAlternative, field, c::umlaut_free_stem_of(t)));
      if (!t.base_stem.empty())
        alts.push_back(add_alternative(c::kStemWithoutUmlautsAlternative, field, t.base_stem));
    }
    for (const Token& v : w.variants) {
      alts.push_back(add_alternative(c::kVariantAlternative, field, v.folded));
      if (!v.stem.empty()) alts.push_back(add_alternative(c::kVariantStemAlternative, field, v.stem));
      out_.match.words.insert(std::string(v.folded));
      if (!v.stem.empty()) out_.match.stems.insert(std::string(v.stem));
    }
    if (Xapian::Query parts = compound_parts(w, field); !parts.empty()) alts.push_back(parts);
    for (const Token& p : w.parts) {  // a hyphen segment also counts alone, below the joined word
      if (!p.segment) continue;
      alts.push_back(add_alternative(c::kSegmentAlternative, field, p.folded));
      if (!p.stem.empty()) alts.push_back(add_alternative(c::kSegmentStemAlternative, field, p.stem));
    }
    if (field == Field::Any && expansion_)
      if (Xapian::Query more = expansion_(t.folded, t.stem, out_.match); !more.empty())
        alts.push_back(scored_part("synonyms", more));
    return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
  }

  Xapian::Query word(const std::string& text, Field field) {
    if (text.size() > 1 && text.back() == '*') return wildcard(text.substr(0, text.size() - 1), field);
    const QueryWords q = analyse(text);
    std::vector<Xapian::Query> qs;
    for (const WordGroup& w : q.words) {
      last_words_.push_back(ChainWord{std::string(w.word.folded), std::string(w.word.surface), w.word.stop && !keep_stop_});
      if (w.word.stop && !keep_stop_) {
        dropped_stopwords = true;
        out_.analysis.push_back({std::string(w.word.surface), "dropped stop word", format_tokens(w.tokens()), {}});
        continue;
      }
      qs.push_back(token_query(w, field));
    }
    if (qs.empty()) return {};
    if (qs.size() == 1) return qs.front();
    return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
  }

  Xapian::Query wildcard(const std::string& text, Field field) {
    const QueryWords q = analyse(text);
    if (q.words.empty()) return {};
    const std::string prefix(q.words.back().word.folded);
    if (prefix.size() < 2) {
      problems.push_back(fmt::format("wildcard \"{}*\" is too short", text));
      return {};
    }
    out_.match.wildcard_prefixes.insert(prefix);
    current_word_ = text + "*";
    out_.analysis.push_back({current_word_, "wildcard", format_tokens(q.words.back().tokens()), {}});
    return scored_part("wildcard", Xapian::Query(Xapian::Query::OP_WILDCARD, term(word_prefix(field), prefix),
                                                 kWildcardLimit, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
  }

  Xapian::Query phrase(const std::string& text, Field field) {
    const QueryWords q = analyse(text);
    if (q.words.empty()) return {};
    current_word_ = "\"" + text + "\"";
    std::vector<std::string> compact;
    for (const WordGroup& w : q.words) compact.push_back(format_tokens(w.tokens()));
    out_.analysis.push_back({current_word_, "phrase", fmt::format("{}", fmt::join(compact, " ")), {}});
    std::vector<Xapian::Query> terms;
    for (const WordGroup& w : q.words) {
      terms.emplace_back(term(word_prefix(field), w.word.folded));
      out_.match.words.insert(std::string(w.word.folded));
    }
    if (terms.size() == 1) return scored_part("phrase", terms.front());
    return scored_part("phrase", Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                               static_cast<Xapian::termcount>(terms.size())));
  }

  Xapian::Query near(const std::vector<std::string>& words, unsigned window, Field field) {
    std::vector<Xapian::Query> terms;
    std::vector<std::string> compact;
    for (const std::string& text : words) {
      const QueryWords q = analyse(text);
      for (const WordGroup& w : q.words) {
        terms.emplace_back(term(word_prefix(field), w.word.folded));
        out_.match.words.insert(std::string(w.word.folded));
        compact.push_back(format_tokens(w.tokens()));
      }
    }
    current_word_ = fmt::format("{}", fmt::join(words, fmt::format(" NEAR/{} ", window)));
    out_.analysis.push_back({current_word_, "near", fmt::format("{}", fmt::join(compact, " ")), {}});
    if (terms.size() < 2) return terms.empty() ? Xapian::Query() : scored_part("word", terms.front());
    return scored_part("near", Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                                             std::max<Xapian::termcount>(window, static_cast<Xapian::termcount>(terms.size()))));
  }

  // The pairs of adjacent plain words of a sequence (sequential dependence, term_scheme.h
  // kOrderedPair and kUnorderedPair), OR-ed together; empty below two words and above
  // kProximityMaxWords plain words in the sequence. A dropped stop word
  // between two words widens the ordered pair's window by one ("Präsident der USA").
  Xapian::Query proximity_pairs(const std::vector<ChainWord>& chain) {
    const auto words = std::count_if(chain.begin(), chain.end(), [](const ChainWord& w) { return !w.folded.empty() && !w.stop; });
    if (static_cast<std::size_t>(words) > c::kProximityMaxWords) return {};  // a headline: see term_scheme.h
    std::vector<Xapian::Query> pairs;
    const ChainWord* prev = nullptr;
    unsigned gap = 0;
    for (const ChainWord& w : chain) {
      if (w.folded.empty()) {
        prev = nullptr;
        continue;
      }
      if (w.stop) {
        ++gap;
        continue;
      }
      if (prev != nullptr) {
        const std::string a = term(word_prefix(Field::Any), prev->folded);
        const std::string b = term(word_prefix(Field::Any), w.folded);
        const std::string role = prev->surface + " " + w.surface;
        Xapian::Query ab[] = {Xapian::Query(a), Xapian::Query(b)};
        Xapian::Query ordered, unordered;
        if (c::kOrderedPair.weight > 0)  // weight 0 switches a kind of pair off
          ordered = scored_pair(role, c::kOrderedPair.role,
                                scaled(c::kOrderedPair.weight,
                                       Xapian::Query(Xapian::Query::OP_PHRASE, ab, ab + 2, c::kOrderedPair.window + gap)));
        if (c::kUnorderedPair.weight > 0)
          unordered = scored_pair(role, c::kUnorderedPair.role,
                                  scaled(c::kUnorderedPair.weight,
                                         Xapian::Query(Xapian::Query::OP_NEAR, ab, ab + 2, c::kUnorderedPair.window)));
        // Where every in-order match is also an unordered one (its window fits inside), the
        // ordered pair is only checked in the articles the unordered pair matched: the same
        // scores (AND_MAYBE adds what matches, as OR does), one intersection of the two words'
        // posting lists instead of two (bench "common" two-word queries: −13% instructions).
        if (!ordered.empty() && !unordered.empty() && c::kOrderedPair.window + gap <= c::kUnorderedPair.window)
          pairs.push_back(Xapian::Query(Xapian::Query::OP_AND_MAYBE, unordered, ordered));
        else
          for (const Xapian::Query& q : {ordered, unordered})
            if (!q.empty()) pairs.push_back(q);
      }
      prev = &w;
      gap = 0;
    }
    if (pairs.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
  }

  // The stop words the sequence dropped (plain words only), as optional word terms at
  // kStopWordWeight (term_scheme.h), OR-ed together; empty when the weight is 0.
  Xapian::Query stop_words(const std::vector<ChainWord>& chain) {
    const double weight = stop_word_weight();
    if (weight <= 0) return {};
    std::vector<Xapian::Query> stops;
    for (const ChainWord& w : chain)
      if (w.stop && !w.folded.empty())
        stops.push_back(scored_pair(w.surface, "stop word",
                                    scaled(weight, Xapian::Query(term(word_prefix(Field::Any), w.folded)))));
    if (stops.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_OR, stops.begin(), stops.end());
  }

  // kStopWordWeight, or $NEWSINDEX_TUNE_STOPWORDS for bench/relevance.py ablations (--query-env).
  static double stop_word_weight() {
    static const double w = [] {
      const char* v = std::getenv("NEWSINDEX_TUNE_STOPWORDS");
      if (!v || !*v) return c::kStopWordWeight;
      char* end = nullptr;
      const double w = std::strtod(v, &end);
      if (*end != '\0' || !(w >= 0))
        throw UsageError(fmt::format("NEWSINDEX_TUNE_STOPWORDS=\"{}\": give a weight of 0 or more (e.g. 1)", v));
      return w;
    }();
    return w;
  }

  // A quoted phrase among other optional words (a pasted headline with a quote in it) also counts
  // its words, each as a plain query word at kSoftPhraseWordsWeight (term_scheme.h): an article
  // without the exact phrase still gets the words' weight. A phrase alone, or required (+"…"), stays exact.
  void soften_phrases(std::vector<Xapian::Query>& optional, const std::vector<std::string>& phrases) {
    const double weight = c::kSoftPhraseWordsWeight;
    if (optional.size() < 2) return;
    for (std::size_t i = 0; i < optional.size(); ++i) {
      if (phrases[i].empty()) continue;
      std::vector<Xapian::Query> words;
      const QueryWords q = analyse(phrases[i]);
      for (const WordGroup& w : q.words)
        if (!w.word.stop) words.push_back(token_query(w, Field::Any));
      if (words.empty()) continue;
      Xapian::Query any(Xapian::Query::OP_OR, words.begin(), words.end());
      optional[i] = Xapian::Query(Xapian::Query::OP_OR, optional[i], weight == 1.0 ? any : scaled(weight, any));
    }
  }

  // Records a proximity pair for --explain (its words as the part's word) and returns it.
  Xapian::Query scored_pair(const std::string& words, std::string_view role, Xapian::Query q) {
    out_.parts.push_back({words, std::string(role), q});
    return q;
  }

  Analyzer& analyzer_;
  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
  bool keep_stop_;
  ParsedQuery& out_;
  const std::function<Day()>& today_;
  const WordExpansion& expansion_;
  std::string current_word_;
  std::vector<ChainWord> last_words_;  // the words of the last plain word lexeme, stop words marked
};

}  // namespace

ParsedQuery QueryBuilder::parse(std::string_view text) {
  const std::function<Day()> today_fn = [this] {
    if (!today_) today_ = today();
    return *today_;
  };
  ParsedQuery out;
  std::vector<std::string> lex_problems;
  std::vector<Lexeme> lexemes = lex(text, false, lex_problems);
  Parser parser(analyzer_, lexemes, false, out, today_fn, expansion_);
  out.query = parser.run();
  std::vector<std::string> problems = lex_problems;
  problems.insert(problems.end(), parser.problems.begin(), parser.problems.end());
  if (!problems.empty()) {
    // Never fail a search on syntax: search the words plainly and say why.
    out = ParsedQuery{};
    std::vector<std::string> ignored;
    Parser plain(analyzer_, lex(text, true, ignored), false, out, today_fn, expansion_);
    out.query = plain.run();
    if (out.query.empty() && plain.dropped_stopwords) {
      out = ParsedQuery{};
      Parser keep(analyzer_, lex(text, true, ignored), true, out, today_fn, expansion_);
      out.query = keep.run();
    }
    out.warnings.push_back(fmt::format("query syntax: {}; searched for the words plainly", fmt::join(problems, "; ")));
    return out;
  }
  if (out.query.empty() && parser.dropped_stopwords) {
    // Only stop words ("Die Linke" without Linke, "Sein oder nicht sein"): search them after all.
    out = ParsedQuery{};
    Parser keep(analyzer_, lexemes, true, out, today_fn, expansion_);
    out.query = keep.run();
  }
  return out;
}

}  // namespace newsindex
