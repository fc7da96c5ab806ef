#include "index_contract.h"

#include "dates.h"
#include "stable_hash.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <cstdio>

#include <fmt/format.h>

namespace newsindex::contract {

std::string date_sort_key(std::string_view d) {
  // A zoned date counts by its UTC instant: "2025-09-15T00:30:00+02:00" is 20250914223000.
  const std::optional<std::string> utc = normalize_date_utc(d);
  const std::string_view text = utc ? std::string_view(*utc) : d;
  std::string key;
  for (char c : text)
    if (c >= '0' && c <= '9') key.push_back(c);
  key.resize(14, '0');
  return key;
}

std::string default_database_path() {
  if (const char* env = std::getenv("NEWSINDEX_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/newsindex/db";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/newsindex/db";
  return "newsindex-db";
}

std::string id_term(std::string_view id) {
  if (id.size() + kId.size() <= kMaxTermBytes) {
    std::string term(kId);  // append, not operator+: GCC 12 warns falsely (-Wrestrict) on the latter
    term.append(id);
    return term;
  }
  return fmt::format("{}#{:016x}{}", kId, stable_hash(id), id.substr(0, 64));
}

std::string story_term(std::string_view story_id) {
  std::string t = id_term(story_id);  // same hashing rule for long ids
  return std::string(kStory) + t.substr(kId.size());
}

}  // namespace newsindex::contract

namespace newsindex {

Xapian::Database open_index(const std::string& path) {
  std::string where = path;
  try {
    if (path.rfind("tcp:", 0) == 0) {
      // tcp:HOST:PORT — a shard served by xapian-tcpsrv.
      std::string rest = path.substr(4);
      auto colon = rest.rfind(':');
      if (colon == std::string::npos) throw IndexError(fmt::format("{}: expected tcp:HOST:PORT", path));
      unsigned port = static_cast<unsigned>(std::stoul(rest.substr(colon + 1)));
      return Xapian::Remote::open(rest.substr(0, colon), port, kRemoteTimeoutMs, kRemoteTimeoutMs);
    }
    if (!std::filesystem::exists(path))
      throw IndexError(fmt::format("{}: no such database (create it with `newsindex add --db {} FILES`)", path, path));
    return Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    throw IndexError(fmt::format("{}: cannot open database: {}", where, e.get_msg()));
  } catch (const std::invalid_argument&) {
    throw IndexError(fmt::format("{}: bad port number", path));
  } catch (const std::out_of_range&) {
    throw IndexError(fmt::format("{}: bad port number", path));
  }
}

void write_index_metadata(Xapian::WritableDatabase& db, const std::string& fingerprint, unsigned shards) {
  db.set_metadata(std::string(contract::kMetaAnalysis), fingerprint);
  db.set_metadata(std::string(contract::kMetaFormat), std::string(contract::kFormatVersion));
  db.set_metadata(std::string(contract::kMetaShards), std::to_string(shards));
}

void check_fingerprint(const Xapian::Database& db, const std::string& path, const std::string& fingerprint) {
  const std::string stored = db.get_metadata(std::string(contract::kMetaAnalysis));
  if (stored == fingerprint || db.get_doccount() == 0) return;  // an empty database takes any chain
  {
    throw IndexError(fmt::format(
        "{}: the index was built with a different analysis chain ({}) than this program uses ({}): rebuild the "
        "index with this version of newsindex",
        path, stored.empty() ? "none recorded" : stored, fingerprint));
  }
}

int run_guarded(std::string_view program, const std::function<int()>& body) {
  try {
    return body();
  } catch (...) {
    auto [code, message] = describe_current_exception();
    fmt::print(stderr, "{}: {}\n", program, message);
    return code;
  }
}

std::pair<ExitCode, std::string> describe_current_exception() {
  try {
    throw;
  } catch (const Error& e) {
    return {e.exit_code(), e.what()};
  } catch (const Xapian::DatabaseError& e) {  // opening, lock, corrupt, modified, disk full …
    return {kExitEnvironment, fmt::format("database error: {}", e.get_description())};
  } catch (const Xapian::NetworkError& e) {
    return {kExitEnvironment, fmt::format("remote database: {}", e.get_description())};
  } catch (const Xapian::Error& e) {
    return {kExitInternal, fmt::format("internal error (Xapian): {}", e.get_description())};
  } catch (const std::bad_alloc&) {
    return {kExitEnvironment, "out of memory"};
  } catch (const std::exception& e) {
    return {kExitInternal, fmt::format("internal error: {}", e.what())};
  } catch (...) {
    return {kExitInternal, "internal error: unknown exception"};
  }
}

}  // namespace newsindex
