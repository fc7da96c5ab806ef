#include <catch2/catch.hpp>

#include "article.h"
#include "errors.h"
#include "reader.h"
#include "test_support.h"

using namespace newsindex;
using newsindex::testing::TempDir;
using newsindex::testing::write_file;

namespace {
struct ReadAll {
  std::vector<Article> articles;
  std::vector<ReadProblem> problems;
};
ReadAll read_all(const std::string& path) {
  ReadAll r;
  auto reader = open_reader(path, "auto", [&](const ReadProblem& p) { r.problems.push_back(p); });
  Article a;
  while (reader->next(a)) r.articles.push_back(a);
  return r;
}
}  // namespace

TEST_CASE("JSONL reader: fields, aliases, identity and dates", "[corpus][jsonl]") {
  TempDir dir;
  write_file(dir.file("a.jsonl"),
             R"({"id":"x1","title":"Titel","body":"Text eins","date":"2026-03-14T09:30:00+01:00","source":"elbpost.de","url":"https://elbpost.de/a","category":"Wirtschaft","author":"A. Vogt","publisher":"Elbpost","extra":[1,2]})"
             "\n"
             R"({"title":"Nur URL","text":"Text zwei","url":"https://elbpost.de/b","date":"14.03.2026"})"
             "\n\n"
             R"({"title":"Ohne alles","content":"Text drei","id":42})"
             "\n");
  ReadAll r = read_all(dir.file("a.jsonl"));
  REQUIRE(r.problems.empty());
  REQUIRE(r.articles.size() == 3);
  CHECK(r.articles[0].id == "x1");
  CHECK(r.articles[0].date == "2026-03-14T09:30:00+01:00");
  CHECK(r.articles[0].category == "Wirtschaft");
  CHECK(r.articles[0].author == "A. Vogt");
  CHECK(r.articles[0].publisher == "Elbpost");
  CHECK(r.articles[1].publisher.empty());
  CHECK(r.articles[0].origin.ends_with("a.jsonl:1"));
  CHECK(r.articles[1].body == "Text zwei");
  CHECK(identity(r.articles[1]) == "https://elbpost.de/b");
  // Without id and url: a hash of title and body, fixed forever (indexes store it as the id).
  Article unnamed;
  unnamed.title = "Titel";
  unnamed.body = "Text des Artikels.";
  CHECK(identity(unnamed) == "h:6f13e61cab434028");
  CHECK(r.articles[1].date == "2026-03-14");
  CHECK(r.articles[2].id == "42");
  CHECK(r.articles[2].body == "Text drei");
}

TEST_CASE("JSONL reader: bad lines are reported with file:line and skipped", "[corpus][jsonl]") {
  TempDir dir;
  std::string deep(200, '[');
  write_file(dir.file("bad.jsonl"),
             "{\"id\":\"ok1\",\"body\":\"gut\"}\n"
             "{\"id\":\"broken\",\"body\":\n"
             "[1,2,3]\n"
             "{\"id\":\"nobody\",\"title\":\"x\"}\n"
             "{\"id\":\"deep\",\"body\":" + deep + "}\n"
             "{\"id\":\"baddate\",\"body\":\"b\",\"date\":\"irgendwann\"}\n"
             "{\"id\":\"badutf\",\"body\":\"Gr\xFF\xC3\"}\n"
             "{\"id\":\"ok2\",\"body\":\"auch gut\"}\n");
  ReadAll r = read_all(dir.file("bad.jsonl"));
  std::vector<std::string> ids;
  for (auto& a : r.articles) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"ok1", "baddate", "badutf", "ok2"});
  REQUIRE(r.problems.size() == 6);
  CHECK(r.problems[0].where.ends_with("bad.jsonl:2"));
  CHECK(r.problems[0].message == "malformed JSON");
  CHECK(r.problems[1].where.ends_with(":3"));
  CHECK(r.problems[2].message.find("missing body") != std::string::npos);
  CHECK(r.problems[3].message.find("nested") != std::string::npos);
  CHECK_FALSE(r.problems[4].skipped);  // an unknown date keeps the article
  CHECK_FALSE(r.problems[5].skipped);  // repaired UTF-8 keeps the article
  CHECK(r.articles[2].body == "Gr\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("expand_inputs: folders recursed in order, hidden skipped, missing paths fail", "[corpus][jsonl]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "sub");
  std::filesystem::create_directories(dir.path() / ".hidden");
  write_file(dir.file("b.jsonl"), "");
  write_file(dir.file("sub/a.jsonl"), "");
  write_file(dir.file(".x.jsonl"), "");
  write_file(dir.file(".hidden/c.jsonl"), "");
  auto files = expand_inputs({dir.path().string(), "-"});
  REQUIRE(files.size() == 3);
  CHECK(files[0].ends_with("b.jsonl"));
  CHECK(files[1].ends_with("sub/a.jsonl"));
  CHECK(files[2] == "-");
  CHECK_THROWS_AS(expand_inputs({dir.file("missing")}), InputError);
}

TEST_CASE("stored article: to_json and article_from_json round-trip, anything else is empty", "[corpus][article]") {
  Article a;
  a.id = "id-1";
  a.title = "Zitat: \"Nein\" – sagt die Ministerin\n";
  a.body = std::string("Erster Absatz.\n\nZweiter\tAbsatz mit Übernahme, Straße und 🙂 \\ Ende.") + std::string(20000, 'x');
  a.date = "2026-11-27T09:00:00+01:00";
  a.source = "elbpost.de";
  a.url = "https://elbpost.de/a?b=1&c=2";
  a.category = "Wirtschaft";
  a.agency = "dpa,afp";
  a.lang = "de";
  a.author = "A. Vogt";
  a.publisher = "Elbpost";
  const Article back = article_from_json(to_json(a));
  CHECK(back.id == a.id);
  CHECK(back.title == a.title);
  CHECK(back.body == a.body);
  CHECK(back.date == a.date);
  CHECK(back.source == a.source);
  CHECK(back.url == a.url);
  CHECK(back.category == a.category);
  CHECK(back.agency == a.agency);
  CHECK(back.lang == a.lang);
  CHECK(back.author == a.author);
  CHECK(back.publisher == a.publisher);
  // Optional fields stay empty when absent; a non-string field is ignored.
  const Article partial = article_from_json(R"({"id": "x", "title": 5, "body": "b"})");
  CHECK(partial.id == "x");
  CHECK(partial.title.empty());
  CHECK(partial.body == "b");
  CHECK(partial.agency.empty());
  for (const char* bad : {"", "[1,2]", "\"text\"", "{\"id\": \"x\"", "{\"id\": \"\xff\"}", "null"}) {
    INFO(bad);
    CHECK(article_from_json(bad).id.empty());
  }
}

TEST_CASE("stored article: encode_stored is a zstd frame of to_json, and format 1's JSON still reads", "[corpus][article]") {
  Article a;
  a.id = "id-2";
  a.title = "Hafen meldet Rekord";
  a.body = "Der Umschlag stieg um 4,5 Prozent. " + std::string(5000, 'y') + " Ende \"zitiert\" \\ 🙂";
  a.source = "elbpost.de";
  a.author = "T. Berger";
  const std::string stored = encode_stored(a);
  REQUIRE(stored.size() >= 4);
  CHECK(stored.substr(0, 4) == std::string("\x28\xB5\x2F\xFD", 4));  // RFC 8878 frame magic
  CHECK(stored.size() < to_json(a).size() / 4);                      // compressed
  CHECK(stored_json(stored) == to_json(a));
  const Article back = article_from_stored(stored);
  CHECK(back.id == a.id);
  CHECK(back.body == a.body);
  CHECK(back.author == a.author);
  // Repeated decoding reuses one buffer: a shorter article after a longer one is not polluted.
  Article small;
  small.id = "k";
  small.body = "kurz";
  CHECK(article_from_stored(encode_stored(small)).body == "kurz");
  CHECK(article_from_stored(stored).body == a.body);
  // Format 1 stored the JSON text itself.
  CHECK(article_from_stored(to_json(a)).body == a.body);
  CHECK(stored_json(to_json(a)) == to_json(a));
  // A damaged frame is an index error, never a crash or a silently empty article.
  std::string cut = stored.substr(0, stored.size() / 2);
  CHECK_THROWS_AS(article_from_stored(cut), IndexError);
  CHECK_THROWS_AS(stored_json(cut), IndexError);
  std::string flipped = stored;
  flipped[flipped.size() / 2] ^= 0x55;
  flipped[flipped.size() / 2 + 1] ^= 0x55;
  CHECK_THROWS_AS(stored_json(flipped), IndexError);
}
