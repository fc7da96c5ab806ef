#include "html_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include <unicode/ucnv.h>

namespace newsindex {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != lower(prefix[i])) return false;
  return true;
}

std::size_t find_icase(std::string_view s, std::string_view needle, std::size_t from) {
  for (std::size_t i = from; i + needle.size() <= s.size(); ++i)
    if (starts_with_icase(s.substr(i), needle)) return i;
  return std::string_view::npos;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

const std::unordered_map<std::string_view, std::uint32_t>& named_entities() {
  static const std::unordered_map<std::string_view, std::uint32_t> table = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '}, {"shy", 0xAD},
      {"auml", 0xE4}, {"ouml", 0xF6}, {"uuml", 0xFC}, {"Auml", 0xC4}, {"Ouml", 0xD6}, {"Uuml", 0xDC},
      {"szlig", 0xDF}, {"eacute", 0xE9}, {"Eacute", 0xC9}, {"egrave", 0xE8}, {"Egrave", 0xC8}, {"ecirc", 0xEA},
      {"euml", 0xEB}, {"agrave", 0xE0}, {"aacute", 0xE1}, {"acirc", 0xE2}, {"atilde", 0xE3}, {"aring", 0xE5},
      {"aelig", 0xE6}, {"ccedil", 0xE7}, {"Ccedil", 0xC7}, {"igrave", 0xEC}, {"iacute", 0xED}, {"icirc", 0xEE},
      {"iuml", 0xEF}, {"ntilde", 0xF1}, {"ograve", 0xF2}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"otilde", 0xF5},
      {"oslash", 0xF8}, {"ugrave", 0xF9}, {"uacute", 0xFA}, {"ucirc", 0xFB}, {"yacute", 0xFD}, {"Aacute", 0xC1},
      {"Agrave", 0xC0}, {"Oslash", 0xD8}, {"Ntilde", 0xD1}, {"scaron", 0x161}, {"Scaron", 0x160},
      {"ccaron", 0x10D}, {"Ccaron", 0x10C}, {"zcaron", 0x17E}, {"euro", 0x20AC}, {"pound", 0xA3}, {"yen", 0xA5},
      {"cent", 0xA2}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"deg", 0xB0}, {"plusmn", 0xB1},
      {"times", 0xD7}, {"divide", 0xF7}, {"middot", 0xB7}, {"bull", 0x2022}, {"hellip", 0x2026},
      {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
      {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"laquo", 0xAB}, {"raquo", 0xBB},
      {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"sect", 0xA7}, {"para", 0xB6}, {"frac12", 0xBD},
      {"frac14", 0xBC}, {"frac34", 0xBE}, {"sup2", 0xB2}, {"sup3", 0xB3}, {"micro", 0xB5}, {"thinsp", 0x2009},
      {"ensp", 0x2002}, {"emsp", 0x2003}, {"zwnj", 0x200C}, {"zwj", 0x200D}, {"lrm", 0x200E}, {"rlm", 0x200F},
      {"prime", 0x2032}, {"Prime", 0x2033}, {"dagger", 0x2020}, {"minus", 0x2212}, {"larr", 0x2190},
      {"rarr", 0x2192}, {"iexcl", 0xA1}, {"iquest", 0xBF}, {"ordf", 0xAA}, {"ordm", 0xBA}, {"not", 0xAC},
      {"uml", 0xA8}, {"acute", 0xB4}, {"cedil", 0xB8}, {"half", 0xBD}, {"num", '#'}, {"sol", '/'},
      {"colon", ':'}, {"comma", ','}, {"period", '.'}, {"excl", '!'}, {"quest", '?'}, {"lpar", '('},
      {"rpar", ')'}, {"hyphen", 0x2010}, {"dash", 0x2010}, {"NewLine", '\n'}, {"Tab", '\t'}};
  return table;
}

// Numeric references in 128..159 mean Windows-1252 in practice (&#150; is a dash).
std::uint32_t from_windows_1252(std::uint32_t cp) {
  static constexpr std::array<std::uint16_t, 32> kMap = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  return cp >= 0x80 && cp <= 0x9F ? kMap[cp - 0x80] : cp;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

struct Tag {
  std::string name;  // lowercase
  bool end = false;
  bool self_closing = false;
  std::vector<std::pair<std::string, std::string>> attrs;  // names lowercase, values decoded

  const std::string* attr(std::string_view name) const {
    for (const auto& [k, v] : attrs)
      if (k == name) return &v;
    return nullptr;
  }
};

// Parses the tag starting at html[pos] == '<' (pos just after '<' on return is not needed):
// returns the position after '>' (or the end), fills `tag`.
std::size_t parse_tag(std::string_view html, std::size_t pos, Tag& tag) {
  tag = Tag{};
  std::size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.end = true;
    ++i;
  }
  std::size_t name_start = i;
  while (i < html.size() && !is_space(html[i]) && html[i] != '>' && html[i] != '/') ++i;
  tag.name = lower_ascii(html.substr(name_start, i - name_start));
  while (i < html.size()) {
    while (i < html.size() && (is_space(html[i]) || html[i] == '/')) {
      if (html[i] == '/') tag.self_closing = true;
      ++i;
    }
    if (i >= html.size()) break;
    if (html[i] == '>') return i + 1;
    tag.self_closing = false;
    std::size_t an = i;
    while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>' && html[i] != '/') ++i;
    std::string name = lower_ascii(html.substr(an, i - an));
    while (i < html.size() && is_space(html[i])) ++i;
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      while (i < html.size() && is_space(html[i])) ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        char q = html[i++];
        std::size_t end = html.find(q, i);
        if (end == std::string_view::npos) end = html.size();
        value = decode_entities(html.substr(i, end - i));
        i = end + 1;
      } else {
        std::size_t vs = i;
        while (i < html.size() && !is_space(html[i]) && html[i] != '>') ++i;
        value = decode_entities(html.substr(vs, i - vs));
      }
    }
    if (!name.empty() && !tag.end) tag.attrs.emplace_back(std::move(name), std::move(value));
  }
  return html.size();
}

const std::unordered_set<std::string_view>& void_elements() {
  static const std::unordered_set<std::string_view> s = {"area", "base", "br", "col", "embed", "hr", "img",
                                                         "input", "link", "meta", "param", "source", "track",
                                                         "wbr", "keygen"};
  return s;
}

const std::unordered_set<std::string_view>& block_elements() {
  static const std::unordered_set<std::string_view> s = {
      "p",      "div",     "section", "article", "main",   "br",      "li",     "ul",   "ol",      "h1",
      "h2",     "h3",      "h4",      "h5",      "h6",     "blockquote", "pre", "table", "tr",     "td",
      "th",     "dd",      "dt",      "dl",      "hr",     "address", "center", "header", "footer", "nav",
      "aside",  "form",    "figure",  "details", "summary", "body",   "html",   "caption", "figcaption", "title"};
  return s;
}

// Elements whose content is never article text.
const std::unordered_set<std::string_view>& dropped_elements() {
  static const std::unordered_set<std::string_view> s = {
      "nav",    "footer", "aside",  "script", "style", "form",  "noscript", "template", "svg", "button",
      "select", "iframe", "figure", "figcaption", "menu", "dialog", "canvas", "object", "video", "audio",
      "head",   "math"};
  return s;
}

// Class/id words that mark navigation, sharing, comments, ads and the like.
const std::unordered_set<std::string_view>& dropped_class_words() {
  static const std::unordered_set<std::string_view> s = {
      "nav",     "navigation", "navbar", "menu",      "breadcrumb", "breadcrumbs", "share",   "sharing",
      "social",  "related",    "newsletter", "cookie", "cookies",   "comments",    "comment", "advert",
      "advertisement", "ads",  "sidebar", "footer",   "promo",      "sponsored",   "consent", "byline-share"};
  return s;
}

bool has_dropped_class(const Tag& tag) {
  for (const char* a : {"class", "id"}) {
    const std::string* v = tag.attr(a);
    if (!v) continue;
    std::string value = lower_ascii(*v);
    std::size_t i = 0;
    while (i < value.size()) {
      std::size_t end = value.find_first_of(" \t\n-_", i);
      if (end == std::string::npos) end = value.size();
      if (dropped_class_words().contains(std::string_view(value).substr(i, end - i))) return true;
      i = end + 1;
    }
  }
  if (const std::string* role = tag.attr("role")) {
    std::string r = lower_ascii(*role);
    if (r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" || r == "search") return true;
  }
  if (tag.attr("hidden")) return true;
  if (const std::string* h = tag.attr("aria-hidden"); h && lower_ascii(*h) == "true") return true;
  return false;
}

// How strongly an element says "the article is in here": 3 articleBody, 2 <article>, 1 <main>.
int article_root_kind(const Tag& tag) {
  if (const std::string* ip = tag.attr("itemprop"); ip && lower_ascii(*ip) == "articlebody") return 3;
  if (const std::string* cls = tag.attr("class")) {
    std::string c = lower_ascii(*cls);
    for (std::string_view k : {"article-body", "article__body", "articlebody", "story-body", "entry-content"})
      if (c.find(k) != std::string::npos) return 3;
  }
  if (tag.name == "article") return 2;
  if (tag.name == "main" || (tag.attr("role") && lower_ascii(*tag.attr("role")) == "main")) return 1;
  return 0;
}

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
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

struct Paragraph {
  std::string text;
  std::size_t link_bytes = 0;
  int root = -1;  // innermost article root it is in
  bool heading1 = false;
};

struct Root {
  int kind;
  int parent;
};

// Walks a page or fragment once and collects paragraphs and metadata.
class HtmlWalker {
 public:
  explicit HtmlWalker(std::string_view html) : html_(html) {}

  void run() {
    std::size_t i = 0;
    while (i < html_.size()) {
      std::size_t lt = html_.find('<', i);
      if (lt == std::string_view::npos) lt = html_.size();
      if (lt > i) add_text(html_.substr(i, lt - i));
      if (lt >= html_.size()) break;
      i = markup(lt);
    }
    flush();
  }

  std::vector<Paragraph> paragraphs;
  std::vector<Root> roots;
  std::string title_tag, h1, og_title, date, time_datetime, canonical, og_url, description;

 private:
  struct Open {
    std::string name;
    bool dropped;
    int root;  // root index this element opened, or -1
  };

  std::size_t markup(std::size_t lt) {
    std::string_view rest = html_.substr(lt);
    if (rest.starts_with("<!--")) {
      std::size_t end = html_.find("-->", lt + 4);
      return end == std::string_view::npos ? html_.size() : end + 3;
    }
    if (rest.size() < 2) {
      add_text(rest);
      return html_.size();
    }
    char c = rest[1];
    if (c == '!' || c == '?') {
      if (starts_with_icase(rest, "<![CDATA[")) {
        std::size_t end = html_.find("]]>", lt);
        std::size_t stop = end == std::string_view::npos ? html_.size() : end;
        add_text(html_.substr(lt + 9, stop - lt - 9), false);
        return end == std::string_view::npos ? html_.size() : end + 3;
      }
      std::size_t end = html_.find('>', lt);
      return end == std::string_view::npos ? html_.size() : end + 1;
    }
    bool tag_start = std::isalpha(static_cast<unsigned char>(c)) ||
                     (c == '/' && rest.size() > 2 && std::isalpha(static_cast<unsigned char>(rest[2])));
    if (!tag_start) {
      add_text("<");
      return lt + 1;
    }
    Tag tag;
    std::size_t after = parse_tag(html_, lt, tag);
    if (tag.end) end_tag(tag.name);
    else after = start_tag(tag, after);
    return after;
  }

  std::size_t start_tag(const Tag& tag, std::size_t after) {
    const std::string& name = tag.name;
    if (name == "meta") meta(tag);
    if (name == "link") {
      const std::string* rel = tag.attr("rel");
      if (rel && lower_ascii(*rel) == "canonical" && tag.attr("href") && canonical.empty()) canonical = *tag.attr("href");
    }
    if (name == "time" && time_datetime.empty() && tag.attr("datetime")) time_datetime = *tag.attr("datetime");
    if (block_elements().contains(name)) flush();
    // Raw text: script and style content is skipped, <title> captured.
    if (name == "script" || name == "style" || name == "title" || name == "textarea" || name == "xmp") {
      std::string close = "</" + name;
      std::size_t end = find_icase(html_, close, after);
      std::size_t stop = end == std::string_view::npos ? html_.size() : end;
      if (name == "title" && title_tag.empty()) title_tag = collapse_space(decode_entities(html_.substr(after, stop - after)));
      if (end == std::string_view::npos) return html_.size();
      std::size_t gt = html_.find('>', end);
      return gt == std::string_view::npos ? html_.size() : gt + 1;
    }
    if (void_elements().contains(name) || tag.self_closing) return after;
    bool inside_root = false;
    for (const Open& o : stack_)
      if (o.root >= 0) inside_root = true;
    bool dropped = dropped_elements().contains(name) || (name == "header" && !inside_root) || has_dropped_class(tag);
    int root = -1;
    if (int kind = article_root_kind(tag); kind > 0 && !dropped) {
      roots.push_back(Root{kind, current_root()});
      root = static_cast<int>(roots.size()) - 1;
    }
    if (dropped) ++dropped_depth_;
    if (name == "a") ++link_depth_;
    if (name == "h1") {
      ++h1_depth_;
      heading1_ = true;
    }
    stack_.push_back(Open{name, dropped, root});
    return after;
  }

  void end_tag(const std::string& name) {
    if (block_elements().contains(name)) flush();
    // Tolerant: close up to the matching open element; a stray end tag is ignored.
    auto it = std::find_if(stack_.rbegin(), stack_.rend(), [&](const Open& o) { return o.name == name; });
    if (it == stack_.rend()) return;
    std::size_t keep = static_cast<std::size_t>(stack_.rend() - it) - 1;
    while (stack_.size() > keep) {
      const Open& o = stack_.back();
      if (o.dropped) --dropped_depth_;
      if (o.name == "a") --link_depth_;
      if (o.name == "h1") --h1_depth_;
      stack_.pop_back();
    }
    if (h1_depth_ == 0) {
      heading1_ = false;
      if (h1.empty() && !h1_text_.empty()) h1 = collapse_space(h1_text_);
      h1_text_.clear();
    }
  }

  void meta(const Tag& tag) {
    const std::string* content = tag.attr("content");
    if (!content) return;
    std::string key;
    for (const char* a : {"property", "name", "itemprop"})
      if (const std::string* v = tag.attr(a)) {
        key = lower_ascii(*v);
        break;
      }
    if (key == "og:title" && og_title.empty()) og_title = collapse_space(*content);
    else if (key == "og:url" && og_url.empty()) og_url = *content;
    else if ((key == "description" || key == "og:description") && description.empty()) description = collapse_space(*content);
    else if (date.empty() && (key == "article:published_time" || key == "og:article:published_time" || key == "date" ||
                              key == "dc.date" || key == "dc.date.issued" || key == "dcterms.date" ||
                              key == "dcterms.created" || key == "pubdate" || key == "publishdate" ||
                              key == "datepublished" || key == "date_published" || key == "sailthru.date"))
      date = collapse_space(*content);
  }

  int current_root() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
      if (it->root >= 0) return it->root;
    return -1;
  }

  void add_text(std::string_view raw, bool decode = true) {
    if (h1_depth_ > 0 && h1_text_.size() < 1000) {
      h1_text_ += decode ? decode_entities(raw) : std::string(raw);
    }
    if (dropped_depth_ > 0) return;
    std::string text = decode ? decode_entities(raw) : std::string(raw);
    if (link_depth_ > 0) current_links_ += text.size();
    current_ += text;
  }

  void flush() {
    std::string text = collapse_space(current_);
    if (!text.empty()) paragraphs.push_back(Paragraph{std::move(text), current_links_, current_root(), heading1_});
    current_.clear();
    current_links_ = 0;
    heading1_ = h1_depth_ > 0;
  }

  std::string_view html_;
  std::vector<Open> stack_;
  int dropped_depth_ = 0, link_depth_ = 0, h1_depth_ = 0;
  bool heading1_ = false;
  std::string current_, h1_text_;
  std::size_t current_links_ = 0;
};

bool is_ancestor_or_self(const std::vector<Root>& roots, int ancestor, int root) {
  for (int r = root; r >= 0; r = roots[static_cast<std::size_t>(r)].parent)
    if (r == ancestor) return true;
  return false;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, amp - i));
    i = amp + 1;
    std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 32 || semi == i) {
      out += '&';
      continue;
    }
    std::string_view name = text.substr(i, semi - i);
    if (name[0] == '#') {
      std::uint32_t cp = 0;
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      std::string_view digits = name.substr(hex ? 2 : 1);
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                      : -1;
        if (d < 0) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      if (!ok) {
        out += '&';
        continue;
      }
      append_utf8(out, from_windows_1252(cp));
      i = semi + 1;
      continue;
    }
    auto it = named_entities().find(name);
    if (it == named_entities().end()) {
      out += '&';
      continue;
    }
    append_utf8(out, it->second);
    i = semi + 1;
  }
  return out;
}

bool is_boilerplate_line(std::string_view p) {
  while (!p.empty() && is_space(p.front())) p.remove_prefix(1);
  while (!p.empty() && is_space(p.back())) p.remove_suffix(1);
  if (p.empty()) return true;
  // Whole lines that are only a prompt.
  static constexpr std::array<std::string_view, 16> kWhole = {
      "teilen",       "anzeige",       "werbung",         "weiterlesen",  "mehr lesen",  "kommentare",
      "jetzt teilen", "artikel teilen", "diesen artikel teilen", "zur startseite", "nach oben", "mehr zum thema",
      "lesen sie auch", "drucken",     "artikel drucken", "zum artikel"};
  std::string lowered = lower_ascii(p);
  while (!lowered.empty() && (lowered.back() == ':' || lowered.back() == '.' || lowered.back() == ' '))
    lowered.pop_back();
  for (std::string_view w : kWhole)
    if (lowered == w) return true;
  if (p.size() > 400) return false;  // a long paragraph is text, whatever it starts with
  static constexpr std::array<std::string_view, 16> kPrefixes = {
      "dieser beitrag ist ein öffentlicher rss feed", "empfehlung:", "lesen sie auch:", "lesen sie mehr:",
      "mehr zum thema:", "das könnte sie auch interessieren", "folgen sie uns", "abonnieren sie",
      "melden sie sich für unseren newsletter", "jetzt newsletter", "unterstützen sie", "©", "copyright",
      "hier klicken", "zum newsletter", "alle rechte vorbehalten"};
  for (std::string_view prefix : kPrefixes)
    if (lowered.starts_with(prefix)) return true;
  if (p.size() <= 200) {
    for (std::string_view inner : {"erschien zuerst auf", "erschien zuerst bei", "alle rechte vorbehalten",
                                   "cookies", "javascript aktivieren"})
      if (lowered.find(inner) != std::string::npos) return true;
  }
  return false;
}

HtmlPage extract_html_page(std::string_view html) {
  HtmlWalker w(html);
  w.run();
  HtmlPage page;
  page.title = !w.og_title.empty() ? w.og_title : !w.h1.empty() ? w.h1 : w.title_tag;
  page.date = !w.date.empty() ? w.date : w.time_datetime;
  page.url = !w.canonical.empty() ? w.canonical : w.og_url;
  page.description = w.description;

  // The article root: the strongest kind present, and among those the one with the most text.
  int chosen = -1;
  int best_kind = 0;
  std::size_t best_bytes = 0;
  std::vector<std::size_t> bytes(w.roots.size(), 0);
  for (const Paragraph& p : w.paragraphs)
    for (int r = p.root; r >= 0; r = w.roots[static_cast<std::size_t>(r)].parent) bytes[static_cast<std::size_t>(r)] += p.text.size();
  for (std::size_t r = 0; r < w.roots.size(); ++r) {
    if (bytes[r] == 0) continue;
    int kind = w.roots[r].kind;
    if (kind > best_kind || (kind == best_kind && bytes[r] > best_bytes)) {
      best_kind = kind;
      best_bytes = bytes[r];
      chosen = static_cast<int>(r);
    }
  }
  std::string text;
  bool title_seen = false;
  for (const Paragraph& p : w.paragraphs) {
    if (chosen >= 0 && !is_ancestor_or_self(w.roots, chosen, p.root)) continue;
    if (!title_seen && (p.heading1 || p.text == page.title)) {
      if (p.text == page.title || p.text == w.h1) {
        title_seen = true;
        continue;
      }
    }
    // Link lists: short paragraphs that are mostly link text.
    if (p.text.size() < 300 && p.link_bytes * 2 > p.text.size()) continue;
    if (is_boilerplate_line(p.text)) continue;
    if (!text.empty()) text += "\n\n";
    text += p.text;
  }
  if (text.empty()) text = page.description;
  page.text = std::move(text);
  return page;
}

std::string html_to_text(std::string_view html, bool drop_boilerplate) {
  HtmlWalker w(html);
  w.run();
  std::string text;
  for (const Paragraph& p : w.paragraphs) {
    if (drop_boilerplate && is_boilerplate_line(p.text)) continue;
    if (!text.empty()) text += "\n\n";
    text += p.text;
  }
  return text;
}

std::string declared_charset(std::string_view html) {
  std::string head = lower_ascii(html.substr(0, 4096));
  for (std::size_t p = head.find("charset"); p != std::string::npos; p = head.find("charset", p + 1)) {
    std::size_t i = p + 7;
    while (i < head.size() && is_space(head[i])) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (is_space(head[i]) || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t start = i;
    while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) || head[i] == '-' || head[i] == '_' ||
                               head[i] == '.' || head[i] == ':'))
      ++i;
    if (i > start) return head.substr(start, i - start);
  }
  return {};
}

std::string to_utf8(std::string_view bytes, std::string_view charset) {
  std::string cs = lower_ascii(charset);
  if (cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii") return std::string(bytes);
  // Browsers read Latin-1 as Windows-1252; so do we (its 0x80-0x9F are quotes and dashes).
  if (cs == "iso-8859-1" || cs == "latin1" || cs == "latin-1" || cs == "iso8859-1") cs = "windows-1252";
  UErrorCode err = U_ZERO_ERROR;
  const auto capacity = static_cast<std::int32_t>(std::min<std::size_t>(bytes.size() * 4 + 16, INT32_MAX));
  std::string out(static_cast<std::size_t>(capacity), '\0');
  std::int32_t n = ucnv_convert("UTF-8", cs.c_str(), out.data(), capacity, bytes.data(),
                                static_cast<std::int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return std::string(bytes);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace newsindex
