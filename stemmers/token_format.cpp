#include "token_format.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace newsindex {

std::string format_tokens(std::span<const Token> tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    if (t.kind == TokenKind::Part) out += '+';
    else if (t.kind == TokenKind::Variant) out += '~';
    out += t.folded;
    if (t.stop) out += '!';
    if (!t.stem.empty()) {
      out += '/';
      out += t.stem;
    }
    if (t.kind != TokenKind::Part && t.kind != TokenKind::Variant) out += fmt::format("@{}", t.position);
  }
  return out;
}

std::string format_tokens_json(std::span<const Token> tokens) {
  nlohmann::json arr = nlohmann::json::array();
  for (const Token& t : tokens) {
    arr.push_back({{"surface", t.surface}, {"exact", t.exact}, {"folded", t.folded}, {"stem", t.stem},
                   {"position", t.position}, {"start", t.start}, {"end", t.end},
                   {"kind", std::string(to_string(t.kind))}, {"stop", t.stop}});
  }
  return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string format_tokens_table(std::span<const Token> tokens) {
  std::string out = fmt::format("{:>4} {:<13} {:<24} {:<24} {:<24} {}\n", "pos", "kind", "surface", "exact",
                                "folded (term)", "stem");
  for (const Token& t : tokens) {
    std::string kind(to_string(t.kind));
    if (t.stop) kind += " stop";
    out += fmt::format("{:>4} {:<13} {:<24} {:<24} {:<24} {}\n", t.position, kind, t.surface, t.exact, t.folded,
                       t.stem.empty() ? "-" : std::string(t.stem));
  }
  return out;
}

}  // namespace newsindex
