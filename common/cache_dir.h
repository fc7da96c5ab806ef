// Where newsindex keeps its per-user caches (the compound lexicon's binary table, the curated
// thesaurus): files derived from Debian's data files, rebuilt when stale, never needed for
// correctness.
#pragma once

#include <cstdlib>
#include <string>

namespace newsindex {

// $NEWSINDEX_CACHE_DIR, else $XDG_CACHE_HOME/newsindex, else $HOME/.cache/newsindex (XDG Base
// Directory Specification); "" when none is set or NEWSINDEX_CACHE_DIR is "off" (no caching).
inline std::string user_cache_dir() {
  if (const char* dir = std::getenv("NEWSINDEX_CACHE_DIR"); dir && *dir)
    return std::string(dir) == "off" ? std::string() : std::string(dir);
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/newsindex";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/newsindex";
  return {};
}

}  // namespace newsindex
