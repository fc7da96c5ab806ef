// A whole file mapped read-only into memory (POSIX mmap), for the per-user caches: nothing is
// copied, and only the pages that are touched are read; and the caches' atomic write.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace newsindex {

// Maps the file read-only and private; *bytes views it while the returned owner lives (the
// mapping is removed with its last copy). nullptr when the file is missing, empty or cannot be
// mapped.
std::shared_ptr<const void> map_file(const std::string& path, std::string_view* bytes);

// Writes bytes to path through a temporary file in the same folder and a rename, creating the
// folder, so a reader maps the old file or the whole new one, never half of it. Best effort for
// caches: false (and no file left behind) when anything fails.
bool write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace newsindex
