#include "article.h"

#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "stable_hash.h"

namespace newsindex {

std::string identity(const Article& a) {
  if (!a.id.empty()) return a.id;
  if (!a.url.empty()) return a.url;
  const std::uint64_t h = stable_hash(a.body, stable_hash("\x1f", stable_hash(a.title)));
  return fmt::format("h:{:016x}", h);
}

std::string to_json(const Article& a) {
  nlohmann::json j = {{"id", a.id},         {"title", a.title}, {"body", a.body},        {"date", a.date},
                      {"source", a.source}, {"url", a.url},     {"category", a.category}};
  if (!a.agency.empty()) j["agency"] = a.agency;
  if (!a.lang.empty()) j["lang"] = a.lang;
  if (!a.author.empty()) j["author"] = a.author;
  if (!a.publisher.empty()) j["publisher"] = a.publisher;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article article_from_json(std::string_view json) {
  // simdjson rather than nlohmann here: this runs for every search hit (and every collapsed copy),
  // and simdjson's DOM parser (picked at run time for the CPU: AVX2, AVX-512…) passes over the
  // body at SIMD speed. Stored data is always our own to_json output; anything else gives an
  // empty Article.
  // The parser copies the text into its own padded buffer, reused from call to call.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get(object)) return {};
  Article a;
  for (const auto [key, element] : object) {
    std::string_view value;
    if (element.get(value)) continue;  // not a string: not one of ours
    if (key == "id") a.id = value;
    else if (key == "title") a.title = value;
    else if (key == "body") a.body = value;
    else if (key == "date") a.date = value;
    else if (key == "source") a.source = value;
    else if (key == "url") a.url = value;
    else if (key == "category") a.category = value;
    else if (key == "agency") a.agency = value;
    else if (key == "lang") a.lang = value;
    else if (key == "author") a.author = value;
    else if (key == "publisher") a.publisher = value;
  }
  return a;
}

}  // namespace newsindex
