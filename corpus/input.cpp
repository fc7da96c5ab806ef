#include "input.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fmt/format.h>
#include <unicode/utf8.h>
#include <zlib.h>
#include <zstd.h>

namespace newsindex {

namespace {
constexpr std::size_t kChunk = 1 << 17;
enum class Codec { Plain, Gzip, Zstd };
}  // namespace

struct InputStream::Impl {
  std::string name;
  std::FILE* file = nullptr;
  bool owns = false;
  Codec codec = Codec::Plain;
  std::vector<char> raw;         // compressed bytes waiting
  std::size_t raw_pos = 0, raw_len = 0;
  bool raw_eof = false;
  std::string out;               // decompressed bytes waiting
  std::size_t out_pos = 0;
  bool done = false;
  bool stream_finished = true;   // the compressed stream reached its end marker
  std::uint64_t consumed = 0;
  z_stream z{};
  bool z_init = false;
  ZSTD_DStream* zstd = nullptr;
  std::string memory;            // the bytes of a from_memory stream

  ~Impl() {
    if (z_init) inflateEnd(&z);
    if (zstd) ZSTD_freeDStream(zstd);
    if (owns && file) std::fclose(file);
  }

  bool fill_raw() {
    if (raw_pos < raw_len) return true;
    if (raw_eof) return false;
    raw_len = std::fread(raw.data(), 1, raw.size(), file);
    raw_pos = 0;
    consumed += raw_len;
    if (raw_len == 0) {
      if (std::ferror(file)) throw InputError(fmt::format("{}: read error: {}", name, std::strerror(errno)));
      raw_eof = true;
      return false;
    }
    return true;
  }

  void detect() {
    raw.resize(kChunk);
    fill_raw();
    const auto* b = reinterpret_cast<const unsigned char*>(raw.data());
    if (raw_len >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
      codec = Codec::Gzip;
      if (inflateInit2(&z, 15 + 32) != Z_OK) throw InputError(fmt::format("{}: cannot start gzip decoder", name));
      z_init = true;
      stream_finished = false;
    } else if (raw_len >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd) {
      codec = Codec::Zstd;
      zstd = ZSTD_createDStream();
      ZSTD_initDStream(zstd);
      stream_finished = false;
    }
  }

  // Appends more decompressed bytes to `out`; false at the end of input.
  bool produce() {
    if (done) return false;
    if (codec == Codec::Plain) {
      if (!fill_raw()) {
        done = true;
        return false;
      }
      out.append(raw.data() + raw_pos, raw_len - raw_pos);
      raw_pos = raw_len;
      return true;
    }
    std::size_t before = out.size();
    while (out.size() == before) {
      if (!fill_raw()) {
        done = true;
        if (!stream_finished)
          throw InputError(fmt::format("{}: truncated {} stream", name, codec == Codec::Gzip ? "gzip" : "zstd"));
        return false;
      }
      std::size_t old = out.size();
      out.resize(old + kChunk);
      if (codec == Codec::Gzip) {
        z.next_in = reinterpret_cast<Bytef*>(raw.data() + raw_pos);
        z.avail_in = static_cast<uInt>(raw_len - raw_pos);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + old);
        z.avail_out = static_cast<uInt>(kChunk);
        int rc = inflate(&z, Z_NO_FLUSH);
        raw_pos = raw_len - z.avail_in;
        out.resize(old + kChunk - z.avail_out);
        if (rc == Z_STREAM_END) {
          stream_finished = true;
          // Concatenated gzip members (as `cat a.gz b.gz` makes) continue.
          inflateReset(&z);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
          throw InputError(fmt::format("{}: corrupt gzip data ({})", name, z.msg ? z.msg : "inflate failed"));
        } else {
          stream_finished = false;
        }
      } else {
        ZSTD_inBuffer in{raw.data() + raw_pos, raw_len - raw_pos, 0};
        ZSTD_outBuffer o{out.data() + old, kChunk, 0};
        std::size_t rc = ZSTD_decompressStream(zstd, &o, &in);
        raw_pos += in.pos;
        out.resize(old + o.pos);
        if (ZSTD_isError(rc)) throw InputError(fmt::format("{}: corrupt zstd data ({})", name, ZSTD_getErrorName(rc)));
        stream_finished = rc == 0;
      }
    }
    return true;
  }
};

InputStream::InputStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
InputStream::InputStream(InputStream&&) noexcept = default;
InputStream& InputStream::operator=(InputStream&&) noexcept = default;
InputStream::~InputStream() = default;

InputStream InputStream::open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  if (path == "-") {
    impl->name = "<stdin>";
    impl->file = stdin;
  } else {
    impl->name = path;
    impl->file = std::fopen(path.c_str(), "rb");
    if (!impl->file) throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    impl->owns = true;
  }
  impl->detect();
  return InputStream(std::move(impl));
}

InputStream InputStream::from_memory(std::string name, std::string_view bytes) {
  auto impl = std::make_unique<Impl>();
  impl->name = std::move(name);
  impl->memory.assign(bytes);
  if (impl->memory.empty()) {
    impl->raw_eof = true;  // nothing to read; fmemopen refuses a zero-length buffer
  } else {
    impl->file = fmemopen(impl->memory.data(), impl->memory.size(), "rb");
    if (!impl->file) throw InputError(fmt::format("{}: cannot read: {}", impl->name, std::strerror(errno)));
    impl->owns = true;
  }
  impl->detect();
  return InputStream(std::move(impl));
}

bool InputStream::read_line(std::string& line) {
  Impl& s = *impl_;
  line.clear();
  while (true) {
    std::size_t nl = s.out.find('\n', s.out_pos);
    if (nl != std::string::npos) {
      line.append(s.out, s.out_pos, nl - s.out_pos);
      s.out_pos = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    // Keep the unfinished line, drop what was consumed, then decompress more.
    s.out.erase(0, s.out_pos);
    s.out_pos = 0;
    if (!s.produce()) {
      if (s.out.empty()) return false;
      line.swap(s.out);
      s.out.clear();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
  }
}

std::string InputStream::read_all() {
  Impl& s = *impl_;
  while (s.produce()) {
  }
  std::string all = s.out.substr(s.out_pos);
  s.out.clear();
  s.out_pos = 0;
  return all;
}

std::size_t InputStream::read(std::string& out, std::size_t n) {
  Impl& s = *impl_;
  std::size_t got = 0;
  while (got < n) {
    if (s.out_pos == s.out.size()) {
      s.out.clear();
      s.out_pos = 0;
      if (!s.produce()) break;
      continue;
    }
    std::size_t take = std::min(n - got, s.out.size() - s.out_pos);
    out.append(s.out, s.out_pos, take);
    s.out_pos += take;
    got += take;
  }
  return got;
}

std::string_view InputStream::peek(std::size_t n) {
  Impl& s = *impl_;
  while (s.out.size() - s.out_pos < n && s.produce()) {
  }
  return std::string_view(s.out).substr(s.out_pos, n);
}

const std::string& InputStream::name() const { return impl_->name; }
std::uint64_t InputStream::bytes_read() const { return impl_->consumed; }

std::size_t repair_utf8(std::string& text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  // Fast path: valid input is left alone without copying.
  std::int32_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    std::int32_t j = i;
    U8_NEXT(s, j, n, c);
    if (c < 0) break;
    i = j;
  }
  if (i == n) return 0;
  std::string out(text, 0, static_cast<std::size_t>(i));
  std::size_t replaced = 0;
  while (i < n) {
    UChar32 c;
    std::int32_t j = i;
    U8_NEXT(s, j, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
      ++replaced;
    } else {
      out.append(text, static_cast<std::size_t>(i), static_cast<std::size_t>(j - i));
    }
    i = j;
  }
  text.swap(out);
  return replaced;
}

}  // namespace newsindex
