// Main-content extraction on a real DOM (libxml2's HTML parser): readability-style scoring of
// text blocks by length, commas and link density, the best container plus its related siblings,
// then conditional cleaning of teaser cards, link lists, sidebars and interface lines.
// Metadata from JSON-LD (NewsArticle/Article), then OpenGraph/meta, then <time>.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include "dates.h"
#include "html_text.h"

namespace newsindex {

namespace {

using Node = xmlNode*;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    // U+00A0 (no-break space) counts as a space; U+00AD (soft hyphen) disappears.
    if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size()) {
      auto n = static_cast<unsigned char>(s[i + 1]);
      if (n == 0xA0) {
        space = true;
        ++i;
        continue;
      }
      if (n == 0xAD) {
        ++i;
        continue;
      }
    }
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string_view name_of(Node n) { return n && n->name ? reinterpret_cast<const char*>(n->name) : ""; }

bool is_element(Node n) { return n && n->type == XML_ELEMENT_NODE; }

std::string_view attr(Node n, const char* name) {
  for (xmlAttr* a = n->properties; a; a = a->next)
    if (a->name && std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) {
      if (a->children && a->children->content) return reinterpret_cast<const char*>(a->children->content);
      return "";
    }
  return {};
}

bool has_attr(Node n, const char* name) {
  for (xmlAttr* a = n->properties; a; a = a->next)
    if (a->name && std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) return true;
  return false;
}

// All text under a node, raw (script content included: used for JSON-LD and <title>).
void raw_text(Node n, std::string& out) {
  for (Node c = n->children; c; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      out += reinterpret_cast<const char*>(c->content);
    else if (c->type == XML_ELEMENT_NODE) raw_text(c, out);
  }
}

std::string raw_text(Node n) {
  std::string out;
  raw_text(n, out);
  return out;
}

const std::unordered_set<std::string_view>& block_elements() {
  static const std::unordered_set<std::string_view> s = {
      "p",      "div",    "section", "article", "main",   "br",         "li",     "ul",      "ol",     "h1",
      "h2",     "h3",     "h4",      "h5",      "h6",     "blockquote", "pre",    "table",   "tr",     "td",
      "th",     "dd",     "dt",      "dl",      "hr",     "address",    "center", "header",  "footer", "nav",
      "aside",  "form",   "figure",  "details", "summary", "body",      "html",   "caption", "figcaption", "title",
      "fieldset", "legend", "hgroup", "tbody", "thead", "tfoot"};
  return s;
}

// Elements that never hold article text, removed before anything is scored.
const std::unordered_set<std::string_view>& junk_elements() {
  static const std::unordered_set<std::string_view> s = {
      "script", "style",  "noscript", "template", "svg",    "button", "select", "iframe", "input", "textarea",
      "canvas", "object", "embed",    "video",    "audio",  "head",   "math",   "dialog", "menu",  "link",
      "meta",   "nav",    "footer",   "figure",   "figcaption", "picture", "img", "label", "option", "source"};
  return s;
}

bool is_heading(std::string_view n) { return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6'; }

std::string class_and_id(Node n) {
  std::string s = lower_ascii(attr(n, "class"));
  s += ' ';
  s += lower_ascii(attr(n, "id"));
  return s;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (s.find(w) != std::string_view::npos) return true;
  return false;
}

// Readability's "unlikely candidates": page furniture by class/id, unless it also says content.
bool unlikely_candidate(Node n) {
  std::string s = class_and_id(n);
  if (s.size() <= 1) return false;
  // A paragraph called "teaser" is the article's lead ("Vorspann"), not a card linking elsewhere.
  if (name_of(n) == "p")
    for (std::string_view lead : {"teaser", "intro", "lead", "summary"})
      for (std::size_t at = s.find(lead); at != std::string::npos; at = s.find(lead, at + 1)) s.replace(at, lead.size(), "-");
  static const std::initializer_list<std::string_view> kUnlikely = {
      "-ad-", "ad-slot", "adslot", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus",
      "extra", "footer", "gdpr", "consent", "cookie", "legends", "menu", "related", "remark", "replies", "rss",
      "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
      "pagination", "pager", "popup", "newsletter", "teaser", "recommend", "share", "sharing",
      "byline", "author", "caption", "credit", "toolbar", "tags", "topics", "outbrain", "taboola", "navigation",
      "subnav", "metabar", "meta-bar", "reading-time", "readtime", "read-time", "lesezeit", "print-only",
      "sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "offscreen", "signup", "subscribe", "abo-",
      "promo", "widget", "infobox", "info-box", "factbox", "more-articles", "morearticles", "trending", "mostread", "most-read", "meistgelesen"};
  static const std::initializer_list<std::string_view> kMaybe = {"article", "body", "content", "main", "column",
                                                                  "shadow", "text", "story"};
  if (!contains_any(s, kUnlikely)) return false;
  // "article-teaser", "content-related": the unlikely word wins when it ends the name.
  if (contains_any(s, {"teaser", "related", "recommend", "newsletter", "paywall", "comment", "social", "share",
                       "sharing", "cookie", "consent", "byline", "author", "caption", "credit", "reading-time", "infobox", "info-box", "factbox",
                       "readtime", "read-time", "lesezeit", "sr-only", "visually-hidden", "visuallyhidden",
                       "screen-reader", "promo", "outbrain", "taboola", "trending", "mostread", "most-read",
                       "meistgelesen", "more-articles", "morearticles", "breadcrumb", "offscreen", "signup",
                       "subscribe"}))
    return true;
  return !contains_any(s, kMaybe);
}

bool hidden(Node n) {
  if (has_attr(n, "hidden")) return true;
  if (lower_ascii(attr(n, "aria-hidden")) == "true") return true;
  std::string style = lower_ascii(attr(n, "style"));
  std::erase(style, ' ');
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

int class_weight(Node n) {
  std::string s = class_and_id(n);
  int w = lower_ascii(attr(n, "itemprop")) == "articlebody" ? 25 : 0;
  if (s.size() <= 1) return w;
  if (contains_any(s, {"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "masthead",
                       "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
                       "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "teaser", "caption",
                       "byline", "author", "recommend", "newsletter"}))
    w -= 25;
  if (contains_any(s, {"article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
                       "story", "richtext", "rte", "paragraph"}))
    w += 25;
  return w;
}

void remove(Node n);

// Everything below kMaxDepth levels made one flat list of siblings, in document order (scripts
// and other junk dropped on the way), so that no walk over the tree recurses deeper than that:
// hostile pages nest thousands of unclosed elements.
constexpr int kMaxDepth = 200;

void flatten(Node n) {
  for (Node c = n->children; c;) {
    Node next = c->next;
    if (c->type == XML_ELEMENT_NODE && junk_elements().contains(name_of(c))) {
      remove(c);
    } else if (c->type == XML_ELEMENT_NODE && c->children) {
      Node after = c;
      for (Node k = c->children; k;) {
        Node kn = k->next;
        xmlUnlinkNode(k);
        after = xmlAddNextSibling(after, k);
        k = kn;
      }
      next = c->next;
    }
    c = next;
  }
}

void limit_depth(Node root) {
  std::vector<std::pair<Node, int>> stack = {{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (depth >= kMaxDepth) {
      flatten(n);
      continue;
    }
    for (Node c = n->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE) stack.emplace_back(c, depth + 1);
  }
}

// A DOM parsed from HTML, freed with the object.
struct Doc {
  htmlDocPtr doc = nullptr;
  explicit Doc(std::string_view html) {
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    doc = htmlReadMemory(html.data(), static_cast<int>(std::min<std::size_t>(html.size(), INT32_MAX)), nullptr, "UTF-8",
                         options);
    if (Node r = root()) limit_depth(r);
  }
  ~Doc() {
    if (doc) xmlFreeDoc(doc);
  }
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;
  Node root() const { return doc ? xmlDocGetRootElement(doc) : nullptr; }
};

Node find_first(Node n, std::string_view name) {
  for (Node c = n ? n->children : nullptr; c; c = c->next) {
    if (!is_element(c)) continue;
    if (name_of(c) == name) return c;
    if (Node f = find_first(c, name)) return f;
  }
  return nullptr;
}

void remove(Node n) {
  xmlUnlinkNode(n);
  xmlFreeNode(n);
}

// ---------------------------------------------------------------------------------------------
// Metadata

struct Meta {
  std::string title_tag, h1, og_title, ld_headline, meta_date, ld_date, time_datetime, canonical, og_url, base,
      description, ld_author, ld_publisher, ld_url, site_name, ld_body;
};

bool is_article_type(const nlohmann::json& type) {
  auto one = [](const std::string& t) {
    return t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report" || t == "ClaimReview";
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array())
    for (const auto& t : type)
      if (t.is_string() && one(t.get<std::string>())) return true;
  return false;
}

std::string json_name(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("name") && v["name"].is_string()) return v["name"].get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) {
      std::string n = json_name(x);
      if (n.empty()) continue;
      if (!out.empty()) out += ", ";
      out += n;
    }
    return out;
  }
  return {};
}

void read_json_ld(const nlohmann::json& j, Meta& m, int depth = 0) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& x : j) read_json_ld(x, m, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) read_json_ld(j["@graph"], m, depth + 1);
  if (!j.contains("@type") || !is_article_type(j["@type"])) {
    if (j.contains("mainEntity")) read_json_ld(j["mainEntity"], m, depth + 1);
    return;
  }
  auto str = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? collapse_space(decode_entities(j[key].get<std::string>())) : std::string();
  };
  if (m.ld_headline.empty()) m.ld_headline = str("headline");
  if (m.ld_date.empty()) m.ld_date = str("datePublished");
  if (m.ld_date.empty()) m.ld_date = str("dateCreated");
  if (m.ld_author.empty() && j.contains("author")) m.ld_author = collapse_space(json_name(j["author"]));
  if (m.ld_publisher.empty() && j.contains("publisher")) m.ld_publisher = collapse_space(json_name(j["publisher"]));
  if (m.ld_url.empty()) m.ld_url = str("url");
  if (m.ld_body.empty() && j.contains("articleBody") && j["articleBody"].is_string()) {
    // Paragraphs stay apart: line breaks become blank lines, other space collapses.
    std::string body = decode_entities(j["articleBody"].get<std::string>());
    std::string out;
    std::size_t start = 0;
    while (start <= body.size()) {
      std::size_t end = std::min(body.find('\n', start), body.size());
      std::string p = collapse_space(std::string_view(body).substr(start, end - start));
      if (!p.empty()) out += (out.empty() ? "" : "\n\n") + p;
      start = end + 1;
    }
    m.ld_body = std::move(out);
  }
}

void read_meta_tag(Node n, Meta& m) {
  std::string_view content = attr(n, "content");
  if (content.empty()) return;
  std::string key;
  for (const char* a : {"property", "name", "itemprop"})
    if (std::string_view v = attr(n, a); !v.empty()) {
      key = lower_ascii(v);
      break;
    }
  // Separators vary ("article:published_time", "article:published:time", "og:site_name"): compare
  // with ':', '_' and '-' all read as '.'.
  for (char& ch : key)
    if (ch == ':' || ch == '_' || ch == '-') ch = '.';
  if (key == "og.title" && m.og_title.empty()) m.og_title = collapse_space(content);
  else if ((key == "og.site.name" || key == "application.name") && m.site_name.empty()) m.site_name = collapse_space(content);
  else if (key == "og.url" && m.og_url.empty()) m.og_url = collapse_space(content);
  else if ((key == "description" || key == "og.description") && m.description.empty()) m.description = collapse_space(content);
  else if (m.meta_date.empty() &&
           (key == "article.published.time" || key == "og.article.published.time" || key == "date" || key == "dc.date" ||
            key == "dc.date.issued" || key == "dcterms.date" || key == "dcterms.created" || key == "dcterms.issued" ||
            key == "pubdate" || key == "publishdate" || key == "publish.date" || key == "datepublished" ||
            key == "date.published" || key == "sailthru.date" || key == "parsely.pub.date" || key == "article.published"))
    m.meta_date = collapse_space(content);
}

void read_meta(Node n, Meta& m) {
  for (Node c = n->children; c; c = c->next) {
    if (!is_element(c)) continue;
    std::string_view name = name_of(c);
    if (name == "meta") read_meta_tag(c, m);
    else if (name == "link") {
      if (lower_ascii(attr(c, "rel")) == "canonical" && m.canonical.empty()) m.canonical = collapse_space(attr(c, "href"));
    } else if (name == "base") {
      if (m.base.empty()) m.base = collapse_space(attr(c, "href"));
    } else if (name == "title") {
      if (m.title_tag.empty()) m.title_tag = collapse_space(raw_text(c));
      continue;
    } else if (name == "script") {
      if (lower_ascii(attr(c, "type")) == "application/ld+json") {
        nlohmann::json j = nlohmann::json::parse(raw_text(c), nullptr, false);
        if (!j.is_discarded()) read_json_ld(j, m);
      }
      continue;
    } else if (name == "time") {
      if (m.time_datetime.empty()) m.time_datetime = collapse_space(attr(c, "datetime"));
    } else if (name == "h1" && m.h1.empty()) {
      m.h1 = collapse_space(raw_text(c));
    } else if (name == "style") {
      continue;
    }
    read_meta(c, m);
  }
}

// "https://host" of an absolute URL, "" when it is not one.
std::string origin_of(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos || scheme == 0) return {};
  std::size_t end = url.find_first_of("/?#", scheme + 3);
  return std::string(url.substr(0, end == std::string_view::npos ? url.size() : end));
}

// A title without the site's name appended (" | Site", " - Site"): `names` are the site's names;
// a visible headline that starts the title also ends it.
std::string without_site_name(const std::string& title, const std::vector<std::string>& names, const std::string& h1) {
  for (std::string_view sep : {" | ", " - ", " – ", " — ", " · ", " :: "}) {
    for (const std::string& name : names)
      if (!name.empty() && title.size() > name.size() + sep.size() && title.ends_with(name) &&
          std::string_view(title).substr(title.size() - name.size() - sep.size(), sep.size()) == sep)
        return title.substr(0, title.size() - name.size() - sep.size());
    if (!h1.empty() && title.size() > h1.size() + sep.size() && title.starts_with(h1) &&
        std::string_view(title).substr(h1.size(), sep.size()) == sep)
      return h1;
  }
  return title;
}

// The headline: og:title (what the publisher shows when the article is shared; on our evaluation
// pages it agrees with the visible headline more often than JSON-LD's headline, which is often
// the SEO variant), else JSON-LD headline, else <h1>, else <title>; site names cut off.
std::string choose_title(const Meta& m) {
  std::vector<std::string> names = {m.site_name, m.ld_publisher};
  for (const std::string& t : {m.og_title, m.ld_headline, m.h1, m.title_tag})
    if (!t.empty()) return without_site_name(t, names, m.h1);
  return {};
}

// ---------------------------------------------------------------------------------------------
// Text blocks

struct Block {
  std::string text;
  std::size_t link_chars = 0;
  Node owner = nullptr;  // the innermost block element the text is in
};

// Walks a subtree and cuts its text into blocks at block elements.
class BlockCollector {
 public:
  std::vector<Block> blocks;

  void walk(Node n) {
    owners_.push_back(n);
    visit_children(n);
    flush();
    owners_.pop_back();
  }

 private:
  void visit_children(Node n) {
    for (Node c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (!c->content) continue;
        std::string_view t = reinterpret_cast<const char*>(c->content);
        current_ += t;
        if (link_depth_ > 0) current_links_ += t.size();
      } else if (c->type == XML_ELEMENT_NODE) {
        std::string_view name = name_of(c);
        bool block = block_elements().contains(name);
        bool link = name == "a";
        if (block) {
          flush();
          owners_.push_back(c);
        }
        if (link) ++link_depth_;
        visit_children(c);
        if (link) --link_depth_;
        if (block) {
          flush();
          owners_.pop_back();
        }
      }
    }
  }

  void flush() {
    if (current_.empty()) return;
    std::string text = collapse_space(current_);
    if (!text.empty()) blocks.push_back(Block{std::move(text), std::min(current_links_, current_.size()), owners_.back()});
    current_.clear();
    current_links_ = 0;
  }

  std::vector<Node> owners_;
  std::string current_;
  std::size_t current_links_ = 0;
  int link_depth_ = 0;
};

// Marks (in libxml2's _private) the parent and grandparent of a removed picture or player.
int kMediaBox = 0;

// Removes what is never text (scripts, nav, footer, aside, form controls, figures, hidden elements,
// ARIA navigation/banner/complementary roles) and, when `strict`, what class/id names call page
// furniture. <form> and <header> stay: some sites wrap the whole page, or the lead, in them.
void prune(Node n, bool strict) {
  for (Node c = n->children; c;) {
    Node next = c->next;
    if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
      remove(c);
    } else if (is_element(c)) {
      std::string_view name = name_of(c);
      std::string role = lower_ascii(attr(c, "role"));
      bool drop = junk_elements().contains(name) || hidden(c) || role == "navigation" || role == "banner" ||
                  role == "contentinfo" || role == "search" || role == "dialog" || role == "alertdialog" ||
                  role == "menu" || role == "menubar" || role == "toolbar" || role == "complementary";
      if (!drop && strict && name != "body" && name != "html" && name != "article" && name != "main" &&
          lower_ascii(attr(c, "itemprop")) != "articlebody")
        drop = unlikely_candidate(c);
      if (!drop && (name == "aside")) drop = true;
      if (drop && (name == "img" || name == "picture" || name == "video" || name == "audio" || name == "iframe")) {
        // The box a picture or player sat in, for clean_conditionally's media-box rule.
        if (c->parent) c->parent->_private = &kMediaBox;
        if (c->parent && c->parent->parent && is_element(c->parent->parent)) c->parent->parent->_private = &kMediaBox;
      }
      if (drop) remove(c);
      else prune(c, strict);
    }
    c = next;
  }
}

struct Stats {
  double score = 0;
  bool candidate = false;
  std::size_t chars = 0, link_chars = 0, commas = 0;
  std::size_t paragraphs = 0;  // blocks of 80+ characters
};

std::size_t count_commas(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += c == ',';
  return n;
}

// Characters counted as code points (UTF-8 continuation bytes skipped).
std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

int tag_weight(std::string_view name) {
  if (name == "div" || name == "article" || name == "section" || name == "main") return 5;
  if (name == "pre" || name == "td" || name == "blockquote") return 3;
  if (name == "address" || name == "ol" || name == "ul" || name == "dl" || name == "dd" || name == "dt" ||
      name == "li" || name == "form")
    return -3;
  if (is_heading(name) || name == "th") return -5;
  return 0;
}

class Scorer {
 public:
  std::unordered_map<Node, Stats> stats;

  void run(Node body) {
    BlockCollector bc;
    bc.walk(body);
    for (const Block& b : bc.blocks) {
      std::size_t len = length(b.text);
      std::size_t commas = count_commas(b.text);
      for (Node a = b.owner; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        Stats& s = stats[a];
        s.chars += len;
        s.link_chars += std::min(b.link_chars, b.text.size()) * len / std::max<std::size_t>(b.text.size(), 1);
        s.commas += commas;
        if (len >= 80 && b.link_chars * 4 < b.text.size()) ++s.paragraphs;
      }
      if (len < 25 || b.link_chars * 2 > b.text.size()) continue;
      double score = 1.0 + static_cast<double>(commas) + std::min(std::floor(static_cast<double>(len) / 100.0), 3.0);
      Node start = b.owner;
      int level = 0;
      for (Node a = start->parent; a && a->type == XML_ELEMENT_NODE && level < 5; a = a->parent, ++level) {
        Stats& s = stats[a];
        if (!s.candidate) {
          s.candidate = true;
          s.score += tag_weight(name_of(a)) + class_weight(a);
        }
        double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        s.score += score / divider;
      }
    }
  }

  double link_density(Node n) const {
    auto it = stats.find(n);
    if (it == stats.end() || it->second.chars == 0) return 0;
    return static_cast<double>(it->second.link_chars) / static_cast<double>(it->second.chars);
  }
  const Stats& of(Node n) const {
    static const Stats empty;
    auto it = stats.find(n);
    return it == stats.end() ? empty : it->second;
  }
  double final_score(Node n) const { return of(n).score * (1.0 - link_density(n)); }
};

bool is_inside(Node n, Node ancestor) {
  for (Node a = n; a; a = a->parent)
    if (a == ancestor) return true;
  return false;
}

// Elements under `n` with the tag and class of `top` that hold paragraphs and few links, outside
// everything in `chosen`.
void collect_same_kind(Node n, Node top, std::string_view cls, const Scorer& scorer, const std::vector<Node>& chosen,
                       std::vector<Node>& out) {
  for (Node c = n->children; c; c = c->next) {
    if (!is_element(c)) continue;
    if (std::find(chosen.begin(), chosen.end(), c) != chosen.end()) continue;
    if (name_of(c) == name_of(top) && attr(c, "class") == cls) {
      bool nested = false;
      for (Node x : chosen) nested = nested || is_inside(x, c);
      if (!nested && scorer.of(c).paragraphs >= 1 && scorer.link_density(c) < 0.3) {
        out.push_back(c);
        continue;
      }
    }
    collect_same_kind(c, top, cls, scorer, chosen, out);
  }
}

void order_walk(Node n, const std::unordered_set<Node>& wanted, std::vector<Node>& out) {
  for (Node c = n->children; c; c = c->next) {
    if (!is_element(c)) continue;
    if (wanted.contains(c)) out.push_back(c);
    else order_walk(c, wanted, out);
  }
}

std::vector<Node> in_document_order(Node body, const std::vector<Node>& nodes) {
  std::unordered_set<Node> wanted(nodes.begin(), nodes.end());
  std::vector<Node> out;
  if (wanted.contains(body)) return {body};
  order_walk(body, wanted, out);
  return out;
}

// The element the article is in, and the siblings that belong to it.
std::vector<Node> grab_article(Node body, Scorer& scorer) {
  // The best candidate; on equal scores the first in document order (never an address order).
  Node top = nullptr;
  double best = 0;
  std::vector<Node> pending = {body};
  while (!pending.empty()) {
    Node n = pending.back();
    pending.pop_back();
    if (const Stats& s = scorer.of(n); s.candidate && scorer.final_score(n) > best) {
      best = scorer.final_score(n);
      top = n;
    }
    std::vector<Node> children;
    for (Node c = n->children; c; c = c->next)
      if (is_element(c)) children.push_back(c);
    pending.insert(pending.end(), children.rbegin(), children.rend());
  }
  if (!top) return {body};
  // Climb while the parent holds clearly more article paragraphs (the lead and text are often
  // split between sibling containers).
  for (int i = 0; i < 3 && top->parent && top->parent->type == XML_ELEMENT_NODE && top != body; ++i) {
    Node parent = top->parent;
    const Stats& ps = scorer.of(parent);
    const Stats& ts = scorer.of(top);
    if (ps.paragraphs > ts.paragraphs && scorer.link_density(parent) < 0.25 &&
        static_cast<double>(ps.chars - ts.chars) < 0.5 * static_cast<double>(ts.chars) + 400)
      top = parent;
    else break;
  }
  std::vector<Node> out;
  Node parent = top->parent;
  if (!parent || parent->type != XML_ELEMENT_NODE) return {top};
  double threshold = std::max(10.0, scorer.final_score(top) * 0.2);
  std::string top_class(attr(top, "class"));
  for (Node s = parent->children; s; s = s->next) {
    if (!is_element(s)) continue;
    if (s == top) {
      out.push_back(s);
      continue;
    }
    double bonus = !top_class.empty() && attr(s, "class") == top_class ? scorer.final_score(top) * 0.2 : 0;
    bool append = scorer.of(s).candidate && scorer.final_score(s) + bonus >= threshold;
    if (!append && (name_of(s) == "p" || is_heading(name_of(s)))) {
      const Stats& st = scorer.of(s);
      double ld = scorer.link_density(s);
      if (st.chars > 80 && ld < 0.25) append = true;
      else if (st.chars > 0 && st.chars < 80 && ld == 0) {
        std::string t = collapse_space(raw_text(s));
        append = !t.empty() && (t.back() == '.' || t.back() == ':');
      }
    }
    if (append) out.push_back(s);
  }
  // An article body split around ads or images into several containers of the same kind (same tag
  // and class) elsewhere in the page: the others with real paragraphs belong to it too.
  if (std::string_view cls = attr(top, "class"); !cls.empty()) {
    std::vector<Node> more;
    collect_same_kind(body, top, cls, scorer, out, more);
    if (!more.empty()) {
      out.insert(out.end(), more.begin(), more.end());
      out = in_document_order(body, out);
    }
  }
  return out;
}

std::size_t count_descendants(Node n, std::string_view name) {
  std::size_t k = 0;
  for (Node c = n->children; c; c = c->next) {
    if (!is_element(c)) continue;
    if (name_of(c) == name) ++k;
    k += count_descendants(c, name);
  }
  return k;
}

// <p> elements of 80+ characters under n.
std::size_t count_long_p(Node n) {
  std::size_t k = 0;
  for (Node c = n->children; c; c = c->next) {
    if (!is_element(c)) continue;
    if (name_of(c) == "p" && length(collapse_space(raw_text(c))) >= 80) ++k;
    else k += count_long_p(c);
  }
  return k;
}

std::size_t count_elements(Node n) {
  std::size_t k = 0;
  for (Node c = n->children; c; c = c->next)
    if (is_element(c)) k += 1 + count_elements(c);
  return k;
}

// Readability's _cleanConditionally, on the chosen content, deepest first: containers that are
// mostly links (teaser lists, "more on this"), more list items than paragraphs, tiny boxes with
// interface words, and <article> teaser cards much smaller than the text around them.
void clean_conditionally(Node n, const Scorer& scorer, std::size_t total_chars) {
  for (Node c = n->children; c;) {
    Node next = c->next;
    if (is_element(c)) {
      std::size_t before = count_elements(c);
      clean_conditionally(c, scorer, total_chars);
      bool emptied = count_elements(c) < before;
      std::string_view name = name_of(c);
      bool container = name == "div" || name == "section" || name == "ul" || name == "ol" || name == "table" ||
                       name == "article" || name == "header" || name == "form" || name == "dl";
      if (container) {
        std::string text = collapse_space(raw_text(c));
        std::size_t chars = length(text);
        BlockCollector bc;
        bc.walk(c);
        std::size_t link_chars = 0, bytes = 0, long_paragraphs = 0;
        for (const Block& b : bc.blocks) {
          link_chars += b.link_chars;
          bytes += b.text.size();
          if (length(b.text) >= 80 && b.link_chars * 4 < b.text.size()) ++long_paragraphs;
        }
        double ld = bytes ? static_cast<double>(link_chars) / static_cast<double>(bytes) : 0.0;
        int weight = class_weight(c);
        std::size_t p = count_descendants(c, "p");
        std::size_t li = count_descendants(c, "li");
        bool list = name == "ul" || name == "ol" || name == "dl";
        std::size_t commas = count_commas(text);
        bool drop = false;
        if (chars == 0) drop = false;
        else if (emptied && long_paragraphs == 0 && chars < 120) drop = true;  // a list of stories without its items
        else if (name == "article" && (ld > 0.35 || chars * 3 < total_chars) && long_paragraphs < 3) drop = true;  // a teaser card
        else if (c->_private == &kMediaBox && chars < 300 && chars * 3 < total_chars && count_long_p(c) == 0)
          drop = true;  // a picture or player with its caption, credit and duration
        else if (commas < 10) {
          if (!list && li > p + 1 && long_paragraphs < 2 && ld > 0.2) drop = true;
          else if (weight < 25 && ld > 0.33 && long_paragraphs < 3) drop = true;
          else if (weight >= 25 && ld > 0.5) drop = true;
          else if (list && ld > 0.5) drop = true;
        }
        if (drop) remove(c);
      }
    }
    c = next;
  }
}

// Interface lines in article bodies: bylines, reading time, image credits, dates alone, labels
// (one or two words, unless a subheading <h2>…<h6>).
bool is_interface_line(std::string_view p, bool heading) {
  std::size_t len = length(p);
  if (len > 160) return false;
  std::string l = lower_ascii(p);
  // Leading dashes and bullets say nothing ("-Aktualisiert am …").
  l.erase(0, std::min(l.find_first_not_of("-–|•· "), l.size()));
  bool ends_sentence = !l.empty() && (l.back() == '.' || l.back() == '!' || l.back() == '?' || l.back() == '"' ||
                                      p.ends_with("“") || p.ends_with("«"));
  std::size_t letters = 0, words = 1;
  for (char c : l) {
    letters += std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
    words += c == ' ';
  }
  if (letters == 0) return true;  // "|", "…", numbers alone
  // Labels: one or two words that end no sentence ("Link kopiert", "Themen", "8 Min").
  if (words <= 2 && !ends_sentence && !heading) return true;
  // Image credits: "Name/dpa", "… © Agentur", "… Bild: Name".
  if (len < 200 && (l.find(" © ") != std::string::npos || l.find(" bild: ") != std::string::npos ||
                    l.find(" foto: ") != std::string::npos))
    return true;
  if (len < 60 && !ends_sentence && words <= 5) {
    for (std::string_view agency : {"/dpa", "/afp", "/imago", "/reuters", "/ap", "/epa", "/getty", "/keystone", "/apa"})
      if (l.ends_with(agency)) return true;
  }
  // Pointers to other content: "Mehr zur Lage lesen Sie in unserem Liveblog:", "Weitere Informationen".
  if (l.ends_with(":") && (l.find("lesen sie") != std::string::npos || l.find("finden sie") != std::string::npos ||
                           l.find("liveblog") != std::string::npos || l.find("hier ") != std::string::npos))
    return true;
  for (std::string_view w : {"weitere informationen", "ende der weiteren informationen", "fehler gefunden",
                             "zitiervorschlag", "ein klick für den datenschutz", "link kopiert", "die artikel-url",
                             "in ihrer zwischenablage", "datenschutzerklärung", "lesen sie mehr", "verfügbar bis"})
    if (l.find(w) != std::string::npos && len < 200) return true;
  // Bylines: "Von Anna Beispiel", "von Anna Beispiel und Max Muster, Berlin".
  if ((l.starts_with("von ") || l.starts_with("by ") || l.starts_with("autor:") || l.starts_with("autorin:")) &&
      len < 100 && !ends_sentence)
    return true;
  // Credits: "Redaktion: A, B", "Mitarbeit: C", "Aus dem Englischen von D", citation lines.
  for (std::string_view w : {"redaktion:", "faktencheck:", "mitarbeit:", "recherche:", "text:", "übersetzung:",
                             "aus dem englischen von", "aus dem amerikanischen von", "aus dem französischen von"})
    if (l.starts_with(w) && len < 120) return true;
  if (l.find("(abgerufen am") != std::string::npos) return true;
  for (std::string_view w : {"lesezeit", "lesedauer", "min. lesen", "minuten lesezeit", "reading time"})
    if (l.find(w) != std::string::npos && len < 60) return true;
  for (std::string_view w : {"foto:", "fotos:", "bild:", "bilder:", "quelle: imago", "grafik:", "video:", "audio:",
                             "©", "(c) ", "foto ©", "bildquelle", "credit:", "zur startseite", "anzeige", "werbung"})
    if (l.starts_with(w)) return true;
  if (len < 80 && (l.find("foto: ") != std::string::npos || l.find("| foto") != std::string::npos ||
                   l.find("/ imago") != std::string::npos || l.find("dpa-bildfunk") != std::string::npos ||
                   l.find("getty images") != std::string::npos || l.find("picture alliance") != std::string::npos))
    return true;
  // Consent placeholders of embedded content (videos, posts, graphics).
  for (std::string_view w : {"externer inhalt", "externen inhalt", "empfohlener redaktioneller inhalt",
                             "ich bin damit einverstanden", "personenbezogene daten können",
                             "wir benötigen ihre zustimmung", "inhalte von drittanbietern", "um diesen inhalt"})
    if (l.find(w) != std::string::npos && len < 200) return true;
  for (std::string_view w : {"newsletter", "abonnieren", "jetzt abo", "abo abschließen", "registrieren sie sich",
                             "cookie", "javascript", "datenschutzerklärung", "mehr zum thema", "weitere artikel",
                             "auch interessant", "das könnte sie", "lesen sie auch", "lesen sie hier", "hier lesen",
                             "zum thema", "mehr dazu", "artikel teilen", "link kopieren", "kommentare",
                             "zur merkliste", "merken", "teilen", "vorlesen", "drucken", "feedback",
                             "audio anhören", "artikel anhören", "jetzt lesen"})
    if (l.starts_with(w) && len < 100) return true;
  // A date or time alone ("25. November", "28.04.2023, 17:52 Uhr", "Stand: 12:30 Uhr").
  if (len < 48 && !ends_sentence) {
    std::size_t digits = 0, letters = 0;
    for (char c : l) {
      if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
      else if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
    }
    if (digits >= 2 && (l.find("uhr") != std::string::npos || l.starts_with("stand") || l.starts_with("aktualisiert") ||
                        l.starts_with("veröffentlicht") || l.starts_with("erstellt") || letters <= 12))
      return true;
  }
  return false;
}

// Letters and digits only, lowercase: "Kicker: Headline" and "Kicker Headline" compare equal.
std::string letters_only(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether a block is the headline again, with a kicker or the site name around it.
bool repeats_title(std::string_view block, const std::vector<std::string>& titles) {
  std::string b = letters_only(block);
  for (const std::string& t : titles) {
    std::string l = letters_only(t);
    if (l.size() < 12) continue;
    if (b.find(l) != std::string::npos && b.size() < l.size() + 80 && l.size() * 2 >= b.size()) return true;
  }
  return false;
}

void find_quotes(Node n, std::vector<Node>& out) {
  for (Node c = n->children; c; c = c->next) {
    if (!is_element(c)) continue;
    std::string cls = lower_ascii(attr(c, "class"));
    if (name_of(c) == "blockquote" || cls.find("quote") != std::string::npos || cls.find("zitat") != std::string::npos)
      out.push_back(c);
    else find_quotes(c, out);
  }
}

// Pull quotes: a quotation box whose sentence the article also has in its text.
void drop_pull_quotes(const std::vector<Node>& content) {
  std::vector<Node> quotes;
  for (Node n : content) find_quotes(n, quotes);
  if (quotes.empty()) return;
  BlockCollector all;
  for (Node n : content) all.walk(n);
  std::string text;
  for (const Block& b : all.blocks) text += letters_only(b.text);
  for (Node q : quotes) {
    BlockCollector bc;
    bc.walk(q);
    std::string longest;
    for (const Block& b : bc.blocks)
      if (b.text.size() > longest.size()) longest = b.text;
    std::string l = letters_only(longest);
    if (l.size() < 30) continue;
    std::size_t first = text.find(l);
    if (first != std::string::npos && text.find(l, first + 1) != std::string::npos) remove(q);
  }
}

std::string render(const std::vector<Node>& nodes, const std::vector<std::string>& titles, bool drop_boilerplate,
                   bool drop_links) {
  BlockCollector bc;
  for (Node n : nodes) bc.walk(n);
  std::string text;
  bool title_seen = false;
  for (const Block& b : bc.blocks) {
    const std::string& p = b.text;
    if (!title_seen && std::find(titles.begin(), titles.end(), p) != titles.end()) {
      title_seen = true;
      continue;
    }
    if (name_of(b.owner) == "h1") continue;
    if (!title_seen && repeats_title(p, titles)) {  // kicker + headline, headline + site
      title_seen = true;
      continue;
    }
    if (drop_links && length(p) < 300 && b.link_chars * 2 > p.size()) continue;
    if (drop_boilerplate && (is_boilerplate_line(p) || is_interface_line(p, is_heading(name_of(b.owner))))) continue;
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

std::size_t count_paragraphs(Node n) {
  std::size_t k = 0;
  for (Node c = n ? n->children : nullptr; c; c = c->next) {
    if (!is_element(c)) continue;
    if (name_of(c) == "p" && length(collapse_space(raw_text(c))) >= 80) ++k;
    k += count_paragraphs(c);
  }
  return k;
}

}  // namespace

HtmlPage extract_html_page(std::string_view html, std::string_view page_url) {
  HtmlPage page;
  Meta m;
  for (int attempt = 0; attempt < 2; ++attempt) {
    Doc doc(html);
    Node root = doc.root();
    if (!root) break;
    if (attempt == 0) {
      read_meta(root, m);
      page.paragraphs = count_paragraphs(root);
    }
    Node body = find_first(root, "body");
    if (!body) body = root;
    // First with class/id rules; when that leaves little of a page with many paragraphs, again
    // without them (as Readability retries with its flags off).
    prune(body, attempt == 0);
    Scorer scorer;
    scorer.run(body);
    std::vector<Node> content = grab_article(body, scorer);
    std::size_t total = 0;
    for (Node n : content) total += scorer.of(n).chars;
    for (Node n : content) clean_conditionally(n, scorer, total);
    drop_pull_quotes(content);
    std::string text = render(content, {choose_title(m), m.og_title, m.ld_headline, m.h1}, true, true);
    if (length(text) > length(page.text)) page.text = std::move(text);
    if (length(page.text) >= 500 || page.paragraphs < 3) break;
  }
  page.title = choose_title(m);
  // The first date that reads as a date (some pages write "Fri Apr 28 19:20:36 CEST 2023" in
  // JSON-LD and ISO in <time>); when none does, the first given, for the metadata warning.
  for (const std::string& d : {m.ld_date, m.meta_date, m.time_datetime})
    if (page.date.empty() && !d.empty() && normalize_date(d)) page.date = d;
  if (page.date.empty()) page.date = !m.ld_date.empty() ? m.ld_date : !m.meta_date.empty() ? m.meta_date : m.time_datetime;
  page.author = m.ld_author;
  page.publisher = !m.ld_publisher.empty() ? m.ld_publisher : m.site_name;
  page.description = m.description;
  // The page's address: canonical, else og:url, else JSON-LD url; a relative one resolved against
  // og:url, <base>, the address the page came from (WARC target URI, feed link).
  std::string url = !m.canonical.empty() ? m.canonical : !m.og_url.empty() ? m.og_url : m.ld_url;
  if (!url.empty() && origin_of(url).empty()) {
    std::string resolved;
    for (const std::string& base : {m.og_url, m.base, std::string(page_url), m.ld_url})
      if (resolved.empty()) resolved = resolve_url(url, base);
    if (resolved.empty()) page.url_unresolved = true;
    else url = std::move(resolved);
  }
  if (url.empty()) url = std::string(page_url);
  page.url = std::move(url);
  // Pages rendered by script carry their text only in JSON-LD's articleBody: when the markup gave
  // little, the publisher's own copy is the better text.
  if (length(page.text) < 500 && length(m.ld_body) > 2 * length(page.text)) page.text = m.ld_body;
  if (page.text.empty()) page.text = page.description;
  return page;
}

void warn_about_page(const HtmlPage& page, const Article& a, const ProblemSink& problems) {
  if (page.url_unresolved)
    problems(ReadProblem{a.origin,
                         fmt::format("canonical URL \"{}\" is a bare path and the page gives nothing to resolve it "
                                     "against (og:url, <base>); it is kept as the url and would be the id",
                                     a.url),
                         false});
  if (looks_like_markup(a.body))
    problems(ReadProblem{a.origin, "the extracted text still looks like HTML markup", false});
  if (length(a.body) < 200 && page.paragraphs >= 5)
    problems(ReadProblem{a.origin,
                         fmt::format("only {} characters of article text extracted from a page with {} paragraphs",
                                     length(a.body), page.paragraphs),
                         false});
}

std::string resolve_url(std::string_view url, std::string_view base) {
  if (!origin_of(url).empty()) return std::string(url);
  std::string origin = origin_of(base);
  if (origin.empty() || url.empty()) return {};
  if (url.starts_with("//")) return origin.substr(0, origin.find("://") + 1) + std::string(url);
  if (url.starts_with("/")) return origin + std::string(url);
  std::string_view path = base.substr(origin.size());
  path = path.substr(0, path.find_first_of("?#"));
  std::size_t slash = path.rfind('/');
  return origin + std::string(slash == std::string_view::npos ? "/" : path.substr(0, slash + 1)) + std::string(url);
}

namespace {

bool has_html_tags(std::string_view s) {
  for (std::string_view t : {"<p>", "<p ", "</p>", "<br", "<div", "</div>", "<a ", "</a>", "<b>", "<i>", "<em>",
                             "<strong>", "<span", "<ul>", "<li>", "<h2", "<h3", "<img ", "<blockquote"})
    if (s.find(t) != std::string_view::npos) return true;
  return false;
}

// CDATA sections in an HTML payload: HTML inside (a feed's escaped payload wrapped in a literal
// CDATA marker) is kept as markup, anything else becomes literal text.
std::string unwrap_cdata(std::string_view html) {
  std::string out;
  std::size_t i = 0;
  while (true) {
    std::size_t open = html.find("<![CDATA[", i);
    if (open == std::string_view::npos) break;
    out.append(html.substr(i, open - i));
    std::size_t start = open + 9;
    std::size_t close = html.find("]]>", start);
    std::string_view inner = html.substr(start, close == std::string_view::npos ? std::string_view::npos : close - start);
    if (has_html_tags(inner)) {
      out.append(inner);
    } else {
      for (char c : inner) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else out += c;
      }
    }
    if (close == std::string_view::npos) return out;
    i = close + 3;
  }
  out.append(html.substr(i));
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html, bool drop_boilerplate) {
  // A payload whose HTML is wrapped in a literal CDATA marker (entity-escaped in the feed): the
  // marker goes, the HTML inside is converted like any other.
  std::string source = unwrap_cdata(html);
  if (source.find_first_of("<&") == std::string::npos) {
    std::string text;
    // Plain text: paragraphs stay where blank lines are.
    std::size_t start = 0;
    while (start <= source.size()) {
      std::size_t end = source.find("\n\n", start);
      if (end == std::string::npos) end = source.size();
      std::string p = collapse_space(std::string_view(source).substr(start, end - start));
      if (!p.empty() && !(drop_boilerplate && is_boilerplate_line(p))) {
        if (!text.empty()) text += "\n\n";
        text += p;
      }
      start = end + 2;
    }
    return text;
  }
  std::string wrapped = "<html><body><div>" + source + "</div></body></html>";
  Doc doc(wrapped);
  Node root = doc.root();
  if (!root) return {};
  Node body = find_first(root, "body");
  if (!body) body = root;
  prune(body, false);
  BlockCollector bc;
  bc.walk(body);
  std::string text;
  for (const Block& b : bc.blocks) {
    if (drop_boilerplate && is_boilerplate_line(b.text)) continue;
    if (!text.empty()) text += "\n\n";
    text += b.text;
  }
  return text;
}

bool looks_like_markup(std::string_view text) {
  std::size_t tags = 0;
  for (std::string_view t : {"<p>", "<p ", "</p>", "<br", "<div", "</div>", "<a href", "</a>", "<![CDATA[", "<img "})
    for (std::size_t p = text.find(t); p != std::string_view::npos; p = text.find(t, p + 1)) ++tags;
  return tags >= 2;
}

}  // namespace newsindex
