// RSS 2.0 / RSS 1.0 / Atom feeds with pugixml. Entities are never expanded: pugixml knows only the
// five XML entities and character references, and DOCTYPE declarations are skipped unparsed
// (parse_doctype is off), so entity bombs and external entities have nothing to work with.
#include <algorithm>
#include <cstring>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pugixml.hpp>

#include "html_text.h"
#include "reader.h"

namespace newsindex {

namespace {

constexpr unsigned kParseOptions = (pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol | pugi::parse_wconv_attribute) &
                                   ~pugi::parse_doctype;

std::string trimmed(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The local name of an element ("atom:link" → "link").
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && (std::string_view(c.name()) == name)) return c;
  return {};
}

pugi::xml_node child_local(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c : parent.children())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

// All text inside an element (text and CDATA children, recursively).
std::string text_of(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    else if (c.type() == pugi::node_element) out += text_of(c);
  }
  return out;
}

// Inline text such as a title: HTML tags stripped and entities decoded when there are any.
std::string plain(std::string_view s) {
  std::string t = trimmed(s);
  if (t.find_first_of("<&") == std::string::npos) return t;
  return html_to_text(t, false);
}

// The original address inside a redirect/tracking link ("https://proxy/…?url=https%3A%2F%2F…"),
// "" when the link carries none.
std::string redirect_target(std::string_view link) {
  for (std::string_view key : {"?url=", "&url=", "?u=", "&u=", "?link=", "&link=", "?dest=", "&dest="}) {
    std::size_t at = link.find(key);
    if (at == std::string_view::npos) continue;
    std::string_view value = link.substr(at + key.size());
    value = value.substr(0, value.find('&'));
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '%' && i + 2 < value.size() && std::isxdigit(static_cast<unsigned char>(value[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(value[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(value.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += value[i];
      }
    }
    if (out.starts_with("http://") || out.starts_with("https://")) return out;
  }
  return {};
}

class FeedReader final : public ArticleReader {
 public:
  FeedReader(InputStream input, ProblemSink problems) : input_(std::move(input)), problems_(std::move(problems)) {
    buffer_ = input_.read_all();
    for (std::size_t p = buffer_.find('\n'); p != std::string::npos; p = buffer_.find('\n', p + 1)) newlines_.push_back(p);
    pugi::xml_parse_result result = doc_.load_buffer(buffer_.data(), buffer_.size(), kParseOptions, pugi::encoding_auto);
    pugi::xml_node root = doc_.document_element();
    std::string_view root_name = root ? local_name(root) : std::string_view();
    atom_ = root_name == "feed";
    pugi::xml_node container = atom_ ? root : root_name == "rss" ? child(root, "channel") : root;  // RSS 1.0: items under rdf:RDF
    const char* item_name = atom_ ? "entry" : "item";
    if (container) {
      // The feed's own site: relative item links are resolved against it.
      if (atom_) {
        for (pugi::xml_node link : container.children())
          if (link.type() == pugi::node_element && local_name(link) == "link" &&
              (std::string_view(link.attribute("rel").value()).empty() || std::string_view(link.attribute("rel").value()) == "alternate")) {
            site_ = trimmed(link.attribute("href").value());
            break;
          }
      } else {
        site_ = trimmed(text_of(child(container, "link")));
      }
    }
    if (container)
      for (pugi::xml_node n : container.children())
        if (n.type() == pugi::node_element && local_name(n) == item_name) items_.push_back(n);
    if (!result) {
      auto error_at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
      // The item the error interrupted is incomplete: leave it out (and count it).
      if (!items_.empty()) {
        auto start = static_cast<std::size_t>(items_.back().offset_debug());
        std::string close = fmt::format("</{}", items_.back().name());
        std::size_t end = buffer_.find(close, start);
        if (end == std::string::npos || end + close.size() >= error_at) items_.pop_back();
      }
      problems_(ReadProblem{where_offset(error_at),
                            fmt::format("malformed XML: {}; {} complete item(s) before it were read", result.description(),
                                        items_.size()),
                            true});
    } else if (!root || (root_name != "rss" && root_name != "feed" && root_name != "RDF")) {
      problems_(ReadProblem{input_.name(), fmt::format("not an RSS or Atom feed (root element <{}>)", root ? root.name() : ""), true});
    }
  }

  bool next(Article& a) override {
    while (next_item_ < items_.size()) {
      pugi::xml_node item = items_[next_item_++];
      a = Article{};
      a.origin = where_offset(static_cast<std::size_t>(std::max<std::ptrdiff_t>(item.offset_debug(), 0)));
      if (atom_) read_atom(item, a);
      else read_rss(item, a);
      if (a.body.empty()) {
        problems_(ReadProblem{a.origin, "feed item without text (no content:encoded, description or content)", true});
        continue;
      }
      finish_links(item, a);
      if (looks_like_markup(a.body))
        problems_(ReadProblem{a.origin, "the item's text still looks like HTML markup after conversion", false});
      return true;
    }
    return false;
  }

  std::uint64_t bytes_read() const override { return input_.bytes_read(); }

 private:
  std::string where_offset(std::size_t offset) const {
    auto line = std::upper_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin() + 1;
    return fmt::format("{}:{}", input_.name(), line);
  }

  // Proxy links (feedburner:origLink, a "source"/"origLink" element with the publisher's address)
  // give way to the original; a relative link is resolved against the feed's site; an id that is
  // a bare path is made absolute the same way, or kept with a warning.
  void finish_links(const pugi::xml_node& item, Article& a) const {
    for (pugi::xml_node c : item.children())
      if (c.type() == pugi::node_element && (local_name(c) == "origLink" || local_name(c) == "origlink")) {
        std::string orig = trimmed(text_of(c));
        if (!orig.empty()) {
          if (a.id == a.url) a.id.clear();
          a.url = orig;
          break;
        }
      }
    if (std::string target = redirect_target(a.url); !target.empty()) {
      if (a.id == a.url) a.id.clear();
      a.url = std::move(target);
    }
    if (!a.url.empty() && a.url.front() == '/') {
      if (std::string r = resolve_url(a.url, site_); !r.empty()) a.url = r;
      else if (a.id.empty())
        problems_(ReadProblem{a.origin, fmt::format("link \"{}\" is a bare path and the feed has no site link to resolve it against; it would be the id", a.url),
                              false});
    }
    if (!a.id.empty() && a.id.front() == '/') {
      std::string r = resolve_url(a.id, site_);
      if (!r.empty()) a.id = r;
      else
        problems_(ReadProblem{a.origin, fmt::format("id \"{}\" is a bare path and the feed has no site link to resolve it against", a.id),
                              false});
    }
  }

  static void read_rss(const pugi::xml_node& item, Article& a) {
    a.title = plain(text_of(child(item, "title")));
    a.url = trimmed(text_of(child(item, "link")));
    if (a.url.empty()) a.url = trimmed(child(item, "link").attribute("href").value());
    a.id = trimmed(text_of(child(item, "guid")));
    if (a.id.empty()) a.id = trimmed(item.attribute("rdf:about").value());
    for (const char* d : {"pubDate", "dc:date", "published", "updated"})
      if (a.date.empty()) a.date = trimmed(text_of(child(item, d)));
    a.author = plain(text_of(child(item, "dc:creator")));
    if (a.author.empty()) a.author = plain(text_of(child(item, "author")));
    a.category = plain(text_of(child(item, "category")));
    if (a.category.empty()) a.category = plain(text_of(child(item, "dc:subject")));
    std::string html = text_of(child(item, "content:encoded"));
    if (trimmed(html).empty()) html = text_of(child(item, "description"));
    a.body = html_to_text(html);
  }

  static void read_atom(const pugi::xml_node& entry, Article& a) {
    a.title = plain(text_of(child_local(entry, "title")));
    for (pugi::xml_node link : entry.children()) {
      if (link.type() != pugi::node_element || local_name(link) != "link") continue;
      std::string_view rel = link.attribute("rel").value();
      if (rel.empty() || rel == "alternate") {
        a.url = trimmed(link.attribute("href").value());
        break;
      }
    }
    a.id = trimmed(text_of(child_local(entry, "id")));
    // Atom 1.0 published/updated, Dublin Core dc:date, Atom 0.3 issued/created/modified.
    for (const char* d : {"published", "issued", "created", "date", "updated", "modified"})
      if (a.date.empty()) a.date = trimmed(text_of(child_local(entry, d)));
    a.author = plain(text_of(child_local(child_local(entry, "author"), "name")));
    if (a.author.empty()) a.author = plain(text_of(child_local(entry, "creator")));
    pugi::xml_node category = child_local(entry, "category");
    a.category = trimmed(category.attribute("label").value());
    if (a.category.empty()) a.category = trimmed(category.attribute("term").value());
    pugi::xml_node content = child_local(entry, "content");
    if (!content || trimmed(text_of(content)).empty()) content = child_local(entry, "summary");
    std::string_view type = content.attribute("type").value();
    bool has_elements = false;
    for (pugi::xml_node c : content.children()) has_elements = has_elements || c.type() == pugi::node_element;
    if (type == "xhtml" || has_elements) {  // also Atom 0.3 mode="xml"
      std::ostringstream inner;
      for (pugi::xml_node c : content.children()) c.print(inner, "", pugi::format_raw);
      a.body = html_to_text(inner.str());
    } else if (type == "text" || type == "text/plain") {
      // Plain text, unless it is HTML after all (a literal CDATA marker, tags).
      std::string text = text_of(content);
      a.body = text.find("<![CDATA[") != std::string::npos || looks_like_markup(text) ? html_to_text(text) : trimmed(text);
    } else {
      a.body = html_to_text(text_of(content));
    }
  }

  InputStream input_;
  ProblemSink problems_;
  std::string buffer_;
  std::vector<std::size_t> newlines_;
  pugi::xml_document doc_;
  std::vector<pugi::xml_node> items_;
  std::size_t next_item_ = 0;
  bool atom_ = false;
  std::string site_;  // the feed's link to its site
};

}  // namespace

std::unique_ptr<ArticleReader> make_feed_reader(InputStream input, ProblemSink problems) {
  return std::make_unique<FeedReader>(std::move(input), std::move(problems));
}

}  // namespace newsindex
