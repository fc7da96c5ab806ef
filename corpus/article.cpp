#include "article.h"

#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace newsindex {

std::string identity(const Article& a) {
  if (!a.id.empty()) return a.id;
  if (!a.url.empty()) return a.url;
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(a.title);
  mix("\x1f");
  mix(a.body);
  return fmt::format("h:{:016x}", h);
}

std::string to_json(const Article& a) {
  nlohmann::json j = {{"id", a.id},         {"title", a.title}, {"body", a.body},        {"date", a.date},
                      {"source", a.source}, {"url", a.url},     {"category", a.category}};
  if (!a.agency.empty()) j["agency"] = a.agency;
  if (!a.lang.empty()) j["lang"] = a.lang;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article article_from_json(std::string_view json) {
  Article a;
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return a;
  auto get = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  a.id = get("id");
  a.title = get("title");
  a.body = get("body");
  a.date = get("date");
  a.source = get("source");
  a.url = get("url");
  a.category = get("category");
  a.agency = get("agency");
  a.lang = get("lang");
  return a;
}

}  // namespace newsindex
