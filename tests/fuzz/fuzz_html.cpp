// Fuzz target: main-content extraction and HTML-to-text on arbitrary bytes. Nothing may throw or
// crash; the extracted text is never longer than the text the input could hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "html_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  newsindex::HtmlPage page = newsindex::extract_html_page(html, "https://example.org/a/b");
  if (page.text.size() > 4 * size + 16) std::abort();
  std::string text = newsindex::html_to_text(html);
  if (text.size() > 4 * size + 16) std::abort();
  (void)newsindex::looks_like_markup(text);
  return 0;
}
