// newsserve: the index over HTTP — a JSON API (the shapes of `newsquery --json`) and a German
// search page. A thin shell over the query library (SearchService) and, with --write-token, the
// indexer (ArticleWriter); every failure becomes a JSON error with an HTTP status here, and only here.
#include <chrono>
#include <csignal>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <httplib.h>
#include <xapian.h>

#include "analysis_env.h"
#include "article_writer.h"
#include "assets.h"
#include "errors.h"
#include "index_contract.h"
#include "service.h"

using namespace newsindex;

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

using Json = nlohmann::ordered_json;

// JSON with <, > and & written as \u escapes (they can only occur inside strings), so no reflected
// value is markup even to a client that sniffs; invalid UTF-8 becomes U+FFFD.
void send_json(httplib::Response& res, int status, const Json& body) {
  const std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size());
  for (char c : text) {
    if (c == '<') safe += "\\u003c";
    else if (c == '>') safe += "\\u003e";
    else if (c == '&') safe += "\\u0026";
    else safe += c;
  }
  res.status = status;
  res.set_content(safe, "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, Json{{"error", {{"status", status}, {"message", message}}}});
}

// Runs one handler; library errors become statuses once, as newsquery's main maps them to exit codes.
template <typename Handler>
httplib::Server::Handler guarded(Handler handler) {
  return [handler](const httplib::Request& req, httplib::Response& res) {
    try {
      handler(req, res);
    } catch (const HttpError& e) {
      send_error(res, e.status(), e.what());
    } catch (...) {
      // The exit-code map of every CLI (errors.h), as HTTP: usage 400, input 422, environment 503, bug 500.
      auto [code, message] = describe_current_exception();
      send_error(res, code == kExitUsage ? 400 : code == kExitInputSkipped ? 422 : code == kExitEnvironment ? 503 : 500,
                 message);
    }
  };
}

Params params_of(const httplib::Request& req) { return Params(req.params.begin(), req.params.end()); }

// The request target for the log: control bytes, spaces and non-ASCII shown as %XX (so a request
// cannot forge log lines), at most 300 bytes.
std::string loggable(const std::string& s) {
  std::string out;
  for (unsigned char c : s.substr(0, 300)) {
    if (c <= 0x20 || c >= 0x7f) out += fmt::format("%{:02X}", c);
    else out += static_cast<char>(c);
  }
  return s.size() > 300 ? out + "…" : out;
}

thread_local std::chrono::steady_clock::time_point request_start;

// The write token check: "Authorization: Bearer TOKEN"; compared in constant time.
void require_token(const httplib::Request& req, const std::string& token) {
  if (token.empty()) throw HttpError(403, "writing is off: start newsserve with --write-token TOKEN to allow it");
  const std::string given = req.get_header_value("Authorization");
  const std::string expected = "Bearer " + token;
  if (given.empty()) throw HttpError(401, "writing needs the header \"Authorization: Bearer TOKEN\"");
  unsigned diff = given.size() != expected.size();
  for (std::size_t i = 0; i < given.size() && i < expected.size(); ++i) diff |= given[i] ^ expected[i];
  if (diff) throw HttpError(403, "wrong write token");
}

httplib::Server* running_server = nullptr;
extern "C" void stop_on_signal(int) {
  if (running_server) running_server->stop();
}

// Everything the command line sets.
struct Cli {
  std::vector<std::string> dbs;
  std::string listen = "127.0.0.1:8080", write_token;
  unsigned threads = 16;
  std::size_t max_body_mb = 32;
  ServiceLimits limits;
};

void add_options(CLI::App& app, Cli& cli) {
  app.add_option("--db", cli.dbs, "Database folder, stub file or tcp:HOST:PORT; repeat to search shards as one")
      ->allow_extra_args(false)
      ->default_str(contract::default_database_path());
  app.add_option("--listen", cli.listen, "HOST:PORT to listen on (loopback unless told otherwise)")->capture_default_str();
  app.add_option("--threads", cli.threads,
                 "Connections served at once (a keep-alive connection holds its thread while open; each search "
                 "in flight uses one searcher, created when first needed)")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  app.add_option("--write-token", cli.write_token,
                 "Allow POST/DELETE /api/articles for requests with \"Authorization: Bearer TOKEN\"; off by default. "
                 "The database stays locked for other writers while newsserve runs");
  app.add_option("--max-body-mb", cli.max_body_mb, "Largest request body (POSTed articles), MB")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1024}))->capture_default_str();
  app.add_option("--max-page", cli.limits.max_limit, "Largest limit (results per page)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))->capture_default_str();
  app.add_option("--time-limit", cli.limits.time_limit, "Seconds the matcher may run per search (0: no limit)")
      ->check(CLI::Range(0.0, 3600.0))->capture_default_str();
}

// HOST:PORT of --listen; a UsageError when it is not one.
std::pair<std::string, int> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  int port = 0;
  try {
    if (colon == std::string::npos) throw std::invalid_argument("no port");
    port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
  } catch (const std::logic_error&) {
    throw UsageError(fmt::format("--listen: \"{}\" is not HOST:PORT (e.g. 127.0.0.1:8080)", listen));
  }
  return {listen.substr(0, colon), port};
}

// Threads, limits, security headers, JSON error pages and the one log line per request.
void configure(httplib::Server& server, unsigned threads, std::size_t max_body_mb) {
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(max_body_mb << 20);
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // headers and body go out in two writes: without this, Nagle + delayed ACK add 40 ms
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"},
                              {"Cache-Control", "no-store"}});
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string message = res.status == 404   ? fmt::format("no such page: {}", req.path)
                                : res.status == 413 ? "request body too large (see --max-body-mb)"
                                : res.status == 405 ? "method not allowed"
                                                    : fmt::format("request failed with HTTP status {}", res.status);
    send_error(res, res.status, message);
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "internal error");
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    std::string target = req.target.empty() ? req.path : req.target;
    fmt::print(stderr, "newsserve: {} {} {} {} {} {} B {:.1f} ms\n", stamp, req.remote_addr, req.method, loggable(target),
               res.status, res.body.size(), ms);
  });

}

// The page, the JSON API and, with a writer, the write routes.
void add_routes(httplib::Server& server, SearchService& service, ArticleWriter* writer, const Cli& cli) {
  const std::string& write_token = cli.write_token;
  const std::size_t max_body_mb = cli.max_body_mb;
  // The page and its files, from memory.
  auto serve_asset = [](const std::string& name, const char* type) {
    return [name, type](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(*asset(name)), type);
    };
  };
  server.Get("/", serve_asset("/index.html", "text/html; charset=utf-8"));
  server.Get("/app.js", serve_asset("/app.js", "text/javascript; charset=utf-8"));
  server.Get("/app.css", serve_asset("/app.css", "text/css; charset=utf-8"));
  server.Get("/api/openapi.json", serve_asset("/openapi.json", "application/json; charset=utf-8"));

  server.Get("/api/search", guarded([&, writer](const httplib::Request& req, httplib::Response& res) {
    send_json(res, 200, service.search(params_of(req)));
  }));
  server.Get("/api/suggest", guarded([&, writer](const httplib::Request& req, httplib::Response& res) {
    send_json(res, 200, service.suggest(params_of(req)));
  }));
  server.Get("/api/timeline", guarded([&, writer](const httplib::Request& req, httplib::Response& res) {
    send_json(res, 200, service.timeline(params_of(req)));
  }));
  server.Get("/api/stats", guarded([&, writer](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, service.stats());
  }));
  server.Get(R"(/api/articles/(.+))", guarded([&, writer](const httplib::Request& req, httplib::Response& res) {
    send_json(res, 200, service.article(req.matches[1]));
  }));
  // The body is read here, not by cpp-httplib: it would parse a body sent as
  // application/x-www-form-urlencoded (curl --data-binary's default) as a form and refuse it past 8 KB.
  server.Post("/api/articles", [&, writer](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& content) {
    guarded([&, writer](const httplib::Request&, httplib::Response&) {
      require_token(req, write_token);  // before reading what may be megabytes
      std::string body;
      const std::size_t max_body = max_body_mb << 20;
      const bool complete = content([&, writer](const char* data, std::size_t n) {
        body.append(data, n);
        return body.size() <= max_body;
      });
      if (body.size() > max_body || res.status == 413 || req.get_header_value<std::uint64_t>("Content-Length") > max_body)
        throw HttpError(413, "request body too large (see --max-body-mb)");
      if (!complete) throw UsageError("the request body could not be read completely");
      if (body.empty()) throw UsageError("empty body: POST articles as JSON Lines, one object per line");
      WriteSummary s = writer->add_jsonl(std::move(body));
      Json problems = Json::array();
      for (const ReadProblem& p : s.problems)
        problems.push_back({{"where", p.where}, {"message", p.message}, {"skipped", p.skipped}});
      send_json(res, 200, Json{{"added", s.added}, {"replaced", s.replaced}, {"skipped", s.skipped},
                               {"warnings", s.warnings}, {"problems", problems}, {"articles", s.articles_in_db}});
    })(req, res);
  });
  server.Delete(R"(/api/articles/(.+))", guarded([&, writer](const httplib::Request& req, httplib::Response& res) {
    require_token(req, write_token);
    const std::string id = req.matches[1];
    if (!writer->remove(id)) throw HttpError(404, fmt::format("no article with id \"{}\"", id));
    send_json(res, 200, Json{{"deleted", id}});
  }));

}

int run(int argc, char** argv) {
  CLI::App app{"newsserve — the newsindex database over HTTP: JSON API and a German search page"};
  app.set_version_flag("--version", std::string("newsserve ") + NEWSINDEX_VERSION);
  Cli cli;
  add_options(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  std::vector<std::string>& dbs = cli.dbs;
  const std::string& listen = cli.listen;
  if (dbs.empty()) dbs.push_back(contract::default_database_path());
  const auto [host, port] = parse_listen(listen);

  // The writer first: it creates a missing database and takes the lock before anything is served.
  std::unique_ptr<SearchService> service;
  std::unique_ptr<ArticleWriter> writer;
  if (!cli.write_token.empty()) {
    if (dbs.size() != 1) throw UsageError("--write-token needs exactly one --db (a folder, not shards listed one by one)");
    writer = std::make_unique<ArticleWriter>(dbs.front(), analyzer_options_from_env(), [&] { service->reopen(); });
  }
  service = std::make_unique<SearchService>(dbs, analyzer_options_from_env(), cli.limits);

  httplib::Server server;
  configure(server, cli.threads, cli.max_body_mb);
  add_routes(server, *service, writer.get(), cli);
  if (!server.bind_to_port(host, port))
    throw EnvironmentError(fmt::format("--listen {}: cannot listen there (in use, or not an address of this machine)", listen));
  running_server = &server;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  fmt::print(stderr, "newsserve: serving {} at http://{}/{}\n", fmt::join(dbs, ", "), listen,
             writer ? " (writes allowed with the token)" : "");
  server.listen_after_bind();
  running_server = nullptr;
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return run_guarded("newsserve", [&] { return run(argc, argv); });
}
