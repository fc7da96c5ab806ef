#include "document_builder.h"

#include "dates.h"
#include "index_contract.h"
#include "near_duplicates.h"
#include "normalizer.h"

namespace newsindex {

namespace c = contract;

namespace {

// Gap between title and body positions, so a phrase never matches across the two.
constexpr std::uint32_t kFieldGap = 100;

void add_term(Xapian::Document& doc, std::string_view prefix, std::string_view term, Xapian::termcount wdf) {
  if (term.empty() || prefix.size() + term.size() > c::kMaxTermBytes) return;
  std::string t;
  t.reserve(prefix.size() + term.size());
  t.append(prefix).append(term);
  doc.add_term(t, wdf);
}

void add_posting(Xapian::Document& doc, std::string_view prefix, std::string_view term, Xapian::termpos pos,
                 Xapian::termcount wdf) {
  if (term.empty() || prefix.size() + term.size() > c::kMaxTermBytes) return;
  std::string t;
  t.reserve(prefix.size() + term.size());
  t.append(prefix).append(term);
  doc.add_posting(t, pos, wdf);
}

}  // namespace

void DocumentBuilder::count(std::string_view prefix, std::string_view term, Xapian::termcount wdf) {
  if (term.empty() || prefix.size() + term.size() > c::kMaxTermBytes) return;
  key_.assign(prefix).append(term);
  if (auto it = wdf_.find(std::string_view(key_)); it != wdf_.end()) it->second += wdf;
  else wdf_.emplace(key_, wdf);
}

void DocumentBuilder::add_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, bool title) {
  const Xapian::termcount wdf = title ? c::kTitleWdf : 1;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Part) {
      std::string_view part = t.stem.empty() ? t.folded : t.stem;
      count(c::kPart, part, wdf);
      if (title) count(c::kTitlePart, part, 1);
      continue;
    }
    add_posting(doc, c::kWord, t.folded, t.position, wdf);
    if (has_ambiguous_folding(t.folded)) count(c::kExact, t.exact, wdf);
    if (!t.stem.empty()) count(c::kStem, t.stem, wdf);
    if (title) {
      add_posting(doc, c::kTitle, t.folded, t.position, 1);
      if (!t.stem.empty()) count(c::kTitleStem, t.stem, 1);
    }
  }
}

Xapian::Document DocumentBuilder::build(const Article& a) {
  Xapian::Document doc;
  const std::string id = identity(a);
  doc.add_boolean_term(c::id_term(id));

  // Tokens point into the analyzer's cache: use each batch before analysing the next field.
  std::uint32_t next_pos = 1;
  {
    std::vector<Token> title = analyzer_.analyze(a.title, next_pos);
    add_tokens(doc, title, true);
    if (!title.empty()) next_pos = title.back().position + kFieldGap;
  }
  {
    std::vector<Token> body = analyzer_.analyze(a.body, next_pos);
    add_tokens(doc, body, false);
    add_near_duplicate_keys(doc, minhash_signature(body));  // the writer assigns the story from it
  }
  for (const auto& [term, wdf] : wdf_) doc.add_term(term, wdf);
  wdf_.clear();

  if (!a.source.empty()) {
    add_term(doc, c::kSource, normalize_text(a.source), 0);
    doc.add_value(c::kSlotSource, a.source);
  }
  if (!a.category.empty()) {
    add_term(doc, c::kCategory, normalize_text(a.category), 0);
    doc.add_value(c::kSlotCategory, a.category);
  }
  // Agencies and language are filters only: one boolean term per agency, the list in a slot.
  if (!a.agency.empty()) {
    for (std::size_t start = 0; start < a.agency.size();) {
      std::size_t comma = std::min(a.agency.find(',', start), a.agency.size());
      if (comma > start) doc.add_boolean_term(std::string(c::kAgency) + a.agency.substr(start, comma - start));
      start = comma + 1;
    }
    doc.add_value(c::kSlotAgency, a.agency);
  }
  if (!a.lang.empty()) {
    doc.add_boolean_term(std::string(c::kLanguage) + a.lang);
    doc.add_value(c::kSlotLanguage, a.lang);
  }
  if (a.date.size() >= 10) {
    std::string key = date_sort_key(a.date);
    doc.add_value(c::kSlotDate, key);
    doc.add_boolean_term(std::string(c::kYear) + key.substr(0, 4));
    doc.add_boolean_term(std::string(c::kMonth) + key.substr(0, 6));
    doc.add_boolean_term(std::string(c::kDay) + key.substr(0, 8));
  }

  Article stored = a;
  stored.id = id;
  doc.set_data(to_json(stored));
  return doc;
}

}  // namespace newsindex
