// Text from real-world HTML: pages parsed by libxml2's HTML parser (tolerant, as browsers are),
// main-content extraction by text and link density, entity decoding, charsets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reader.h"

namespace newsindex {

// What an article page says about itself.
struct HtmlPage {
  std::string title;      // og:title (site name cut off), else JSON-LD headline, else the first <h1>, else <title>
  std::string text;       // the article's paragraphs, separated by blank lines
  std::string date;       // as written (zone and all): the first that parses of JSON-LD datePublished, article:published_time/date/dc.date, <time datetime>
  std::string url;        // canonical, else og:url, else JSON-LD url (relative ones resolved), else page_url
  std::string description;  // meta description / og:description
  std::string author;     // JSON-LD author name(s), comma-separated
  std::string publisher;  // JSON-LD publisher name, else og:site_name (or application-name)
  std::size_t paragraphs = 0;   // <p> elements of 80+ characters in the whole page
  bool url_unresolved = false;  // the canonical is a bare path with nothing to resolve it against
};

// The article in a page (readability-style: text blocks scored by length, commas and link
// density; the best container and its related siblings; teaser cards, link lists, sidebars,
// bylines, captions and notices removed). `page_url` is where the page came from (a WARC target
// URI, a feed item's link): it resolves a relative canonical and is the url when the page has none.
HtmlPage extract_html_page(std::string_view html, std::string_view page_url = {});

// Warnings about an extracted page (reported as not skipped): a canonical that stayed a bare
// path, text that still looks like markup, a body of a few dozen characters from a page with many paragraphs.
void warn_about_page(const HtmlPage& page, const Article& article, const ProblemSink& problems);

// `url` resolved against the absolute URL `base` ("/a/b" → "https://host/a/b"); `url` itself
// when absolute; "" when it is relative and `base` is not absolute.
std::string resolve_url(std::string_view url, std::string_view base);

// Whether converted text still looks like HTML (tags such as <p>, </div>, <![CDATA[ in it).
bool looks_like_markup(std::string_view text);

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
