#include "document_builder.h"

#include "index_contract.h"
#include "near_duplicates.h"
#include "normalizer.h"
#include "term_scheme.h"

namespace newsindex {

namespace c = contract;

namespace {

// Gap between title and body positions, so a phrase never matches across the two.
constexpr std::uint32_t kFieldGap = 100;

}  // namespace

void DocumentBuilder::count(const std::string& term, Xapian::termcount wdf) {
  if (auto it = wdf_.find(std::string_view(term)); it != wdf_.end()) it->second += wdf;
  else wdf_.emplace(term, wdf);
}

void DocumentBuilder::add_text(Xapian::Document& doc, const Analysis& text, bool title) {
  for (const WordGroup& group : text.words()) {
    c::for_each_term(group, [&](c::TermKind kind, std::string_view body, const Token& token) {
      for (c::Scope scope : {c::Scope::All, c::Scope::Title}) {
        if (scope == c::Scope::Title && !title) break;
        if (!c::has_scope(kind, scope)) continue;
        if (!c::make_term(key_, c::prefix(kind, scope), body)) continue;
        const Xapian::termcount wdf = c::wdf_in(scope, title);
        if (c::rule(kind).positional) doc.add_posting(key_, token.position, wdf);
        else count(key_, wdf);
      }
    });
  }
}

Xapian::Document DocumentBuilder::build(const Article& a) {
  Xapian::Document doc;
  const std::string id = identity(a);
  doc.add_boolean_term(c::id_term(id));

  std::uint32_t next_pos = 1;
  const Analysis title = analyzer_.analyze(a.title, next_pos);
  add_text(doc, title, true);
  if (!title.empty()) next_pos = title.tokens().back().position + kFieldGap;
  const Analysis body = analyzer_.analyze(a.body, next_pos);
  add_text(doc, body, false);
  add_near_duplicate_keys(doc, minhash_signature(body.tokens()));  // the writer assigns the story from it
  // Non-positional terms were summed first: one add_term each.
  for (const auto& [term, wdf] : wdf_) doc.add_term(term, wdf);
  wdf_.clear();

  if (!a.source.empty()) {
    if (c::make_term(key_, c::kSource, normalize_text(a.source))) doc.add_term(key_, 0);
    doc.add_value(c::kSlotSource, a.source);
  }
  if (!a.category.empty()) {
    if (c::make_term(key_, c::kCategory, normalize_text(a.category))) doc.add_term(key_, 0);
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
  doc.add_value(c::kSlotId, a.id);  // ids-only results read this, not the stored article
  if (!a.lang.empty()) {
    doc.add_boolean_term(std::string(c::kLanguage) + a.lang);
    doc.add_value(c::kSlotLanguage, a.lang);
  }
  if (a.date.size() >= 10) {
    std::string key = c::date_sort_key(a.date);
    doc.add_value(c::kSlotDate, key);
    doc.add_boolean_term(std::string(c::kYear) + key.substr(0, 4));
    doc.add_boolean_term(std::string(c::kMonth) + key.substr(0, 6));
    doc.add_boolean_term(std::string(c::kDay) + key.substr(0, 8));
  }

  Article stored = a;
  stored.id = id;
  doc.set_data(encode_stored(stored));
  return doc;
}

}  // namespace newsindex
