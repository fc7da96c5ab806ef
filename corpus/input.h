// Byte input for the readers: files or stdin, gzip and zstd decompressed transparently (detected
// from the content, not the name), read line by line or whole.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "errors.h"  // InputError: a file that cannot be opened or read, or a broken compressed stream

namespace newsindex {

class InputStream {
 public:
  // "-" is standard input. Throws InputError when the file cannot be opened.
  static InputStream open(const std::string& path);
  // Bytes held in memory (a copy is kept), named `name` in messages; compression detected as for files.
  static InputStream from_memory(std::string name, std::string_view bytes);
  InputStream(InputStream&&) noexcept;
  InputStream& operator=(InputStream&&) noexcept;
  ~InputStream();

  // Next line without its "\n" / "\r\n"; false at the end. Throws InputError on a read error or
  // a truncated compressed stream (after delivering everything that was readable).
  bool read_line(std::string& line);
  // Everything that is left.
  std::string read_all();
  // Appends up to n more bytes to `out` (fewer only at the end); returns how many. For binary
  // records such as WARC blocks.
  std::size_t read(std::string& out, std::size_t n);
  // The next (up to) n bytes without consuming them, for format sniffing.
  std::string_view peek(std::size_t n);

  const std::string& name() const;
  std::uint64_t bytes_read() const;  // compressed bytes consumed so far (for progress)

 private:
  struct Impl;
  explicit InputStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Replaces invalid UTF-8 sequences with U+FFFD in place; returns how many were replaced.
std::size_t repair_utf8(std::string& text);

}  // namespace newsindex
