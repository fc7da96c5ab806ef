// Text from real-world HTML: a small tolerant tokenizer (no XML parser: real pages are not XML),
// entity decoding, article extraction without navigation and boilerplate.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsindex {

// What an article page says about itself.
struct HtmlPage {
  std::string title;  // og:title, else the first <h1>, else <title>
  std::string text;   // the article's paragraphs, separated by blank lines
  std::string date;   // as written in article:published_time, date, dc.date, <time datetime>, ...
  std::string url;    // <link rel="canonical">, else og:url
  std::string description;  // meta description / og:description
};

// The article in a page: inside <article> (or <main>, or an articleBody) when there is one,
// without nav/header/footer/aside/script/style/form/figure, link lists and boilerplate lines.
HtmlPage extract_html_page(std::string_view html);

// The text of an HTML fragment (a feed item's description): block elements become paragraphs
// separated by blank lines, entities decoded; with drop_boilerplate, boilerplate lines go.
std::string html_to_text(std::string_view html, bool drop_boilerplate = true);

// Named (the common ones) and numeric character references decoded; unknown ones left as they are.
std::string decode_entities(std::string_view text);

// Whether a paragraph is boilerplate rather than article text: syndication footers ("Dieser
// Beitrag ist ein öffentlicher RSS Feed …"), "Empfehlung: …", "Lesen Sie auch: …", share and
// newsletter prompts, copyright lines.
bool is_boilerplate_line(std::string_view paragraph);

// The charset a page declares in its first bytes (<meta charset> or http-equiv), lowercase, "" if none.
std::string declared_charset(std::string_view html);
// Bytes in `charset` converted to UTF-8 (ICU); unchanged for UTF-8, ASCII, "" or an unknown charset.
std::string to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace newsindex
