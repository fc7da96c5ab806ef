#include "query_parser.h"

#include <algorithm>
#include <functional>
#include <optional>

#include <fmt/format.h>

#include "index_contract.h"
#include "normalizer.h"
#include "token_format.h"

namespace newsindex {

namespace c = contract;

namespace {

// Weights of the looser matches relative to the word itself (BM25 contributions are scaled).
constexpr double kExactSpellingBonus = 0.25;  // same spelling, umlauts and all
constexpr double kPartWeight = 0.5;           // the word found as a part of a compound
constexpr double kSplitWeight = 0.6;          // a query compound found as its parts

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
  unsigned near_window = 10;
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

// An analysed query token, owned (the Analyzer's views do not outlive the next analyze call).
struct QueryToken {
  std::string exact, folded, stem;
  bool stop = false;
  std::vector<QueryToken> parts, variants;
  std::string surface, compact;  // as typed; the Analyzer's output for it (token_format.h)
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
      Node n = disjunction();
      if (n.query.empty()) continue;
      if (n.filter && !n.negated && sign != '-') {
        filters.emplace_back(*n.filter, n.query);
      } else if (n.negated || sign == '-') {
        excluded.push_back(n.query);
      } else if (sign == '+') {
        required.push_back(n.query);
      } else {
        optional.push_back(n.query);
      }
    }
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
      unsigned window = 10;
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

  std::vector<QueryToken> analyse(std::string_view text) {
    std::vector<QueryToken> out;
    std::vector<std::vector<Token>> groups;  // each word with its parts and variants, for the compact form
    for (const Token& t : analyzer_.analyze(text)) {
      QueryToken q{std::string(t.exact), std::string(t.folded), std::string(t.stem), t.stop, {}, {}, std::string(t.surface), {}};
      if (t.kind == TokenKind::Part && !out.empty()) out.back().parts.push_back(std::move(q));
      else if (t.kind == TokenKind::Variant && !out.empty()) out.back().variants.push_back(std::move(q));
      else {
        out.push_back(std::move(q));
        groups.emplace_back();
      }
      if (!groups.empty()) groups.back().push_back(t);
    }
    for (std::size_t i = 0; i < out.size(); ++i) out[i].compact = format_tokens(groups[i]);
    return out;
  }

  // Records a scored alternative of the current word for --explain and returns it.
  Xapian::Query scored_part(const std::string& role, Xapian::Query q) {
    out_.parts.push_back({current_word_, role, q});
    if (!out_.analysis.empty()) out_.analysis.back().terms.push_back(describe(q));
    return q;
  }

  std::string_view word_prefix(Field f) const { return f == Field::Title ? c::kTitle : c::kWord; }
  std::string_view stem_prefix(Field f) const { return f == Field::Title ? c::kTitleStem : c::kStem; }
  std::string_view part_prefix(Field f) const { return f == Field::Title ? c::kTitlePart : c::kPart; }

  static std::string term(std::string_view prefix, std::string_view t) {
    std::string s(prefix);
    s += t;
    return s;
  }

  Xapian::Query token_query(const QueryToken& t, Field field) {
    const std::string in = field == Field::Title ? "title " : "";
    current_word_ = t.surface;
    out_.analysis.push_back({t.surface, field == Field::Title ? "search in titles" : "search", t.compact, {}});
    std::vector<Xapian::Query> alts;
    alts.push_back(scored_part(in + "word", Xapian::Query(term(word_prefix(field), t.folded))));
    out_.match.words.insert(t.folded);
    if (field == Field::Any && has_ambiguous_folding(t.folded))
      alts.push_back(scored_part("exact spelling", scaled(kExactSpellingBonus, Xapian::Query(term(c::kExact, t.exact)))));
    if (!t.stem.empty()) {
      alts.push_back(scored_part(in + "stem", Xapian::Query(term(stem_prefix(field), t.stem))));
      alts.push_back(scored_part(in + "in compounds", scaled(kPartWeight, Xapian::Query(term(part_prefix(field), t.stem)))));
      out_.match.stems.insert(t.stem);
    }
    for (const QueryToken& v : t.variants) {
      alts.push_back(scored_part(in + "variant", Xapian::Query(term(word_prefix(field), v.folded))));
      if (!v.stem.empty()) alts.push_back(scored_part(in + "variant stem", Xapian::Query(term(stem_prefix(field), v.stem))));
      out_.match.words.insert(v.folded);
      if (!v.stem.empty()) out_.match.stems.insert(v.stem);
    }
    // A compound means itself or all of its parts together, never any one part alone.
    std::vector<Xapian::Query> parts;
    for (const QueryToken& p : t.parts) {
      if (p.stem.empty()) continue;
      parts.emplace_back(Xapian::Query::OP_OR, Xapian::Query(term(stem_prefix(field), p.stem)),
                         Xapian::Query(term(part_prefix(field), p.stem)));
      out_.match.stems.insert(p.stem);
    }
    if (parts.size() >= 2)
      alts.push_back(scored_part(in + "compound parts", scaled(kSplitWeight, Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()))));
    if (field == Field::Any && expansion_)
      if (Xapian::Query more = expansion_(t.folded, t.stem, out_.match); !more.empty())
        alts.push_back(scored_part("synonyms", more));
    return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
  }

  Xapian::Query word(const std::string& text, Field field) {
    if (text.size() > 1 && text.back() == '*') return wildcard(text.substr(0, text.size() - 1), field);
    std::vector<QueryToken> tokens = analyse(text);
    std::vector<Xapian::Query> qs;
    for (const QueryToken& t : tokens) {
      if (t.stop && !keep_stop_) {
        dropped_stopwords = true;
        out_.analysis.push_back({t.surface, "dropped stop word", t.compact, {}});
        continue;
      }
      qs.push_back(token_query(t, field));
    }
    if (qs.empty()) return {};
    if (qs.size() == 1) return qs.front();
    return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
  }

  Xapian::Query wildcard(const std::string& text, Field field) {
    std::vector<QueryToken> tokens = analyse(text);
    if (tokens.empty()) return {};
    const std::string& prefix = tokens.back().folded;
    if (prefix.size() < 2) {
      problems.push_back(fmt::format("wildcard \"{}*\" is too short", text));
      return {};
    }
    out_.match.wildcard_prefixes.insert(prefix);
    current_word_ = text + "*";
    out_.analysis.push_back({current_word_, "wildcard", tokens.back().compact, {}});
    return scored_part("wildcard", Xapian::Query(Xapian::Query::OP_WILDCARD, term(word_prefix(field), prefix), 500,
                                                 Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
  }

  Xapian::Query phrase(const std::string& text, Field field) {
    std::vector<QueryToken> tokens = analyse(text);
    if (tokens.empty()) return {};
    current_word_ = "\"" + text + "\"";
    std::vector<std::string> compact;
    for (const QueryToken& t : tokens) compact.push_back(t.compact);
    out_.analysis.push_back({current_word_, "phrase", fmt::format("{}", fmt::join(compact, " ")), {}});
    if (tokens.size() == 1) {
      out_.match.words.insert(tokens[0].folded);
      return scored_part("phrase", Xapian::Query(term(word_prefix(field), tokens[0].folded)));
    }
    std::vector<Xapian::Query> terms;
    for (const QueryToken& t : tokens) {
      terms.emplace_back(term(word_prefix(field), t.folded));
      out_.match.words.insert(t.folded);
    }
    return scored_part("phrase", Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                               static_cast<Xapian::termcount>(terms.size())));
  }

  Xapian::Query near(const std::vector<std::string>& words, unsigned window, Field field) {
    std::vector<Xapian::Query> terms;
    std::vector<std::string> compact;
    for (const std::string& w : words) {
      for (const QueryToken& t : analyse(w)) {
        terms.emplace_back(term(word_prefix(field), t.folded));
        out_.match.words.insert(t.folded);
        compact.push_back(t.compact);
      }
    }
    current_word_ = fmt::format("{}", fmt::join(words, fmt::format(" NEAR/{} ", window)));
    out_.analysis.push_back({current_word_, "near", fmt::format("{}", fmt::join(compact, " ")), {}});
    if (terms.size() < 2) return terms.empty() ? Xapian::Query() : scored_part("word", terms.front());
    return scored_part("near", Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                                             std::max<Xapian::termcount>(window, static_cast<Xapian::termcount>(terms.size()))));
  }

  Analyzer& analyzer_;
  std::vector<Lexeme> lx_;
  std::size_t pos_ = 0;
  bool keep_stop_;
  ParsedQuery& out_;
  const std::function<Day()>& today_;
  const WordExpansion& expansion_;
  std::string current_word_;
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
