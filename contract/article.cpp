#include "article.h"

#include <cstdint>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <zstd.h>

#include "errors.h"

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

namespace {

// The fields of one stored JSON object. With `padded`, json is followed by at least
// SIMDJSON_PADDING readable bytes and is parsed in place; else the parser copies it first.
Article parse_article(std::string_view json, bool padded) {
  // simdjson rather than nlohmann here: this runs for every search hit (and every collapsed copy),
  // and simdjson's DOM parser (picked at run time for the CPU: AVX2, AVX-512…) passes over the
  // body at SIMD speed. Stored data is always our own to_json output; anything else gives an
  // empty Article.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size(), !padded).get(object)) return {};
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

bool is_zstd_frame(std::string_view data) {
  // The zstd frame magic number, 0xFD2FB528 little-endian (RFC 8878 3.1.1); JSON starts with '{'.
  return data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0x28 && static_cast<unsigned char>(data[1]) == 0xB5 &&
         static_cast<unsigned char>(data[2]) == 0x2F && static_cast<unsigned char>(data[3]) == 0xFD;
}

// Decompresses a zstd frame into out (resized to the content; capacity kept for padding).
void decompress_into(std::string_view frame, std::string& out, std::size_t padding) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31))
    throw IndexError("a stored article is damaged (not a complete zstd frame)");
  thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  out.resize(static_cast<std::size_t>(size) + padding);
  const std::size_t got = ZSTD_decompressDCtx(context.get(), out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(got) || got != size)
    throw IndexError(fmt::format("a stored article is damaged ({})", ZSTD_isError(got) ? ZSTD_getErrorName(got) : "short frame"));
  out.resize(static_cast<std::size_t>(size));
}

}  // namespace

Article article_from_json(std::string_view json) { return parse_article(json, false); }

std::string encode_stored(const Article& article) {
  const std::string json = to_json(article);
  thread_local std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context = [] {
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> c(ZSTD_createCCtx(), &ZSTD_freeCCtx);
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, kStoredZstdLevel);
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);  // a damaged article fails to decode
    return c;
  }();
  std::string out(ZSTD_compressBound(json.size()), '\0');
  const std::size_t n = ZSTD_compress2(context.get(), out.data(), out.size(), json.data(), json.size());
  if (ZSTD_isError(n)) throw std::runtime_error(fmt::format("zstd could not compress an article: {}", ZSTD_getErrorName(n)));
  out.resize(n);
  return out;
}

std::string stored_json(std::string_view data) {
  if (!is_zstd_frame(data)) return std::string(data);
  std::string out;
  decompress_into(data, out, 0);
  return out;
}

Article article_from_stored(std::string_view data) {
  if (!is_zstd_frame(data)) return parse_article(data, false);
  // Decompressed straight into a buffer with simdjson's padding behind it: parsed in place.
  thread_local std::string buffer;
  decompress_into(data, buffer, simdjson::SIMDJSON_PADDING);
  return parse_article(buffer, true);
}

}  // namespace newsindex
