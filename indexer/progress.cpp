#include "progress.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace newsindex {

namespace {

std::string duration(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(seconds, 0.0)));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

std::string format_progress(const IndexingSummary& p) {
  const double secs = std::max(p.seconds, 1e-9);
  const double bytes_per_s = static_cast<double>(p.input_bytes) / secs;
  std::string line = fmt::format("{} articles · {:.0f} articles/s · {:.1f} MB/s", p.indexed(),
                                 static_cast<double>(p.indexed()) / secs, bytes_per_s / 1e6);
  if (p.total_input_bytes > 0) {
    const double done = std::min(1.0, static_cast<double>(p.input_bytes) / static_cast<double>(p.total_input_bytes));
    line += fmt::format(" · {:.0f}%", done * 100);
    if (bytes_per_s > 0 && p.input_bytes > 0)
      line += " · ETA " + duration(static_cast<double>(p.total_input_bytes - std::min(p.input_bytes, p.total_input_bytes)) / bytes_per_s);
  }
  return line;
}

std::string format_summary(const IndexingSummary& s, const std::string& db_path) {
  return fmt::format(
      "indexed {} articles ({} new, {} replaced), skipped {}, warnings {}{} in {:.1f} s ({:.1f} MB/s); {} now holds {} "
      "articles{}",
      s.indexed(), s.added, s.replaced, s.skipped, s.warnings,
      s.failed_inputs ? fmt::format(", unreadable inputs {}", s.failed_inputs) : std::string(), s.seconds,
      static_cast<double>(s.input_bytes) / 1e6 / std::max(s.seconds, 1e-9), db_path, s.articles_in_db,
      s.plan.shards > 1 ? fmt::format(" in {} shards", s.plan.shards) : std::string());
}

}  // namespace newsindex
