// Fuzz target: the JSONL reader (with gzip/zstd detection) on arbitrary bytes, read from an
// in-memory file. Every problem must be reported through the sink, never thrown, except the
// documented InputError for a broken compressed stream.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = memfd_create("fuzz-jsonl", 0);
  if (fd < 0) return 0;
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  try {
    auto reader = newsindex::make_jsonl_reader(newsindex::InputStream::open("/proc/self/fd/" + std::to_string(fd)),
                                               [](const newsindex::ReadProblem&) {});
    newsindex::Article a;
    while (reader->next(a)) {
      if (a.body.empty()) std::abort();  // an article without a body must have been skipped
    }
  } catch (const newsindex::InputError&) {
    // truncated or corrupt .gz/.zst: documented
  }
  close(fd);
  return 0;
}
