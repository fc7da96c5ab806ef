// Fuzz target: the query parser on arbitrary bytes: never crashes, never throws anything but
// the documented "nothing to search" (which parse() reports through searchable()).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer.h"
#include "query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static newsindex::Analyzer analyzer;
  newsindex::QueryBuilder builder(analyzer);
  newsindex::ParsedQuery parsed = builder.parse(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)parsed.query.get_description();
  return 0;
}
